"""The "Support and aftercare" section of the case page, registered with cases.sections
from support.apps (cases may not import this app).

It shows counts and statuses, no relative's name: the number of family support contacts,
the status of the current press line, the last assessment with its next date, the
reintegration plan when the person returned, and the bereaved section when the person died.
"""

from __future__ import annotations

from access.cases import may_edit_case, may_record_support
from cases.gates import GatedCase
from cases.workflow import CaseStatus, Situation
from support.aftercare import bereaved, plan_rows
from support.models import AssessmentReference, FamilySupportContact, ReintegrationPlan
from support.press import current_press_line


def support_section(gated: GatedCase) -> dict[str, object]:
    actor, case, facts = gated.actor, gated.case, gated.facts
    family_count = FamilySupportContact.objects.filter(case=case).count()
    line = current_press_line(case)
    assessment = (
        AssessmentReference.objects.filter(case=case).order_by("-assessed_on", "-id").first()
    )
    plan = ReintegrationPlan.objects.filter(case=case).first()
    returned = case.situation == Situation.RETURNED
    # A reported death already brings the support for the bereaved (issue 14, point 6);
    # the page says it is not confirmed, and final deregistration waits for that.
    deceased = case.situation in (Situation.DECEASED, Situation.REPORTED_DECEASED)
    shown_plan = plan is not None or returned
    open_case = case.status != CaseStatus.CLOSED
    filled = [row for row in plan_rows(plan) if row.part and row.part.text] if plan else []
    reviews = [row.part.review_on for row in filled if row.part and row.part.review_on]
    return {
        "family_count": family_count,
        "press_line": line,
        "assessment": assessment,
        "show_plan": shown_plan,
        "plan": plan,
        "plan_parts": len(filled),
        "plan_next_review": min(reviews) if reviews else None,
        "deceased": deceased,
        "death_unconfirmed": case.situation == Situation.REPORTED_DECEASED,
        "bereaved": bereaved(case) if deceased else None,
        "may_record": may_record_support(actor, facts) and open_case,
        "may_direct": may_edit_case(actor, facts) and open_case,
    }
