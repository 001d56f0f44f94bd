"""Replace Wagtail's welcome page with the knowledge base's page tree: home and one index page per entry type.

This is site structure, not content: entries are loaded with `manage.py load_starter_content`.
"""

import uuid

from django.db import migrations

INDEX_PAGES = [
    ("projects", "caseStudyIndexPage", "Case studies", "case-studies", "Smart city projects across ASEAN and China: what was built, who paid, who supplied it, what it achieved and what others can learn."),
    ("projects", "agreementIndexPage", "Cooperation agreements", "agreements", "Statements, frameworks, memoranda and treaties that shape smart city cooperation between ASEAN members and China."),
    ("projects", "solutionIndexPage", "Vendor solutions", "solutions", "Named platforms and products sold to cities, with their vendors and where they are deployed."),
]


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes.ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model.lower())[0]


def create_structure(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    locale = Locale.objects.first() or Locale.objects.create(language_code="en")
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    Site.objects.all().delete()

    home = HomePage.objects.create(
        title="ASEAN-China Smart City Knowledge Base",
        draft_title="ASEAN-China Smart City Knowledge Base",
        slug="home",
        content_type=content_type(apps, "home", "HomePage"),
        path="00010001",
        depth=2,
        numchild=len(INDEX_PAGES),
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        intro="Case studies, cooperation agreements and vendor solutions across the ASEAN member states and China, with sources for every claim.",
    )
    for position, (app_label, model_name, title, slug, intro) in enumerate(INDEX_PAGES, start=1):
        model = apps.get_model(app_label, model_name)
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type(apps, app_label, model_name),
            path=f"00010001{position:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
            locale=locale,
            translation_key=uuid.uuid4(),
            live=True,
            intro=intro,
        )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="ASEAN-China Smart City Knowledge Base")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("projects", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
