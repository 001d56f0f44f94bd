import pytest

from .site import PostgresDatabases, Site, SqliteDatabases, suite_database_url


def _migrated(databases, folder):
    databases.create_template(lambda url: Site(folder, url).manage("migrate", "--no-input", "--verbosity", "0"))
    return databases


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kb-site-sqlite")
    yield _migrated(SqliteDatabases(folder), folder)


@pytest.fixture(scope="session")
def suite_databases(request, tmp_path_factory):
    """Databases on the engine the suite runs on."""
    server = suite_database_url()
    if server is None:
        yield request.getfixturevalue("sqlite_databases")
        return
    databases = _migrated(PostgresDatabases(server), tmp_path_factory.mktemp("kb-site-postgres"))
    yield databases
    databases.drop_template()


def _site(databases, workdir):
    site = Site(workdir, databases.copy(workdir))
    try:
        yield site
    finally:
        site.stop()
        databases.drop(site.database_url)


@pytest.fixture
def sqlite_site(sqlite_databases, tmp_path):
    """A site on a SQLite file, as `make run` has it."""
    yield from _site(sqlite_databases, tmp_path)


@pytest.fixture
def site(suite_databases, tmp_path):
    """A site on the engine the suite runs on."""
    yield from _site(suite_databases, tmp_path)
