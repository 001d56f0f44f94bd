from django.apps import AppConfig


class CompareConfig(AppConfig):
    name = "kb.compare"
    label = "kb_compare"
    verbose_name = "Country comparison"
