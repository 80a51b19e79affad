"""Key figures are personal data: preparedness has its own entry in the register."""

from __future__ import annotations

from audit.models import ProcessingActivityVersion


def test_the_migration_registers_the_preparedness_activity(db: None):
    version = ProcessingActivityVersion.objects.get(activity__code="preparedness")
    assert version.number == 1
    assert "sleutelfiguren" in version.data_categories
    assert "art. 6 lid 1 onder e" in version.legal_basis
    assert "1 jaar" in version.retention
