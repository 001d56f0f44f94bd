"""The starter site served as `make run` serves it (the browser tests' fixtures), for tests that call it over HTTP."""

from tests.browser.conftest import site_env, site_url  # noqa: F401 - fixtures, reused rather than written twice
