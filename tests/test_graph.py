"""Graph assembly: one edge per fact, evidence from every article that states it."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from alliancegraph import AllianceGraph, Extractor, build_graph, load_corpus, read
from alliancegraph.models import Agreement, Article, ArticleExtraction, Evidence, Relation

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "data" / "seed_articles"

ARTICLE_A = """Japan and India agreed to deepen cooperation on semiconductors and critical minerals.
The two sides also pledged joint work on clean energy."""
ARTICLE_B = """India and Japan signed a pact to cooperate on semiconductors, officials said.
Tokyo and New Delhi will also coordinate on maritime security."""


@pytest.fixture
def two_articles(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "b.txt").write_text(ARTICLE_B)
    return tmp_path


def test_the_same_fact_from_two_articles_is_one_edge_with_both_evidences(two_articles):
    g = build_graph(two_articles)
    edges = g.nx.get_edge_data("state:IND", "state:JPN")
    chips = edges["cooperates_with:semiconductors"]
    assert chips["support"] == 2
    assert chips["articles"] == ("a", "b")
    assert {e.article for e in chips["evidence"]} == {"a", "b"}


def test_merged_confidence_is_higher_than_either_sentence(two_articles):
    chips = build_graph(two_articles).nx.edges[
        "state:IND", "state:JPN", "cooperates_with:semiconductors"
    ]
    assert chips["confidence"] > max(e.confidence for e in chips["evidence"])


def test_evidence_offsets_recover_the_sentence_from_the_article(two_articles):
    g = build_graph(two_articles)
    texts = {p.stem: p.read_text() for p in two_articles.glob("*.txt")}
    for _, _, data in g.nx.edges(data=True):
        for ev in data["evidence"]:
            assert texts[ev.article][ev.start : ev.end] == ev.sentence


def test_facts_only_in_one_article_keep_that_article_alone(two_articles):
    edge = build_graph(two_articles).nx.edges[
        "state:IND", "state:JPN", "cooperates_with:maritime_security"
    ]
    assert edge["articles"] == ("b",)


def test_nodes_have_stable_ids_and_kinds(seed_graph):
    kinds = dict(seed_graph.nx.nodes(data="kind"))
    assert kinds["state:JPN"] == "state"
    assert kinds["org:quad"] == "organization"
    assert kinds["domain:semiconductors"] == "domain"
    assert kinds["person:sanae-takaichi"] == "person"
    assert kinds["agreement:taiwan-japan-maritime-affairs-cooperation-dialogue"] == "agreement"


def test_the_seed_graph_holds_every_state_of_every_seed_article(seed_graph):
    ex = Extractor()
    expected = {s for doc in load_corpus(SEED_DIR) for s in ex.extract(doc).states}
    assert expected <= set(seed_graph.states())


def test_adding_extractions_one_by_one_equals_building(seed_graph):
    ex = Extractor()
    g = AllianceGraph()
    for doc in load_corpus(SEED_DIR):
        g.add(ex.extract(doc))
    assert g == seed_graph


def test_articles_added_in_reverse_order_make_the_same_graph(seed_graph):
    # Articles mostly arrive in order and merging favours that; any order must agree.
    ex = Extractor()
    g = AllianceGraph()
    for doc in reversed(list(load_corpus(SEED_DIR))):
        g.add(ex.extract(doc))
    assert g == seed_graph


def test_json_round_trip_is_lossless(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.json")
    assert read(path) == seed_graph


def test_graphml_written_by_build_is_read_by_networkx_with_all_states(seed_graph, tmp_path):
    path = seed_graph.write(tmp_path / "seed.graphml")
    back = nx.read_graphml(path)
    assert {f"state:{s}" for s in seed_graph.states()} <= set(back.nodes)


def test_same_input_gives_byte_identical_json(tmp_path):
    a = build_graph(SEED_DIR).write(tmp_path / "a.json")
    b = build_graph(SEED_DIR).write(tmp_path / "b.json")
    assert a.read_bytes() == b.read_bytes()


def test_adding_an_article_again_changes_nothing_and_queries_stay_current(seed_graph):
    ex = Extractor()
    docs = list(load_corpus(SEED_DIR))
    g = AllianceGraph()
    for doc in docs:
        g.add(ex.extract(doc))
    g.cooperation()
    g.add(ex.extract(docs[0]))
    assert g == seed_graph
    fresh = AllianceGraph.from_dict(g.to_dict())
    assert g.cooperation() == fresh.cooperation()
    assert g.agreements() == fresh.agreements()
    assert g.persons() == fresh.persons()
    assert g.summary() == fresh.summary()


def test_an_added_agreement_whose_facts_disagree_on_a_sentence_keeps_the_partys_evidence(
    seed_graph,
):
    g = AllianceGraph.from_dict(seed_graph.to_dict(), seed_graph.vocabulary)
    g.summary()  # queried: from now on add() keeps the indexes current
    sentence = "Japan and Australia signed the Space Accord."
    said = Evidence(article="z", sentence=sentence, start=0, end=len(sentence), confidence=0.9)
    doubted = said.model_copy(update={"confidence": 0.5})
    accord = Agreement(name="Space Accord", kind="agreement", parties=("AUS", "JPN"))
    node = "agreement:space-accord"
    g.add(
        ArticleExtraction(
            article=Article(id="z"),
            states=("AUS", "JPN"),
            agreements=(accord,),
            relations=(
                # What the agreement covers comes first here, but a party's word counts.
                Relation(
                    subject=node, predicate="covers", object="domain:space", evidence=(doubted,)
                ),
                Relation(subject="state:JPN", predicate="party_to", object=node, evidence=(said,)),
            ),
        )
    )
    assert [e.confidence for e in g.agreement("Space Accord").evidence] == [0.9]
    fresh = AllianceGraph.from_dict(g.to_dict(), g.vocabulary)
    assert fresh.agreement("Space Accord") == g.agreement("Space Accord")
