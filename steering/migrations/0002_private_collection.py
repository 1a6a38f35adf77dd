"""The steering group's private document collection, restricted to the area's groups."""

from django.db import migrations

COLLECTION_NAME = "Ohjausryhmä"
GROUP_NAMES = ("Steering group", "Project staff")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet, 4 per level
STEP = 4


def _next_child_path(root, children) -> str:
    last = max((child.path for child in children), default=None)
    number = 1 if last is None else int(last[-STEP:], 36) + 1
    digits = ""
    for _position in range(STEP):
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return root.path + digits


def create_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    collection = children.filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.objects.create(
            name=COLLECTION_NAME, path=_next_child_path(root, children), depth=2, numchild=0
        )
        root.numchild = Collection.objects.filter(depth=2, path__startswith=root.path).count()
        root.save(update_fields=["numchild"])
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="groups", password=""
        )
    groups = [Group.objects.get_or_create(name=name)[0] for name in GROUP_NAMES]
    restriction.groups.add(*groups)


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(create_collection, migrations.RunPython.noop)]
