"""Write functions for case entries (notes and facts): add, correct, share and unshare.

An entry's text is never overwritten: a correction adds a version, with its reason. Who may
read an entry follows from its information category (access.entries.may_view_entry); the
gates in cases.entry_gates decide who may call these functions, and these functions check
what the data itself must satisfy. Each is one transaction with its processing record.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_edit_case
from access.entries import may_add_entry, may_correct_entry, may_share_entry
from access.facts import Actor, CaseFacts, Category
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.entry_gates import entry_facts
from cases.gates import ACTIVITY, case_facts
from cases.models import Case, CaseEntry, CaseEntryVersion, EntryGrant, InformationCategory
from lib.concurrency import update_if_current
from meetings.models import AgendaItem

# Information that may be shared further with another team organisation, with a ground.
SHAREABLE_CATEGORIES = frozenset({Category.SPECIAL, Category.SECRECY})


def _log(actor: Actor, entry: CaseEntry, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=[f"subject:{entry.case.subject_id}"],
        object_type="case_entry",
        object_id=entry.pk,
    )


def source_choices(actor: Actor, case: Case, facts: CaseFacts) -> list[Organisation]:
    """The organisations an actor may name as the source of a new entry.

    A partner records what their own organisation knows. The lead and the process director,
    who direct the case and chair its conferences, may also record what a team organisation
    or the municipality reported (e.g. in the minutes), so the entry carries the source's
    category rules; the source confirms it afterwards.
    """
    if not may_edit_case(actor, facts):
        return list(Organisation.objects.filter(pk=actor.organisation_id))
    allowed = Organisation.objects.filter(pk__in=facts.team_organisation_ids) | (
        Organisation.objects.filter(
            municipality_id=case.municipality_id, kind=Organisation.Kind.MUNICIPALITY
        )
    )
    return list((allowed | Organisation.objects.filter(pk=actor.organisation_id)).distinct())


def _require(value: str, field: str, message: str) -> str:
    if not value.strip():
        raise ValidationError({field: message})
    return value.strip()


@transaction.atomic
def entry_add(
    *,
    actor: Actor,
    user: User,
    case: Case,
    kind: str,
    category: str,
    source_organisation: Organisation,
    legal_basis: str,
    text: str,
    agenda_item: AgendaItem | None = None,
    facts: CaseFacts | None = None,
) -> CaseEntry:
    """Records a note or fact. Legal basis is required for all but general information."""
    facts = facts or case_facts(case)
    if not may_add_entry(actor, facts):
        raise ValidationError(_("Only the people on the case can record information in it."))
    if kind not in CaseEntry.Kind.values:
        raise ValidationError({"kind": _("Choose whether this is a note or a fact.")})
    if category not in InformationCategory.values:
        raise ValidationError({"category": _("Choose the information category.")})
    text = _require(text, "text", _("Write the text of the entry."))
    if category != Category.GENERAL:
        legal_basis = _require(
            legal_basis,
            "legal_basis",
            _("Give the legal basis for recording this information, e.g. consent or a law."),
        )
    if source_organisation.pk not in {o.pk for o in source_choices(actor, case, facts)}:
        raise ValidationError(
            {"source_organisation": _("You cannot record information for this organisation.")}
        )
    entry = CaseEntry.objects.create(
        case=case,
        kind=kind,
        category=category,
        source_organisation=source_organisation,
        legal_basis=legal_basis.strip(),
        author=user,
        agenda_item=agenda_item,
    )
    CaseEntryVersion.objects.create(entry=entry, number=1, text=text, author=user)
    _log(actor, entry, name="cases.entries.create", operation=Operation.CREATE)
    return entry


@transaction.atomic
def entry_correct(
    *, actor: Actor, user: User, entry: CaseEntry, text: str, reason: str, version: int
) -> CaseEntryVersion:
    """Adds a corrected text as a new version; the earlier versions stay readable.

    Raises StaleEdit when the entry was corrected by someone else since ``version``.
    """
    if not may_correct_entry(actor, entry_facts(entry, case_facts(entry.case))):
        raise ValidationError(_("You cannot correct this entry."))
    reason = _require(reason, "reason", _("Give the reason for the correction."))
    text = _require(text, "text", _("Write the corrected text."))
    current = entry.versions.order_by("-number").first()
    if current is not None and current.number == version and current.text == text.strip():
        raise ValidationError({"text": _("The text is unchanged; change it or cancel.")})
    update_if_current(CaseEntry, entry.pk, version)
    corrected = CaseEntryVersion.objects.create(
        entry=entry, number=version + 1, text=text, correction_reason=reason, author=user
    )
    entry.refresh_from_db(fields=["version"])
    _log(actor, entry, name="cases.entries.correct", operation=Operation.UPDATE)
    return corrected


def grant_choices(entry: CaseEntry, facts: CaseFacts) -> list[Organisation]:
    """Team organisations the entry could still be shared with."""
    already = set(
        entry.grants.filter(revoked_at__isnull=True).values_list("organisation_id", flat=True)
    )
    return list(
        Organisation.objects.filter(pk__in=facts.team_organisation_ids)
        .exclude(pk=entry.source_organisation_id)
        .exclude(pk__in=already)
        .order_by("name")
    )


@transaction.atomic
def entry_grant(
    *,
    actor: Actor,
    user: User,
    entry: CaseEntry,
    organisation: Organisation,
    reason: str,
) -> EntryGrant:
    """Shares special or secret information with one more team organisation, on a ground
    (consent or a legal exception): by the source organisation, or the lead."""
    facts = case_facts(entry.case)
    if not may_share_entry(actor, entry_facts(entry, facts)):
        raise ValidationError(_("Only the source organisation or the lead can share this entry."))
    reason = _require(
        reason, "reason", _("Give the ground for sharing: consent or a legal exception.")
    )
    if entry.category not in SHAREABLE_CATEGORIES:
        raise ValidationError(
            _("Only special personal data and professional secrets are shared one by one.")
        )
    if organisation.pk not in {o.pk for o in grant_choices(entry, facts)}:
        raise ValidationError(
            {
                "organisation": _(
                    "Choose an organisation on the team that does not have the entry yet."
                )
            }
        )
    grant = EntryGrant.objects.create(
        entry=entry, organisation=organisation, reason=reason, granted_by=user
    )
    _log(actor, entry, name="cases.entries.grant", operation=Operation.UPDATE)
    return grant


@transaction.atomic
def entry_grant_revoke(*, actor: Actor, user: User, grant: EntryGrant) -> None:
    """Ends sharing at once; the grant stays as history with its end."""
    entry = grant.entry
    if not may_share_entry(actor, entry_facts(entry, case_facts(entry.case))):
        raise ValidationError(_("Only the source organisation or the lead can stop sharing."))
    revoked = EntryGrant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not revoked:
        raise ValidationError(_("This organisation no longer has the entry."))
    _log(actor, entry, name="cases.entries.grant_revoke", operation=Operation.UPDATE)
