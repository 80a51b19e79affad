"""The list of one's own open tasks: filters (how soon due, where from), sortable columns
and the export (the mechanics are lib.listing). The filters name nobody."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet, TextChoices
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.list_filters import choice_filter
from lib.forms import BoundedForm
from lib.listing import ListSpec, SortColumn
from lib.spreadsheet import Sheet
from tasks.models import Task, TaskSource

TASK_LIST = ListSpec(
    name="tasks",
    columns=(
        SortColumn("termijn", _("Due"), "due_on"),
        SortColumn("toegevoegd", _("Added"), "created_at"),
    ),
    default_key="termijn",
    default_descending=False,
    filter_fields=("due", "source"),
)
# "This week": due within the coming seven days, today included.
SOON = timedelta(days=6)


class Due(TextChoices):
    OVERDUE = "overdue", _("Overdue")
    SOON = "soon", _("Due within a week")
    LATER = "later", _("Due later")


class TaskFilterForm(BoundedForm):
    due = choice_filter(_("Due"), Due.choices, _("Choose a due period from the list."))
    source = choice_filter(
        _("Kind of task"), TaskSource.choices, _("Choose a kind of task from the list.")
    )

    def apply(self, tasks: QuerySet[Task], *, today: date) -> QuerySet[Task]:
        if not self.is_bound:
            return tasks
        data: dict[str, Any] = self.cleaned_data
        due = data.get("due")
        if due == Due.OVERDUE:
            tasks = tasks.filter(due_on__lt=today)
        elif due == Due.SOON:
            tasks = tasks.filter(due_on__gte=today, due_on__lte=today + SOON)
        elif due == Due.LATER:
            tasks = tasks.filter(due_on__gt=today + SOON)
        if data.get("source"):
            tasks = tasks.filter(source=data["source"])
        return tasks


def task_sheet(tasks: Sequence[Task], *, today: date) -> Sheet:
    yes, no = gettext("yes"), gettext("no")
    return Sheet(
        title=gettext("My tasks"),
        headers=[
            gettext("Due"),
            gettext("Overdue"),
            gettext("Task"),
            gettext("Kind of task"),
            gettext("Case"),
        ],
        rows=[
            [
                task.due_on,
                yes if task.due_on < today else no,
                task.title,
                str(task.get_source_display()),
                task.case_id,
            ]
            for task in tasks
        ],
    )
