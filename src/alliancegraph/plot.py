"""Diagrams of an alliance graph: the network, a domain heatmap, one state's ties, a timeline.

Every function takes ``ax=None`` (a new figure when omitted) and returns the
matplotlib ``Axes`` it drew on; matplotlib is imported only when one of them
runs. :func:`save` writes a figure as PNG, SVG or PDF, and the same drawing
always gives the same bytes.

Colours name the four domain groups of the vocabulary (security, economic
security, technology, diplomacy); they come from the Okabe–Ito palette, which
stays distinguishable with the common colour-vision deficiencies.

>>> ax = network(SEED_GRAPH, domain="technology")
>>> sorted(t.get_text() for t in ax.texts)
['India', 'Japan', 'South Korea', 'Taiwan', 'United States']
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['Technology']
"""

from __future__ import annotations

import itertools
import logging
import math
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .exceptions import AllianceGraphError, OutputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.text import Text

    from .graph import AllianceGraph

__all__ = ["GROUP_COLORS", "domain_heatmap", "ego", "network", "save", "timeline"]

log = logging.getLogger(__name__)

Layout = Literal["spring", "circular", "kamada_kawai", "geographic"]
LAYOUTS: tuple[str, ...] = ("spring", "circular", "kamada_kawai", "geographic")

#: Colour of each domain group (the top concepts of the domain scheme).
GROUP_COLORS: dict[str, str] = {
    "security": "#0072B2",
    "economic_security": "#E69F00",
    "technology": "#009E73",
    "diplomacy": "#CC79A7",
}
# Groups a user's own vocabulary adds get these, in order of first use.
_SPARE_COLORS = ("#D55E00", "#56B4E9", "#7F7F7F", "#000000")
_NO_GROUP = "#9A9A9A"

_STATE_FACE = "#F4F4F4"
_INK = "#222222"
_HUB_FACE = "#FFFFFF"
_HUB_EDGE = "#8A8A8A"
_FORMATS = {"png", "svg", "pdf"}
# Per-format metadata that would otherwise embed the date or the library
# version, so the same drawing saves to the same bytes.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
}
_LABEL_MAX = 14


# --------------------------------------------------------------------- data
@dataclass
class _Tie:
    """Cooperation between two states in one domain group."""

    a: str
    b: str
    group: str
    support: int = 0
    domains: list[str] = field(default_factory=list)


@dataclass
class _Hub:
    """An agreement or grouping drawn as a node linked to its member states."""

    node: str
    kind: Literal["agreement", "grouping"]
    label: str
    members: tuple[str, ...]


@dataclass
class _Scene:
    """What one network diagram shows, before it is laid out."""

    states: list[str]
    ties: list[_Tie]
    hubs: list[_Hub]
    centre: str | None = None


def _group_of(g: AllianceGraph, domain: str) -> str:
    if domain in g.vocabulary.domains:
        return g.vocabulary.group_of(domain)
    node = g.nx.nodes.get(f"domain:{domain}", {})
    return str(node.get("group") or domain)


def _group_order(g: AllianceGraph) -> list[str]:
    """Top concepts in the order the scheme lists them."""
    return [c.id for c in g.vocabulary.domains.values() if c.broader is None]


def _group_label(g: AllianceGraph, group: str) -> str:
    concept = g.vocabulary.domains.get(group)
    return concept.label if concept else group.replace("_", " ").capitalize()


def _colors(g: AllianceGraph, groups: Iterable[str]) -> dict[str, str]:
    colors = dict(GROUP_COLORS)
    spare = iter(_SPARE_COLORS)
    for group in groups:
        if group not in colors:
            colors[group] = next(spare, _NO_GROUP)
    return colors


def _short(name: str, aliases: Sequence[str]) -> str:
    """The name if it is short, else its shortest alias of three letters or more, else wrapped."""
    if len(name) <= _LABEL_MAX:
        return name
    candidates = [a for a in aliases if len(a) >= 3 and "." not in a and len(a) < len(name)]
    if candidates:
        return min(candidates, key=len)
    return textwrap.fill(name, _LABEL_MAX + 2)


def _label(g: AllianceGraph, node: str) -> str:
    kind, _, ident = node.partition(":")
    if kind == "state" and ident in g.vocabulary.states:
        entry = g.vocabulary.states[ident]
        return _short(entry.name, entry.aliases)
    if kind == "org" and ident in g.vocabulary.organizations:
        org = g.vocabulary.organizations[ident]
        return _short(org.name, org.aliases)
    attrs = g.nx.nodes.get(node, {})
    label = str(attrs.get("label") or ident)
    if kind == "agreement":
        return textwrap.fill(label, 22, max_lines=3, placeholder=" …")
    return _short(label, tuple(attrs.get("aliases", ())))


def _resolve_states(g: AllianceGraph, states: Iterable[str] | None) -> set[str] | None:
    if states is None:
        return None
    return {g.vocabulary.resolve_state(s) for s in states}


def _ties(
    g: AllianceGraph, domain: str | None, keep: set[str] | None, centre: str | None = None
) -> list[_Tie]:
    ties: dict[tuple[str, str, str], _Tie] = {}
    for edge in g.cooperation(domain=domain):
        a, b = sorted((edge.a, edge.b))
        if keep is not None and (a not in keep or b not in keep):
            continue
        group = _group_of(g, edge.domain)
        tie = ties.setdefault((a, b, group), _Tie(a, b, group))
        tie.support += edge.support
        tie.domains.append(edge.domain)
    if centre is not None:
        partners = {t.b if t.a == centre else t.a for t in ties.values() if centre in (t.a, t.b)}
        ties = {k: t for k, t in ties.items() if {t.a, t.b} <= partners | {centre}}
    return [ties[k] for k in sorted(ties)]


def _hubs(
    g: AllianceGraph,
    drawn: set[str],
    keep: set[str] | None,
    domain: str | None,
    agreements: bool,
    groupings: bool,
) -> list[_Hub]:
    """Agreements and groupings linking two or more states, one of them already drawn."""
    wanted = None
    if domain is not None:
        wanted = g.vocabulary.narrower(g.vocabulary.resolve_domain(domain))
    hubs = []
    for node, attrs in sorted(g.nx.nodes(data=True)):
        kind = attrs.get("kind")
        hub_kind: Literal["agreement", "grouping"]
        if kind == "agreement" and agreements:
            predicate, hub_kind = "party_to", "agreement"
            if wanted is not None and not wanted & set(attrs.get("domains", ())):
                continue
        elif kind == "organization" and groupings:
            predicate, hub_kind = "member_of", "grouping"
        else:
            continue
        members = sorted(
            u.removeprefix("state:")
            for u, _, p in g.nx.in_edges(node, data="predicate")
            if p == predicate and u.startswith("state:")
        )
        if keep is not None:
            members = [m for m in members if m in keep]
        # A hub with one member says nothing about ties between states.
        if len(members) >= 2 and drawn & set(members):
            hubs.append(_Hub(node, hub_kind, _label(g, node), tuple(members)))
    return hubs


def _scene(
    g: AllianceGraph,
    domain: str | None,
    states: Iterable[str] | None,
    agreements: bool,
    groupings: bool,
    centre: str | None = None,
) -> _Scene:
    keep = _resolve_states(g, states)
    ties = _ties(g, domain, keep, centre)
    drawn = {s for t in ties for s in (t.a, t.b)}
    if keep is not None:
        drawn |= {s for s in keep if f"state:{s}" in g.nx}
    if centre is not None:
        drawn.add(centre)
    hubs = _hubs(g, drawn, keep, domain, agreements, groupings)
    if centre is not None:
        hubs = [h for h in hubs if centre in h.members]
    drawn |= {m for hub in hubs for m in hub.members}
    return _Scene(sorted(drawn), ties, hubs, centre)


# ------------------------------------------------------------------- layout
def _layout(
    g: AllianceGraph, scene: _Scene, layout: str, seed: int
) -> dict[str, tuple[float, float]]:
    """Positions of states (by code) and hubs (by node id), scaled into [-1, 1]."""
    import networkx as nx

    if layout not in LAYOUTS:
        raise AllianceGraphError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    h = nx.Graph()
    h.add_nodes_from(scene.states)
    h.add_nodes_from(hub.node for hub in scene.hubs)
    strength: Counter[tuple[str, str]] = Counter()
    for tie in scene.ties:
        strength[(tie.a, tie.b)] += tie.support
    for (a, b), support in sorted(strength.items()):
        h.add_edge(a, b, weight=1.0 + math.log(support))
    for hub in scene.hubs:
        for member in hub.members:
            h.add_edge(hub.node, member, weight=1.0)
    n = max(h.number_of_nodes(), 1)
    if layout == "geographic":
        pos = _geographic(g, scene)
    elif layout == "circular":
        pos = nx.circular_layout(h)
    elif layout == "kamada_kawai":
        try:
            pos = nx.kamada_kawai_layout(h, weight=None)
        except ImportError as err:
            raise AllianceGraphError(
                "layout 'kamada_kawai' needs scipy (pip install scipy); "
                "the 'spring' layout does not"
            ) from err
    elif scene.centre is not None:
        pos = nx.spring_layout(
            h,
            pos={scene.centre: (0.0, 0.0)},
            fixed=[scene.centre],
            k=1.0 / math.sqrt(n),
            seed=seed,
            iterations=200,
        )
    else:
        pos = nx.spring_layout(h, k=2.0 / math.sqrt(n), seed=seed, iterations=200)
    return _normalise({str(k): (float(x), float(y)) for k, (x, y) in pos.items()})


def _geographic(g: AllianceGraph, scene: _Scene) -> dict[str, tuple[float, float]]:
    coords: dict[str, tuple[float, float]] = {}
    for code in scene.states:
        entry = g.vocabulary.states.get(code)
        if entry is not None and entry.capital_coordinates is not None:
            coords[code] = entry.capital_coordinates
    missing = [s for s in scene.states if s not in coords]
    if missing:
        log.warning("no capital coordinates for %s; placed at the centre", ", ".join(missing))
    if not coords:
        return dict.fromkeys(scene.states, (0.0, 0.0))
    # Centre the map on the drawn states, so a Pacific network does not
    # split at the antimeridian.
    sx = sum(math.cos(math.radians(lon)) for _, lon in coords.values())
    sy = sum(math.sin(math.radians(lon)) for _, lon in coords.values())
    centre = math.degrees(math.atan2(sy, sx))
    mean_lat = sum(lat for lat, _ in coords.values()) / len(coords)
    squeeze = math.cos(math.radians(mean_lat))
    pos = {
        code: (((lon - centre + 180.0) % 360.0 - 180.0) * squeeze, lat)
        for code, (lat, lon) in coords.items()
    }
    mid = (
        sum(x for x, _ in pos.values()) / len(pos),
        sum(y for _, y in pos.values()) / len(pos),
    )
    for code in missing:
        pos[code] = mid
    for hub in scene.hubs:
        xs = [pos[m][0] for m in hub.members]
        ys = [pos[m][1] for m in hub.members]
        pos[hub.node] = (sum(xs) / len(xs), sum(ys) / len(ys))
    return pos


def _normalise(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    if not pos:
        return {}
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    spans = (max(xs) - min(xs), max(ys) - min(ys))
    # A flat layout (every node on one line) keeps some height.
    floor = max(max(spans) * 0.15, 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    sx, sy = max(spans[0], floor) / 2, max(spans[1], floor) / 2
    return {k: ((x - cx) / sx, (y - cy) / sy) for k, (x, y) in sorted(pos.items())}


def _spread(
    points: dict[str, list[float]],
    radii: dict[str, float],
    bounds: tuple[float, float, float, float],
    gap: float,
) -> None:
    """Push apart nodes (display pixels) that would overlap, in place and deterministically."""
    names = sorted(points)
    x0, y0, x1, y1 = bounds
    for _ in range(300):
        moved = False
        for i, a in enumerate(names):
            pa = points[a]
            for j in range(i + 1, len(names)):
                b = names[j]
                pb = points[b]
                dx, dy = pb[0] - pa[0], pb[1] - pa[1]
                dist = math.hypot(dx, dy)
                need = radii[a] + radii[b] + gap
                if dist >= need:
                    continue
                if dist < 1e-6:
                    # Same spot: split them along a direction fixed by their order.
                    angle = (i * 2.399963 + j) % (2 * math.pi)
                    dx, dy, dist = math.cos(angle), math.sin(angle), 1.0
                push = (need - dist) / 2 + 0.5
                ux, uy = dx / dist, dy / dist
                pa[0] -= ux * push
                pa[1] -= uy * push
                pb[0] += ux * push
                pb[1] += uy * push
                moved = True
        for name in names:
            p, r = points[name], radii[name]
            p[0] = min(max(p[0], x0 + r), x1 - r)
            p[1] = min(max(p[1], y0 + r), y1 - r)
        if not moved:
            break


# ------------------------------------------------------------------- labels
def _overlaps(box: tuple[float, float, float, float], others: Any) -> float:
    """Total area (pixels²) where ``box`` overlaps the rows (x0, y0, x1, y1) of ``others``."""
    import numpy as np

    if not len(others):
        return 0.0
    w = np.minimum(box[2], others[:, 2]) - np.maximum(box[0], others[:, 0])
    h = np.minimum(box[3], others[:, 3]) - np.maximum(box[1], others[:, 1])
    return float(np.sum(np.clip(w, 0, None) * np.clip(h, 0, None)))


def _curve_boxes(
    a: Sequence[float], b: Sequence[float], rad: float, width: float, step: float
) -> list[tuple[float, float, float, float]]:
    """Small boxes (pixels) covering an ``arc3`` curve from ``a`` to ``b``."""
    (x1, y1), (x2, y2) = a, b
    # matplotlib's arc3: the control point sits rad × |ab| off the chord's middle.
    cx = (x1 + x2) / 2 + rad * (y2 - y1)
    cy = (y1 + y2) / 2 - rad * (x2 - x1)
    count = max(4, int(math.dist(a, b) / step))
    half = width / 2 + 1
    boxes = []
    for i in range(1, count):
        t = i / count
        x = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t**2 * x2
        y = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t**2 * y2
        boxes.append((x - half, y - half, x + half, y + half))
    return boxes


def _place_labels(
    ax: Axes,
    texts: list[tuple[Text, tuple[float, float], float]],
    obstacles: list[tuple[float, float, float, float]],
    lines: list[tuple[float, float, float, float]],
) -> None:
    """Move each label next to its node where it hits no other label, node or line.

    ``texts`` holds (text, node centre in pixels, node radius in pixels), most
    important first: those get the places closest to their node. Labels never
    cover another label or a node if there is room; crossing a line costs
    less, and moving away from the node a little. Labels that end up away
    from their node get a thin leader line.
    """
    import numpy as np
    from matplotlib.lines import Line2D

    frame = ax.get_window_extent()
    fx0, fy0, fx1, fy1 = frame.x0 + 2, frame.y0 + 2, frame.x1 - 2, frame.y1 - 2
    hard = np.array(obstacles, dtype=float).reshape(-1, 4)
    soft = np.array(lines, dtype=float).reshape(-1, 4)
    inverse = ax.transData.inverted()
    directions = [
        (1.0, 0.0),
        (-1.0, 0.0),
        (0.0, 1.0),
        (0.0, -1.0),
        (0.75, 0.75),
        (-0.75, 0.75),
        (-0.75, -0.75),
        (0.75, -0.75),
    ]
    for text, (nx_, ny_), radius in texts:
        extent = text.get_window_extent()
        w, h = extent.width + 4, extent.height + 2
        best = (math.inf, nx_, ny_)
        for ring in range(10):
            distance_cost = ring * 0.08 * w * h
            if distance_cost >= best[0]:
                break
            step = 2 + ring * h * 0.8
            for k, (dx, dy) in enumerate(directions):
                cx = nx_ + dx * (radius + step + w / 2)
                cy = ny_ + dy * (radius + step + h / 2)
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                outside = max(fx0 - box[0], 0) + max(box[2] - fx1, 0)
                outside += max(fy0 - box[1], 0) + max(box[3] - fy1, 0)
                cost = distance_cost + k * 0.002 * w * h + outside * h * 20
                cost += 20 * _overlaps(box, hard) + _overlaps(box, soft)
                if cost < best[0]:
                    best = (cost, cx, cy)
        _, cx, cy = best
        hard = np.vstack([hard, [(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)]])
        text.set_position(tuple(inverse.transform((cx, cy))))
        if math.hypot(cx - nx_, cy - ny_) > radius + w / 2 + h * 1.5:
            # The leader runs from the node to the label's nearest edge.
            lx = min(max(nx_, cx - w / 2), cx + w / 2)
            ly = min(max(ny_, cy - h / 2), cy + h / 2)
            (ax_, ay_), (bx_, by_) = inverse.transform([(nx_, ny_), (lx, ly)])
            ax.add_line(Line2D([ax_, bx_], [ay_, by_], lw=0.6, color="#777777", zorder=2.5))


# ------------------------------------------------------------------ drawing
def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _node_area(partners: int, most: int, many: bool) -> float:
    low, high = (120.0, 700.0) if many else (260.0, 1500.0)
    return low + (high - low) * (partners / most if most else 0.0)


def _draw_network(
    g: AllianceGraph,
    scene: _Scene,
    ax: Axes | None,
    layout: str,
    seed: int,
    title: str | None,
) -> Axes:
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.patheffects import withStroke

    n_nodes = len(scene.states) + len(scene.hubs)
    many = n_nodes > 24
    size = (10.0, 7.5) if not many else (14.0, 10.5)
    ax = _new_axes(ax, size)
    fig = ax.figure
    positions = _layout(g, scene, layout, seed)
    ax.set_xlim(-1.18, 1.18)
    ax.set_ylim(-1.18, 1.18)
    ax.set_axis_off()
    if title is None:
        title = f"Cooperation between states{_in_articles(g)}"
    if title:
        ax.set_title(title, fontsize=12, loc="left")
    groups = sorted({t.group for t in scene.ties}, key=_ranker(g))
    colors = _colors(g, groups)
    # Thinner lines when there are many nodes, so the ties do not bury them.
    thin = 0.6 if many else 1.0
    _legends(g, ax, scene, groups, colors, thin)
    if not scene.states:
        ax.text(0.5, 0.5, "no cooperation to draw", ha="center", va="center", color="#666666")
        log.warning("nothing to draw: no cooperation matches")
        return ax
    fig.canvas.figure.draw_without_rendering()  # settles the layout, so pixel sizes below are final

    # Node sizes (points²), radii (pixels) and positions (pixels).
    partners: dict[str, set[str]] = defaultdict(set)
    for tie in scene.ties:
        partners[tie.a].add(tie.b)
        partners[tie.b].add(tie.a)
    most = max((len(p) for p in partners.values()), default=0)
    area = {s: _node_area(len(partners[s]), most, many) for s in scene.states}
    hub_area = 90.0 if many else 150.0
    for hub in scene.hubs:
        area[hub.node] = hub_area
    px_per_pt = fig.dpi / 72.0
    radius = {k: math.sqrt(a) / 2 * px_per_pt for k, a in area.items()}
    pixels = {k: list(ax.transData.transform(positions[k])) for k in area}
    frame = ax.get_window_extent()
    _spread(pixels, radius, (frame.x0, frame.y0, frame.x1, frame.y1), gap=10 * px_per_pt)
    inverse = ax.transData.inverted()
    data = {
        k: (float(x), float(y))
        for k, (x, y) in ((k, inverse.transform(p)) for k, p in pixels.items())
    }

    # Cooperation: one curve per domain group, fanned out so none hides another.
    most_support = max((t.support for t in scene.ties), default=1)
    by_pair: dict[tuple[str, str], list[_Tie]] = defaultdict(list)
    for tie in scene.ties:
        by_pair[(tie.a, tie.b)].append(tie)
    rank = _ranker(g)
    lines: list[tuple[float, float, float, float]] = []
    for (a, b), ties in sorted(by_pair.items()):
        ties.sort(key=lambda t: rank(t.group))
        widths = [_width(t.support, most_support) * thin for t in ties]
        length = math.dist(pixels[a], pixels[b]) or 1.0
        offsets = [0.0]
        for w0, w1 in itertools.pairwise(widths):
            offsets.append(offsets[-1] + (w0 + w1) / 2 * px_per_pt + 5 * px_per_pt)
        shift = offsets[-1] / 2
        faint = scene.centre is not None and scene.centre not in (a, b)
        for tie, width, offset in zip(ties, widths, offsets, strict=True):
            # arc3 puts the control point rad × length from the chord; the
            # curve's middle sits half as far.
            rad = max(-0.6, min(0.6, 2 * (offset - shift) / length))
            lines.extend(_curve_boxes(pixels[a], pixels[b], rad, width * px_per_pt, 4 * px_per_pt))
            ax.add_patch(
                FancyArrowPatch(
                    data[a],
                    data[b],
                    arrowstyle="-",
                    connectionstyle=f"arc3,rad={rad:.4f}",
                    linewidth=width * (0.6 if faint else 1.0),
                    color=colors[tie.group],
                    alpha=0.35 if faint else 1.0,
                    shrinkA=0,
                    shrinkB=0,
                    zorder=1,
                    capstyle="round",
                )
            )
    for hub in scene.hubs:
        for member in hub.members:
            lines.extend(_curve_boxes(pixels[hub.node], pixels[member], 0.0, 0.5, 6 * px_per_pt))
            ax.add_line(
                Line2D(
                    [data[hub.node][0], data[member][0]],
                    [data[hub.node][1], data[member][1]],
                    lw=0.8,
                    ls=(0, (3, 2)),
                    color=_HUB_EDGE,
                    zorder=0.5,
                )
            )

    states = scene.states
    ax.scatter(
        [data[s][0] for s in states],
        [data[s][1] for s in states],
        s=[area[s] for s in states],
        c=_STATE_FACE,
        edgecolors=[_INK if s == scene.centre else "#555555" for s in states],
        linewidths=[2.2 if s == scene.centre else 1.0 for s in states],
        zorder=3,
    )
    for marker, kind in (("D", "agreement"), ("s", "grouping")):
        hubs = [h for h in scene.hubs if h.kind == kind]
        if hubs:
            ax.scatter(
                [data[h.node][0] for h in hubs],
                [data[h.node][1] for h in hubs],
                s=hub_area,
                marker=marker,
                c=_HUB_FACE,
                edgecolors=_HUB_EDGE,
                linewidths=1.0,
                zorder=3,
            )

    # Labels: states first (biggest first), then hubs.
    halo = [withStroke(linewidth=3, foreground="white")]
    font = 8.5 if many else 10.5
    order = sorted(states, key=lambda s: (-len(partners[s]), s))
    labelled: list[tuple[Text, tuple[float, float], float]] = []
    for s in order:
        text = ax.text(
            *data[s],
            _label(g, f"state:{s}"),
            ha="center",
            va="center",
            fontsize=font,
            fontweight="bold" if s == scene.centre else "normal",
            color=_INK,
            path_effects=halo,
            zorder=5,
        )
        labelled.append((text, (pixels[s][0], pixels[s][1]), radius[s]))
    for hub in scene.hubs:
        text = ax.text(
            *data[hub.node],
            hub.label,
            ha="center",
            va="center",
            fontsize=font - 2,
            fontstyle="italic",
            color="#555555",
            path_effects=halo,
            zorder=4,
            linespacing=1.0,
        )
        labelled.append((text, (pixels[hub.node][0], pixels[hub.node][1]), radius[hub.node]))
    obstacles = [
        (p[0] - radius[k], p[1] - radius[k], p[0] + radius[k], p[1] + radius[k])
        for k, p in sorted(pixels.items())
    ]
    _place_labels(ax, labelled, obstacles, lines)
    return ax


def _in_articles(g: AllianceGraph) -> str:
    n = len(g.articles)
    return "" if not n else " in 1 article" if n == 1 else f" in {n} articles"


def _ranker(g: AllianceGraph) -> Any:
    order = {group: i for i, group in enumerate(_group_order(g))}
    return lambda group: (order.get(group, len(order)), group)


def _width(support: int, most: int) -> float:
    """Line width in points: 1 for one sentence, 7 for the best-supported tie."""
    if most <= 1:
        return 2.0
    return 1.0 + 6.0 * math.sqrt((support - 1) / (most - 1))


def _legends(
    g: AllianceGraph,
    ax: Axes,
    scene: _Scene,
    groups: list[str],
    colors: dict[str, str],
    thin: float,
) -> None:
    from matplotlib.lines import Line2D

    if not groups and not scene.hubs:
        return
    most = max((t.support for t in scene.ties), default=0)
    if most > 1:
        steps = sorted({1, max(1, round(most / 4)), most})
        widths = [
            Line2D([], [], color="#666666", lw=_width(s, most) * thin, label=f"{s}") for s in steps
        ]
        below = ax.legend(
            handles=widths,
            title="Supporting sentences",
            loc="lower left",
            bbox_to_anchor=(1.01, 0.0),
            frameon=False,
            fontsize=9,
            title_fontsize=9,
            handlelength=2.5,
        )
        ax.add_artist(below)
    handles = [Line2D([], [], color=colors[gr], lw=4, label=_group_label(g, gr)) for gr in groups]
    hub_kinds = sorted({h.kind for h in scene.hubs})
    for kind in hub_kinds:
        handles.append(
            Line2D(
                [],
                [],
                marker="D" if kind == "agreement" else "s",
                ls=(0, (3, 2)),
                color=_HUB_EDGE,
                markerfacecolor=_HUB_FACE,
                markersize=7,
                lw=0.8,
                label="Agreement" if kind == "agreement" else "Grouping",
            )
        )
    ax.legend(
        handles=handles,
        title="Cooperation" if groups else None,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=10,
        title_fontsize=10,
        alignment="left",
    )


# ------------------------------------------------------------------- public
def network(
    g: AllianceGraph,
    domain: str | None = None,
    states: Iterable[str] | None = None,
    ax: Axes | None = None,
    layout: Layout = "spring",
    seed: int = 0,
    *,
    agreements: bool = False,
    groupings: bool = False,
    title: str | None = None,
) -> Axes:
    """Draw states and their cooperation, coloured by domain group.

    Parameters
    ----------
    g
        The graph.
    domain
        Only cooperation in this domain or under it (an id, label or synonym).
    states
        Only these states (codes, names or capitals) and the ties between them.
    ax
        Axes to draw on; a new figure when omitted. Labels are placed for the
        axes' size when drawn, so resize the figure before, not after.
    layout
        ``"spring"`` (force-directed, strongly tied states close together),
        ``"circular"``, ``"kamada_kawai"`` (needs scipy) or ``"geographic"``
        (from the capitals' longitude and latitude, the frame stretched to
        fit and nodes nudged apart where they would overlap).
    seed
        Seed of the spring layout: the same seed gives the same picture.
    agreements, groupings
        Also draw agreements and groupings (Quad, NATO …) as hubs linked to
        their member states.
    title
        Title above the diagram; ``""`` for none.

    Returns
    -------
    matplotlib.axes.Axes
        States are circles sized by their number of partners; each domain
        group between two states is its own curve, as wide as the sentences
        supporting it.

    Examples
    --------
    >>> ax = network(SEED_GRAPH, states=["Japan", "South Korea", "United States"])
    >>> sorted(t.get_text() for t in ax.texts)
    ['Japan', 'South Korea', 'United States']
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Security', 'Economic security', 'Technology']
    """
    scene = _scene(g, domain, states, agreements, groupings)
    if title is None and domain is not None:
        label = _group_label(g, g.vocabulary.resolve_domain(domain))
        title = f"Cooperation on {label.lower()}{_in_articles(g)}"
    return _draw_network(g, scene, ax, layout, seed, title)


def ego(
    g: AllianceGraph,
    state: str,
    ax: Axes | None = None,
    seed: int = 0,
    *,
    domain: str | None = None,
    layout: Layout = "spring",
    agreements: bool = False,
    groupings: bool = False,
    title: str | None = None,
) -> Axes:
    """Draw one state, its partners and the ties among them.

    Ties of the centre state are drawn in full; ties between its partners
    are fainter. Other parameters are as in :func:`network`.

    >>> ax = ego(SEED_GRAPH, "Taiwan")
    >>> sorted(t.get_text() for t in ax.texts)
    ['Japan', 'Taiwan']
    """
    code = g.vocabulary.resolve_state(state)
    scene = _scene(g, domain, None, agreements, groupings, centre=code)
    if title is None:
        title = f"{_label(g, f'state:{code}')} and its partners{_in_articles(g)}"
    return _draw_network(g, scene, ax, layout, seed, title)


def domain_heatmap(
    g: AllianceGraph,
    ax: Axes | None = None,
    value: Literal["support", "articles"] = "support",
    *,
    domain: str | None = None,
    states: Iterable[str] | None = None,
    top: int = 40,
    title: str | None = None,
) -> Axes:
    """Draw state pairs (rows) by cooperation domains (columns).

    Parameters
    ----------
    value
        ``"support"``: how many sentences say the pair cooperates in the
        domain; ``"articles"``: in how many articles.
    domain, states
        Filters, as in :func:`network`.
    top
        Keep the pairs with the most support; the rest are left out (and logged).

    Columns are grouped and colour-coded by domain group.

    >>> ax = domain_heatmap(SEED_GRAPH)
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['Japan – United States', 'India – Japan']
    """
    import numpy as np
    from matplotlib.patches import Patch, Rectangle

    if value not in ("support", "articles"):
        raise AllianceGraphError(f"value must be 'support' or 'articles', not {value!r}")
    keep = _resolve_states(g, states)
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for edge in g.cooperation(domain=domain):
        a, b = sorted((edge.a, edge.b))
        if keep is not None and (a not in keep or b not in keep):
            continue
        cells[(a, b)][edge.domain] = edge.support if value == "support" else len(edge.articles)
    rank = _ranker(g)
    scheme = list(g.vocabulary.domains)
    domains = sorted(
        {d for row in cells.values() for d in row},
        key=lambda d: (rank(_group_of(g, d)), scheme.index(d) if d in scheme else len(scheme), d),
    )
    pairs = sorted(cells, key=lambda p: (-sum(cells[p].values()), p))
    if len(pairs) > top:
        log.info("heatmap shows the %d best-supported of %d pairs", top, len(pairs))
        pairs = pairs[:top]
    # Square cells, with room for row labels, slanted column labels and the legend.
    width = min(5.5 + 0.42 * len(domains), 22.0)
    height = min(3.2 + 0.42 * len(pairs), 18.0)
    ax = _new_axes(ax, (width, height))
    if title is None:
        what = "supporting sentences" if value == "support" else "articles"
        topic = "Cooperation"
        if domain is not None:
            topic = _group_label(g, g.vocabulary.resolve_domain(domain)) + " cooperation"
        title = f"{topic} by state pair and domain (number of {what})"
    if title:
        ax.set_title(title, fontsize=12, loc="left", pad=14)
    if not pairs:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no cooperation to draw", ha="center", va="center", color="#666666")
        log.warning("nothing to draw: no cooperation matches")
        return ax
    grid = np.zeros((len(pairs), len(domains)))
    for i, pair in enumerate(pairs):
        for j, d in enumerate(domains):
            grid[i, j] = cells[pair].get(d, 0)
    masked = np.ma.masked_equal(grid, 0)
    # Numbers are written in the cells, so the shade needs no colour bar.
    ax.imshow(masked, cmap="Blues", aspect="equal", vmin=0, vmax=max(grid.max(), 1) * 1.15)
    ax.set_facecolor("#FAFAFA")
    top_value = grid.max()
    for i in range(len(pairs)):
        for j in range(len(domains)):
            if grid[i, j]:
                ax.text(
                    j,
                    i,
                    f"{int(grid[i, j])}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if grid[i, j] > top_value * 0.55 else _INK,
                )
    labels = [_label(g, f"state:{a}") + " – " + _label(g, f"state:{b}") for a, b in pairs]
    ax.set_yticks(range(len(pairs)), labels, fontsize=9)
    column_labels = [
        g.vocabulary.domains[d].label if d in g.vocabulary.domains else d for d in domains
    ]
    ax.set_xticks(
        range(len(domains)),
        column_labels,
        rotation=50,
        ha="right",
        rotation_mode="anchor",
        fontsize=9,
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # A strip above the columns names their group; gaps mark where groups change.
    groups = [_group_of(g, d) for d in domains]
    colors = _colors(g, sorted(set(groups), key=rank))
    for j, group in enumerate(groups):
        ax.add_patch(
            Rectangle(
                (j - 0.5, -0.5 - 0.45),
                1,
                0.35,
                color=colors[group],
                clip_on=False,
                transform=ax.transData,
            )
        )
        if j and groups[j - 1] != group:
            ax.axvline(j - 0.5, color="white", lw=3)
    ax.set_ylim(len(pairs) - 0.5, -0.5 - 0.5)
    ax.set_xlim(-0.5, len(domains) - 0.5)
    present = sorted(set(groups), key=rank)
    ax.legend(
        handles=[Patch(color=colors[gr], label=_group_label(g, gr)) for gr in present],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=9,
        title="Domain group",
        title_fontsize=9,
        alignment="left",
    )
    return ax


def _date_span(date: str) -> tuple[float, float]:
    """The stretch of time a YYYY, YYYY-MM or YYYY-MM-DD date stands for, in years."""
    parts = [int(p) for p in date.split("-")]
    year = float(parts[0])
    if len(parts) == 1:
        return year, year + 1
    month = (parts[1] - 1) / 12
    if len(parts) == 2:
        return year + month, year + month + 1 / 12
    day = (parts[2] - 1) / 365
    return year + month + day, year + month + day + 1 / 365


def timeline(g: AllianceGraph, ax: Axes | None = None, *, title: str | None = None) -> Axes:
    """Draw agreements that have a date, in time order, coloured by their main domain group.

    A year-only date is drawn as a bar across the year, a month as a bar
    across the month: the precision the article gave.

    >>> ax = timeline(SEED_GRAPH)
    >>> " ".join(ax.get_yticklabels()[0].get_text().split())
    'Taiwan-Japan Maritime Affairs Cooperation Dialogue'
    """
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    rows = []
    rank = _ranker(g)
    for node, attrs in g.nx.nodes(data=True):
        if attrs.get("kind") != "agreement" or not attrs.get("date"):
            continue
        try:
            start, end = _date_span(str(attrs["date"]))
        except ValueError:
            log.warning("%s: date %r is not YYYY[-MM[-DD]]; left out", node, attrs["date"])
            continue
        found = Counter(_group_of(g, str(d)) for d in attrs.get("domains", ()))
        group = min(found, key=lambda gr: (-found[gr], rank(gr))) if found else None
        parties = ", ".join(_label(g, f"state:{p}") for p in attrs.get("parties", ()))
        rows.append((start, end, node, str(attrs["label"]), group, parties))
    rows.sort()
    ax = _new_axes(ax, (10.0, max(2.8, 1.4 + 0.45 * len(rows))))
    if title is None:
        title = f"Agreements with a date{_in_articles(g)}"
    if title:
        ax.set_title(title, fontsize=12, loc="left")
    if not rows:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no agreement has a date", ha="center", va="center", color="#666666")
        log.warning("timeline: no agreement in the graph has a date")
        return ax
    groups = sorted({r[4] for r in rows if r[4] is not None}, key=rank)
    colors = _colors(g, groups)
    first = min(r[0] for r in rows)
    last = max(r[1] for r in rows)
    margin = max((last - first) * 0.08, 0.5)
    middle = (first + last) / 2
    for i, (start, end, _, _, group, parties) in enumerate(rows):
        color = colors[group] if group else _NO_GROUP
        ax.plot([start, end], [i, i], color=color, lw=6, solid_capstyle="butt", alpha=0.45)
        ax.plot([(start + end) / 2], [i], "o", color=color, markersize=8, zorder=3)
        # Party names go on the roomier side of the marker.
        right = (start + end) / 2 <= middle
        ax.annotate(
            parties,
            (end if right else start, i),
            xytext=(8 if right else -8, 0),
            textcoords="offset points",
            ha="left" if right else "right",
            va="center",
            fontsize=8.5,
            color="#444444",
        )
    ax.set_yticks(range(len(rows)), [textwrap.fill(r[3], 45) for r in rows], fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    span = last - first
    ax.set_xlim(first - margin - span * 0.15, last + margin + span * 0.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#DDDDDD", lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    handles = [
        Line2D([], [], marker="o", ls="", color=colors[gr], label=_group_label(g, gr))
        for gr in groups
    ]
    if any(r[4] is None for r in rows):
        handles.append(Line2D([], [], marker="o", ls="", color=_NO_GROUP, label="No domain named"))
    ax.legend(
        handles=handles,
        title="Main domain group",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=9,
        title_fontsize=9,
        alignment="left",
    )
    return ax


def save(figure: Figure | SubFigure, path: str | Path, dpi: int = 150) -> Path:
    """Write ``figure`` as PNG, SVG or PDF (by extension), the same bytes every time.

    The file is written atomically. Raises
    :class:`~alliancegraph.exceptions.OutputError` for another extension or
    a place that cannot be written.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "seed.png"
    >>> save(network(SEED_GRAPH).figure, out).read_bytes()[:4]
    b'\\x89PNG'
    """
    import matplotlib

    from .io import atomic_write

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in _FORMATS:
        raise OutputError(
            f"{path}: cannot save a diagram as {path.suffix or 'a file without an extension'}; "
            "use .png, .svg or .pdf"
        )

    # A subfigure (the figure of an ``ax`` inside one) saves its whole page.
    root = figure.canvas.figure

    def write(handle: Any) -> None:
        root.savefig(
            handle,
            format=fmt,
            dpi=dpi,
            metadata=_METADATA[fmt],
            bbox_inches="tight",
            pad_inches=0.2,
            facecolor="white",
        )

    with matplotlib.rc_context({"svg.hashsalt": "alliancegraph", "pdf.compression": 6}):
        return atomic_write(path, write)
