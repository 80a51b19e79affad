from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    # Not "support": under test, tests/support (a test-only app without an AppConfig) takes
    # that label already.
    label = "case_support"
    verbose_name = _("Family support, press line, assessments and aftercare")

    def ready(self) -> None:
        # cases may not import this app: the case page learns of the support section
        # through its registry.
        from cases.sections import register_section
        from support.sections import support_section

        register_section(
            "support",
            support_section,
            label=_("Family support, press line and aftercare"),
            print_template="support/_case_section.html",
        )
        # The checklists learn what in support fulfils their items (issue 14).
        from support.checklist_facts import register as register_checklist_facts

        register_checklist_facts()
