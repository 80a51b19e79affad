"""A foreign world for the URL walk: one real object of every kind a URL names, all in
Testwijkstad, and the strangers who must not reach them.

Every object hangs off one Wijkstad case (lead, process director, the police on the team), so
a nested URL such as ``/casussen/<case_id>/notities/<entry_id>/`` names an entry that really
exists under that case. The strangers are the outsider (a partner of the Polderveen social
team, on no team) and people of Polderveen, or of another region, who hold each role that
could be tempted to look across the border: a view with no gate answers them 200, a gate that
checks the role but forgets the municipality answers the Polderveen lead 200.

``PARAMETERS`` says which object each URL parameter names; a name that several apps use is
told apart by the start of the path (the longest matching start wins).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta
from typing import TypeVar

from django.db.models import Model
from django.utils import timezone

from accounts.models import (
    AccountHold,
    ApiToken,
    HoldReason,
    Membership,
    Municipality,
    Organisation,
    Region,
    Role,
    User,
)
from accounts.services import account_hold_create, api_token_create
from audit.models import ProcessingActivity
from cases.entries import entry_add, entry_grant
from cases.gates import case_facts
from cases.models import Action, BreakGlassAccess, Case, CaseEntry, EntryGrant
from cases.services import break_glass_open, case_change_situation, case_set_review
from cases.tests.test_actions import new_action
from cases.tests.test_cases import open_case
from cases.workflow import Situation
from checklists.models import Checklist, ChecklistItem, ChecklistTemplate, TemplateItem
from checklists.tests.builders import item as checklist_item
from checklists.tests.builders import start as checklist_start
from conferences.services import minutes_add
from conferences.tests.test_conferences import conference, item_of
from measures.models import Intervention, LegalRemedy, MeasureType
from measures.services import catalogue_load
from measures.tests.helpers import propose, step
from meetings.models import AgendaItem, Meeting
from meetings.tests import builders as meeting_builders
from network.followups import followup_propose
from network.models import FollowUp, NetworkPerson, Relation
from network.tests.builders import small_network
from preparedness.models import CotTask, KeyFigure, SupportOrganisation, Topic, TrainingRecord
from preparedness.services import TrainingData, partner_agreement_save, training_record_create
from preparedness.tests.builders import key_figure
from reports.models import CouncilReport
from reports.services import council_report_create
from signals.models import IntelligenceNotice, Signal
from signals.tests.builders import notice_signal
from support.aftercare import PartInput, reintegration_plan_save
from support.models import AssessmentReference, FamilySupportContact, PressLine
from support.tests.builders import (
    assessment,
    contact,
    municipal_press_line,
    press_line,
    relative,
)
from tasks.models import Notification, Task, TaskSource, TaskStatus
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World


@dataclass
class ForeignWorld:
    """One object of each kind, in Testwijkstad; values for the few text parameters."""

    municipality: Municipality
    region: Region
    organisation: Organisation
    agreement_partner: Organisation
    user: User
    membership: Membership
    token: ApiToken
    hold: AccountHold
    case: Case
    entry: CaseEntry
    grant: EntryGrant
    action: Action
    task: Task
    notification: Notification
    break_glass: BreakGlassAccess
    signal: Signal
    notice_signal: Signal
    notice: IntelligenceNotice
    weighing: Meeting
    weighing_item: AgendaItem
    conference: Meeting
    conference_item: AgendaItem
    triangle: Meeting
    triangle_item: AgendaItem
    minutes: CaseEntry
    person: NetworkPerson
    relation: Relation
    followup: FollowUp
    measure_type: MeasureType
    intervention: Intervention
    remedy: LegalRemedy
    template: ChecklistTemplate
    template_item: TemplateItem
    checklist: Checklist
    checklist_item: ChecklistItem
    family_contact: FamilySupportContact
    press_line: PressLine
    municipal_press_line: PressLine
    assessment: AssessmentReference
    key_figure: KeyFigure
    training: TrainingRecord
    support_organisation: SupportOrganisation
    report: CouncilReport
    topic: str
    cot_task: str
    register_code: str

    def value(self, key: str) -> str:
        found = getattr(self, key)
        return found if isinstance(found, str) else str(found.pk)


# parameter name -> {start of the URL pattern: ForeignWorld field}
PARAMETERS: dict[str, dict[str, str]] = {
    "case_id": {"": "case"},
    "entry_id": {"": "entry", "casusoverleggen/": "minutes"},
    "grant_id": {"": "grant"},
    "action_id": {"": "action"},
    "task_id": {"": "task"},
    "notification_id": {"": "notification"},
    "signal_id": {"": "signal", "casussen/uit-ambtsbericht/": "notice_signal"},
    "notice_id": {"": "notice"},
    "meeting_id": {
        "overleggen/": "weighing",
        "overleggen/driehoek/": "triangle",
        "casusoverleggen/": "conference",
    },
    "item_id": {
        "overleggen/": "weighing_item",
        "overleggen/driehoek/": "triangle_item",
        "casusoverleggen/": "conference_item",
        "casussen/": "checklist_item",
        "api/v1/cases/": "checklist_item",
        "beheer/checklijsten/": "template_item",
    },
    "person_id": {"": "person"},
    "relation_id": {"": "relation"},
    "followup_id": {"": "followup"},
    "measure_type_id": {"": "measure_type"},
    "intervention_id": {"": "intervention"},
    "remedy_id": {"": "remedy"},
    "template_id": {"": "template"},
    "checklist_id": {"": "checklist"},
    "contact_id": {"": "family_contact"},
    "line_id": {"": "press_line", "perslijnen/": "municipal_press_line"},
    "assessment_id": {"": "assessment"},
    "municipality_id": {"": "municipality"},
    "region_id": {"": "region"},
    "organisation_id": {
        "beheer/": "organisation",
        "voorbereiding/gemeente/": "agreement_partner",
        "voorbereiding/steunpunten/": "support_organisation",
    },
    "user_id": {"": "user"},
    "membership_id": {"": "membership"},
    "hold_id": {"": "hold"},
    "token_id": {"": "token"},
    "access_id": {"": "break_glass"},
    "key_figure_id": {"": "key_figure"},
    "record_id": {"": "training"},
    "report_id": {"": "report"},
    "topic": {"": "topic"},
    "task": {"": "cot_task"},
    "code": {"": "register_code"},
}

ModelT = TypeVar("ModelT", bound=Model)
FIELDS = frozenset(f.name for f in fields(ForeignWorld))


def field_for(pattern: str, parameter: str) -> str | None:
    """The ForeignWorld field a parameter of a URL pattern names, or None when unknown."""
    starts = PARAMETERS.get(parameter, {})
    matching = [start for start in starts if pattern.startswith(start)]
    if not matching:
        return None
    return starts[max(matching, key=len)]


def _triangle(world: World, conference_meeting: Meeting, case: Case) -> Meeting:
    """Wijkstad's triangle meeting with the conference's escalation of the case on its agenda."""
    from conferences.services import decision_record
    from meetings.services import agenda_build
    from meetings.triangle import triangle_create

    decision_record(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        meeting=conference_meeting,
        item=item_of(conference_meeting, case),
        case=case,
        kind="escalate",
        text="Opschalen naar de driehoek.",
    )
    chair = MembershipFactory.create(
        user=UserFactory.create(email="voorzitter@test.schakel.example", full_name="Vera Voorzit"),
        organisation=world.gemeente_wijkstad,
        role=Role.MAYOR_OFFICE,
    )
    triangle = triangle_create(
        actor=world.actor(chair),
        municipality=world.wijkstad,
        held_at=meeting_builders.session_time(21),
        chair=chair.user,
        organisations=[world.gemeente_wijkstad, world.police, meeting_builders.prosecution(world)],
    )
    agenda_build(triangle, actor=world.actor(chair))
    return triangle


def build_foreign_world(world: World) -> ForeignWorld:
    """Everything through the services (or the apps' own test builders), as a user would."""
    lead = world.actor(world.lead)
    today = timezone.localdate()
    case = open_case(world, process_director=world.process_director.user)
    case = _to_situation(world, case, Situation.DEPARTED)

    entry = entry_add(
        actor=lead,
        user=world.lead.user,
        case=case,
        kind=CaseEntry.Kind.NOTE,
        category="special",
        source_organisation=world.gemeente_wijkstad,
        legal_basis="Art. 9 lid 2 AVG",
        text="Zorg over de gezondheid.",
    )
    grant = entry_grant(
        actor=lead, user=world.lead.user, entry=entry, organisation=world.police, reason="Consent"
    )
    action = new_action(world, case)
    case = case_set_review(
        actor=lead,
        user=world.lead.user,
        case=case,
        review_on=today + timedelta(days=10),
        reason="Terugkoppeling van de school.",
        version=case.version,
    )
    task = Task.objects.get(source=TaskSource.REVIEW, source_id=case.pk, status=TaskStatus.OPEN)

    # A colleague lead of Wijkstad: the user an administrator would open, and who used
    # emergency access on the case (so the privacy officer of Wijkstad reviews it).
    colleague = MembershipFactory.create(
        user=UserFactory.create(email="collega@test.schakel.example", full_name="Cor Collega"),
        organisation=world.gemeente_wijkstad,
        role=Role.LEAD,
    )
    break_glass = break_glass_open(
        actor=world.actor(colleague), user=colleague.user, case=case, reason="Acute dreiging"
    )
    token, _plaintext = api_token_create(membership=world.lead, name="koppeling", days=1)
    # A login the administrator changed, waiting for Wijkstad's privacy officer.
    held_lead = MembershipFactory.create(
        user=UserFactory.create(email="herzien@test.schakel.example", full_name="Hanna Herzien"),
        organisation=world.gemeente_wijkstad,
        role=Role.LEAD,
    )
    hold = account_hold_create(
        user=held_lead.user, reason=HoldReason.PASSWORD_SET, held_by_id=world.admin.user_id
    )
    assert hold is not None

    signal = meeting_builders.new_signal(world)
    weighing = meeting_builders.built(world, meeting_builders.plan(world))
    with_notice = notice_signal(world)

    meeting = conference(world)
    minutes = minutes_add(
        actor=lead,
        user=world.lead.user,
        meeting=meeting,
        item=item_of(meeting, case),
        case=case,
        category="general",
        source_organisation=world.police,
        legal_basis="",
        text="De politie ziet geen nieuwe signalen.",
    )

    triangle = _triangle(world, meeting, case)

    network = small_network(world, case)
    followup = followup_propose(
        actor=lead,
        user=world.lead.user,
        case=case,
        facts=case_facts(case),
        person=network.sister,
        reason="Wordt benaderd via sociale media.",
        proposal=FollowUp.Proposal.PREVENTIVE_ACTION,
    )

    catalogue_load()
    measure_type = MeasureType.objects.get(code="passport-invalidation")
    intervention = step(world, propose(world, case, measure_type), "decided", decided_on=today)

    checklist = checklist_start(world, case, "departed")
    template = checklist.template
    case = _to_situation(world, case, Situation.RETURNED)
    mother = relative(world, case)
    reintegration_plan_save(
        actor=lead,
        user=world.lead.user,
        case=case,
        parts=[PartInput("housing", "Woning geregeld.")],
        version=None,
    )

    partner_agreement_save(
        actor=lead,
        municipality=world.wijkstad,
        organisation=world.police,
        task=CotTask.SIGNALLING,
        role="lead",
        contact_person="wijkagent",
        agreed_on=None,
        version=0,
    )
    training = training_record_create(
        actor=lead,
        municipality=world.wijkstad,
        data=TrainingData(
            organisation=world.police,
            participant_name="",
            participant_count=3,
            training="Basis",
            held_on=today - timedelta(days=30),
            refresh_on=None,
            joint=True,
        ),
    )
    report = council_report_create(
        actor=lead,
        user=world.lead.user,
        municipality=world.wijkstad,
        period_code=f"{today.year - 1}-Q1",
        classification="secret",
        channel="closed_session",
        today=today,
    )
    # The report covers a period before the world's cases were opened; the police worked on
    # Wijkstad's cases then too, so they may write their explanation (reports:explain).
    report.contributors.add(world.police)
    return ForeignWorld(
        municipality=world.wijkstad,
        region=world.region,
        organisation=world.gemeente_wijkstad,
        agreement_partner=world.police,
        user=colleague.user,
        membership=colleague,
        token=token,
        hold=hold,
        case=case,
        entry=entry,
        grant=grant,
        action=action,
        task=task,
        # The lead's message about the review task: only its recipient opens it.
        notification=Notification.objects.get(task=task),
        break_glass=break_glass,
        signal=signal,
        notice_signal=with_notice,
        notice=IntelligenceNotice.objects.get(signal=with_notice),
        weighing=weighing,
        weighing_item=weighing.agenda_items.get(item_type="signal", item_id=signal.pk),
        conference=meeting,
        conference_item=item_of(meeting, case),
        triangle=triangle,
        triangle_item=triangle.agenda_items.get(),
        minutes=minutes,
        person=network.sister,
        relation=network.sibling_tie,
        followup=followup,
        measure_type=measure_type,
        intervention=intervention,
        remedy=intervention.remedies.get(),
        template=template,
        template_item=_first(template.items.order_by("pk").first(), "template item"),
        checklist=checklist,
        checklist_item=checklist_item(checklist, "missing-person-report"),
        family_contact=contact(world, case, mother),
        press_line=press_line(world, case),
        municipal_press_line=municipal_press_line(world),
        assessment=assessment(world, case),
        key_figure=key_figure(world),
        training=training,
        support_organisation=_first(
            SupportOrganisation.objects.order_by("pk").first(), "support organisation"
        ),
        report=report,
        topic=Topic.LEAD.value,
        cot_task=CotTask.SIGNALLING.value,
        register_code=_first(
            ProcessingActivity.objects.filter(versions__isnull=False).order_by("code").first(),
            "register entry",
        ).code,
    )


def _to_situation(world: World, case: Case, situation: str) -> Case:
    return case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=situation,
        reason="Nieuwe situatie.",
        version=case.version,
        return_motive="unknown" if situation == Situation.RETURNED else "",
        # A confirmed death needs its source (issue 14, point 6).
        death_source="brp" if situation == "deceased" else "",
    )


def _first(found: ModelT | None, what: str) -> ModelT:
    assert found is not None, f"the seed data has no {what}"
    return found


# --- The strangers. ---


def strangers(world: World) -> dict[str, Membership]:
    """The outsider, and people of Polderveen (or of another region, for the region's
    process director) holding the roles whose reach stops at the border. The administrator
    and the register are the installation's, not a municipality's: no stranger admin."""
    elders = Region.objects.create(name="Veiligheidshuis Elders")
    elders_house = Organisation.objects.create(
        name="ZVH Elders", kind=Organisation.Kind.SAFETY_HOUSE, region=elders
    )

    def member(organisation: Organisation, role: str, email: str, name: str) -> Membership:
        user = UserFactory.create(email=email, full_name=name)
        return MembershipFactory.create(user=user, organisation=organisation, role=role)

    polderveen = world.gemeente_polderveen
    return {
        "outsider": world.outsider,
        "polderveen lead": member(polderveen, Role.LEAD, "lead@polderveen.example", "Pim Polder"),
        "polderveen mayor's office": member(
            polderveen, Role.MAYOR_OFFICE, "kabinet@polderveen.example", "Bo Burger"
        ),
        "polderveen intake": member(
            polderveen, Role.INTAKE, "meldpunt@polderveen.example", "Ine Intake"
        ),
        "polderveen privacy officer": member(
            polderveen, Role.PRIVACY_OFFICER, "fg@polderveen.example", "Fos FG"
        ),
        "process director elsewhere": member(
            elders_house, Role.PROCESS_DIRECTOR, "regie@elders.example", "Rens Regie"
        ),
    }


def insiders(world: World) -> dict[str, Membership]:
    """Wijkstad's own people, one per role: between them they reach every foreign object."""
    mayor = MembershipFactory.create(
        user=UserFactory.create(email="kabinet@test.schakel.example", full_name="Kees Kabinet"),
        organisation=world.gemeente_wijkstad,
        role=Role.MAYOR_OFFICE,
    )
    return {
        "lead": world.lead,
        "process director": world.process_director,
        "partner": world.partner,
        "mayor's office": mayor,
        "privacy officer": world.privacy_officer,
        "admin": world.admin,
    }
