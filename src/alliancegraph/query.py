"""Questions analysts ask of an :class:`~alliancegraph.AllianceGraph`.

Every helper is a method of the graph. It takes names the way people write
them (a state by code, name, demonym or capital; a domain by id, label or
alternative label, a broader concept standing for everything under it) and
returns a :class:`ResultList` of immutable results, each carrying the
evidence behind it, with ``.to_frame()`` for a pandas DataFrame.

===================================  ==================================================
helper                               answers
===================================  ==================================================
:meth:`~QueryMixin.cooperation`      cooperation edges by domain, state, pair, article
:meth:`~QueryMixin.partners`         a state's partners, ranked, with their domains
:meth:`~QueryMixin.domains_between`  what two states cooperate on
:meth:`~QueryMixin.agreements`       agreements by party, kind, domain
:meth:`~QueryMixin.members`          the member states of an organisation or grouping
:meth:`~QueryMixin.targets`          who is named as a threat, by whom
:meth:`~QueryMixin.persons`          named office-holders and the state they act for
:meth:`~QueryMixin.evidence`         the sentences behind any result
:meth:`~QueryMixin.domain_matrix`    states (or pairs) by domains, as a DataFrame
:meth:`~QueryMixin.subgraph`         a smaller :class:`~alliancegraph.AllianceGraph`
:meth:`~QueryMixin.state_graph`      a weighted state-to-state ``networkx.Graph``
===================================  ==================================================

Queries answer from per-graph indexes (by state, domain, pair, article,
party ...) holding finished results, built in one pass over the graph: when
it is read from JSON, by :meth:`~QueryMixin.prepare_queries`, or else by the
first query. From then on they cost what the next query costs, and once
queries have used them :meth:`~alliancegraph.AllianceGraph.add` keeps them
current as facts arrive. Code that edits ``g.nx`` directly must call
:meth:`~QueryMixin.clear_query_cache` afterwards; the next query then reads
the whole graph again (nodes or articles added directly are noticed without
it, as in a graph read from GraphML or RDF).

>>> g = SEED_GRAPH
>>> [(c.a, c.b) for c in g.cooperation(domain="chips")]
[('IND', 'JPN'), ('JPN', 'KOR'), ('JPN', 'TWN'), ('JPN', 'USA'), ('KOR', 'USA')]
>>> sorted(p.state for p in g.partners("Tokyo", domain="maritime security"))
['IND', 'TWN', 'USA']
>>> "Japan-India AI Strategic Dialogue" in {
...     a.name for a in g.agreements(party="India", kind="dialogue")}
True
>>> g.cooperation(domain="chipz")
Traceback (most recent call last):
...
alliancegraph.exceptions.UnknownNameError: unknown domain 'chipz'; did you mean ... 'chips'?
"""

from __future__ import annotations

import difflib
import logging
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

import networkx as nx

from ._gc import paused
from .exceptions import UnknownNameError
from .models import AGREEMENT_KINDS, Article, Evidence, slugify

if TYPE_CHECKING:
    import pandas as pd

    from .graph import AllianceGraph
    from .vocabulary import Vocabulary

__all__ = [
    "AgreementResult",
    "CooperationEdge",
    "MemberResult",
    "Partner",
    "PersonResult",
    "QueryMixin",
    "ResultList",
    "TargetResult",
]

log = logging.getLogger(__name__)

R = TypeVar("R")


# ------------------------------------------------------------------ results
class ResultList(list[R]):
    """A list of query results that knows its table form.

    ``columns`` names the columns of :meth:`to_frame`, in order; they are
    documented on each result class (``CooperationEdge.COLUMNS`` ...).
    Slicing gives a plain list.
    """

    def __init__(
        self,
        items: Iterable[R] = (),
        *,
        columns: Sequence[str],
        row: Callable[[R], tuple[object, ...]],
    ) -> None:
        super().__init__(items)
        self.columns: tuple[str, ...] = tuple(columns)
        self._row = row

    def to_frame(self) -> pd.DataFrame:
        """The results as a DataFrame with one row each and :attr:`columns` as columns.

        Cells are scalars (several values are joined with ``;``), so the
        frame writes cleanly to CSV and JSON.

        >>> frame = SEED_GRAPH.cooperation(between=("Japan", "Taipei")).to_frame()
        >>> list(frame.columns)
        ['a', 'b', 'domain', 'support', 'confidence', 'articles', 'sentence']
        >>> frame.loc[frame.domain == "space", ["a", "b", "support", "articles"]]
              a    b  support              articles
        ...  JPN  TWN        1  000_9468f97f7389ab17
        """
        import pandas as pd

        frame: pd.DataFrame = pd.DataFrame([self._row(r) for r in self], columns=list(self.columns))
        return frame


def _results(items: Iterable[Any], kind: type[Any]) -> ResultList[Any]:
    return ResultList(items, columns=kind.COLUMNS, row=kind.row)


def _join(items: Iterable[str]) -> str:
    return ";".join(items)


def _first_sentence(evidence: Sequence[Evidence]) -> str:
    """The most confident sentence (the earliest among equals), or ``""``."""
    if not evidence:
        return ""
    return max(evidence, key=lambda e: e.confidence).sentence


def _merge_evidence(groups: Iterable[Iterable[Evidence]]) -> tuple[Evidence, ...]:
    seen: dict[tuple[str, int, str], Evidence] = {}
    for e in chain.from_iterable(groups):
        seen.setdefault((e.article, e.start, e.sentence), e)
    return tuple(seen[k] for k in sorted(seen))


@dataclass(frozen=True)
class CooperationEdge:
    """Two states cooperating on one domain, and the sentences that say so.

    ``a`` comes before ``b`` alphabetically. ``support`` counts the sentences;
    ``confidence`` combines their confidences (noisy-or).

    Columns of ``to_frame()``: ``a``, ``b``, ``domain``, ``support``,
    ``confidence``, ``articles`` (ids joined by ``;``), ``sentence`` (the most
    confident supporting sentence).
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "a",
        "b",
        "domain",
        "support",
        "confidence",
        "articles",
        "sentence",
    )

    a: str
    b: str
    domain: str
    support: int
    confidence: float
    evidence: tuple[Evidence, ...] = field(repr=False)
    articles: tuple[str, ...]

    @property
    def pair(self) -> tuple[str, str]:
        """``(a, b)``."""
        return (self.a, self.b)

    def row(self) -> tuple[object, ...]:
        """This result as a row of :attr:`COLUMNS`."""
        return (
            self.a,
            self.b,
            self.domain,
            self.support,
            self.confidence,
            _join(self.articles),
            _first_sentence(self.evidence),
        )


@dataclass(frozen=True)
class Partner:
    """A state's cooperation partner, over all (or the selected) domains.

    ``support`` sums the sentences of every edge; ``domains`` are ordered by
    support, strongest first; ``edges`` are the cooperation edges themselves.

    Columns of ``to_frame()``: ``state``, ``name``, ``support``,
    ``n_domains``, ``domains`` (joined by ``;``), ``confidence`` (the highest
    edge confidence), ``articles``.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "state",
        "name",
        "support",
        "n_domains",
        "domains",
        "confidence",
        "articles",
    )

    state: str
    name: str
    support: int
    domains: tuple[str, ...]
    confidence: float
    articles: tuple[str, ...]
    edges: tuple[CooperationEdge, ...] = field(repr=False)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every sentence behind the partnership, in article order."""
        return _merge_evidence(e.evidence for e in self.edges)

    def row(self) -> tuple[object, ...]:
        """This result as a row of :attr:`COLUMNS`."""
        return (
            self.state,
            self.name,
            self.support,
            len(self.domains),
            _join(self.domains),
            self.confidence,
            _join(self.articles),
        )


@dataclass(frozen=True)
class AgreementResult:
    """An agreement, pact, dialogue, forum ... with its parties and domains.

    ``evidence`` holds the sentences naming its parties and domains.

    Columns of ``to_frame()``: ``id``, ``name``, ``kind``, ``parties``,
    ``domains``, ``date``, ``status``, ``support``, ``articles``, ``sentence``.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "id",
        "name",
        "kind",
        "parties",
        "domains",
        "date",
        "status",
        "support",
        "articles",
        "sentence",
    )

    id: str
    name: str
    kind: str
    parties: tuple[str, ...]
    domains: tuple[str, ...]
    date: str | None
    status: str | None
    aliases: tuple[str, ...]
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...] = field(repr=False)

    def row(self) -> tuple[object, ...]:
        """This result as a row of :attr:`COLUMNS`."""
        return (
            self.id,
            self.name,
            self.kind,
            _join(self.parties),
            _join(self.domains),
            self.date,
            self.status,
            len(self.evidence),
            _join(self.articles),
            _first_sentence(self.evidence),
        )


@dataclass(frozen=True)
class MemberResult:
    """A member state of an organisation (or a party to a grouping agreement).

    ``listed``: the organisation's record (vocabulary, or the agreement's
    parties) names it; ``stated``: an article says so (``evidence``).

    Columns of ``to_frame()``: ``state``, ``name``, ``organization``,
    ``listed``, ``stated``, ``support``, ``articles``, ``sentence``.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "state",
        "name",
        "organization",
        "listed",
        "stated",
        "support",
        "articles",
        "sentence",
    )

    state: str
    name: str
    organization: str
    listed: bool
    stated: bool
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...] = field(repr=False)

    def row(self) -> tuple[object, ...]:
        """This result as a row of :attr:`COLUMNS`."""
        return (
            self.state,
            self.name,
            self.organization,
            self.listed,
            self.stated,
            len(self.evidence),
            _join(self.articles),
            _first_sentence(self.evidence),
        )


@dataclass(frozen=True)
class TargetResult:
    """``source`` names ``target`` as a threat or the object of its deterrence.

    States appear as alpha-3 codes; other actors as node ids (``org:nato``).

    Columns of ``to_frame()``: ``source``, ``target``, ``support``,
    ``confidence``, ``articles``, ``sentence``.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "source",
        "target",
        "support",
        "confidence",
        "articles",
        "sentence",
    )

    source: str
    target: str
    support: int
    confidence: float
    evidence: tuple[Evidence, ...] = field(repr=False)
    articles: tuple[str, ...]

    def row(self) -> tuple[object, ...]:
        """This result as a row of :attr:`COLUMNS`."""
        return (
            self.source,
            self.target,
            self.support,
            self.confidence,
            _join(self.articles),
            _first_sentence(self.evidence),
        )


@dataclass(frozen=True)
class PersonResult:
    """A named person, the state they act for and their role.

    Columns of ``to_frame()``: ``id``, ``name``, ``state``, ``role``,
    ``articles``, ``sentence``.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ("id", "name", "state", "role", "articles", "sentence")

    id: str
    name: str
    state: str | None
    role: str | None
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...] = field(repr=False)

    def row(self) -> tuple[object, ...]:
        """This result as a row of :attr:`COLUMNS`."""
        return (
            self.id,
            self.name,
            self.state,
            self.role,
            _join(self.articles),
            _first_sentence(self.evidence),
        )


Result = CooperationEdge | Partner | AgreementResult | MemberResult | TargetResult | PersonResult
_RESULT_TYPES = (
    CooperationEdge,
    Partner,
    AgreementResult,
    MemberResult,
    TargetResult,
    PersonResult,
)


# ------------------------------------------------------------------ indexes
Pair = tuple[str, str]


def _code(node: str) -> str:
    return node.removeprefix("state:")


def _node_of(code: str) -> str:
    """The node id behind a result's code (states are written by code alone)."""
    return code if ":" in code else f"state:{code}"


_edge_order: Callable[[CooperationEdge], tuple[str, str, str]] = attrgetter("a", "b", "domain")
_support_of: Callable[[CooperationEdge], int] = attrgetter("support")
_domain_of: Callable[[CooperationEdge], str] = attrgetter("domain")


#: The key of a (key, value) pair: a sort key for lists of a hundred thousand.
_first: Callable[[tuple[str, Any]], str] = itemgetter(0)


def _merge_key(e: Evidence) -> tuple[str, int, str]:
    return (e.article, e.start, e.sentence)


def _cooperation_edge(a: str, b: str, domain: str, data: dict[str, Any]) -> CooperationEdge:
    """The result for a cooperation edge of the graph, from its attributes."""
    # Indexing a large graph makes hundreds of thousands of these, and a frozen
    # dataclass's __init__ sets each field through object.__setattr__.
    edge: CooperationEdge = object.__new__(CooperationEdge)
    edge.__dict__.update(
        a=a,
        b=b,
        domain=domain,
        support=data["support"],
        confidence=data["confidence"],
        evidence=tuple(data["evidence"]),
        articles=tuple(data["articles"]),
    )
    return edge


def _insort(items: list[Any], item: Any) -> None:
    """Insert ``item`` into a sorted list unless it is there already."""
    if not items or items[-1] < item:
        # Facts mostly arrive in order: appending is the common case.
        items.append(item)
        return
    at = bisect_left(items, item)
    if at == len(items) or items[at] != item:
        items.insert(at, item)


def _new_name(table: dict[str, str], name: str, node: str) -> None:
    # The first node in id order owns a name, as if every node were read in order.
    owner = table.get(name)
    if owner is None or node < owner:
        table[name] = node


class _Pair:
    """Everything two actors' cooperation adds up to, kept current as edges grow."""

    __slots__ = ("a", "articles", "attrs", "b", "edges", "key", "shared")

    def __init__(self, a: str, b: str, shared: int) -> None:
        self.a = a
        self.b = b
        self.key: Pair = (a, b)
        #: The pair's edges by domain, in domain order.
        self.edges: dict[str, CooperationEdge] = {}
        #: The pair's totals, as its edge in :meth:`QueryMixin.state_graph` shows them:
        #: sentences over all the edges, the domains and the highest confidence.
        self.attrs: dict[str, Any] = {"weight": 0, "support": 0, "domains": (), "confidence": 0.0}
        #: Ids of the articles behind any of the edges, sorted.
        self.articles: list[str] = []
        #: ``attrs`` may be in state graphs handed out up to this generation.
        self.shared = shared

    @property
    def support(self) -> int:
        support: int = self.attrs["support"]
        return support


#: How many of the strongest pairs the index keeps ranked (for summary()).
_BOARD = 16


def _pair_rank(rec: _Pair) -> tuple[int, Pair]:
    return (-rec.support, rec.key)


class _Row:
    """The edges on one domain from one state, in the order of the other state."""

    __slots__ = ("edges", "others")

    def __init__(self) -> None:
        self.others: list[str] = []
        self.edges: list[CooperationEdge] = []

    @classmethod
    def of(cls, items: list[tuple[str, CooperationEdge]]) -> _Row:
        row = cls()
        items.sort(key=_first)
        row.others = [other for other, _ in items]
        row.edges = [edge for _, edge in items]
        return row


class _Merged:
    """The evidence of an agreement's (or a person's) edges, each sentence once.

    Sorted by (article, start, sentence), the order :func:`_merge_evidence`
    gives. Should two edges hold different evidence for one sentence (never
    seen in extracted graphs), which one counts depends on edge order, so the
    node is marked ``irregular`` and its result is merged from the graph.
    """

    __slots__ = ("evidence", "irregular")

    def __init__(self) -> None:
        self.evidence: list[Evidence] = []
        self.irregular = False

    @classmethod
    def of(cls, lists: Iterable[Iterable[Evidence]]) -> _Merged:
        """The merge of these evidence lists, as adding them one by one would give."""
        merged = cls()
        seen: dict[tuple[str, int, str], Evidence] = {}
        for e in chain.from_iterable(lists):
            # _merge_key written out: a large graph's agreements cite a million sentences.
            key = (e.article, e.start, e.sentence)
            known = seen.setdefault(key, e)
            if known is not e and known != e:
                merged.irregular = True
        merged.evidence = [seen[key] for key in sorted(seen)]
        return merged

    def add(self, e: Evidence) -> None:
        evidence = self.evidence
        key = _merge_key(e)
        if not evidence or _merge_key(evidence[-1]) < key:
            evidence.append(e)
            return
        at = bisect_left(evidence, key, key=_merge_key)
        if at < len(evidence) and _merge_key(evidence[at]) == key:
            if evidence[at] is not e and evidence[at] != e:
                self.irregular = True
        else:
            evidence.insert(at, e)


class _Index:
    """Lookup tables over a graph, kept current as facts are added.

    :meth:`build` reads a whole graph once; after that, while queries use the
    tables, :class:`~alliancegraph.AllianceGraph` reports each new node
    (:meth:`node_added`), each changed agreement or person
    (:meth:`agreement_changed`, :meth:`person_changed`) and each edge that was
    added or given more evidence (:meth:`edge_grew`), so that no query scans
    the graph. Results are immutable: an edge that grows gets a new result
    object, and results handed out before keep their values. The only shared
    mutable objects are the partner rows and pair attributes of the state
    graph, copied before they change once a state graph holding them has
    been handed out.

    ``memo`` holds answers derived from the tables (partners, state graphs,
    matrices ...) and is emptied whenever the graph changes.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        #: How many nodes and articles the tables have seen (see :meth:`current`).
        self.nodes = 0
        self.articles = 0
        self.memo: dict[tuple[Any, ...], Any] = {}
        self.nodes_by_kind: dict[str, list[str]] = {}
        # cooperation
        #: One string per state code, shared by every table and result.
        self.codes: dict[str, str] = {}
        self.pairs: dict[Pair, _Pair] = {}
        #: The strongest pairs, strongest first, and the support it takes to join them.
        self.board: list[_Pair] = []
        self.floor = 0
        #: No pair has less support than this (supports only grow).
        self.lowest = 0
        self.state_pairs: dict[str, list[Pair]] = {}
        #: Per domain: the first states of its edges (sorted), a row of edges each.
        self.domain_firsts: dict[str, list[str]] = {}
        self.domain_rows: dict[str, dict[str, _Row]] = {}
        #: Per state, per domain: the support of the state's edges (for domain_matrix).
        self.cells: dict[str, dict[str, int]] = {}
        #: Per state: its partners and the state-graph attributes of each pair.
        self.neighbours: dict[str, dict[str, dict[str, Any]]] = {}
        #: States whose partners are out of order, and those whose row a state graph holds.
        self.unsorted_rows: set[str] = set()
        self.shared_rows: set[str] = set()
        #: Whether the add under way brought new pairs (see finish).
        self.new_pairs = False
        #: Per article: the edges it supports, flat as pair, domain, pair, domain ...
        self.article_edges: dict[str, list[Any]] = {}
        self.coop_edges = 0
        self.coop_support = 0
        #: A pair written against the alphabet (b before a): state graphs take the long way.
        self.unordered_pairs = False
        #: How many times state-graph attributes were handed out (see _Pair.shared).
        self.shared = 0
        # targets
        self.targets: dict[tuple[str, str, str], TargetResult] = {}
        self.target_keys: list[tuple[str, str, str]] = []
        self.targets_by_actor: dict[str, list[tuple[str, str, str]]] = {}
        # agreements and persons
        self.agreements_by_party: dict[str, list[str]] = {}
        self.agreements_by_domain: dict[str, list[str]] = {}
        self.names: dict[str, dict[str, str]] = {"organization": {}, "agreement": {}}
        self.merged: dict[str, _Merged] = {}
        #: Every agreement's and every person's result.
        self.agreement_results: dict[str, AgreementResult] = {}
        self.person_results: dict[str, PersonResult] = {}
        self.persons_by_state: dict[str | None, list[str]] = {}
        #: Agreements and persons whose result is made again when the current add() ends.
        self.touched: set[str] = set()
        #: Whether queries have used the tables: only then does add() keep them current.
        self.in_use = False

    # ---------------------------------------------------------- upkeep
    @classmethod
    def build(cls, graph: nx.MultiDiGraph, articles: int) -> _Index:
        """The tables of a whole graph, read in one pass.

        They come out as adding the graph's facts one by one would leave
        them, but each list is sorted once and each result made once.
        """
        index = cls(graph)
        with paused():
            index._read_nodes(graph)
            index._read_edges(graph)
            for node in index.touched:
                index._remake(node)
            index.touched.clear()
            index.articles = articles
        return index

    def _read_nodes(self, graph: nx.MultiDiGraph) -> None:
        by_kind: dict[str, list[str]] = defaultdict(list)
        by_party: dict[str, set[str]] = defaultdict(set)
        by_domain: dict[str, set[str]] = defaultdict(set)
        by_state: dict[str | None, list[str]] = defaultdict(list)
        organizations, agreements = self.names["organization"], self.names["agreement"]
        for node, attrs in graph.nodes(data=True):
            kind = str(attrs.get("kind"))
            by_kind[kind].append(node)
            if kind == "organization":
                _new_name(organizations, node.removeprefix("org:").casefold(), node)
                _new_name(organizations, str(attrs.get("label", "")).casefold(), node)
            elif kind == "agreement":
                for party in attrs.get("parties", ()):
                    by_party[party].add(node)
                for domain in attrs.get("domains", ()):
                    by_domain[domain].add(node)
                for name in (attrs.get("label", ""), *attrs.get("aliases", ())):
                    _new_name(agreements, str(name).casefold(), node)
                _new_name(agreements, node.removeprefix("agreement:"), node)
                self.touched.add(node)
            elif kind == "person":
                by_state[attrs.get("state")].append(node)
                self.touched.add(node)
        self.nodes = len(graph)
        self.nodes_by_kind = {kind: sorted(nodes) for kind, nodes in by_kind.items()}
        self.agreements_by_party = {party: sorted(n) for party, n in by_party.items()}
        self.agreements_by_domain = {domain: sorted(n) for domain, n in by_domain.items()}
        self.persons_by_state = {state: sorted(n) for state, n in by_state.items()}

    def _read_edges(self, graph: nx.MultiDiGraph) -> None:
        cooperation: dict[Pair, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        evidence: dict[str, list[Iterable[Evidence]]] = defaultdict(list)
        # networkx's own dicts, read in the order its edge view gives: the
        # view costs a call per edge, and a large graph has half a million.
        kinds = graph._node
        for u, successors in graph._succ.items():
            first = _code(u)
            for v, keyed in successors.items():
                pair: list[tuple[str, dict[str, Any]]] | None = None
                for key, data in keyed.items():
                    predicate = data["predicate"]
                    if predicate == "cooperates_with":
                        if pair is None:
                            pair = cooperation[first, _code(v)]
                        pair.append((data["domain"], data))
                    elif predicate == "targets":
                        self._target(u, v, key, data)
                    elif predicate == "party_to":
                        if kinds[v].get("kind") == "agreement":
                            evidence[v].append(data["evidence"])
                    elif predicate == "covers":
                        if kinds[u].get("kind") == "agreement":
                            evidence[u].append(data["evidence"])
                    elif predicate == "acts_for" and kinds[u].get("kind") == "person":
                        evidence[u].append(data["evidence"])
        for node, lists in evidence.items():
            self.merged[node] = _Merged.of(lists)
        self._read_cooperation(cooperation)

    def _read_cooperation(self, found: dict[Pair, list[tuple[str, dict[str, Any]]]]) -> None:
        codes = self.codes
        cells = self.cells
        rows: dict[str, dict[str, list[tuple[str, CooperationEdge]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        state_pairs: dict[str, list[Pair]] = defaultdict(list)
        neighbours: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        article_edges: dict[str, list[Any]] = defaultdict(list)
        coop_edges = coop_support = 0
        for (a, b), edges in found.items():
            rec = _Pair(codes.setdefault(a, a), codes.setdefault(b, b), self.shared)
            a, b = rec.a, rec.b
            self.pairs[rec.key] = rec
            if len(edges) > 1:
                edges.sort(key=_first)
            cells_a = cells.setdefault(a, {})
            cells_b = cells.setdefault(b, {})
            support = 0
            articles: set[str] = set()
            for domain, data in edges:
                edge = _cooperation_edge(a, b, domain, data)
                rec.edges[domain] = edge
                rows[domain][a].append((b, edge))
                n = edge.support
                support += n
                cells_a[domain] = cells_a.get(domain, 0) + n
                cells_b[domain] = cells_b.get(domain, 0) + n
                articles.update(edge.articles)
                cited = (rec, domain)
                for article in edge.articles:
                    article_edges[article] += cited
            rec.attrs = {
                "weight": support,
                "support": support,
                "domains": tuple(rec.edges),
                "confidence": max(e.confidence for e in rec.edges.values()),
            }
            rec.articles = sorted(articles)
            coop_edges += len(edges)
            coop_support += support
            for code in (a,) if a == b else (a, b):
                state_pairs[code].append(rec.key)
            neighbours[a].append((b, rec.attrs))
            neighbours[b].append((a, rec.attrs))
            self.unordered_pairs = self.unordered_pairs or b < a
        self.coop_edges += coop_edges
        self.coop_support += coop_support
        for domain, firsts in rows.items():
            self.domain_firsts[domain] = sorted(firsts)
            self.domain_rows[domain] = {first: _Row.of(row) for first, row in firsts.items()}
        self.state_pairs = {code: sorted(keys) for code, keys in state_pairs.items()}
        # A self-loop lists its state once: dict() keeps one entry per partner.
        self.neighbours = {code: dict(sorted(row, key=_first)) for code, row in neighbours.items()}
        self.article_edges = dict(article_edges)
        ranked = sorted(self.pairs.values(), key=_pair_rank)
        self.board = ranked[:_BOARD]
        self.floor = self.board[-1].support if len(self.board) == _BOARD else 0
        self.lowest = ranked[-1].support if ranked else 0

    def current(self, graph: nx.MultiDiGraph, articles: int) -> bool:
        """Whether the tables still describe ``graph`` as far as cheap signals tell.

        Nodes or articles added behind the index's back show; new edges
        between known nodes and attributes edited in place do not (hence
        :meth:`QueryMixin.clear_query_cache`).
        """
        return self.graph is graph and self.nodes == len(graph) and self.articles == articles

    def finish(self, articles: int) -> None:
        """Wrap up an add: make the results of what it changed, tidy a row."""
        for node in sorted(self.touched):
            self._remake(node)
        self.touched.clear()
        self.articles = articles
        # New pairs leave partner rows out of order, and sorting them all at
        # once would slow the first state_graph(). Most of them arrive early
        # in a build; from then on each add that brings none sorts one row.
        if not self.new_pairs and self.unsorted_rows:
            self._sort_row(self.unsorted_rows.pop())
        self.new_pairs = False

    def node_added(self, node: str, attrs: dict[str, Any]) -> None:
        self.nodes += 1
        kind = str(attrs.get("kind"))
        _insort(self.nodes_by_kind.setdefault(kind, []), node)
        if kind == "organization":
            names = self.names["organization"]
            _new_name(names, node.removeprefix("org:").casefold(), node)
            _new_name(names, str(attrs.get("label", "")).casefold(), node)
        elif kind == "agreement":
            self.agreement_changed(
                node,
                attrs.get("parties", ()),
                attrs.get("domains", ()),
                (attrs.get("label", ""), *attrs.get("aliases", ())),
            )
            _new_name(self.names["agreement"], node.removeprefix("agreement:"), node)
        elif kind == "person":
            _insort(self.persons_by_state.setdefault(attrs.get("state"), []), node)
            self.touched.add(node)

    def agreement_changed(
        self,
        node: str,
        parties: Iterable[str],
        domains: Iterable[str],
        names: Iterable[object],
    ) -> None:
        """An agreement got these new parties, domains and names (or other attributes)."""
        for party in parties:
            _insort(self.agreements_by_party.setdefault(party, []), node)
        for domain in domains:
            _insort(self.agreements_by_domain.setdefault(domain, []), node)
        table = self.names["agreement"]
        for name in names:
            _new_name(table, str(name).casefold(), node)
        self.touched.add(node)

    def person_changed(self, node: str) -> None:
        self.touched.add(node)

    def edge_grew(
        self,
        u: str,
        v: str,
        key: str,
        data: dict[str, Any],
        old_support: int,
        old_articles: tuple[str, ...],
        added: Iterable[Evidence] | None,
    ) -> None:
        """An edge is new or has more evidence.

        ``old_support`` and ``old_articles`` are what it had before (0 and
        ``()`` for a new edge); ``added`` is the evidence it gained, or None
        when that is not known.
        """
        predicate = data["predicate"]
        if predicate == "cooperates_with":
            self._cooperation(u, v, data, old_support, old_articles)
        elif predicate == "targets":
            self._target(u, v, key, data)
        elif predicate == "party_to":
            self._node_evidence(v, "agreement", added)
        elif predicate == "covers":
            self._node_evidence(u, "agreement", added)
        elif predicate == "acts_for":
            self._node_evidence(u, "person", added)

    def _cooperation(
        self,
        u: str,
        v: str,
        data: dict[str, Any],
        old_support: int,
        old_articles: tuple[str, ...],
    ) -> None:
        # Runs for every cooperation fact added: kept to plain dict and list steps.
        domain: str = data["domain"]
        rec = self.pairs.get((_code(u), _code(v)))
        if rec is None:
            rec = self._new_pair(_code(u), _code(v), data["support"])
        a, b = rec.a, rec.b
        # The pair's own strings, so that results do not each hold a copy.
        edge = CooperationEdge(
            a,
            b,
            domain,
            data["support"],
            data["confidence"],
            tuple(data["evidence"]),
            tuple(data["articles"]),
        )
        attrs = rec.attrs
        if rec.shared != self.shared:
            attrs = self._unshare(rec)
        edges = rec.edges
        if domain in edges:
            edges[domain] = edge
            row = self.domain_rows[domain][a]
            row.edges[bisect_left(row.others, b)] = edge
        else:
            self._new_edge(rec, domain, edge)
        delta = edge.support - old_support
        if delta:
            attrs["weight"] = attrs["support"] = attrs["support"] + delta
            cells = self.cells
            cells[a][domain] += delta
            cells[b][domain] += delta
            self.coop_support += delta
        # The first edge sets the pair's confidence; confidences only grow.
        if edge.confidence > attrs["confidence"] or len(rec.edges) == 1:
            attrs["confidence"] = edge.confidence
        if attrs["support"] >= self.floor:
            self._rank(rec)
        articles = edge.articles
        known = len(old_articles)
        if len(articles) != known:
            if articles[:known] == old_articles:
                added: Iterable[str] = articles[known:]
            else:
                old = set(old_articles)
                added = [a for a in articles if a not in old]
            for article in added:
                _insort(rec.articles, article)
                self.article_edges.setdefault(article, []).extend((rec, domain))

    def _new_pair(self, a: str, b: str, support: int) -> _Pair:
        codes = self.codes
        rec = _Pair(codes.setdefault(a, a), codes.setdefault(b, b), self.shared)
        if support < self.lowest or not self.pairs:
            self.lowest = support
        self.pairs[rec.key] = rec
        for code in (rec.a,) if a == b else (rec.a, rec.b):
            found = self.state_pairs.get(code)
            if found is None:
                self.state_pairs[code] = [rec.key]
                self.cells[code] = {}
            else:
                _insort(found, rec.key)
        self._neighbour(rec.a, rec.b, rec.attrs, True)
        self._neighbour(rec.b, rec.a, rec.attrs, True)
        if b < a:
            self.unordered_pairs = True
        self.new_pairs = True
        return rec

    def _rank(self, rec: _Pair) -> None:
        """Place a pair that may be among the strongest (its support grew to the floor)."""
        board = self.board
        if rec not in board:
            board.append(rec)
        board.sort(key=_pair_rank)
        del board[_BOARD:]
        if len(board) == _BOARD:
            self.floor = board[-1].support

    def _neighbour(self, code: str, other: str, attrs: dict[str, Any], new: bool) -> None:
        row = self.neighbours.get(code)
        if row is None:
            row = self.neighbours[code] = {}
        elif code in self.shared_rows:
            # A state graph holds this row: change a copy.
            row = self.neighbours[code] = dict(row)
            self.shared_rows.discard(code)
        if new and row and other < next(reversed(row)):
            self.unsorted_rows.add(code)
        row[other] = attrs

    def _sort_row(self, code: str) -> None:
        # A new dict: a state graph holding the old row keeps it.
        row = self.neighbours[code]
        self.neighbours[code] = {other: row[other] for other in sorted(row)}
        self.shared_rows.discard(code)

    def _unshare(self, rec: _Pair) -> dict[str, Any]:
        """Copy a pair's state-graph attributes before changing them (a graph holds them)."""
        attrs = rec.attrs = dict(rec.attrs)
        rec.shared = self.shared
        self._neighbour(rec.a, rec.b, attrs, False)
        self._neighbour(rec.b, rec.a, attrs, False)
        return attrs

    def _new_edge(self, rec: _Pair, domain: str, edge: CooperationEdge) -> None:
        edges = rec.edges
        if edges and domain < next(reversed(edges)):
            edges[domain] = edge
            edges = rec.edges = dict(sorted(edges.items()))
        else:
            edges[domain] = edge
        rec.attrs["domains"] = tuple(edges)
        rows = self.domain_rows.get(domain)
        if rows is None:
            rows = self.domain_rows[domain] = {}
            self.domain_firsts[domain] = []
        row = rows.get(rec.a)
        if row is None:
            row = rows[rec.a] = _Row()
            _insort(self.domain_firsts[domain], rec.a)
        at = bisect_left(row.others, rec.b)
        row.others.insert(at, rec.b)
        row.edges.insert(at, edge)
        cells = self.cells
        cells[rec.a].setdefault(domain, 0)
        cells[rec.b].setdefault(domain, 0)
        self.coop_edges += 1

    def _target(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
        target = TargetResult(
            _code(u),
            _code(v),
            data["support"],
            data["confidence"],
            tuple(data["evidence"]),
            tuple(data["articles"]),
        )
        found = (target.source, target.target, key)
        if found not in self.targets:
            _insort(self.target_keys, found)
            for actor in dict.fromkeys((target.source, target.target)):
                _insort(self.targets_by_actor.setdefault(actor, []), found)
        self.targets[found] = target

    def _node_evidence(self, node: str, kind: str, added: Iterable[Evidence] | None) -> None:
        attrs = self.graph._node.get(node)
        if attrs is None or attrs.get("kind") != kind:
            return
        merged = self.merged.get(node)
        if merged is None or added is None:
            merged = self.merged[node] = _Merged()
            if added is None:
                # Part of the evidence was on the edge already: merge the node afresh.
                added = chain.from_iterable(self._evidence_edges(node, kind))
        for e in added:
            merged.add(e)
        self.touched.add(node)

    # ------------------------------------------------------------ results
    def _evidence_edges(self, node: str, kind: str) -> list[Iterable[Evidence]]:
        """The evidence lists behind an agreement's or a person's result, in edge order."""
        graph = self.graph
        if kind == "person":
            return [
                d["evidence"]
                for _, _, d in graph.out_edges(node, data=True)
                if d["predicate"] == "acts_for"
            ]
        return [
            *(
                d["evidence"]
                for _, _, d in graph.in_edges(node, data=True)
                if d["predicate"] == "party_to"
            ),
            *(
                d["evidence"]
                for _, _, d in graph.out_edges(node, data=True)
                if d["predicate"] == "covers"
            ),
        ]

    def _evidence(self, node: str, kind: str) -> tuple[Evidence, ...]:
        merged = self.merged.get(node)
        if merged is None:
            return ()
        if merged.irregular:
            return _merge_evidence(self._evidence_edges(node, kind))
        return tuple(merged.evidence)

    def _remake(self, node: str) -> None:
        """Make an agreement's or a person's result again, from its attributes and evidence."""
        attrs = self.graph.nodes[node]
        if attrs.get("kind") == "person":
            self.person_results[node] = PersonResult(
                id=node.removeprefix("person:"),
                name=str(attrs.get("label", node)),
                state=attrs.get("state"),
                role=attrs.get("role"),
                articles=tuple(attrs.get("articles", ())),
                evidence=self._evidence(node, "person"),
            )
        else:
            self.agreement_results[node] = AgreementResult(
                id=node.removeprefix("agreement:"),
                name=str(attrs.get("label", node)),
                kind=str(attrs.get("agreement_kind", "agreement")),
                parties=tuple(attrs.get("parties", ())),
                domains=tuple(attrs.get("domains", ())),
                date=attrs.get("date"),
                status=attrs.get("status"),
                aliases=tuple(attrs.get("aliases", ())),
                articles=tuple(attrs.get("articles", ())),
                evidence=self._evidence(node, "agreement"),
            )

    # ------------------------------------------------------------ lookups
    def pair_edges(self, keys: Iterable[Pair]) -> list[CooperationEdge]:
        """The edges of these pairs, in result order if the pairs are sorted."""
        pairs = self.pairs
        return list(chain.from_iterable(pairs[k].edges.values() for k in keys))

    def state_coop(self, code: str) -> list[CooperationEdge]:
        """A state's edges, in result order."""
        found: list[CooperationEdge] | None = self.memo.get(("state", code))
        if found is None:
            found = self.memo["state", code] = self.pair_edges(self.state_pairs.get(code, ()))
        return found

    def state_size(self, code: str) -> int:
        """How many edges a state has (counted when asked: adding stays cheaper)."""
        pairs = self.pairs
        return sum(len(pairs[k].edges) for k in self.state_pairs.get(code, ()))

    def domain_size(self, domain: str) -> int:
        return sum(len(row.others) for row in self.domain_rows.get(domain, {}).values())

    def pair_keys(self) -> list[Pair]:
        """Every pair, sorted (only whole-graph answers need them all)."""
        found: list[Pair] | None = self.memo.get(("pairs",))
        if found is None:
            found = self.memo["pairs",] = sorted(self.pairs)
        return found

    def coop_in(self, domains: frozenset[str]) -> list[CooperationEdge]:
        """The edges on any of ``domains``, in result order (merged once per set)."""
        key = ("coop_in", domains)
        found: list[CooperationEdge] | None = self.memo.get(key)
        if found is None:
            found = []
            for d in sorted(domains):
                rows = self.domain_rows.get(d, {})
                found.extend(
                    chain.from_iterable(rows[a].edges for a in self.domain_firsts.get(d, ()))
                )
            if len(domains) > 1:
                found.sort(key=_edge_order)
            self.memo[key] = found
        return found

    def state_rows(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Each state's partners in order, with the pairs' state-graph attributes.

        The rows and attributes are handed out as they are: from now on they
        are copied before they change.
        """
        while self.unsorted_rows:
            self._sort_row(self.unsorted_rows.pop())
        self.shared += 1
        self.shared_rows = set(self.neighbours)
        return self.neighbours

    def article_coop(self, article: str) -> list[CooperationEdge]:
        flat = self.article_edges.get(article, [])
        edges = [rec.edges[d] for rec, d in zip(flat[::2], flat[1::2], strict=True)]
        edges.sort(key=_edge_order)
        return edges

    def all_coop(self) -> list[CooperationEdge]:
        found: list[CooperationEdge] | None = self.memo.get(("coop",))
        if found is None:
            found = self.memo["coop",] = self.pair_edges(self.pair_keys())
        return found


# ------------------------------------------------------------------ the mixin
class QueryMixin:
    """Query helpers mixed into :class:`~alliancegraph.AllianceGraph`."""

    nx: nx.MultiDiGraph
    vocabulary: Vocabulary
    articles: dict[str, Article]
    _query_index: _Index | None = None

    # ------------------------------------------------------------ plumbing
    def clear_query_cache(self) -> None:
        """Drop the query indexes; call after editing ``g.nx`` directly.

        The next query reads the whole graph again. Adding articles
        (:meth:`~alliancegraph.AllianceGraph.add`) keeps the indexes current
        without this, and nodes or articles added directly are noticed; new
        edges between existing nodes and attributes changed in place are not.
        """
        self._query_index = None

    def _index(self) -> _Index:
        index = self._query_index
        # Only O(1) signals: networkx counts a multigraph's edges by walking
        # every adjacency, which would cost more than most queries.
        if index is None or not index.current(self.nx, len(self.articles)):
            log.debug("building query indexes for %d nodes", len(self.nx))
            index = self._query_index = _Index.build(self.nx, len(self.articles))
        index.in_use = True
        return index

    def _live_index(self) -> _Index | None:
        """The indexes to keep current through a change, if queries use them.

        Indexes nothing has asked yet are dropped instead: a graph built
        article by article is read once, by the first query or by
        :meth:`prepare_queries`, rather than
        indexed article by article, which costs more.
        """
        index = self._query_index
        if index is not None and not (index.in_use and index.current(self.nx, len(self.articles))):
            index = self._query_index = None
        return index

    def prepare_queries(self) -> None:
        """Build the query indexes now, so that the first query costs no more than the next.

        Queries build them when first asked, from the whole graph; call this
        once a large graph is complete to pay for that up front. Graphs read
        from JSON come with their indexes. Once queries have used the
        indexes, adding articles keeps them current.
        """
        index = self._query_index
        if index is None or not index.current(self.nx, len(self.articles)):
            self._query_index = _Index.build(self.nx, len(self.articles))
        # Every helper resolves the names it is given: the vocabulary's name tables
        # are built on first use, and that first use should not be a query's.
        self.vocabulary.prepare_lookups()

    def _state(self, name: str) -> str:
        try:
            return self.vocabulary.resolve_state(name)
        except UnknownNameError:
            # A graph read with another vocabulary may hold states this one lacks.
            code = name.strip().upper()
            if f"state:{code}" in self.nx:
                return code
            raise

    def _domains(self, name: str) -> frozenset[str]:
        return self.vocabulary.narrower(self.vocabulary.resolve_domain(name))

    def _article(self, name: str) -> str:
        if name in self.articles:
            return name
        stem = name.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".txt")
        if stem in self.articles:
            return stem
        close = difflib.get_close_matches(stem, list(self.articles), n=3, cutoff=0.6)
        raise UnknownNameError("article", name, close)

    def _named(self, what: str, name: str) -> str | None:
        names = self._index().names[what]
        key = name.strip().casefold()
        return names.get(key) or names.get(slugify(key))

    def _state_name(self, code: str) -> str:
        node = f"state:{code}"
        if node in self.nx:
            return str(self.nx.nodes[node].get("label", code))
        entry = self.vocabulary.states.get(code)
        return entry.name if entry else code

    # --------------------------------------------------------- cooperation
    def cooperation(
        self,
        domain: str | None = None,
        state: str | None = None,
        between: Sequence[str] | None = None,
        article: str | None = None,
        min_support: int = 1,
        min_confidence: float = 0.0,
    ) -> ResultList[CooperationEdge]:
        """Cooperation edges, filtered; all of them when no filter is given.

        Parameters
        ----------
        domain
            A domain id, label or alternative label (``"chips"``); a broader
            concept (``"technology"``) selects everything under it.
        state
            Edges involving this state: code, name, demonym or capital.
        between
            Edges between these two states, in either order.
        article
            Edges that this article (id or file name) supports.
        min_support, min_confidence
            Keep edges with at least this many sentences / this confidence.

        Returns
        -------
        ResultList[CooperationEdge]
            Sorted by ``(a, b, domain)``; see :class:`CooperationEdge` for
            the columns of ``to_frame()``.

        Raises
        ------
        UnknownNameError
            A state, domain or article that is not known, with close matches.

        Examples
        --------
        >>> edges = SEED_GRAPH.cooperation(domain="semiconductors")
        >>> [(c.a, c.b) for c in edges]
        [('IND', 'JPN'), ('JPN', 'KOR'), ('JPN', 'TWN'), ('JPN', 'USA'), ('KOR', 'USA')]
        >>> edges[2].evidence[0].sentence[:60]
        'Taiwan and Japan are coordinating more closely on semiconduc'
        >>> len(SEED_GRAPH.cooperation(domain="technology")) > len(edges)
        True
        >>> sorted({c.pair for c in SEED_GRAPH.cooperation(state="Seoul", min_support=3)})
        [('JPN', 'KOR'), ('KOR', 'USA')]
        """
        index = self._index()
        wanted = self._domains(domain) if domain is not None else None
        code = self._state(state) if state is not None else None
        pair: tuple[str, str] | None = None
        if between is not None:
            if isinstance(between, str) or len(between) != 2:
                raise ValueError(
                    f"between={between!r}: give two states, e.g. between=('Japan', 'India')"
                )
            x, y = sorted(self._state(s) for s in between)
            pair = (x, y)
        article_id = self._article(article) if article is not None else None

        # Start from the smallest candidate list (each is already in result
        # order), then apply only the filters it does not already satisfy.
        options: list[tuple[int, str, Callable[[], list[CooperationEdge]]]] = []
        if pair is not None:
            found = index.pairs.get(pair)
            by_pair = list(found.edges.values()) if found is not None else []
            options.append((len(by_pair), "pair", lambda: by_pair))
        if code is not None:
            options.append(
                (
                    index.state_size(code),
                    "state",
                    lambda: index.state_coop(code),
                )
            )
        if article_id is not None:
            options.append(
                (
                    len(index.article_edges.get(article_id, ())) // 2,
                    "article",
                    lambda: index.article_coop(article_id),
                )
            )
        if wanted is not None:
            size = sum(index.domain_size(d) for d in wanted)
            options.append((size, "domain", lambda: index.coop_in(wanted)))
        if not options:
            options.append((index.coop_edges, "", index.all_coop))
        _, chosen, fetch = min(options, key=lambda o: o[0])
        out = fetch()
        if wanted is not None and chosen != "domain":
            out = [e for e in out if e.domain in wanted]
        if code is not None and chosen not in ("state", "pair"):
            out = [e for e in out if e.a == code or e.b == code]
        if pair is not None and chosen != "pair":
            out = [e for e in out if e.a == pair[0] and e.b == pair[1]]
        if article_id is not None and chosen != "article":
            out = [e for e in out if article_id in e.articles]
        if min_support > 1:
            out = [e for e in out if e.support >= min_support]
        if min_confidence > 0.0:
            out = [e for e in out if e.confidence >= min_confidence]
        return _results(out, CooperationEdge)

    def partners(
        self, state: str, domain: str | None = None, min_support: int = 1
    ) -> ResultList[Partner]:
        """The states ``state`` cooperates with, most supported first.

        Each :class:`Partner` sums the sentences of every cooperation edge
        between the two (on ``domain`` and under it, if given) and lists the
        domains, strongest first. Ties are broken by state code.

        >>> for p in SEED_GRAPH.partners("Japan"):
        ...     print(p.state, p.domains[0], len(p.domains) > 5)
        USA defense True
        IND artificial_intelligence True
        KOR defense True
        TWN maritime_security True
        >>> [p.evidence[0].article for p in SEED_GRAPH.partners("Japan", domain="fisheries")]
        ['000_9468f97f7389ab17']
        """
        code = self._state(state)
        wanted = self._domains(domain) if domain is not None else None
        index = self._index()
        key = ("partners", code, wanted, min_support)
        cached: list[Partner] | None = index.memo.get(key)
        if cached is not None:
            return _results(cached, Partner)
        # Grouped by pair: the index keeps each pair's edges, totals and articles.
        groups: dict[str, list[tuple[_Pair, list[CooperationEdge]]]] = {}
        for pair in index.state_pairs.get(code, ()):
            rec = index.pairs[pair]
            edges = list(rec.edges.values())
            if wanted is not None:
                edges = [e for e in edges if e.domain in wanted]
            if min_support > 1:
                edges = [e for e in edges if e.support >= min_support]
            if edges:
                groups.setdefault(rec.b if rec.a == code else rec.a, []).append((rec, edges))
        out = []
        for other, found in groups.items():
            rec, group = found[0]
            if len(found) == 1 and len(group) == len(rec.edges):
                support, confidence = rec.support, rec.attrs["confidence"]
                articles = tuple(rec.articles)
            else:
                group = [e for _, edges in found for e in edges]
                support = sum(e.support for e in group)
                confidence = max(e.confidence for e in group)
                articles = tuple(sorted({a for e in group for a in e.articles}))
            # Strongest first, by domain among equals (a stable sort of domain order).
            group.sort(key=_domain_of)
            group.sort(key=_support_of, reverse=True)
            out.append(
                Partner(
                    state=other,
                    name=self._state_name(other),
                    support=support,
                    domains=tuple(map(_domain_of, group)),
                    confidence=confidence,
                    articles=articles,
                    edges=tuple(group),
                )
            )
        out.sort(key=lambda p: (-p.support, p.state))
        index.memo[key] = out
        return _results(out, Partner)

    def domains_between(self, a: str, b: str) -> ResultList[CooperationEdge]:
        """What two states cooperate on: their edges, most supported first.

        >>> [c.domain for c in SEED_GRAPH.domains_between("Taiwan", "Japanese")][:3]
        ['maritime_security', 'coast_guard', 'crisis_management']
        """
        edges = sorted(self.cooperation(between=(a, b)), key=lambda e: (-e.support, e.domain))
        return _results(edges, CooperationEdge)

    # ---------------------------------------------------------- agreements
    def _agreement_result(self, node: str) -> AgreementResult:
        return self._index().agreement_results[node]

    def _agreement_kind(self, kind: str) -> str:
        key = kind.strip().casefold()
        for form in (key, key.removesuffix("s"), key.removesuffix("es")):
            if form in AGREEMENT_KINDS:
                return form
        close = difflib.get_close_matches(key, AGREEMENT_KINDS, n=3, cutoff=0.6)
        raise UnknownNameError("agreement kind", kind, close or AGREEMENT_KINDS)

    def agreements(
        self,
        party: str | None = None,
        kind: str | None = None,
        domain: str | None = None,
    ) -> ResultList[AgreementResult]:
        """Agreements, pacts, dialogues ..., filtered by party, kind and domain.

        ``party`` is a state as :meth:`cooperation` takes it; ``kind`` one of
        :data:`~alliancegraph.models.AGREEMENT_KINDS` (a plural is fine);
        ``domain`` keeps agreements covering it or anything under it. Sorted
        by id; see :class:`AgreementResult` for the columns.

        >>> [a.id for a in SEED_GRAPH.agreements(domain="maritime security")]
        ['quadrilateral-security-dialogue', 'taiwan-japan-maritime-affairs-cooperation-dialogue']
        >>> SEED_GRAPH.agreements(kind="dialogues", party="Taipei")[0].parties
        ('JPN', 'TWN')
        """
        index = self._index()
        code = self._state(party) if party is not None else None
        wanted_kind = self._agreement_kind(kind) if kind is not None else None
        wanted = self._domains(domain) if domain is not None else None
        key = ("agreements", code, wanted_kind, wanted)
        cached: list[AgreementResult] | None = index.memo.get(key)
        if cached is not None:
            return _results(cached, AgreementResult)
        if code is not None:
            candidates = index.agreements_by_party.get(code, [])
        elif wanted is not None:
            candidates = sorted(
                set(chain.from_iterable(index.agreements_by_domain.get(d, []) for d in wanted))
            )
        else:
            candidates = index.nodes_by_kind.get("agreement", [])
        out = []
        for node in candidates:
            attrs = self.nx.nodes[node]
            if wanted_kind is not None and attrs.get("agreement_kind") != wanted_kind:
                continue
            if wanted is not None and wanted.isdisjoint(attrs.get("domains", ())):
                continue
            out.append(index.agreement_results[node])
        index.memo[key] = out
        return _results(out, AgreementResult)

    def agreement(self, name: str) -> AgreementResult:
        """One agreement by name, alias or id.

        >>> SEED_GRAPH.agreement("QUAD").parties
        ('AUS', 'IND', 'JPN', 'USA')
        >>> SEED_GRAPH.agreement("Taiwan-Japan Maritime Affairs Cooperation Dialogue").kind
        'dialogue'
        """
        node = self._named("agreement", name)
        if node is None:
            names = self._index().names["agreement"]
            raise UnknownNameError(
                "agreement", name, difflib.get_close_matches(name.casefold(), list(names), n=3)
            )
        return self._agreement_result(node)

    def members(self, organization: str) -> ResultList[MemberResult]:
        """The member states of an organisation, or the parties to a grouping.

        ``organization`` is an organisation id, name or alias (the packaged
        vocabulary's or the graph's), or else the name of an agreement. A
        member is ``listed`` when the organisation's record names it, and
        ``stated`` (with evidence) when an article says so. Sorted by code.

        >>> [(m.state, m.stated) for m in SEED_GRAPH.members("Quad")]
        [('AUS', True), ('IND', True), ('JPN', True), ('USA', True)]
        >>> SEED_GRAPH.members("Quadd")
        Traceback (most recent call last):
        ...
        alliancegraph.exceptions.UnknownNameError: unknown organization 'Quadd'; did you ...?
        """
        org_id = self._organization(organization)
        if org_id is not None:
            node = f"org:{org_id}"
            entry = self.vocabulary.organizations.get(org_id)
            listed = set(entry.members if entry else ())
            if node in self.nx:
                listed |= set(self.nx.nodes[node].get("members", ()))
            said = (
                {
                    _code(u): d
                    for u, _, d in self.nx.in_edges(node, data=True)
                    if d["predicate"] == "member_of" and u.startswith("state:")
                }
                if node in self.nx
                else {}
            )
        else:
            node = self._named("agreement", organization) or ""
            listed = set(self.nx.nodes[node].get("parties", ()))
            said = {
                _code(u): d
                for u, _, d in self.nx.in_edges(node, data=True)
                if d["predicate"] == "party_to" and u.startswith("state:")
            }
        out = []
        for code in sorted(listed | set(said)):
            data = said.get(code)
            out.append(
                MemberResult(
                    state=code,
                    name=self._state_name(code),
                    organization=node,
                    listed=code in listed,
                    stated=data is not None,
                    articles=tuple(data["articles"]) if data else (),
                    evidence=tuple(data["evidence"]) if data else (),
                )
            )
        return _results(out, MemberResult)

    def _organization(self, name: str) -> str | None:
        """The organisation id for a name, None for an agreement name; raises if neither."""
        key = name.strip().casefold()
        node = self._named("organization", name)
        if node is not None:
            return node.removeprefix("org:")
        known: dict[str, str] = {}
        for org in self.vocabulary.organizations.values():
            for form in (org.id, org.name, *org.aliases):
                known.setdefault(form.casefold(), org.id)
        if key in known:
            return known[key]
        if self._named("agreement", name) is not None:
            return None
        known.update(self._index().names["organization"])
        raise UnknownNameError(
            "organization", name, difflib.get_close_matches(key, list(known), n=3, cutoff=0.6)
        )

    # ------------------------------------------------- targets and persons
    def targets(self, state: str | None = None) -> ResultList[TargetResult]:
        """Who names whom as a threat; with ``state``, the edges on either side of it.

        >>> [(t.source, t.target) for t in SEED_GRAPH.targets("Beijing")]
        [('JPN', 'CHN'), ('KOR', 'CHN'), ('TWN', 'CHN'), ('USA', 'CHN')]
        """
        index = self._index()
        if state is None:
            keys: Iterable[tuple[str, str, str]] = index.target_keys
        else:
            keys = index.targets_by_actor.get(self._state(state), [])
        return _results([index.targets[k] for k in keys], TargetResult)

    def persons(self, state: str | None = None) -> ResultList[PersonResult]:
        """Named persons (office-holders), optionally of one state; sorted by id.

        >>> [(p.name, p.role) for p in SEED_GRAPH.persons("India")]
        [('Narendra Modi', 'Prime Minister'), ('S. Jaishankar', 'External Affairs Minister')]
        """
        index = self._index()
        if state is None:
            nodes: Iterable[str] = index.nodes_by_kind.get("person", [])
        else:
            nodes = index.persons_by_state.get(self._state(state), [])
        return _results([index.person_results[n] for n in nodes], PersonResult)

    def evidence(self, result: Result | Iterable[Result]) -> tuple[Evidence, ...]:
        """The sentences behind a result, or behind every result of a list.

        Sorted by article and position, each sentence once.

        >>> edge = SEED_GRAPH.cooperation(between=("JPN", "TWN"), domain="space")[0]
        >>> [(e.article, e.start) for e in SEED_GRAPH.evidence(edge)]
        [('000_9468f97f7389ab17', 0)]
        >>> chips = SEED_GRAPH.cooperation(domain="chips")
        >>> sorted({e.article for e in SEED_GRAPH.evidence(chips)})
        ['000_9468f97f7389ab17', '003_c0629a4c97f7456d', '004_f865b4992f864025']
        """
        if isinstance(result, _RESULT_TYPES):
            return result.evidence
        offender: object = result
        if isinstance(result, Iterable):
            items: list[object] = list(result)
            good = [r for r in items if isinstance(r, _RESULT_TYPES)]
            if len(good) == len(items):
                return _merge_evidence(r.evidence for r in good)
            offender = next(r for r in items if not isinstance(r, _RESULT_TYPES))
        raise TypeError(
            f"evidence() takes a query result or a list of them, not {type(offender).__name__}"
        )

    # ------------------------------------------------------------ overview
    def states(self) -> ResultList[str]:
        """Alpha-3 codes of every state in the graph, sorted.

        ``to_frame()`` columns: ``state``, ``name``, ``partners`` (how many
        states it cooperates with), ``support`` (its cooperation sentences).

        >>> SEED_GRAPH.states()
        ['AUS', 'CHN', 'IND', 'JPN', 'KOR', 'MMR', 'PRK', 'TWN', 'USA']
        >>> int(SEED_GRAPH.states().to_frame().set_index("state").loc["TWN", "partners"])
        1
        """
        index = self._index()
        codes = [_code(n) for n in index.nodes_by_kind.get("state", [])]
        # Taken now: the frame describes the graph as it was when asked.
        totals: dict[str, tuple[int, int]] | None = index.memo.get(("state_totals",))
        if totals is None:
            totals = index.memo["state_totals",] = {
                code: (len(index.neighbours.get(code, ())), sum(index.cells[code].values()))
                for code in codes
                if code in index.cells
            }

        def row(code: str) -> tuple[object, ...]:
            partners, support = totals.get(code, (0, 0))
            return (code, self._state_name(code), partners, support)

        return ResultList(codes, columns=("state", "name", "partners", "support"), row=row)

    def summary(self, top: int = 5) -> str:
        """A few lines describing the graph: counts and the strongest partnerships.

        >>> print(SEED_GRAPH.summary(top=2))
        AllianceGraph: 5 articles, 9 states, ... organizations, ... agreements, ... persons
        cooperation: ... edges, 5 state pairs, ... domains, ... sentences
        targets: ... edges
        top partnerships: JPN-USA (... sentences, ... domains), IND-JPN (..., ...)
        top domains: defense (... sentences), ...
        """
        index = self._index()
        found: str | None = index.memo.get(("summary", top))
        if found is not None:
            return found
        kinds = index.nodes_by_kind
        counts = {kind: len(kinds.get(kind, [])) for kind in kinds}
        # Each edge counts for both its states.
        domains = dict.fromkeys(index.domain_rows, 0)
        for row in index.cells.values():
            for domain, support in row.items():
                domains[domain] += support
        domains = {domain: support // 2 for domain, support in domains.items()}
        lines = [
            (
                f"AllianceGraph: {len(self.articles)} articles, {counts.get('state', 0)} states, "
                f"{counts.get('organization', 0)} organizations, "
                f"{counts.get('agreement', 0)} agreements, {counts.get('person', 0)} persons"
            ),
            (
                f"cooperation: {index.coop_edges} edges, {len(index.pairs)} state pairs, "
                f"{len(domains)} domains, {index.coop_support} sentences"
            ),
            f"targets: {len(index.targets)} edges",
        ]
        best = _top_pairs(index, top)
        if best:
            parts = [
                f"{a}-{b} ({s} sentences, {n} domains)" if i == 0 else f"{a}-{b} ({s}, {n})"
                for i, ((a, b), (s, n)) in enumerate(best)
            ]
            lines.append("top partnerships: " + ", ".join(parts))
        strongest = sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        if strongest:
            parts = [
                f"{d} ({s} sentences)" if i == 0 else f"{d} ({s})"
                for i, (d, s) in enumerate(strongest)
            ]
            lines.append("top domains: " + ", ".join(parts))
        text = "\n".join(lines)
        index.memo["summary", top] = text
        return text

    def domain_matrix(
        self, by: Literal["state", "pair"] = "state", groups: bool = False
    ) -> pd.DataFrame:
        """Cooperation sentences per state (or state pair) and domain.

        Rows are state codes (``by="state"``; a state counts every edge it is
        part of) or pairs written ``"IND-JPN"`` (``by="pair"``); columns are
        the domains used in the graph, or their top concepts (security,
        economic_security, technology, diplomacy) with ``groups=True``. Cells
        sum ``support``; rows and columns are sorted.

        >>> m = SEED_GRAPH.domain_matrix(groups=True)
        >>> list(m.columns)
        ['diplomacy', 'economic_security', 'security', 'technology']
        >>> int(m.loc["TWN", "security"]) == sum(
        ...     c.support for c in SEED_GRAPH.cooperation(state="TWN", domain="security"))
        True
        """
        import numpy as np
        import pandas as pd

        if by not in ("state", "pair"):
            raise ValueError(f"by={by!r}: use 'state' or 'pair'")
        index = self._index()
        key = ("domain_matrix", by, groups)
        cached: pd.DataFrame | None = index.memo.get(key)
        if cached is None:
            # Rows (states or pairs) by domain; the index keeps the states' sums.
            table: Mapping[str, Mapping[str, int]]
            if by == "state":
                table = index.cells
            else:
                table = {
                    f"{a}-{b}": {d: e.support for d, e in index.pairs[a, b].edges.items()}
                    for a, b in index.pair_keys()
                }
            group_of: dict[str, str] = {}
            if groups:
                for row in table.values():
                    for column in row:
                        if column not in group_of:
                            known = column in self.vocabulary.domains
                            group_of[column] = self.vocabulary.group_of(column) if known else column
                rows = sorted(r for r, cells in table.items() if cells)
                columns = sorted(set(group_of.values()))
            else:
                rows = sorted(r for r, cells in table.items() if cells)
                columns = sorted({c for cells in table.values() for c in cells})
            column_at = {c: i for i, c in enumerate(columns)}
            values = np.zeros((len(rows), len(columns)), dtype="int64")
            for i, r in enumerate(rows):
                line = values[i]
                for column, value in table[r].items():
                    line[column_at[group_of[column] if groups else column]] += value
            cached = pd.DataFrame(
                values,
                index=pd.Index(rows, name=by),
                columns=pd.Index(columns, name="group" if groups else "domain"),
            )
            index.memo[key] = cached
        frame: pd.DataFrame = cached.copy()
        return frame

    # --------------------------------------------------------------- views
    def state_graph(self, domain: str | None = None, min_support: int = 1) -> nx.Graph:
        """States joined by cooperation, as a weighted simple ``networkx.Graph``.

        Nodes are state codes (attribute ``label``); one edge per cooperating
        pair, with ``weight`` and ``support`` (sentences over the pair's
        edges on ``domain`` and under it), ``domains`` (a sorted tuple) and
        ``confidence`` (the highest). Edges below ``min_support`` sentences
        in total are left out, and so are states without edges.

        The graph is frozen (``nx.freeze``) because it is cached and shared
        between calls; ``networkx.Graph(g.state_graph())`` gives an editable copy.

        >>> sg = SEED_GRAPH.state_graph(domain="semiconductors")
        >>> sorted(sg.edges)
        [('IND', 'JPN'), ('JPN', 'KOR'), ('JPN', 'TWN'), ('JPN', 'USA'), ('KOR', 'USA')]
        >>> sg.edges["JPN", "TWN"]["domains"], sg.edges["JPN", "TWN"]["weight"]
        (('semiconductors',), 1)
        """
        index = self._index()
        wanted = self._domains(domain) if domain is not None else None
        key = ("state_graph", wanted, min_support)
        cached: nx.Graph | None = index.memo.get(key)
        if cached is not None:
            return cached
        with paused():
            if index.unordered_pairs:
                # Pairs against the alphabet: let networkx order the graph as it is built.
                groups: dict[Pair, list[CooperationEdge]] = defaultdict(list)
                for e in index.all_coop() if wanted is None else index.coop_in(wanted):
                    groups[e.a, e.b].append(e)
                out = self._project(groups, min_support)
            elif wanted is None:
                # The index keeps every pair's attributes and every state's
                # partners in order; the graph shares them (see state_rows).
                out = self._ordered_graph(index.state_rows(), min_support, index.lowest)
            else:
                rows = _neighbours(index.coop_in(wanted))
                out = self._ordered_graph(rows, min_support, None)
        # Shared between calls (it is cached), so it must not be edited.
        nx.freeze(out)
        index.memo[key] = out
        return out

    def _ordered_graph(
        self,
        rows: Mapping[str, dict[str, dict[str, Any]]],
        min_support: int,
        weakest: int | None,
    ) -> nx.Graph:
        """The state graph :meth:`_project` would build, put together without adding edges.

        ``rows`` holds each state's partners with the pair attributes;
        ``weakest`` is the lowest pair support if the rows are sorted, None
        if not. Adding the pairs in sorted order (as :meth:`_project` does)
        leaves each state's partners sorted and the states in the order of
        their first pair, so both are written directly.
        """
        if weakest is None or weakest < min_support:
            kept = {
                code: [
                    (other, attrs)
                    for other, attrs in row.items()
                    if attrs["support"] >= min_support
                ]
                for code, row in rows.items()
            }
            rows = {code: dict(sorted(row)) for code, row in kept.items() if row}
        first: dict[str, tuple[str, str, int]] = {}
        for code, row in rows.items():
            nearest = next(iter(row))
            first[code] = (nearest, code, 1) if nearest < code else (code, nearest, 0)
        order = sorted(first, key=first.__getitem__)
        out = nx.Graph()
        out._node = {code: {"label": self._state_name(code)} for code in order}
        out._adj = {code: rows[code] for code in order}
        return out

    def _project(
        self, groups: dict[tuple[str, str], list[CooperationEdge]], min_support: int
    ) -> nx.Graph:
        out = nx.Graph()
        for (a, b), edges in sorted(groups.items()):
            support = sum(e.support for e in edges)
            if support < min_support:
                continue
            for code in (a, b):
                if code not in out:
                    out.add_node(code, label=self._state_name(code))
            out.add_edge(
                a,
                b,
                weight=support,
                support=support,
                domains=tuple(sorted({e.domain for e in edges})),
                confidence=max(e.confidence for e in edges),
            )
        return out

    def subgraph(
        self, domain: str | None = None, states: Iterable[str] | None = None
    ) -> AllianceGraph:
        """A new graph holding only part of this one, with the same vocabulary.

        ``domain`` keeps the edges on that domain or under it (cooperation,
        ``covers``) and the ``party_to`` edges of the agreements covering it;
        other edges (targets, membership, persons) are left out. ``states``
        keeps the edges whose state ends are all among them (codes, names,
        demonyms or capitals). Nodes at the end of a kept edge stay, so do
        the listed states; articles stay if a kept edge or node cites them.
        Attributes are copied, so editing the new graph leaves this one as is.

        The copy is made when the new graph is first used, so that taking
        one costs little whatever its size. :meth:`~alliancegraph.AllianceGraph.add`
        on this graph makes the copies first; edit ``g.nx`` directly only
        after using the parts taken before.

        >>> sub = SEED_GRAPH.subgraph(domain="chips", states=["Japan", "Taiwan"])
        >>> [(c.a, c.b, c.domain) for c in sub.cooperation()]
        [('JPN', 'TWN', 'semiconductors')]
        >>> sorted(sub.articles)
        ['000_9468f97f7389ab17', '004_f865b4992f864025']
        >>> sub.agreements(party="Japan")[0].name
        'Japan-India Private-Sector Dialogue on Economic Security'
        """
        wanted = self._domains(domain) if domain is not None else None
        keep_states = {f"state:{self._state(s)}" for s in states} if states is not None else None
        if isinstance(states, str):
            raise ValueError(
                f"states={states!r}: give a list of states, e.g. states=['Japan', 'India']"
            )
        return self._deferred_part(lambda: self._part(wanted, keep_states))

    def _deferred_part(
        self, select: Callable[[], tuple[set[str], list[tuple[str, str, str, dict[str, Any]]]]]
    ) -> AllianceGraph:
        """A graph of the nodes and edges ``select`` gives, copied when first used."""
        raise NotImplementedError

    def _part(
        self, wanted: frozenset[str] | None, keep_states: set[str] | None
    ) -> tuple[set[str], list[tuple[str, str, str, dict[str, Any]]]]:
        """The nodes and edges of :meth:`subgraph`; its attribute dicts are this graph's own."""
        index = self._index()

        def state_ok(node: str) -> bool:
            return keep_states is None or not node.startswith("state:") or node in keep_states

        edges: list[tuple[str, str, str, dict[str, Any]]] = []
        seen: set[tuple[str, str, str]] = set()

        def take(u: str, v: str, key: str, data: dict[str, Any]) -> None:
            if (u, v, key) not in seen and state_ok(u) and state_ok(v):
                seen.add((u, v, key))
                edges.append((u, v, key, data))

        if wanted is not None:
            succ = self.nx.succ
            for e in index.coop_in(wanted):
                u, v, key = _node_of(e.a), _node_of(e.b), f"cooperates_with:{e.domain}"
                take(u, v, key, succ[u][v][key])
            for d in sorted(wanted):
                node = f"domain:{d}"
                if node in self.nx:
                    for u, v, key, data in self.nx.in_edges(node, keys=True, data=True):
                        if data["domain"] in wanted:
                            take(u, v, key, data)
            agreements = sorted(
                set(chain.from_iterable(index.agreements_by_domain.get(d, []) for d in wanted))
            )
            for node in agreements:
                for u, v, key, data in self.nx.in_edges(node, keys=True, data=True):
                    if data["predicate"] == "party_to":
                        take(u, v, key, data)
        elif keep_states is not None:
            for node in sorted(keep_states & set(self.nx)):
                for u, v, key, data in chain(
                    self.nx.out_edges(node, keys=True, data=True),
                    self.nx.in_edges(node, keys=True, data=True),
                ):
                    take(u, v, key, data)
            # A person or agreement kept for these states brings its own facts
            # (an agreement's domains, a person's office) along.
            extra = {
                n for u, v, _, _ in edges for n in (u, v) if not n.startswith(("state:", "domain:"))
            }
            for node in sorted(extra):
                for u, v, key, data in self.nx.out_edges(node, keys=True, data=True):
                    take(u, v, key, data)
        else:
            for u, v, key, data in self.nx.edges(keys=True, data=True):
                take(u, v, key, data)

        if wanted is None and keep_states is None:
            nodes = set(self.nx)
        else:
            nodes = {n for u, v, _, _ in edges for n in (u, v)}
            nodes |= {f"domain:{d['domain']}" for _, _, _, d in edges if d["domain"]}
            nodes &= set(self.nx)
            if keep_states is not None:
                nodes |= keep_states & set(self.nx)
        return nodes, edges

    def ego(self, state: str, radius: int = 1, domain: str | None = None) -> AllianceGraph:
        """The part of the graph around one state: its partners up to ``radius`` steps away.

        Steps follow cooperation (on ``domain`` and under it, if given); the
        result is :meth:`subgraph` of those states, copied when first used.

        >>> sorted(SEED_GRAPH.ego("Taiwan").states())
        ['JPN', 'TWN']
        >>> sorted(SEED_GRAPH.ego("Taiwan", radius=2).states())
        ['IND', 'JPN', 'KOR', 'TWN', 'USA']
        """
        code = self._state(state)
        wanted = self._domains(domain) if domain is not None else None
        index = self._index()
        ball = {code}
        frontier = {code}
        for _ in range(radius):
            reached: set[str] = set()
            for s in frontier:
                if wanted is None:
                    reached.update(index.neighbours.get(s, ()))
                    continue
                for pair in index.state_pairs.get(s, ()):
                    rec = index.pairs[pair]
                    if not wanted.isdisjoint(rec.edges):
                        reached.add(rec.b if rec.a == s else rec.a)
            frontier = reached - ball
            ball |= frontier
            if not frontier:
                break
        return self.subgraph(domain=domain, states=sorted(ball))


def _neighbours(edges: Iterable[CooperationEdge]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per state, its partners and the state-graph attributes of each pair, from these edges."""
    pairs: dict[Pair, list[CooperationEdge]] = defaultdict(list)
    for e in edges:
        pairs[e.a, e.b].append(e)
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for (a, b), group in pairs.items():
        support = sum(e.support for e in group)
        attrs = {
            "weight": support,
            "support": support,
            "domains": tuple(sorted({e.domain for e in group})),
            "confidence": max(e.confidence for e in group),
        }
        out[a][b] = out[b][a] = attrs
    return out


def _top_pairs(index: _Index, top: int) -> list[tuple[Pair, tuple[int, int]]]:
    """The ``top`` pairs by support (then by codes), with (support, domains) each."""
    if 0 < top <= _BOARD:
        ranked = index.board[:top]
    else:
        # Beyond the ranked few, or a slice counting from the end: rank everything.
        ranked = sorted(index.pairs.values(), key=_pair_rank)[:top]
    return [(rec.key, (rec.support, len(rec.edges))) for rec in ranked]
