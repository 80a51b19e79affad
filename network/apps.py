from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network analysis")

    def ready(self) -> None:
        # cases may not import this app: the print and PDF of a case learn of the network's
        # tables through the sections registry.
        from cases.sections import register_print_section
        from network.sections import network_print_section, network_print_subjects

        register_print_section(
            "network",
            network_print_section,
            template="network/_case_print.html",
            subjects=network_print_subjects,
        )
        # The checklists learn what in the network fulfils their items (issue 14).
        from network.checklist_facts import register as register_checklist_facts

        register_checklist_facts()
        # The mayor's office is alerted when a case departs, returns or dies (issue 14).
        from network.situation_alerts import connect as connect_situation_alerts

        connect_situation_alerts()
