from django.db import migrations

from kb.search.glossary_terms import DEFAULT_GLOSSARY


def seed(apps, schema_editor):
    GlossaryTerm = apps.get_model("kb_search", "GlossaryTerm")
    for english, chinese, kind in DEFAULT_GLOSSARY:
        GlossaryTerm.objects.get_or_create(english=english, defaults={"chinese": chinese, "kind": kind})


class Migration(migrations.Migration):
    dependencies = [("kb_search", "0004_glossary_and_folded_names")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
