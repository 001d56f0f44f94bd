from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kb.api"
    label = "kb_api"
    verbose_name = "Open data: API, CSV downloads and citations"
