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

Queries use per-graph indexes (by predicate, state, domain, pair, article,
party ...) built on first use and rebuilt when the graph changes: when its
node or article count changes (every :meth:`~alliancegraph.AllianceGraph.add`
of a new article), or after :meth:`~QueryMixin.clear_query_cache`, which code
editing ``g.nx`` directly must call.

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
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
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
def _code(node: str) -> str:
    return node.removeprefix("state:")


def _bulk(build: Callable[[_Index], R]) -> Callable[[_Index], R]:
    """Run an index builder with the garbage collector paused."""

    def run(index: _Index) -> R:
        with paused():
            return build(index)

    run.__name__ = build.__name__
    run.__doc__ = build.__doc__
    return run


class _Index:
    """Lookup tables over one state of a graph, each built on first use.

    Results are immutable, so the tables hold finished result objects and
    queries only select from them. The owner drops the whole index when the
    graph changes (see :meth:`QueryMixin._index`).
    """

    def __init__(self, graph: nx.MultiDiGraph, key: tuple[int, ...]) -> None:
        self.graph = graph
        self.key = key
        #: Derived answers (partners, projections, matrices ...) by query and arguments.
        self.memo: dict[tuple[Any, ...], Any] = {}

    @cached_property
    @_bulk
    def by_predicate(self) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
        out: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for u, v, data in self.graph.edges(data=True):
            out[data["predicate"]].append((u, v, data))
        return dict(out)

    @cached_property
    @_bulk
    def nodes_by_kind(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for node, kind in self.graph.nodes(data="kind"):
            out[str(kind)].append(node)
        return {kind: sorted(nodes) for kind, nodes in out.items()}

    # cooperation
    @cached_property
    @_bulk
    def coop(self) -> list[CooperationEdge]:
        edges = [
            CooperationEdge(
                _code(u),
                _code(v),
                d["domain"],
                d["support"],
                d["confidence"],
                tuple(d["evidence"]),
                tuple(d["articles"]),
            )
            for u, v, d in self.by_predicate.get("cooperates_with", [])
        ]
        edges.sort(key=_edge_order)
        return edges

    @cached_property
    @_bulk
    def coop_by_domain(self) -> dict[str, list[CooperationEdge]]:
        out: dict[str, list[CooperationEdge]] = defaultdict(list)
        for edge in self.coop:
            out[edge.domain].append(edge)
        return dict(out)

    @cached_property
    @_bulk
    def coop_by_state(self) -> dict[str, list[CooperationEdge]]:
        out: dict[str, list[CooperationEdge]] = defaultdict(list)
        for edge in self.coop:
            out[edge.a].append(edge)
            out[edge.b].append(edge)
        return dict(out)

    @cached_property
    @_bulk
    def coop_by_pair(self) -> dict[tuple[str, str], list[CooperationEdge]]:
        out: dict[tuple[str, str], list[CooperationEdge]] = defaultdict(list)
        for edge in self.coop:
            out[edge.a, edge.b].append(edge)
        return dict(out)

    @cached_property
    @_bulk
    def coop_by_article(self) -> dict[str, list[CooperationEdge]]:
        out: dict[str, list[CooperationEdge]] = defaultdict(list)
        for edge in self.coop:
            for article in edge.articles:
                out[article].append(edge)
        return dict(out)

    def coop_in(self, domains: frozenset[str]) -> list[CooperationEdge]:
        """The edges on any of ``domains``, in result order (merged once per set)."""
        key = ("coop_in", domains)
        found: list[CooperationEdge] | None = self.memo.get(key)
        if found is None:
            lists = [self.coop_by_domain.get(d, []) for d in sorted(domains)]
            found = lists[0] if len(lists) == 1 else sorted(chain(*lists), key=_edge_order)
            self.memo[key] = found
        return found

    @cached_property
    @_bulk
    def pair_totals(self) -> dict[tuple[str, str], tuple[int, int]]:
        """Per pair: (cooperation sentences, domains)."""
        return {
            pair: (sum(e.support for e in edges), len(edges))
            for pair, edges in self.coop_by_pair.items()
        }

    @cached_property
    @_bulk
    def domain_totals(self) -> dict[str, int]:
        """Per domain: cooperation sentences."""
        return {d: sum(e.support for e in edges) for d, edges in self.coop_by_domain.items()}

    @cached_property
    @_bulk
    def state_totals(self) -> dict[str, tuple[int, int]]:
        """Per state: (number of partners, cooperation sentences)."""
        out = {}
        for state, edges in self.coop_by_state.items():
            partners = {e.a if e.b == state else e.b for e in edges}
            out[state] = (len(partners), sum(e.support for e in edges))
        return out

    # agreements
    @cached_property
    @_bulk
    def agreements_by_party(self) -> dict[str, list[str]]:
        return self._agreements_by("parties")

    @cached_property
    @_bulk
    def agreements_by_domain(self) -> dict[str, list[str]]:
        return self._agreements_by("domains")

    def _agreements_by(self, attribute: str) -> dict[str, list[str]]:
        """Agreement node ids under each value of a list attribute (parties, domains)."""
        out: dict[str, list[str]] = defaultdict(list)
        for node in self.nodes_by_kind.get("agreement", []):
            for value in self.graph.nodes[node].get(attribute, ()):
                out[value].append(node)
        return dict(out)

    @cached_property
    @_bulk
    def names(self) -> dict[str, dict[str, str]]:
        """Casefolded names of organisations and agreements, by kind, to node ids."""
        orgs: dict[str, str] = {}
        for node in self.nodes_by_kind.get("organization", []):
            orgs.setdefault(node.removeprefix("org:").casefold(), node)
            orgs.setdefault(str(self.graph.nodes[node].get("label", "")).casefold(), node)
        agreements: dict[str, str] = {}
        for node in self.nodes_by_kind.get("agreement", []):
            attrs = self.graph.nodes[node]
            for name in (attrs.get("label", ""), *attrs.get("aliases", ())):
                agreements.setdefault(str(name).casefold(), node)
            agreements.setdefault(node.removeprefix("agreement:"), node)
        return {"organization": orgs, "agreement": agreements}

    # targets and persons
    @cached_property
    @_bulk
    def targets(self) -> list[TargetResult]:
        out = [
            TargetResult(
                _code(u),
                _code(v),
                d["support"],
                d["confidence"],
                tuple(d["evidence"]),
                tuple(d["articles"]),
            )
            for u, v, d in self.by_predicate.get("targets", [])
        ]
        out.sort(key=lambda t: (t.source, t.target))
        return out

    @cached_property
    @_bulk
    def targets_by_actor(self) -> dict[str, list[TargetResult]]:
        out: dict[str, list[TargetResult]] = defaultdict(list)
        for t in self.targets:
            out[t.source].append(t)
            if t.target != t.source:
                out[t.target].append(t)
        return dict(out)

    @cached_property
    @_bulk
    def persons(self) -> list[PersonResult]:
        out = []
        for node in self.nodes_by_kind.get("person", []):
            attrs = self.graph.nodes[node]
            evidence = _merge_evidence(
                d["evidence"]
                for _, _, d in self.graph.out_edges(node, data=True)
                if d["predicate"] == "acts_for"
            )
            out.append(
                PersonResult(
                    id=node.removeprefix("person:"),
                    name=str(attrs.get("label", node)),
                    state=attrs.get("state"),
                    role=attrs.get("role"),
                    articles=tuple(attrs.get("articles", ())),
                    evidence=evidence,
                )
            )
        return out

    @cached_property
    @_bulk
    def persons_by_state(self) -> dict[str | None, list[PersonResult]]:
        out: dict[str | None, list[PersonResult]] = defaultdict(list)
        for person in self.persons:
            out[person.state].append(person)
        return dict(out)


def _edge_order(edge: CooperationEdge) -> tuple[str, str, str]:
    return (edge.a, edge.b, edge.domain)


# ------------------------------------------------------------------ the mixin
class QueryMixin:
    """Query helpers mixed into :class:`~alliancegraph.AllianceGraph`."""

    nx: nx.MultiDiGraph
    vocabulary: Vocabulary
    articles: dict[str, Article]
    _query_index: _Index | None = None
    _query_version: int = 0

    # ------------------------------------------------------------ plumbing
    def clear_query_cache(self) -> None:
        """Drop the query indexes; call after editing ``g.nx`` directly.

        Adding articles (:meth:`~alliancegraph.AllianceGraph.add`) or nodes
        is noticed without this; new edges between existing nodes and
        attributes changed in place are not.
        """
        self._query_version += 1
        self._query_index = None

    def _index(self) -> _Index:
        # Only O(1) signals: networkx counts a multigraph's edges by walking
        # every adjacency, which would cost more than most queries.
        key = (self.nx.number_of_nodes(), len(self.articles), self._query_version)
        index = self._query_index
        if index is None or index.key != key or index.graph is not self.nx:
            log.debug("building query indexes for %d nodes", key[0])
            index = _Index(self.nx, key)
            self._query_index = index
        return index

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
            by_pair = index.coop_by_pair.get(pair, [])
            options.append((len(by_pair), "pair", lambda: by_pair))
        if code is not None:
            by_state = index.coop_by_state.get(code, [])
            options.append((len(by_state), "state", lambda: by_state))
        if article_id is not None:
            by_article = index.coop_by_article.get(article_id, [])
            options.append((len(by_article), "article", lambda: by_article))
        if wanted is not None:
            size = sum(len(index.coop_by_domain.get(d, ())) for d in wanted)
            options.append((size, "domain", lambda: index.coop_in(wanted)))
        if not options:
            options.append((len(index.coop), "", lambda: index.coop))
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
        edges = self.cooperation(domain=domain, state=code, min_support=min_support)
        by_partner: dict[str, list[CooperationEdge]] = defaultdict(list)
        for edge in edges:
            by_partner[edge.b if edge.a == code else edge.a].append(edge)
        out = []
        for other, group in by_partner.items():
            group.sort(key=lambda e: (-e.support, e.domain))
            out.append(
                Partner(
                    state=other,
                    name=self._state_name(other),
                    support=sum(e.support for e in group),
                    domains=tuple(e.domain for e in group),
                    confidence=max(e.confidence for e in group),
                    articles=tuple(sorted({a for e in group for a in e.articles})),
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
        memo = self._index().memo
        found: AgreementResult | None = memo.get(("agreement", node))
        if found is None:
            found = self._make_agreement_result(node)
            memo["agreement", node] = found
        return found

    def _make_agreement_result(self, node: str) -> AgreementResult:
        attrs = self.nx.nodes[node]
        evidence = _merge_evidence(
            chain(
                (
                    d["evidence"]
                    for _, _, d in self.nx.in_edges(node, data=True)
                    if d["predicate"] == "party_to"
                ),
                (
                    d["evidence"]
                    for _, _, d in self.nx.out_edges(node, data=True)
                    if d["predicate"] == "covers"
                ),
            )
        )
        return AgreementResult(
            id=node.removeprefix("agreement:"),
            name=str(attrs.get("label", node)),
            kind=str(attrs.get("agreement_kind", "agreement")),
            parties=tuple(attrs.get("parties", ())),
            domains=tuple(attrs.get("domains", ())),
            date=attrs.get("date"),
            status=attrs.get("status"),
            aliases=tuple(attrs.get("aliases", ())),
            articles=tuple(attrs.get("articles", ())),
            evidence=evidence,
        )

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
            out.append(self._agreement_result(node))
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
            return _results(index.targets, TargetResult)
        found = index.targets_by_actor.get(self._state(state), [])
        return _results(found, TargetResult)

    def persons(self, state: str | None = None) -> ResultList[PersonResult]:
        """Named persons (office-holders), optionally of one state; sorted by id.

        >>> [(p.name, p.role) for p in SEED_GRAPH.persons("India")]
        [('Narendra Modi', 'Prime Minister'), ('S. Jaishankar', 'External Affairs Minister')]
        """
        index = self._index()
        if state is None:
            return _results(index.persons, PersonResult)
        return _results(index.persons_by_state.get(self._state(state), []), PersonResult)

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
        totals = index.state_totals

        def row(code: str) -> tuple[object, ...]:
            partners, support = totals.get(code, (0, 0))
            return (code, self._state_name(code), partners, support)

        codes = [_code(n) for n in index.nodes_by_kind.get("state", [])]
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
        pairs = index.pair_totals
        domains = index.domain_totals
        sentences = sum(s for s, _ in pairs.values())
        lines = [
            (
                f"AllianceGraph: {len(self.articles)} articles, {counts.get('state', 0)} states, "
                f"{counts.get('organization', 0)} organizations, "
                f"{counts.get('agreement', 0)} agreements, {counts.get('person', 0)} persons"
            ),
            (
                f"cooperation: {len(index.coop)} edges, {len(pairs)} state pairs, "
                f"{len(domains)} domains, {sentences} sentences"
            ),
            f"targets: {len(index.by_predicate.get('targets', []))} edges",
        ]
        best = sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[0]))[:top]
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
            cells: dict[tuple[str, str], int] = defaultdict(int)
            group_of: dict[str, str] = {}
            for e in index.coop:
                column = e.domain
                if groups:
                    if column not in group_of:
                        known = column in self.vocabulary.domains
                        group_of[column] = self.vocabulary.group_of(column) if known else column
                    column = group_of[column]
                for r in (e.a, e.b) if by == "state" else (f"{e.a}-{e.b}",):
                    cells[r, column] += e.support
            rows = sorted({r for r, _ in cells})
            columns = sorted({c for _, c in cells})
            row_at = {r: i for i, r in enumerate(rows)}
            column_at = {c: i for i, c in enumerate(columns)}
            values = np.zeros((len(rows), len(columns)), dtype="int64")
            for (r, c), value in cells.items():
                values[row_at[r], column_at[c]] = value
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
        if wanted is None:
            groups: dict[tuple[str, str], list[CooperationEdge]] = index.coop_by_pair
        else:
            groups = defaultdict(list)
            for e in index.coop_in(wanted):
                groups[e.a, e.b].append(e)
        with paused():
            out = self._project(groups, min_support)
        # Shared between calls (it is cached), so it must not be edited.
        nx.freeze(out)
        index.memo[key] = out
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

        >>> sub = SEED_GRAPH.subgraph(domain="chips", states=["Japan", "Taiwan"])
        >>> [(c.a, c.b, c.domain) for c in sub.cooperation()]
        [('JPN', 'TWN', 'semiconductors')]
        >>> sorted(sub.articles)
        ['000_9468f97f7389ab17', '004_f865b4992f864025']
        >>> sub.agreements(party="Japan")[0].name
        'Japan-India Private-Sector Dialogue on Economic Security'
        """

        index = self._index()
        wanted = self._domains(domain) if domain is not None else None
        keep_states = {f"state:{self._state(s)}" for s in states} if states is not None else None
        if isinstance(states, str):
            raise ValueError(
                f"states={states!r}: give a list of states, e.g. states=['Japan', 'India']"
            )

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
                u, v, key = f"state:{e.a}", f"state:{e.b}", f"cooperates_with:{e.domain}"
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

        with paused():
            return self._copy_part(nodes, edges)

    def _copy_part(
        self, nodes: set[str], edges: list[tuple[str, str, str, dict[str, Any]]]
    ) -> AllianceGraph:
        """A new graph of these nodes and edges, attributes copied."""
        from .graph import AllianceGraph

        sub = AllianceGraph(self.vocabulary)
        cited: set[str] = set()
        node_attrs = self.nx.nodes
        sub.nx.add_nodes_from((node, dict(node_attrs[node])) for node in sorted(nodes))
        for node, attrs in sub.nx.nodes(data=True):
            if attrs.get("kind") in ("agreement", "person"):
                cited.update(attrs.get("articles", ()))
            if attrs.get("kind") == "agreement":
                for name in (attrs.get("label", ""), *attrs.get("aliases", ())):
                    sub._alias_index.setdefault(slugify(str(name)), node)
        # Evidence lists are copied so that merging into the new graph leaves this one alone.
        sub.nx.add_edges_from(
            (u, v, key, {**data, "evidence": list(data["evidence"])}) for u, v, key, data in edges
        )
        for *_, data in edges:
            cited.update(data["articles"])
        sub.articles = {a: self.articles[a] for a in sorted(cited) if a in self.articles}
        return sub

    def ego(self, state: str, radius: int = 1, domain: str | None = None) -> AllianceGraph:
        """The part of the graph around one state: its partners up to ``radius`` steps away.

        Steps follow cooperation (on ``domain`` and under it, if given); the
        result is :meth:`subgraph` of those states.

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
            reached = set()
            for s in frontier:
                for e in index.coop_by_state.get(s, []):
                    if wanted is None or e.domain in wanted:
                        reached.add(e.b if e.a == s else e.a)
            frontier = reached - ball
            ball |= frontier
            if not frontier:
                break
        return self.subgraph(domain=domain, states=sorted(ball))
