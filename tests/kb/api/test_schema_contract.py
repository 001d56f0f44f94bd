"""The API does what /api/schema/ says: schemathesis generates requests from the schema (valid ones and invalid ones,
bounded to 25 examples an operation) against the starter site as `make run` serves it, and every answer must match
the documented status codes, content types and response schemas, with no 5xx and a 405 for undocumented methods."""

import subprocess
import sys
from pathlib import Path

import pytest

CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.mark.slow
def test_every_operation_keeps_the_contract_its_schema_states(site_url):
    command = [sys.executable, "-m", "schemathesis.cli", "--no-color", "--config-file", str(CONFIG), "run", f"{site_url}/api/schema/"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    report = done.stdout[-6000:] + done.stderr[-2000:]
    assert done.returncode == 0, f"schemathesis found mismatches between /api/schema/ and the API:\n{report}"
    assert "17 selected / 17 total" in done.stdout, report
