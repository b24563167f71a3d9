"""What one article says, sentence by sentence, before any fact is drawn.

For every sentence of the article body this module finds the clauses, the
state mentions and the role each plays (an actor; a target of deterrence or
competition; the object of a domain, as in "North Korea's missile
provocations"), the domain mentions and whether each is negated, and the cue
words present. For the whole article it finds the **core**: the states the
article is about, to which "the two sides", "the three allies" or an
implicit subject refer.

The core is the group of states most often named together (coordinated:
"Taiwan and Japan", "U.S.–Japan", "Washington and Tokyo") in sentences that
speak of cooperation, of the size the article's own collective words point to
("the two sides" → 2, "trilateral" → 3).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..corpus import Document
from ..models import Evidence
from ..vocabulary import Vocabulary
from .cues import CompiledCues
from .mentions import Matcher, Mention, fold

__all__ = ["ArticleContext", "Sentence", "StateRef"]

_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|\s*—\s*|\s+[–-]\s+|,?\s+\b(?:while|whereas|but|although|though|even as|"
    r"however|yet)\b\s*",
    re.I,
)
_CONNECTOR = re.compile(
    r"^(?:'s?|’s?)?\s*(?:(?:,|and|&|/|-|–|—|or|as well as|plus|with|between|among|"
    r"the|its|ties with|relations with|'s ties with)\s*)*$",
    re.I,
)
_FOR_FRAME = re.compile(r"(?:^|[,;:]\s*)for\s+(?:the\s+)?$", re.I)
_MESSAGE_AFTER = re.compile(r"^(?:'s?)?,?\s+the\s+(?:message|signal|warning)\b", re.I)


@dataclass(frozen=True, slots=True)
class StateRef:
    """A state named in a sentence, and the role it plays there."""

    state: str
    start: int
    end: int
    form: str
    role: str  # "actor", "target" or "object"


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    heading: bool
    names: list[Mention]
    states: list[StateRef]
    domains: list[tuple[Mention, bool]]  # (mention, negated)
    clauses: list[tuple[int, int]]
    cooperative: bool
    hedged: bool
    collective: list[tuple[int, int, int]]  # start, end, size
    chains: list[frozenset[str]] = field(default_factory=list)

    def clause_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.clauses):
            if s <= pos < e:
                return i
        return len(self.clauses) - 1

    def actors(self) -> set[str]:
        return {r.state for r in self.states if r.role == "actor"}

    def targets(self) -> list[StateRef]:
        return [r for r in self.states if r.role == "target"]


class ArticleContext:
    """The analysed article: sentences, states, persons' states and the core."""

    def __init__(
        self,
        doc: Document,
        vocabulary: Vocabulary,
        matcher: Matcher,
        cues: CompiledCues,
        extractor_version: str = "0",
    ) -> None:
        self.doc = doc
        self.extractor_version = extractor_version
        self.vocabulary = vocabulary
        self.cues = cues
        self.text = fold(doc.text)
        body_spans = doc.body
        names = [m for m in matcher.names(doc.text) if _inside(m, body_spans)]
        domains = [m for m in matcher.domains(doc.text) if _inside(m, body_spans)]
        org_spans = [(m.start, m.end) for m in names if m.kind == "org"]
        domains = [
            m
            for m in domains
            if m.kind == "domain" and not any(m.start < e and s < m.end for s, e in org_spans)
        ]
        self.names = names
        self._name_starts = [m.start for m in names]
        self._domain_starts = [m.start for m in domains]
        self._domains = domains
        self.person_states = {p.name: p.state for p in vocabulary.persons}
        headings = {s for s, e in body_spans if _is_heading(self.text[s:e])}
        self.sentences: list[Sentence] = []
        for i, (s, e) in enumerate(doc.sentences):
            line_start = _line_start(body_spans, s)
            self.sentences.append(
                self._sentence(i, s, e, line_start in headings and s == line_start)
            )
        self.states = self._article_states()
        self.core = self._core()

    # ------------------------------------------------------------ sentences
    def _slice(self, starts: list[int], items: Sequence[Mention], s: int, e: int) -> list[Mention]:
        lo = bisect_left(starts, s)
        hi = bisect_left(starts, e)
        return [m for m in items[lo:hi] if m.end <= e]

    def _sentence(self, index: int, s: int, e: int, heading: bool) -> Sentence:
        text = self.text[s:e]
        cues = self.cues
        names = [
            m for m in self._slice(self._name_starts, self.names, s, e) if m.kind != "non_actor"
        ]
        clauses = _clauses(text, s)
        states = [
            ref
            for m in names
            if m.kind in ("state", "person") and (ref := self._state_ref(m, s, clauses)) is not None
        ]
        name_spans = [(m.start, m.end) for m in names]
        collective = []
        for match in cues.collective.finditer(text):
            a, b = s + match.start(), s + match.end()
            if any(a < ne and ns < b for ns, ne in name_spans):
                continue
            collective.append((a, b, cues.collective_size.get(_norm_ws(match.group(0)).lower(), 0)))
        domain_mentions = self._slice(self._domain_starts, self._domains, s, e)
        # A state that owns the domain ("North Korea's missile provocations") is its object.
        states = [self._object_role(r, domain_mentions) for r in states]
        negated = self._negations(text, s, clauses)
        domains = [(m, any(a <= m.start < b for a, b in negated)) for m in domain_mentions]
        sentence = Sentence(
            index=index,
            start=s,
            end=e,
            text=text,
            heading=heading,
            names=names,
            states=states,
            domains=domains,
            clauses=clauses,
            cooperative=bool(cues.cooperation.search(text)),
            hedged=bool(cues.hedges.search(text)),
            collective=collective,
        )
        sentence.chains = self._chains(sentence)
        return sentence

    def _state_ref(self, m: Mention, s: int, clauses: list[tuple[int, int]]) -> StateRef | None:
        if m.kind == "person":
            state = self.person_states.get(m.ref)
            if state is None:
                return None
            return StateRef(state, m.start, m.end, "person", "actor")
        clause_start = next((a for a, b in clauses if a <= m.start < b), s)
        before = self.text[clause_start : m.start]
        after = self.text[m.end : min(m.end + 60, clauses[-1][1])]
        role = "actor"
        if (
            self.cues.target_before.search(before)
            or self.cues.target_after.search(after)
            or (_FOR_FRAME.search(before) and _MESSAGE_AFTER.search(after))
        ):
            role = "target"
        return StateRef(m.ref, m.start, m.end, m.form, role)

    def _object_role(self, ref: StateRef, domains: list[Mention]) -> StateRef:
        if ref.role != "actor" or ref.form == "person":
            return ref
        if not self.text.startswith(("'s", "'"), ref.end):
            return ref
        for d in domains:
            gap = self.text[ref.end : d.start]
            if 0 <= d.start - ref.end <= 40 and len(gap.split()) <= 3 and "," not in gap:
                return StateRef(ref.state, ref.start, ref.end, ref.form, "object")
        return ref

    def _negations(
        self, text: str, s: int, clauses: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        cues = self.cues
        spans: list[tuple[int, int]] = []
        keep = [(m.start(), m.end()) for m in cues.not_negation.finditer(text)]
        for match in cues.negation.finditer(text):
            if any(a <= match.start() < b for a, b in keep):
                continue
            start = s + match.start()
            clause_end = next((b for a, b in clauses if a <= start < b), s + len(text))
            comma = self.text.find(",", start, clause_end)
            spans.append((start, comma if comma != -1 else clause_end))
        for match in cues.failure.finditer(text):
            start = s + match.start()
            spans.extend((a, b) for a, b in clauses if a <= start < b)
        return spans

    def _chains(self, sentence: Sentence) -> list[frozenset[str]]:
        """Groups of states named together: "Japan, India and Australia", "U.S.–Japan"."""
        refs = [r for r in sentence.states if r.role == "actor"]
        chains: list[set[str]] = []
        current: set[str] = set()
        prev: StateRef | None = None
        for ref in refs:
            if prev is not None and _CONNECTOR.match(self.text[prev.end : ref.start]):
                current.add(ref.state)
            else:
                if len(current) > 1:
                    chains.append(current)
                current = {ref.state}
            prev = ref
        if len(current) > 1:
            chains.append(current)
        return [frozenset(c) for c in chains]

    # ---------------------------------------------------------------- article
    def _article_states(self) -> list[str]:
        strong: Counter[str] = Counter()
        weak: set[str] = set()
        for sentence in self.sentences:
            for ref in sentence.states:
                if ref.form == "weak":
                    weak.add(ref.state)
                else:
                    strong[ref.state] += 1
        return sorted(set(strong) | (weak & set(strong)))

    def _core(self) -> tuple[str, ...]:
        support: Counter[frozenset[str]] = Counter()
        sizes: Counter[int] = Counter()
        for sentence in self.sentences:
            sizes.update(size for _, _, size in sentence.collective if size > 0)
            if not (sentence.cooperative or sentence.heading):
                continue
            weight = 2 if sentence.heading else 1
            for chain in sentence.chains:
                support[chain] += weight
        if not support:
            # No coordinated names: fall back to pairs named in one cooperative sentence.
            for sentence in self.sentences:
                actors = sorted(sentence.actors())
                if sentence.cooperative and len(actors) == 2:
                    support[frozenset(actors)] += 1
            support = Counter({k: v for k, v in support.items() if v >= 2})
        if not support:
            return ()
        # A group is supported by every sentence naming all of its states together.
        scored: dict[frozenset[str], int] = {}
        for group in support:
            scored[group] = sum(
                (2 if s.heading else 1)
                for s in self.sentences
                if (s.cooperative or s.heading) and group <= s.actors()
            )
        preferred = sizes.most_common(1)[0][0] if sizes else 2
        sized = [g for g in scored if len(g) == preferred]
        pool = sized or list(scored)
        best = max(pool, key=lambda g: (scored[g], support[g], len(g), sorted(g)))
        return tuple(sorted(best))

    def evidence(self, sentence: Sentence, confidence: float) -> Evidence:
        """Evidence pointing at a sentence of this article."""
        return Evidence(
            article=self.doc.article.id,
            sentence=self.doc.text[sentence.start : sentence.end],
            start=sentence.start,
            end=sentence.end,
            extractor="alliancegraph.rules",
            extractor_version=self.extractor_version,
            confidence=round(confidence, 3),
        )

    def group_of_size(self, size: int) -> tuple[str, ...]:
        """The core, or the best-supported chain of another size ("the three allies")."""
        if size == 0 or size == len(self.core):
            return self.core
        counts: Counter[frozenset[str]] = Counter()
        for sentence in self.sentences:
            for chain in sentence.chains:
                if len(chain) == size:
                    counts[chain] += 1
        if counts:
            best = max(counts.items(), key=lambda item: (item[1], sorted(item[0])))[0]
            return tuple(sorted(best))
        return self.core


def _inside(m: Mention, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def _line_start(spans: tuple[tuple[int, int], ...], pos: int) -> int:
    for s, e in spans:
        if s <= pos <= e:
            return s
    return pos


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) < 160
        and not stripped.endswith((".", "!", "?", '"', "”", "]", ")", ","))
        and stripped[:1].isupper()
    )


def _clauses(text: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    cursor = 0
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() > cursor:
            spans.append((offset + cursor, offset + match.start()))
        cursor = match.end()
    if cursor < len(text):
        spans.append((offset + cursor, offset + len(text)))
    return spans or [(offset, offset + len(text))]


def _norm_ws(text: str) -> str:
    return " ".join(text.split())
