from django.db import migrations

from kb.search.synonyms import DEFAULT_SYNONYMS


def seed(apps, schema_editor):
    Synonym = apps.get_model("kb_search", "Synonym")
    for terms in DEFAULT_SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("kb_search", "0001_search_documents")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
