from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "kb.ops"
    label = "kb_ops"
    verbose_name = "Operations: backups and scheduled publishing"
