"""The analysis on small networks whose answers are known by hand."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.analysis import (
    Filters,
    build_graph,
    load_network,
    neighbourhood,
    shortest_path,
    structural_facts,
    timeline,
)
from network.tests.helpers import add_person, centre, network_case, tie
from tests.personas import World


def _chain(world: World):
    """Noor - Samira - Karim - Dana (a path), and a mentor tied to Noor (protective)."""
    case = network_case(world)
    noor = centre(world, case)
    samira = add_person(world, case, "Samira", birth_year=2012)
    karim = add_person(world, case, "Karim")
    dana = add_person(world, case, "Dana")
    mentor = add_person(world, case, "Mentor Ahmed")
    tie(world, case, noor, samira, kind="sibling", nature="protective")
    tie(world, case, samira, karim, kind="friend", nature="risk", reliability="confirmed")
    tie(world, case, karim, dana, kind="online", nature="unknown")
    tie(world, case, noor, mentor, kind="mentor", nature="protective", reliability="confirmed")
    return case, {p.name: p for p in (noor, samira, karim, dana, mentor)}


def test_the_network_loads_in_two_queries_whatever_its_size(world: World):
    case, _people = _chain(world)
    with CaptureQueriesContext(connection) as queries:
        network = load_network(case)
        graph = build_graph(network)
        facts = structural_facts(graph, centre=network.centre)
        facts.sentences()
        [r.source.name + r.target.name for r in network.relations]
    assert len(queries) == 2
    assert graph.number_of_nodes() == 5
    assert graph.number_of_edges() == 4


def test_depth_one_two_and_three_reach_one_two_and_three_ties(world: World):
    case, people = _chain(world)
    graph = build_graph(load_network(case))
    noor = people[case.subject.display_name].pk

    def names(depth: int) -> set[str]:
        return {graph.nodes[n]["person"].name for n in neighbourhood(graph, noor, depth)}

    assert names(1) == {case.subject.display_name, "Samira", "Mentor Ahmed"}
    assert names(2) == names(1) | {"Karim"}
    assert names(3) == names(2) | {"Dana"}


def test_the_shortest_path_names_the_relations_along_it(world: World):
    case, people = _chain(world)
    graph = build_graph(load_network(case))
    path = shortest_path(graph, people["Mentor Ahmed"].pk, people["Dana"].pk)
    assert path is not None
    assert [p.name for p in path.people] == [
        "Mentor Ahmed",
        case.subject.display_name,
        "Samira",
        "Karim",
        "Dana",
    ]
    assert [r.kind for r in path.relations] == ["mentor", "sibling", "friend", "online"]


def test_no_path_when_the_filter_cuts_the_chain(world: World):
    case, people = _chain(world)
    graph = build_graph(load_network(case), Filters(natures=frozenset({"protective"})))
    assert shortest_path(graph, people["Samira"].pk, people["Dana"].pk) is None
    assert "Dana" not in {graph.nodes[n]["person"].name for n in graph}


def test_filters_keep_only_the_chosen_relations_and_the_centre(world: World):
    case, people = _chain(world)
    network = load_network(case)
    graph = build_graph(network, Filters(reliabilities=frozenset({"confirmed"})))
    kinds = sorted(data["relation"].kind for _a, _b, data in graph.edges(data=True))
    assert kinds == ["friend", "mentor"]
    graph = build_graph(network, Filters(kinds=frozenset({"online"})))
    assert set(graph.nodes) == {
        people["Karim"].pk,
        people["Dana"].pk,
        people[case.subject.display_name].pk,
    }


def test_connectors_are_explained_as_the_only_link_between_groups(world: World):
    case, _people = _chain(world)
    graph = build_graph(load_network(case))
    facts = structural_facts(graph, centre=load_network(case).centre)
    connectors = {c.person.name: c for c in facts.connectors}
    assert set(connectors) == {case.subject.display_name, "Samira", "Karim"}
    karim = connectors["Karim"]
    assert [[p.name for p in g] for g in karim.groups] == [
        sorted([case.subject.display_name, "Samira", "Mentor Ahmed"]),
        ["Dana"],
    ]
    sentences = facts.sentences()
    assert any(s.startswith("Karim is the only link between the group of") for s in sentences)


def test_most_ties_states_the_number_of_ties_not_a_score(world: World):
    case, _people = _chain(world)
    network = load_network(case)
    facts = structural_facts(build_graph(network), centre=network.centre)
    assert facts.most_ties is not None
    assert facts.most_ties.ties == 2
    # Noor, Samira and Karim each have two ties; all are named, none ranked above another.
    assert [p.name for p in facts.most_ties.people] == sorted(
        ["Karim", "Samira", case.subject.display_name]
    )


def test_minor_relatives_are_the_subjects_family_under_18(world: World):
    case, _people = _chain(world)
    network = load_network(case)
    facts = structural_facts(build_graph(network), centre=network.centre, today=date(2025, 1, 1))
    assert [m.person.name for m in facts.minor_relatives] == ["Samira"]
    # Karim (a friend, not family) is not a relative, whatever his age.
    assert facts.relatives_age_unknown == []
    assert "Samira (brother or sister) is a minor." in facts.sentences()


def test_a_relative_of_unknown_age_is_said_to_be_unknown(world: World):
    case = network_case(world)
    noor = centre(world, case)
    tie(world, case, noor, add_person(world, case, "Cousin Ali"), kind="other_family")
    network = load_network(case)
    facts = structural_facts(build_graph(network), centre=network.centre)
    assert [p.name for p in facts.relatives_age_unknown] == ["Cousin Ali"]


def test_protective_ties_are_listed(world: World):
    case, _people = _chain(world)
    network = load_network(case)
    facts = structural_facts(build_graph(network), centre=network.centre)
    assert sorted(r.kind for r in facts.protective) == ["mentor", "sibling"]


def test_the_timeline_orders_observations_and_periods(world: World):
    case = network_case(world)
    noor = centre(world, case)
    late = tie(world, case, noor, add_person(world, case, "B"), observed_on=date(2024, 5, 1))
    early = tie(
        world,
        case,
        noor,
        add_person(world, case, "A"),
        observed_on=date(2024, 2, 1),
        started_on=date(2023, 9, 1),
        ended_on=date(2024, 4, 1),
    )
    entries = [(e.on, e.relation.pk, e.event) for e in timeline(load_network(case).relations)]
    assert entries == [
        (date(2023, 9, 1), early.pk, "started"),
        (date(2024, 2, 1), early.pk, "observed"),
        (date(2024, 4, 1), early.pk, "ended"),
        (date(2024, 5, 1), late.pk, "observed"),
    ]


def test_nothing_is_stored_by_the_analysis(world: World):
    case, people = _chain(world)
    from network.models import NetworkPerson, Relation

    before = (list(NetworkPerson.objects.values()), list(Relation.objects.values()))
    network = load_network(case)
    graph = build_graph(network)
    structural_facts(graph, centre=network.centre).sentences()
    neighbourhood(graph, people["Dana"].pk, 3)
    after = (list(NetworkPerson.objects.values()), list(Relation.objects.values()))
    assert before == after
