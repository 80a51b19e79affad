"""Writing a case's network: network persons, the link to a known subject, and relations.

Every function checks the policy again (views gate first; a service is also called from the
API and from tests), validates before it saves, and logs the write in the same transaction:
one processing record per network person involved plus the case's subject. A refusal is a
ValidationError with a sentence per field and changes nothing; an outdated version is a
StaleEdit.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_edit_network, may_link_network_subject, may_name_other_source
from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Case
from cases.plans import goal_owner_choices
from lib.concurrency import StaleEdit, update_if_current
from network.gates import person_ref
from network.models import (
    Direction,
    Nature,
    NetworkPerson,
    NodeKind,
    Relation,
    RelationKind,
    Reliability,
)
from persons.models import Subject

EARLIEST_BIRTH_YEAR = 1900
NAME_LIMIT = 200
NOTE_LIMIT = 500
REASON_LIMIT = 500
SUBJECT_NODE_REASON = "The case's own subject."

Errors = dict[str, list[str]]


def _log(
    actor: Actor | None,
    case: Case,
    people: list[int],
    *,
    name: str,
    operation: Operation,
    object_type: str,
    object_id: int,
    user_id: int | None = None,
) -> None:
    subjects = [f"subject:{case.subject_id}"] + [person_ref(pk) for pk in sorted(set(people))]
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        actor_user_id=user_id,
        subjects=subjects,
        object_type=object_type,
        object_id=object_id,
    )


def _require_editor(actor: Actor, case: Case) -> None:
    if not may_edit_network(actor, case_facts(case)):
        raise ValidationError(
            _("Only the lead, the process director or the team record a network.")
        )


def source_organisation_choices(actor: Actor, case: Case) -> list[Organisation]:
    """Who may be named as the source: a partner names their own organisation; the lead and
    the process director a team organisation, the municipality or their own organisation."""
    if not may_name_other_source(actor):
        return list(Organisation.objects.filter(pk=actor.organisation_id))
    allowed = {o.pk: o for o in goal_owner_choices(case)}
    own = Organisation.objects.filter(pk=actor.organisation_id).first()
    if own is not None:
        allowed.setdefault(own.pk, own)
    return sorted(allowed.values(), key=lambda o: o.name)


def _check_source(actor: Actor, case: Case, organisation: Organisation, errors: Errors) -> None:
    if organisation.pk not in {o.pk for o in source_organisation_choices(actor, case)}:
        if not may_name_other_source(actor):
            message = _("As a partner you record what your own organisation knows.")
        else:
            message = _("The source must be a team organisation or the municipality.")
        errors["source_organisation"] = [message]


def _check_text(value: str, field: str, limit: int, errors: Errors, *, required: str = "") -> None:
    if required and not value.strip():
        errors[field] = [required]
    elif len(value.strip()) > limit:
        errors[field] = [_("Write at most %(limit)d characters.") % {"limit": limit}]


def _check_person(
    *, kind: str, name: str, birth_year: int | None, note: str, errors: Errors
) -> None:
    if kind not in NodeKind.values:
        errors["kind"] = [_("Choose whether this is a person, a place or an organisation.")]
    _check_text(name, "name", NAME_LIMIT, errors, required=_("Give a name or a role."))
    _check_text(note, "note", NOTE_LIMIT, errors)
    this_year = timezone.localdate().year
    if birth_year is not None and not EARLIEST_BIRTH_YEAR <= birth_year <= this_year:
        errors["birth_year"] = [
            _("The year of birth must lie between %(first)d and %(last)d.")
            % {"first": EARLIEST_BIRTH_YEAR, "last": this_year}
        ]
    if kind != NodeKind.PERSON and (birth_year is not None):
        errors.setdefault("birth_year", []).append(
            _("Only a person has a year of birth; leave it empty for a place or organisation.")
        )


def _minor_flag(kind: str, birth_year: int | None, minor: bool | None) -> bool | None:
    # The year of birth decides when it is known; the flag is for when it is not, and a
    # place or organisation has no age at all.
    if kind != NodeKind.PERSON or birth_year is not None:
        return None
    return minor


@transaction.atomic
def person_add(
    *,
    actor: Actor,
    user: User,
    case: Case,
    kind: str,
    name: str,
    birth_year: int | None = None,
    minor: bool | None = None,
    note: str = "",
    source_organisation: Organisation,
) -> NetworkPerson:
    """Adds a node (a person, place or organisation) to the case's network."""
    _require_editor(actor, case)
    errors: Errors = {}
    _check_person(kind=kind, name=name, birth_year=birth_year, note=note, errors=errors)
    _check_source(actor, case, source_organisation, errors)
    if errors:
        raise ValidationError(errors)
    person = NetworkPerson(
        case=case,
        kind=kind,
        name=name.strip(),
        birth_year=birth_year,
        minor=_minor_flag(kind, birth_year, minor),
        note=note.strip(),
        source_organisation=source_organisation,
        created_by=user,
    )
    person.full_clean()
    person.save()
    _log(
        actor,
        case,
        [person.pk],
        name="cases.network.person.create",
        operation=Operation.CREATE,
        object_type="network_person",
        object_id=person.pk,
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor: Actor,
    user: User,
    person: NetworkPerson,
    kind: str,
    name: str,
    birth_year: int | None = None,
    minor: bool | None = None,
    note: str = "",
    version: int,
) -> NetworkPerson:
    """Changes a node; ``version`` is the one the user saw (a newer one raises StaleEdit).

    The case's own subject stays a person and keeps the subject's name."""
    case = person.case
    _require_editor(actor, case)
    current = NetworkPerson.objects.filter(pk=person.pk).values_list("version", flat=True).first()
    if current is None or current != version:
        raise StaleEdit
    errors: Errors = {}
    _check_person(kind=kind, name=name, birth_year=birth_year, note=note, errors=errors)
    if person.represents_case_subject and kind != NodeKind.PERSON:
        errors["kind"] = [_("The person of the case stays a person.")]
    if errors:
        raise ValidationError(errors)
    changes = {
        "kind": kind,
        "name": person.name if person.represents_case_subject else name.strip(),
        "birth_year": birth_year,
        "minor": _minor_flag(kind, birth_year, minor),
        "note": note.strip(),
    }
    update_if_current(NetworkPerson, person.pk, version, **changes)
    person.refresh_from_db()
    _log(
        actor,
        case,
        [person.pk],
        name="cases.network.person.update",
        operation=Operation.UPDATE,
        object_type="network_person",
        object_id=person.pk,
    )
    return person


@transaction.atomic
def person_link_subject(
    *,
    actor: Actor,
    user: User,
    person: NetworkPerson,
    subject: Subject,
    reason: str,
    version: int,
) -> NetworkPerson:
    """The lead links a node to a known subject of the municipality, with the reason.

    Linking joins two records about a person, so it is done by hand, never suggested."""
    case = person.case
    if not may_link_network_subject(actor, case_facts(case)):
        raise ValidationError(_("Only the lead of the case links a network person to a subject."))
    current = NetworkPerson.objects.filter(pk=person.pk).values_list("version", flat=True).first()
    if current is None or current != version:
        raise StaleEdit
    errors: Errors = {}
    if person.kind != NodeKind.PERSON:
        errors["subject"] = [_("Only a person can be linked to a known subject.")]
    elif person.represents_case_subject:
        errors["subject"] = [_("The person of the case is already the case's own subject.")]
    elif subject.municipality_id != case.municipality_id:
        errors["subject"] = [_("Choose a subject of the case's municipality.")]
    _check_text(
        reason, "reason", REASON_LIMIT, errors, required=_("Say why this is the same person.")
    )
    if errors:
        raise ValidationError(errors)
    update_if_current(
        NetworkPerson,
        person.pk,
        version,
        subject=subject,
        subject_link_reason=reason.strip(),
        subject_linked_by=user,
    )
    person.refresh_from_db()
    log_processing(
        activity=ACTIVITY,
        name="cases.network.person.link",
        operation=Operation.UPDATE,
        actor=actor,
        subjects=[f"subject:{case.subject_id}", person_ref(person.pk), f"subject:{subject.pk}"],
        object_type="network_person",
        object_id=person.pk,
    )
    return person


def ensure_subject_node(*, case: Case, user: User, actor: Actor | None = None) -> NetworkPerson:
    """The case's own subject as the centre of its network, created once.

    The node is linked to the case's subject (it is that person, not a guess); it carries the
    subject's name and nothing else."""
    existing = NetworkPerson.objects.filter(case=case, represents_case_subject=True).first()
    if existing is not None:
        return existing
    subject = case.subject
    source = Organisation.objects.filter(
        municipality_id=case.municipality_id, kind=Organisation.Kind.MUNICIPALITY
    ).first()
    if source is None and actor is not None:
        source = Organisation.objects.get(pk=actor.organisation_id)
    if source is None:
        raise ValidationError(_("The case's municipality has no organisation in Schakel."))
    try:
        with transaction.atomic():
            person = NetworkPerson.objects.create(
                case=case,
                kind=NodeKind.PERSON,
                name=subject.display_name,
                represents_case_subject=True,
                subject=subject,
                subject_link_reason=SUBJECT_NODE_REASON,
                subject_linked_by=user,
                source_organisation=source,
                created_by=user,
            )
            _log(
                actor,
                case,
                [person.pk],
                name="cases.network.person.create",
                operation=Operation.CREATE,
                object_type="network_person",
                object_id=person.pk,
                user_id=user.pk,
            )
    except IntegrityError:
        # Two first visits at once: the other one created it.
        return NetworkPerson.objects.get(case=case, represents_case_subject=True)
    return person


# --- Relations. ---


def _check_relation(
    *,
    kind: str,
    direction: str,
    nature: str,
    reliability: str,
    started_on: date | None,
    ended_on: date | None,
    observed_on: date | None,
    note: str,
    errors: Errors,
) -> None:
    if kind not in RelationKind.values:
        errors["kind"] = [_("Choose the kind of relation from the list.")]
    if direction not in Direction.values:
        errors["direction"] = [_("Choose the direction of the relation from the list.")]
    if nature not in Nature.values:
        errors["nature"] = [
            _("Choose whether the relation is protective, a risk, ambivalent or unknown.")
        ]
    if reliability not in Reliability.values:
        errors["reliability"] = [_("Choose how reliable the information is.")]
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = [_("The relation cannot end before it started.")]
    today = timezone.localdate()
    if observed_on is None:
        errors["observed_on"] = [_("Give the date the relation was observed or reported.")]
    elif observed_on > today:
        errors["observed_on"] = [_("The observation date cannot lie in the future.")]
    if started_on and started_on > today:
        errors["started_on"] = [_("The start cannot lie in the future.")]
    _check_text(note, "note", NOTE_LIMIT, errors)


@transaction.atomic
def relation_add(
    *,
    actor: Actor,
    user: User,
    case: Case,
    source: NetworkPerson,
    target: NetworkPerson,
    kind: str,
    direction: str = Direction.MUTUAL,
    nature: str = Nature.UNKNOWN,
    reliability: str = Reliability.UNCONFIRMED,
    source_organisation: Organisation,
    started_on: date | None = None,
    ended_on: date | None = None,
    observed_on: date | None,
    note: str = "",
) -> Relation:
    """Records a tie between two nodes of this case's network."""
    _require_editor(actor, case)
    errors: Errors = {}
    # Re-read both ends: a node of another case (or one removed meanwhile) must not be tied in.
    ends = set(
        NetworkPerson.objects.filter(case=case, pk__in=[source.pk, target.pk]).values_list(
            "pk", flat=True
        )
    )
    if source.pk not in ends:
        errors["source"] = [_("This person is not in the network of this case.")]
    if target.pk not in ends:
        errors["target"] = [_("This person is not in the network of this case.")]
    if source.pk == target.pk:
        errors["target"] = [_("A relation needs two different people; it cannot be to oneself.")]
    _check_relation(
        kind=kind,
        direction=direction,
        nature=nature,
        reliability=reliability,
        started_on=started_on,
        ended_on=ended_on,
        observed_on=observed_on,
        note=note,
        errors=errors,
    )
    _check_source(actor, case, source_organisation, errors)
    if errors:
        raise ValidationError(errors)
    assert observed_on is not None  # checked above
    relation = Relation(
        case=case,
        source=source,
        target=target,
        kind=kind,
        direction=direction,
        nature=nature,
        reliability=reliability,
        source_organisation=source_organisation,
        started_on=started_on,
        ended_on=ended_on,
        observed_on=observed_on,
        note=note.strip(),
        created_by=user,
    )
    relation.full_clean()
    relation.save()
    _log(
        actor,
        case,
        [source.pk, target.pk],
        name="cases.network.relation.create",
        operation=Operation.CREATE,
        object_type="network_relation",
        object_id=relation.pk,
    )
    return relation


@transaction.atomic
def relation_update(
    *,
    actor: Actor,
    user: User,
    relation: Relation,
    kind: str,
    direction: str,
    nature: str,
    reliability: str,
    started_on: date | None = None,
    ended_on: date | None = None,
    observed_on: date | None,
    note: str = "",
    version: int,
) -> Relation:
    """Changes what is known of a tie (not its ends: another pair is another relation)."""
    case = relation.case
    _require_editor(actor, case)
    current = Relation.objects.filter(pk=relation.pk).values_list("version", flat=True).first()
    if current is None or current != version:
        raise StaleEdit
    errors: Errors = {}
    _check_relation(
        kind=kind,
        direction=direction,
        nature=nature,
        reliability=reliability,
        started_on=started_on,
        ended_on=ended_on,
        observed_on=observed_on,
        note=note,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    update_if_current(
        Relation,
        relation.pk,
        version,
        kind=kind,
        direction=direction,
        nature=nature,
        reliability=reliability,
        started_on=started_on,
        ended_on=ended_on,
        observed_on=observed_on,
        note=note.strip(),
    )
    relation.refresh_from_db()
    _log(
        actor,
        case,
        [relation.source_id, relation.target_id],
        name="cases.network.relation.update",
        operation=Operation.UPDATE,
        object_type="network_relation",
        object_id=relation.pk,
    )
    return relation


@transaction.atomic
def relation_remove(
    *, actor: Actor, user: User, relation: Relation, version: int, reason: str
) -> None:
    """Deletes a tie that was recorded wrongly or no longer matters; the log keeps that it
    was removed, by whom and when (not what it said)."""
    case = relation.case
    _require_editor(actor, case)
    current = Relation.objects.filter(pk=relation.pk).values_list("version", flat=True).first()
    if current is None or current != version:
        raise StaleEdit
    errors: Errors = {}
    _check_text(
        reason, "reason", REASON_LIMIT, errors, required=_("Say why the relation is removed.")
    )
    if errors:
        raise ValidationError(errors)
    relation_id = relation.pk
    people = [relation.source_id, relation.target_id]
    deleted, _rows = Relation.objects.filter(pk=relation_id, version=version).delete()
    if not deleted:
        raise StaleEdit
    _log(
        actor,
        case,
        people,
        name="cases.network.relation.delete",
        operation=Operation.DELETE,
        object_type="network_relation",
        object_id=relation_id,
    )
