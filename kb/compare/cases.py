"""Case studies side by side: /compare/cases/?case=SLUG&case=SLUG (two to four), every field aligned row by row.

The URL is the whole state, so a comparison can be shared and printed. Unknown slugs and case studies the reader may
not see get the same answer, so a comparison never reveals that a restricted entry exists.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.links import entry_list_url
from projects.models import AgreementPage, CaseStudyLesson, CaseStudyPage, CaseStudyPartner, SolutionPage
from projects.visibility import visible_entries

MIN_CASES = 2
MAX_CASES = 4
MAX_SLUG_LENGTH = 255


class CaseChoiceError(ValueError):
    """The cases asked for cannot be compared; the message says why, for the reader."""


@dataclass
class Item:
    text: str
    url: str = ""


@dataclass
class FieldRow:
    label: str
    cells: list[tuple[CaseStudyPage, list[Item]]]  # one per compared case study, in their order

    @property
    def differs(self) -> bool:
        return len({tuple((item.text, item.url) for item in items) for _, items in self.cells}) > 1


@dataclass
class CaseComparison:
    cases: list[CaseStudyPage]
    rows: list[FieldRow]


def chosen_slugs(query: QueryDict) -> list[str]:
    """The case-study slugs in the query string, in the order given, once each (?case=a&case=b or ?case=a,b)."""
    slugs = [slug.strip()[:MAX_SLUG_LENGTH] for raw in query.getlist("case") for slug in raw.split(",") if slug.strip()]
    return list(dict.fromkeys(slugs))


def comparison_url(slugs: list[str]) -> str:
    return reverse("compare_cases") + "?" + urlencode([("case", slug) for slug in slugs])


def compare_cases(request: HttpRequest, slugs: list[str]) -> CaseComparison:
    """The case studies with these slugs, field by field; CaseChoiceError when they cannot be compared."""
    if len(slugs) > MAX_CASES:
        raise CaseChoiceError(_("Compare at most %(most)d case studies at a time; you chose %(chosen)d.") % {"most": MAX_CASES, "chosen": len(slugs)})
    found = {case.slug: case for case in _cases(request, slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise CaseChoiceError(
            ngettext("There is no case study at “%(slugs)s”.", "There are no case studies at “%(slugs)s”.", len(missing))
            % {"slugs": "”, “".join(missing)}
        )
    if len(slugs) < MIN_CASES:
        raise CaseChoiceError(_("Choose at least %(least)d case studies to compare.") % {"least": MIN_CASES})
    cases = [found[slug] for slug in slugs]
    return CaseComparison(cases, [FieldRow(label, [(case, describe(request, case)) for case in cases]) for label, describe in _fields()])


def _cases(request: HttpRequest, slugs: list[str]):
    return (
        visible_entries(CaseStudyPage, request)
        .filter(slug__in=slugs)
        .prefetch_related(
            "countries",
            "cities",
            "domains",
            "technologies",
            "funding",
            Prefetch("partners", queryset=CaseStudyPartner.objects.select_related("organisation__hq_country")),
            Prefetch("lessons", queryset=CaseStudyLesson.objects.select_related("theme")),
            Prefetch("agreements", queryset=visible_entries(AgreementPage, request).order_by("title"), to_attr="visible_agreements"),
            Prefetch("solutions", queryset=visible_entries(SolutionPage, request).order_by("title"), to_attr="visible_solutions"),
        )
    )


def _places(request, case) -> list[Item]:
    return [Item(country.name, country.get_absolute_url()) for country in case.countries.all()] + [
        Item(city.name, city.get_absolute_url()) for city in case.cities.all()
    ]


def _terms(param: str, relation: str):
    def describe(request, case) -> list[Item]:
        return [Item(term.name, entry_list_url("case_study", request, **{param: term.slug})) for term in getattr(case, relation).all()]

    return describe


def _years(request, case) -> list[Item]:
    if not case.start_year:
        return []
    return [Item(f"{case.start_year}–{case.end_year}" if case.end_year else _("from %(year)d") % {"year": case.start_year})]


def _partners(roles: set[str] | None, exclude: set[str] = frozenset()):
    def describe(request, case) -> list[Item]:
        items = []
        for partner in case.partners.all():
            if (roles is None or partner.role in roles) and partner.role not in exclude:
                home = partner.organisation.hq_country
                text = f"{partner.organisation.name} — {partner.get_role_display()}" + (f" ({home.name})" if home else "")
                items.append(Item(text, partner.organisation.get_absolute_url()))
        return items

    return describe


def _funding(request, case) -> list[Item]:
    return [
        Item(" — ".join(part for part in [f"{number_format(row.amount, 0, force_grouping=True)} {row.currency}", row.source, row.note] if part))
        for row in case.funding.all()
    ]


def _text(attribute: str):
    def describe(request, case) -> list[Item]:
        value = getattr(case, attribute)
        return [Item(str(value))] if value else []

    return describe


def _lessons(request, case) -> list[Item]:
    lessons = sorted(case.lessons.all(), key=lambda lesson: (lesson.theme is None, lesson.theme.name if lesson.theme else "", lesson.sort_order or 0))
    return [Item(f"{lesson.theme.name}: {lesson.text}" if lesson.theme else lesson.text) for lesson in lessons]


def _entries(attribute: str):
    def describe(request, case) -> list[Item]:
        return [Item(entry.title, entry.get_url(request)) for entry in getattr(case, attribute)]

    return describe


def _sources(request, case) -> list[Item]:
    return [Item(source["title"], source.get("url") or "") for source in case.source_list]


def _fields():
    lead = CaseStudyPartner.Role.LEAD_AGENCY
    return [
        (_("Places"), _places),
        (_("Domains"), _terms("domain", "domains")),
        (_("Technologies"), _terms("technology", "technologies")),
        (_("Status"), lambda request, case: [Item(case.get_status_display())]),
        (_("Years"), _years),
        (_("Lead agencies"), _partners({lead})),
        (_("Partners and their roles"), _partners(None, exclude={lead})),
        (_("Funding"), _funding),
        (_("Outcomes"), _text("outcomes")),
        (_("Lessons by theme"), _lessons),
        (_("Controversies and risks"), _text("controversies")),
        (_("Related agreements"), _entries("visible_agreements")),
        (_("Related vendor solutions"), _entries("visible_solutions")),
        (_("Sources"), _sources),
        (_("Last reviewed"), lambda request, case: [Item(case.last_reviewed.isoformat())] if case.last_reviewed else []),
    ]


def comparison_csv_rows(comparison: CaseComparison):
    for row in comparison.rows:
        yield [row.label, *["; ".join(item.text for item in items) for _, items in row.cells]]
