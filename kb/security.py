"""The Content-Security-Policy of every response (settings.CONTENT_SECURITY_POLICY), widened for the two admins."""

from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.urls import reverse

# Directives replaced on the Wagtail and Django admin pages, and why each is needed there (nowhere else):
ADMIN_POLICY_REPLACE = {
    # Wagtail 8's own widgets (choosers, date pickers, inline panels) start from inline <script> in the form HTML,
    # and its modals run the scripts of the HTML they load: without this the page editor's controls stay dead.
    "script-src": ["'self'", "'unsafe-inline'"],
    # Its scripts (Draftail, the sidebar, tooltips, modals) set inline styles.
    "style-src": ["'self'", "'unsafe-inline'"],
}
# A preview is the public page with its strict policy, rendered by Wagtail through the middleware for a stand-in
# request (`is_preview`) and shown by the page editor in a frame of the admin itself.
PREVIEW_POLICY_REPLACE = {"frame-ancestors": ["'self'"]}


@cache
def admin_prefixes() -> tuple[str, ...]:
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, widened for admin pages and previews unless a view chose a policy of its own."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None or parts.replace is not None:
            return parts
        if getattr(request, "is_preview", False):
            parts.replace = PREVIEW_POLICY_REPLACE
        elif request.path_info.startswith(admin_prefixes()):
            parts.replace = ADMIN_POLICY_REPLACE
        return parts
