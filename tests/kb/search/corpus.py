"""A small, realistic catalog for the contract suite, built with factories and removed again afterwards."""

from contextlib import contextmanager

from wagtail.models import Page, PageViewRestriction

from kb.search.documents import documents_for
from projects.models import AgreementPage, CaseStudyPage, City, Domain, Organisation, SolutionPage, Technology, Theme
from tests.factories import (
    AgreementPageFactory,
    CaseStudyLessonFactory,
    CaseStudyPageFactory,
    CaseStudyPartnerFactory,
    CityFactory,
    CountryFactory,
    DomainFactory,
    OrganisationFactory,
    SolutionPageFactory,
    TechnologyFactory,
    ThemeFactory,
)

TRACKED_MODELS = [CaseStudyPage, AgreementPage, SolutionPage, Organisation, City, Theme, Domain, Technology]
PREFIX = "ct-"  # slugs of contract pages, so they never collide with starter content


def snapshot() -> dict:
    return {model: set(model.objects.values_list("pk", flat=True)) for model in TRACKED_MODELS}


def remove_created(before: dict) -> None:
    for model in TRACKED_MODELS:
        for obj in model.objects.exclude(pk__in=before[model]):
            obj.delete()


def local(name: str) -> list:
    return [("local_name", {"language": "zh-Hans", "name": name})]


def build() -> dict:
    """Returns {key: object} for the entries and records the tests talk about."""
    cn, my, th, vn, sg, la = (CountryFactory(code=code) for code in ["CN", "MY", "TH", "VN", "SG", "LA"])
    hangzhou = CityFactory(slug="ct-hangzhou", name="Hangzhou", country=cn, local_names=local("杭州"))
    kuala_lumpur = CityFactory(slug="ct-kuala-lumpur", name="Kuala Lumpur", country=my, local_names=local("吉隆坡"))
    bangkok = CityFactory(slug="ct-bangkok", name="Bangkok", country=th)
    hcmc = CityFactory(slug="ct-ho-chi-minh-city", name="Ho Chi Minh City", country=vn)
    mobility = DomainFactory(slug="ct-mobility", name="CT Mobility")
    safety = DomainFactory(slug="ct-public-safety", name="CT Public safety")
    cctv = TechnologyFactory(slug="ct-cctv", name="CT CCTV")
    ai = TechnologyFactory(slug="ct-ai", name="CT AI")
    privacy = ThemeFactory(slug="ct-privacy", name="CT Privacy and surveillance")
    alibaba = OrganisationFactory(slug="ct-alibaba-cloud", name="Alibaba Cloud", local_names=local("阿里云"))
    huawei = OrganisationFactory(slug="ct-huawei", name="Huawei Technologies")

    brain = CaseStudyPageFactory(
        title="Hangzhou City Brain",
        slug="ct-hangzhou-city-brain",
        summary="A traffic platform that joins road camera feeds and signal timing data to cut congestion in Hangzhou.",
        local_names=local("城市大脑"),
        countries=[cn],
        cities=[hangzhou],
        domains=[mobility],
        technologies=[ai],
        status=CaseStudyPage.Status.ONGOING,
        start_year=2016,
        outcomes="Travel times on monitored corridors fell, as reported by the operator.",
    )
    CaseStudyPartnerFactory(page=brain, organisation=alibaba)
    kl_safe = CaseStudyPageFactory(
        title="Kuala Lumpur Safe City Monitoring",
        slug="ct-kl-safe-city",
        summary="Surveillance cameras with facial recognition across the capital, run from a police command centre.",
        countries=[my],
        cities=[kuala_lumpur],
        domains=[safety],
        technologies=[cctv, ai],
        themes=[privacy],
        status=CaseStudyPage.Status.ONGOING,
        start_year=2019,
        controversies="Civil society groups raised privacy concerns about retention of face images.",
    )
    CaseStudyPartnerFactory(page=kl_safe, organisation=huawei)
    CaseStudyLessonFactory(page=kl_safe, theme=privacy, text="Publish data retention rules before switching cameras on.")
    bangkok_cctv = CaseStudyPageFactory(
        title="Bangkok CCTV Network Upgrade",
        slug="ct-bangkok-cctv",
        summary="The city replaced analogue CCTV with networked cameras at intersections and markets.",
        countries=[th],
        cities=[bangkok],
        domains=[safety],
        technologies=[cctv],
        status=CaseStudyPage.Status.COMPLETED,
        start_year=2015,
    )
    hcmc_traffic = CaseStudyPageFactory(
        title="Ho Chi Minh City Traffic Operations Center",
        slug="ct-hcmc-traffic",
        summary="An operations center in Ho Chi Minh City watches traffic flows and flooding on major roads.",
        countries=[vn],
        cities=[hcmc],
        domains=[mobility],
        technologies=[cctv],
        status=CaseStudyPage.Status.ONGOING,
        start_year=2020,
    )
    sg_sensors = CaseStudyPageFactory(
        title="Singapore Smart Nation Sensor Platform",
        slug="ct-sg-sensors",
        summary="Lamp posts carry sensors for air quality and crowd counts; the platform shares data between agencies.",
        countries=[sg],
        domains=[mobility],
        status=CaseStudyPage.Status.PLANNED,
        start_year=2014,
    )
    statement = AgreementPageFactory(
        title="ASEAN-China Leaders' Statement on Smart City Cooperation Initiative",
        slug="ct-asean-china-statement",
        scope="Leaders agree to cooperate on smart city planning, digital infrastructure and people-to-people exchange.",
        party_countries=[cn, sg, my, th, vn],
        signed_date="2019-11",
        kind=AgreementPage.Kind.STATEMENT,
        status=AgreementPage.Status.ADOPTED,
    )
    laos_mou = AgreementPageFactory(
        title="China-Laos Digital Silk Road Memorandum",
        slug="ct-china-laos-mou",
        scope="A memorandum on broadband backbone and data centre cooperation between the PRC and Lao PDR.",
        party_countries=[cn, la],
        signed_date="2017-05",
        status=AgreementPage.Status.SIGNED,
    )
    huawei_safe = SolutionPageFactory(
        title="Huawei Safe City Solution",
        slug="ct-huawei-safe-city",
        vendor=huawei,
        category="safe city",
        description="Video surveillance, command and control software and a converged network for police.",
        deployments=[kl_safe, bangkok_cctv],
        technologies=[cctv],
    )
    et_brain = SolutionPageFactory(
        title="Alibaba ET City Brain",
        slug="ct-et-city-brain",
        vendor=alibaba,
        category="city brain / IOC",
        description="A cloud platform that fuses city data to tune traffic lights and dispatch services.",
        deployments=[brain],
        technologies=[ai],
    )
    draft = CaseStudyPageFactory(
        title="Unpublished Surveillance Camera Draft",
        slug="ct-draft-surveillance",
        summary="A draft about surveillance cameras and facial recognition in Bangkok.",
        countries=[th],
        cities=[bangkok],
        technologies=[cctv],
        live=False,
    )
    restricted = CaseStudyPageFactory(
        title="Restricted Surveillance Camera Review",
        slug="ct-restricted-surveillance",
        summary="An internal review of surveillance cameras and facial recognition in Kuala Lumpur.",
        countries=[my],
        cities=[kuala_lumpur],
        technologies=[cctv],
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    return {
        "brain": brain,
        "kl_safe": kl_safe,
        "bangkok_cctv": bangkok_cctv,
        "hcmc_traffic": hcmc_traffic,
        "sg_sensors": sg_sensors,
        "statement": statement,
        "laos_mou": laos_mou,
        "huawei_safe": huawei_safe,
        "et_brain": et_brain,
        "draft": draft,
        "restricted": restricted,
        "records": [hangzhou, kuala_lumpur, bangkok, hcmc, privacy, alibaba, huawei],
    }


@contextmanager
def published(page):
    """The draft live for the block, unpublished after it (the corpus is shared by the module's tests)."""
    page.save_revision().publish()
    try:
        yield page
    finally:
        page.refresh_from_db()
        page.unpublish()


def corpus_documents(objects: dict) -> list[dict]:
    """The documents of the corpus only (public ones), whatever else the test database holds."""
    documents = []
    for key, obj in objects.items():
        for item in obj if key == "records" else [obj]:
            documents += documents_for(Page.objects.get(pk=item.pk) if isinstance(item, Page) else item)
    return documents
