from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyTasksConfig(AppConfig):
    """ "Mijn taken": the open tasks of the user, and for a lead the overdue tasks of the cases
    they lead, across every case the user may see."""

    name = "mytasks"
    verbose_name = _("My tasks")
