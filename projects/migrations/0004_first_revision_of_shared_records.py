"""Organisations, cities and themes made before they kept revisions get one of their state now, so that
their first edit in the admin already has a version to compare with."""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

SHARED_RECORDS = ["organisation", "city", "theme"]


def first_revisions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for name in SHARED_RECORDS:
        model = apps.get_model("projects", name)
        content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=name)
        for record in model.objects.filter(latest_revision__isnull=True).iterator():
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(record.pk),
                created_at=now,
                content=get_serializable_data_for_fields(record),
                object_str=record.name,
            )
            model.objects.filter(pk=record.pk).update(latest_revision=revision)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("projects", "0003_shared_record_revisions_and_editor_notes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(first_revisions, migrations.RunPython.noop)]
