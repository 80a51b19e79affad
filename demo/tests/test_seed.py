from __future__ import annotations

from io import StringIO

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from accounts.models import Membership, Municipality, Organisation, Region, Role, User
from audit.models import ProcessingRecord
from cases.models import (
    Action,
    BreakGlassAccess,
    Case,
    CaseEntry,
    CaseEvent,
    PlanVersion,
    TeamMember,
)
from cases.workflow import CaseStatus, Situation
from checklists.models import ChecklistItem
from demo.seed import ACCOUNTS, seed_demo
from demo.seed_reports import QUARTER_PEOPLE
from measures.models import Intervention
from meetings.models import AgendaItem, Meeting
from network.models import NetworkPerson, Relation
from persons.models import Subject
from signals.models import IntelligenceNotice, Signal, SignalEvent
from signals.workflow import Status
from tasks.models import Task


def _snapshot() -> str:
    objects = [
        *Region.objects.order_by("pk"),
        *Municipality.objects.order_by("pk"),
        *Organisation.objects.order_by("pk"),
        *User.objects.order_by("pk"),
        *Membership.objects.order_by("pk"),
        *Subject.objects.order_by("pk"),
        *Signal.objects.order_by("pk"),
        *SignalEvent.objects.order_by("pk"),
        *Case.objects.order_by("pk"),
        *TeamMember.objects.order_by("pk"),
        *CaseEvent.objects.order_by("pk"),
        *Intervention.objects.order_by("pk"),
        *ChecklistItem.objects.order_by("pk"),
        *Task.objects.order_by("pk"),
        *BreakGlassAccess.objects.order_by("pk"),
    ]
    return serializers.serialize("json", objects)


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_seed_is_idempotent():
    seed_demo()
    first = _snapshot()
    records = ProcessingRecord.objects.count()
    seed_demo()
    assert _snapshot() == first
    assert ProcessingRecord.objects.count() == records  # nothing done again, nothing logged


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_seed_creates_the_documented_world():
    call_command("seed_demo", stdout=StringIO())
    assert set(Municipality.objects.values_list("name", flat=True)) == {
        "Wijkstad",
        "Polderveen",
        "Dijkhoven",
    }
    assert Region.objects.get().municipalities.count() == 3
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {choice.value for choice in Organisation.Kind}
    emails = set(User.objects.values_list("email", flat=True))
    expected = {
        f"{local}@schakel.example"
        for local in (
            "dossierhouder",
            "dossierhouder.polderveen",
            "dossierhouder.dijkhoven",
            "reclassering",
            "exit",
            "procesregisseur",
            "politie",
            "om",
            "jeugdzorg",
            "ggz",
            "school",
            "meldpunt",
            "burgemeester",
            "privacy",
            "beheer",
            "waarnemer",
            # New colleagues whose role awaits the privacy officer's approval.
            "wijkteam",
            "politie.nieuw",
            "meldpunt.nieuw",
        )
    }
    assert emails == expected
    assert not User.objects.filter(is_demo=False).exists()
    assert {m.role for m in Membership.objects.all()} == {r.value for r in Role}
    assert len(ACCOUNTS) == 16
    # Every documented account works at once; the new colleagues wait for approval.
    current = set(Membership.objects.current().values_list("user__email", flat=True))
    assert current == {account.email for account in ACCOUNTS}


@pytest.mark.django_db
def test_seed_refuses_outside_demo_mode():
    with pytest.raises(CommandError, match="demo mode"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_demo_signals_exist_in_every_state():
    seed_demo()
    states = set(Signal.objects.values_list("status", flat=True))
    assert states == {status.value for status in Status}
    assert Signal.objects.filter(urgency="acute").exists()
    assert IntelligenceNotice.objects.exists()
    closed = Signal.objects.get(status=Status.CLOSED)
    assert closed.retention_until is not None
    assert closed.weighing_decisions.count() == 1  # closed by a real weighing decision
    merged = Signal.objects.get(status=Status.MERGED)
    assert merged.merged_into is not None
    assert all("[demo]" in d for d in Signal.objects.values_list("description", flat=True))


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_demo_cases_exist_in_every_situation_and_status_in_every_municipality():
    seed_demo()
    assert set(Case.objects.values_list("situation", flat=True)) == set(Situation.values)
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(Case.objects.values_list("municipality__name", flat=True)) == {
        "Wijkstad",
        "Polderveen",
        "Dijkhoven",
    }
    # The closed demo case, and the quarter's cases of the council report closed since.
    closed = Case.objects.filter(status=CaseStatus.CLOSED)
    assert closed.count() == 1 + len(QUARTER_PEOPLE)
    assert all(case.closure_reason and case.closed_by_id for case in closed)
    assert all(case.team.exists() for case in Case.objects.all())


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_demo_cases_have_entries_conferences_plans_and_overdue_tasks():
    seed_demo()
    categories = set(CaseEntry.objects.values_list("category", flat=True))
    assert categories == {"general", "special", "criminal", "secrecy"}
    conferences = Meeting.objects.filter(kind="case_conference").order_by("held_at")
    past, upcoming = list(conferences)
    assert past.minutes_closed_at is not None
    assert upcoming.minutes_closed_at is None
    assert AgendaItem.objects.filter(meeting=upcoming).count() >= 2
    assert PlanVersion.objects.filter(meeting=past).exists()
    today = timezone.localdate()
    assert Action.objects.filter(status="open", due_on__lt=today).exists()
    assert Task.objects.filter(status="open", due_on__lt=today).exists()


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_demo_networks_hold_siblings_a_protective_mentor_and_a_recruiter_in_two_cases():
    seed_demo()
    lina = Case.objects.get(subject__surname="Voorbeeld")
    people = NetworkPerson.objects.filter(case=lina)
    assert people.filter(represents_case_subject=True).count() == 1
    siblings = Relation.objects.filter(case=lina, kind="sibling")
    assert siblings.count() == 2
    assert Relation.objects.filter(case=lina, kind="mentor", nature="protective").exists()
    recruiter_cases = set(
        NetworkPerson.objects.filter(name__startswith="Abu Fictief").values_list("case", flat=True)
    )
    assert len(recruiter_cases) == 2


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_demo_scenarios_hold_measures_and_checklists_for_travel_return_and_death():
    seed_demo()
    lina = Case.objects.get(subject__surname="Voorbeeld")
    passport = Intervention.objects.get(case=lina, measure_type__code="passport-invalidation")
    assert passport.state == "active"
    assert passport.remedies.exists()  # the objection term runs
    assert ChecklistItem.objects.filter(
        checklist__case=lina, template_item__code="child-protection"
    ).exists()  # she is a minor
    sara = Case.objects.get(subject__surname="Proefhuis")
    assert Intervention.objects.filter(case=sara, measure_type__regime="criminal").exists()
    noah = Case.objects.get(subject__surname="Denkbeeld")
    assert ChecklistItem.objects.filter(
        checklist__case=noah, template_item__code="bereaved-support"
    ).exists()
