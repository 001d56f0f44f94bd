"""Which entries still lack their Chinese (a title, a summary, or a case study's lesson): a filter of the admin's lists."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter

MISSING = Q(title_zh_hans="") | Q(summary_zh_hans="")


def untranslated(entries):
    """The entries of this list that a Chinese reader would see (partly) in English."""
    missing = MISSING | Q(lessons__text_zh_hans="") if hasattr(entries.model, "lessons") else MISSING
    return entries.model.objects.filter(missing).values("id")


def chinese_filter() -> ChoiceFilter:
    """The "Chinese: missing / complete" choice on an entry list; narrows by page id, which the admin's search backend accepts."""

    def narrow(entries, name, value):
        if value == "missing":
            return entries.filter(id__in=untranslated(entries))
        if value == "complete":
            return entries.exclude(id__in=untranslated(entries))
        return entries

    return ChoiceFilter(label=_("Chinese"), choices=[("missing", _("Missing")), ("complete", _("Complete"))], method=narrow)
