"""Answers every operation documents besides its result: a 400 with the reason, a 404, and the server's 414."""

from django.http import JsonResponse
from ninja import Router

from .schemas import Error

# Any server refuses a request line longer than it accepts (runserver and gunicorn alike) before the site sees it.
TOO_LONG = {414: None}


def list_responses(schema) -> dict:
    return {200: schema, 400: Error, **TOO_LONG}


def one_responses(schema) -> dict:
    return {200: schema, 400: Error, 404: Error, **TOO_LONG}


def add_list_and_one(router: Router, path: str, name: str, views: tuple, schemas: tuple, summaries: tuple[str, str], key: str = "slug") -> None:
    """A list at `path` and its items one by one at `path{key}/` (operations list_`name` and get_`name`, URL names
    api_`name`_list and api_`name`), each pair given in that order: views, response schemas, summaries."""
    list_view, one_view = views
    list_schema, one_schema = schemas
    router.get(path, response=list_responses(list_schema), operation_id=f"list_{name}", summary=summaries[0], url_name=f"api_{name}_list")(list_view)
    router.get(f"{path}{{{key}}}/", response=one_responses(one_schema), operation_id=f"get_{name}", summary=summaries[1], url_name=f"api_{name}")(
        one_view
    )


def bad_request(message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"error": message, "field": field}, status=400, json_dumps_params={"ensure_ascii": False})


def not_found(message: str) -> JsonResponse:
    return JsonResponse({"error": message, "field": None}, status=404, json_dumps_params={"ensure_ascii": False})
