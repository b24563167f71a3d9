"""RDF export: round trips, independent parsers, ontology, SHACL, SPARQL, safety."""

from __future__ import annotations

import logging
import random
import re
import socket
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import alliancegraph as ag
from alliancegraph import rdf
from alliancegraph.cli import main
from alliancegraph.exceptions import GraphFormatError, OutputError

RDF_EXTENSIONS = ["ttl", "nt", "jsonld", "rdf"]
OX_FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "rdf": pyoxigraph.RdfFormat.RDF_XML,
}
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}


@pytest.fixture(scope="module")
def written(seed_graph, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rdf")
    return {ext: seed_graph.write(folder / f"seed.{ext}") for ext in RDF_EXTENSIONS}


@pytest.mark.parametrize("ext", RDF_EXTENSIONS)
def test_rdf_file_reads_back_equal_to_the_graph_written(seed_graph, written, ext):
    assert ag.read(written[ext]) == seed_graph


# rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("ext", RDF_EXTENSIONS)
def test_pyoxigraph_and_rdflib_read_the_same_triples(written, ext):
    with_ox = list(pyoxigraph.parse(path=written[ext], format=OX_FORMATS[ext]))
    with_rdflib = rdflib.Graph().parse(written[ext], format=RDFLIB_FORMATS[ext])
    assert len(with_ox) == len(set(with_ox)) == len(with_rdflib) > 1000


def test_written_turtle_has_exactly_the_triples_of_the_rdflib_view(seed_graph, written):
    from_file = rdflib.Graph().parse(written["ttl"], format="turtle")
    assert set(from_file) == set(seed_graph.to_rdf())


def test_files_have_no_blank_nodes(written):
    for ext in ("ttl", "jsonld"):
        quads = pyoxigraph.parse(path=written[ext], format=OX_FORMATS[ext])
        assert not any(isinstance(q.subject, pyoxigraph.BlankNode) for q in quads)
        assert not any(isinstance(q.object, pyoxigraph.BlankNode) for q in quads)


def test_base_is_configurable_and_any_base_reads_back(seed_graph, tmp_path):
    base = "https://data.example.net/kg/"
    path = rdf.write_rdf(seed_graph, tmp_path / "seed.ttl", base=base)
    subjects = {q.subject.value for q in pyoxigraph.parse(path=path)}
    assert f"{base}state/JPN" in subjects
    assert ag.read(path) == seed_graph


def test_export_base_option_reaches_the_file(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.nt", base="https://kg.example.org/x#")
    assert "<https://kg.example.org/x#state/JPN>" in path.read_text(encoding="utf-8")


def test_a_base_that_is_not_an_iri_is_refused(seed_graph):
    with pytest.raises(OutputError, match="ending in '/' or '#'"):
        rdf.to_rdf(seed_graph, base="not a base")


def test_cooperation_is_an_nary_node_and_a_direct_triple_both_ways(seed_graph):
    view = seed_graph.to_rdf()
    ns = rdflib.Namespace(rdf.AG.NS)
    japan = rdflib.URIRef(rdf.DEFAULT_BASE + "state/JPN")
    taiwan = rdflib.URIRef(rdf.DEFAULT_BASE + "state/TWN")
    assert (japan, ns.cooperatesWith, taiwan) in view
    assert (taiwan, ns.cooperatesWith, japan) in view
    facts = set(view.subjects(ns.domain, rdflib.URIRef(rdf.DEFAULT_BASE + "domain/semiconductors")))
    fact = next(f for f in facts if set(view.objects(f, ns.participant)) == {japan, taiwan})
    assert (fact, rdflib.RDF.type, ns.Cooperation) in view
    assert view.value(fact, ns.support).toPython() == 1


def test_states_are_the_same_as_their_wikidata_items(seed_graph):
    view = seed_graph.to_rdf()
    japan = rdflib.URIRef(rdf.DEFAULT_BASE + "state/JPN")
    assert view.value(japan, rdflib.OWL.sameAs) == rdflib.URIRef(
        "http://www.wikidata.org/entity/Q17"
    )


def test_evidence_keeps_offsets_and_derives_from_its_article(seed_graph):
    rows = seed_graph.sparql(
        """SELECT ?sentence ?start ?end ?article WHERE {
               ?e a ag:Evidence ; ag:sentence ?sentence ; ag:start ?start ; ag:end ?end ;
                  prov:wasDerivedFrom ?article }"""
    )
    assert rows
    assert all(r["end"] - r["start"] == len(r["sentence"]) for r in rows)
    assert all(r["article"].startswith(rdf.DEFAULT_BASE + "article/") for r in rows)


def test_ontology_declares_every_term_the_writer_uses(written):
    declared = {str(s) for s in rdf.ontology().subjects() if str(s).startswith(rdf.AG.NS)}
    used = set()
    for q in pyoxigraph.parse(path=written["nt"], format=pyoxigraph.RdfFormat.N_TRIPLES):
        for term in (q.predicate, q.object):
            if isinstance(term, pyoxigraph.NamedNode) and term.value.startswith(rdf.AG.NS):
                used.add(term.value)
    assert used
    assert used <= declared


def test_ontology_gives_every_class_and_property_a_label_and_comment():
    onto = rdf.ontology()
    terms = {s for s in onto.subjects() if str(s).startswith(rdf.AG.NS)}
    assert all(onto.value(t, rdflib.RDFS.label) for t in terms)
    assert all(onto.value(t, rdflib.RDFS.comment) for t in terms)


SEMICONDUCTORS = """
SELECT DISTINCT ?a ?b WHERE {
    ?cooperation a ag:Cooperation ;
                 ag:subject ?x ; ag:object ?y ;
                 ag:domain/skos:broader* domain:semiconductors .
    ?x dcterms:identifier ?a .
    ?y dcterms:identifier ?b .
}"""


def test_sparql_for_semiconductors_gives_the_pairs_of_the_python_helper(seed_graph):
    rows = seed_graph.sparql(SEMICONDUCTORS)
    from_sparql = {(r["a"].removeprefix("state:"), r["b"].removeprefix("state:")) for r in rows}
    from_python = {(c.a, c.b) for c in seed_graph.cooperation(domain="semiconductors")}
    assert from_sparql == from_python
    assert from_python


def test_sparql_under_a_broader_domain_reaches_narrower_ones(seed_graph):
    query = SEMICONDUCTORS.replace("domain:semiconductors", "domain:technology")
    from_sparql = {
        (r["a"].removeprefix("state:"), r["b"].removeprefix("state:"))
        for r in seed_graph.sparql(query)
    }
    assert from_sparql == {(c.a, c.b) for c in seed_graph.cooperation(domain="technology")}


def test_seed_graph_conforms_to_the_shapes(seed_graph):
    report = rdf.validate(seed_graph)
    assert report.conforms, report.text()


def _broken_copy(path: Path, tmp_path: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    fact = "<https://example.org/alliancegraph/fact/state/JPN/cooperates_with:semiconductors"
    start = text.index(fact)
    block_end = text.index(" .\n", start)
    block = text[start:block_end]
    broken = block.replace('ag:confidence "', 'ag:confidence "7', 1)
    broken = "\n".join(line for line in broken.split("\n") if "ag:participant" not in line)
    out = tmp_path / "broken.ttl"
    out.write_text(text[:start] + broken + text[block_end:], encoding="utf-8")
    return out


def test_a_broken_graph_does_not_conform_and_says_why(written, tmp_path):
    report = rdf.validate(_broken_copy(written["ttl"], tmp_path))
    assert not report.conforms
    text = report.text()
    assert "confidence" in text
    assert "exactly two participants" in text


def test_validate_command_exits_0_for_the_seed_and_1_for_a_broken_file(written, tmp_path, capsys):
    assert main(["validate", str(written["ttl"])]) == 0
    assert "conforms" in capsys.readouterr().out
    assert main(["validate", str(_broken_copy(written["ttl"], tmp_path))]) == 1
    assert "violation" in capsys.readouterr().out


def test_malformed_turtle_names_file_and_line(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text('<https://x.org/a> <https://x.org/p> "ok" .\n<https://x.org/a> oops .\n')
    with pytest.raises(GraphFormatError, match=r"bad\.ttl: line 2"):
        ag.read(path)


def test_rdf_that_is_not_an_alliancegraph_says_so(tmp_path):
    path = tmp_path / "other.nt"
    path.write_text('<https://x.org/a> <https://x.org/p> "v" .\n')
    with pytest.raises(GraphFormatError, match="not an alliancegraph RDF file"):
        ag.read(path)


def test_jsonld_with_a_remote_context_is_refused_without_fetching(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("reading tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "https://example.org/context.jsonld", "@id": "x", "name": "y"}')
    with pytest.raises(GraphFormatError, match="remote"):
        ag.read(path)
    with pytest.raises(GraphFormatError, match="remote"):
        rdf.load(path)


def test_rdfxml_with_entity_declarations_is_refused(tmp_path):
    path = tmp_path / "bomb.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:e="http://e.org/"><rdf:Description rdf:about="http://e.org/a">'
        "<e:p>&b;</e:p></rdf:Description></rdf:RDF>\n"
    )
    with pytest.raises(GraphFormatError, match="DTD"):
        ag.read(path)


def _odd_graph(seed_graph):
    data = seed_graph.to_dict()
    state = next(n for n in data["nodes"] if n["id"] == "state:JPN")
    state["short_names"] = ["Nippon", "Japan|JP", ""]
    state["population"] = 125
    state["note"] = None
    person = next(n for n in data["nodes"] if n["kind"] == "person")
    del person["role"]
    data["nodes"].append({"id": "thing", "kind": "place", "label": "Somewhere"})
    edge = data["edges"][0]
    edge["articles"] = list(reversed(edge["articles"] + ["zzz"]))
    return ag.AllianceGraph.from_dict(data)


@pytest.mark.parametrize("ext", [*RDF_EXTENSIONS, "graphml", "json", "nodelink.json"])
def test_attributes_no_format_holds_natively_still_read_back(seed_graph, tmp_path, ext):
    odd = _odd_graph(seed_graph)
    assert ag.read(odd.write(tmp_path / f"odd.{ext}")) == odd


def test_support_that_disagrees_with_the_evidence_is_a_violation(seed_graph):
    view = seed_graph.to_rdf()
    ns = rdflib.Namespace(rdf.AG.NS)
    fact = sorted(view.subjects(ns.support, None))[0]
    view.set((fact, ns.support, rdflib.Literal(99)))
    report = rdf.validate(view)
    assert not report.conforms
    assert [v.focus for v in report.violations] == [fact.n3(view.namespace_manager)]


@pytest.mark.parametrize("ext", RDF_EXTENSIONS)
def test_written_files_are_read_in_one_pass(written, ext, caplog):
    caplog.set_level(logging.INFO, logger="alliancegraph.rdf")
    ag.read(written[ext])
    assert not [r for r in caplog.records if "reading it again" in r.getMessage()]


def test_a_file_whose_triples_are_shuffled_is_read_again_whole_and_equal(
    seed_graph, written, tmp_path, caplog
):
    lines = written["nt"].read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(7).shuffle(lines)
    shuffled = tmp_path / "shuffled.nt"
    shuffled.write_text("".join(lines), encoding="utf-8")
    caplog.set_level(logging.INFO, logger="alliancegraph.rdf")
    assert ag.read(shuffled) == seed_graph
    assert any("reading it again" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("shuffled", [False, True], ids=["in-order", "shuffled"])
def test_a_triple_used_as_a_term_is_refused_naming_the_file(written, tmp_path, shuffled):
    lines = written["nt"].read_text(encoding="utf-8").splitlines(keepends=True)
    if shuffled:  # read again whole: the second reading refuses it too
        random.Random(7).shuffle(lines)
    quoted = "<<( <https://x.org/s> <https://x.org/p> <https://x.org/o> )>>"
    lines.append(f"<https://x.org/a> <https://x.org/says> {quoted} .\n")
    path = tmp_path / "quoted.nt"
    path.write_text("".join(lines), encoding="utf-8")

    with pytest.raises(GraphFormatError, match=r"quoted\.nt: .*triple used as a term"):
        ag.read(path)


def _edited_turtle(written: dict[str, Path], tmp_path: Path, old: str, new: str) -> Path:
    text = written["ttl"].read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / "edited.ttl"
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def test_a_fact_whose_support_is_not_a_number_names_the_file_and_the_fact(written, tmp_path):
    path = _edited_turtle(written, tmp_path, 'ag:support "', 'ag:support "many')
    with pytest.raises(GraphFormatError, match=r"edited\.ttl: <https://\S+/fact/.*not a number"):
        ag.read(path)


def test_a_use_of_a_sentence_the_file_lacks_names_the_fact_and_the_sentence(written, tmp_path):
    path = _edited_turtle(written, tmp_path, "a ag:Evidence", "a ag:Missing")
    with pytest.raises(GraphFormatError, match=r"edited\.ttl: <\S+/fact/.* does not describe"):
        ag.read(path)


def test_evidence_read_back_keeps_each_use_its_own_confidence(seed_graph, tmp_path):
    data = seed_graph.to_dict()
    edges = [e for e in data["edges"] if e["evidence"]]
    first, second = edges[0], edges[1]
    second["evidence"][0] = {**first["evidence"][0], "confidence": 0.25}
    first["evidence"][0]["confidence"] = 0.75
    second["evidence"].sort(key=lambda e: (e["article"], e["start"], e["end"]))
    graph = ag.AllianceGraph.from_dict(data)
    assert ag.read(graph.write(tmp_path / "shared.ttl")) == graph


def _own_reader_stepped_aside(caplog) -> bool:
    return any("not laid out as write_rdf writes Turtle" in r.getMessage() for r in caplog.records)


def test_turtle_written_here_is_read_by_the_reader_of_its_own_layout(written, caplog):
    caplog.set_level(logging.DEBUG, logger="alliancegraph.rdf")
    ag.read(written["ttl"])
    assert not _own_reader_stepped_aside(caplog)


def test_every_format_holds_the_same_triples(seed_graph, tmp_path):
    odd = _odd_graph(seed_graph)
    triples = {
        ext: {q.triple for q in pyoxigraph.parse(path=odd.write(tmp_path / f"odd.{ext}"))}
        for ext in RDF_EXTENSIONS
    }
    assert triples["ttl"] == triples["nt"] == triples["jsonld"] == triples["rdf"]
    assert len(triples["ttl"]) > 1000


def test_turtle_from_another_writer_reads_back_equal(seed_graph, written, tmp_path, caplog):
    triples = [q.triple for q in pyoxigraph.parse(path=written["ttl"])]
    other = tmp_path / "other.ttl"
    pyoxigraph.serialize(triples, str(other), prefixes={"ag": rdf.AG.NS})
    caplog.set_level(logging.DEBUG, logger="alliancegraph.rdf")
    assert ag.read(other) == seed_graph
    assert _own_reader_stepped_aside(caplog)


TRICKY_SENTENCES = [
    'He said "stop." Then he left.',
    "a back\\slash, and \\n that is no line break",
    "line one\nline two\r\nline three",
    'it ends like a statement .\n<https://x.org/a> <https://x.org/p> "z" .',
    'or like a predicate ;\n    ag:start "1"^^xsd:integer',
    "tab\there, Unicode: 日本 – é \u2028 \x00 \x1b[0m",
    "",
    '\\"',
]


def _graph_with_sentences(seed_graph, sentences, extractor):
    data = seed_graph.to_dict()
    edges = [e for e in data["edges"] if e["evidence"]]
    for edge, sentence in zip(edges, sentences, strict=False):
        edge["evidence"][0]["sentence"] = sentence
        edge["evidence"][0]["extractor"] = extractor
    return ag.AllianceGraph.from_dict(data)


def test_sentences_with_quotes_backslashes_and_line_breaks_read_back_equal(
    seed_graph, tmp_path, caplog
):
    graph = _graph_with_sentences(seed_graph, TRICKY_SENTENCES, 'rules "v2" \\ beta')
    caplog.set_level(logging.DEBUG, logger="alliancegraph.rdf")
    for ext in ("ttl", "nt"):
        assert ag.read(graph.write(tmp_path / f"tricky.{ext}")) == graph
    assert not _own_reader_stepped_aside(caplog)
    from_turtle = set(pyoxigraph.parse(path=tmp_path / "tricky.ttl"))
    assert from_turtle == set(pyoxigraph.parse(path=tmp_path / "tricky.nt"))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sentence=st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    extractor=st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
)
def test_any_sentence_and_extractor_read_back_from_turtle(
    seed_graph, tmp_path_factory, sentence, extractor
):
    graph = _graph_with_sentences(seed_graph, [sentence], extractor)
    path = graph.write(tmp_path_factory.mktemp("any") / "any.ttl")
    assert ag.read(path) == graph


# Valid Turtle that write_rdf would not write: each is read as a Turtle parser
# reads it, whether the reader of write_rdf's own layout takes it or not.
LAYOUT_EDITS = {
    "a comment": lambda t: t.replace("\n\n", "\n\n# a comment\n", 1),
    "a long string": lambda t: re.sub(
        r'ag:sentence "([^"\\]*)"', r'ag:sentence """\1\nand more"""', t, count=1
    ),
    "a \\u escape": lambda t: t.replace('ag:sentence "', 'ag:sentence "\\u00e9 ', 1),
    "single quotes": lambda t: re.sub(r'ag:extractor "([^"\\]*)"', r"ag:extractor '\1'", t),
    "a bare number": lambda t: re.sub(r'ag:start "(\d+)"\^\^xsd:integer', r"ag:start \1", t),
    "an object list": lambda t: re.sub(
        r"ag:participant (\S+) ;\n    ag:participant", r"ag:participant \1,", t
    ),
    "a full IRI": lambda t: t.replace("ag:support", f"<{rdf.AG.support}>"),
    "IRIs for prefixed names": lambda t: re.sub(
        r"prov:wasDerivedFrom article:([\w-]+)",
        rf"prov:wasDerivedFrom <{rdf.DEFAULT_BASE}article/\1>",
        t,
    ),
    "Windows line ends": lambda t: t.replace("\n", "\r\n"),
    "two statements for one subject": lambda t: t.replace(
        ' ;\n    ag:sentence "', " .\n" + _first_sentence_subject(t) + ' ag:sentence "', 1
    ),
}


def _first_sentence_subject(text: str) -> str:
    line_start = text.rindex("\n", 0, text.index(" a ag:Evidence ;")) + 1
    return text[line_start : text.index(" ", line_start)]


@pytest.mark.parametrize("edit", LAYOUT_EDITS)
def test_turtle_in_another_layout_reads_as_its_triples_say(written, tmp_path, edit):
    text = written["ttl"].read_text(encoding="utf-8")
    edited = LAYOUT_EDITS[edit](text)
    assert edited != text
    turtle = tmp_path / "edited.ttl"
    turtle.write_bytes(edited.encode("utf-8"))
    as_ntriples = tmp_path / "edited.nt"
    pyoxigraph.serialize(
        [q.triple for q in pyoxigraph.parse(path=turtle)],
        str(as_ntriples),
        pyoxigraph.RdfFormat.N_TRIPLES,
    )
    assert ag.read(turtle) == ag.read(as_ntriples)


def _assert_turtle_and_ntriples_read_back(graph: ag.AllianceGraph, stem: Path) -> None:
    """``graph`` written as Turtle and as N-Triples reads back equal, with the same triples."""
    for ext in ("ttl", "nt"):
        assert ag.read(graph.write(stem.with_suffix(f".{ext}"))) == graph
    from_turtle = set(pyoxigraph.parse(path=stem.with_suffix(".ttl")))
    assert from_turtle == set(pyoxigraph.parse(path=stem.with_suffix(".nt")))


def test_sentences_that_are_not_ascii_among_ascii_ones_read_back_equal(seed_graph, tmp_path):
    data = seed_graph.to_dict()
    edges = [e for e in data["edges"] if e["evidence"]]
    for edge in edges[::3]:
        for evidence in edge["evidence"]:
            evidence["sentence"] = "Über " + evidence["sentence"] + " — 日本"
    graph = ag.AllianceGraph.from_dict(data)
    _assert_turtle_and_ntriples_read_back(graph, tmp_path / "wide")
    assert "Über" in (tmp_path / "wide.ttl").read_text(encoding="utf-8")


def test_a_sentence_span_two_facts_disagree_on_reads_back_equal(seed_graph, tmp_path):
    data = seed_graph.to_dict()
    first, second = [e for e in data["edges"] if e["evidence"]][:2]
    second["evidence"] = [{**first["evidence"][0], "sentence": "Not what it said."}]
    graph = ag.AllianceGraph.from_dict(data)
    _assert_turtle_and_ntriples_read_back(graph, tmp_path / "disagree")
    # one sentence node per span: the fact written second keeps its evidence verbatim
    assert '\\"evidence\\":[' in (tmp_path / "disagree.ttl").read_text(encoding="utf-8")


def _last_written(edges: list[dict[str, Any]], holding: str) -> dict[str, Any]:
    """The last edge written (edges are written in order) with several ``holding``:
    by then the facts before it have named its articles."""
    return max(
        (e for e in edges if len(e[holding]) > 1),
        key=lambda e: (e["source"], e["target"], str(e["key"])),
    )


@pytest.mark.parametrize(
    ("holding", "change"),
    [
        ("articles", lambda items: list(reversed(items))),
        ("articles", lambda items: [items[0], *items]),
        ("evidence", lambda items: list(reversed(items))),
    ],
    ids=["articles out of order", "an article named twice", "evidence out of order"],
)
def test_a_fact_whose_list_is_not_strictly_in_order_reads_back_equal(
    seed_graph, tmp_path, holding, change
):
    data = seed_graph.to_dict()
    edge = _last_written(data["edges"], holding)
    edge[holding] = change(edge[holding])
    graph = ag.AllianceGraph.from_dict(data)
    _assert_turtle_and_ntriples_read_back(graph, tmp_path / "odd")
    # the order is not a triple's: the list is kept with the fact's raw attributes
    assert f'\\"{holding}\\":[' in (tmp_path / "odd.ttl").read_text(encoding="utf-8")
