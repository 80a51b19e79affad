"""Issue 14 in the catalogue of an existing installation: which recorded fact fulfils an
item, which items are irreversible, and the press-line and council items of the returned
checklist. A fresh installation gets the same from checklists.catalogue when it loads.

An item the administrator already linked is left alone; running checklists take the link
and the irreversible flag for their open items (their texts stay as they were started).
"""

from django.db import migrations
from django.db.models import Max

# (template code, item code) -> (fulfilled by, parameter, irreversible); frozen here so a
# later change of the catalogue module does not rewrite this migration.
LINKS = {
    ("intends-to-travel", "conference-set-up"): ("conference_held", "", False),
    ("intends-to-travel", "passport-measure"): (
        "measure_requested",
        "passport-invalidation",
        False,
    ),
    ("case-conference", "conference-set-up"): ("conference_held", "", False),
    ("case-conference", "person-centred-plan"): ("plan_agreed", "", False),
    ("case-conference", "network-analysis"): ("network_relation", "", False),
    ("case-conference", "family-support"): ("family_contact", "", False),
    ("case-conference", "press-line"): ("press_line_agreed", "", False),
    ("departed", "press-line"): ("press_line_agreed", "", False),
    ("departed", "network-analysis"): ("network_relation", "", False),
    ("departed", "brp-deregistration"): ("measure_requested", "brp-deregistration", True),
    ("departed", "benefits-stopped"): ("measure_requested", "benefits-ended", True),
    ("departed", "return-plan"): ("plan_agreed", "", False),
    ("returned", "plan-of-approach"): ("plan_agreed", "", False),
    ("returned", "reintegration-plan"): ("reintegration_plan", "", False),
    ("deceased", "bereaved-support"): ("family_contact", "", False),
    ("deceased", "brp-final"): ("", "", True),
}

FACTSHEET = "Factsheet 'De rol van gemeenten in de aanpak van radicalisering' (VNG/NGB, 2015)"

RETURNED_ITEMS = (
    {
        "code": "press-line",
        "text": "Woordvoeringslijn over de terugkeer afgesproken in de lokale driehoek",
        "help_text": "Een terugkeer trekt vaak aandacht van de pers. Spreek af wie woordvoerder "
        "is (OM of gemeente) en wat gezegd mag worden: nooit namen of aantallen van "
        "concrete gevallen.",
        "task_offset_days": 7,
        "fulfilled_by": "press_line_agreed",
    },
    {
        "code": "council-informed",
        "text": "Gemeenteraad op hoofdlijnen en zonder herleidbare gegevens geïnformeerd "
        "over de terugkeer",
        "help_text": "De burgemeester bepaalt hoe en wanneer, bijvoorbeeld in een besloten "
        "vergadering; geen namen en geen aantallen van concrete gevallen.",
        "task_offset_days": 28,
        "fulfilled_by": "",
    },
)


def forwards(apps, schema_editor):
    TemplateItem = apps.get_model("checklists", "TemplateItem")
    ChecklistItem = apps.get_model("checklists", "ChecklistItem")
    ChecklistTemplate = apps.get_model("checklists", "ChecklistTemplate")
    for (template_code, item_code), (kind, parameter, irreversible) in LINKS.items():
        item = TemplateItem.objects.filter(
            template__code=template_code, code=item_code, fulfilled_by=""
        ).first()
        if item is None:
            continue
        item.fulfilled_by = kind
        item.fact_parameter = parameter
        item.irreversible = irreversible or item.irreversible
        item.save(update_fields=["fulfilled_by", "fact_parameter", "irreversible"])
        ChecklistItem.objects.filter(template_item=item, state="open").update(
            fulfilled_by=kind, fact_parameter=parameter, irreversible=item.irreversible
        )
    returned = ChecklistTemplate.objects.filter(code="returned").first()
    if returned is None:
        return
    last = returned.items.aggregate(last=Max("position"))["last"] or 0
    for offset, entry in enumerate(RETURNED_ITEMS, start=1):
        if returned.items.filter(code=entry["code"]).exists():
            continue
        TemplateItem.objects.create(
            template=returned,
            position=last + offset,
            applies_to="all",
            creates_task=True,
            task_owner="lead",
            source_note=FACTSHEET,
            fact_parameter="",
            irreversible=False,
            **entry,
        )


class Migration(migrations.Migration):
    dependencies = [("checklists", "0002_facts_and_lapse")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
