"""Diagrams: what they show, that they read well, and that they are reproducible."""

from __future__ import annotations

import io
import random
import subprocess
import sys
from pathlib import Path

import matplotlib
import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.patches import FancyArrowPatch

from alliancegraph import AllianceGraph, AllianceGraphError, OutputError, UnknownNameError, plot
from alliancegraph.cli import main

matplotlib.use("Agg")

SEED_DIR = Path(__file__).resolve().parents[1] / "data" / "seed_articles"
SEED_STATES = {"India", "Japan", "South Korea", "Taiwan", "United States"}


@pytest.fixture(scope="module")
def seed_json(seed_graph, tmp_path_factory):
    """The seed graph as a graph file, so CLI tests need not rebuild it."""
    return str(seed_graph.write(tmp_path_factory.mktemp("graph") / "seed.json"))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def png_bytes(ax) -> bytes:
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    return buffer.getvalue()


def pixels(ax) -> np.ndarray:
    return matplotlib.image.imread(io.BytesIO(png_bytes(ax)), format="png")[..., :3]


def share_near(image: np.ndarray, color: str) -> float:
    """Share of pixels within a small distance of ``color``."""
    distance = np.abs(image - np.array(to_rgb(color))).sum(axis=-1)
    return float((distance < 0.12).mean())


def labels(ax) -> set[str]:
    return {t.get_text() for t in ax.texts}


def legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def label_boxes(ax):
    ax.figure.draw_without_rendering()
    return [(t.get_text(), t.get_window_extent()) for t in ax.texts]


def synthetic_graph(n_states: int, ties_per_state: int = 2, seed: int = 1) -> AllianceGraph:
    """A graph of ``n_states`` real states with random cooperation, as the JSON form holds it."""
    g = AllianceGraph()
    codes = sorted(g.vocabulary.states)[:: len(g.vocabulary.states) // n_states][:n_states]
    leaves = sorted(g.vocabulary.leaf_domains)
    rnd = random.Random(seed)
    edges = {}
    for a in codes:
        for b in rnd.sample(codes, ties_per_state):
            if a != b:
                x, y = sorted((a, b))
                for domain in rnd.sample(leaves, rnd.randint(1, 3)):
                    edges[(x, y, domain)] = rnd.randint(1, 9)
    data = {
        "format": "alliancegraph",
        "version": 1,
        "articles": [],
        "nodes": [
            {"id": f"state:{c}", "kind": "state", "label": g.vocabulary.states[c].name}
            for c in codes
        ],
        "edges": [
            {
                "source": f"state:{x}",
                "target": f"state:{y}",
                "key": f"cooperates_with:{d}",
                "predicate": "cooperates_with",
                "domain": d,
                "support": support,
                "confidence": 0.9,
                "articles": [],
                "evidence": [],
            }
            for (x, y, d), support in sorted(edges.items())
        ],
    }
    return AllianceGraph.from_dict(data)


def groups_in(graph, domain=None) -> set[str]:
    vocab = graph.vocabulary
    return {vocab.domains[vocab.group_of(c.domain)].label for c in graph.cooperation(domain=domain)}


# ------------------------------------------------------------------ network
def test_network_labels_every_cooperating_state_with_its_short_name(seed_graph):
    ax = plot.network(seed_graph)
    assert labels(ax) == SEED_STATES


def test_network_labels_sit_inside_the_figure(seed_graph):
    ax = plot.network(seed_graph)
    page = ax.figure.bbox
    for text, box in label_boxes(ax):
        assert page.x0 <= box.x0, text
        assert box.x1 <= page.x1, text
        assert page.y0 <= box.y0, text
        assert box.y1 <= page.y1, text


def test_network_legend_lists_the_domain_groups_present(seed_graph):
    ax = plot.network(seed_graph)
    assert set(legend(ax)) == groups_in(seed_graph)
    assert legend(ax)[0] == "Security"


def test_network_legend_shrinks_to_the_groups_a_domain_filter_keeps(seed_graph):
    ax = plot.network(seed_graph, domain="chips")
    assert legend(ax) == ["Technology"]


def test_network_image_shows_each_group_colour_and_is_not_blank(seed_graph):
    image = pixels(plot.network(seed_graph))
    assert (image.sum(axis=-1) < 2.9).mean() > 0.02
    for group in ("security", "economic_security", "technology"):
        assert share_near(image, plot.GROUP_COLORS[group]) > 0.0005, group


def test_network_same_seed_gives_the_same_image(seed_graph):
    first = png_bytes(plot.network(seed_graph, seed=7))
    second = png_bytes(plot.network(seed_graph, seed=7))
    assert first == second


def test_network_another_seed_gives_another_spring_layout(seed_graph):
    assert png_bytes(plot.network(seed_graph, seed=1)) != png_bytes(
        plot.network(seed_graph, seed=2)
    )


def test_network_draws_one_curve_per_domain_group_between_a_pair(seed_graph):
    ax = plot.network(seed_graph, states=["Japan", "United States"])
    curves = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    expected = {
        seed_graph.vocabulary.group_of(c.domain)
        for c in seed_graph.cooperation(state="USA")
        if {c.a, c.b} == {"JPN", "USA"}
    }
    assert len(curves) == len(expected)
    bends = {p.get_connectionstyle().rad for p in curves}
    assert len(bends) == len(curves)


def test_network_sizes_states_by_number_of_partners(seed_graph):
    ax = plot.network(seed_graph)
    states = ax.collections[0]
    drawn = sorted({s for c in seed_graph.cooperation() for s in (c.a, c.b)})
    sizes = dict(zip(drawn, states.get_sizes(), strict=True))
    assert max(sizes, key=sizes.get) == "JPN"
    assert sizes["TWN"] < sizes["USA"]


def test_network_keeps_only_the_states_asked_for(seed_graph):
    ax = plot.network(seed_graph, states=["Tokyo", "Seoul", "U.S."])
    assert labels(ax) == {"Japan", "South Korea", "United States"}


def test_network_unknown_state_names_close_matches(seed_graph):
    with pytest.raises(UnknownNameError, match=r"(?i)japan"):
        plot.network(seed_graph, states=["Japn"])


def test_network_unknown_layout_lists_the_valid_ones(seed_graph):
    with pytest.raises(AllianceGraphError, match="geographic"):
        plot.network(seed_graph, layout="radial")


def test_geographic_layout_follows_the_capitals(seed_graph):
    ax = plot.network(seed_graph, layout="geographic")
    drawn = sorted({s for c in seed_graph.cooperation() for s in (c.a, c.b)})
    where = dict(zip(drawn, ax.collections[0].get_offsets(), strict=True))
    assert where["IND"][0] < where["JPN"][0]  # New Delhi lies west of Tokyo
    assert where["TWN"][1] < where["KOR"][1]  # Taipei lies south of Seoul


def test_hubs_add_agreements_and_groupings_with_their_members(seed_graph):
    ax = plot.network(seed_graph, agreements=True, groupings=True)
    assert "Quad" in labels(ax)
    assert "Australia" in labels(ax)  # a Quad member with no cooperation of its own
    assert {"Agreement", "Grouping"} <= set(legend(ax))


@pytest.mark.parametrize("layout", ["spring", "geographic", "circular"])
def test_fifty_state_labels_do_not_overlap(layout):
    g = synthetic_graph(50)
    ax = plot.network(g, layout=layout)
    boxes = label_boxes(ax)
    assert len(boxes) == 50
    frame = ax.get_window_extent()
    clashes = [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.overlaps(box_b)
    ]
    assert clashes == []
    outside = [t for t, box in boxes if not (frame.x0 <= box.x0 and box.x1 <= frame.x1)]
    assert outside == []


def test_network_of_nothing_says_so(seed_graph):
    ax = plot.network(seed_graph, states=["Kenya"])
    assert labels(ax) == {"no cooperation to draw"}


# --------------------------------------------------------------- other kinds
def test_heatmap_rows_are_state_pairs_best_supported_first(seed_graph):
    ax = plot.domain_heatmap(seed_graph)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    totals = {}
    for c in seed_graph.cooperation():
        totals[(c.a, c.b)] = totals.get((c.a, c.b), 0) + c.support
    best = max(totals, key=totals.get)
    names = {"JPN": "Japan", "USA": "United States", "IND": "India", "KOR": "South Korea"}
    assert rows[0] == f"{names[best[0]]} – {names[best[1]]}"
    assert len(rows) == len(totals)


def test_heatmap_cells_show_the_support(seed_graph):
    ax = plot.domain_heatmap(seed_graph)
    support = {(c.a, c.b, c.domain): c.support for c in seed_graph.cooperation()}
    assert str(support[("JPN", "USA", "defense")]) in labels(ax)


def test_heatmap_legend_lists_the_domain_groups_present(seed_graph):
    ax = plot.domain_heatmap(seed_graph)
    assert set(legend(ax)) == groups_in(seed_graph)


def test_heatmap_is_not_blank(seed_graph):
    image = pixels(plot.domain_heatmap(seed_graph))
    assert (image.sum(axis=-1) < 2.9).mean() > 0.05


def test_ego_draws_the_state_and_its_partners_only(seed_graph):
    ax = plot.ego(seed_graph, "Taipei")
    assert labels(ax) == {"Taiwan", "Japan"}
    assert ax.get_title(loc="left").startswith("Taiwan and its partners")


def test_ego_same_seed_gives_the_same_image(seed_graph):
    assert png_bytes(plot.ego(seed_graph, "Japan", seed=3)) == png_bytes(
        plot.ego(seed_graph, "Japan", seed=3)
    )


def test_timeline_lists_dated_agreements_in_time_order(seed_graph):
    ax = plot.timeline(seed_graph)
    dated = sorted(
        (a["date"], a["label"])
        for _, a in seed_graph.nx.nodes(data=True)
        if a["kind"] == "agreement" and a.get("date")
    )
    rows = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert rows == [label for _, label in dated]
    assert legend(ax)


def test_timeline_without_dates_says_so():
    ax = plot.timeline(synthetic_graph(5))
    assert "no agreement has a date" in labels(ax)


def test_plot_works_on_axes_the_caller_provides(seed_graph):
    _, (left, right) = plt.subplots(1, 2, figsize=(14, 6), layout="constrained")
    assert plot.network(seed_graph, ax=left) is left
    assert plot.ego(seed_graph, "India", ax=right) is right
    assert "India" in labels(right)


# ------------------------------------------------------------------- saving
@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_save_writes_the_same_bytes_every_time(seed_graph, tmp_path, suffix, magic):
    first = plot.save(plot.network(seed_graph).figure, tmp_path / f"a{suffix}").read_bytes()
    second = plot.save(plot.network(seed_graph).figure, tmp_path / f"b{suffix}").read_bytes()
    assert first.startswith(magic)
    assert first == second


def test_save_refuses_an_unknown_format(seed_graph, tmp_path):
    with pytest.raises(OutputError, match=r"\.png, \.svg or \.pdf"):
        plot.save(plot.network(seed_graph).figure, tmp_path / "diagram.jpg")


def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, alliancegraph, alliancegraph.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------- CLI
@pytest.mark.parametrize(
    ("options", "name"),
    [
        ([], "network.png"),
        (["--layout", "geographic", "--domain", "technology"], "geo.svg"),
        (["--kind", "heatmap"], "heatmap.pdf"),
        (["--kind", "ego", "--state", "Japan"], "ego.png"),
        (["--kind", "timeline"], "timeline.png"),
    ],
)
def test_cli_plot_writes_the_diagram(seed_json, tmp_path, capsys, options, name):
    out = tmp_path / name
    assert main(["plot", seed_json, "-o", str(out), *options]) == 0
    assert out.stat().st_size > 1000
    assert f"wrote {out}" in capsys.readouterr().out


def test_cli_plot_same_command_same_file(tmp_path):
    for name in ("a.png", "b.png"):
        assert main(["plot", str(SEED_DIR), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_cli_plot_ego_without_a_state_is_an_error(seed_json, tmp_path, capsys):
    assert main(["plot", seed_json, "--kind", "ego", "-o", str(tmp_path / "x.png")]) == 2
    assert "--state" in capsys.readouterr().err
