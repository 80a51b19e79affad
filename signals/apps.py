from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signals")

    def ready(self) -> None:
        from signals import (
            triangle,  # noqa: F401 - and the source of the triangle's agenda
            weighing,  # noqa: F401 - registers the signals' agenda source
        )
