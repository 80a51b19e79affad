"""Receivers: the saving of a fact's record, and a change of the case's situation.

A saved record that may fulfil an item (a press line, a plan version, a measure's step ...)
asks, after its transaction commits, for the case's checklists to record what is now done:
the fact is recorded even if that bookkeeping fails, and the bookkeeping is its own logged
transaction. A change of situation withdraws at once, inside the change's own transaction,
the tasks of the checklist that no longer applies: no task outlives its situation.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from cases.models import CaseEvent
from checklists.facts import CasesOf, FactProvider

_CONNECTED: set[tuple[type, str]] = set()


def _record_after_commit(cases_of: CasesOf, instance: Any) -> None:
    from checklists.services import checklist_facts_record

    # A record without a case (a municipality's own press line) fulfils nothing here.
    for case_id in sorted({i for i in cases_of(instance) if i is not None}):
        checklist_facts_record(case_id=case_id)


def connect_triggers(provider: FactProvider) -> None:
    for model, cases_of in provider.triggers:
        key = (model, f"{provider.kind}:{getattr(cases_of, '__qualname__', '')}")
        if key in _CONNECTED:
            continue
        _CONNECTED.add(key)

        def receiver(sender: type, instance: Any, cases_of: CasesOf = cases_of, **_: Any) -> None:
            transaction.on_commit(partial(_record_after_commit, cases_of, instance))

        post_save.connect(receiver, sender=model, weak=False)


def situation_changed(sender: type, instance: CaseEvent, created: bool, **_: Any) -> None:
    if not created or instance.kind != CaseEvent.Kind.SITUATION:
        return
    from checklists.services import assign_confirmed_tasks, withdraw_superseded_tasks

    withdraw_superseded_tasks(case_id=instance.case_id)
    # A confirmed death gives the irreversible items that waited for it their tasks.
    assign_confirmed_tasks(case_id=instance.case_id)


def connect_situation_receiver() -> None:
    post_save.connect(situation_changed, sender=CaseEvent, dispatch_uid="checklists.situation")
