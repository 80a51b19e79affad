"""The demo gives every start page a working day, on whatever day it is seeded: the privacy
officer has reviews and grants waiting, the lead a measure or two ending and tasks spread over
overdue, this week and later, and the case teams show people with a function and a number."""

from __future__ import annotations

import datetime as dt
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, MembershipStatus, Role, User
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.gates import BREAK_GLASS_MARK
from cases.models import BreakGlassAccess, Case
from demo.seed import ACCOUNTS, seed_demo
from measures.models import Intervention
from measures.workflow import IN_FORCE
from portal.work_queue import LeadQueue, PrivacyOfficerQueue, queue_for
from privacy.usage import Thresholds, _counts, _first_day
from tests.personas import sign_in

LEAD = "dossierhouder@schakel.example"
PRIVACY_OFFICER = "privacy@schakel.example"
# The fictional numbers of the demo: 06 00000 0xx, a range no provider issues.
FICTIONAL_PHONE = re.compile(r"^06 00000 0\d\d$")


def days() -> list[dt.date]:
    """The day the suite runs, about a year later, and a leap day."""
    today = timezone.localdate()
    return [today, today + timedelta(days=372), dt.date(2028, 2, 29)]


def at_nine(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=timezone.get_current_timezone())


def membership(email: str) -> Membership:
    return (
        Membership.objects.current().select_related("organisation", "user").get(user__email=email)
    )


def queue(email: str) -> LeadQueue | PrivacyOfficerQueue:
    found = queue_for(actor_for_membership(membership(email)))
    assert isinstance(found, (LeadQueue, PrivacyOfficerQueue))
    return found


def logged(name: str, **filters: object) -> bool:
    return ProcessingRecord.objects.filter(name=name, **filters).exists()


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
@pytest.mark.parametrize("day", days(), ids=lambda day: day.isoformat())
def test_every_count_of_the_privacy_officer_waits_on_this_day(day: dt.date):
    with time_machine.travel(at_nine(day), tick=True):
        seed_demo()
        officer = queue(PRIVACY_OFFICER)
        assert isinstance(officer, PrivacyOfficerQueue)
        assert officer.grants_awaiting_approval >= 2
        assert officer.reviews
        assert all(count.count >= 1 for count in officer.reviews), officer.reviews
        # Both counts lead somewhere that shows them: the start page links each.
        client = Client()
        sign_in(client, membership(PRIVACY_OFFICER))
        start = client.get("/").text
        for count in officer.reviews:
            assert f'href="{count.url}"><strong>' in start


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_the_privacy_officers_work_was_made_through_the_services_and_is_in_the_log():
    seed_demo()
    admin = membership("beheer@schakel.example")
    officer = membership(PRIVACY_OFFICER)
    pending = Membership.objects.pending()
    assert pending.count() >= 2
    for grant in pending.select_related("user"):
        # Granted by the administrator, logged as the administrator's work; never in force.
        assert grant.granted_by_id == admin.user_id
        assert grant.user.is_demo
        assert logged(
            "administration.memberships.create", actor_id=admin.user_id, object_id=str(grant.pk)
        )
        assert logged("administration.users.create", object_id=str(grant.user_id))
    assert not Membership.objects.current().filter(status=MembershipStatus.PENDING).exists()

    accesses = BreakGlassAccess.objects.select_related("case")
    assert accesses.filter(reviewed_at__isnull=True).count() >= 2
    for access in accesses:
        # Opened by a lead of the case's municipality who does not direct the case, who then
        # read it (a read marked as by emergency access): both in the log, with the case's
        # person as subject.
        assert access.case.lead_id != access.user_id
        subject = pseudonymise(f"subject:{access.case.subject_id}")
        for name in ("cases.break_glass", f"cases.read{BREAK_GLASS_MARK}"):
            assert logged(name, actor_id=access.user_id, subject_pseudonym=subject), name
    reviewed = accesses.get(reviewed_at__isnull=False)
    assert reviewed.reviewed_by_id == officer.user_id
    assert logged("privacy.break_glass.review", object_id=str(reviewed.pk))

    # The usage page's marks rest on refusals and checks in the log, in the officer's scope.
    marked = list(
        _counts(
            actor_for_membership(officer), _first_day(7), Thresholds.from_settings(), all_rows=False
        )
    )
    assert {row["actor_id"] for row in marked} == {
        membership("school@schakel.example").user_id,
        membership("meldpunt@schakel.example").user_id,
    }
    refusals = max(row["refusals"] for row in marked)
    checks = max(row["checks"] for row in marked)
    assert refusals >= settings.USAGE_REFUSALS_PER_DAY
    assert checks >= settings.USAGE_KNOWN_CHECKS_PER_DAY


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
@pytest.mark.parametrize("day", days(), ids=lambda day: day.isoformat())
def test_the_leads_day_has_a_few_overdue_tasks_some_this_week_and_measures_ending(day: dt.date):
    with time_machine.travel(at_nine(day), tick=True):
        seed_demo()
        lead = queue(LEAD)
        assert isinstance(lead, LeadQueue)
        tasks = lead.tasks
        assert 2 <= tasks.overdue <= 4, tasks
        assert tasks.due_soon >= 3, tasks
        assert tasks.open - tasks.overdue - tasks.due_soon >= 3, tasks  # the rest comes later
        assert lead.measures_ending >= 2

        today = timezone.localdate()
        horizon = today + timedelta(days=settings.MEASURE_END_WARNING_DAYS)
        ending = Intervention.objects.filter(
            state__in=IN_FORCE,
            end_on__gte=today,
            end_on__lte=horizon,
            case__lead__email=LEAD,
        )
        assert ending.count() >= 2
        for measure in ending:
            assert measure.start_on is not None
            assert measure.start_on < today  # in force for a while, not started today


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_the_demo_professionals_share_a_function_and_a_fictional_number():
    seed_demo()
    for account in ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.job_title, account.email
        assert FICTIONAL_PHONE.match(user.work_phone), (account.email, user.work_phone)
        assert user.email.endswith(".example")
        user.full_clean()  # the validators of the profile page accept what the seed filled in
        # Filled in as the person does it on "Mijn account": logged with them as subject.
        assert logged("portal.profile.update", subject_pseudonym=pseudonymise(f"user:{user.pk}"))
    phones = [User.objects.get(email=account.email).work_phone for account in ACCOUNTS]
    assert len(set(phones)) == len(phones)
    # Not everyone shares everything.
    assert User.objects.filter(email__in=[a.email for a in ACCOUNTS], share_email=False).exists()


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_the_case_page_names_the_team_with_function_and_contact_details():
    seed_demo()
    lina = Case.objects.select_related("lead", "process_director").get(subject__surname="Voorbeeld")
    client = Client()
    sign_in(client, membership(LEAD))
    page = client.get(f"/casussen/{lina.pk}/").text
    team = page[page.index('id="team-heading"') :]
    people = [lina.lead, lina.process_director] + [
        membership(email).user
        for email in (
            "politie@schakel.example",
            "jeugdzorg@schakel.example",
            "school@schakel.example",
        )
    ]
    for person in people:
        assert person is not None
        assert person.full_name in team
        assert person.job_title in team
        assert f'href="tel:{person.work_phone.replace(" ", "")}"' in team
        assert (f'href="mailto:{person.email}"' in team) == person.share_email


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_a_new_colleague_awaiting_approval_signs_in_to_a_page_without_a_role():
    seed_demo()
    grant = Membership.objects.pending().select_related("user").order_by("pk").first()
    assert grant is not None
    assert grant.role in {Role.PARTNER, Role.INTAKE}
    client = Client()
    sign_in(client, grant)
    start = client.get("/")
    assert start.status_code == 200
    assert 'href="/casussen/"' not in start.text
