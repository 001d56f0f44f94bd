from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "kb.feeds"
    label = "kb_feeds"
    verbose_name = "Atom feeds"
