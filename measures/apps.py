from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Measures")

    def ready(self) -> None:
        # cases may not import this app: the case page learns of the measures section
        # through its registry.
        from cases.sections import register_section
        from measures.sections import measures_section

        register_section(
            "measures",
            measures_section,
            label=_("Measures"),
            summary_template="measures/_case_summary.html",
            print_template="measures/_case_print.html",
        )
