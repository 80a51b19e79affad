from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    """Case conferences (casusoverleg): planning, the agenda of cases, minutes per case with
    their confirmation, structured decisions, and the chair's closing of the minutes."""

    name = "conferences"
    verbose_name = _("Case conferences")

    def ready(self) -> None:
        # Cases are the agenda items of the case conference (meetings.agenda).
        from conferences import agenda

        agenda.register()
        # Escalations to the local triangle are the agenda items of the triangle meeting.
        from conferences import triangle

        triangle.register()
