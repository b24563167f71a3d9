"""Graph files: every readable format round-trips; other tools open what we write."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree
import igraph
import networkx as nx
import pytest

import alliancegraph as ag
from alliancegraph.exceptions import GraphFormatError, OutputError

ROOT = Path(__file__).resolve().parents[1]
READABLE = ["json", "nodelink.json", "graphml", "ttl", "nt", "jsonld", "rdf"]
ALL = [*READABLE, "gexf", "csv"]


@pytest.mark.parametrize("ext", READABLE)
def test_every_readable_format_reads_back_the_graph_written(seed_graph, tmp_path, ext):
    path = seed_graph.write(tmp_path / f"seed.{ext}")
    again = ag.read(path)
    assert again == seed_graph
    assert again.articles == seed_graph.articles


def test_evidence_survives_graphml_exactly(seed_graph, tmp_path):
    again = ag.read(seed_graph.write(tmp_path / "seed.graphml"))
    edge = ("state:JPN", "state:TWN", "cooperates_with:semiconductors")
    assert again.nx.edges[edge]["evidence"] == seed_graph.nx.edges[edge]["evidence"]


def test_graphml_opens_in_networkx_with_every_node_and_edge(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.graphml")
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert loaded.number_of_nodes() == seed_graph.nx.number_of_nodes()
    assert loaded.number_of_edges() == seed_graph.nx.number_of_edges()
    assert loaded.nodes["state:JPN"]["label"] == "Japan"


def test_graphml_opens_in_igraph_with_every_node_and_edge(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.graphml")
    loaded = igraph.Graph.Read_GraphML(str(path))
    assert loaded.vcount() == seed_graph.nx.number_of_nodes()
    assert loaded.ecount() == seed_graph.nx.number_of_edges()
    assert "support" in loaded.es.attributes()


def _with_label(seed_graph, label):
    data = seed_graph.to_dict()
    node = next(n for n in data["nodes"] if n["kind"] == "agreement")
    node["label"] = label
    return ag.AllianceGraph.from_dict(data), node["id"]


def test_graphml_keeps_a_carriage_return_in_a_label(seed_graph, tmp_path):
    graph, _ = _with_label(seed_graph, "Joint\r\nStatement")
    assert ag.read(graph.write(tmp_path / "crlf.graphml")) == graph


def test_graphml_with_a_control_character_in_a_label_stays_readable(seed_graph, tmp_path):
    graph, node = _with_label(seed_graph, "Joint\x07Statement")
    back = ag.read(graph.write(tmp_path / "bell.graphml"))
    # XML 1.0 cannot hold the character: it becomes the replacement character
    assert back.nx.nodes[node]["label"] == "Joint\ufffdStatement"


def test_gexf_is_well_formed_and_declares_every_attribute(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.gexf")
    root = defusedxml.ElementTree.parse(path).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    assert len(root.findall(".//g:node", ns)) == seed_graph.nx.number_of_nodes()
    assert len(root.findall(".//g:edge", ns)) == seed_graph.nx.number_of_edges()
    declared = {a.get("id") for a in root.findall(".//g:attribute", ns)}
    used = {v.get("for") for v in root.findall(".//g:attvalue", ns)}
    assert used <= declared


def test_gexf_opens_in_networkx(seed_graph, tmp_path):
    loaded = nx.read_gexf(seed_graph.write(tmp_path / "seed.gexf"))
    assert loaded.number_of_nodes() == seed_graph.nx.number_of_nodes()


def test_csv_writes_a_node_table_and_an_edge_table(seed_graph, tmp_path):
    nodes_path = seed_graph.write(tmp_path / "seed.csv")
    with nodes_path.open(encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with (tmp_path / "seed.edges.csv").open(encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert nodes_path.name == "seed.nodes.csv"
    assert len(nodes) == seed_graph.nx.number_of_nodes()
    assert len(edges) == seed_graph.nx.number_of_edges()
    assert {"id", "kind", "label"} <= set(nodes[0])
    assert json.loads(edges[0]["evidence"])[0]["sentence"]


def test_json_holds_the_graph_as_to_dict_gives_it(seed_graph, tmp_path):
    text = seed_graph.write(tmp_path / "seed.json").read_text(encoding="utf-8")
    assert json.loads(text) == seed_graph.to_dict()


def test_json_gives_each_article_node_and_edge_a_line_of_its_own(seed_graph, tmp_path):
    lines = seed_graph.write(tmp_path / "seed.json").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith("  ")]
    data = seed_graph.to_dict()
    assert records == data["articles"] + data["nodes"] + data["edges"]


def test_json_written_in_many_small_batches_reads_back_equal(seed_graph, tmp_path, monkeypatch):
    from alliancegraph import io

    monkeypatch.setattr(io, "_JSON_BATCH", 3)
    assert ag.read(seed_graph.write(tmp_path / "batched.json")) == seed_graph


def test_an_empty_graph_writes_json_that_reads_back_empty(tmp_path):
    path = ag.AllianceGraph().write(tmp_path / "empty.json")
    assert json.loads(path.read_text(encoding="utf-8"))["edges"] == []
    assert ag.read(path) == ag.AllianceGraph()


def test_node_link_json_is_what_networkx_reads(seed_graph, tmp_path):
    data = json.loads(seed_graph.write(tmp_path / "seed.nodelink.json").read_text())
    loaded = nx.node_link_graph(data, edges="links")
    assert loaded.number_of_edges() == seed_graph.nx.number_of_edges()


_WRITE_ALL = """
import sys
from alliancegraph import build_graph
graph = build_graph(sys.argv[1])
for ext in sys.argv[3:]:
    graph.write(f"{sys.argv[2]}/seed.{ext}")
"""


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_input_gives_identical_bytes_whatever_the_hash_seed(tmp_path):
    digests = []
    for seed in ("0", "4242"):
        out = tmp_path / seed
        out.mkdir()
        subprocess.run(
            [
                sys.executable,
                "-c",
                _WRITE_ALL,
                str(ROOT / "data" / "seed_articles"),
                str(out),
                *ALL,
            ],
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        digests.append(_digests(out))
    assert len(digests[0]) == len(ALL) + 1  # csv writes two tables
    assert digests[0] == digests[1]


def test_graphml_with_a_dtd_is_refused(tmp_path):
    path = tmp_path / "evil.graphml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="&x;"/></graph></graphml>\n'
    )
    with pytest.raises(GraphFormatError, match="DTD"):
        ag.read(path)


@pytest.mark.parametrize("ext", ["graphml", "gexf", "rdf"])
def test_a_dtd_after_the_root_element_is_an_error(tmp_path, ext):
    path = tmp_path / f"late.{ext}"
    path.write_text('<?xml version="1.0"?>\n<root/>\n<!DOCTYPE x [<!ENTITY y "z">]>\n')
    with pytest.raises(GraphFormatError, match=rf"late\.{ext}: "):
        ag.read(path)


def test_malformed_graphml_late_in_the_file_names_file_and_line(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.graphml")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[-3] = lines[-3].replace("</data>", "</dta>")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(GraphFormatError, match=rf"seed\.graphml: line {len(lines) - 2}, column"):
        ag.read(path)


def test_malformed_graphml_names_file_and_line(tmp_path):
    path = tmp_path / "bad.graphml"
    path.write_text('<?xml version="1.0"?>\n<graphml>\n<graph>\n</graphml>\n')
    with pytest.raises(GraphFormatError, match=r"bad\.graphml: line 4"):
        ag.read(path)


def test_malformed_json_names_file_and_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "alliancegraph",\n "nodes": [,]}\n')
    with pytest.raises(GraphFormatError, match=r"bad\.json: line 2"):
        ag.read(path)


@pytest.mark.parametrize(
    ("attribute", "value"), [("domains", None), ("articles", None), ("domains", [[1]])]
)
def test_json_agreement_with_an_attribute_of_the_wrong_type_names_the_file(
    seed_graph, tmp_path, attribute, value
):
    data = json.loads(json.dumps(seed_graph.to_dict()))
    agreement = next(node for node in data["nodes"] if node["kind"] == "agreement")
    agreement[attribute] = value
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(GraphFormatError, match=r"edited\.json: .*wrong type"):
        ag.read(path)


def test_unknown_extension_lists_the_formats(seed_graph, tmp_path):
    with pytest.raises(OutputError, match="graphml"):
        seed_graph.write(tmp_path / "seed.xyz")
    with pytest.raises(GraphFormatError, match="readable formats"):
        ag.read(tmp_path / "seed.xyz")


def test_writing_leaves_no_temporary_files_and_a_readable_file(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.ttl")
    assert [p.name for p in tmp_path.iterdir()] == ["seed.ttl"]
    assert path.stat().st_mode & 0o044  # not left private as a temporary file is
