"""One serializer per entry type, used by both export (dump) and import (apply, validate, save)."""

from django.core.exceptions import ValidationError
from django.db.models import Model
from wagtail.log_actions import log
from wagtail.models import RevisionMixin

from .. import models
from .fields import (
    BlockErrors,
    BodyField,
    BooleanField,
    ChildList,
    Field,
    InvalidCell,
    LocalNamesField,
    Reference,
    ReferenceList,
    SourcesStreamField,
)

SOURCED = [LocalNamesField("local_names"), Field("confidence"), Field("notes"), SourcesStreamField("sources")]


def record_fields(*fields: Field) -> list[Field]:
    """A shared record's columns: its slug and name, then `fields`, its description and its sources."""
    return [Field("slug"), Field("name"), *fields, Field("description"), *SOURCED]


class Serializer:
    """Maps records of one type onto one model."""

    type: str  # the CSV `type` value, singular
    section: str  # the YAML key, plural
    model: type[Model]
    key = "slug"
    fields: list[Field]
    prefetch: tuple[str, ...] = ()
    select: tuple[str, ...] = ()

    @property
    def field_names(self) -> list[str]:
        return [field.name for field in self.fields]

    def queryset(self):
        return self.model.objects.select_related(*self.select).prefetch_related(*self.prefetch)

    def dump(self, obj) -> dict:
        return {field.name: field.dump(obj) for field in self.fields}

    def new(self):
        return self.model()

    def apply(self, obj, record: dict, refs) -> list[tuple[str, str]]:
        """Set every field the record names; returns (field, message) pairs for values that cannot be used."""
        errors: list[tuple[str, str]] = []
        for field in self.fields:
            if field.name not in record:
                continue
            value = record[field.name]
            try:
                if isinstance(value, InvalidCell):
                    raise ValidationError(value.message)
                if has_nul(value):  # PostgreSQL refuses the whole record over it
                    raise ValidationError("Contains a NUL character (0x00): remove it.")
                field.apply(obj, value, refs)
            except ValidationError as error:
                errors += [(field.name, message) for message in error.messages]
            except BlockErrors as error:
                errors += error.pairs
            except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError):
                # A value of a shape no field expects (a list where text goes, a number where markup goes).
                errors.append((field.name, f"Cannot use {short(value)} here: see FORMAT.md for this field."))
        return errors

    def validate(self, obj, failed: set[str]) -> list[tuple[str, str]]:
        """The model's own validation (field validators, clean(), uniqueness) on the fields we manage."""
        managed = {field.attribute for field in self.fields}
        exclude = [field.name for field in obj._meta.fields if field.name not in managed or field.name in failed]
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as error:
            return [(field, message) for field, messages in error.message_dict.items() for message in messages]
        return []

    def save(self, obj, created: bool, user=None) -> None:
        """Saved as the admin would: a revision where the model keeps them, and an audit-log entry naming the user."""
        obj.save()
        revision = obj.save_revision(user=user, clean=False) if isinstance(obj, RevisionMixin) else None
        log(instance=obj, action="wagtail.create" if created else "wagtail.edit", user=user, revision=revision, content_changed=True)


def has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False


def short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class CountrySerializer(Serializer):
    type, section, model, key = "country", "countries", models.Country, "code"
    fields = [Field("code"), Field("name"), Field("local_name"), BooleanField("is_asean_member"), Field("asean_joined")]


class DomainSerializer(Serializer):
    type, section, model = "domain", "domains", models.Domain
    fields = [Field("slug"), Field("name"), Field("description")]


class TechnologySerializer(DomainSerializer):
    type, section, model = "technology", "technologies", models.Technology


class ThemeSerializer(Serializer):
    type, section, model = "theme", "themes", models.Theme
    fields = record_fields(Field("definition"))


class OrganisationSerializer(Serializer):
    type, section, model = "organisation", "organisations", models.Organisation
    select = ("hq_country",)
    fields = record_fields(Field("kind"), Reference("hq_country", "country"), Field("website", null_when_empty=True))


class CitySerializer(Serializer):
    type, section, model = "city", "cities", models.City
    select = ("country",)
    fields = record_fields(
        Reference("country", "country"),
        Field("region"),
        Field("latitude"),
        Field("longitude"),
        Field("population"),
        Field("population_year"),
        BooleanField("ascn_pilot"),
        Field("ascn_joined"),
    )


class PageSerializer(Serializer):
    """Entries are pages under their index page; every change is a published revision."""

    def queryset(self):
        return super().queryset().order_by("path")

    def new(self):
        return self.model(live=False)

    def validate(self, obj, failed: set[str]) -> list[tuple[str, str]]:
        if not obj.title and "title" not in failed:
            failed = failed | {"title"}
            errors = [("title", "This field cannot be blank.")]
        else:
            errors = []
        return errors + super().validate(obj, failed)

    def save(self, obj, created: bool, user=None) -> None:
        """As the admin does: creating logs `wagtail.create`, a change `wagtail.edit`, then the revision is published."""
        if created:
            obj.owner = user
            self.model.index_page().add_child(instance=obj)
        revision = obj.save_revision(user=user, clean=False, changed=True, log_action=not created)
        # `user` is attribution: whoever runs the command already has the shell's authority over the catalog.
        revision.publish(user=user, skip_permission_checks=True)


class CaseStudySerializer(PageSerializer):
    type, section, model = "case_study", "case_studies", models.CaseStudyPage
    prefetch = ("countries", "cities", "domains", "technologies", "themes", "partners__organisation", "funding", "lessons__theme")
    fields = [
        Field("slug"),
        Field("title"),
        Field("summary"),
        BodyField("body"),
        ReferenceList("countries", "country"),
        ReferenceList("cities", "city"),
        ReferenceList("domains", "domain"),
        ReferenceList("technologies", "technology"),
        ReferenceList("themes", "theme"),
        Field("status"),
        Field("start_year"),
        Field("end_year"),
        ChildList("partners", models.CaseStudyPartner, {"organisation": "organisation", "role": None}),
        ChildList("funding", models.CaseStudyFunding, {"amount": None, "currency": None, "source": None, "note": None}),
        Field("outcomes"),
        ChildList("lessons", models.CaseStudyLesson, {"theme": "theme", "text": None}),
        Field("controversies"),
        Field("last_reviewed", null_when_empty=True, text=True),
        *SOURCED,
    ]


class AgreementSerializer(PageSerializer):
    type, section, model = "agreement", "agreements", models.AgreementPage
    prefetch = ("party_countries", "party_organisations", "related_case_studies")
    fields = [
        Field("slug"),
        Field("title"),
        Field("kind"),
        ReferenceList("party_countries", "country"),
        ReferenceList("party_organisations", "organisation"),
        Field("signed_date", null_when_empty=True, text=True),
        Field("in_force_date", null_when_empty=True, text=True),
        Field("status"),
        Field("status_note"),
        Field("scope"),
        Field("document_url", null_when_empty=True),
        ReferenceList("related_case_studies", "case_study"),
        *SOURCED,
    ]


class SolutionSerializer(PageSerializer):
    type, section, model = "solution", "solutions", models.SolutionPage
    select = ("vendor",)
    prefetch = ("technologies", "domains", "deployments")
    fields = [
        Field("slug"),
        Field("title"),
        Reference("vendor", "organisation"),
        Field("category"),
        ReferenceList("technologies", "technology"),
        ReferenceList("domains", "domain"),
        Field("description"),
        ReferenceList("deployments", "case_study"),
        *SOURCED,
    ]


# Applied in this order, so a record may point at any record of an earlier section.
SERIALIZERS: list[Serializer] = [
    CountrySerializer(),
    DomainSerializer(),
    TechnologySerializer(),
    ThemeSerializer(),
    OrganisationSerializer(),
    CitySerializer(),
    CaseStudySerializer(),
    AgreementSerializer(),
    SolutionSerializer(),
]
BY_TYPE = {serializer.type: serializer for serializer in SERIALIZERS}
BY_SECTION = {serializer.section: serializer for serializer in SERIALIZERS}
