"""Issue 14 in the catalogue of an existing installation: the kind of team organisation that
usually does an item (the police for the missing-person report and for signalling the
passport, the Child Protection Board for its item, the Public Prosecution Service for the
prosecution check). A fresh installation gets the same from checklists.catalogue.

An item the administrator already gave a holder is left alone; running checklists take the
proposal for display only, so nothing already assigned moves.
"""

from django.db import migrations

# (template code, item code) -> organisation kind; frozen here so a later change of the
# catalogue module does not rewrite this migration.
HOLDERS = {
    ("departed", "missing-person-report"): "police",
    ("departed", "passport-signalled"): "police",
    ("intends-to-travel", "child-protection"): "child_protection",
    ("returned", "prosecution"): "prosecution",
}


def propose_holders(apps, schema_editor):
    TemplateItem = apps.get_model("checklists", "TemplateItem")
    ChecklistItem = apps.get_model("checklists", "ChecklistItem")
    for (template_code, item_code), kind in HOLDERS.items():
        items = TemplateItem.objects.filter(
            template__code=template_code, code=item_code, usual_holder=""
        )
        for item in items:
            TemplateItem.objects.filter(pk=item.pk).update(usual_holder=kind)
            ChecklistItem.objects.filter(template_item=item, usual_holder="").update(
                usual_holder=kind
            )


class Migration(migrations.Migration):
    dependencies = [("checklists", "0004_items_held_by_team_organisations")]

    operations = [migrations.RunPython(propose_holders, migrations.RunPython.noop)]
