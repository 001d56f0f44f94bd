"""Helpers for tests that drive the Wagtail admin as editors, moderators and officials do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from projects.models import AgreementIndexPage, CaseStudyIndexPage, SolutionIndexPage

INDEX_PAGE_FOR = {"casestudypage": CaseStudyIndexPage, "agreementpage": AgreementIndexPage, "solutionpage": SolutionIndexPage}


def user_in_group(group_name: str, username: str | None = None):
    """A user whose only rights come from one of the groups the migrations create."""
    username = username or group_name.lower()
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.org", password="pass-1234")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def source(title: str = "City report", url: str = "https://example.org/report", published: str = "2020-05", accessed: str = "") -> dict:
    return {"title": title, "url": url, "publisher": "Example Press", "published": published, "accessed": accessed}


def add_url(model_name: str) -> str:
    parent = INDEX_PAGE_FOR[model_name].objects.get()
    return reverse("wagtailadmin_pages:add", args=("projects", model_name, parent.id))


def case_study_form(
    *,
    title: str = "Da Nang Smart City IOC",
    slug: str = "da-nang-ioc",
    countries: list[str] = ("VN",),
    sources: list[dict] | None = None,
    partners: list[dict] = (),
    funding: list[dict] = (),
    lessons: list[dict] = (),
    **fields,
) -> dict:
    """POST data for the case study create/edit form, as the admin's JavaScript would send it."""
    data = {
        "title": title,
        "slug": slug,
        "summary": "An operations centre that joins traffic, water and public safety data.",
        "body": streamfield([]),
        "status": "ongoing",
        "start_year": "2019",
        "end_year": "",
        "partners": inline_formset(list(partners)),
        "funding": inline_formset(list(funding)),
        "outcomes": "",
        "lessons": inline_formset(list(lessons)),
        "controversies": "",
        "local_names": streamfield([]),
        "sources": streamfield([("source", s) for s in ([source()] if sources is None else sources)]),
        "confidence": "medium",
        "last_reviewed": "",
        "notes": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return {**nested_form_data(data), "countries": list(countries)}


def agreement_form(*, title: str = "ASEAN-China smart city MoU", slug: str = "asean-china-mou", sources: list[dict] | None = None, **fields) -> dict:
    data = {
        "title": title,
        "slug": slug,
        "kind": "mou",
        "status": "signed",
        "status_note": "",
        "signed_date": "2019-11",
        "in_force_date": "",
        "scope": "Cooperation on smart city pilots.",
        "document_url": "",
        "local_names": streamfield([]),
        "sources": streamfield([("source", s) for s in ([source()] if sources is None else sources)]),
        "confidence": "medium",
        "last_reviewed": "",
        "notes": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return {"party_countries": ["CN", "SG"], **nested_form_data(data)}


def solution_form(*, vendor_id: int, title: str = "City Brain", slug: str = "city-brain", sources: list[dict] | None = None, **fields) -> dict:
    data = {
        "title": title,
        "slug": slug,
        "vendor": str(vendor_id),
        "category": "city brain / IOC",
        "description": "Merges departmental data for city operations.",
        "local_names": streamfield([]),
        "sources": streamfield([("source", s) for s in ([source()] if sources is None else sources)]),
        "confidence": "medium",
        "last_reviewed": "",
        "notes": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def form_errors(response) -> dict:
    """Field name -> messages of the page or snippet form the admin re-rendered."""
    form = response.context["form"]
    errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    for name, formset in getattr(form, "formsets", {}).items():
        for index, child_errors in enumerate(formset.errors):
            for field, messages in child_errors.items():
                errors[f"{name}-{index}-{field}"] = [str(message) for message in messages]
        for message in formset.non_form_errors():
            errors.setdefault(f"{name}-__all__", []).append(str(message))
    return errors


def stream_errors(response, field_name: str) -> str:
    """All messages a StreamField reported, flattened to text (nested block errors included)."""
    error = response.context["form"].errors.as_data()[field_name][0]
    parts = [str(message) for message in error.messages]
    if hasattr(error, "as_json_data"):
        parts.append(repr(error.as_json_data()))
    return " ".join(parts)
