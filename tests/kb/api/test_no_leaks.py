"""The permission matrix of open data: drafts, restricted entries and notes to editors never reach an API response,
a CSV download or a feed, for any reader; entries restricted to officials reach officials' API answers and downloads
(as their pages do) but never a feed, which is public whoever fetches it."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import (
    AgreementPageFactory,
    CaseStudyLessonFactory,
    CaseStudyPageFactory,
    CityFactory,
    CountryFactory,
    OfficialsOnlyRestrictionFactory,
    OrganisationFactory,
    SolutionPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
SECRET_NOTE = "Editors only: the ministry asked us to hold this"

API = [
    "/api/case-studies/",
    "/api/agreements/",
    "/api/solutions/",
    "/api/lessons/",
    "/api/countries/",
    "/api/cities/",
    "/api/organisations/",
    "/api/themes/",
    "/api/case-studies/?country=TH",
    "/api/solutions/?country=TH",
    "/api/agreements/visible-agreement/",
    "/api/solutions/visible-solution/",
    "/api/search/?q=leaky",
    "/api/search/suggest/?q=Leaky",
]
CSV = [
    "/case-studies/?format=csv",
    "/agreements/?format=csv",
    "/solutions/?format=csv",
    "/solutions/?format=csv&country=TH",
    "/countries/th/?format=csv",
    "/cities/leak-city/?format=csv",
    "/organisations/leak-vendor/?format=csv",
    "/themes/leak-theme/?format=csv",
    "/search/?q=leaky&format=csv",
]
# Lists of records, and search (whose index these tests do not fill), need not show the visible entries.
RECORD_LISTS = ("/api/countries/", "/api/cities/", "/api/organisations/", "/api/themes/", "/api/search/", "/search/")
FEEDS = ["/feeds/new/", "/feeds/case-studies/", "/feeds/countries/th/", "/feeds/themes/leak-theme/"]


@pytest.fixture
def catalog():
    """A visible entry of each type pointing at hidden ones, and a draft and an officials-only entry of each type."""
    thailand, city = CountryFactory(code="TH", name="Thailand"), None
    city = CityFactory(slug="leak-city", name="Leak City", country=thailand)
    vendor, theme = OrganisationFactory(slug="leak-vendor", name="Leak Vendor"), ThemeFactory(slug="leak-theme", name="Leak theme")
    where = {"countries": [thailand], "cities": [city], "themes": [theme]}
    visible = CaseStudyPageFactory(title="Visible leaky case", slug="visible-case", editor_notes=SECRET_NOTE, **where)
    CaseStudyLessonFactory(page=visible, theme=theme, text="Visible leaky lesson")
    hidden = []
    for state in ("Draft", "Restricted"):
        case = CaseStudyPageFactory(title=f"{state} leaky case", slug=f"{state.lower()}-case", live=state != "Draft", **where)
        CaseStudyLessonFactory(page=case, theme=theme, text=f"{state} leaky lesson")
        agreement = AgreementPageFactory(title=f"{state} leaky agreement", live=state != "Draft", party_countries=[thailand])
        solution = SolutionPageFactory(title=f"{state} leaky solution", live=state != "Draft", vendor=vendor, deployments=[case])
        if state == "Restricted":
            for entry in (case, agreement, solution):
                OfficialsOnlyRestrictionFactory(page=entry)
        hidden += [case, agreement, solution]
    AgreementPageFactory(
        title="Visible leaky agreement", slug="visible-agreement", party_countries=[thailand], related_case_studies=hidden[::3] + [visible]
    )
    SolutionPageFactory(title="Visible leaky solution", slug="visible-solution", vendor=vendor, deployments=hidden[::3] + [visible])
    return hidden


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def leaks(text: str, hidden, states=("Draft", "Restricted")) -> list[str]:
    wanted = [entry for entry in hidden if entry.title.split()[0] in states]
    return [entry.title for entry in wanted if entry.title in text or f"/{entry.slug}/" in text or f'"{entry.slug}"' in text] + (
        ["editor note"] if SECRET_NOTE in text else []
    )


@pytest.fixture(params=["anonymous", "signed-in", "official"])
def reader(request, client, django_user_model):
    if request.param != "anonymous":
        user = django_user_model.objects.create_user(request.param, password="not-used")
        if request.param == "official":
            user.groups.add(Group.objects.get(name="Officials"))
        client.force_login(user)
    return request.param


@pytest.mark.parametrize("url", API + CSV)
def test_api_answers_and_downloads_show_a_reader_only_what_their_pages_show(client, catalog, reader, url):
    text = body(client, url)
    if not url.startswith(RECORD_LISTS):
        assert "Visible leaky" in text, f"the visible entries are missing from {url}"
    assert leaks(text, catalog, states=("Draft",) if reader == "official" else ("Draft", "Restricted")) == [], url


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_never_hold_drafts_restricted_entries_or_notes_even_for_an_official(client, catalog, reader, url):
    assert leaks(body(client, url), catalog) == [], url


def test_officials_get_entries_restricted_to_them_through_the_api_and_downloads(client, catalog, django_user_model):
    official = django_user_model.objects.create_user("official", password="not-used")
    official.groups.add(Group.objects.get(name="Officials"))
    client.force_login(official)
    assert "Restricted leaky case" in body(client, "/api/case-studies/") and "Restricted leaky case" in body(client, "/case-studies/?format=csv")
    assert client.get("/api/case-studies/draft-case/").status_code == 404
