"""Positions of the map's nodes, computed on the server (deterministic: the same graph gives
the same positions), in vis-network's screen units."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from ecosystem.models.choices import OrganisationType
from ecosystem.network.filtering import primary_organisation
from ecosystem.network.graph import ORGANISATION, PROVIDES
from ecosystem.network.labels import node_label

LAYOUT_SEED = 20260422
SPACING = 90  # screen units per node-distance in the layout
# The order of the regions of a detailed map: public authorities first, then education,
# business, civil society and research.
REGION_ORDER = [
    OrganisationType.EMPLOYMENT_AUTHORITY,
    OrganisationType.MUNICIPALITY,
    OrganisationType.WELLBEING_COUNTY,
    OrganisationType.STATE_AGENCY,
    OrganisationType.EDUCATIONAL_INSTITUTE,
    OrganisationType.DEVELOPMENT_COMPANY,
    OrganisationType.COMPANY,
    OrganisationType.NGO,
    OrganisationType.RESEARCH_INSTITUTE,
]


def _spring(component: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of one connected component, in screen units around (0, 0)."""
    nodes = sorted(component.nodes)
    count = len(nodes)
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(component.edges(data=True), key=lambda e: (e[0], e[1])))
    positions = nx.spring_layout(
        ordered,
        k=2.2 / math.sqrt(count),
        iterations=150 if count <= 150 else 60,
        seed=LAYOUT_SEED,
        scale=SPACING * math.sqrt(count),
        weight="weight",
        method="force",
    )
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def layout(graph: nx.Graph) -> dict[str, list[int]]:
    """Seeded spring-layout positions in screen units, {node: [x, y]}.

    Each connected part is laid out on its own and sized by its node count, the largest in
    the middle and the small ones in rows under it, so a few loose nodes cannot squeeze the
    network into a corner. Organisations pull their services close (the "runs" edges weigh
    more). The same graph gives the same positions.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for source, target, data in graph.edges(data=True):
        if source == target:
            continue
        weight = 2.0 if data.get("kind") == PROVIDES else 1.0
        previous = simple.get_edge_data(source, target, {}).get("weight", 0.0)
        simple.add_edge(source, target, weight=max(previous, weight))
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    placed: dict[str, list[int]] = {}
    if not components:
        return placed
    main = _spring(simple.subgraph(components[0]))
    xs = [x for x, _y in main.values()]
    ys = [y for _x, y in main.values()]
    left, right, bottom = min(xs), max(xs), max(ys)
    width = max(right - left, 4 * SPACING)
    placed.update({node: [round(x), round(y)] for node, (x, y) in main.items()})
    cursor_x, cursor_y, row_height = left, bottom + 2 * SPACING, 0.0
    for component in components[1:]:
        local = _spring(simple.subgraph(component))
        lxs = [x for x, _y in local.values()]
        lys = [y for _x, y in local.values()]
        w = max(lxs) - min(lxs) + 2 * SPACING
        h = max(lys) - min(lys) + 1.5 * SPACING
        if cursor_x + w > left + width and cursor_x > left:
            cursor_x, cursor_y, row_height = left, cursor_y + row_height, 0.0
        for node, (x, y) in local.items():
            placed[node] = [round(cursor_x + x - min(lxs)), round(cursor_y + y - min(lys))]
        cursor_x += w
        row_height = max(row_height, h)
    return placed


# --- Styling with pyvis ---------------------------------------------------------------------


# --- The structured layout of a detailed view ----------------------------------------------
#
# Services sit in a small grid under their organisation's box ("cluster"); the clusters of
# one organisation type follow each other in a region with the type as its heading; regions
# flow down columns. Everything is sized in vis-network units from estimated label sizes, so
# no two labels overlap at any zoom, and the number of columns is chosen to fill a landscape
# canvas ("wide", desktop) and a narrow one ("tall", phone). Deterministic: sorted by names.

ORG_FONT = 24  # organisation labels: drawn at the default zoom (>= 12 px from scale 0.5)
SERVICE_FONT = 12  # service labels: drawn from scale 1 (zooming in, focusing)
REGION_FONT = 24  # region headings (drawn by the page's script)
CHAR_WIDTH = 0.58  # of the font size: a generous average for system-ui
LABEL_THRESHOLD = 12  # CSS px: a label smaller than this is not drawn
COLUMN_WIDTH = 232
ORG_BOX_WIDTH = 200  # widthConstraint of organisation boxes (label + margins)
ORG_LABEL_WIDTH = ORG_BOX_WIDTH - 20  # inside the box's margins
SERVICE_CELL = 112
SERVICE_LABEL_WIDTH = 102
SERVICE_DOT = 6
REGION_HEADER = 40
CLUSTER_GAP = 26
WIDE_VIEWPORT = (790, 700)  # the canvas beside the filters at 1366x900
TALL_COLUMNS = 2  # organisations side by side on a phone (labels stay >= 12 px at 375 px)


VOWELS = set("aeiouyäöåAEIOUYÄÖÅ")


def _split_word(word: str, room: int) -> list[str]:
    """A word too long for a line, hyphenated where Finnish allows (before a consonant that
    is followed by a vowel), at the break nearest its middle; parts longer than `room`
    characters are split again. A word with no such break stays whole."""
    if len(word) <= room:
        return [word]
    breaks = [
        index
        for index in range(2, len(word) - 2)
        if word[index] not in VOWELS and word[index + 1] in VOWELS and word[index].isalpha()
    ]
    fitting = [index for index in breaks if index + 1 <= room]
    if not fitting:
        return [word]
    middle = len(word) / 2
    cut = min(fitting, key=lambda index: (abs(index - middle), -index))
    return [word[:cut] + "-", *_split_word(word[cut:], room)]


def fit_label(text: str, width: float, font: float) -> str:
    """`text` with its too-long words hyphenated onto new lines, so vis-network's wrapping
    (which would cut a long word anywhere) never has to break a word."""
    room = max(4, int(width / (0.52 * font)))  # the usual width: vis-network wraps by it
    words = []
    for word in text.split(" "):
        parts = _split_word(word, room)
        words.append("\n".join(parts))
    return " ".join(words)


def _lines(text: str, width: float, font: float) -> int:
    """How many lines vis-network wraps `text` into at `width` (estimated, generously)."""
    per_char = CHAR_WIDTH * font
    lines, current = 1, 0.0
    for word in fit_label(text, width, font).replace("\n", " \n ").split(" "):
        if word == "\n":
            lines, current = lines + 1, 0.0
            continue
        if not word:
            continue
        size = len(word) * per_char
        if current and current + per_char + size > width:
            lines += 1
            current = size
            while current > width:  # a word longer than the line is broken
                lines += 1
                current -= width
        else:
            current += (per_char if current else 0) + size
    return lines


def _longest_label(data: dict[str, Any]) -> str:
    labels = [node_label(data, language) for language in ("fi", "sv", "en")]
    return max(
        labels, key=lambda label: (_lines(label, SERVICE_LABEL_WIDTH, SERVICE_FONT), len(label))
    )


def _cluster(
    graph: nx.Graph, organisation: str | None, services: list[str], span: int = 1
) -> list[dict[str, Any]]:
    """An organisation's box with its services under it, as rows (each {"height", "offsets":
    {node: (x, y within the row)}}); a column may break between two rows of services, never
    between the box and its first row."""
    rows: list[dict[str, Any]] = []
    head: dict[str, tuple[float, float]] = {}
    head_height = 0.0
    if organisation is not None:
        label = max(
            (node_label(graph.nodes[organisation], lang) for lang in ("fi", "sv", "en")),
            key=lambda text: _lines(text, ORG_LABEL_WIDTH, ORG_FONT),
        )
        box = _lines(label, ORG_LABEL_WIDTH, ORG_FONT) * (ORG_FONT + 4) + 22
        head[organisation] = (span * COLUMN_WIDTH / 2, box / 2)
        head_height = box + 12
    columns = min(len(services), 2 * span) or 1
    left = (span * COLUMN_WIDTH - columns * SERVICE_CELL) / 2 + SERVICE_CELL / 2
    for row_start in range(0, len(services), columns):
        row = services[row_start : row_start + columns]
        lines = max(
            _lines(_longest_label(graph.nodes[s]), SERVICE_LABEL_WIDTH, SERVICE_FONT) for s in row
        )
        top = head_height if not rows else 0.0
        offsets = dict(head) if not rows else {}
        for column, service in enumerate(row):
            offsets[service] = (left + column * SERVICE_CELL, top + SERVICE_DOT)
        height = top + 2 * SERVICE_DOT + 6 + lines * (SERVICE_FONT + 4) + 10
        rows.append({"height": height, "offsets": offsets})
    if not rows:
        rows.append({"height": head_height, "offsets": head})
    rows[-1]["height"] += CLUSTER_GAP
    return rows


def _flow(
    regions: list[tuple[str, list[list[dict[str, Any]]]]], cap: float
) -> tuple[int, float, dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """Regions down columns no taller than `cap`, a row of services at a time: (columns
    used, height, positions, region boxes; "k": 1 on a region's continuation)."""
    column, y, tallest = 0, 0.0, 0.0
    positions: dict[str, tuple[float, float]] = {}
    boxes: list[dict[str, Any]] = []
    for key, clusters in regions:
        start: float | None = None
        continued = False
        for cluster in clusters:
            for number, row in enumerate(cluster):
                need = row["height"] + (REGION_HEADER if start is None else 0)
                if number == 0 and len(cluster) > 1:
                    need += cluster[1]["height"]  # no organisation alone at a column's foot
                if y > 0 and y + need > cap:
                    if start is not None:  # the region goes on at the top of the next column
                        boxes.append(
                            {"t": key, "c": column, "y": start, "h": y - start, "k": continued}
                        )
                        column, y, start, continued = column + 1, 0.0, 0.0, True
                        y += 12
                    else:
                        column, y = column + 1, 0.0
                if start is None:
                    start = y
                    y += REGION_HEADER
                for node, (dx, dy) in row["offsets"].items():
                    positions[node] = (column * COLUMN_WIDTH + dx, y + dy)
                y += row["height"]
                tallest = max(tallest, y)
        if start is not None:
            boxes.append({"t": key, "c": column, "y": start, "h": y - start, "k": continued})
            y += CLUSTER_GAP  # air between regions in a column
    return column + 1, tallest, positions, boxes


def _best_flow(
    regions: list[tuple[str, list[list[dict[str, Any]]]]],
    viewport: tuple[int, int],
    max_width: float,
) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """The flow over the number of columns that shows the whole map largest in `viewport`."""
    rows = [row for _key, clusters in regions for cluster in clusters for row in cluster]
    total = sum(row["height"] for row in rows) + REGION_HEADER * len(regions)
    tallest_row = max(row["height"] for row in rows)
    best: tuple[float, Any] | None = None
    for columns in range(1, max(1, int(max_width // COLUMN_WIDTH)) + 1):
        low, high = max(2 * tallest_row + REGION_HEADER, total / columns), total + 1.0
        for _ in range(24):  # the least column height that fits the columns
            middle = (low + high) / 2
            if _flow(regions, middle)[0] <= columns:
                high = middle
            else:
                low = middle
        used, height, positions, boxes = _flow(regions, high)
        scale = min(viewport[0] / (used * COLUMN_WIDTH), viewport[1] / max(height, 1.0))
        if best is None or scale > best[0] + 1e-9:
            best = (scale, (positions, boxes))
    assert best is not None
    return best[1]


def _bands(
    regions: list[tuple[str, list[list[dict[str, Any]]]]], columns: int
) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """Regions one under another as full-width bands, their organisations `columns` a row
    in reading order (a phone: the first regions are at the top, each with its heading)."""
    y = 0.0
    positions: dict[str, tuple[float, float]] = {}
    boxes: list[dict[str, Any]] = []
    for key, clusters in regions:
        start = y
        y += REGION_HEADER
        for first in range(0, len(clusters), columns):
            tallest = 0.0
            for column, cluster in enumerate(clusters[first : first + columns]):
                top = 0.0
                for row in cluster:
                    for node, (dx, dy) in row["offsets"].items():
                        positions[node] = (column * COLUMN_WIDTH + dx, y + top + dy)
                    top += row["height"]
                tallest = max(tallest, top)
            y += tallest
        boxes.append({"t": key, "c": 0, "y": start, "h": y - start, "k": False, "span": columns})
        y += CLUSTER_GAP
    return positions, boxes


def structured_layout(graph: nx.Graph) -> dict[str, Any]:
    """Positions of a detailed view: {"positions": {node: [x, y, tall_x, tall_y]},
    "regions": {"wide": [...], "tall": [...]}}, each region {"t": organisation type, "x",
    "y", "w", "h"} in vis-network units. See the comment above for the arrangement."""
    organisations = [n for n, d in graph.nodes(data=True) if d.get("kind") == ORGANISATION]
    members: dict[str | None, list[str]] = {org: [] for org in organisations}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == ORGANISATION:
            continue
        owner = None
        if graph.is_directed():
            # With its primary organisation (as the map colours it), else any running it here.
            primary = primary_organisation(graph, node)
            owners = sorted(
                source
                for source, _target, edge in graph.in_edges(node, data=True)
                if edge.get("kind") == PROVIDES and source in members
            )
            owner = primary if primary in members else (owners[0] if owners else None)
        members.setdefault(owner, []).append(node)

    def name(node: str) -> str:
        return node_label(graph.nodes[node], "fi").casefold()

    order = {key: number for number, key in enumerate(REGION_ORDER)}
    groups: dict[str, list[tuple[str | None, list[str]]]] = {}
    for org in sorted(members, key=lambda o: ("" if o is None else name(o), o or "")):
        services = sorted(members[org], key=lambda s: (name(s), s))
        if org is None:
            for start in range(0, len(services), 8):  # loose services in small groups
                groups.setdefault("", []).append((None, services[start : start + 8]))
        else:
            groups.setdefault(graph.nodes[org].get("type", ""), []).append((org, services))
    keys = sorted(groups, key=lambda key: (order.get(key, len(order)), key))
    if not keys:
        return {"positions": {}, "regions": {"wide": [], "tall": []}}

    def clusters(key: str, span: int) -> list[list[dict[str, Any]]]:
        return [_cluster(graph, org, services, span) for org, services in groups[key]]

    wide, wide_boxes = _best_flow(
        [(key, clusters(key, 1)) for key in keys], WIDE_VIEWPORT, 12 * COLUMN_WIDTH
    )
    # On a phone a region of one organisation spreads its services over the whole width.
    tall, tall_boxes = _bands(
        [(key, clusters(key, TALL_COLUMNS if len(groups[key]) == 1 else 1)) for key in keys],
        TALL_COLUMNS,
    )

    def boxes(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "t": box["t"],
                "x": box["c"] * COLUMN_WIDTH + 6,
                "y": round(box["y"]),
                "w": box.get("span", 1) * COLUMN_WIDTH - 12,
                "h": round(box["h"]),
                **({"k": 1} if box["k"] else {}),
            }
            for box in found
        ]

    return {
        "positions": {
            node: [
                round(wide[node][0]),
                round(wide[node][1]),
                round(tall[node][0]),
                round(tall[node][1]),
            ]
            for node in wide
        },
        "regions": {"wide": boxes(wide_boxes), "tall": boxes(tall_boxes)},
    }
