"""Support's part in the checklists (issue 14): an agreed press line, a family support
contact and a reintegration plan fulfil checklist items. Registered from apps.py, because
checklists may not import this app. Reads only what the models record already."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from access.cases import may_view_case
from access.facts import Actor, CaseFacts
from cases.models import Case
from checklists.facts import (
    Fact,
    FactKind,
    FactProvider,
    case_of_attribute,
    register_fact_provider,
)
from support.models import FamilySupportContact, PressLine, PressLineRevision, ReintegrationPlan


def _visible(actor: Actor, facts: CaseFacts) -> bool:
    return may_view_case(actor, facts)


# --- Press line agreed. ---


def find_press_line(case: Case, parameter: str, since: date) -> Fact | None:
    line = (
        PressLine.objects.filter(case=case, agreed_on__isnull=False)
        .select_related("created_by")
        .order_by("agreed_on", "id")
        .first()
    )
    if line is None:
        return None
    # Who recorded the agreement: the first version that carries an agreement date.
    agreed = (
        PressLineRevision.objects.filter(press_line=line, agreed_on__isnull=False)
        .select_related("changed_by")
        .order_by("number")
        .first()
    )
    return Fact(
        object_type="press_line",
        object_id=line.pk,
        at=agreed.changed_at if agreed else line.created_at,
        actor=agreed.changed_by if agreed else line.created_by,
        detail=line.agreed_on.isoformat() if line.agreed_on else "",
    )


def link_press_line(actor: Actor, case: Case, facts: CaseFacts, object_id: int) -> str | None:
    if not _visible(actor, facts):
        return None
    return reverse("support:press_detail", kwargs={"case_id": case.pk, "line_id": object_id})


# --- A family support contact on or after the event date. ---


def find_family_contact(case: Case, parameter: str, since: date) -> Fact | None:
    contact = (
        FamilySupportContact.objects.filter(case=case, contact_on__gte=since)
        .select_related("recorded_by")
        .order_by("contact_on", "id")
        .first()
    )
    if contact is None:
        return None
    return Fact(
        object_type="family_support_contact",
        object_id=contact.pk,
        at=contact.created_at,
        actor=contact.recorded_by,
        detail=contact.contact_on.isoformat(),
    )


def link_family(actor: Actor, case: Case, facts: CaseFacts, object_id: int) -> str | None:
    if not _visible(actor, facts):
        return None
    return reverse("support:family_list", kwargs={"case_id": case.pk})


# --- Reintegration plan drawn up. ---


def find_reintegration_plan(case: Case, parameter: str, since: date) -> Fact | None:
    plan = ReintegrationPlan.objects.filter(case=case).select_related("created_by").first()
    if plan is None:
        return None
    return Fact(
        object_type="reintegration_plan",
        object_id=plan.pk,
        at=plan.created_at,
        actor=plan.created_by,
    )


def link_aftercare(actor: Actor, case: Case, facts: CaseFacts, object_id: int) -> str | None:
    if not _visible(actor, facts):
        return None
    return reverse("support:aftercare", kwargs={"case_id": case.pk})


def register() -> None:
    register_fact_provider(
        FactProvider(
            kind=FactKind.PRESS_LINE_AGREED,
            find=find_press_line,
            link=link_press_line,
            triggers=(
                (PressLine, case_of_attribute),
                (PressLineRevision, lambda revision: [revision.press_line.case_id]),
            ),
        )
    )
    register_fact_provider(
        FactProvider(
            kind=FactKind.FAMILY_CONTACT,
            find=find_family_contact,
            link=link_family,
            triggers=((FamilySupportContact, case_of_attribute),),
        )
    )
    register_fact_provider(
        FactProvider(
            kind=FactKind.REINTEGRATION_PLAN,
            find=find_reintegration_plan,
            link=link_aftercare,
            triggers=((ReintegrationPlan, case_of_attribute),),
        )
    )
