"""The starter site served as `make run` serves it (the browser tests' fixture), for tests that call it over HTTP."""

from tests.browser.conftest import site_url  # noqa: F401 - a fixture, reused rather than written twice
