from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def data_licence(request: HttpRequest) -> HttpResponse:
    """The terms of reuse (CC BY 4.0), how to cite the knowledge base, and the ways to take its data out."""
    return render(request, "pages/data_licence.html", {"crumbs": [(_("Data licence and citation"), None)]})
