"""`make backup` writes the database and the media to var/backups/<timestamp>/; `make restore BACKUP=...` brings
back what was deleted since: entries with their revisions and drafts, users, uploaded pictures, and search finds
the entries again. On SQLite, and on PostgreSQL when the suite runs there."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_a_restore_brings_back_deleted_entries_revisions_drafts_users_and_pictures(site):
    site.probe("make_catalog")
    before = site.probe("snapshot")
    harbour = before["entries"]["backup-harbour-sensors"]
    assert harbour["revisions"] == 2 and harbour["has_unpublished_changes"] and harbour["status"] == 200
    assert before["entries"]["backup-tram-pilot"]["live"] is False
    assert before["users"]["amara"] == {"groups": ["Editors"], "superuser": False, "editor_password_works": True}
    assert before["pictures"]["Harbour sensor map"]["sha256"]

    folder = Path(site.manage("backup_site").strip().splitlines()[-1])
    assert folder.parent == site.workdir / "backups"

    site.probe("delete_catalog")
    site.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")  # the worker removes files and index entries
    assert site.probe("snapshot") == {"entries": {}, "users": {}, "pictures": {}}
    assert not (site.workdir / "media" / before["pictures"]["Harbour sensor map"]["file"]).exists()
    assert site.probe("search_titles", "backup") == {}

    refused = site.refused("restore_site", "--no-input", str(site.workdir / "media"))
    assert "is not a backup written by `make backup`" in refused and "Traceback" not in refused

    said = site.manage("restore_site", "--no-input", str(folder))
    assert f"Restored {folder}" in said
    assert site.probe("snapshot") == before
    assert site.probe("search_titles", "backup") == {
        "backup-harbour-sensors": "Backup Harbour Sensors, second edition",
        "backup-river-gauges": "Backup River Gauges",
    }
