"""Answers every operation documents besides its result: a 400 with the reason, a 404, and the server's 414."""

from django.http import JsonResponse

from .schemas import Error

# Any server refuses a request line longer than it accepts (runserver and gunicorn alike) before the site sees it.
TOO_LONG = {414: None}


def list_responses(schema) -> dict:
    return {200: schema, 400: Error, **TOO_LONG}


def one_responses(schema) -> dict:
    return {200: schema, 400: Error, 404: Error, **TOO_LONG}


def bad_request(message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"error": message, "field": field}, status=400, json_dumps_params={"ensure_ascii": False})


def not_found(message: str) -> JsonResponse:
    return JsonResponse({"error": message, "field": None}, status=404, json_dumps_params={"ensure_ascii": False})
