"""Every response says what the browser may run and use: a Content-Security-Policy without inline scripts on the
public site (the admin gets only what Wagtail's editor needs) and a Permissions-Policy that grants no device."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from tests.factories import (
    AgreementPageFactory,
    CaseStudyPageFactory,
    CityFactory,
    CountryFactory,
    OrganisationFactory,
    SolutionPageFactory,
    ThemeFactory,
)
from tests.kb.test_settings import run_manage
from tests.projects.admin_support import case_study_form

pytestmark = pytest.mark.django_db

DENIED_DEVICES = ("camera", "microphone", "geolocation", "usb", "payment")


def policy_of(response) -> dict[str, list[str]]:
    assert "Content-Security-Policy" in response, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def assert_denies_devices(response) -> None:
    granted = response.get("Permissions-Policy", "")
    for feature in DENIED_DEVICES:
        assert f"{feature}=()" in granted, f"{feature} not denied on {response.request['PATH_INFO']}: {granted!r}"


def assert_public_policy(response) -> None:
    policy = policy_of(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert_denies_devices(response)


@pytest.fixture
def public_urls() -> list[str]:
    """One URL of every kind a reader can open."""
    case, other_case = CaseStudyPageFactory(title="Hangzhou City Brain"), CaseStudyPageFactory(title="Da Nang operations centre")
    agreement = AgreementPageFactory(title="Smart city statement")
    solution = SolutionPageFactory(title="City Brain platform")
    records = [
        CountryFactory(code="CN"),
        CityFactory(name="Hangzhou"),
        OrganisationFactory(name="Alibaba Cloud"),
        ThemeFactory(name="Vendor dependence"),
    ]
    indexes = [entry.get_parent() for entry in (case, agreement, solution)]
    lists = [reverse(name) for name in ("country_list", "city_list", "organisation_list", "theme_list")]
    return [
        Page.objects.get(depth=2).url,
        *[page.url for page in (case, agreement, solution, *indexes)],
        *lists,
        *[record.get_absolute_url() for record in records],
        reverse("search") + "?q=brain",
        reverse("compare_countries") + "?country=CN&country=SG",
        reverse("compare_cases") + f"?case={case.slug}&case={other_case.slug}",
        reverse("lessons"),
        reverse("feed_new"),
        reverse("api:api_search") + "?q=brain",
    ]


def test_every_public_page_kind_allows_scripts_and_styles_only_from_the_site_and_no_device(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_policy(response)


def test_a_missing_page_carries_the_same_policy(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_public_policy(response)


@pytest.mark.parametrize("url_name", ["wagtailadmin_login", "wagtailadmin_home", "admin:login", "admin:index"])
def test_the_admin_allows_the_inline_code_of_wagtails_editor_and_nothing_from_elsewhere(admin_client, url_name):
    response = admin_client.get(reverse(url_name), follow=True)

    assert response.status_code == 200
    policy = policy_of(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"] and policy["connect-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert_denies_devices(response)


def test_the_page_editor_may_frame_its_preview_which_keeps_the_public_script_policy(admin_client):
    page = CaseStudyPageFactory(title="Previewed entry", slug="previewed-entry")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert admin_client.post(preview_url, case_study_form(title="Previewed entry, new title", slug=page.slug)).json()["is_valid"]

    response = admin_client.get(preview_url, {"in_preview_panel": "true"})

    assert response.status_code == 200 and "Previewed entry, new title" in response.content.decode()
    policy = policy_of(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]


@pytest.mark.parametrize("module", ["kb.settings.dev", "kb.settings.production"])
def test_every_settings_module_installs_both_policies(module):
    """The tests above run on kb.settings.test; development and production install the same middleware and policy."""
    shown = run_manage(
        "shell",
        "-c",
        "from django.conf import settings;"
        " print([name for name in settings.MIDDLEWARE if 'Policy' in name]);"
        " print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'], sorted(settings.PERMISSIONS_POLICY)[:3])",
        DJANGO_SETTINGS_MODULE=module,
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-0123456789",
    )
    assert shown.stdout.strip().splitlines()[-2:] == [
        "['kb.security.ContentSecurityPolicyMiddleware', 'django_permissions_policy.PermissionsPolicyMiddleware']",
        "[\"'self'\"] ['accelerometer', 'autoplay', 'browsing-topics']",
    ], shown.stderr[-2000:]


INLINE_CODE = {
    "inline <script> code": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE),
    "a <style> element": re.compile(r"<style\b", re.IGNORECASE),
    "a style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_needs_what_the_public_policy_forbids():
    offences = []
    for template in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        offences += [f"{template.name}: {what}" for what, pattern in INLINE_CODE.items() if pattern.search(text)]
    assert offences == []
