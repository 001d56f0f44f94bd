from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kb.search"
    label = "kb_search"
    verbose_name = "Public search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import listing_counts, signals

        signals.connect()
        listing_counts.connect()
