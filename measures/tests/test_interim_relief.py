"""Interim relief (voorlopige voorziening): asked while an objection or appeal is pending."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from measures.models import LegalRemedy, MeasureType
from measures.services import remedy_record
from measures.tests.helpers import measures_case, propose, step
from tests.personas import World, sign_in


def decided_with_pending_objection(world: World, catalogue: dict[str, MeasureType]):
    intervention = propose(world, measures_case(world), catalogue["passport-invalidation"])
    step(world, intervention, "decided", decided_on=timezone.localdate() - timedelta(days=3))
    objection = LegalRemedy.objects.get(intervention=intervention)
    remedy_record(
        actor=world.actor(world.lead),
        user=world.lead.user,
        remedy=objection,
        lodged_on=timezone.localdate() - timedelta(days=1),
        outcome=LegalRemedy.Outcome.PENDING,
        version=objection.version,
    )
    return intervention


def url(intervention) -> str:
    return f"/casussen/{intervention.case_id}/maatregelen/{intervention.pk}/voorlopige-voorziening/"


def test_the_lead_records_interim_relief_while_an_objection_is_pending(
    client: Client, world: World, catalogue: dict[str, MeasureType]
):
    intervention = decided_with_pending_objection(world, catalogue)
    sign_in(client, world.lead)
    assert client.get(url(intervention)).status_code == 200
    today = timezone.localdate()
    response = client.post(url(intervention), {"lodged_on": today.isoformat(), "note": "Spoed."})
    assert response.status_code == 302
    relief = LegalRemedy.objects.get(kind=LegalRemedy.Kind.INTERIM_RELIEF)
    assert (relief.lodged_on, relief.outcome) == (today, LegalRemedy.Outcome.PENDING)


def test_without_a_pending_objection_or_appeal_nothing_is_recorded(
    client: Client, world: World, catalogue: dict[str, MeasureType]
):
    intervention = propose(world, measures_case(world), catalogue["passport-invalidation"])
    sign_in(client, world.lead)
    response = client.post(url(intervention), {"lodged_on": timezone.localdate().isoformat()})
    assert response.status_code == 400
    assert "lodged_on" in response.context["form"].errors
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    pending = decided_with_pending_objection(world, catalogue)
    assert client.post(url(pending), {"lodged_on": future}).status_code == 400
    assert not LegalRemedy.objects.filter(kind=LegalRemedy.Kind.INTERIM_RELIEF).exists()


def test_partners_outsiders_and_anonymous_visitors_cannot_record_it(
    client: Client, world: World, catalogue: dict[str, MeasureType]
):
    intervention = decided_with_pending_objection(world, catalogue)
    today = timezone.localdate().isoformat()
    for membership in (world.partner, world.outsider):
        sign_in(client, membership)
        assert client.get(url(intervention)).status_code == 404
        assert client.post(url(intervention), {"lodged_on": today}).status_code == 404
    client.logout()
    assert client.post(url(intervention), {"lodged_on": today})["Location"].startswith("/inloggen/")
    assert not LegalRemedy.objects.filter(kind=LegalRemedy.Kind.INTERIM_RELIEF).exists()
