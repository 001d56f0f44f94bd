"""Browser tests: Debian's Chromium, headless, driven by Playwright, against the site as `make run` serves it.

The site runs in a process of its own (`manage.py runserver` on a free loopback port) on a SQLite file of its
own, migrated and loaded with the shipped starter content, with the database search engine: what a newcomer
gets from `make run`. The tests only look at pages; they never touch the test database.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_SCRIPT = ROOT / "deploy" / "browser" / "chromium.sh"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Everything in this folder is a browser test (`-m "not browser"` leaves them out)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str):
    if os.environ.get("KB_REQUIRE_SERVICES") == "1":
        pytest.fail(f"the browser tests are required (KB_REQUIRE_SERVICES=1) but {reason}", pytrace=False)
    pytest.skip(f"BROWSER TESTS NOT RUN: {reason} (set KB_REQUIRE_SERVICES=1 to make this a failure)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(env: dict, *args: str) -> None:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed for the browser-test site:\n{done.stderr[-2000:]}", pytrace=False)


@pytest.fixture(scope="session")
def site_env():
    """The environment of the browser-test site's manage.py: its own SQLite file and media folder."""
    workdir = Path(tempfile.mkdtemp(prefix="kb-browser-site-"))
    yield {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.dev",
        "DEBUG": "1",  # runserver then serves the static files, as under make run
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SEARCH_BACKEND": "database",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def site_manage(site_env):
    """Runs a manage.py command on the served site's database, for tests that need content of their own."""
    return lambda *args: _manage(site_env, *args)


@pytest.fixture(scope="session")
def site_url(site_env):
    """The starter knowledge base served on loopback, as after `make run`; stopped when the session ends."""
    env, workdir = site_env, Path(site_env["MEDIA_ROOT"]).parent
    for args in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_starter_content", "-v", "0"],
        ["load_translations", "-v", "0"],
        ["rebuild_search_index"],
    ):
        _manage(env, *args)
    port = _free_port()
    log = (workdir / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if server.poll() is not None:
                pytest.fail(f"the browser-test site exited: {(workdir / 'server.log').read_text()[-2000:]}", pytrace=False)
            try:
                urllib.request.urlopen(url + "/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the browser-test site did not answer within 60 s", pytrace=False)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium (deploy/browser/chromium.sh installs it when missing), launched once per module.

    Not once per session: Playwright's sync API keeps an asyncio loop running while it is open, and Django
    refuses database work in the same thread meanwhile (SynchronousOnlyOperation), which later tests need.
    """
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -r requirements-dev.txt)")
    found = subprocess.run(["bash", str(CHROMIUM_SCRIPT)], capture_output=True, text=True, timeout=900)
    if found.returncode != 0:
        _unavailable(f"no Chromium could be had: {found.stderr.strip()[-500:]}")
    executable = found.stdout.strip().splitlines()[-1]
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        except Error as error:
            _unavailable(f"{executable} would not start headless: {error}")
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, site_url):
    """A fresh browser tab (its own cookies) whose relative URLs go to the site; failed requests fail the test."""
    context = chromium.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"JavaScript error: {error}"))
    tab.on("response", lambda response: errors.append(f"HTTP {response.status} for {response.url}") if response.status >= 500 else None)
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture
def phone(chromium, site_url):
    """A tab the size of a small phone, with touch."""
    context = chromium.new_context(base_url=site_url, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
