from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "checklists"
    verbose_name = _("Scenario checklists")

    def ready(self) -> None:
        # cases may not import this app: the case page learns of the checklist section, and
        # the daily task sweep of the clean-up of closed cases, through their registries.
        from cases.sections import register_section
        from checklists.facts_core import register_core_providers
        from checklists.holding import connect_team_receiver
        from checklists.receivers import connect_situation_receiver
        from checklists.sections import checklist_section
        from checklists.services import (
            record_facts_of_open_cases,
            withdraw_superseded_tasks_daily,
            withdraw_tasks_of_closed_cases,
        )
        from tasks.services import register_sweep_step

        register_section(
            "checklists",
            checklist_section,
            label=_("Checklists"),
            print_template="checklists/_case_section.html",
        )
        register_sweep_step(withdraw_tasks_of_closed_cases)
        # Issue 14: items tick themselves when their fact is recorded, and a change of
        # situation withdraws the tasks of the checklist that no longer applies.
        register_core_providers()
        connect_situation_receiver()
        register_sweep_step(withdraw_superseded_tasks_daily)
        register_sweep_step(record_facts_of_open_cases)
        # An organisation that leaves the team gives its items back to the lead.
        connect_team_receiver()
