"""Under `make run` the task worker runs beside the web server on the SQLite file. An import and a publish from
other processes meanwhile both succeed (no "database is locked"), the worker does the queued work, and its output
stays quiet: no line per task, no object names."""

import pytest
import yaml

from .site import ROOT, suite_database_url

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(suite_database_url() is not None, reason="about SQLite, the embedded default: runs in the SQLite run"),
]

WORKER = ("db_worker", "--interval", "2", "--no-reload")  # as the Makefile's serve target runs it
WORD = "quokkalock"


def import_file(path, count: int):
    records = [
        {
            "slug": f"{WORD}-pilot-{number}",
            "title": f"Quokkalock Pilot {number}",
            "summary": f"A {WORD} sensor pilot, number {number}, along the harbour.",
            "body": ["The city tried it in one district first."],
            "countries": ["SG"],
            "status": "ongoing",
            "start_year": 2020,
            "confidence": "medium",
            "sources": [{"title": "City report", "url": f"https://example.org/quokkalock/{number}"}],
        }
        for number in range(count)
    ]
    path.write_text(yaml.safe_dump({"case_studies": records}))
    return path


def test_an_import_and_a_publish_beside_the_running_worker_succeed_and_reach_search(sqlite_site, tmp_path):
    assert " ".join(WORKER) in (ROOT / "Makefile").read_text()  # the worker this test runs is the one make run starts
    site = sqlite_site
    # A writer waits for the one before it up to SQLITE_TIMEOUT (20 s). The import holds the write lock for its whole
    # run, which on two cores shared with other test runs can take longer: wait as long as it takes here.
    site.env["SQLITE_TIMEOUT"] = "300"
    site.probe("entry", f"{WORD}-ferry", "Quokkalock Ferry Tracker")
    worker = site.command(*WORKER)

    importing = site.command("import_entries", str(import_file(tmp_path / "twenty.yaml", 20)))
    publishing = site.command(
        "shell", "--verbosity", "0", "--command", f"from tests.kb.ops import probes; probes.publish_title('{WORD}-ferry', 'Quokkalock Ferry Live')"
    )
    report = site.finish(importing)
    site.finish(publishing)

    assert "create 20" in report and "error 0" in report, report
    assert "locked" not in report
    queue = site.wait_for("queue", lambda state: state["waiting"] == 0, deadline_seconds=300)
    assert queue["failed"] == []
    found = site.probe("search_titles", WORD)
    assert set(found) == {f"{WORD}-pilot-{number}" for number in range(20)} | {f"{WORD}-ferry"}
    assert found[f"{WORD}-ferry"] == "Quokkalock Ferry Live"

    assert worker.poll() is None  # still serving
    site.stop()
    said = site.output(worker)
    assert "Task id=" not in said and " object at 0x" not in said, said[:2000]
