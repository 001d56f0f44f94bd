"""Anyone reusing the data finds its licence and how to cite it from every page."""

import pytest

from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def test_every_page_links_the_data_licence_from_its_footer(client):
    case = CaseStudyPageFactory()
    for url in ["/", "/case-studies/", case.url, "/countries/", "/search/?q=x"]:
        footer = client.get(url).content.decode().split('<footer class="site-footer">', 1)[1]
        assert 'href="/licence/"' in footer, url


def test_the_licence_page_states_cc_by_and_how_to_cite(client):
    html = client.get("/licence/").content.decode()
    assert "Creative Commons Attribution 4.0 International licence (CC BY 4.0)" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "How to cite the knowledge base" in html and "ASEAN-China Smart City Knowledge Base (" in html and "http://testserver/ (accessed" in html
    assert 'href="/api/schema/"' in html and 'href="/feeds/new/"' in html
