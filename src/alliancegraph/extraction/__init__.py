"""Rule-based extraction: from an article to typed facts with evidence.

The stages, one module each:

========================  =====================================================
``mentions``              vocabulary phrases found by Aho-Corasick automata
``cues``                  cue-word patterns compiled from ``data/cues.json``
``context``               sentences, clauses, roles of states, the article core
``persons``               persons, their states and roles
``agreements``            agreements, dialogues, forums, groupings
``relations``             cooperation and targets between states
========================  =====================================================

>>> from alliancegraph.corpus import load_corpus
>>> doc = next(iter(load_corpus(SEED_DIR / "000_9468f97f7389ab17.txt")))
>>> result = Extractor().extract(doc)
>>> result.states
('CHN', 'JPN', 'TWN')
>>> [a.name for a in result.agreements]
['Taiwan-Japan Maritime Affairs Cooperation Dialogue']
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .._gc import paused
from .._version import __version__
from ..corpus import Document
from ..models import Agreement, ArticleExtraction, Evidence, Relation, slugify
from ..vocabulary import Vocabulary
from .agreements import find_agreements
from .context import ArticleContext
from .cues import CompiledCues
from .mentions import Matcher
from .persons import find_persons
from .relations import find_cooperation, find_targets

__all__ = ["Extractor", "agreement_node", "person_node"]


def agreement_node(agreement: Agreement) -> str:
    """The graph node id of an agreement."""
    return f"agreement:{slugify(agreement.name)}"


def person_node(name: str) -> str:
    """The graph node id of a person."""
    return f"person:{slugify(name)}"


class Extractor:
    """Extracts facts from documents with one vocabulary.

    The automata are compiled on first use and not pickled, so an extractor
    can be sent to worker processes cheaply.
    """

    name = "alliancegraph.rules"

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary or Vocabulary.default()
        self.version = __version__
        self._matcher: Matcher | None = None
        self._cues: CompiledCues | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_matcher"] = None
        state["_cues"] = None
        return state

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.vocabulary)
        return self._matcher

    @property
    def cues(self) -> CompiledCues:
        if self._cues is None:
            self._cues = CompiledCues.for_vocabulary(self.vocabulary)
        return self._cues

    def context(self, doc: Document) -> ArticleContext:
        """The analysed article (sentences, roles, core) behind an extraction."""
        return ArticleContext(doc, self.vocabulary, self.matcher, self.cues, self.version)

    def extract(self, doc: Document) -> ArticleExtraction:
        """Every fact in one document."""
        # An article makes tens of thousands of short-lived objects and no
        # cycles; the collections they set off walked every live object (the
        # vocabulary's, a caller's graph) again each time: about 7% of the time.
        with paused():
            return self._extract(doc)

    def _extract(self, doc: Document) -> ArticleExtraction:
        ctx = self.context(doc)
        facts: dict[tuple[str, str, str, str | None], list[Evidence]] = defaultdict(list)

        def add(subject: str, predicate: str, obj: str, domain: str | None, ev: Evidence) -> None:
            evs = facts[(subject, predicate, obj, domain)]
            if all(e.start != ev.start for e in evs):
                evs.append(ev)

        for a, b, field, ev in find_cooperation(ctx):
            add(f"state:{a}", "cooperates_with", f"state:{b}", field, ev)
        for actor, target, ev in find_targets(ctx):
            add(f"state:{actor}", "targets", f"state:{target}", None, ev)
        agreements = find_agreements(ctx)
        for found in agreements:
            node = agreement_node(found.agreement)
            for party in found.agreement.parties:
                for ev in found.evidence[:3]:
                    add(f"state:{party}", "party_to", node, None, ev)
            for covered in found.agreement.domains:
                for ev in found.evidence[:3]:
                    add(node, "covers", f"domain:{covered}", None, ev)
        persons = find_persons(ctx)
        for p in persons:
            if p.person.state:
                add(
                    person_node(p.person.name),
                    "acts_for",
                    f"state:{p.person.state}",
                    None,
                    p.evidence,
                )
        organizations: set[str] = set()
        article_states = set(ctx.states)
        for sentence in ctx.sentences:
            for m in sentence.names:
                if m.kind != "org":
                    continue
                organizations.add(m.ref)
                org = self.vocabulary.organizations[m.ref]
                for member in sorted(article_states & set(org.members)):
                    add(
                        f"state:{member}",
                        "member_of",
                        f"org:{org.id}",
                        None,
                        ctx.evidence(sentence, 0.6),
                    )
        relations = []
        for (subject, predicate, obj, domain), evs in sorted(
            facts.items(), key=lambda kv: _sort_key(kv[0])
        ):
            relations.append(
                Relation(
                    subject=subject,
                    predicate=predicate,  # type: ignore[arg-type]
                    object=obj,
                    domain=domain,
                    evidence=tuple(evs),
                    confidence=max(e.confidence for e in evs),
                )
            )
        return ArticleExtraction(
            article=doc.article,
            states=tuple(ctx.states),
            organizations=tuple(sorted(organizations)),
            persons=tuple(sorted((p.person for p in persons), key=lambda p: p.name)),
            agreements=tuple(sorted((f.agreement for f in agreements), key=lambda a: a.name)),
            relations=tuple(relations),
        )


def _sort_key(key: tuple[str, str, str, str | None]) -> tuple[str, str, str, str]:
    return (key[1], key[0], key[2], key[3] or "")
