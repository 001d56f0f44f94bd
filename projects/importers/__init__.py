"""Bulk import and export of catalog entries in the format of FORMAT.md (YAML, CSV, JSON)."""

from .exporter import export_csv, export_records
from .importer import Action, ImportReport, import_files

__all__ = ["Action", "ImportReport", "export_csv", "export_records", "import_files"]
