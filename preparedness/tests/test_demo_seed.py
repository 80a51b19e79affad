"""The demo preparedness: Wijkstad filled, Polderveen partly, Dijkhoven barely; idempotent."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import Municipality
from demo.seed import seed_demo
from demo.seed_preparedness import seed_preparedness
from preparedness.models import KeyFigure, PartnerAgreement, ReadinessStatus, Topic
from preparedness.readiness import readiness_for


def _done(name: str) -> int:
    municipality = Municipality.objects.get(name=name)
    return readiness_for(municipality, today=timezone.localdate()).done


def test_the_demo_fills_three_levels_of_preparedness_once(db: None):
    seed_demo()  # runs seed_preparedness once
    assert seed_preparedness() == 0
    wijkstad = Municipality.objects.get(name="Wijkstad")
    assert PartnerAgreement.objects.filter(municipality=wijkstad).count() == 20
    assert all("[demo]" in kf.trust_notes for kf in KeyFigure.objects.all())
    # Wijkstad has everything; one key figure's contact has lapsed on purpose (the reminder).
    assert (_done("Wijkstad"), _done("Polderveen"), _done("Dijkhoven")) == (6, 1, 1)
    dijkhoven = readiness_for(
        Municipality.objects.get(name="Dijkhoven"), today=timezone.localdate()
    )
    lead = next(line for line in dijkhoven.lines if line.topic == Topic.LEAD)
    assert lead.status == ReadinessStatus.DONE
    assert any("Wijkstad" in text for text in lead.present)
