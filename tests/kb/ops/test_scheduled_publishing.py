"""An entry scheduled to go live is published when its time comes by the scheduler `make run` starts beside the
worker (manage.py run_scheduler, Wagtail's publish_scheduled every minute), with nobody running a command."""

import pytest

from .site import ROOT

pytestmark = pytest.mark.slow

SLUG = "quokka-night-buses"


def test_an_entry_scheduled_to_go_live_is_published_by_the_scheduler_once_its_time_has_passed(site):
    scheduled = site.probe("schedule", SLUG, "Quokka Night Buses", 5)
    assert scheduled == {"live": False, "status": 404, "past_go_live": False}

    late = site.wait_for("page_state", lambda state: state["past_go_live"], SLUG)
    assert (late["live"], late["status"]) == (False, 404)  # its time has passed, and nothing published it

    assert "$(MANAGE) run_scheduler &" in (ROOT / "Makefile").read_text()  # make run starts it beside the worker
    site.command("run_scheduler", "--interval", "1")  # every second here, not every minute
    published = site.wait_for("page_state", lambda state: state["live"], SLUG)
    assert published["status"] == 200
