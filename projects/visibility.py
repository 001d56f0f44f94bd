"""Which live entries a reader may see.

Anonymous readers see public entries only (Wagtail's `.live().public()`). Signed-in readers also see
entries whose view restriction they pass: officials see entries restricted to the Officials group.
The restrictions are read once per request, whatever the number of entries or restrictions checked.
"""

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction


class Visibility:
    def __init__(self, request: HttpRequest | None = None):
        self.request = request
        self._hidden: Q | None = None

    @classmethod
    def for_request(cls, request: HttpRequest | None) -> "Visibility":
        if request is None:
            return cls()
        if not hasattr(request, "_kb_visibility"):
            request._kb_visibility = cls(request)
        return request._kb_visibility

    @property
    def public(self) -> bool:
        """Whether this reader sees what everyone sees: nobody signed in."""
        user = getattr(self.request, "user", None)
        return user is None or not user.is_authenticated

    def entries(self, model: type[models.Model]):
        """Live entries of `model` this reader may see."""
        hidden = self.hidden_q()
        entries = model.objects.live()
        return entries.exclude(hidden) if hidden else entries

    def hidden_q(self) -> Q:
        if self._hidden is None:
            hidden = Q()
            for restriction in self._failed_restrictions():
                hidden |= Page.objects.all().descendant_of_q(restriction.page, inclusive=True)
            self._hidden = hidden
        return self._hidden

    def _failed_restrictions(self) -> list[PageViewRestriction]:
        restrictions = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return restrictions
        if user.is_superuser:
            return []
        group_ids = set(user.groups.values_list("pk", flat=True))
        return [restriction for restriction in restrictions if not self._passes(restriction, group_ids)]

    def _passes(self, restriction: PageViewRestriction, group_ids: set[int]) -> bool:
        if restriction.restriction_type == BaseViewRestriction.GROUPS:
            return bool(group_ids & {group.pk for group in restriction.groups.all()})
        if restriction.restriction_type == BaseViewRestriction.LOGIN:
            return True
        return restriction.accept_request(self.request)  # a password restriction: passed in this session or not


def visible_entries(model: type[models.Model], request: HttpRequest | None = None):
    """Live entries of `model` the reader behind `request` may see; without a request, public entries only."""
    return Visibility.for_request(request).entries(model)
