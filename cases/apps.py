from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # A weighing decision "include" opens a case (the hook of signals.weighing).
        from cases import opening

        opening.register()
        # The daily sweep repairs missing review tasks (tasks cannot import cases).
        from cases import review_tasks

        review_tasks.register()
