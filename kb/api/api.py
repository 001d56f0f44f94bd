"""The API's one declaration: its routers, its error answers and the OpenAPI schema generated at /api/schema/."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError

from . import entries, records, search
from .responses import bad_request

api = NinjaAPI(
    title="ASEAN-China Smart City Knowledge Base API",
    version="1.0.0",
    description=(
        "Read-only access to the published case studies, cooperation agreements, vendor solutions, lessons, countries, "
        "cities, organisations and themes, with the list pages' filters, and full-text search. Field names are those of "
        "the import/export format. Drafts, entries you may not see and notes meant for editors are never returned. "
        "The data is licensed CC BY 4.0."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url=None,  # the interactive docs load scripts from a CDN: the schema is the documentation
)
api.add_router("/search/", search.router)
api.add_router("", entries.router)
api.add_router("", records.router)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, error: ValidationError):
    """A 400 naming the first parameter at fault, in the shape every other refusal of the API has."""
    first = error.errors[0]
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "params", "filters")]
    field = location[0] if location else None
    return bad_request(f"{field}: {first.get('msg', 'invalid value')}" if field else first.get("msg", "Invalid parameters."), field)
