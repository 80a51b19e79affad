"""Reading a case's network: the graph, filters, neighbourhoods, paths, a timeline and
structural facts in words.

Everything here is computed on the fly for one page and thrown away: nothing is stored,
ranked or exported per person, and nothing about one person is passed along a relation to
another (DESIGN §7). The structural facts are facts about the drawing — "X is the only link
between these groups", "X has 5 ties" — which a professional can check on the picture
themselves; they are not judgements. Betweenness as a score is deliberately not shown: an
articulation point says the same thing ("connects otherwise separate groups") as a fact.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Case
from network.models import FAMILY_KINDS, Nature, NetworkPerson, NodeKind, Relation

DEPTHS = (1, 2, 3)
# How many names a group's description lists before it says "and N others".
GROUP_NAMES_SHOWN = 3


@dataclass
class Network:
    """The rows of one case's network, loaded in two queries."""

    people: list[NetworkPerson]
    relations: list[Relation]

    def person(self, pk: int) -> NetworkPerson:
        return self.by_id[pk]

    @property
    def by_id(self) -> dict[int, NetworkPerson]:
        return {p.pk: p for p in self.people}

    @property
    def centre(self) -> NetworkPerson | None:
        return next((p for p in self.people if p.represents_case_subject), None)


def load_network(case: Case) -> Network:
    """Two queries, whatever the size: the nodes, then the relations."""
    people = list(
        NetworkPerson.objects.filter(case=case)
        .select_related("source_organisation")
        .order_by("-represents_case_subject", "name", "id")
    )
    relations = list(
        Relation.objects.filter(case=case)
        .select_related("source_organisation")
        .order_by("observed_on", "id")
    )
    # Both ends come from the first query, so reading relation.source costs nothing more.
    by_id = {p.pk: p for p in people}
    for relation in relations:
        relation.source = by_id[relation.source_id]
        relation.target = by_id[relation.target_id]
    return Network(people=people, relations=relations)


@dataclass(frozen=True)
class Filters:
    """Which relations to draw; an empty set means every value."""

    kinds: frozenset[str] = frozenset()
    natures: frozenset[str] = frozenset()
    reliabilities: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.kinds or self.natures or self.reliabilities)

    def keeps(self, relation: Relation) -> bool:
        if self.kinds and relation.kind not in self.kinds:
            return False
        if self.natures and relation.nature not in self.natures:
            return False
        return not (self.reliabilities and relation.reliability not in self.reliabilities)


def build_graph(network: Network, filters: Filters | None = None) -> nx.MultiGraph:
    """An undirected multigraph: node = network person id, one edge per relation (key =
    relation id). Direction is kept as an attribute; for "who is near whom" a tie counts
    both ways. With active filters only the nodes touched by a kept relation remain, and
    the case's own subject always does."""
    filters = filters or Filters()
    graph: nx.MultiGraph = nx.MultiGraph()
    kept = [r for r in network.relations if filters.keeps(r)]
    touched = {r.source_id for r in kept} | {r.target_id for r in kept}
    for person in network.people:
        if not filters.active or person.pk in touched or person.represents_case_subject:
            graph.add_node(person.pk, person=person)
    for relation in kept:
        graph.add_edge(relation.source_id, relation.target_id, key=relation.pk, relation=relation)
    return graph


def neighbourhood(graph: nx.MultiGraph, centre: int, depth: int) -> nx.MultiGraph:
    """The nodes within ``depth`` ties of ``centre`` and the relations among them."""
    if depth not in DEPTHS:
        raise ValueError(depth)
    if centre not in graph:
        return nx.MultiGraph()
    result: nx.MultiGraph = nx.ego_graph(graph, centre, radius=depth)
    return result


@dataclass(frozen=True)
class Path:
    people: list[NetworkPerson]
    relations: list[Relation]


def shortest_path(graph: nx.MultiGraph, start: int, end: int) -> Path | None:
    """The shortest chain of ties from start to end, with one relation per step (the
    earliest recorded one when a pair has several); None when they are not connected."""
    if start not in graph or end not in graph:
        return None
    try:
        nodes = nx.shortest_path(graph, start, end)
    except nx.NetworkXNoPath:
        return None
    relations = []
    for a, b in itertools.pairwise(nodes):
        key = min(graph[a][b])
        relations.append(graph[a][b][key]["relation"])
    return Path(people=[graph.nodes[n]["person"] for n in nodes], relations=relations)


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    relation: Relation
    event: str  # "observed", "started" or "ended"


def timeline(relations: Iterable[Relation]) -> list[TimelineEntry]:
    """When relations were observed, and the periods they ran, in date order."""
    entries: list[TimelineEntry] = []
    for relation in relations:
        entries.append(TimelineEntry(relation.observed_on, relation, "observed"))
        if relation.started_on:
            entries.append(TimelineEntry(relation.started_on, relation, "started"))
        if relation.ended_on:
            entries.append(TimelineEntry(relation.ended_on, relation, "ended"))
    order = {"started": 0, "observed": 1, "ended": 2}
    return sorted(entries, key=lambda e: (e.on, order[e.event], e.relation.pk))


# --- Structural facts, in words. ---


@dataclass(frozen=True)
class Connector:
    person: NetworkPerson
    groups: list[list[NetworkPerson]]


@dataclass(frozen=True)
class MostTies:
    people: list[NetworkPerson]
    ties: int


@dataclass(frozen=True)
class MinorRelative:
    person: NetworkPerson
    relation: Relation


@dataclass
class StructuralFacts:
    connectors: list[Connector] = field(default_factory=list)
    most_ties: MostTies | None = None
    minor_relatives: list[MinorRelative] = field(default_factory=list)
    relatives_age_unknown: list[NetworkPerson] = field(default_factory=list)
    protective: list[Relation] = field(default_factory=list)

    def sentences(self) -> list[str]:
        """The facts as sentences a professional can check on the drawing."""
        lines = [connector_sentence(c) for c in self.connectors]
        if self.most_ties is not None:
            lines.append(most_ties_sentence(self.most_ties))
        lines += [minor_sentence(m) for m in self.minor_relatives]
        if self.relatives_age_unknown:
            lines.append(
                _("Not known whether these relatives are minors: %(names)s.")
                % {"names": _join([p.name for p in self.relatives_age_unknown])}
            )
        lines += [protective_sentence(r) for r in self.protective]
        return lines


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def describe_group(group: list[NetworkPerson]) -> str:
    names = [p.name for p in group[:GROUP_NAMES_SHOWN]]
    rest = len(group) - len(names)
    if rest:
        names.append(ngettext("%(count)d other", "%(count)d others", rest) % {"count": rest})
    return _("the group of %(names)s") % {"names": _join(names)}


def connector_sentence(connector: Connector) -> str:
    groups = [describe_group(g) for g in connector.groups]
    return _("%(name)s is the only link between %(groups)s.") % {
        "name": connector.person.name,
        "groups": _join(groups),
    }


def most_ties_sentence(most: MostTies) -> str:
    names = _join([p.name for p in most.people])
    return ngettext(
        "Most ties in this drawing: %(names)s, with %(count)d relation.",
        "Most ties in this drawing: %(names)s, with %(count)d relations each.",
        most.ties,
    ) % {"names": names, "count": most.ties}


def minor_sentence(minor: MinorRelative) -> str:
    return _("%(name)s (%(kind)s) is a minor.") % {
        "name": minor.person.name,
        "kind": minor.relation.get_kind_display(),
    }


def protective_sentence(relation: Relation) -> str:
    return _("Protective tie: %(first)s and %(second)s (%(kind)s, %(reliability)s).") % {
        "first": relation.source.name,
        "second": relation.target.name,
        "kind": relation.get_kind_display(),
        "reliability": relation.get_reliability_display(),
    }


def _connectors(graph: nx.MultiGraph) -> list[Connector]:
    simple = nx.Graph(graph)
    found = []
    for node in sorted(nx.articulation_points(simple)):
        rest = simple.copy()
        rest.remove_node(node)
        neighbours = set(simple[node])
        groups = []
        for component in nx.connected_components(rest):
            if component & neighbours:
                people = sorted(
                    (graph.nodes[n]["person"] for n in component), key=lambda p: (p.name, p.pk)
                )
                groups.append(people)
        groups.sort(key=lambda g: (-len(g), g[0].name))
        found.append(Connector(person=graph.nodes[node]["person"], groups=groups))
    return found


def _most_ties(graph: nx.MultiGraph) -> MostTies | None:
    degrees = dict(graph.degree())
    if not degrees:
        return None
    top = max(degrees.values())
    # One tie each is no fact worth stating; and only "most" is said, never an order.
    if top < 2:
        return None
    people = sorted(
        (graph.nodes[n]["person"] for n, d in degrees.items() if d == top),
        key=lambda p: (p.name, p.pk),
    )
    return MostTies(people=people, ties=top)


def structural_facts(
    graph: nx.MultiGraph, *, centre: NetworkPerson | None, today: date | None = None
) -> StructuralFacts:
    """The facts of the drawn graph, for the professional to read and check."""
    facts = StructuralFacts(connectors=_connectors(graph), most_ties=_most_ties(graph))
    relations: list[Relation] = [data["relation"] for _a, _b, data in graph.edges(data=True)]
    relations.sort(key=lambda r: r.pk)
    seen: set[int] = set()
    if centre is not None and centre.pk in graph:
        for relation in relations:
            if relation.kind not in FAMILY_KINDS:
                continue
            if centre.pk not in (relation.source_id, relation.target_id):
                continue
            other_id = relation.target_id if relation.source_id == centre.pk else relation.source_id
            other = graph.nodes[other_id]["person"]
            if other.kind != NodeKind.PERSON:
                continue
            if other.pk in seen:
                continue
            seen.add(other.pk)
            minor = other.is_minor(today)
            if minor:
                facts.minor_relatives.append(MinorRelative(person=other, relation=relation))
            elif minor is None:
                facts.relatives_age_unknown.append(other)
    facts.protective = [r for r in relations if r.nature == Nature.PROTECTIVE]
    return facts
