"""The query helpers answer analysts' questions, with the evidence behind each answer.

Answers are pinned on the seed graph (data/seed_articles) and on a graph of
the project's own test articles (tests/articles, gold in tests/gold).
"""

from __future__ import annotations

import copy
import io
import json
import pickle
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from benchmarks import synthetic
from conftest import OWN_DIR, SEED_DIR

from alliancegraph import AllianceGraph, UnknownNameError, build_graph
from alliancegraph.cli import main
from alliancegraph.corpus import load_corpus
from alliancegraph.extraction import Extractor
from alliancegraph.io import read_graph
from alliancegraph.models import ArticleExtraction
from alliancegraph.query import (
    AgreementResult,
    CooperationEdge,
    MemberResult,
    Partner,
    PersonResult,
    TargetResult,
)

SEMICONDUCTOR_PAIRS = {
    ("IND", "JPN"),
    ("JPN", "KOR"),
    ("JPN", "TWN"),
    ("JPN", "USA"),
    ("KOR", "USA"),
}
TAIWAN_ARTICLE = "000_9468f97f7389ab17"


@pytest.fixture(scope="module")
def own_graph() -> AllianceGraph:
    return build_graph(sorted(OWN_DIR.glob("*.txt")))


def _triples(edges: list[CooperationEdge]) -> set[tuple[str, str, str]]:
    return {(e.a, e.b, e.domain) for e in edges}


def _text(graph: AllianceGraph, article: str) -> str:
    source = graph.articles[article].source
    assert source is not None
    return Path(source).read_text(encoding="utf-8")


# ------------------------------------------------------------- cooperation
def test_semiconductor_cooperation_is_the_five_seed_pairs(seed_graph):
    edges = seed_graph.cooperation(domain="semiconductors")
    assert {e.pair for e in edges} == SEMICONDUCTOR_PAIRS
    assert {e.domain for e in edges} == {"semiconductors"}


def test_every_semiconductor_edge_carries_the_sentences_that_say_so(seed_graph):
    for edge in seed_graph.cooperation(domain="semiconductors"):
        assert edge.evidence, edge
        assert edge.support == len(edge.evidence)
        for ev in edge.evidence:
            assert ev.article in edge.articles
            assert _text(seed_graph, ev.article)[ev.start : ev.end] == ev.sentence


def test_the_taiwan_japan_chip_sentence_is_the_evidence(seed_graph):
    (edge,) = seed_graph.cooperation(domain="semiconductors", between=("Taiwan", "Japan"))
    assert "semiconductor" in edge.evidence[0].sentence
    assert edge.articles == (TAIWAN_ARTICLE,)


def test_an_alternative_label_finds_the_same_edges(seed_graph):
    assert seed_graph.cooperation(domain="chips") == seed_graph.cooperation(domain="semiconductors")


def test_a_broader_domain_is_a_superset_of_the_narrower_ones(seed_graph):
    chips = _triples(seed_graph.cooperation(domain="semiconductors"))
    technology = _triples(seed_graph.cooperation(domain="technology"))
    assert chips < technology
    under = seed_graph.vocabulary.narrower("technology")
    assert {d for _, _, d in technology} <= under
    assert {"semiconductors", "space"} <= {d for _, _, d in technology}


def test_results_are_sorted_by_pair_then_domain(seed_graph):
    edges = seed_graph.cooperation(domain="technology")
    keys = [(e.a, e.b, e.domain) for e in edges]
    assert keys == sorted(keys)
    assert all(e.a < e.b for e in edges)


@pytest.mark.parametrize("name", ["JPN", "Japan", "japan", "Japanese", "Tokyo", "JP"])
def test_a_state_is_found_by_code_name_demonym_or_capital(seed_graph, name):
    assert seed_graph.cooperation(state=name) == seed_graph.cooperation(state="JPN")


def test_state_filter_keeps_only_edges_involving_the_state(seed_graph):
    edges = seed_graph.cooperation(state="Taipei")
    assert edges
    assert all("TWN" in e.pair for e in edges)
    assert {e.pair for e in edges} == {("JPN", "TWN")}


def test_between_takes_the_pair_in_either_order(seed_graph):
    one = seed_graph.cooperation(between=("USA", "Korea"))
    other = seed_graph.cooperation(between=("South Korea", "Washington"))
    assert one == other
    assert {e.pair for e in one} == {("KOR", "USA")}


def test_between_needs_exactly_two_states(seed_graph):
    with pytest.raises(ValueError, match="give two states"):
        seed_graph.cooperation(between=("Japan",))


def test_article_filter_keeps_edges_that_article_supports(seed_graph):
    edges = seed_graph.cooperation(article=TAIWAN_ARTICLE)
    assert {e.pair for e in edges} == {("JPN", "TWN")}
    assert seed_graph.cooperation(article=f"{TAIWAN_ARTICLE}.txt") == edges


def test_min_support_and_min_confidence_filter(seed_graph):
    strong = seed_graph.cooperation(min_support=3)
    assert strong
    assert all(e.support >= 3 for e in strong)
    assert len(strong) < len(seed_graph.cooperation())
    sure = seed_graph.cooperation(min_confidence=0.95)
    assert all(e.confidence >= 0.95 for e in sure)


def test_filters_combine(seed_graph):
    edges = seed_graph.cooperation(domain="security", state="Korea", min_support=2)
    assert edges
    for e in edges:
        assert "KOR" in e.pair
        assert e.domain in seed_graph.vocabulary.narrower("security")
        assert e.support >= 2


def test_results_are_immutable(seed_graph):
    edge = seed_graph.cooperation(domain="chips")[0]
    with pytest.raises(AttributeError):
        edge.support = 99  # type: ignore[misc]


# ----------------------------------------------------------- unknown names
def test_an_unknown_domain_suggests_the_closest_known_one(seed_graph):
    with pytest.raises(UnknownNameError) as info:
        seed_graph.cooperation(domain="semiconductor chipz")
    assert info.value.what == "domain"
    with pytest.raises(UnknownNameError, match=r"did you mean .*semiconductors"):
        seed_graph.cooperation(domain="semicondctors")


def test_an_unknown_state_suggests_the_closest_known_one(seed_graph):
    with pytest.raises(UnknownNameError, match="unknown state 'Japn'; did you mean 'japan'"):
        seed_graph.partners("Japn")


def test_an_unknown_article_names_the_ids_it_knows(seed_graph):
    with pytest.raises(UnknownNameError, match=r"unknown article '000_9468f97f7389ab18'.*000_9468"):
        seed_graph.cooperation(article="000_9468f97f7389ab18")


def test_an_unknown_organisation_suggests_the_closest_known_one(seed_graph):
    with pytest.raises(UnknownNameError, match=r"unknown organization 'Quadd'.*quad"):
        seed_graph.members("Quadd")


def test_an_unknown_agreement_kind_lists_the_kinds(seed_graph):
    with pytest.raises(UnknownNameError, match=r"unknown agreement kind 'dialog'.*dialogue"):
        seed_graph.agreements(kind="dialog")


def test_an_unknown_agreement_name_suggests_close_ones(seed_graph):
    with pytest.raises(UnknownNameError, match="unknown agreement"):
        seed_graph.agreement("Quadrilateral Security Dialog")


def test_unknown_name_errors_are_key_errors_too(seed_graph):
    with pytest.raises(KeyError):
        seed_graph.cooperation(state="Atlantis")


# --------------------------------------------------------------- partners
def test_japan_works_with_taiwan_usa_and_india_on_maritime_security(seed_graph):
    partners = seed_graph.partners("Japan", domain="maritime security")
    assert {p.state for p in partners} == {"TWN", "USA", "IND"}
    for p in partners:
        assert p.domains == ("maritime_security",)
        assert p.evidence
        assert all(e.article in p.articles for e in p.evidence)


def test_partners_are_ranked_by_support(seed_graph):
    partners = seed_graph.partners("Japan")
    assert partners[0].state == "USA"
    assert [p.support for p in partners] == sorted((p.support for p in partners), reverse=True)
    for p in partners:
        assert p.support == sum(e.support for e in p.edges)
        assert set(p.domains) == {e.domain for e in p.edges}


def test_a_partner_lists_its_domains_strongest_first(seed_graph):
    usa = next(p for p in seed_graph.partners("Japan") if p.state == "USA")
    supports = [next(e.support for e in usa.edges if e.domain == d) for d in usa.domains]
    assert supports == sorted(supports, reverse=True)
    assert usa.name == "United States"


def test_domains_between_lists_what_two_states_cooperate_on(seed_graph):
    edges = seed_graph.domains_between("Taiwan", "Japan")
    assert {"semiconductors", "maritime_security", "coast_guard"} <= {e.domain for e in edges}
    assert [e.support for e in edges] == sorted((e.support for e in edges), reverse=True)


# ------------------------------------------------------------- agreements
def test_india_takes_part_in_these_dialogues(seed_graph):
    dialogues = seed_graph.agreements(party="India", kind="dialogue")
    names = {a.name for a in dialogues}
    assert {
        "Japan-India AI Strategic Dialogue",
        "Japan-India Private-Sector Dialogue on Economic Security",
    } <= names
    assert all(a.kind == "dialogue" and "IND" in a.parties for a in dialogues)
    assert seed_graph.agreements(party="Indian", kind="dialogues") == dialogues


def test_agreements_by_domain_include_those_covering_narrower_domains(seed_graph):
    maritime = {a.id for a in seed_graph.agreements(domain="maritime security")}
    assert "taiwan-japan-maritime-affairs-cooperation-dialogue" in maritime
    security = {a.id for a in seed_graph.agreements(domain="security")}
    assert maritime <= security


def test_an_agreement_is_found_by_alias(seed_graph):
    quad = seed_graph.agreement("QUAD")
    assert quad.parties == ("AUS", "IND", "JPN", "USA")
    assert quad.evidence
    assert seed_graph.agreement(quad.id) == quad


def test_members_of_the_quad_are_listed_and_stated(seed_graph):
    members = seed_graph.members("Quad")
    assert [m.state for m in members] == ["AUS", "IND", "JPN", "USA"]
    assert all(m.listed and m.stated and m.evidence for m in members)
    assert seed_graph.members("Quadrilateral Security Dialogue") == members


def test_members_of_an_organisation_absent_from_the_graph_come_from_the_vocabulary(seed_graph):
    members = seed_graph.members("Camp David trilateral")
    assert [m.state for m in members] == ["JPN", "KOR", "USA"]
    assert all(m.listed and not m.stated and not m.evidence for m in members)


def test_members_of_an_agreement_are_its_parties(seed_graph):
    members = seed_graph.members("Taiwan-Japan Maritime Affairs Cooperation Dialogue")
    assert [m.state for m in members] == ["JPN", "TWN"]


# ------------------------------------------------------ targets, persons
def test_china_is_named_as_a_threat_by_japan_and_the_united_states(seed_graph):
    targets = seed_graph.targets("China")
    assert {("JPN", "CHN"), ("USA", "CHN")} <= {(t.source, t.target) for t in targets}
    assert all("CHN" in (t.source, t.target) for t in targets)
    assert all(t.evidence for t in targets)


def test_persons_of_india(seed_graph):
    persons = seed_graph.persons("India")
    assert {p.name for p in persons} == {"Narendra Modi", "S. Jaishankar"}
    modi = next(p for p in persons if p.name == "Narendra Modi")
    assert modi.role == "Prime Minister"
    assert modi.evidence


def test_states_are_the_codes_of_the_graph_sorted(seed_graph):
    states = seed_graph.states()
    assert states == sorted(states)
    assert {"CHN", "IND", "JPN", "KOR", "TWN", "USA"} <= set(states)


# ---------------------------------------------------------------- evidence
@pytest.mark.parametrize(
    "query",
    [
        lambda g: g.cooperation(domain="chips")[0],
        lambda g: g.partners("Japan")[0],
        lambda g: g.agreements(party="Taiwan")[0],
        lambda g: g.members("Quad")[0],
        lambda g: g.targets("China")[0],
        lambda g: g.persons("Japan")[0],
    ],
    ids=["edge", "partner", "agreement", "member", "target", "person"],
)
def test_evidence_of_any_result_points_into_its_article(seed_graph, query):
    result = query(seed_graph)
    evidence = seed_graph.evidence(result)
    assert evidence
    for ev in evidence:
        assert _text(seed_graph, ev.article)[ev.start : ev.end] == ev.sentence


def test_evidence_of_a_result_list_is_every_sentence_once_in_article_order(seed_graph):
    edges = seed_graph.cooperation(domain="chips")
    evidence = seed_graph.evidence(edges)
    keys = [(e.article, e.start) for e in evidence]
    assert keys == sorted(set(keys))
    assert {e.sentence for e in evidence} == {e.sentence for c in edges for e in c.evidence}


def test_evidence_rejects_what_is_not_a_result(seed_graph):
    with pytest.raises(TypeError, match="not str"):
        seed_graph.evidence("JPN")


# ---------------------------------------------------------------- frames
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        (lambda g: g.cooperation(), CooperationEdge),
        (lambda g: g.partners("Japan"), Partner),
        (lambda g: g.agreements(), AgreementResult),
        (lambda g: g.members("Quad"), MemberResult),
        (lambda g: g.targets(), TargetResult),
        (lambda g: g.persons(), PersonResult),
    ],
)
def test_to_frame_has_the_documented_columns_and_one_row_per_result(seed_graph, query, kind):
    results = query(seed_graph)
    frame = results.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert tuple(frame.columns) == kind.COLUMNS
    assert len(frame) == len(results) > 0
    for column in kind.COLUMNS:
        assert f"``{column}``" in (kind.__doc__ or "")


def test_an_empty_result_still_has_its_columns(seed_graph):
    frame = seed_graph.cooperation(between=("Taiwan", "India")).to_frame()
    assert frame.empty
    assert tuple(frame.columns) == CooperationEdge.COLUMNS


def test_frame_cells_are_scalars_that_write_to_json(seed_graph):
    frame = seed_graph.cooperation(domain="chips").to_frame()
    rows = json.loads(frame.to_json(orient="records"))
    taiwan = next(r for r in rows if r["b"] == "TWN")
    assert taiwan["articles"] == TAIWAN_ARTICLE
    assert "semiconductor" in taiwan["sentence"]


def test_states_frame_counts_partners_and_sentences(seed_graph):
    frame = seed_graph.states().to_frame().set_index("state")
    assert frame.loc["JPN", "partners"] == len(seed_graph.partners("Japan"))
    assert frame.loc["JPN", "support"] == sum(
        e.support for e in seed_graph.cooperation(state="JPN")
    )
    assert frame.loc["CHN", "partners"] == 0


def test_domain_matrix_sums_support_per_state_and_domain(seed_graph):
    matrix = seed_graph.domain_matrix()
    assert list(matrix.index) == sorted(matrix.index)
    expected = sum(e.support for e in seed_graph.cooperation(state="JPN", domain="semiconductors"))
    assert matrix.loc["JPN", "semiconductors"] == expected
    assert matrix.loc["TWN", "defense"] == 0


def test_domain_matrix_by_pair_and_by_group(seed_graph):
    pairs = seed_graph.domain_matrix(by="pair", groups=True)
    assert "JPN-TWN" in pairs.index
    assert set(pairs.columns) <= {"security", "economic_security", "technology", "diplomacy"}
    assert pairs.to_numpy().sum() == sum(e.support for e in seed_graph.cooperation())


def test_domain_matrix_returns_a_copy_each_time(seed_graph):
    matrix = seed_graph.domain_matrix()
    matrix.iloc[0, 0] = -1
    assert (seed_graph.domain_matrix().to_numpy() >= 0).all()


# ------------------------------------------------------------------ views
def test_state_graph_is_a_weighted_simple_graph_of_states(seed_graph):
    graph = seed_graph.state_graph()
    assert type(graph) is nx.Graph
    assert set(graph.edges) == {e.pair for e in seed_graph.cooperation()}
    jt = graph.edges["JPN", "TWN"]
    assert jt["weight"] == sum(e.support for e in seed_graph.domains_between("JPN", "TWN"))
    assert "semiconductors" in jt["domains"]
    assert graph.nodes["TWN"]["label"] == "Taiwan"
    assert nx.degree_centrality(graph)["JPN"] == 1.0


def test_state_graph_on_a_domain_keeps_only_its_pairs(seed_graph):
    graph = seed_graph.state_graph(domain="chips")
    assert set(graph.edges) == SEMICONDUCTOR_PAIRS


def test_state_graph_is_read_only_because_it_is_shared(seed_graph):
    graph = seed_graph.state_graph()
    with pytest.raises(nx.NetworkXError):
        graph.add_edge("JPN", "CHN")
    editable = nx.Graph(graph)
    editable.add_edge("JPN", "CHN")


def test_subgraph_is_an_alliance_graph_with_only_the_domain(seed_graph):
    sub = seed_graph.subgraph(domain="chips")
    assert isinstance(sub, AllianceGraph)
    assert sub.vocabulary is seed_graph.vocabulary
    assert sub.cooperation() == seed_graph.cooperation(domain="chips")
    assert not sub.targets()
    assert set(sub.articles) == {a for e in sub.cooperation() for a in e.articles} | {
        a for ag in sub.agreements() for a in ag.articles
    }


def test_subgraph_on_states_keeps_edges_among_them(seed_graph):
    sub = seed_graph.subgraph(states=["Japan", "Taiwan", "China"])
    assert {e.pair for e in sub.cooperation()} == {("JPN", "TWN")}
    assert {(t.source, t.target) for t in sub.targets()} == {("JPN", "CHN"), ("TWN", "CHN")}
    assert set(sub.states()) == {"CHN", "JPN", "TWN"}


def test_subgraph_round_trips_and_leaves_the_original_alone(seed_graph):
    before = seed_graph.to_dict()
    sub = seed_graph.subgraph(domain="technology")
    assert AllianceGraph.from_dict(sub.to_dict()) == sub
    edge = next(iter(sub.nx.edges(data=True)))[2]
    edge["evidence"].clear()
    assert seed_graph.to_dict() == before


def test_ego_reaches_partners_within_the_radius(seed_graph):
    assert set(seed_graph.ego("Taiwan").states()) == {"JPN", "TWN"}
    two = seed_graph.ego("Taiwan", radius=2)
    assert {"IND", "KOR", "USA"} <= set(two.states())
    assert ("IND", "JPN") in {e.pair for e in two.cooperation()}


def test_summary_counts_what_the_graph_holds(seed_graph):
    text = seed_graph.summary()
    assert text.startswith(f"AllianceGraph: 5 articles, {len(seed_graph.states())} states")
    assert f"cooperation: {len(seed_graph.cooperation())} edges" in text
    best = seed_graph.partners("Japan")[0]
    assert f"top partnerships: JPN-{best.state} ({best.support} sentences" in text


# ------------------------------------------------------------------ caching
def test_indexes_follow_the_graph_as_articles_are_added():
    corpus = load_corpus(SEED_DIR)
    extractor = Extractor(corpus.vocabulary)
    docs = list(corpus)
    graph = AllianceGraph(corpus.vocabulary)
    for doc in docs:
        if doc.article.id != TAIWAN_ARTICLE:
            graph.add(extractor.extract(doc))
    assert ("JPN", "TWN") not in {e.pair for e in graph.cooperation(domain="chips")}
    taiwan = next(d for d in docs if d.article.id == TAIWAN_ARTICLE)
    graph.add(extractor.extract(taiwan))
    assert {e.pair for e in graph.cooperation(domain="chips")} == SEMICONDUCTOR_PAIRS


def test_clear_query_cache_picks_up_edits_made_in_place(seed_graph):
    graph = AllianceGraph.from_dict(seed_graph.to_dict())
    assert graph.cooperation(min_support=100) == []
    for _, _, data in graph.nx.edges(data=True):
        data["support"] = 100
    graph.clear_query_cache()
    assert len(graph.cooperation(min_support=100)) == len(graph.cooperation())


def test_repeated_queries_reuse_the_indexes(seed_graph):
    seed_graph.cooperation(state="Japan")
    index = seed_graph._index()
    seed_graph.partners("Japan")
    assert seed_graph._index() is index


# ---------------------------------------------------- indexes kept current
# Once a graph is queried, add() keeps its indexes up to date, so that no
# query has to read the whole graph; prepare_queries() and reading JSON build
# them up front. Whatever order facts arrive in, the answers are those of the
# same graph read afresh.
HELDOUT_DIR = OWN_DIR.parent / "heldout" / "articles"


@pytest.fixture(scope="module")
def extractions(tmp_path_factory) -> list[ArticleExtraction]:
    """Real articles (agreements, persons, targets) and synthetic ones (many pairs)."""
    synthetic_dir = tmp_path_factory.mktemp("synthetic")
    generated = synthetic.generate(synthetic_dir, 40, seed=7)
    paths = [SEED_DIR, OWN_DIR, HELDOUT_DIR, *generated.files]
    corpus = load_corpus(paths)
    extractor = Extractor(corpus.vocabulary)
    return [extractor.extract(doc) for doc in corpus]


def _afresh(graph: AllianceGraph) -> AllianceGraph:
    """The same graph, read back: its indexes built in one pass over it."""
    return AllianceGraph.from_dict(graph.to_dict(), graph.vocabulary)


def _layout(graph: nx.Graph) -> tuple[object, ...]:
    """A simple graph with everything networkx iterates in order: nodes, neighbours, attributes."""
    return (
        list(graph.nodes(data=True)),
        [(node, list(graph.adj[node].items())) for node in graph],
        nx.is_frozen(graph),
    )


def _answers(graph: AllianceGraph) -> dict[str, object]:
    """Every helper's answers to a spread of questions, in comparable form."""
    states = list(graph.states())
    frames = {
        f"domain_matrix {by} {groups}": graph.domain_matrix(by=by, groups=groups).to_dict("split")
        for by in ("state", "pair")
        for groups in (False, True)
    }
    out: dict[str, object] = {
        "cooperation": graph.cooperation(),
        "states": graph.states().to_frame().to_dict("split"),
        "summary": [graph.summary(top=top) for top in (-1, 0, 1, 5, 16, 17, 40)],
        "state_graph": [
            _layout(graph.state_graph(**kw))
            for kw in ({}, {"min_support": 3}, {"domain": "security"}, {"domain": "defense"})
        ],
        "agreements": graph.agreements(),
        "targets": graph.targets(),
        "persons": graph.persons(),
        **frames,
    }
    for domain in ("defense", "security", "technology", "trade"):
        out[f"cooperation {domain}"] = graph.cooperation(domain=domain)
        out[f"agreements {domain}"] = graph.agreements(domain=domain)
    for state in states:
        out[f"cooperation {state}"] = graph.cooperation(state=state, min_support=1)
        out[f"partners {state}"] = graph.partners(state)
        out[f"partners {state} security"] = graph.partners(state, domain="security")
        out[f"agreements {state}"] = graph.agreements(party=state)
        out[f"targets {state}"] = graph.targets(state)
        out[f"persons {state}"] = graph.persons(state)
    for pair in sorted({e.pair for e in graph.cooperation()}):
        out[f"between {pair}"] = graph.domains_between(*pair)
    for article in sorted(graph.articles):
        out[f"article {article}"] = graph.cooperation(article=article)
    for org in graph.node_ids("organization"):
        out[f"members {org}"] = graph.members(org.removeprefix("org:"))
    return out


def test_answers_after_each_add_are_those_of_the_graph_read_afresh(extractions):
    graph = AllianceGraph()
    for i, extraction in enumerate(extractions):
        graph.add(extraction)
        if i % 7 == 0 or i == len(extractions) - 1:
            assert _answers(graph) == _answers(_afresh(graph))


def test_adding_after_clear_query_cache_answers_as_the_graph_read_afresh(extractions):
    graph = AllianceGraph()
    for extraction in extractions[:10]:
        graph.add(extraction)
    graph.clear_query_cache()
    for extraction in extractions[10:]:
        graph.add(extraction)
    assert _answers(graph) == _answers(_afresh(graph))


def _projected(graph: AllianceGraph, min_support: int = 1) -> nx.Graph:
    """The state graph put together edge by edge, the pairs in sorted order."""
    groups: dict[tuple[str, str], list[CooperationEdge]] = {}
    for edge in graph.cooperation():
        groups.setdefault(edge.pair, []).append(edge)
    out = nx.Graph()
    for (a, b), edges in sorted(groups.items()):
        support = sum(e.support for e in edges)
        if support < min_support:
            continue
        for code in (a, b):
            if code not in out:
                out.add_node(code, label=graph.nx.nodes[f"state:{code}"]["label"])
        out.add_edge(
            a,
            b,
            weight=support,
            support=support,
            domains=tuple(sorted(e.domain for e in edges)),
            confidence=max(e.confidence for e in edges),
        )
    nx.freeze(out)
    return out


@pytest.mark.parametrize("min_support", [1, 2, 4])
def test_state_graph_iterates_as_if_its_pairs_were_added_in_order(extractions, min_support):
    graph = AllianceGraph()
    for extraction in extractions:
        graph.add(extraction)
    assert len(graph.state_graph()) > 50
    assert _layout(graph.state_graph(min_support=min_support)) == _layout(
        _projected(graph, min_support)
    )


def test_a_state_graph_handed_out_keeps_its_values_as_articles_are_added(extractions):
    graph = AllianceGraph()
    for extraction in extractions[:30]:
        graph.add(extraction)
    before = graph.state_graph()
    expected = _layout(_projected(graph))
    for extraction in extractions[30:]:
        graph.add(extraction)
        graph.state_graph()
    assert _layout(before) == expected
    assert _layout(graph.state_graph()) == _layout(_projected(graph))


def test_summary_ranks_the_strongest_pairs_for_any_top(extractions):
    graph = AllianceGraph()
    for extraction in extractions:
        graph.add(extraction)
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    for edge in graph.cooperation():
        support, domains = totals.get(edge.pair, (0, 0))
        totals[edge.pair] = (support + edge.support, domains + 1)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))
    assert len(ranked) > 20
    for top in range(1, len(ranked) + 2):
        (a, b), (s, n) = ranked[0]
        expected = [f"{a}-{b} ({s} sentences, {n} domains)"]
        expected += [f"{a}-{b} ({s}, {n})" for (a, b), (s, n) in ranked[1:top]]
        line = next(x for x in graph.summary(top=top).splitlines() if x.startswith("top part"))
        assert line == "top partnerships: " + ", ".join(expected)


def test_a_subgraph_is_this_graph_as_it_was_when_taken(extractions):
    graph = AllianceGraph()
    for extraction in extractions[:25]:
        graph.add(extraction)
    then = _afresh(graph)
    parts = {
        "security": (graph.subgraph(domain="security"), then.subgraph(domain="security")),
        "states": (
            graph.subgraph(states=["Japan", "India", "China"]),
            then.subgraph(states=["Japan", "India", "China"]),
        ),
        "ego": (graph.ego("Japan", radius=2), then.ego("Japan", radius=2)),
        "all": (graph.subgraph(), then.subgraph()),
    }
    expected = {name: taken.to_dict() for name, (_, taken) in parts.items()}
    for extraction in extractions[25:]:
        graph.add(extraction)
    assert {name: part.to_dict() for name, (part, _) in parts.items()} == expected
    assert _answers(parts["ego"][0]) == _answers(parts["ego"][1])


def test_a_subgraph_pickles_and_copies_like_any_graph(seed_graph):
    sub = seed_graph.subgraph(domain="technology")
    assert pickle.loads(pickle.dumps(seed_graph.subgraph(domain="technology"))) == sub
    assert copy.deepcopy(seed_graph.ego("Taiwan")) == seed_graph.ego("Taiwan")
    assert type(sub) is type(pickle.loads(pickle.dumps(sub))) is AllianceGraph


def test_a_subgraph_grows_on_its_own(seed_graph, extractions):
    sub = seed_graph.subgraph(domain="chips")
    before = seed_graph.to_dict()
    for extraction in extractions[-5:]:
        sub.add(extraction)
    assert seed_graph.to_dict() == before
    assert _answers(sub) == _answers(_afresh(sub))


def test_a_graph_read_from_json_is_indexed_as_it_is_read(seed_graph, tmp_path):
    graph = read_graph(seed_graph.write(tmp_path / "seed.json"))
    index = graph._query_index
    assert index is not None
    assert graph.cooperation(domain="chips") == seed_graph.cooperation(domain="chips")
    assert graph._index() is index


def test_prepare_queries_indexes_a_graph_built_without_asking_anything(extractions):
    graph = AllianceGraph()
    for extraction in extractions:
        graph.add(extraction)
    graph.prepare_queries()
    index = graph._query_index
    assert index is not None
    assert _answers(graph) == _answers(_afresh(graph))
    assert graph._index() is index


def test_once_queried_a_graph_keeps_its_indexes_current_as_articles_are_added(extractions):
    graph = AllianceGraph()
    for extraction in extractions[:20]:
        graph.add(extraction)
    graph.summary()
    index = graph._index()
    for extraction in extractions[20:]:
        graph.add(extraction)
    assert graph._query_index is index
    assert _answers(graph) == _answers(_afresh(graph))


def test_nodes_added_directly_are_noticed_without_clear_query_cache(seed_graph):
    graph = _afresh(seed_graph)
    graph.cooperation()
    graph.nx.add_node("state:NZL", kind="state", label="New Zealand")
    graph.nx.add_edge(
        "state:JPN",
        "state:NZL",
        key="cooperates_with:space",
        predicate="cooperates_with",
        domain="space",
        support=0,
        confidence=0.0,
        articles=(),
        evidence=[],
    )
    assert "NZL" in graph.states()
    assert ("JPN", "NZL") in {p.pair for p in graph.cooperation(domain="space")}


def test_an_agreement_whose_edges_disagree_on_a_sentence_keeps_a_partys(seed_graph):
    # The parties' edges come first, then what the agreement covers; the
    # graph lists the agreement's own edges before the states'.
    data = seed_graph.to_dict()
    quad = "agreement:quadrilateral-security-dialogue"
    party = next(e for e in data["edges"] if e["target"] == quad and e["predicate"] == "party_to")
    covers = next(e for e in data["edges"] if e["source"] == quad and e["predicate"] == "covers")
    said = party["evidence"][0]
    key = (said["article"], said["start"], said["sentence"])
    at = next(
        i
        for i, e in enumerate(covers["evidence"])
        if (e["article"], e["start"], e["sentence"]) == key
    )
    covers["evidence"][at] = {**said, "confidence": said["confidence"] / 2}
    graph = AllianceGraph.from_dict(data, seed_graph.vocabulary)
    found = graph.agreement("Quad").evidence
    kept = [e for e in found if (e.article, e.start, e.sentence) == key]
    assert [e.confidence for e in kept] == [said["confidence"]]
    assert len(found) == len({(e.article, e.start, e.sentence) for e in found})


# ---------------------------------------------------- our own test articles
def test_own_articles_india_and_the_netherlands_cooperate_on_chips(own_graph):
    edges = own_graph.cooperation(domain="chips")
    assert ("IND", "NLD") in {e.pair for e in edges}
    assert all(e.evidence for e in edges)


def test_own_articles_aukus_partners_cooperate_on_technology(own_graph):
    tech = {e.pair for e in own_graph.cooperation(domain="technology", state="Australia")}
    assert {("AUS", "GBR"), ("AUS", "USA")} <= tech


def test_own_articles_russia_and_ukraine_do_not_cooperate(own_graph):
    assert own_graph.cooperation(between=("Russia", "Kyiv")) == []


def test_own_articles_hedged_korea_japan_fisheries_is_not_cooperation(own_graph):
    assert own_graph.cooperation(between=("Seoul", "Tokyo"), domain="fisheries") == []


def test_own_articles_manila_partners(own_graph):
    partners = {p.state for p in own_graph.partners("Manila")}
    assert {"JPN", "USA", "VNM"} <= partners


def test_own_articles_aukus_members_and_targets(own_graph):
    assert [m.state for m in own_graph.members("AUKUS")] == ["AUS", "GBR", "USA"]
    named = {(t.source, t.target) for t in own_graph.targets("China")}
    assert {("AUS", "CHN"), ("GBR", "CHN"), ("USA", "CHN")} <= named


def test_own_articles_persons_of_australia(own_graph):
    assert "Richard Marles" in {p.name for p in own_graph.persons("Australia")}


def test_own_articles_philippine_agreements(own_graph):
    parties = [a.parties for a in own_graph.agreements(party="Philippines")]
    assert ("PHL", "USA") in parties


# --------------------------------------------------------------------- CLI
def test_cli_query_prints_the_chip_edges_as_csv(capsys):
    assert main(["query", str(SEED_DIR), "--domain", "chips", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(zip(frame.a, frame.b, strict=True)) == SEMICONDUCTOR_PAIRS


def test_cli_query_partners_as_json(capsys):
    args = ["query", str(SEED_DIR), "--partners", "Tokyo", "--domain", "maritime security"]
    assert main([*args, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["state"] for r in rows} == {"TWN", "USA", "IND"}


def test_cli_query_agreements_and_members(capsys):
    assert (
        main(["query", str(SEED_DIR), "--agreements", "--state", "India", "--kind", "dialogue"])
        == 0
    )
    assert "Japan-India AI Strategic Dialogue" in capsys.readouterr().out
    assert main(["query", str(SEED_DIR), "--members", "Quad"]) == 0
    assert "Australia" in capsys.readouterr().out


def test_cli_query_unknown_domain_is_a_one_line_error(capsys):
    assert main(["query", str(SEED_DIR), "--domain", "chipz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("alliancegraph: error: unknown domain 'chipz'; did you mean")
