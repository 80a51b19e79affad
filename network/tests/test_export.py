"""A case's network leaves Schakel as GraphML or CSV only through those who direct the case,
as an attachment, logged as an export per network person, without computed numbers."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.gates import case_facts
from network.gates import person_ref
from network.tests.builders import SmallNetwork, add_person, small_network
from network.views_extra import extra_context
from tests.personas import World, sign_in

COMPUTED = ("degree", "betweenness", "centrality", "score", "rank", "ties")


def graphml_url(net: SmallNetwork) -> str:
    return reverse("network:export_graphml", kwargs={"case_id": net.case.pk})


def csv_url(net: SmallNetwork, part: str = "") -> str:
    url = reverse("network:export_csv", kwargs={"case_id": net.case.pk})
    return f"{url}?part={part}" if part else url


@pytest.mark.parametrize("persona", ["lead", "process_director"])
def test_those_who_direct_the_case_download_graphml(client: Client, world: World, persona: str):
    net = small_network(world)
    sign_in(client, getattr(world, persona))
    response = client.get(graphml_url(net))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="netwerk-casus-{net.case.pk}.graphml"'
    )
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 3
    assert graph.number_of_edges() == 2
    assert {data["name"] for _node, data in graph.nodes(data=True)} == {
        net.centre.name,
        "Samira",
        "Abu R.",
    }
    kinds = {data["kind"] for _a, _b, data in graph.edges(data=True)}
    assert kinds == {"sibling", "recruiter"}


def test_the_export_holds_no_structural_facts(client: Client, world: World):
    net = small_network(world)
    sign_in(client, world.lead)
    graphml = client.get(graphml_url(net)).content.decode().lower()
    nodes = client.get(csv_url(net, "nodes")).content.decode().lower()
    header = nodes.splitlines()[0]
    for word in COMPUTED:
        assert f'attr.name="{word}' not in graphml
        assert word not in header


def test_csv_gives_the_nodes_and_the_relations(client: Client, world: World):
    net = small_network(world)
    sign_in(client, world.lead)
    nodes = client.get(csv_url(net))
    assert nodes.status_code == 200
    assert nodes["Content-Type"].startswith("text/csv")
    assert nodes["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(nodes.content.decode())))
    assert {row["name"] for row in rows} == {net.centre.name, "Samira", "Abu R."}
    assert {row["represents_case_subject"] for row in rows} == {"True", "False"}
    relations = client.get(csv_url(net, "relations"))
    rows = list(csv.DictReader(io.StringIO(relations.content.decode())))
    assert {(row["source_name"], row["target_name"], row["kind"]) for row in rows} == {
        (net.centre.name, "Samira", "sibling"),
        (net.centre.name, "Abu R.", "recruiter"),
    }
    assert client.get(csv_url(net, "everything")).status_code == 404


def test_a_cell_that_looks_like_a_formula_is_exported_as_text(client: Client, world: World):
    net = small_network(world)
    add_person(world, net.case, "=HYPERLINK(1)")
    sign_in(client, world.lead)
    content = client.get(csv_url(net)).content.decode()
    assert "'=HYPERLINK(1)" in content


def test_an_export_is_logged_as_export_for_every_network_person(client: Client, world: World):
    net = small_network(world)
    sign_in(client, world.lead)
    client.get(graphml_url(net))
    records = ProcessingRecord.objects.filter(
        name="cases.network.export", operation=Operation.EXPORT, actor_id=world.lead.user_id
    )
    logged = set(records.values_list("subject_pseudonym", flat=True))
    for person in (net.centre, net.sister, net.recruiter):
        assert pseudonymise(person_ref(person.pk)) in logged
    assert pseudonymise(f"subject:{net.case.subject_id}") in logged


@pytest.mark.parametrize("persona", ["partner", "outsider", "privacy_officer", "admin"])
def test_others_get_404_and_nothing_is_logged_as_export(client: Client, world: World, persona: str):
    net = small_network(world)
    sign_in(client, getattr(world, persona))
    assert client.get(graphml_url(net)).status_code == 404
    assert client.get(csv_url(net)).status_code == 404
    assert not ProcessingRecord.objects.filter(operation=Operation.EXPORT).exists()


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    net = small_network(world)
    for url in (graphml_url(net), csv_url(net)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_the_doors_to_export_and_links_show_only_for_those_allowed(world: World):
    net = small_network(world)
    facts = case_facts(net.case)

    def doors(persona: str) -> str:
        actor = world.actor(getattr(world, persona))
        context = {"case": net.case, **extra_context(actor, net.case, facts)}
        return render_to_string("network/crosslinks_and_export.html", context)

    assert graphml_url(net) in doors("lead")
    assert "/verbanden/" in doors("lead")
    assert graphml_url(net) in doors("process_director")
    assert "/verbanden/" not in doors("process_director")
    assert doors("partner").strip() == ""
