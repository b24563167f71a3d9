"""The graph as RDF: an ontology, SHACL shapes, SPARQL, and lossless files.

Terms come from the alliancegraph ontology (``ag:``, shipped as
``data/ontology.ttl``) and from SKOS (the domain scheme), PROV-O (evidence),
Dublin Core (article metadata) and OWL (``owl:sameAs`` Wikidata items).
Resources get stable IRIs under a configurable ``base``:

=======================================  ====================================
resource                                 IRI under ``base``
=======================================  ====================================
node ``state:JPN``                       ``state/JPN``
article ``000_94…``                      ``article/000_94…``
fact ``(u, v, key)``                     ``fact/<u path>/<key>/<v path>``
evidence sentence                        ``evidence/<article>/<start>-<end>``
its use by a fact (``prov:Derivation``)  ``<fact>/evidence/<article>/<start>-<end>``
=======================================  ====================================

Every fact (edge) is an n-ary node (``ag:Cooperation``, ``ag:Participation``
…) with subject, object, domain, support, confidence and evidence, plus a
direct triple (``ag:cooperatesWith``, in both directions for cooperation) so
that simple SPARQL stays simple. There are no blank nodes, and files list
subjects in a stable order, so the same graph gives the same bytes.

Files (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``) are written and read with
pyoxigraph, streaming triples straight from the graph; :func:`to_rdf` builds
an ``rdflib.Graph`` of the same triples for SPARQL and the rdflib ecosystem.
Reading never touches the network: a JSON-LD file with a remote ``@context``
is refused, and RDF/XML with a DTD is refused before it is parsed.

>>> rows = SEED_GRAPH.sparql('''
...     SELECT ?a ?b WHERE {
...         ?c a ag:Cooperation ; ag:subject ?a ; ag:object ?b ;
...            ag:domain domain:semiconductors .
...     } ORDER BY ?a ?b''')
>>> [(r["a"].rsplit("/", 1)[-1], r["b"].rsplit("/", 1)[-1]) for r in rows][:2]
[('IND', 'JPN'), ('JPN', 'KOR')]
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote, unquote

from ._gc import paused
from .exceptions import GraphFormatError, OutputError
from .io import (
    atomic_write,
    dump_json,
    join_attributes,
    load_json_object,
    node_schema,
    read_safe_xml,
    split_attributes,
)
from .models import Article, Evidence

if TYPE_CHECKING:
    import rdflib

    from .graph import AllianceGraph
    from .vocabulary import Vocabulary

__all__ = [
    "AG",
    "DEFAULT_BASE",
    "RDF_FORMATS",
    "ValidationReport",
    "Violation",
    "load",
    "ontology",
    "read_rdf",
    "shapes",
    "sparql",
    "to_rdf",
    "validate",
    "write_rdf",
]

log = logging.getLogger(__name__)

#: Where the resources of a graph live unless told otherwise.
DEFAULT_BASE = "https://example.org/alliancegraph/"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"
_WD = "http://www.wikidata.org/entity/"


class _Ontology:
    """The ``ag:`` terms, as IRIs. Closed: a misspelt term is an AttributeError."""

    __slots__ = ()
    NS = "https://w3id.org/alliancegraph/ontology#"
    # classes
    KnowledgeGraph = NS + "KnowledgeGraph"
    State = NS + "State"
    Organization = NS + "Organization"
    Agreement = NS + "Agreement"
    Person = NS + "Person"
    Domain = NS + "Domain"
    Node = NS + "Node"
    Article = NS + "Article"
    Evidence = NS + "Evidence"
    Fact = NS + "Fact"
    Cooperation = NS + "Cooperation"
    Participation = NS + "Participation"
    Membership = NS + "Membership"
    Coverage = NS + "Coverage"
    Targeting = NS + "Targeting"
    Representation = NS + "Representation"
    # direct relations between nodes
    cooperatesWith = NS + "cooperatesWith"  # noqa: N815 (the term as the ontology spells it)
    partyTo = NS + "partyTo"  # noqa: N815 (the term as the ontology spells it)
    memberOf = NS + "memberOf"  # noqa: N815 (the term as the ontology spells it)
    covers = NS + "covers"
    targets = NS + "targets"
    actsFor = NS + "actsFor"  # noqa: N815 (the term as the ontology spells it)
    # facts and evidence
    subject = NS + "subject"
    object = NS + "object"
    participant = NS + "participant"
    relation = NS + "relation"
    domain = NS + "domain"
    support = NS + "support"
    confidence = NS + "confidence"
    evidence = NS + "evidence"
    sentence = NS + "sentence"
    start = NS + "start"
    end = NS + "end"
    extractor = NS + "extractor"
    extractorVersion = NS + "extractorVersion"  # noqa: N815 (the term as the ontology spells it)
    # node attributes
    member = NS + "member"
    party = NS + "party"
    state = NS + "state"
    group = NS + "group"
    mentionedIn = NS + "mentionedIn"  # noqa: N815 (the term as the ontology spells it)
    organizationKind = NS + "organizationKind"  # noqa: N815 (the term as the ontology spells it)
    agreementKind = NS + "agreementKind"  # noqa: N815 (the term as the ontology spells it)
    status = NS + "status"
    role = NS + "role"
    # articles and bookkeeping
    sourcePath = NS + "sourcePath"  # noqa: N815 (the term as the ontology spells it)
    sha256 = NS + "sha256"
    formatVersion = NS + "formatVersion"  # noqa: N815 (the term as the ontology spells it)
    rawAttributes = NS + "rawAttributes"  # noqa: N815 (the term as the ontology spells it)
    absentAttributes = NS + "absentAttributes"  # noqa: N815 (the term as the ontology spells it)


#: The alliancegraph ontology's terms (``AG.State``, ``AG.cooperatesWith`` …).
AG = _Ontology()

#: File extensions written and read as RDF, and pyoxigraph's name for each.
RDF_FORMATS: dict[str, str] = {
    "ttl": "TURTLE",
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "jsonld": "JSON_LD",
    "rdf": "RDF_XML",
    "owl": "RDF_XML",
}

PREFIXES: dict[str, str] = {
    "ag": AG.NS,
    "dcterms": _DCT,
    "owl": _OWL,
    "prov": _PROV,
    "rdf": _RDF,
    "rdfs": _RDFS,
    "skos": _SKOS,
    "wd": _WD,
    "xsd": _XSD,
}

_DATA_PREFIXES = ("agreement", "article", "domain", "evidence", "org", "person", "state")

_TYPE = _RDF + "type"
_LABEL = _RDFS + "label"
_JSON = _RDF + "JSON"
_IDENTIFIER = _DCT + "identifier"
_DERIVED = _PROV + "wasDerivedFrom"
_QUALIFIED = _PROV + "qualifiedDerivation"
_ENTITY = _PROV + "entity"
_DERIVATION = _PROV + "Derivation"
_CONFIDENCE = AG.confidence
_EXTRACTOR = AG.extractor
_EXTRACTOR_VERSION = AG.extractorVersion
_SENTENCE = AG.sentence
_START = AG.start
_END = AG.end
_CONCEPT = _SKOS + "Concept"
_SCHEME = _SKOS + "ConceptScheme"
_IN_SCHEME = _SKOS + "inScheme"
_TOP_OF = _SKOS + "topConceptOf"
_PREF = _SKOS + "prefLabel"
_ALT = _SKOS + "altLabel"
_BROADER = _SKOS + "broader"
_INTEGER = _XSD + "integer"
_DOUBLE = _XSD + "double"

_KIND_CLASS = {
    "state": AG.State,
    "organization": AG.Organization,
    "agreement": AG.Agreement,
    "person": AG.Person,
    "domain": AG.Domain,
}
_CLASS_KIND = {v: k for k, v in _KIND_CLASS.items()}

#: predicate → (fact class, direct property)
_PREDICATES = {
    "cooperates_with": (AG.Cooperation, AG.cooperatesWith),
    "party_to": (AG.Participation, AG.partyTo),
    "member_of": (AG.Membership, AG.memberOf),
    "covers": (AG.Coverage, AG.covers),
    "targets": (AG.Targeting, AG.targets),
    "acts_for": (AG.Representation, AG.actsFor),
}
_RELATION_PREDICATE = {prop: name for name, (_, prop) in _PREDICATES.items()}
_FACT_CLASSES = frozenset({AG.Fact, *(cls for cls, _ in _PREDICATES.values())})
_NODE_CLASSES = (*_CLASS_KIND, AG.Node)

# How a node attribute is written: (predicate, what its values are). Values
# are "text", "date", "wikidata", or the path of the resources they name.
_ATTRIBUTE_TERMS: dict[str, tuple[str, str]] = {
    "label": (_LABEL, "text"),
    "wikidata": (_OWL + "sameAs", "wikidata"),
    "short_names": (_ALT, "text"),
    "aliases": (_ALT, "text"),
    "org_kind": (AG.organizationKind, "text"),
    "agreement_kind": (AG.agreementKind, "text"),
    "status": (AG.status, "text"),
    "role": (AG.role, "text"),
    "date": (_DCT + "date", "date"),
    "members": (AG.member, "state"),
    "parties": (AG.party, "state"),
    "state": (AG.state, "state"),
    "domains": (AG.domain, "domain"),
    "broader": (_BROADER, "domain"),
    "group": (AG.group, "domain"),
    "articles": (AG.mentionedIn, "article"),
}
_QID = re.compile(r"Q[1-9][0-9]*")
_DATE_TYPES = (
    (re.compile(r"\d{4}"), _XSD + "gYear"),
    (re.compile(r"\d{4}-\d{2}"), _XSD + "gYearMonth"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), _XSD + "date"),
)
_ARTICLE_FIELDS = {
    "title": _DCT + "title",
    "publisher": _DCT + "publisher",
    "date": _DCT + "date",
    "source": AG.sourcePath,
    "sha256": AG.sha256,
}
_FORMAT_VERSION = 1


def _check_base(base: str) -> str:
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        raise OutputError(
            f"RDF base {base!r} is not usable: give an absolute http(s) IRI ending in '/' "
            f"or '#', such as {DEFAULT_BASE!r}"
        )
    return base


def _segment(text: str) -> str:
    return quote(text, safe="")


def _node_path(node: str) -> str:
    prefix, colon, ident = node.partition(":")
    # Ids with a prefix get two path segments and ids without one get one, so
    # the mapping from ids to IRIs is one to one.
    return f"{_segment(prefix)}/{_segment(ident)}" if colon else _segment(node)


def _last_segment(iri: str) -> str:
    return unquote(iri.rsplit("/", 1)[-1])


def _date_type(value: str) -> str | None:
    return next((dt for pattern, dt in _DATE_TYPES if pattern.fullmatch(value)), None)


def _sorted_unique(values: Any) -> bool:
    return list(values) == sorted(set(values))


def _scalar_ok(key: str, value: str) -> bool:
    return key != "wikidata" or bool(_QID.fullmatch(value))


# ------------------------------------------------------------------ terms
class _Terms:
    """The term constructors of one RDF library (pyoxigraph or rdflib)."""

    def __init__(
        self,
        iri: Callable[[str], Any],
        literal: Callable[..., Any],
        compact: Callable[[str], Any] | None = None,
    ) -> None:
        self.iri = iri
        self._compact = compact or iri
        self._literal = literal
        self._cache: dict[str, Any] = {}

    def term(self, value: str) -> Any:
        """A cached IRI, for the few that recur (classes, properties, nodes)."""
        node = self._cache.get(value)
        if node is None:
            node = self._cache[value] = self._compact(value)
        return node

    def literal(self, value: str, datatype: str | None = None) -> Any:
        if datatype is None:
            return self._literal(value)
        return self._literal(value, datatype=self.term(datatype))


def _ox_terms() -> _Terms:
    import pyoxigraph

    return _Terms(pyoxigraph.NamedNode, pyoxigraph.Literal)


def _rdflib_terms() -> _Terms:
    import rdflib

    return _Terms(rdflib.URIRef, rdflib.Literal)


_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_PN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*")


def _text_terms(prefixes: dict[str, str] | None) -> _Terms:
    """Terms as Turtle text (compacted with ``prefixes``) or, without them, N-Triples.

    Writing text directly is several times faster than building pyoxigraph
    or rdflib terms first; pyoxigraph and rdflib check the result in the tests.
    """
    namespaces = sorted((prefixes or {}).items(), key=lambda item: -len(item[1]))

    def iri(value: str) -> str:
        return f"<{value}>"

    def compact(value: str) -> str:
        for name, namespace in namespaces:
            if value.startswith(namespace) and _PN_LOCAL.fullmatch(value[len(namespace) :]):
                return f"{name}:{value[len(namespace) :]}"
        return f"<{value}>"

    def literal(value: str, datatype: str | None = None) -> str:
        if '"' in value or "\\" in value or "\n" in value or "\r" in value:
            value = value.translate(_LITERAL_ESCAPES)
        if datatype is None:
            return f'"{value}"'
        return f'"{value}"^^{terms.term(datatype)}'

    terms = _Terms(iri, literal, compact if prefixes else None)
    terms.literal = literal  # type: ignore[method-assign]
    if prefixes:
        terms._cache[_TYPE] = "a"
    return terms


def _write_text(
    triples: Iterable[tuple[str, str, str]], handle: BinaryIO, prefixes: dict[str, str] | None
) -> None:
    """Write Turtle (grouping each subject's triples) or, without prefixes, N-Triples."""
    chunk: list[str] = []
    if prefixes:
        chunk.extend(f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(prefixes.items()))
        chunk.append("\n")
        previous = None
        for s, p, o in triples:
            if s == previous:
                chunk.append(f" ;\n    {p} {o}")
            else:
                if previous is not None:
                    chunk.append(" .\n")
                chunk.append(f"{s} {p} {o}")
                previous = s
            if len(chunk) > 8192:
                handle.write("".join(chunk).encode("utf-8"))
                chunk.clear()
        if previous is not None:
            chunk.append(" .\n")
    else:
        for s, p, o in triples:
            chunk.append(f"{s} {p} {o} .\n")
            if len(chunk) > 8192:
                handle.write("".join(chunk).encode("utf-8"))
                chunk.clear()
    handle.write("".join(chunk).encode("utf-8"))


# ---------------------------------------------------------------- writing
def _triples(graph: AllianceGraph, base: str, t: _Terms) -> Iterator[Any]:
    """Every triple of ``graph``, grouped by subject, in a stable order."""
    term, literal = t.term, t.literal
    rdf_type = term(_TYPE)

    def node_iri(node: str) -> Any:
        return term(base + _node_path(node))

    def emit(subject: Any, pairs: list[tuple[Any, Any]]) -> Iterator[Any]:
        for p, o in dict.fromkeys(pairs):
            yield (subject, p, o)

    def value_terms(kind: str, values: Iterable[str]) -> Iterator[Any]:
        for value in values:
            if kind == "text":
                yield literal(value)
            elif kind == "date":
                yield literal(value, _date_type(value))
            elif kind == "wikidata":
                yield term(_WD + value)
            else:
                yield term(f"{base}{kind}/{_segment(value)}")

    # the graph itself
    scheme = term(base + "domains")
    yield from emit(
        term(base),
        [
            (rdf_type, term(AG.KnowledgeGraph)),
            (term(AG.formatVersion), literal(str(_FORMAT_VERSION), _INTEGER)),
        ],
    )

    # articles
    for article_id, article in sorted(graph.articles.items()):
        pairs = [
            (rdf_type, term(AG.Article)),
            (term(_IDENTIFIER), literal(article_id)),
        ]
        for field, predicate in _ARTICLE_FIELDS.items():
            value = getattr(article, field)
            if value is not None:
                dt = _date_type(value) if field == "date" else None
                pairs.append((term(predicate), literal(value, dt)))
        yield from emit(term(f"{base}article/{_segment(article_id)}"), pairs)

    # nodes, with the direct triples that start from them
    concepts = graph.vocabulary.domains
    mentioned_nodes = set()
    for node, attrs in sorted(graph.nx.nodes(data=True)):
        mentioned_nodes.add(node)
        kind = attrs.get("kind")
        schema = node_schema(kind)
        mapped, raw, absent = split_attributes(attrs, schema, _sorted_unique, _scalar_ok)
        cls = _KIND_CLASS.get(kind) if isinstance(kind, str) else None
        if cls is None and "kind" in attrs:
            raw["kind"] = kind
        pairs = [(rdf_type, term(cls or AG.Node)), (term(_IDENTIFIER), literal(node))]
        for key, value in mapped.items():
            predicate, value_kind = _ATTRIBUTE_TERMS.get(key, ("", ""))
            values = value if isinstance(value, tuple) else (value,)
            pairs.extend((term(predicate), o) for o in value_terms(value_kind, values))
        if kind == "domain":
            ident = node.partition(":")[2]
            concept = concepts.get(ident)
            pairs.append((term(_PREF), literal(concept.label if concept else attrs["label"])))
            pairs.append((rdf_type, term(_CONCEPT)))
            pairs.append((term(_IN_SCHEME), scheme))
            if concept is not None:
                pairs.extend((term(_ALT), literal(a)) for a in concept.alt_labels)
        if raw:
            pairs.append((term(AG.rawAttributes), literal(dump_json(raw, node), _JSON)))
        if absent:
            pairs.append((term(AG.absentAttributes), literal(dump_json(absent, node), _JSON)))
        direct: set[tuple[str, str]] = set()
        for _, v, data in graph.nx.out_edges(node, data=True):
            known = _PREDICATES.get(data.get("predicate"))
            if known is not None:
                direct.add((known[1], v))
        for u, _, data in graph.nx.in_edges(node, data=True):
            if data.get("predicate") == "cooperates_with":
                direct.add((AG.cooperatesWith, u))
        pairs.extend((term(p), node_iri(v)) for p, v in sorted(direct))
        yield from emit(node_iri(node), pairs)

    # the rest of the domain scheme, so that skos:broader* reaches the top
    for ident, concept in sorted(concepts.items()):
        pairs = [(rdf_type, term(_CONCEPT)), (term(_IN_SCHEME), scheme)]
        if f"domain:{ident}" in mentioned_nodes:
            continue
        pairs.append((term(_PREF), literal(concept.label)))
        pairs.extend((term(_ALT), literal(a)) for a in concept.alt_labels)
        if concept.broader:
            pairs.append((term(_BROADER), term(f"{base}domain/{_segment(concept.broader)}")))
        else:
            pairs.append((term(_TOP_OF), scheme))
        yield from emit(term(f"{base}domain/{_segment(ident)}"), pairs)
    yield from emit(scheme, [(rdf_type, term(_SCHEME)), (term(_LABEL), literal("Domains"))])

    # Facts, each followed by how it uses each sentence and by the sentences
    # not seen before. This loop makes most of the triples of a large graph,
    # so it caches the terms that recur and yields directly.
    yield from _fact_triples(graph, base, t)


def _fact_triples(graph: AllianceGraph, base: str, t: _Terms) -> Iterator[Any]:
    term, literal, iri = t.term, t.literal, t.iri
    rdf_type = term(_TYPE)
    p_subject, p_object, p_relation = term(AG.subject), term(AG.object), term(AG.relation)
    p_participant, p_domain, p_support = term(AG.participant), term(AG.domain), term(AG.support)
    p_confidence, p_evidence, p_derived = term(AG.confidence), term(AG.evidence), term(_DERIVED)
    p_qualified, p_entity, p_extractor = term(_QUALIFIED), term(_ENTITY), term(AG.extractor)
    p_version, c_derivation = term(AG.extractorVersion), term(_DERIVATION)
    p_sentence, p_start, p_end = term(AG.sentence), term(AG.start), term(AG.end)
    c_evidence, p_raw = term(AG.Evidence), term(AG.rawAttributes)
    evidence_base = f"{base}evidence/"
    segments: dict[str, str] = {}
    articles: dict[str, Any] = {}
    texts: dict[str, Any] = {}
    doubles: dict[float, Any] = {}
    sentences: dict[tuple[str, int, int], str] = {}

    def segment(article_id: str) -> str:
        seg = segments.get(article_id)
        if seg is None:
            seg = segments[article_id] = _segment(article_id)
            articles[article_id] = term(f"{base}article/{seg}")
        return seg

    def text(value: str) -> Any:
        node = texts.get(value)
        if node is None:
            node = texts[value] = literal(value)
        return node

    def double(value: float) -> Any:
        node = doubles.get(value)
        if node is None:
            node = doubles[value] = literal(repr(float(value)), _DOUBLE)
        return node

    def node_iri(node: str) -> Any:
        return term(base + _node_path(node))

    for u, v, key, data in sorted(graph.nx.edges(keys=True, data=True), key=lambda e: e[:3]):
        fact_text = f"{base}fact/{_node_path(u)}/{quote(str(key), safe=':')}/{_node_path(v)}"
        fact = iri(fact_text)
        predicate, domain = data["predicate"], data["domain"]
        known = _PREDICATES.get(predicate) if isinstance(predicate, str) else None
        raw: dict[str, Any] = {}
        yield (fact, rdf_type, term(known[0] if known else AG.Fact))
        yield (fact, p_subject, node_iri(u))
        yield (fact, p_object, node_iri(v))
        if known:
            yield (fact, p_relation, term(known[1]))
        else:
            raw["predicate"] = predicate
        if predicate == "cooperates_with":
            yield (fact, p_participant, node_iri(u))
            if v != u:
                yield (fact, p_participant, node_iri(v))
        if isinstance(domain, str):
            yield (fact, p_domain, term(f"{base}domain/{_segment(domain)}"))
        elif domain is not None:
            raw["domain"] = domain
        if key != (predicate if domain is None else f"{predicate}:{domain}"):
            raw["key"] = key
        support, confidence = data["support"], data["confidence"]
        if isinstance(support, int) and not isinstance(support, bool):
            yield (fact, p_support, literal(str(support), _INTEGER))
        else:
            raw["support"] = support
        if isinstance(confidence, (int, float)) and not isinstance(confidence, bool):
            yield (fact, p_confidence, double(confidence))
        else:
            raw["confidence"] = confidence
        fact_articles = data["articles"]
        if isinstance(fact_articles, (tuple, list)) and all(
            isinstance(a, str) for a in fact_articles
        ):
            for article_id in sorted(set(fact_articles)):
                segment(article_id)
                yield (fact, p_derived, articles[article_id])
        if not (isinstance(fact_articles, (tuple, list)) and _sorted_unique(fact_articles)):
            raw["articles"] = fact_articles
        evidence: list[Evidence] = data["evidence"]
        spans = [(e.article, e.start, e.end) for e in evidence]
        if spans != sorted(set(spans)) or any(
            sentences.get(span, e.sentence) != e.sentence
            for span, e in zip(spans, evidence, strict=True)
        ):
            # Evidence that does not fit one node per sentence span is kept verbatim.
            raw["evidence"] = [e.model_dump(mode="json") for e in evidence]
            evidence = []
        uses = []
        use_base = f"{fact_text}/evidence/"
        for e in evidence:
            span = f"{segment(e.article)}/{e.start}-{e.end}"
            ev = iri(evidence_base + span)
            use = iri(use_base + span)
            yield (fact, p_evidence, ev)
            yield (fact, p_qualified, use)
            uses.append((use, ev, e))
        if raw:
            where = f"edge {u} -> {v} ({key})"
            yield (fact, p_raw, literal(dump_json(raw, where), _JSON))
        for use, ev, e in uses:
            yield (use, rdf_type, c_derivation)
            yield (use, p_entity, ev)
            yield (use, p_confidence, double(e.confidence))
            yield (use, p_extractor, text(e.extractor))
            yield (use, p_version, text(e.extractor_version))
        for _, ev, e in uses:
            span_key = (e.article, e.start, e.end)
            if span_key in sentences:
                continue
            sentences[span_key] = e.sentence
            yield (ev, rdf_type, c_evidence)
            yield (ev, p_sentence, literal(e.sentence))
            yield (ev, p_start, literal(str(e.start), _INTEGER))
            yield (ev, p_end, literal(str(e.end), _INTEGER))
            yield (ev, p_derived, articles[e.article])


def to_rdf(graph: AllianceGraph, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """``graph`` as an ``rdflib.Graph`` in the alliancegraph ontology.

    >>> rdf = to_rdf(SEED_GRAPH)
    >>> len(rdf) > 1000
    True
    >>> from rdflib import URIRef
    >>> japan = URIRef(DEFAULT_BASE + "state/JPN")
    >>> str(rdf.value(japan, URIRef("http://www.w3.org/2002/07/owl#sameAs")))
    'http://www.wikidata.org/entity/Q17'
    """
    import rdflib

    base = _check_base(base)
    rdf = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, **_data_prefixes(base)}.items():
        rdf.bind(prefix, namespace)
    with warnings.catch_warnings():
        # rdflib warns about literals it cannot convert (e.g. xsd:gYear); the lexical
        # form is kept either way, which is all a round trip needs.
        warnings.simplefilter("ignore", UserWarning)
        rdf.addN((s, p, o, rdf) for s, p, o in _triples(graph, base, _rdflib_terms()))
    return rdf


def _data_prefixes(base: str) -> dict[str, str]:
    return {name: f"{base}{name}/" for name in _DATA_PREFIXES}


def _rdf_format(fmt: str, path: Path | str) -> Any:
    import pyoxigraph

    name = RDF_FORMATS.get(fmt.lower().lstrip("."))
    if name is None:
        raise GraphFormatError(
            f"{path}: {fmt!r} is not an RDF format; use one of {', '.join(sorted(RDF_FORMATS))}"
        )
    return getattr(pyoxigraph.RdfFormat, name)


def write_rdf(
    graph: AllianceGraph, path: str | Path, format: str | None = None, base: str = DEFAULT_BASE
) -> Path:
    """Write ``graph`` as Turtle, N-Triples, JSON-LD or RDF/XML (by extension).

    Triples stream from the graph to the file: no second copy of the graph is
    built, so this is fast and lean on large graphs.

    >>> import tempfile, pathlib
    >>> out = write_rdf(SEED_GRAPH, pathlib.Path(tempfile.mkdtemp()) / "seed.ttl")
    >>> read_rdf(out) == SEED_GRAPH
    True
    """
    import pyoxigraph

    path = Path(path)
    rdf_format = _rdf_format(format or path.suffix, path)
    base = _check_base(base)
    prefixes = {**PREFIXES, **_data_prefixes(base)}

    def write(handle: BinaryIO) -> None:
        with paused():
            if rdf_format in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.N_TRIPLES):
                turtle = prefixes if rdf_format == pyoxigraph.RdfFormat.TURTLE else None
                _write_text(_triples(graph, base, _text_terms(turtle)), handle, turtle)
            else:
                triples = _triples(graph, base, _ox_terms())
                pyoxigraph.serialize(
                    (pyoxigraph.Triple(s, p, o) for s, p, o in triples),
                    handle,
                    rdf_format,
                    prefixes=prefixes,
                )

    atomic_write(path, write)
    log.info("wrote %s", path)
    return path


# ---------------------------------------------------------------- reading
def _parse(path: Path, rdf_format: Any) -> Iterator[Any]:
    """pyoxigraph quads of ``path``, with errors as :class:`GraphFormatError`."""
    with _parser_errors(path):
        yield from _quads(path, rdf_format)


def _quads(path: Path, rdf_format: Any) -> Iterator[Any]:
    """pyoxigraph's parser of ``path``; iterate it inside :func:`_parser_errors`."""
    import pyoxigraph

    if rdf_format == pyoxigraph.RdfFormat.RDF_XML:
        read_safe_xml(path)  # refuses DTDs and entities before any parser sees the file
    result: Iterator[Any] = pyoxigraph.parse(
        path=path, format=rdf_format, without_named_graphs=True
    )
    return result


@contextlib.contextmanager
def _parser_errors(path: Path) -> Iterator[None]:
    """Syntax and I/O errors of the parser as :class:`GraphFormatError` (file, line)."""
    try:
        yield
    except SyntaxError as err:
        message = str(err.msg)
        if "remote context" in message.lower() or "LoadDocumentCallback" in message:
            raise GraphFormatError(
                f"{path}: the JSON-LD @context refers to a remote document; alliancegraph "
                "never fetches URLs while reading, so inline the context in the file"
            ) from err
        where = f"line {err.lineno}, column {err.offset}: " if err.lineno else ""
        message = re.sub(r"^Parser error at line \d+ column \d+: ", "", message)
        raise GraphFormatError(f"{path}: {where}{message}") from err
    except OSError as err:
        raise GraphFormatError(f"{path}: cannot read ({err.strerror or err})") from err


class _Record:
    """The triples of one subject: ``{predicate: [object values]}``.

    Objects are kept as their values (IRI or lexical form): the reader knows
    from each predicate what its objects are.
    """

    __slots__ = ("block", "path", "subject")

    def __init__(self, path: Path, subject: str, block: dict[str, list[str]]) -> None:
        self.path = path
        self.subject = subject
        self.block = block

    def fail(self, problem: str) -> GraphFormatError:
        return GraphFormatError(f"{self.path}: <{self.subject}> {problem}")

    def values(self, predicate: str) -> list[str]:
        return self.block.get(predicate, [])

    def optional(self, predicate: str) -> str | None:
        values = self.block.get(predicate)
        if values is None:
            return None
        if len(values) == 1:
            return values[0]
        raise self.fail(f"has {len(values)} <{predicate}> values; expected exactly one")

    def text(self, predicate: str) -> str:
        values = self.block.get(predicate)
        if values is not None and len(values) == 1:
            return values[0]
        count = "no" if not values else f"{len(values)}"
        raise self.fail(f"has {count} <{predicate}> values; expected exactly one")

    def number(self, predicate: str, cast: Callable[[str], Any]) -> Any:
        text = self.text(predicate)
        try:
            return cast(text)
        except ValueError as err:
            raise self.fail(f"has <{predicate}> {text!r}, not a number") from err

    def json(self, predicate: str, kind: type) -> Any:
        text = self.optional(predicate)
        return (
            None if text is None else load_json_object(text, f"{self.path}: <{self.subject}>", kind)
        )


class _SplitSubjectError(Exception):
    """A subject's triples are not all together, so the streaming reader cannot go on."""


#: How a fact uses a sentence: (evidence IRI, confidence, extractor, extractor version).
_Use = tuple[str, float, str, str]
#: A sentence not yet in any Evidence: (article id, sentence, start, end).
_Span = tuple[str, str, int, int]


@dataclass(slots=True)
class _Fact:
    """A fact read from its subject, waiting for the evidence it uses."""

    iri: str
    u: str
    v: str
    key: Any
    attrs: dict[str, Any]
    evidence: list[Evidence | None]
    missing: int


class _GraphReader:
    """Rebuilds the graph from the file's subjects, each given whole, in any order.

    A fact is complete once its evidence uses (``prov:Derivation``) and their
    sentences (``ag:Evidence``) have come; what arrives before it waits.
    :func:`write_rdf` puts each fact right before its uses and new sentences,
    so reading its files holds little besides the graph being built: facts
    waiting for a few subjects, and one entry per sentence, which later facts
    may cite. Subjects are dispatched by their ``rdf:type``.

    With ``streaming`` the subjects come as they stand in the file, and any
    sign that a subject's triples are split (a subject without a type, one
    seen twice, a use or sentence left over) raises :class:`_SplitSubjectError`, as
    does any error: the caller then groups the whole file by subject and
    reads it again, which gives the same graph or the error to report.
    """

    def __init__(self, path: Path, vocabulary: Vocabulary | None, streaming: bool) -> None:
        from .graph import AllianceGraph

        self.path = path
        self.streaming = streaming
        self.graph = AllianceGraph(vocabulary)
        self.graphs = 0
        self.article_iris: set[str] = set()
        self.nodes: dict[str, list[tuple[str, dict[str, Any]]]] = {c: [] for c in _NODE_CLASSES}
        self.node_of: dict[str, str] = {}
        self.node_keys: set[tuple[str, str]] = set()
        # A sentence is a _Span until a use needs it, then the Evidence made for
        # that use: later uses with the same extractor and confidence share it
        # (Evidence is immutable), and only one copy of the sentence is kept.
        self.sentences: dict[str, _Span | Evidence] = {}
        self.uses: dict[str, _Use] = {}  # uses no fact has asked for yet
        self.wanted: dict[str, list[tuple[_Fact, int]]] = {}  # use IRI → facts waiting for it
        self.waiting: dict[str, list[tuple[_Fact, int, _Use]]] = {}  # sentence IRI → its uses
        self.edges: list[tuple[str, str, Any, dict[str, Any], str]] = []
        self.ids: dict[str, str] = {}
        self.handlers: dict[str, Callable[[_Record, str], None]] = {
            AG.KnowledgeGraph: self._knowledge_graph,
            AG.Article: self._article,
            _DERIVATION: self._use,
            AG.Evidence: self._sentence,
            **dict.fromkeys(_NODE_CLASSES, self._node),
            **dict.fromkeys(_FACT_CLASSES, self._fact),
        }

    def add(self, subject: str, block: dict[str, list[str]]) -> None:
        """Read one subject, with all its triples."""
        types = block.get(_TYPE)
        if types is None:
            if self.streaming:
                raise _SplitSubjectError(subject)
            return
        record = _Record(self.path, subject, block)
        for cls in types if len(types) == 1 else dict.fromkeys(types):
            handler = self.handlers.get(cls)
            if handler is not None:
                handler(record, cls)

    def _id(self, iri: str) -> str:
        """The id an IRI ends with (articles, domains), one string per id."""
        ident = self.ids.get(iri)
        if ident is None:
            ident = self.ids[iri] = _last_segment(iri)
        return ident

    def _knowledge_graph(self, record: _Record, cls: str) -> None:
        self.graphs += 1

    def _article(self, record: _Record, cls: str) -> None:
        if self.streaming and record.subject in self.article_iris:
            raise _SplitSubjectError(record.subject)
        self.article_iris.add(record.subject)
        fields: dict[str, Any] = {"id": record.text(_IDENTIFIER)}
        for field, predicate in _ARTICLE_FIELDS.items():
            fields[field] = record.optional(predicate)
        try:
            article = Article.model_validate(fields)
        except ValueError as err:
            raise record.fail(f"is not a valid article ({err})") from err
        self.graph.articles[article.id] = article

    def _node(self, record: _Record, cls: str) -> None:
        if self.streaming and (record.subject, cls) in self.node_keys:
            raise _SplitSubjectError(record.subject)
        self.node_keys.add((record.subject, cls))
        node = record.text(_IDENTIFIER)
        self.node_of[record.subject] = node
        self.nodes[cls].append((node, _node_attributes(record, _CLASS_KIND.get(cls))))

    def _use(self, record: _Record, cls: str) -> None:
        block = record.block
        try:
            # Most of a file is uses and sentences: their fields are taken
            # directly, and only a missing, repeated or bad one goes through
            # _Record for the error message.
            (entity,), (confidence,), (extractor,), (version,) = (
                block[_ENTITY],
                block[_CONFIDENCE],
                block[_EXTRACTOR],
                block[_EXTRACTOR_VERSION],
            )
            use = (entity, float(confidence), extractor, version)
        except (KeyError, ValueError):
            use = (
                record.text(_ENTITY),
                record.number(_CONFIDENCE, float),
                record.text(_EXTRACTOR),
                record.text(_EXTRACTOR_VERSION),
            )
        subject = record.subject
        slots = self.wanted.pop(subject, None)
        if slots is None or not self.streaming:
            # Kept for facts still to come; in a streamed file a use comes
            # after its fact, so one kept to the end means a split subject.
            if self.streaming and subject in self.uses:
                raise _SplitSubjectError(subject)
            self.uses[subject] = use
        for fact, slot in slots or ():
            self._attach(fact, slot, use)

    def _sentence(self, record: _Record, cls: str) -> None:
        subject = record.subject
        if self.streaming and subject in self.sentences:
            raise _SplitSubjectError(subject)
        block = record.block
        try:
            (article,), (sentence,), (start,), (end,) = (
                block[_DERIVED],
                block[_SENTENCE],
                block[_START],
                block[_END],
            )
            span = (self._id(article), sentence, int(start), int(end))
        except (KeyError, ValueError):
            span = (
                self._id(record.text(_DERIVED)),
                record.text(_SENTENCE),
                record.number(_START, int),
                record.number(_END, int),
            )
        self.sentences[subject] = span
        for fact, slot, use in self.waiting.pop(subject, ()):
            self._fill(fact, slot, use, subject)

    def _fact(self, record: _Record, cls: str) -> None:
        raw = record.json(AG.rawAttributes, dict) or {}
        u, v = record.text(AG.subject), record.text(AG.object)
        if "predicate" in raw:
            predicate = raw["predicate"]
        else:
            relation = record.text(AG.relation)
            if relation not in _RELATION_PREDICATE:
                raise record.fail(f"has an unknown <{AG.relation}> <{relation}>")
            predicate = _RELATION_PREDICATE[relation]
        if "domain" in raw:
            domain = raw["domain"]
        else:
            domain_iri = record.optional(AG.domain)
            domain = None if domain_iri is None else self._id(domain_iri)
        key = raw.get("key", predicate if domain is None else f"{predicate}:{domain}")
        attrs: dict[str, Any] = {"predicate": predicate, "domain": domain}
        attrs["support"] = raw["support"] if "support" in raw else record.number(AG.support, int)
        attrs["confidence"] = (
            raw["confidence"] if "confidence" in raw else record.number(AG.confidence, float)
        )
        if "articles" in raw:
            attrs["articles"] = tuple(raw["articles"])
        else:
            attrs["articles"] = tuple(sorted({self._id(o) for o in record.values(_DERIVED)}))
        if "evidence" in raw:
            try:
                attrs["evidence"] = [Evidence.model_validate(item) for item in raw["evidence"]]
            except ValueError as err:
                raise record.fail(f"has invalid evidence ({err})") from err
            self.edges.append((u, v, key, attrs, record.subject))
            return
        uses = record.values(_QUALIFIED)
        fact = _Fact(record.subject, u, v, key, attrs, [None] * len(uses), len(uses))
        if not uses:
            self._complete(fact)
        for slot, use_iri in enumerate(uses):
            use = self.uses.pop(use_iri, None) if self.streaming else self.uses.get(use_iri)
            if use is None:
                self.wanted.setdefault(use_iri, []).append((fact, slot))
            else:
                self._attach(fact, slot, use)

    def _attach(self, fact: _Fact, slot: int, use: _Use) -> None:
        if use[0] in self.sentences:
            self._fill(fact, slot, use, use[0])
        else:
            self.waiting.setdefault(use[0], []).append((fact, slot, use))

    def _fill(self, fact: _Fact, slot: int, use: _Use, sentence_iri: str) -> None:
        _, confidence, extractor, version = use
        known = self.sentences[sentence_iri]
        if isinstance(known, Evidence):
            if (
                known.confidence == confidence
                and known.extractor == extractor
                and known.extractor_version == version
            ):
                evidence = known
            else:
                evidence = self._evidence(
                    fact, known.article, known.sentence, known.start, known.end, use
                )
        else:
            evidence = self._evidence(fact, *known, use)
            self.sentences[sentence_iri] = evidence
        fact.evidence[slot] = evidence
        fact.missing -= 1
        if not fact.missing:
            self._complete(fact)

    def _evidence(
        self, fact: _Fact, article: str, sentence: str, start: int, end: int, use: _Use
    ) -> Evidence:
        _, confidence, extractor, version = use
        try:
            return Evidence(
                article=article,
                sentence=sentence,
                start=start,
                end=end,
                extractor=extractor,
                extractor_version=version,
                confidence=confidence,
            )
        except ValueError as err:
            raise GraphFormatError(
                f"{self.path}: <{fact.iri}> has invalid evidence ({err})"
            ) from err

    def _complete(self, fact: _Fact) -> None:
        evidence: list[Evidence] = fact.evidence  # type: ignore[assignment]
        evidence.sort(key=lambda e: (e.article, e.start, e.end))
        fact.attrs["evidence"] = evidence
        self.edges.append((fact.u, fact.v, fact.key, fact.attrs, fact.iri))

    def finish(self) -> AllianceGraph:
        """The graph, once every subject has been added."""
        if self.streaming and (self.graphs != 1 or self.uses or self.wanted or self.waiting):
            raise _SplitSubjectError("")
        if self.graphs != 1:
            raise _not_ours(self.path)
        for use_iri, slots in self.wanted.items():
            raise GraphFormatError(
                f"{self.path}: <{slots[0][0].iri}> has <{_QUALIFIED}> <{use_iri}>, which the "
                f"file does not describe as a <{_DERIVATION}>"
            )
        for sentence_iri, uses in self.waiting.items():
            raise GraphFormatError(
                f"{self.path}: <{uses[0][0].iri}> uses <{sentence_iri}>, which the file "
                f"does not describe as an <{AG.Evidence}>"
            )
        graph = self.graph
        graph.articles = dict(sorted(graph.articles.items()))
        for cls in _NODE_CLASSES:
            for node, attrs in self.nodes[cls]:
                graph.nx.add_node(node, **attrs)
        for node, attrs in sorted(self.nodes[AG.Agreement], key=lambda item: item[0]):
            from .models import slugify

            for name in (attrs.get("label"), *attrs.get("aliases", ())):
                if isinstance(name, str):
                    graph._alias_index.setdefault(slugify(name), node)
        edges = []
        node_of = self.node_of
        for u, v, key, attrs, iri in self.edges:
            for end, predicate in ((u, AG.subject), (v, AG.object)):
                if end not in node_of:
                    raise GraphFormatError(
                        f"{self.path}: <{iri}> has <{predicate}> <{end}>, which the file "
                        "does not describe"
                    )
            edges.append((node_of[u], node_of[v], key, attrs))
        edges.sort(key=lambda e: e[:3])
        if self.streaming and any(a[:3] == b[:3] for a, b in itertools.pairwise(edges)):
            raise _SplitSubjectError("")
        for u, v, key, attrs in edges:
            graph.nx.add_edge(u, v, key=key, **attrs)
        return graph


def _streamed_subjects(quads: Iterable[Any]) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """Each run of triples with the same subject, as the subject and its block."""
    subject: Any = None
    block: dict[str, list[str]] = {}
    for s, p, o, _ in quads:
        if s != subject:
            if subject is not None:
                yield subject.value, block
            subject, block = s, {}
        predicate = p.value
        values = block.get(predicate)
        if values is None:
            block[predicate] = [o.value]
        else:
            values.append(o.value)
    if subject is not None:
        yield subject.value, block


def _grouped_subjects(quads: Iterable[Any]) -> dict[str, dict[str, list[str]]]:
    """Every triple of the file, grouped by subject (the whole file in memory)."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for subject, block in _streamed_subjects(quads):
        known = by_subject.get(subject)
        if known is None:
            by_subject[subject] = block
        else:
            for predicate, values in block.items():
                known.setdefault(predicate, []).extend(values)
    return by_subject


def read_rdf(
    path: str | Path, format: str | None = None, vocabulary: Vocabulary | None = None
) -> AllianceGraph:
    """Read a graph :func:`write_rdf` wrote (any base), back to the same graph.

    The file is read in one pass, building the graph as it goes, when each
    subject's triples stand together (as :func:`write_rdf` and most writers
    put them); otherwise it is read again with all its triples held in memory.
    """

    path = Path(path)
    rdf_format = _rdf_format(format or path.suffix, path)
    with paused():
        reader = _GraphReader(path, vocabulary, streaming=True)
        try:
            # Errors of the file's content may come from a split subject: they
            # are reported by the second reading. Syntax errors end it here.
            with _parser_errors(path):
                for subject, block in _streamed_subjects(_quads(path, rdf_format)):
                    try:
                        reader.add(subject, block)
                    except GraphFormatError as err:
                        raise _SplitSubjectError(subject) from err
            try:
                return reader.finish()
            except GraphFormatError as err:
                raise _SplitSubjectError("") from err
        except _SplitSubjectError as unordered:
            log.info("%s: subjects are split (at <%s>); reading it again whole", path, unordered)
        del reader
        by_subject = _grouped_subjects(_parse(path, rdf_format))
        graphs = sum(AG.KnowledgeGraph in block.get(_TYPE, ()) for block in by_subject.values())
        if graphs != 1:
            raise _not_ours(path)
        reader = _GraphReader(path, vocabulary, streaming=False)
        for subject, block in by_subject.items():
            reader.add(subject, block)
        return reader.finish()


def _not_ours(path: Path) -> GraphFormatError:
    return GraphFormatError(
        f"{path}: not an alliancegraph RDF file (it should describe exactly one "
        f"<{AG.KnowledgeGraph}>)"
    )


def _node_attributes(record: _Record, kind: str | None) -> dict[str, Any]:
    raw = record.json(AG.rawAttributes, dict) or {}
    absent = record.json(AG.absentAttributes, list) or []
    kind = kind if kind is not None else raw.get("kind")
    block = record.block
    mapped: dict[str, Any] = {}
    for key, is_list in node_schema(kind).items():
        if key in raw:
            continue
        predicate, value_kind = _ATTRIBUTE_TERMS[key]
        values = [
            _last_segment(o) if value_kind not in ("text", "date") else o
            for o in block.get(predicate, ())
        ]
        if is_list:
            mapped[key] = tuple(sorted(set(values)))
        elif len(values) == 1:
            mapped[key] = values[0]
        elif values:
            raise record.fail(f"has {len(values)} <{predicate}> values; expected one")
    return join_attributes(kind, mapped, raw, absent)


def load(path: str | Path, format: str | None = None) -> rdflib.Graph:
    """Any RDF file as an ``rdflib.Graph``, parsed safely (no network, no DTD)."""
    import rdflib

    path = Path(path)
    rdf = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        rdf.addN(
            (_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object), rdf)
            for q in _parse(path, _rdf_format(format or path.suffix, path))
        )
    return rdf


def _to_rdflib(term: Any) -> Any:
    import pyoxigraph
    import rdflib

    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return rdflib.Literal(
        term.value, datatype=None if datatype == _XSD + "string" else rdflib.URIRef(datatype)
    )


# ----------------------------------------------------------------- SPARQL
def sparql(graph: AllianceGraph, query: str, base: str = DEFAULT_BASE) -> list[dict[str, Any]]:
    """Run a SELECT query on the RDF view of ``graph``; rows as dicts.

    IRIs come back as ``str``, literals as Python values, unbound variables
    as ``None``. The prefixes ``ag:``, ``skos:``, ``prov:``, ``dcterms:``,
    ``rdfs:``, ``owl:``, ``xsd:``, ``wd:`` and the data prefixes ``state:``,
    ``domain:``, ``org:``, ``agreement:``, ``person:``, ``article:`` are
    predeclared.

    >>> rows = sparql(SEED_GRAPH, "SELECT ?label WHERE { state:JPN rdfs:label ?label }")
    >>> rows
    [{'label': 'Japan'}]
    """

    rdf = to_rdf(graph, base)
    namespaces = {**PREFIXES, **_data_prefixes(_check_base(base))}
    result = rdf.query(query, initNs=namespaces)
    if result.type != "SELECT":
        raise GraphFormatError(f"only SELECT queries give rows; this one is a {result.type}")
    rows = []
    names = [str(v) for v in result.vars or ()]
    for row in result:
        cells: tuple[Any, ...] = tuple(row)  # type: ignore[arg-type]
        rows.append({name: _python(value) for name, value in zip(names, cells, strict=True)})
    return rows


def _python(value: Any) -> Any:
    import rdflib

    if value is None:
        return None
    if isinstance(value, rdflib.Literal):
        return value.toPython()
    return str(value)


# ------------------------------------------------------------ ontology/SHACL
def _package_graph(name: str) -> rdflib.Graph:
    import rdflib

    text = resources.files("alliancegraph").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


def ontology() -> rdflib.Graph:
    """The alliancegraph ontology (classes and properties, with labels and comments).

    >>> from rdflib import URIRef, RDFS
    >>> str(ontology().value(URIRef(AG.Cooperation), RDFS.label))
    'cooperation'
    """
    return _package_graph("ontology.ttl")


def shapes() -> rdflib.Graph:
    """The SHACL shapes a well-formed alliancegraph RDF graph conforms to."""
    return _package_graph("shapes.ttl")


@dataclass(frozen=True)
class Violation:
    """One way a graph breaks a shape."""

    focus: str
    path: str
    message: str
    value: str
    severity: str

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the violations, readable."""

    source: str
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def text(self) -> str:
        """One line per violation, or one line saying the graph conforms."""
        if self.conforms:
            return f"{self.source}: conforms to the alliancegraph shapes ({self.triples} triples)"
        lines = [f"{self.source}: {len(self.violations)} violation(s) of the alliancegraph shapes"]
        lines.extend(f"  {v}" for v in self.violations)
        return "\n".join(lines)


def validate(
    source: str | Path | AllianceGraph | rdflib.Graph, base: str = DEFAULT_BASE
) -> ValidationReport:
    """Check an RDF file, an ``rdflib.Graph`` or an AllianceGraph against the shapes.

    >>> report = validate(SEED_GRAPH)
    >>> report.conforms
    True
    """
    import pyshacl
    import rdflib

    from .graph import AllianceGraph

    if isinstance(source, AllianceGraph):
        data, name = to_rdf(source, base), "graph"
    elif isinstance(source, rdflib.Graph):
        data, name = source, "graph"
    else:
        data, name = load(source), str(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conforms, results, _ = pyshacl.validate(
            data, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=True
        )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    names = data.namespace_manager

    def show(term: Any) -> str:
        if term is None:
            return ""
        if isinstance(term, rdflib.URIRef):
            return str(term.n3(names))
        return str(term.n3())

    violations = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        severity = results.value(result, sh.resultSeverity)
        violations.append(
            Violation(
                focus=show(results.value(result, sh.focusNode)),
                path=show(results.value(result, sh.resultPath)),
                message=str(results.value(result, sh.resultMessage) or ""),
                value=show(results.value(result, sh.value)),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return ValidationReport(name, bool(conforms), tuple(violations), len(data))
