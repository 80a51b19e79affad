"""The starting set of checklist templates: loaded once, faithful to the seed, and the
administrator's edits survive a second load."""

from __future__ import annotations

from django.core.management import call_command

from checklists.catalogue import TEMPLATES
from checklists.models import AppliesTo, ChecklistTemplate, Scenario, TemplateItem
from checklists.services import templates_load


def test_loading_twice_adds_every_template_once(db):
    first = templates_load()
    second = templates_load()
    assert first.templates == len(TEMPLATES) == ChecklistTemplate.objects.count()
    assert first.items == TemplateItem.objects.count() > 30
    assert (second.templates, second.items) == (0, 0)


def test_the_command_loads_the_set(db, capsys):
    call_command("load_checklists")
    call_command("load_checklists")
    assert ChecklistTemplate.objects.count() == len(TEMPLATES)
    assert "0 checklists and 0 items added." in capsys.readouterr().out


def test_every_scenario_has_exactly_one_active_template(db):
    templates_load()
    for scenario in Scenario:
        assert ChecklistTemplate.objects.filter(scenario=scenario, active=True).count() == 1


def test_loading_again_keeps_the_administrators_edits(db):
    templates_load()
    brp = TemplateItem.objects.get(template__code="departed", code="brp-deregistration")
    TemplateItem.objects.filter(pk=brp.pk).update(task_offset_days=240, text="Eigen tekst")
    TemplateItem.objects.filter(template__code="departed", code="benefits-stopped").update(
        active=False
    )
    ChecklistTemplate.objects.filter(code="departed").update(name="Vertrokken")
    templates_load()
    brp.refresh_from_db()
    assert (brp.task_offset_days, brp.text) == (240, "Eigen tekst")
    assert not TemplateItem.objects.get(template__code="departed", code="benefits-stopped").active
    assert ChecklistTemplate.objects.get(code="departed").name == "Vertrokken"


def test_a_new_catalogue_item_is_added_to_an_existing_template(db):
    templates_load()
    TemplateItem.objects.filter(template__code="returned", code="prosecution").delete()
    result = templates_load()
    assert result.items == 1
    assert TemplateItem.objects.filter(template__code="returned", code="prosecution").exists()


def test_the_brp_check_is_three_months_after_departure_and_names_both_sources(db):
    templates_load()
    brp = TemplateItem.objects.get(template__code="departed", code="brp-deregistration")
    assert brp.creates_task
    assert brp.task_offset_days == 90
    assert "drie maanden" in brp.help_text
    assert "acht van de twaalf maanden" in brp.help_text
    assert "2.43" in brp.source_note


def test_the_seed_checklists_hold_their_items(db):
    templates_load()

    def texts(code: str) -> str:
        return " | ".join(
            TemplateItem.objects.filter(template__code=code).values_list("text", flat=True)
        )

    travel = texts("intends-to-travel")
    for phrase in ("Raad voor de Kinderbescherming", "Paspoortmaatregel", "rollen en taken"):
        assert phrase in travel
    assert "NCTV" in travel
    departed = texts("departed")
    for phrase in (
        "vermissing",
        "Paspoort gesignaleerd",
        "Woordvoeringslijn",
        "Netwerkanalyse",
        "achterblijvers",
        "BRP",
        "toeslagen",
        "terugkeer",
    ):
        assert phrase in departed
    assert "vervolging" in texts("returned")
    deceased = texts("deceased")
    for phrase in ("Familie", "nabestaanden", "verklaring van overlijden", "definitief"):
        assert phrase in deceased
    rvdk = TemplateItem.objects.get(template__code="intends-to-travel", code="child-protection")
    assert rvdk.applies_to == AppliesTo.MINORS
