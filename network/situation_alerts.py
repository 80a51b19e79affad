"""Alerts to the mayor's office when a case of its municipality changes to a situation the
mayor must know of at once: departed, returned, (reported) deceased (issue 14).

Every active mayor's-office user of the case's municipality gets a notification in the app
and a content-free e-mail (tasks.services.notify): the e-mail names only the kind of event;
the line in the app is worded when read (tasks.inbox) from parameters that hold no name.

The alert is stronger (other words, marked urgent) when the person is a minor, or when
several members of one family are in that situation. "One family" is read from the network
analysis of the municipality's cases: family relations (parent, sibling, partner, child,
other family) between a case's own person and a network person linked by hand to the known
subject of another case of the municipality. This is a count of recorded facts, used only
for this alert's wording: no score, and nothing about the relatives is passed on or stored.

It lives here, not in cases or meetings, because it needs the case's events, the network's
relations and the notifications: this is the first app in the import order that sees all
three (tests/test_architecture.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User
from cases.models import Case, CaseEvent
from cases.workflow import CaseStatus, Situation
from network.models import FAMILY_KINDS, NetworkPerson, Relation
from tasks.models import NotificationKind
from tasks.services import notify

# The situations that alert the mayor's office.
ALERT_SITUATIONS = frozenset(
    {
        Situation.DEPARTED,
        Situation.RETURNED,
        Situation.REPORTED_DECEASED,
        Situation.DECEASED,
    }
)


def mayor_office_of(municipality_id: int) -> list[User]:
    """Active users with a current mayor's-office membership at the municipality."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__in=Membership.objects.current().filter(
                role=Role.MAYOR_OFFICE, organisation__municipality_id=municipality_id
            ),
        )
        .distinct()
        .order_by("pk")
    )


def _current_family(relations: Any) -> Any:
    today = timezone.localdate()
    return relations.filter(kind__in=FAMILY_KINDS).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def family_subject_ids(case: Case) -> set[int]:
    """The known subjects recorded as family of this case's person, in the networks of the
    municipality's cases (both ways: in this case's network, and in the other case's)."""
    own = case.subject_id
    found: set[int] = set()
    # In this case's network: the case's own node and nodes linked to its subject, related
    # as family to a node linked by hand to another known subject.
    centre = NetworkPerson.objects.filter(case=case).filter(
        Q(represents_case_subject=True) | Q(subject_id=own)
    )
    relations = _current_family(Relation.objects.filter(case=case)).filter(
        Q(source__in=centre) | Q(target__in=centre)
    )
    for source_subject, target_subject in relations.values_list(
        "source__subject_id", "target__subject_id"
    ):
        found |= {s for s in (source_subject, target_subject) if s is not None}
    # In another case's network of the municipality: a node linked to this person, related as
    # family to that case's own node (the other case's person).
    elsewhere = NetworkPerson.objects.filter(
        subject_id=own, case__municipality_id=case.municipality_id
    ).exclude(case=case)
    other_relations = _current_family(
        Relation.objects.filter(case__in=elsewhere.values("case_id"))
    ).filter(
        Q(source__in=elsewhere, target__represents_case_subject=True)
        | Q(target__in=elsewhere, source__represents_case_subject=True)
    )
    found |= set(other_relations.values_list("case__subject_id", flat=True))
    found.discard(own)
    return found


def family_in_situation(case: Case, situation: str) -> int:
    """How many members of the person's family, the person included, have an open case of
    the municipality in this situation (1 when only the person)."""
    relatives = family_subject_ids(case)
    if not relatives:
        return 1
    others = (
        Case.objects.filter(
            municipality_id=case.municipality_id,
            subject_id__in=relatives,
            situation=situation,
        )
        .exclude(status=CaseStatus.CLOSED)
        .values("subject_id")
        .distinct()
        .count()
    )
    return 1 + others


def _label_msgid(situation: str) -> str:
    """The situation's label as its English msgid: the line is translated when read."""
    with translation.override(None):
        return str(Situation(situation).label)


def situation_alert(case: Case, situation: str) -> None:
    """Tells the mayor's office of the case's municipality (in the app and by e-mail)."""
    recipients = mayor_office_of(case.municipality_id)
    if not recipients:
        return
    minor = case.subject.is_minor() is True
    family = family_in_situation(case, situation)
    urgent = minor or family > 1
    title = (
        _("Urgent message about a case in your municipality")
        if urgent
        else _("Message about a case in your municipality")
    )
    params: dict[str, Any] = {
        "municipality": case.municipality_id,
        "case": case.pk,
        "situation": situation,
        "label": _label_msgid(situation),
        "minor": int(minor),
        "family": family,
    }
    notify(
        recipients=recipients,
        title=str(title),
        url=reverse("dashboards:mayor"),
        email=True,
        kind=NotificationKind.SITUATION_ALERT,
        params=params,
    )


def situation_changed(sender: type, instance: CaseEvent, created: bool, **_: Any) -> None:
    if not created or instance.kind != CaseEvent.Kind.SITUATION:
        return
    if instance.to_value not in ALERT_SITUATIONS:
        return
    case = Case.objects.select_related("subject").get(pk=instance.case_id)
    situation_alert(case, instance.to_value)


def connect() -> None:
    post_save.connect(situation_changed, sender=CaseEvent, dispatch_uid="network.mayor_alert")
