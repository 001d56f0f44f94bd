"""Reference data the catalog cannot work without: the focus countries and the editorial groups.

Entries themselves are loaded by `manage.py load_starter_content`, never by a migration.
"""

from django.db import migrations

FOCUS_COUNTRIES = [
    ("BN", "Brunei Darussalam", "Negara Brunei Darussalam", True, 1984),
    ("KH", "Cambodia", "កម្ពុជា", True, 1999),
    ("ID", "Indonesia", "Indonesia", True, 1967),
    ("LA", "Lao PDR", "ລາວ", True, 1997),
    ("MY", "Malaysia", "Malaysia", True, 1967),
    ("MM", "Myanmar", "မြန်မာ", True, 1997),
    ("PH", "Philippines", "Pilipinas", True, 1967),
    ("SG", "Singapore", "Singapura", True, 1967),
    ("TH", "Thailand", "ประเทศไทย", True, 1967),
    ("TL", "Timor-Leste", "Timor-Leste", True, 2025),
    ("VN", "Viet Nam", "Việt Nam", True, 1995),
    ("CN", "China", "中国", False, None),
]

CATALOG_MODELS = ["country", "domain", "technology", "theme", "organisation", "city"]
EDITOR_ACTIONS = ["add", "change", "view"]
MODERATOR_ACTIONS = ["add", "change", "delete", "view"]


def seed(apps, schema_editor):
    Country = apps.get_model("projects", "Country")
    for code, name, local_name, is_member, joined in FOCUS_COUNTRIES:
        Country.objects.update_or_create(code=code, defaults={"name": name, "local_name": local_name, "is_asean_member": is_member, "asean_joined": joined})

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    def model_permissions(actions):
        permissions = []
        for model in CATALOG_MODELS:
            content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                permissions.append(permission)
        return permissions

    admin_access, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")[0],
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    officials, _ = Group.objects.get_or_create(name="Officials")
    editors.permissions.add(admin_access, *model_permissions(EDITOR_ACTIONS))
    moderators.permissions.add(admin_access, *model_permissions(MODERATOR_ACTIONS))

    # Officials read restricted entries (page privacy restricted to this group); they edit nothing.
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        page_permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename="view_page").first()
        if page_permission is not None:
            GroupPagePermission.objects.get_or_create(group=officials, page=root, permission=page_permission)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
