import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import Operation, ProcessingRecord
from audit.services import log_processing


def _one_record() -> ProcessingRecord:
    return log_processing(activity="security", name="test.event", operation=Operation.READ)[0]


@pytest.mark.django_db
def test_database_refuses_update_of_a_record():
    record = _one_record()
    with pytest.raises(DatabaseError), transaction.atomic():
        ProcessingRecord.objects.filter(pk=record.pk).update(name="changed")
    record.refresh_from_db()
    assert record.name == "test.event"


@pytest.mark.django_db
def test_database_refuses_delete_of_a_record():
    record = _one_record()
    with pytest.raises(DatabaseError), transaction.atomic():
        ProcessingRecord.objects.filter(pk=record.pk).delete()
    assert ProcessingRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_database_refuses_raw_sql_delete():
    _one_record()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_processingrecord")
    assert ProcessingRecord.objects.count() == 1
