"""Fixtures shared by the whole suite.

`starter_content` puts the shipped starter catalog (projects/starter_content/*.yaml, loaded with
`manage.py load_starter_content`) into the test database ONCE per session. Request it like any
fixture, next to `db` or `client`, and use the database as usual: each test still runs in its own
transaction, so what a test changes is rolled back and the starter content stays as loaded.

    def test_every_case_study_page_renders(starter_content, client): ...
    pytestmark = pytest.mark.usefixtures("starter_content")   # a whole module

Because the content lives outside the per-test transactions, tests that need it run after every
other test (see pytest_collection_modifyitems below: tests that request it, directly, through a
fixture, or with `request.getfixturevalue("starter_content")`, are moved to the end), so tests that
expect an empty catalog never see it. It is removed again when the session ends, so that
`--reuse-db` sessions start from an empty catalog. Works on SQLite and PostgreSQL.
"""

import inspect

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from tests.catalog import remove_catalog

STARTER_FIXTURE = "starter_content"


@pytest.fixture(scope="session")
def starter_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.in_atomic_block:
            raise RuntimeError("starter_content was first requested inside a test's transaction, where it would be rolled back.")
        call_command("load_starter_content", verbosity=0)
        call_command("load_translations", verbosity=0)
    yield
    with django_db_blocker.unblock():
        remove_catalog()


def _uses_starter_content(item) -> bool:
    if STARTER_FIXTURE in getattr(item, "fixturenames", ()):
        return True
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    if info is not None:
        functions += [definition.func for definitions in info.name2fixturedefs.values() for definition in definitions]
    for function in functions:
        try:
            if function is not None and f'"{STARTER_FIXTURE}"' in inspect.getsource(function):
                return True
        except (OSError, TypeError):
            continue
    return False


def pytest_sessionstart(session):
    """The Chinese interface needs its compiled catalogue, as `make setup` compiles it (with Babel, no gettext)."""
    call_command("compile_catalogues", verbosity=0)


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Each test starts in the default language: a request for a /zh-hans/ page leaves Chinese active in the thread
    (LocaleMiddleware never switches back), so a later test's reverse() would otherwise build Chinese URLs."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts on a new catalog version, so no answer an earlier test kept (showing rows its transaction rolled
    back) is served; Wagtail's own cached values (the sites' root paths) stay, so a test's first request costs the
    same queries as its next ones."""
    from kb.cache import VERSION_KEY

    cache.delete(VERSION_KEY)


def pytest_collection_modifyitems(session, config, items):
    """Tests on the starter catalog run last, in their own order, after the tests that expect an empty one."""
    using = {item for item in items if _uses_starter_content(item)}
    for item in using:
        if STARTER_FIXTURE not in item.fixturenames:
            # Set up before `db` opens the test's transaction, even when the test asks with getfixturevalue().
            item.fixturenames.insert(0, STARTER_FIXTURE)
    items.sort(key=lambda item: item in using)
