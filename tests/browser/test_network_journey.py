"""The journey of point 9 of issue 6, through the real network pages in Chromium.

A case of Wijkstad has the police on its team and a process director. The police partner
opens the network (the case's person becomes its centre), records a brother (a minor, by his
year of birth), a sister, a mentor, a recruiter and the school, and their relations; a
relation to oneself is refused with a clear message. The partner filters, expands around the
brother, finds the path from the recruiter to the mentor, reads the structural facts and
asks attention for the brother, proposing a preventive action. Nothing exists until the
lead confirms it; then the action exists exactly once. The lead sees the links to other
cases and downloads the CSV export. axe-core finds no violation on any page on the way.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from django.utils import timezone, translation
from playwright.sync_api import Locator, Page, expect

from cases.models import Action, Case
from cases.tests.test_cases import open_case
from network.export import NODE_COLUMNS
from network.models import (
    FollowUp,
    Nature,
    NetworkPerson,
    NodeKind,
    Relation,
    RelationKind,
    Reliability,
)
from tests.browser.support import BROWSER_TEST, act_as, assert_accessible, dutch, expect_path, visit
from tests.personas import World

pytestmark = BROWSER_TEST

BROTHER = "Yusuf"
SISTER = "Samira"
MENTOR = "Meester Jansen"
RECRUITER = "Abu R."
SCHOOL = "Testcollege Wijkstad"
ACTION_TEXT = "Gesprek met Yusuf en zijn ouders over het online contact"


def nl(msgid: str, **values: object) -> str:
    """A formatted interface sentence as the Dutch interface shows it."""
    with translation.override("nl"):
        return translation.gettext(msgid) % values


def option(person: NetworkPerson) -> str:
    """The value of a person in the page's choice lists."""
    return str(person.pk)


def people_table(page: Page) -> Locator:
    return page.locator("main section[aria-labelledby=people-heading] table tbody tr")


def relations_table(page: Page) -> Locator:
    return page.locator("main section[aria-labelledby=relations-heading] table tbody tr")


def show(page: Page) -> None:
    """Submits the "what to show" form (GET: nothing changes) and waits until the new page
    has loaded, so that what is read next is the answer, not the page before it."""
    with page.expect_navigation() as navigation:
        page.locator("main form[method=get] button[type=submit]").click()
    answer = navigation.value
    assert answer is not None
    assert answer.status == 200, f"{answer.url} answered {answer.status}"


# --- Recording. ---


def add_person(
    page: Page, url: str, case: Case, name: str, *, kind: str = NodeKind.PERSON, born: int = 0
) -> NetworkPerson:
    visit(page, f"{url}/casussen/{case.pk}/netwerk/personen/nieuw/")
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_name").fill(name)
    if born:
        page.locator("#id_birth_year").fill(str(born))
    page.locator("main form[method=post] button[type=submit]").click()
    expect_path(page, f"/casussen/{case.pk}/netwerk/")
    expect(people_table(page).filter(has_text=name)).to_have_count(1)
    return NetworkPerson.objects.get(case=case, name=name)


def fill_relation(
    page: Page,
    first: NetworkPerson,
    second: NetworkPerson,
    kind: str,
    nature: str,
    reliability: str,
    days_ago: int,
) -> None:
    page.locator("#id_source").select_option(option(first))
    page.locator("#id_target").select_option(option(second))
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_nature").select_option(nature)
    page.locator("#id_reliability").select_option(reliability)
    observed = timezone.localdate() - timedelta(days=days_ago)
    page.locator("#id_observed_on").fill(observed.isoformat())


def add_relation(
    page: Page,
    url: str,
    case: Case,
    first: NetworkPerson,
    second: NetworkPerson,
    kind: str,
    nature: str,
    reliability: str,
    days_ago: int,
) -> None:
    visit(page, f"{url}/casussen/{case.pk}/netwerk/relaties/nieuw/")
    fill_relation(page, first, second, kind, nature, reliability, days_ago)
    page.locator("main form[method=post] button[type=submit]").click()
    expect_path(page, f"/casussen/{case.pk}/netwerk/")


def partner_builds_the_network(
    page: Page, url: str, people: World, case: Case
) -> dict[str, NetworkPerson]:
    act_as(page, url, people.partner)
    visit(page, f"{url}/casussen/{case.pk}/netwerk/")
    centre = NetworkPerson.objects.get(case=case, represents_case_subject=True)
    assert centre.name == case.subject.display_name
    expect(people_table(page)).to_have_count(1)
    expect(page.locator("main svg[role=img]")).to_be_visible()

    visit(page, f"{url}/casussen/{case.pk}/netwerk/personen/nieuw/")
    assert_accessible(page)
    # An empty name is refused with a sentence and the form again; nothing is recorded.
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form[method=post] button[type=submit]").click()
    assert answer.value.status == 400
    expect(page.locator("#id_name_error")).to_contain_text(dutch("Give a name or a role."))
    assert NetworkPerson.objects.filter(case=case).count() == 1
    assert_accessible(page)

    this_year = timezone.localdate().year
    nodes = {
        "centre": centre,
        "brother": add_person(page, url, case, BROTHER, born=this_year - 14),
        "sister": add_person(page, url, case, SISTER, born=this_year - 23),
        "mentor": add_person(page, url, case, MENTOR),
        "recruiter": add_person(page, url, case, RECRUITER),
        "school": add_person(page, url, case, SCHOOL, kind=NodeKind.ORGANISATION),
    }
    assert nodes["brother"].is_minor() is True
    assert nodes["school"].kind == NodeKind.ORGANISATION

    visit(page, f"{url}/casussen/{case.pk}/netwerk/relaties/nieuw/")
    assert_accessible(page)
    # A relation to oneself: a clear message on the form, status 400, nothing recorded.
    fill_relation(
        page, centre, centre, RelationKind.FRIEND, Nature.UNKNOWN, Reliability.UNCONFIRMED, 3
    )
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form[method=post] button[type=submit]").click()
    assert answer.value.status == 400
    expect(page.locator("#id_target_error")).to_contain_text(
        dutch("A relation needs two different people; it cannot be to oneself.")
    )
    expect(page.locator("#id_observed_on")).to_have_value(
        (timezone.localdate() - timedelta(days=3)).isoformat()
    )
    assert not Relation.objects.filter(case=case).exists()
    assert_accessible(page)

    # (first, second, kind, nature, reliability, observed how many days ago)
    ties = [
        ("centre", "brother", RelationKind.SIBLING, Nature.UNKNOWN, Reliability.CONFIRMED, 60),
        ("centre", "sister", RelationKind.SIBLING, Nature.UNKNOWN, Reliability.CONFIRMED, 50),
        ("centre", "mentor", RelationKind.MENTOR, Nature.PROTECTIVE, Reliability.CONFIRMED, 40),
        ("recruiter", "centre", RelationKind.RECRUITER, Nature.RISK, Reliability.PROBABLE, 30),
        ("recruiter", "brother", RelationKind.ONLINE, Nature.RISK, Reliability.UNCONFIRMED, 20),
        ("centre", "school", RelationKind.PLACE, Nature.UNKNOWN, Reliability.CONFIRMED, 10),
    ]
    for first, second, kind, nature, reliability, days_ago in ties:
        add_relation(
            page, url, case, nodes[first], nodes[second], kind, nature, reliability, days_ago
        )
    assert Relation.objects.filter(case=case).count() == 6
    expect(relations_table(page)).to_have_count(6)
    return nodes


# --- Reading. ---


def partner_reads_the_network(
    page: Page, url: str, case: Case, nodes: dict[str, NetworkPerson]
) -> None:
    network_url = f"{url}/casussen/{case.pk}/netwerk/"
    visit(page, network_url)
    expect(page.locator("main figure svg[role=img]")).to_be_visible()
    expect(people_table(page)).to_have_count(6)
    timeline = page.locator("main section[aria-labelledby=network-timeline-heading] li")
    expect(timeline).to_have_count(6)
    assert_accessible(page)

    # The facts about the drawing, in words: the minor brother and the protective tie.
    facts = page.locator("main section[aria-labelledby=facts-heading]")
    expect(facts).to_contain_text(
        nl("%(name)s (%(kind)s) is a minor.", name=BROTHER, kind=dutch("brother or sister"))
    )
    expect(facts).to_contain_text(
        nl(
            "Protective tie: %(first)s and %(second)s (%(kind)s, %(reliability)s).",
            first=nodes["centre"].name,
            second=MENTOR,
            kind=dutch("mentor or positive influence"),
            reliability=dutch("confirmed"),
        )
    )

    # Only the risk ties: the recruiter's two relations, and the three people they join.
    natures = page.locator("main fieldset").filter(has=page.locator("[name=natures]"))
    natures.get_by_label(dutch("risk"), exact=True).check()
    show(page)
    expect(relations_table(page)).to_have_count(2)
    for row in relations_table(page).all():
        expect(row).to_contain_text(RECRUITER)
        expect(row).to_contain_text(dutch("risk"))
    expect(people_table(page)).to_have_count(3)
    expect(people_table(page).filter(has_text=MENTOR)).to_have_count(0)
    assert_accessible(page)

    # Around the brother: depth 1 reaches his brother and the recruiter; depth 2 everyone.
    visit(page, network_url)
    page.locator("#id_focus").select_option(option(nodes["brother"]))
    page.locator("#id_depth").select_option("1")
    show(page)
    shown = {row.locator("td").first.inner_text() for row in people_table(page).all()}
    assert len(shown) == 3
    assert any(BROTHER in name for name in shown)
    assert any(RECRUITER in name for name in shown)
    assert any(nodes["centre"].name in name for name in shown)
    expect(relations_table(page)).to_have_count(3)
    page.locator("#id_depth").select_option("2")
    show(page)
    expect(people_table(page)).to_have_count(6)
    expect(people_table(page).filter(has_text=SCHOOL)).to_have_count(1)

    # The shortest path from the recruiter to the mentor runs through the case's person.
    visit(page, network_url)
    page.locator("#id_path_from").select_option(option(nodes["recruiter"]))
    page.locator("#id_path_to").select_option(option(nodes["mentor"]))
    show(page)
    path = page.locator("main section[aria-labelledby=path-heading]")
    expect(path).to_contain_text(RECRUITER)
    steps = path.locator("ol li")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text(nodes["centre"].name)
    expect(steps.nth(0)).to_contain_text(dutch("recruiter"))
    expect(steps.nth(1)).to_contain_text(MENTOR)
    expect(steps.nth(1)).to_contain_text(dutch("mentor or positive influence"))
    assert_accessible(page)


# --- Follow-up: a proposal, then a decision. ---


def partner_asks_attention_for_the_brother(
    page: Page, url: str, case: Case, brother: NetworkPerson
) -> FollowUp:
    visit(page, f"{url}/casussen/{case.pk}/netwerk/")
    form_path = f"/casussen/{case.pk}/netwerk/personen/{brother.pk}/aandacht/"
    people_table(page).filter(has_text=BROTHER).locator(f"a[href='{form_path}']").click()
    expect_path(page, form_path)
    assert_accessible(page)

    # Without a reason: refused with a sentence, nothing proposed.
    page.locator("input[name=proposal][value=preventive_action]").check()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form[method=post] button[type=submit]").click()
    assert answer.value.status == 400
    expect(page.locator("#id_reason_error")).to_contain_text(
        dutch("Write why this person needs attention.")
    )
    assert not FollowUp.objects.filter(person=brother).exists()
    assert_accessible(page)

    page.locator("#id_reason").fill(
        "Yusuf (14) wordt online benaderd door dezelfde ronselaar; de ouders weten het niet."
    )
    page.locator("input[name=proposal][value=preventive_action]").check()
    actions_before = Action.objects.filter(case=case).count()
    page.locator("main form[method=post] button[type=submit]").click()

    follow_up = FollowUp.objects.get(person=brother)
    expect_path(page, f"/casussen/{case.pk}/netwerk/opvolging/{follow_up.pk}/")
    expect(page.locator("main")).to_contain_text("benaderd door dezelfde ronselaar")
    expect(page.locator("main")).to_contain_text(dutch("proposed"))
    # A partner proposes; only the lead or the process director decides.
    expect(page.locator("main button[name=decision]")).to_have_count(0)
    assert_accessible(page)
    # The proposal alone creates nothing.
    assert follow_up.status == FollowUp.Status.PROPOSED
    assert follow_up.proposal == FollowUp.Proposal.PREVENTIVE_ACTION
    assert Action.objects.filter(case=case).count() == actions_before
    return follow_up


def lead_confirms_the_action(
    page: Page, url: str, people: World, case: Case, follow_up: FollowUp
) -> None:
    act_as(page, url, people.lead)
    visit(page, f"{url}/casussen/{case.pk}/netwerk/")
    expect(page.locator("main svg[role=img]")).to_be_visible()
    expect(people_table(page)).to_have_count(6)
    assert_accessible(page)
    proposals = page.locator("main section[aria-labelledby=followups-heading]")
    expect(proposals).to_contain_text(dutch("awaiting your decision"))
    decide_path = f"/casussen/{case.pk}/netwerk/opvolging/{follow_up.pk}/"
    proposals.locator(f"a[href='{decide_path}']").click()
    expect_path(page, decide_path)
    assert_accessible(page)

    page.locator("#id_confirm-description").fill(ACTION_TEXT)
    page.locator("#id_confirm-owner").select_option(str(people.partner.pk))
    due = timezone.localdate() + timedelta(weeks=2)
    # A due date in the past is refused with a sentence (400), and nothing is created.
    page.locator("#id_confirm-due_on").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main button[name=decision][value=confirm]").click()
    assert answer.value.status == 400
    expect(page.locator("#id_confirm-due_on_error")).to_contain_text(
        dutch("The due date cannot lie in the past.")
    )
    assert not Action.objects.filter(case=case, description=ACTION_TEXT).exists()
    assert_accessible(page)

    page.locator("#id_confirm-due_on").fill(due.isoformat())
    page.locator("main button[name=decision][value=confirm]").click()
    expect_path(page, decide_path)
    expect(page.locator("main")).to_contain_text(dutch("confirmed"))
    action = Action.objects.get(case=case, description=ACTION_TEXT)
    expect(page.locator(f"main a[href='/casussen/{case.pk}/acties/{action.pk}/']")).to_have_count(1)
    expect(page.locator("main button[name=decision]")).to_have_count(0)
    assert_accessible(page)

    assert Action.objects.filter(case=case, description=ACTION_TEXT).count() == 1
    assert action.owner_id == people.partner.user_id
    assert action.owner_organisation_id == people.police.pk
    assert action.due_on == due
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.CONFIRMED
    assert follow_up.action_id == action.pk
    assert follow_up.decided_by_id == people.lead.user_id


def lead_sees_links_and_exports(page: Page, url: str, case: Case, tmp_path: Path) -> None:
    visit(page, f"{url}/casussen/{case.pk}/netwerk/")
    page.locator(f"main a[href='/casussen/{case.pk}/netwerk/verbanden/']").click()
    expect_path(page, f"/casussen/{case.pk}/netwerk/verbanden/")
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)

    visit(page, f"{url}/casussen/{case.pk}/netwerk/")
    with page.expect_download() as download:
        page.locator(f"main a[href='/casussen/{case.pk}/netwerk/export.csv?part=nodes']").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"netwerk-casus-{case.pk}-personen.csv"
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == NODE_COLUMNS
    assert len(rows) == 1 + 6
    names = {row[NODE_COLUMNS.index("name")] for row in rows[1:]}
    assert {BROTHER, SISTER, MENTOR, RECRUITER, SCHOOL} <= names
    # Recorded facts only: no computed number per person.
    assert not any(column in NODE_COLUMNS for column in ("degree", "betweenness", "score"))


def test_a_network_is_built_explored_and_a_preventive_action_is_confirmed_once(
    page: Page, live_server, people: World, tmp_path: Path
):
    url = live_server.url
    case = open_case(people, process_director=people.process_director.user)

    nodes = partner_builds_the_network(page, url, people, case)
    partner_reads_the_network(page, url, case, nodes)
    follow_up = partner_asks_attention_for_the_brother(page, url, case, nodes["brother"])
    lead_confirms_the_action(page, url, people, case, follow_up)
    lead_sees_links_and_exports(page, url, case, tmp_path)
