"""One factory per catalog model. Also used to generate benchmark corpora."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from projects.models import (
    AgreementIndexPage,
    AgreementPage,
    CaseStudyIndexPage,
    CaseStudyLesson,
    CaseStudyPage,
    CaseStudyPartner,
    City,
    Country,
    Domain,
    Organisation,
    SolutionIndexPage,
    SolutionPage,
    Technology,
    Theme,
)


def source_stream(n=1):
    return [
        (
            "source",
            {"title": f"Report {i}", "url": f"https://example.org/report-{i}", "publisher": "Example Press", "published": "2020-05", "accessed": ""},
        )
        for i in range(1, n + 1)
    ]


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "SG"
    name = factory.LazyAttribute(lambda o: {"SG": "Singapore", "CN": "China", "TH": "Thailand", "MY": "Malaysia"}.get(o.code, f"Country {o.code}"))


class DomainFactory(DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Domain {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class TechnologyFactory(DjangoModelFactory):
    class Meta:
        model = Technology
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Technology {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    definition = factory.LazyAttribute(lambda o: f"What {o.name} means for planners.")
    sources = factory.LazyFunction(source_stream)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    kind = Organisation.Kind.COMPANY
    hq_country = factory.SubFactory(CountryFactory, code="CN")
    description = "Supplies city platforms."
    sources = factory.LazyFunction(source_stream)


class CityFactory(DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    country = factory.SubFactory(CountryFactory)
    sources = factory.LazyFunction(source_stream)


class EntryPageFactory(wagtail_factories.PageFactory):
    """Entries are created under their (single) index page, live, with one source."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    sources = factory.LazyFunction(source_stream)
    live = True


class CaseStudyPageFactory(EntryPageFactory):
    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "A city platform that joins traffic cameras and data."
    status = CaseStudyPage.Status.ONGOING
    start_year = 2018
    parent = factory.LazyFunction(lambda: CaseStudyIndexPage.objects.get())

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create:
            self.countries.set(extracted if extracted is not None else [CountryFactory()])
            self.save()

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)
            self.save()

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)
            self.save()

    @factory.post_generation
    def technologies(self, create, extracted, **kwargs):
        if create and extracted:
            self.technologies.set(extracted)
            self.save()

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()


class CaseStudyPartnerFactory(DjangoModelFactory):
    class Meta:
        model = CaseStudyPartner

    page = factory.SubFactory(CaseStudyPageFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = CaseStudyPartner.Role.VENDOR


class CaseStudyLessonFactory(DjangoModelFactory):
    class Meta:
        model = CaseStudyLesson

    page = factory.SubFactory(CaseStudyPageFactory)
    theme = factory.SubFactory(ThemeFactory)
    text = "Start with one district before going city-wide."


class AgreementPageFactory(EntryPageFactory):
    class Meta:
        model = AgreementPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Agreement {n}")
    kind = AgreementPage.Kind.MOU
    status = AgreementPage.Status.SIGNED
    signed_date = "2019-11"
    scope = "Cooperation on smart city pilots and data sharing."
    parent = factory.LazyFunction(lambda: AgreementIndexPage.objects.get())

    @factory.post_generation
    def party_countries(self, create, extracted, **kwargs):
        if create:
            self.party_countries.set(extracted if extracted is not None else [CountryFactory(code="CN"), CountryFactory(code="SG")])
            self.save()

    @factory.post_generation
    def related_case_studies(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_case_studies.set(extracted)
            self.save()


class SolutionPageFactory(EntryPageFactory):
    class Meta:
        model = SolutionPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Solution {n}")
    vendor = factory.SubFactory(OrganisationFactory)
    category = "city brain / IOC"
    description = "A platform that merges departmental data for city operations."
    parent = factory.LazyFunction(lambda: SolutionIndexPage.objects.get())

    @factory.post_generation
    def deployments(self, create, extracted, **kwargs):
        if create and extracted:
            self.deployments.set(extracted)
            self.save()

    @factory.post_generation
    def technologies(self, create, extracted, **kwargs):
        if create and extracted:
            self.technologies.set(extracted)
            self.save()


class OfficialsOnlyRestrictionFactory(DjangoModelFactory):
    """Wagtail page privacy: only members of the Officials group may see `page` and its descendants."""

    class Meta:
        model = "wagtailcore.PageViewRestriction"
        skip_postgeneration_save = True

    restriction_type = "groups"

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create:
            self.groups.set(extracted if extracted is not None else [Group.objects.get(name="Officials")])
