"""The drawing: accessible SVG, meaning carried by shape, line style and number, no script."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from network.analysis import build_graph, load_network
from network.svg import LINE_STYLES, render_svg
from network.tests.helpers import add_person, centre, network_case, tie
from tests.personas import World

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own markup, built in the test


def _drawing(world: World) -> tuple[str, dict[int, int]]:
    case = network_case(world)
    noor = centre(world, case)
    school = add_person(world, case, "De Brug", kind="place")
    club = add_person(world, case, "Voetbalclub", kind="organisation")
    samira = add_person(world, case, "Samira")
    relations = [
        tie(world, case, noor, samira, kind="sibling", nature="protective"),
        tie(world, case, noor, samira, kind="friend", nature="risk"),
        tie(world, case, noor, school, kind="place", nature="ambivalent"),
        tie(
            world, case, samira, club, kind="place", nature="unknown", direction="source_to_target"
        ),
    ]
    numbers = {r.pk: i for i, r in enumerate(relations, start=1)}
    graph = build_graph(load_network(case))
    return str(render_svg(graph, numbers=numbers, title="Network of case 1")), numbers


def test_the_svg_has_a_title_and_a_description_it_is_labelled_by(world: World):
    markup, _numbers = _drawing(world)
    root = _parse(markup)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "Network of case 1"
    assert desc is not None
    assert "4 nodes" in (desc.text or "")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.get("viewBox")


def test_each_kind_of_node_has_its_own_shape_and_the_subject_a_double_ring(world: World):
    markup, _numbers = _drawing(world)
    root = _parse(markup)
    nodes = root.findall(f".//{SVG}g[@class='schakel-network-node']")
    shapes = {}
    for node in nodes:
        label = node.findall(f"{SVG}text")[0].text
        shapes[label] = [child.tag.removeprefix(SVG) for child in node if child.tag != f"{SVG}text"]
    assert shapes["De Brug"] == ["rect"]
    assert shapes["Voetbalclub"] == ["polygon"]
    assert shapes["Samira"] == ["circle"]
    subject = next(k for k in shapes if k not in {"De Brug", "Voetbalclub", "Samira"})
    assert shapes[subject] == ["circle", "circle"]
    assert "(person of the case)" in markup


def test_each_nature_has_its_own_dash_pattern_and_every_line_its_table_number(world: World):
    markup, numbers = _drawing(world)
    root = _parse(markup)
    dashes = {}
    for path in root.iter(f"{SVG}path"):
        nature = path.get("data-nature")
        if nature:
            dashes[nature] = path.get("stroke-dasharray")
    assert dashes == {
        "protective": None,
        "risk": LINE_STYLES["risk"][2],
        "ambivalent": LINE_STYLES["ambivalent"][2],
        "unknown": LINE_STYLES["unknown"][2],
    }
    assert len(set(dashes.values())) == 4
    edge_labels = sorted(
        int(t.text or 0)
        for g in root.findall(f".//{SVG}g[@class='schakel-network-number']")
        for t in g.findall(f"{SVG}text")
    )
    assert edge_labels == sorted(numbers.values())
    # A one-way relation has an arrow; mutual ones have none.
    assert len(re.findall(r'marker-(?:start|end)="url\(#schakel-net-arrow', markup)) == 1


def test_the_svg_has_no_script_no_style_and_no_tiny_text(world: World):
    markup, _numbers = _drawing(world)
    assert "<script" not in markup
    assert "style=" not in markup
    assert "<style" not in markup
    attributes = {name for element in _parse(markup).iter() for name in element.attrib}
    assert not [name for name in attributes if name.lower().startswith("on")]
    sizes = [int(s) for s in re.findall(r'font-size="(\d+)"', markup)]
    assert sizes
    assert min(sizes) >= 14


def test_names_are_escaped(world: World):
    case = network_case(world)
    add_person(world, case, '<b onclick="x">Bad</b>')
    markup = str(render_svg(build_graph(load_network(case)), numbers={}, title="<t>"))
    assert "<b " not in markup
    assert "&lt;b onclick=&quot;x&quot;&gt;" in markup
    _parse(markup)


def test_the_same_network_is_drawn_the_same_way_twice(world: World):
    case = network_case(world)
    noor = centre(world, case)
    for name in ("A", "B", "C", "D"):
        tie(world, case, noor, add_person(world, case, name))
    network = load_network(case)
    first = render_svg(build_graph(network), numbers={}, title="t")
    second = render_svg(build_graph(load_network(case)), numbers={}, title="t")
    assert first == second
