"""The processing log in words: a label for every log name and object type.

The log stores stable codes (``cases.network.followup.create``, ``network_person``); the
privacy officer reads words. Every name the code writes has a label here;
``privacy/tests/test_log_labels.py`` walks the source for the names and object types it
writes and fails on one without a label, so this list cannot silently fall behind. A name
written before a label existed (an older record) is shown by what the record itself says:
its operation and object type in words, with the code beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from audit.models import ProcessingRecord

# A case read by emergency access carries this suffix (cases.gates.BREAK_GLASS_MARK).
BREAK_GLASS_SUFFIX = ".break_glass"

NAME_LABELS: dict[str, StrOrPromise] = {
    # Access and sign-in
    "access.object_refused": _("Access to an object refused"),
    "access.role_denied": _("Page refused for this role"),
    "accounts.lockout": _("Account locked after failed logins"),
    "accounts.login.password": _("Login: password step"),
    "accounts.login.second_factor": _("Login: second factor step"),
    "accounts.logout": _("Logout"),
    # Functional administration
    "administration.approvals.list": _("Roles awaiting approval viewed"),
    "administration.approvals.read": _("Role awaiting approval viewed"),
    "administration.holds.list": _("Account holds viewed"),
    "administration.holds.read": _("Account hold viewed"),
    "administration.memberships.approve": _("Role approved"),
    "administration.memberships.create": _("Role granted"),
    "administration.memberships.end": _("Role ended"),
    "administration.memberships.refuse": _("Role refused"),
    "administration.municipalities.create": _("Municipality added"),
    "administration.municipalities.update": _("Municipality changed"),
    "administration.organisations.create": _("Organisation added"),
    "administration.organisations.update": _("Organisation changed"),
    "administration.regions.create": _("Region added"),
    "administration.regions.update": _("Region changed"),
    "administration.users.activate": _("Account activated"),
    "administration.users.create": _("Account created"),
    "administration.users.deactivate": _("Account deactivated"),
    "administration.users.detail": _("Account viewed"),
    "administration.users.edit": _("Account edit form opened"),
    "administration.users.hold": _("Account put on hold"),
    "administration.users.hold_release": _("Account hold released"),
    "administration.users.list": _("Accounts list viewed"),
    "administration.users.password": _("Password form opened"),
    "administration.users.reset_second_factor": _("Second factor reset"),
    "administration.users.set_password": _("Password set by the administrator"),
    "administration.users.update": _("Account changed"),
    # The log itself
    "audit.chain.key_rotation": _("Chain key rotated"),
    "audit.chain.keyed": _("Chain sealed with a key"),
    "bench.section.read": _("Benchmark read (test data)"),
    # Cases
    "cases.actions.create": _("Action added"),
    "cases.actions.form": _("Action form opened"),
    "cases.actions.read": _("Actions viewed"),
    "cases.actions.update": _("Action changed"),
    "cases.api.list": _("Case list read through the API"),
    "cases.break_glass": _("Emergency access to a case"),
    "cases.conference.create": _("Case conference planned"),
    "cases.conference.decision.create": _("Conference decision recorded"),
    "cases.conference.export": _("Case conference list exported"),
    "cases.conference.form.read": _("Case conference form opened"),
    "cases.conference.item.read": _("Case on a conference agenda viewed"),
    "cases.conference.minutes.close": _("Conference minutes closed"),
    "cases.conference.minutes.confirm": _("Conference minutes confirmed"),
    "cases.conference.minutes.read": _("Conference minutes viewed"),
    "cases.conference.print": _("Case conference printed"),
    "cases.conference.read": _("Case conference viewed"),
    "cases.entries.api.list": _("Case entries read through the API"),
    "cases.entries.correct": _("Case entry corrected"),
    "cases.entries.create": _("Case entry added"),
    "cases.entries.grant": _("Case entry shared with an organisation"),
    "cases.entries.grant_revoke": _("Sharing of a case entry withdrawn"),
    "cases.entries.read": _("Case entry viewed"),
    "cases.entries.search": _("Case entries searched"),
    "cases.export": _("Case list exported"),
    "cases.list": _("Case list viewed"),
    "cases.measures.read": _("Measures of a case viewed"),
    "cases.network.api.read": _("Network read through the API"),
    "cases.network.crosslinks": _("Links to other cases checked"),
    "cases.network.export": _("Network exported"),
    "cases.network.followup.confirm": _("Network follow-up confirmed"),
    "cases.network.followup.create": _("Network follow-up proposed"),
    "cases.network.followup.decline": _("Network follow-up declined"),
    "cases.network.followup.form": _("Network follow-up form opened"),
    "cases.network.followup.read": _("Network follow-up viewed"),
    "cases.network.person.create": _("Person added to the network"),
    "cases.network.person.link": _("Network person linked to a data subject"),
    "cases.network.person.update": _("Network person changed"),
    "cases.network.read": _("Network viewed"),
    "cases.network.relation.create": _("Network relation added"),
    "cases.network.relation.delete": _("Network relation removed"),
    "cases.network.relation.update": _("Network relation changed"),
    "cases.open": _("Case opened"),
    "cases.plan.agree": _("Plan of approach agreed"),
    "cases.plan.read": _("Plan of approach viewed"),
    "cases.print": _("Case printed"),
    "cases.pdf": _("Case downloaded as PDF"),
    "cases.read": _("Case viewed"),
    "cases.review": _("Case review date set"),
    "cases.situation": _("Situation of a case changed"),
    "cases.status": _("Status of a case changed"),
    "cases.team.add": _("Organisation added to the case team"),
    "cases.team.remove": _("Organisation removed from the case team"),
    # Checklists
    "checklists.api.list": _("Checklists read through the API"),
    "checklists.item": _("Checklist item marked"),
    "checklists.item.fulfilled": _("Checklist item done by a record"),
    "checklists.item.read": _("Checklist item viewed"),
    "checklists.item.assign": _("Checklist item handed to an organisation"),
    "checklists.item.report": _("Report back on a checklist item"),
    "checklists.list": _("Checklists of a case viewed"),
    "checklists.read": _("Checklist viewed"),
    "checklists.settle": _("Lapsed checklist items settled"),
    "checklists.settle.read": _("Checklist to settle viewed"),
    "checklists.start": _("Checklist started"),
    "checklists.start.form": _("Checklist start form opened"),
    # Measures
    "measures.catalogue.create": _("Measure type added to the catalogue"),
    "measures.catalogue.update": _("Measure type in the catalogue changed"),
    "measures.propose": _("Measure proposed"),
    "measures.remedy.interim_relief": _("Interim relief recorded"),
    "measures.remedy.record": _("Legal remedy recorded"),
    "measures.review": _("Measure review date set"),
    "measures.transition": _("Measure moved to a next step"),
    # Weighing sessions
    "meetings.agenda.build": _("Agenda built"),
    "meetings.create": _("Weighing session planned"),
    "meetings.form.read": _("Weighing session form opened"),
    "meetings.item.read": _("Signal on a weighing agenda viewed"),
    "meetings.print": _("Weighing session printed"),
    "meetings.read": _("Weighing session viewed"),
    "meetings.update": _("Weighing session changed"),
    "meetings.triangle.agenda.add": _("Escalation put on a triangle meeting's agenda"),
    "meetings.triangle.create": _("Triangle meeting planned"),
    "meetings.triangle.decide": _("Triangle decision recorded"),
    "meetings.triangle.form.read": _("Triangle meeting form opened"),
    "meetings.triangle.item.read": _("Escalation on a triangle agenda viewed"),
    "meetings.triangle.read": _("Triangle meeting viewed"),
    # Own account
    "portal.account.read": _("Own account viewed"),
    "portal.api.me.read": _("Own account read through the API"),
    "portal.password.change": _("Own password changed"),
    "portal.profile.read": _("Own profile viewed"),
    "portal.profile.update": _("Own profile changed"),
    "portal.token.create": _("API token created"),
    "portal.token.revoke": _("API token revoked"),
    # Preparedness
    "preparedness.agreement.delete": _("Partner agreement removed"),
    "preparedness.agreement.read": _("Partner agreement viewed"),
    "preparedness.agreement.save": _("Partner agreement saved"),
    "preparedness.agreements.read": _("Partner agreements viewed"),
    "preparedness.api.agreements": _("Partner agreements read through the API"),
    "preparedness.api.key_figures": _("Key figures read through the API"),
    "preparedness.api.readiness": _("Readiness read through the API"),
    "preparedness.api.training": _("Training records read through the API"),
    "preparedness.directory.create": _("Support organisation added"),
    "preparedness.directory.delete": _("Support organisation removed"),
    "preparedness.directory.update": _("Support organisation changed"),
    "preparedness.key_figure.create": _("Key figure added"),
    "preparedness.key_figure.delete": _("Key figure removed"),
    "preparedness.key_figure.read": _("Key figure viewed"),
    "preparedness.key_figure.remind": _("Key figure reminded to confirm details"),
    "preparedness.key_figure.update": _("Key figure changed"),
    "preparedness.key_figures.read": _("Key figures viewed"),
    "preparedness.local_scan.create": _("Local scan recorded"),
    "preparedness.policy.save": _("Policy saved"),
    "preparedness.readiness.read": _("Readiness viewed"),
    "preparedness.readiness.save": _("Readiness item saved"),
    "preparedness.training.create": _("Training record added"),
    "preparedness.training.delete": _("Training record removed"),
    "preparedness.training.read": _("Training records viewed"),
    "preparedness.training.update": _("Training record changed"),
    # The privacy officer
    "privacy.break_glass.list": _("Emergency accesses viewed"),
    "privacy.break_glass.read": _("Emergency access viewed"),
    "privacy.break_glass.review": _("Emergency access reviewed"),
    "privacy.grants.list": _("Role grants viewed"),
    "privacy.log.export": _("Processing log exported"),
    "privacy.log.search": _("Processing log searched"),
    "privacy.log.verify": _("Processing log chain verified"),
    "privacy.register.read": _("Register of processing activities viewed"),
    "privacy.register.revise": _("Register entry revised"),
    "privacy.usage.read": _("Usage of accounts viewed"),
    # Council reports and the mayor
    "reports.council.api": _("Council report read through the API"),
    "reports.council.csv": _("Council report exported (CSV)"),
    "reports.council.finalise": _("Council report made final"),
    "reports.council.finalise.despite_check": _(
        "Council report made final with a text despite the name check"
    ),
    "reports.council.generate": _("Council report generated"),
    "reports.council.outline.write": _("Council report: text in outline written"),
    "reports.council.pdf": _("Council report exported (PDF)"),
    "reports.council.section.write": _("Council report: explanation of a partner written"),
    "reports.council.text.despite_check": _(
        "Council report: reason recorded to publish a text despite the name check"
    ),
    "reports.mayor_dashboard.read": _("Mayor's dashboard viewed"),
    # The search box in the header
    "search.query": _("Search in the header"),
    # Signals
    "signals.already_known.check": _("“Already known?” check"),
    "signals.api.list": _("Signals read through the API"),
    "signals.history.read": _("History of a signal viewed"),
    "signals.export": _("Signal list exported"),
    "signals.list": _("Signal list viewed"),
    "signals.notices.read": _("Intelligence notices viewed"),
    "signals.notices.verify": _("Intelligence notice verified"),
    "signals.overdue": _("Overdue signals viewed"),
    "signals.read": _("Signal viewed"),
    "signals.register": _("Signal registered"),
    "signals.transition": _("Signal moved to a next step"),
    "signals.weighing.decide": _("Weighing decision recorded"),
    # Family support, press lines, aftercare
    "support.aftercare.read": _("Aftercare viewed"),
    "support.api.assessment.list": _("Assessments read through the API"),
    "support.api.family.list": _("Family support contacts read through the API"),
    "support.api.family.read": _("Family support contact read through the API"),
    "support.api.press.list": _("Press lines read through the API"),
    "support.api.reintegration": _("Reintegration plan read through the API"),
    "support.assessment.create": _("Assessment reference added"),
    "support.assessment.list": _("Assessment references viewed"),
    "support.assessment.update": _("Assessment reference changed"),
    "support.family.create": _("Family support contact added"),
    "support.family.form": _("Family support form opened"),
    "support.family.list": _("Family support contacts viewed"),
    "support.family.read": _("Family support contact viewed"),
    "support.family.update": _("Family support contact changed"),
    "support.form": _("Support form opened"),
    "support.press.agree_despite_check": _("Press line agreed despite the name check"),
    "support.press.create": _("Press line added"),
    "support.press.list": _("Press lines viewed"),
    "support.press.municipality_list": _("Press lines of the municipality viewed"),
    "support.press.read": _("Press line viewed"),
    "support.press.update": _("Press line changed"),
    "support.read": _("Support of a case viewed"),
    "support.reintegration.review": _("Reintegration plan reviewed"),
    "support.reintegration.save": _("Reintegration plan saved"),
    # Tasks
    "tasks.export": _("Task list exported"),
    "tasks.list": _("Task list viewed"),
    "tasks.notifications.list": _("Notifications viewed"),
    "tasks.review.done": _("Review task completed"),
}

OBJECT_TYPE_LABELS: dict[str, StrOrPromise] = {
    "account_hold": _("account hold"),
    "action": _("action"),
    "api_token": _("API token"),
    "assessment_reference": _("assessment reference"),
    "audit.chain_key": _("chain key"),
    "break_glass_access": _("emergency access"),
    "case": _("case"),
    "case_action": _("action"),
    "case_entry": _("case entry"),
    "checklist": _("checklist"),
    "checklist_item": _("checklist item"),
    "council_report": _("council report"),
    "family_support_contact": _("family support contact"),
    "follow_up": _("network follow-up"),
    "identity_check": _("identity check"),
    "intelligence_notice": _("intelligence notice"),
    "intervention": _("measure"),
    "key_figure": _("key figure"),
    "local_scan": _("local scan"),
    "measure_type": _("measure type"),
    "meeting": _("meeting"),
    "triangle_decision": _("triangle decision"),
    "membership": _("role"),
    "municipality": _("municipality"),
    "network_person": _("network person"),
    "network_relation": _("network relation"),
    "notification": _("notification"),
    "organisation": _("organisation"),
    "partner_agreement": _("partner agreement"),
    "plan_version": _("plan of approach"),
    "policy_record": _("policy"),
    "press_line": _("press line"),
    "processing_activity": _("register entry"),
    "processing_record": _("processing record"),
    "readiness_item": _("readiness item"),
    "region": _("region"),
    "reintegration_plan": _("reintegration plan"),
    "reintegration_review": _("reintegration review"),
    "search": _("search"),
    "signal": _("signal"),
    "subject": _("data subject"),
    "support_organisation": _("support organisation"),
    "task": _("task"),
    "training_record": _("training record"),
    "url": pgettext_lazy("object type in the processing log", "page"),
    "usage": _("usage overview"),
    "user": _("account"),
    "weighing_decision": _("weighing decision"),
}


def name_label(name: str) -> str:
    """The words for a log name; empty when there are none (the caller then derives them)."""
    base = name.removesuffix(BREAK_GLASS_SUFFIX)
    label = NAME_LABELS.get(base)
    if label is None:
        return ""
    if base != name:
        return gettext("%(label)s (emergency access)") % {"label": label}
    return str(label)


def object_type_label(object_type: str) -> str:
    """The words for an object type; the code itself when there are none."""
    label = OBJECT_TYPE_LABELS.get(object_type)
    return str(label) if label is not None else object_type


def record_label(record: ProcessingRecord) -> str:
    """What happened, in words: the name's label, or else the operation and object type."""
    label = name_label(record.name)
    if label:
        return label
    if record.object_type:
        return gettext("%(operation)s: %(object)s") % {
            "operation": record.get_operation_display(),
            "object": object_type_label(record.object_type),
        }
    return str(record.get_operation_display())


def record_object(record: ProcessingRecord) -> str:
    """The object in words with its number, e.g. "network person 2"; empty without one."""
    if not record.object_type:
        return ""
    words = object_type_label(record.object_type)
    return f"{words} {record.object_id}" if record.object_id else words
