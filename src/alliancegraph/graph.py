"""The alliance knowledge graph: a networkx multigraph with typed facts.

Nodes have stable ids and a ``kind``:

==============  ===================  ==========================================
kind            id                   attributes
==============  ===================  ==========================================
state           ``state:JPN``        label, name, wikidata, short_names
organization    ``org:quad``         label, org_kind, members, wikidata
agreement       ``agreement:<slug>`` label, agreement_kind, aliases, parties,
                                     domains, date, status, articles
person          ``person:<slug>``    label, state, role, articles
domain          ``domain:<id>``      label, broader, group
==============  ===================  ==========================================

Edges run ``subject → object`` with key ``predicate`` or
``predicate:domain`` (cooperation is stored once, from the alphabetically
first state). Each edge carries ``predicate``, ``domain``, ``evidence`` (a
list of :class:`~alliancegraph.models.Evidence`), ``support`` (how many
sentences), ``confidence`` and ``articles``. The same fact found in several
articles is one edge whose evidence lists every supporting sentence.

>>> g = SEED_GRAPH
>>> g.nx.number_of_nodes() > 10
True
>>> edge = g.nx.edges["state:JPN", "state:TWN", "cooperates_with:semiconductors"]
>>> edge["support"], edge["articles"]
(1, ('000_9468f97f7389ab17',))
"""

from __future__ import annotations

import bisect
import logging
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ._gc import paused
from .exceptions import CorpusError
from .extraction import agreement_node, person_node
from .models import Agreement, Article, ArticleExtraction, Evidence, Relation, slugify
from .query import QueryMixin, _Index
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    import rdflib

__all__ = ["AllianceGraph"]

log = logging.getLogger(__name__)

FORMAT_VERSION = 1

#: What :meth:`QueryMixin._part` selects: nodes, and edges with this graph's attribute dicts.
_Part = tuple[set[str], list[tuple[str, str, str, dict[str, Any]]]]

_NO_EDGES: Mapping[str, Any] = {}


class AllianceGraph(QueryMixin):
    """Facts from many articles, merged, with their evidence.

    Build one with :func:`alliancegraph.build_graph`, or add extractions one
    by one with :meth:`add`.
    """

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary or Vocabulary.default()
        self.nx: nx.MultiDiGraph = nx.MultiDiGraph()
        self.articles: dict[str, Article] = {}
        self._alias_index: dict[str, str] = {}
        #: Files that could not be read while building (one error each).
        self.problems: list[CorpusError] = []
        self._query_index = None
        #: Subgraphs taken from this graph and not copied yet (see _deferred_part).
        self._parts: list[weakref.ref[AllianceGraph]] = []

    # ------------------------------------------------------------- building
    def add(self, extraction: ArticleExtraction) -> None:
        """Merge one article's extraction into the graph.

        Once queries have used the graph, its query indexes follow along; a
        graph built without asking anything is indexed when first asked
        (or by :meth:`prepare_queries`).
        """
        self._copy_parts()
        index = self._live_index()
        if index is not None:
            index.memo = {}
        try:
            self._add(extraction)
        except BaseException:
            # Half an article may be in the graph: let the next query read it all.
            self._query_index = None
            raise
        if index is not None and self._query_index is index:
            index.finish(len(self.articles))

    def _add(self, extraction: ArticleExtraction) -> None:
        article = extraction.article
        if article.id in self.articles:
            log.warning("article %s added twice; its facts merge with the first", article.id)
        self.articles[article.id] = article
        nodes = self.nx._node
        for state in extraction.states:
            # Tested here: an article names twenty states, nearly all known.
            if f"state:{state}" not in nodes:
                self._state_node(state)
        for org_id in extraction.organizations:
            self._org_node(org_id)
        renames: dict[str, str] = {}
        for agreement in extraction.agreements:
            node = self._agreement_node(agreement, article.id)
            renames[agreement_node(agreement)] = node
        for person in extraction.persons:
            node = person_node(person.name)
            attrs = self.nx.nodes[node] if node in self.nx else None
            if attrs is None:
                self._new_node(
                    node,
                    kind="person",
                    label=person.name,
                    state=person.state,
                    role=person.role,
                    articles=(article.id,),
                )
            else:
                attrs["articles"] = _add_sorted(attrs["articles"], article.id)
                if attrs.get("role") is None and person.role:
                    attrs["role"] = person.role
                if self._query_index is not None:
                    self._query_index.person_changed(node)
        for relation in extraction.relations:
            self._add_relation(relation, renames)

    def _new_node(self, node: str, **attrs: Any) -> None:
        """Add a node and tell the query indexes."""
        known = node in self.nx
        self.nx.add_node(node, **attrs)
        index = self._query_index
        if index is not None:
            if known:
                # Attributes replaced wholesale: rare enough to read the graph again.
                self._query_index = None
            else:
                index.node_added(node, self.nx.nodes[node])

    def _state_node(self, state: str) -> str:
        node = f"state:{state}"
        if node not in self.nx:
            entry = self.vocabulary.states.get(state)
            name = entry.name if entry else state
            self._new_node(
                node,
                kind="state",
                label=name,
                wikidata=entry.wikidata if entry else None,
                short_names=tuple(entry.aliases) if entry else (),
            )
        return node

    def _org_node(self, org_id: str) -> str:
        node = f"org:{org_id}"
        if node not in self.nx:
            org = self.vocabulary.organizations.get(org_id)
            self._new_node(
                node,
                kind="organization",
                label=org.name if org else org_id,
                org_kind=org.kind if org else "organization",
                members=tuple(org.members) if org else (),
                wikidata=org.wikidata if org else None,
            )
        return node

    def _domain_node(self, domain: str) -> str:
        node = f"domain:{domain}"
        if node not in self.nx:
            concept = self.vocabulary.domains.get(domain)
            self._new_node(
                node,
                kind="domain",
                label=concept.label if concept else domain,
                broader=concept.broader if concept else None,
                group=self.vocabulary.group_of(domain) if concept else None,
            )
        return node

    def _agreement_node(self, agreement: Agreement, article_id: str) -> str:
        keys = [slugify(agreement.name), *(slugify(a) for a in agreement.aliases)]
        node = next((self._alias_index[k] for k in keys if k in self._alias_index), None)
        if node is None:
            node = agreement_node(agreement)
            self._new_node(
                node,
                kind="agreement",
                label=agreement.name,
                agreement_kind=agreement.kind,
                aliases=(),
                parties=(),
                domains=(),
                date=None,
                status=None,
                articles=(),
            )
        attrs = self.nx.nodes[node]
        # What is new to this node, for the query indexes.
        added: list[set[str]] = []
        names = agreement.aliases
        if agreement.name != attrs["label"]:
            names = (*names, agreement.name)
        for name, found in (
            ("aliases", names),
            ("parties", agreement.parties),
            ("domains", agreement.domains),
        ):
            known: tuple[str, ...] = attrs[name]
            # A popular agreement has hundreds of parties and rarely gains one:
            # looked up in the sorted tuple, which is only rebuilt for news.
            if all(_holds(known, item) for item in found):
                added.append(set())
                continue
            before = set(known)
            added.append(set(found) - before)
            attrs[name] = tuple(sorted(before.union(found)))
        attrs["date"] = attrs["date"] or agreement.date
        attrs["status"] = attrs["status"] or agreement.status
        attrs["articles"] = _add_sorted(attrs["articles"], article_id)
        if self._query_index is not None:
            aliases, parties, domains = added
            self._query_index.agreement_changed(node, parties, domains, aliases)
        for key in keys:
            self._alias_index.setdefault(key, node)
        nodes = self.nx._node
        for party in agreement.parties:
            if f"state:{party}" not in nodes:
                self._state_node(party)
        return node

    def _add_relation(self, relation: Relation, renames: dict[str, str]) -> None:
        subject = relation.subject
        obj = relation.object
        if renames:
            subject = renames.get(subject, subject)
            obj = renames.get(obj, obj)
        graph = self.nx
        # networkx's own dicts: this runs for every fact, and the methods cost more.
        nodes = graph._node
        if subject not in nodes:
            self._ensure_node(subject)
        if obj not in nodes:
            self._ensure_node(obj)
        predicate = relation.predicate
        domain = relation.domain
        key: str
        if domain is None:
            key = predicate
        else:
            key = f"{predicate}:{domain}"
            if f"domain:{domain}" not in nodes:
                self._domain_node(domain)
        new = relation.evidence
        data = graph._succ[subject].get(obj, _NO_EDGES).get(key)
        index = self._query_index
        if data is None:
            whole = index is None and len(new) == 1
            first: tuple[list[Evidence], int, float, tuple[str, ...]]
            if whole:
                # Most facts are new edges with one sentence: made whole in one go,
                # with the noisy-or of one sentence as _merge_evidence works it out.
                [e] = new
                first = ([e], 1, round(1.0 - (1.0 - e.confidence), 4), (e.article,))
            else:
                first = ([], 0, 0.0, ())
            evidence, support, confidence, articles = first
            graph.add_edge(
                subject,
                obj,
                key=key,
                predicate=predicate,
                domain=domain,
                evidence=evidence,
                support=support,
                confidence=confidence,
                articles=articles,
            )
            if whole:
                return
            data = graph._succ[subject][obj][key]
        support, articles = data["support"], data["articles"]
        _merge_evidence(data, new)
        if index is not None:
            # Evidence already on the edge is skipped; if any was, which is not known.
            added = new if data["support"] - support == len(new) else None
            index.edge_grew(subject, obj, key, data, support, articles, added)

    def _ensure_node(self, node: str) -> None:
        kind, _, ident = node.partition(":")
        if kind == "state":
            self._state_node(ident)
        elif kind == "org":
            self._org_node(ident)
        elif kind == "domain":
            self._domain_node(ident)
        else:
            self._new_node(
                node,
                kind={"agreement": "agreement", "person": "person"}.get(kind, kind),
                label=ident,
            )

    # ---------------------------------------------------------- serialising
    def to_dict(self) -> dict[str, Any]:
        """The whole graph as plain JSON-ready data, in a stable order."""
        with paused():  # many objects, no cycles: see _gc
            return {
                "format": "alliancegraph",
                "version": FORMAT_VERSION,
                **{section: list(records) for section, records in self._sections()},
            }

    def _sections(self) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
        """The lists of :meth:`to_dict` ("articles", "nodes", "edges"), each made a
        record at a time: a writer that streams them never holds the whole graph
        twice (at 100,000 articles, the evidence alone is 1.5 million records).
        """
        yield (
            "articles",
            (a.model_dump(mode="json") for _, a in sorted(self.articles.items())),
        )
        yield (
            "nodes",
            (
                {"id": node, **{k: _plain(v) for k, v in sorted(attrs.items())}}
                for node, attrs in sorted(self.nx.nodes(data=True))
            ),
        )
        yield "edges", self._edge_records()

    def _edge_records(self) -> Iterator[dict[str, Any]]:
        for u, v, key, attrs in sorted(
            self.nx.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])
        ):
            yield {
                "source": u,
                "target": v,
                "key": key,
                "predicate": attrs["predicate"],
                "domain": attrs["domain"],
                "support": attrs["support"],
                "confidence": attrs["confidence"],
                "articles": list(attrs["articles"]),
                "evidence": [e.model_dump(mode="json") for e in attrs["evidence"]],
            }

    @classmethod
    def from_dict(cls, data: dict[str, Any], vocabulary: Vocabulary | None = None) -> AllianceGraph:
        """The graph :meth:`to_dict` wrote.

        Raises ``ValueError`` naming the section, the position and the problem
        when the data is not of that shape.
        """
        with paused():  # many objects, no cycles: see _gc
            return cls._from_dict(data, vocabulary)

    @classmethod
    def _from_dict(cls, data: dict[str, Any], vocabulary: Vocabulary | None) -> AllianceGraph:
        g = cls(vocabulary)
        for section in ("articles", "nodes", "edges"):
            if not isinstance(data.get(section), list):
                raise ValueError(f"{section!r} must be a list")
        for i, raw in enumerate(data["articles"]):
            try:
                article = Article.model_validate(raw)
            except ValueError as err:
                raise ValueError(f"articles[{i}]: {err}") from err
            g.articles[article.id] = article
        for i, raw in enumerate(data["nodes"]):
            try:
                attrs = {k: _tuple(v) for k, v in raw.items() if k != "id"}
                node = raw["id"]
                if not isinstance(node, str):
                    raise TypeError(f"id must be a string, not {type(node).__name__}")
                g.nx.add_node(node, **attrs)
                if attrs.get("kind") == "agreement":
                    for name in (attrs.get("label", ""), *attrs.get("aliases", ())):
                        g._alias_index.setdefault(slugify(str(name)), node)
            except (AttributeError, KeyError, TypeError) as err:
                raise ValueError(f"nodes[{i}]: {err!r}") from err
        for i, raw in enumerate(data["edges"]):
            try:
                g.nx.add_edge(
                    raw["source"],
                    raw["target"],
                    key=raw["key"],
                    predicate=raw["predicate"],
                    domain=raw["domain"],
                    support=int(raw["support"]),
                    confidence=float(raw["confidence"]),
                    articles=tuple(raw["articles"]),
                    evidence=[Evidence.model_validate(e) for e in raw["evidence"]],
                )
            except (AttributeError, KeyError, TypeError, ValueError) as err:
                raise ValueError(f"edges[{i}]: {err!r}") from err
        try:
            # Indexed now, so that the first query costs no more than the next;
            # a value of the wrong type fails here, not in the analyst's query.
            g._query_index = _Index.build(g.nx, len(g.articles))
        except (AttributeError, KeyError, TypeError, ValueError) as err:
            raise ValueError(f"an attribute has the wrong type: {err!r}") from err
        return g

    # ------------------------------------------------------------ subgraphs
    def _deferred_part(self, select: Callable[[], _Part]) -> AllianceGraph:
        """A new graph of the part of this one that ``select`` picks, copied when first used."""
        part = _PendingGraph.__new__(_PendingGraph)
        part.vocabulary = self.vocabulary
        part.problems = []
        part._query_index = None
        part._parts = []
        part._pending = (self, select)
        if len(self._parts) >= 64:
            self._parts = [ref for ref in self._parts if ref() is not None]
        self._parts.append(weakref.ref(part))
        return part

    def _copy_parts(self) -> None:
        """Copy the parts taken from this graph now, before it changes."""
        parts, self._parts = self._parts, []
        for ref in parts:
            part = ref()
            if isinstance(part, _PendingGraph):
                part._copy()

    def _fill(self, source: AllianceGraph, nodes: set[str], edges: Iterable[Any]) -> None:
        """Make this graph a copy of ``source``'s ``nodes`` and ``edges``, attributes copied."""
        self.nx = nx.MultiDiGraph()
        self._alias_index = {}
        cited: set[str] = set()
        node_attrs = source.nx.nodes
        with paused():
            self.nx.add_nodes_from((node, dict(node_attrs[node])) for node in sorted(nodes))
            for node, attrs in self.nx.nodes(data=True):
                if attrs.get("kind") in ("agreement", "person"):
                    cited.update(attrs.get("articles", ()))
                if attrs.get("kind") == "agreement":
                    for name in (attrs.get("label", ""), *attrs.get("aliases", ())):
                        self._alias_index.setdefault(slugify(str(name)), node)
            # Evidence lists are copied so that merging into the new graph leaves the source alone.
            self.nx.add_edges_from(
                (u, v, key, {**data, "evidence": list(data["evidence"])})
                for u, v, key, data in edges
            )
            for *_, data in edges:
                cited.update(data["articles"])
        self.articles = {a: source.articles[a] for a in sorted(cited) if a in source.articles}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_parts"] = []
        return state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AllianceGraph):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<AllianceGraph: {len(self.articles)} articles, {self.nx.number_of_nodes()} nodes, "
            f"{self.nx.number_of_edges()} edges>"
        )

    # ----------------------------------------------------------- exporting
    def write(self, path: str | Path, format: str | None = None, **options: Any) -> Path:
        """Write the graph; the format comes from the extension unless given.

        See :func:`alliancegraph.io.write_graph` for the formats.
        """
        from .io import write_graph

        return write_graph(self, path, format=format, **options)

    def to_rdf(self, base: str | None = None) -> rdflib.Graph:
        """The graph as an ``rdflib.Graph`` in the alliancegraph ontology."""
        from .rdf import to_rdf

        return to_rdf(self, base=base) if base else to_rdf(self)

    def sparql(self, query: str, base: str | None = None) -> list[dict[str, Any]]:
        """Run a SPARQL query on the RDF view; rows as dicts of Python values."""
        from .rdf import sparql

        return sparql(self, query, base=base) if base else sparql(self, query)

    def node_ids(self, kind: str) -> Iterator[str]:
        """Node ids of one kind, sorted."""
        return iter(sorted(n for n, k in self.nx.nodes(data="kind") if k == kind))


class _PendingGraph(AllianceGraph):
    """A subgraph not copied yet: its graph, articles and aliases come on first use.

    It turns into a plain :class:`AllianceGraph` once copied.
    """

    _pending: tuple[AllianceGraph, Callable[[], _Part]]

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes the instance lacks: before the copy, those it copies.
        if name in ("nx", "articles", "_alias_index") and "_pending" in self.__dict__:
            self._copy()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _copy(self) -> None:
        source, select = self.__dict__.pop("_pending")
        nodes, edges = select()
        self._fill(source, nodes, edges)
        self.__class__ = AllianceGraph  # type: ignore[assignment]

    def __reduce_ex__(self, protocol: Any) -> Any:
        # Pickled (or copied) as the plain graph it becomes.
        if "_pending" in self.__dict__:
            self._copy()
        return AllianceGraph.__reduce_ex__(self, protocol)


def _evidence_key(e: Evidence) -> tuple[str, int]:
    return (e.article, e.start)


def _merge_evidence(data: dict[str, Any], new: Iterable[Evidence]) -> None:
    """Add evidence to an edge in (article, offset) order, once per sentence.

    Articles usually arrive in order, so new evidence lands at the end: the
    cost stays proportional to what is added, not to what the edge holds.
    """
    evidence: list[Evidence] = data["evidence"]
    doubt = 1.0 - data["confidence"]
    articles: tuple[str, ...] = data["articles"]
    for e in new:
        article = e.article
        if not articles or articles[-1] < article:
            # From an article after all those the edge cites: the usual case,
            # no search (the last article cited is that of the last evidence).
            evidence.append(e)
            doubt *= 1.0 - e.confidence
            # Concatenated: unpacking copies the tuple twice, and edges cite hundreds.
            articles = articles + (article,)  # noqa: RUF005
            continue
        key = (article, e.start)
        at = bisect.bisect_left(evidence, key, key=_evidence_key)
        if at < len(evidence) and _evidence_key(evidence[at]) == key:
            continue
        # Evidence is sorted by article: a new article has no neighbour of its own.
        known = (at > 0 and evidence[at - 1].article == article) or (
            at < len(evidence) and evidence[at].article == article
        )
        evidence.insert(at, e)
        # Noisy-or: independent sentences saying the same thing raise confidence.
        doubt *= 1.0 - e.confidence
        if not known:
            spot = bisect.bisect_left(articles, article)
            articles = (*articles[:spot], article, *articles[spot:])
    data["support"] = len(evidence)
    data["confidence"] = round(1.0 - doubt, 4)
    data["articles"] = articles


def _holds(items: tuple[str, ...], item: str) -> bool:
    """Whether the sorted ``items`` hold ``item``."""
    at = bisect.bisect_left(items, item)
    return at < len(items) and items[at] == item


def _add_sorted(items: tuple[str, ...], item: str) -> tuple[str, ...]:
    """The sorted ``items`` with ``item`` in its place, once."""
    if not items or items[-1] < item:
        # Articles are added in order: a new one goes last.
        return items + (item,)  # noqa: RUF005
    return items if _holds(items, item) else tuple(sorted((*items, item)))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def _tuple(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value
