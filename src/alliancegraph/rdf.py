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
    import pyoxigraph

    if rdf_format == pyoxigraph.RdfFormat.RDF_XML:
        read_safe_xml(path)  # refuses DTDs and entities before any parser sees the file
    try:
        yield from pyoxigraph.parse(path=path, format=rdf_format, without_named_graphs=True)
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


class _Subjects:
    """Triples grouped by subject: ``{subject: {predicate: [object values]}}``.

    Objects are kept as their values (IRI or lexical form): the reader knows
    from each predicate what its objects are.
    """

    def __init__(self, path: Path, quads: Iterable[Any]) -> None:
        self.path = path
        self.by_subject: dict[str, dict[str, list[str]]] = {}
        by_subject = self.by_subject
        get = by_subject.get
        for s, p, o, _ in quads:
            key = s.value
            block = get(key)
            if block is None:
                block = by_subject[key] = {}
            predicate = p.value
            values = block.get(predicate)
            if values is None:
                block[predicate] = [o.value]
            else:
                values.append(o.value)

    def fail(self, subject: str, problem: str) -> GraphFormatError:
        return GraphFormatError(f"{self.path}: <{subject}> {problem}")

    def values(self, subject: str, predicate: str) -> list[Any]:
        return self.by_subject.get(subject, {}).get(predicate, [])

    def one(self, subject: str, predicate: str, required: bool = True) -> Any:
        values = self.values(subject, predicate)
        if len(values) == 1:
            return values[0]
        if not values and not required:
            return None
        count = "no" if not values else f"{len(values)}"
        raise self.fail(subject, f"has {count} <{predicate}> values; expected exactly one")

    def text(self, subject: str, predicate: str, required: bool = True) -> str | None:
        value = self.one(subject, predicate, required)
        return None if value is None else str(value)

    def number(self, subject: str, predicate: str, cast: Callable[[str], Any]) -> Any:
        text = self.text(subject, predicate)
        try:
            return cast(str(text))
        except ValueError as err:
            raise self.fail(subject, f"has <{predicate}> {text!r}, not a number") from err

    def json(self, subject: str, predicate: str, kind: type) -> Any:
        text = self.text(subject, predicate, required=False)
        return None if text is None else load_json_object(text, f"{self.path}: <{subject}>", kind)


def read_rdf(
    path: str | Path, format: str | None = None, vocabulary: Vocabulary | None = None
) -> AllianceGraph:
    """Read a graph :func:`write_rdf` wrote (any base), back to the same graph."""

    path = Path(path)
    with paused():
        return _read_rdf(path, _rdf_format(format or path.suffix, path), vocabulary)


def _read_rdf(path: Path, rdf_format: Any, vocabulary: Vocabulary | None) -> AllianceGraph:
    from .graph import AllianceGraph

    data = _Subjects(path, _parse(path, rdf_format))
    by_type: dict[str, list[str]] = {}
    for subject, block in data.by_subject.items():
        for cls in block.get(_TYPE, ()):
            by_type.setdefault(cls, []).append(subject)
    if len(by_type.get(AG.KnowledgeGraph, ())) != 1:
        raise GraphFormatError(
            f"{path}: not an alliancegraph RDF file (it should describe exactly one "
            f"<{AG.KnowledgeGraph}>)"
        )
    graph = AllianceGraph(vocabulary)
    for subject in by_type.get(AG.Article, ()):
        article_id = data.text(subject, _IDENTIFIER)
        fields: dict[str, Any] = {"id": article_id}
        for field, predicate in _ARTICLE_FIELDS.items():
            fields[field] = data.text(subject, predicate, required=False)
        try:
            article = Article.model_validate(fields)
        except ValueError as err:
            raise data.fail(subject, f"is not a valid article ({err})") from err
        graph.articles[article.id] = article
    graph.articles = dict(sorted(graph.articles.items()))

    node_of: dict[str, str] = {}
    node_types = [*_CLASS_KIND, AG.Node]
    for cls in node_types:
        for subject in by_type.get(cls, ()):
            node = data.text(subject, _IDENTIFIER)
            assert node is not None
            node_of[subject] = node
            graph.nx.add_node(node, **_node_attributes(data, subject, _CLASS_KIND.get(cls)))
    for subject in sorted(by_type.get(AG.Agreement, ())):
        attrs = graph.nx.nodes[node_of[subject]]
        for name in (attrs.get("label"), *attrs.get("aliases", ())):
            if isinstance(name, str):
                from .models import slugify

                graph._alias_index.setdefault(slugify(name), node_of[subject])

    edges = []
    for cls in _FACT_CLASSES:
        for subject in by_type.get(cls, ()):
            edges.append(_edge(data, subject, node_of))
    for u, v, key, attrs in sorted(edges, key=lambda e: e[:3]):
        graph.nx.add_edge(u, v, key=key, **attrs)
    return graph


def _node_attributes(data: _Subjects, subject: str, kind: str | None) -> dict[str, Any]:
    raw = data.json(subject, AG.rawAttributes, dict) or {}
    absent = data.json(subject, AG.absentAttributes, list) or []
    kind = kind if kind is not None else raw.get("kind")
    block = data.by_subject[subject]
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
            raise data.fail(subject, f"has {len(values)} <{predicate}> values; expected one")
    return join_attributes(kind, mapped, raw, absent)


def _edge(
    data: _Subjects, subject: str, node_of: dict[str, str]
) -> tuple[str, str, str, dict[str, Any]]:
    raw = data.json(subject, AG.rawAttributes, dict) or {}

    def node(predicate: str) -> str:
        iri = data.text(subject, predicate)
        if iri not in node_of:
            raise data.fail(subject, f"has <{predicate}> <{iri}>, which the file does not describe")
        return node_of[iri]

    u, v = node(AG.subject), node(AG.object)
    if "predicate" in raw:
        predicate = raw["predicate"]
    else:
        relation = data.text(subject, AG.relation)
        if relation not in _RELATION_PREDICATE:
            raise data.fail(subject, f"has an unknown <{AG.relation}> <{relation}>")
        predicate = _RELATION_PREDICATE[relation]
    if "domain" in raw:
        domain = raw["domain"]
    else:
        domain_iri = data.text(subject, AG.domain, required=False)
        domain = None if domain_iri is None else _last_segment(domain_iri)
    key = raw.get("key", predicate if domain is None else f"{predicate}:{domain}")
    attrs: dict[str, Any] = {"predicate": predicate, "domain": domain}
    attrs["support"] = raw["support"] if "support" in raw else data.number(subject, AG.support, int)
    attrs["confidence"] = (
        raw["confidence"] if "confidence" in raw else data.number(subject, AG.confidence, float)
    )
    if "articles" in raw:
        attrs["articles"] = tuple(raw["articles"])
    else:
        attrs["articles"] = tuple(
            sorted({_last_segment(o) for o in data.values(subject, _DERIVED)})
        )
    if "evidence" in raw:
        items = raw["evidence"]
    else:
        items = []
        for use in data.values(subject, _QUALIFIED):
            ev = data.text(use, _ENTITY)
            assert ev is not None
            items.append(
                {
                    "article": _last_segment(str(data.text(ev, _DERIVED))),
                    "sentence": data.text(ev, AG.sentence),
                    "start": data.number(ev, AG.start, int),
                    "end": data.number(ev, AG.end, int),
                    "extractor": data.text(use, AG.extractor),
                    "extractor_version": data.text(use, AG.extractorVersion),
                    "confidence": data.number(use, AG.confidence, float),
                }
            )
    try:
        evidence = [Evidence.model_validate(item) for item in items]
    except ValueError as err:
        raise data.fail(subject, f"has invalid evidence ({err})") from err
    if "evidence" not in raw:
        evidence.sort(key=lambda e: (e.article, e.start, e.end))
    attrs["evidence"] = evidence
    return u, v, key, attrs


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
