"""The drawing of a case's network: inline SVG rendered on the server.

No script and no style attributes (strict CSP): presentation attributes only. Colour is
never the only carrier of meaning: the kind of node is its shape (circle = person, square =
place, diamond = organisation), the case's own subject has a double ring and says so in
words, the nature of a relation is its line style (protective = solid and thick, risk =
dashed, ambivalent = dash-dot, unknown = dotted), and every line carries the number of its
row in the relations table, which is the accessible equivalent of the drawing. The layout is
deterministic (a seeded force layout in plain Python, as networkx's own layouts need numpy),
so the same network always looks the same.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from network.models import Direction, Nature, NetworkPerson, NodeKind, Relation

WIDTH = 960
GRAPH_HEIGHT = 620
LEGEND_HEIGHT = 170
MARGIN = 70
# Room for a name under a node at the sides and the bottom of the drawing.
MARGIN_X = 120
MARGIN_TOP = 50
MARGIN_BOTTOM = 80
RADIUS = 20
LABEL_SIZE = 16
EDGE_LABEL_SIZE = 14
LABEL_CHARS = 24
PARALLEL_OFFSET = 34
LAYOUT_SEED = 20240601
INK = "#1a1a1a"

# (stroke colour, width, dash pattern) per nature; the dash pattern carries the meaning.
LINE_STYLES: dict[str, tuple[str, int, str]] = {
    Nature.PROTECTIVE: ("#1b6e3a", 5, ""),
    Nature.RISK: ("#b00020", 3, "12 8"),
    Nature.AMBIVALENT: ("#8a4b00", 3, "14 6 3 6"),
    Nature.UNKNOWN: ("#4a4a4a", 3, "1 8"),
}
NODE_FILL = {
    NodeKind.PERSON: "#e8f0fe",
    NodeKind.PLACE: "#fff4d6",
    NodeKind.ORGANISATION: "#ececec",
}


def _attrs(**values: object) -> str:
    parts = []
    for key, value in values.items():
        if value is None or value == "":
            continue
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{escape(str(value))}"')
    return " ".join(parts)


def _tag(name: str, text: str | None = None, /, **values: object) -> str:
    """One element; ``text`` is escaped here."""
    if text is None:
        return f"<{name} {_attrs(**values)}/>"
    return f"<{name} {_attrs(**values)}>{escape(text)}</{name}>"


def _label(x: float, y: float, text: str, size: int = LABEL_SIZE, **values: object) -> str:
    """Text with a white halo, so it stays legible over lines."""
    return _tag(
        "text",
        text,
        x=x,
        y=y,
        font_size=size,
        fill=INK,
        paint_order="stroke",
        stroke="#ffffff",
        stroke_width=4,
        **values,
    )


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def _spring(nodes: list[int], edges: list[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Fruchterman-Reingold in plain Python, seeded, so the drawing needs no numpy.

    Ties pull, every pair pushes, and the steps cool down; the start is a circle in the
    order of the node ids with a seeded jitter, so the same graph is laid out the same way.
    """
    rng = random.Random(LAYOUT_SEED)  # noqa: S311 - a layout, not a secret
    count = len(nodes)
    pos = {
        node: [
            math.cos(2 * math.pi * i / count) + rng.uniform(-0.05, 0.05),
            math.sin(2 * math.pi * i / count) + rng.uniform(-0.05, 0.05),
        ]
        for i, node in enumerate(nodes)
    }
    k = 1.3 * math.sqrt(4.0 / count)
    iterations = 120 if count <= 80 else 40
    for step in range(iterations):
        temperature = 0.25 * (1 - step / iterations) + 0.005
        disp = {node: [0.0, 0.0] for node in nodes}
        for i, a in enumerate(nodes):
            pa, da = pos[a], disp[a]
            for b in nodes[i + 1 :]:
                dx, dy = pa[0] - pos[b][0], pa[1] - pos[b][1]
                distance = max(math.hypot(dx, dy), 0.01)
                force = k * k / distance / distance
                da[0] += dx * force
                da[1] += dy * force
                disp[b][0] -= dx * force
                disp[b][1] -= dy * force
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            distance = max(math.hypot(dx, dy), 0.01)
            force = distance / k
            disp[a][0] -= dx * force
            disp[a][1] -= dy * force
            disp[b][0] += dx * force
            disp[b][1] += dy * force
        for node in nodes:
            dx, dy = disp[node]
            length = math.hypot(dx, dy)
            if length > 0:
                scale = min(length, temperature) / length
                pos[node][0] += dx * scale
                pos[node][1] += dy * scale
    return {node: (p[0], p[1]) for node, p in pos.items()}


def layout(graph: nx.MultiGraph) -> dict[int, tuple[float, float]]:
    """Node positions in the drawing's coordinates, the same for the same graph."""
    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    edges = sorted({(min(a, b), max(a, b)) for a, b in graph.edges()})
    raw = {nodes[0]: (0.0, 0.0)} if len(nodes) == 1 else _spring(nodes, edges)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = max(xs) - min(xs)
    span_y = max(ys) - min(ys)
    inner_w = WIDTH - 2 * MARGIN_X
    inner_h = GRAPH_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    placed = {}
    for node, (x, y) in raw.items():
        px = MARGIN_X + (x - min(xs)) / span_x * inner_w if span_x > 1e-9 else WIDTH / 2
        py = MARGIN_TOP + (y - min(ys)) / span_y * inner_h if span_y > 1e-9 else GRAPH_HEIGHT / 2
        placed[node] = (round(px, 1), round(py, 1))
    return placed


def _node_shape(person: NetworkPerson, x: float, y: float) -> list[str]:
    fill = NODE_FILL.get(NodeKind(person.kind), "#ffffff")
    common = {"fill": fill, "stroke": INK, "stroke_width": 2}
    if person.kind == NodeKind.PLACE:
        side = 2 * RADIUS
        shape = _tag("rect", x=x - RADIUS, y=y - RADIUS, width=side, height=side, **common)
    elif person.kind == NodeKind.ORGANISATION:
        r = RADIUS + 4
        points = f"{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}"
        shape = _tag("polygon", points=points, **common)
    else:
        shape = _tag("circle", cx=x, cy=y, r=RADIUS, **common)
    parts = [shape]
    if person.represents_case_subject:
        ring = _tag("circle", cx=x, cy=y, r=RADIUS + 7, fill="none", stroke=INK, stroke_width=2)
        parts.append(ring)
    return parts


def _node(person: NetworkPerson, x: float, y: float, on_path: bool) -> str:
    parts = [f'<g class="schakel-network-node" data-node="{person.pk}">']
    parts += _node_shape(person, x, y)
    label_y = y + RADIUS + 10 + LABEL_SIZE
    weight = "700" if on_path or person.represents_case_subject else "400"
    parts.append(_label(x, label_y, _short(person.name), text_anchor="middle", font_weight=weight))
    if person.represents_case_subject:
        parts.append(
            _label(
                x,
                label_y + LABEL_SIZE + 2,
                _("(person of the case)"),
                EDGE_LABEL_SIZE,
                text_anchor="middle",
            )
        )
    parts.append("</g>")
    return "".join(parts)


def _toward(x0: float, y0: float, x1: float, y1: float, distance: float) -> tuple[float, float]:
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    return x0 + dx / length * distance, y0 + dy / length * distance


def _edge(
    relation: Relation,
    number: int,
    ends: tuple[int, int],
    positions: Mapping[int, tuple[float, float]],
    offset: float,
    on_path: bool,
) -> tuple[str, str]:
    """One relation (its line, and its number badge drawn later on top of the nodes so no
    name hides it), drawn from the lower node id to the higher one (so parallel relations
    of a pair bend to their own sides); an arrow points at whom a one-way relation goes to."""
    (x0, y0), (x1, y1) = positions[ends[0]], positions[ends[1]]
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    # Parallel relations between one pair bend apart, so each keeps its own line and number.
    cx = mx - (y1 - y0) / length * offset * 2
    cy = my + (x1 - x0) / length * offset * 2
    gap = RADIUS + 6
    sx, sy = _toward(x0, y0, cx, cy, gap)
    ex, ey = _toward(x1, y1, cx, cy, gap)
    d = f"M {sx:.1f} {sy:.1f} Q {cx:.1f} {cy:.1f} {ex:.1f} {ey:.1f}"
    colour, width, dash = LINE_STYLES.get(relation.nature, LINE_STYLES[Nature.UNKNOWN])
    parts = [f'<g class="schakel-network-edge" data-relation="{relation.pk}">']
    if on_path:
        band = _tag(
            "path",
            d=d,
            fill="none",
            stroke="#ffd23f",
            stroke_width=width + 10,
            stroke_linecap="round",
        )
        parts.append(band)
    points_at = {
        Direction.SOURCE_TO_TARGET: relation.target_id,
        Direction.TARGET_TO_SOURCE: relation.source_id,
    }.get(Direction(relation.direction))
    parts.append(
        _tag(
            "path",
            d=d,
            fill="none",
            stroke=colour,
            stroke_width=width,
            stroke_dasharray=dash,
            stroke_linecap="round",
            marker_start="url(#schakel-net-arrow-start)" if points_at == ends[0] else "",
            marker_end="url(#schakel-net-arrow)" if points_at == ends[1] else "",
            data_nature=relation.nature,
        )
    )
    # The label sits on the curve's midpoint (a quadratic Bézier at t = 0.5).
    lx = 0.25 * sx + 0.5 * cx + 0.25 * ex
    ly = 0.25 * sy + 0.5 * cy + 0.25 * ey
    lx, ly = round(lx, 1), round(ly, 1)
    parts.append("</g>")
    badge = [f'<g class="schakel-network-number" data-relation="{relation.pk}">']
    badge.append(_tag("circle", cx=lx, cy=ly, r=12, fill="#ffffff", stroke=INK, stroke_width=1))
    badge.append(
        _tag(
            "text",
            str(number),
            x=lx,
            y=round(ly + 5, 1),
            text_anchor="middle",
            font_size=EDGE_LABEL_SIZE,
            font_weight="700",
            fill=INK,
        )
    )
    badge.append("</g>")
    return "".join(parts), "".join(badge)


def _legend(top: float) -> str:
    parts = [f'<g class="schakel-network-legend" transform="translate(0 {top:.0f})">']
    left = MARGIN - 40
    parts.append(_tag("text", _("Legend"), x=left, y=24, font_size=LABEL_SIZE, font_weight="700"))
    x = left
    for nature in Nature:
        colour, width, dash = LINE_STYLES[nature]
        parts.append(
            _tag(
                "line",
                x1=x,
                y1=52,
                x2=x + 60,
                y2=52,
                stroke=colour,
                stroke_width=width,
                stroke_dasharray=dash,
                stroke_linecap="round",
            )
        )
        parts.append(_tag("text", str(nature.label), x=x + 70, y=57, font_size=EDGE_LABEL_SIZE))
        x += 220
    samples = [
        (NodeKind.PERSON, _("person")),
        (NodeKind.PLACE, _("place")),
        (NodeKind.ORGANISATION, _("organisation")),
    ]
    x = left + RADIUS + 4
    for kind, label in samples:
        sample = NetworkPerson(kind=kind, name="")
        parts += _node_shape(sample, x, 105)
        parts.append(_tag("text", label, x=x + RADIUS + 12, y=110, font_size=EDGE_LABEL_SIZE))
        x += 200
    centre = NetworkPerson(kind=NodeKind.PERSON, name="", represents_case_subject=True)
    parts += _node_shape(centre, x, 105)
    parts.append(
        _tag("text", _("person of the case"), x=x + RADIUS + 14, y=110, font_size=EDGE_LABEL_SIZE)
    )
    explanation = _(
        "The number on a line is its row in the relations table; an arrow shows a one-way relation."
    )
    parts.append(_tag("text", explanation, x=left, y=155, font_size=EDGE_LABEL_SIZE))
    parts.append("</g>")
    return "".join(parts)


def describe(graph: nx.MultiGraph) -> str:
    """A summary of the drawing in words, for <desc>."""
    people = [data["person"] for _n, data in graph.nodes(data=True)]
    relations = [data["relation"] for _a, _b, data in graph.edges(data=True)]
    kinds: defaultdict[str, int] = defaultdict(int)
    for person in people:
        kinds[person.kind] += 1
    natures: defaultdict[str, int] = defaultdict(int)
    for relation in relations:
        natures[relation.nature] += 1
    node_part = ", ".join(
        f"{NodeKind(kind).label}: {kinds[kind]}" for kind in NodeKind.values if kinds[kind]
    )
    nature_part = ", ".join(
        f"{Nature(nature).label}: {natures[nature]}" for nature in Nature.values if natures[nature]
    )
    return _(
        "%(nodes)d nodes (%(node_kinds)s) and %(relations)d relations (%(natures)s). "
        "The tables below the drawing list the same network."
    ) % {
        "nodes": len(people),
        "node_kinds": node_part or "-",
        "relations": len(relations),
        "natures": nature_part or "-",
    }


def render_svg(
    graph: nx.MultiGraph,
    *,
    numbers: Mapping[int, int],
    title: str,
    path_relations: Iterable[int] = (),
    path_people: Iterable[int] = (),
) -> SafeString:
    """The drawing as inline SVG markup. ``numbers`` maps a relation id to its row number
    in the relations table."""
    positions = layout(graph)
    on_path_edges = set(path_relations)
    on_path_nodes = set(path_people)
    height = GRAPH_HEIGHT + LEGEND_HEIGHT
    svg_attrs = _attrs(
        viewBox=f"0 0 {WIDTH} {height}",
        role="img",
        aria_labelledby="schakel-net-title schakel-net-desc",
        class_="schakel-network-svg",
        font_family="sans-serif",
    )
    arrow = _attrs(viewBox="0 0 10 10", refY=5, markerWidth=7, markerHeight=7, orient="auto")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" {svg_attrs}>',
        f'<title id="schakel-net-title">{escape(title)}</title>',
        f'<desc id="schakel-net-desc">{escape(describe(graph))}</desc>',
        "<defs>"
        f'<marker id="schakel-net-arrow" refX="9" {arrow}>'
        f'<path d="M 0 0 L 10 5 L 0 10 z" fill="{INK}"/></marker>'
        f'<marker id="schakel-net-arrow-start" refX="1" {arrow}>'
        f'<path d="M 10 0 L 0 5 L 10 10 z" fill="{INK}"/></marker>'
        "</defs>",
        _tag("rect", x=0, y=0, width=WIDTH, height=height, fill="#ffffff"),
    ]
    pairs: dict[tuple[int, int], list[Relation]] = defaultdict(list)
    for a, b, data in graph.edges(data=True):
        pairs[(min(a, b), max(a, b))].append(data["relation"])
    edges = []
    badges = []
    for (a, b), relations in sorted(pairs.items()):
        relations.sort(key=lambda r: r.pk)
        count = len(relations)
        for index, relation in enumerate(relations):
            offset = (index - (count - 1) / 2) * PARALLEL_OFFSET
            line, badge = _edge(
                relation,
                numbers.get(relation.pk, 0),
                (a, b),
                positions,
                offset,
                relation.pk in on_path_edges,
            )
            edges.append(line)
            badges.append(badge)
    parts += edges
    for node in sorted(graph.nodes):
        x, y = positions[node]
        parts.append(_node(graph.nodes[node]["person"], x, y, node in on_path_nodes))
    parts += badges
    parts.append(_legend(GRAPH_HEIGHT))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text and attribute value is escaped
