"""What one article says, sentence by sentence, before any fact is drawn.

For every sentence of the article body this module finds the clauses, the
actors named in it (states, and organisations such as the EU or ASEAN when
they act rather than host: "the EU and India", not "reforms at the WTO") and
the role each plays (an actor; a **target** of deterrence, competition or
attack; the **object** of a domain, as in "North Korea's missile
provocations"), the domain mentions and whether each is negated, and the cue
words present.

For the whole article it finds the **core**: the actors the article is
about, those most often named together ("Taiwan and Japan", "U.S.–Japan",
"Washington and Tokyo") in sentences that speak of cooperation, preferring
the group size the article's own collective words point to ("the two sides"
→ 2, "trilateral" → 3) when that group is well supported.

Then one pass in reading order resolves who takes part in each clause (each
sentence's ``participation``), keeping track of the last group that
acted so that "the three leaders", "they" or "the ministers" refer to it.
A section heading closes that group's reach for "the three countries" of the
new section, and a lead-in line ("Canada and Denmark will also:") gives its
group to the bulleted items below it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import combinations
from typing import NamedTuple

from ..corpus import Document
from ..models import Evidence
from ..vocabulary import Vocabulary
from .cues import CLAUSE_BREAK_WORDS, CompiledCues
from .mentions import Matcher, Mention, fold, lower_same_length

__all__ = ["ArticleContext", "Participation", "Sentence", "StateRef"]

_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|\s*—\s*|\s+[–-]\s+|,?\s+\b(?:"
    + "|".join(map(re.escape, CLAUSE_BREAK_WORDS))
    + r")\b\s*",
    re.I,
)
# Marks that may break a clause; a sentence without one, and without a clause-break
# word, is one clause.
_BREAK_MARKS = (";", ":", "—", " – ", " - ")
_CONNECTOR = re.compile(
    r"^(?:'s?|’s?)?\s*(?:(?:,|and|&|/|-|–|—|or|as well as|plus|between|among|"
    r"the|its)\s*)*$",
    re.I,
)
# What may join a state to the title after it, once titles are blanked out.
_JOINING_GAP = re.compile(r"(?:'s|’s)?(?:\s|,|\band\b)*")
_WITH = re.compile(r"\b(?:with|alongside)\b", re.I)
# An indefinite article and a qualifier before an organisation's name: "an 'Asian NATO'".
_A_KIND_OF = re.compile(r"\b[Aa]n?\s+[\"“']?(?:[A-Z][\w-]*\s+){1,2}[\"“']?$")
# What opens a second coordinated verb phrase: "agreed to expand X and to hold Y".
_CONJUNCTS = (" and to ", ", and ", " and will ", " and would ")
# A relative clause set off by commas: ", which has its own pact with Japan,".
_ASIDE = re.compile(r",\s+(?:which|who|whose|whom|where)\b[^,;:]*,")
_LAST_RELATIVE = re.compile(r",\s+(?:which|whose|where)\b[^,;:]*$")
_FOR_FRAME = re.compile(r"(?:^|[,;:]\s*)for\s+(?:the\s+)?$", re.I)
_MESSAGE_AFTER = re.compile(r"^(?:'s?)?,?\s+the\s+(?:message|signal|warning)\b", re.I)
# Between an organisation and a person: the title of an office ("'s top diplomat").
_OFFICE_GAP = re.compile(r"(?:'s|’s)?(?:\s+[A-Za-z][\w-]*){0,3}\s+(?P<head>[A-Za-z][\w-]*)\s+")
_APPOSED_ORG = re.compile(r",\s+(?:the\s+)?")
_CAPITALISED_NEXT = re.compile(r"[ -][A-Z]")
_DASHES = frozenset("-–—")
_DASH = re.compile(r"[-–—]")
# Capitalised words joined by dashes: "Baku-Tbilisi-Kars", "U.S.–Japan".
_HYPHENATED = re.compile(r"[A-Z][\w.’']*(?:[-–—][A-Z][\w.’']*)+")


def _compound_start(text: str, pos: int) -> int:
    """Where the dash-joined compound holding ``pos`` starts."""
    while pos > 1 and text[pos - 1] in _DASHES and text[pos - 2].isalnum():
        pos -= 1
        while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in ".’'"):
            pos -= 1
    return pos


# The object of a comparison: "than any Franco-German communiqué", "than Japan".
_COMPARED = re.compile(
    r"\bthan\s+(?:(?:any|the|a|an|all|every|either|other)\s+)?(?:[A-Z][\w.]*[-–])*$"
)
# A demonym standing alone after "from", "in" or "into" is a language.
_LANGUAGE_BEFORE = re.compile(r"\b(?:from|in|into)\s+$", re.I)
_LANGUAGE_AFTER = re.compile(r"[ \t]*(?:[.,;:)\]\n]|$)|\s+by\b")
_HOSTILE_OBJECT = re.compile(r"\b(?:at|on|against|into|upon)\s+(?:the\s+)?$", re.I)
# What opens an item of a list: a bullet or an item number ("- ", "• ", "(a) ", "2. ").
_LIST_ITEM = re.compile(r"[ \t]*(?:[-•*▪‣◦–—·][ \t]|\(?(?:\d{1,2}|[a-z])[.)][ \t])")
_ACTING_ORGS = frozenset({"organization", "grouping", "alliance"})

_BEYOND = 1 << 62  # an offset past any text, for bisecting (start, end) pairs
_MINILATERAL = 10  # groupings this small act through their members (Quad, AUKUS, G7, BRICS)

# Confidence by how the participants were found.
EXPLICIT = 0.9
COLLECTIVE = 0.8
IMPLIED = 0.7
INHERITED = 0.6


class StateRef(NamedTuple):
    """An actor named in a sentence (``JPN`` or ``org:eu``) and its role there.

    A named tuple, like :class:`~.mentions.Mention`: one is made for every name.
    """

    state: str
    start: int
    end: int
    form: str
    role: str  # "actor", "target" or "object"


@dataclass(frozen=True)
class Participation:
    """Who cooperates in a clause: the pairs, and how sure we are."""

    clause: int
    pairs: frozenset[tuple[str, str]]
    confidence: float
    # "A and B agreed to expand X and to hold a trilateral drill with C": the pairs
    # for what is named before the conjunct that brings C in (offset, pairs).
    earlier: tuple[int, frozenset[tuple[str, str]]] | None = None

    @property
    def members(self) -> frozenset[str]:
        return frozenset(x for pair in self.pairs for x in pair)


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    heading: bool
    names: list[Mention]
    states: list[StateRef]
    domains: list[tuple[Mention, bool]]  # (mention, negated)
    owners: dict[int, tuple[int, str]]  # domain start -> (owner mention start, owner)
    clauses: list[tuple[int, int]]
    cooperative: bool
    hostile: bool
    hedged: bool
    collective: list[tuple[int, int, int]]  # start, end, size
    chains: list[frozenset[str]] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)
    # What each clause's collective phrase stood for when it was read ("all three capitals").
    groups: dict[int, frozenset[str]] = field(default_factory=dict)
    _actors: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)
    _state_actors: frozenset[str] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def clause_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.clauses):
            if s <= pos < e:
                return i
        return len(self.clauses) - 1

    # Both asked for again and again by the finders; worked out once, when first asked.
    def actors(self) -> frozenset[str]:
        """States and acting organisations named as actors."""
        found = self._actors
        if found is None:
            found = self._actors = frozenset(r.state for r in self.states if r.role == "actor")
        return found

    def state_actors(self) -> frozenset[str]:
        """States (alpha-3 codes) named as actors."""
        found = self._state_actors
        if found is None:
            found = frozenset(s for s in self.actors() if not s.startswith("org:"))
            self._state_actors = found
        return found

    def targets(self) -> list[StateRef]:
        return [r for r in self.states if r.role == "target"]


class ArticleContext:
    """The analysed article: sentences, states, the core and who acts where."""

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
        self._evidence: dict[tuple[int, float], Evidence] = {}
        self.vocabulary = vocabulary
        self.cues = cues
        self.text = fold(doc.text)
        self.lowered = lowered = lower_same_length(self.text)
        body_spans = doc.body
        names, domains = matcher.scan(self.text, lowered)
        names = [m for m in names if _inside(m, body_spans)]
        if any(m.form == "short" for m in names):
            names = self._short_forms_kept(names)
        domains = [m for m in domains if _inside(m, body_spans)]
        org_spans = [(m.start, m.end) for m in names if m.kind == "org"]
        leaves = vocabulary.leaf_domains
        domains = [
            m
            for m in domains
            if m.kind == "domain"
            and m.ref in leaves
            and not any(m.start < e and s < m.end for s, e in org_spans)
            and not (self.text[m.start].isupper() and self._in_institution_name(m))
        ]
        self.names = names
        self.hits = cues.index.scan(lowered)
        self._hit_starts = {k: [h[0] for h in v] for k, v in self.hits.items()}
        self._name_starts = [m.start for m in names]
        self._domain_starts = [m.start for m in domains]
        self._domains = domains
        headings = {s for s, e in body_spans if _is_heading(self.text[s:e])}
        spans = doc.sentences
        self._buckets = _by_sentence(spans, self.hits)
        busy = _holding(
            spans,
            [
                *((m.start, m.end) for m in names if m.kind != "non_actor"),
                *((m.start, m.end) for m in domains),
                *((a, b) for a, b, _ in self.hits["collective"]),
            ],
        )
        self.sentences: list[Sentence] = []
        for i, (s, e) in enumerate(spans):
            line_start = _line_start(body_spans, s)
            heading = line_start in headings and s == line_start
            if i in busy:
                self.sentences.append(self._sentence(i, s, e, heading))
            else:
                self.sentences.append(self._empty_sentence(i, s, e, heading))
        self.states = self._article_states()
        self.core = self._core()
        self._last: frozenset[str] = frozenset()
        self._last_index = -10
        self._section = 0  # where the current section's heading stands
        # The group a lead-in line ("The three countries will:") gives the list below it.
        self._lead: frozenset[str] = frozenset()
        for sentence in self.sentences:
            sentence.participation = self._participation(sentence)

    def _short_forms_kept(self, names: list[Mention]) -> list[Mention]:
        """ "the North" stands for North Korea where the article names North Korea
        too, and not before another capitalised word ("the North Atlantic")."""
        named = {m.ref for m in names if m.kind == "state" and m.form != "short"}
        return [
            m
            for m in names
            if m.form != "short"
            or (m.ref in named and not _CAPITALISED_NEXT.match(self.text, m.end))
        ]

    def _in_institution_name(self, m: Mention) -> bool:
        """Whether a capitalised domain word names an institution or an office
        ("Ministry of Economy, Trade and Industry", "Trade Minister Goyal"), not a
        domain of cooperation."""
        return bool(
            self.cues.institution_before.search(self.text, max(0, m.start - 100), m.start)
            or self.cues.institution_after.match(self.text, m.end, m.end + 80)
        )

    # ------------------------------------------------------------ sentences
    def cue_hits(self, category: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Cues of one list found inside ``[start, end)``."""
        starts = self._hit_starts[category]
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        if lo == hi:
            return []  # the usual answer, so it costs two bisections and nothing more
        return [h for h in self.hits[category][lo:hi] if h[1] <= end]

    def sentence_cues(self, category: str, index: int) -> Sequence[tuple[int, int, int]]:
        """Cues of one list found inside sentence ``index`` (as :meth:`cue_hits` finds
        them over the sentence's span)."""
        return self._buckets[category].get(index, ())

    def cues_by_sentence(self, category: str) -> dict[int, list[tuple[int, int, int]]]:
        """``{sentence index: cues of one list inside it}``, for sentences holding any."""
        return self._buckets[category]

    def _slice(self, starts: list[int], items: Sequence[Mention], s: int, e: int) -> list[Mention]:
        lo = bisect_left(starts, s)
        hi = bisect_left(starts, e)
        return [m for m in items[lo:hi] if m.end <= e]

    def _sentence(self, index: int, s: int, e: int, heading: bool) -> Sentence:
        text = self.text[s:e]
        names = [
            m for m in self._slice(self._name_starts, self.names, s, e) if m.kind != "non_actor"
        ]
        domain_mentions = self._slice(self._domain_starts, self._domains, s, e)
        collective_hits = self.sentence_cues("collective", index)
        if not names and not domain_mentions and not collective_hits:
            return self._empty_sentence(index, s, e, heading)
        if self.sentence_cues("clause_breaks", index) or any(m in text for m in _BREAK_MARKS):
            clauses = _clauses(text, s)
        else:
            clauses = [(s, e)]  # most sentences are one clause
        # A hostile word inside a domain ("missile provocations") describes the domain.
        hostile = any(
            not any(d.start <= h[0] < d.end for d in domain_mentions)
            for h in self.sentence_cues("hostile", index)
        )
        states = [
            ref for m in names if (ref := self._state_ref(m, s, clauses, hostile)) is not None
        ]
        if any(r.form == "person" for r in states):
            # "Colombia's Defence Minister Pedro Sánchez" is not Spain's prime minister:
            # a state named with a title before a known name says whose official it is.
            states = [
                r
                for r in states
                if r.form != "person"
                or self.state_before(states, r.start, titled=True) in (None, r.state)
            ]
        name_spans = [(m.start, m.end) for m in names]
        collective = [
            (a, b, size)
            for a, b, size in collective_hits
            if not any(a < ne and ns < b for ns, ne in name_spans)
        ]
        owners = self._owners(states, domain_mentions)
        states = [
            StateRef(r.state, r.start, r.end, r.form, "object")
            if r.role == "actor"
            and r.start in {st for st, _ in owners.values()}
            and r.form != "person"
            and self.text.startswith(("'s", "'"), r.end)
            else r
            for r in states
        ]
        negated = self._negations(index, s, e, clauses)
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
            owners=owners,
            clauses=clauses,
            cooperative=bool(self.sentence_cues("cooperation", index)),
            hostile=hostile,
            hedged=bool(self.sentence_cues("hedges", index)),
            collective=collective,
        )
        sentence.chains = self._chains(sentence)
        if (
            not sentence.cooperative
            and not hostile
            and (sentence.chains or sentence.collective)
            and any(m.ref in self.cues.joint_domains for m in domain_mentions)
            and self._participants_named(sentence)
        ):
            # "Warships from China, Russia and Iran gathered for their naval drill",
            # "the three militaries held their exercise": states named together in
            # a drill act together.
            sentence.cooperative = True
        return sentence

    def _empty_sentence(self, index: int, s: int, e: int, heading: bool) -> Sentence:
        """A sentence where nobody acts and nothing is done: no clause can hold a fact."""
        return Sentence(
            index,
            s,
            e,
            self.text[s:e],
            heading,
            [],
            [],
            [],
            {},
            [(s, e)],
            cooperative=index in self.cues_by_sentence("cooperation"),
            hostile=False,
            hedged=False,
            collective=[],
        )

    def _state_ref(
        self, m: Mention, s: int, clauses: list[tuple[int, int]], hostile: bool
    ) -> StateRef | None:
        if m.kind == "person":
            person = self.vocabulary.persons_by_name.get(m.ref)
            if person is None or self.serves_organisation(m):
                return None
            return StateRef(person.state, m.start, m.end, "person", "actor")
        if len(clauses) == 1:  # most sentences are one clause
            a, b = clauses[0]
            clause_start = a if a <= m.start < b else s
        else:
            clause_start = next((a for a, b in clauses if a <= m.start < b), s)
        # A bounded window: the rules look at a few words before a name, and a
        # clause thousands of characters long must not make each name cost as much.
        before = self.text[max(clause_start, m.start - 120) : m.start]
        if m.kind == "org":
            org = self.vocabulary.organizations[m.ref]
            if org.kind not in _ACTING_ORGS or self.cues.venue.search(before):
                return None
            if before.rstrip().endswith("(") and m.ref in self._recent_orgs(clause_start, m.start):
                return None  # "Quadrilateral Security Dialogue (Quad)": one mention
            if self.text.startswith(("-like", "-style", "-type"), m.end):
                return None
            if _A_KIND_OF.search(before):
                return None  # "an Asian NATO": a likeness, not the organisation
            return StateRef(f"org:{m.ref}", m.start, m.end, "org", "actor")
        if m.kind != "state":
            return None
        if self.text.startswith(self.cues.not_actor_suffixes, m.end):
            # "a Dakar-based institute", "the Timor-Leste Division": where something
            # is or what an office deals with, not who acts
            return None
        follows = self.text[m.end : m.end + 2]
        named_on = follows[:1] == " " and (follows[1:].isupper() or follows[1:] == "(")
        if (
            # Only a capitalised word or a bracket after the name can begin a company's
            # or a document's name: the usual case costs no pattern.
            (named_on and self.cues.company.match(self.text, m.end))
            or (named_on and m.form == "capital" and self.cues.document.match(self.text, m.end))
            or (
                m.form == "demonym"
                and _LANGUAGE_AFTER.match(self.text, m.end)
                and _LANGUAGE_BEFORE.search(before)
            )
        ):
            # "Taiwan Semiconductor Manufacturing Co (2330.TW)", "the Yaoundé Code
            # of Conduct", "translated from Spanish": a company, a document named for
            # a city, a language
            return None
        if m.form == "capital" and (
            self.text[m.end : m.end + 1] in _DASHES or self.text[m.start - 1 : m.start] in _DASHES
        ):
            route = _HYPHENATED.match(self.text, _compound_start(self.text, m.start))
            if route and any(
                self.vocabulary.state_code(part) is None for part in _DASH.split(route.group(0))
            ):
                # "the Baku-Tbilisi-Kars railway", "the Islamabad-Tehran-Istanbul train":
                # cities strung into the name of a route, one of them no capital
                return None
        if "than " in before[-40:] and _COMPARED.search(before):
            # "more for deterrence than any Franco-German communiqué": what is compared
            return StateRef(m.ref, m.start, m.end, m.form, "object")
        after = self.text[m.end : min(m.end + 60, clauses[-1][1])]
        role = "actor"
        possessive = self.text.startswith(("'s", "'"), m.end)
        if (
            # "deter China", but not "balance Washington's demands": an owner is a
            # target only with a hostile noun ("limit China's access") or after a
            # verb that aims at whoever owns its object ("deter Russia's shadow fleet").
            (
                (cue := self._target_before(clause_start, m.start))
                and (not possessive or cue in self.cues.target_owner_verbs)
            )
            or self._target_after(m, clause_start)
            or (
                # "keep China from gaining a foothold", "lock Russia out of the market",
                # "keep their most advanced tools out of China"
                (
                    (after.startswith((" from ", " out ")) and self.cues.target_from.search(before))
                    or ("out of" in before[-14:] and self.cues.target_out_of.search(before))
                )
                and not self._negated(max(clause_start, m.start - 40), m.start)
            )
            or (
                before.rstrip().lower().endswith(("for", "for the"))
                and _FOR_FRAME.search(before)
                and _MESSAGE_AFTER.search(after)
            )
            or (
                hostile
                and _HOSTILE_OBJECT.search(before)
                and (attacks := self.cue_hits("hostile", max(clause_start, m.start - 60), m.start))
                and not self._owned_attack(clause_start, attacks[-1][0])
                and not self._negated(max(clause_start, m.start - 30), m.start)
            )
        ):
            role = "target"
        return StateRef(m.ref, m.start, m.end, m.form, role)

    def serves_organisation(self, m: Mention) -> bool:
        """Whether a former office holder is named in an organisation's office:
        "NATO Secretary General Mark Rutte", "Kaja Kallas, the EU's foreign-policy
        chief" act for NATO and the EU, not for the state they once led."""
        person = self.vocabulary.persons_by_name.get(m.ref)
        if person is None or person.end is None:
            return False
        lo = bisect_left(self._name_starts, m.start - 60)
        hi = bisect_left(self._name_starts, m.end + 20)
        heads = self.cues.office_heads
        for org in self.names[lo:hi]:
            if org.kind != "org":
                continue
            if org.end <= m.start:
                words = _OFFICE_GAP.fullmatch(self.text, org.end, m.start)
                if words and words.group("head").lower() in heads:
                    return True
            elif _APPOSED_ORG.fullmatch(self.text, m.end, org.start) and self.text.startswith(
                ("'s", "’s"), org.end
            ):
                return True
        return False

    def _target_before(self, clause_start: int, start: int) -> str:
        """The cue, lower-cased, that makes the state at ``start`` a target ("deter
        China", "threats, particularly from China", "competition with China"), or ""."""
        cues = self.cue_hits("target_before", clause_start, start)
        if not cues:
            return ""
        cue_start, cue_end, _ = cues[-1]
        if self.cues.target_gap.match(self.text[cue_end:start]) and not self._negated(
            max(clause_start, cue_start - 40), cue_start
        ):
            return self.text[cue_start:cue_end].lower()
        return ""

    def _negated(self, start: int, end: int) -> bool:
        """Whether a negation stands in ``[start, end)`` with no comma after it: "not
        directed against Iran", "is not meant to counter China" (but "not only")."""
        keep = self.cue_hits("not_negation", start, end + 8)
        return any(
            not any(a <= n < b for a, b, _ in keep) and "," not in self.text[n:end]
            for n, _, _ in self.cue_hits("negation", start, end)
        )

    def _owned_attack(self, clause_start: int, attack: int) -> bool:
        """Whether an attack word has its own attacker just before it: in "a response
        to Israel's strike on Doha" Doha is Israel's target, not the actors'."""
        lo = bisect_left(self._name_starts, max(clause_start, attack - 40))
        hi = bisect_left(self._name_starts, attack)
        return any(
            m.kind == "state"
            and self.text.startswith(("'s", "'"), m.end)
            and len(self.text[m.end : attack].split()) <= 2
            for m in self.names[lo:hi]
        )

    def _target_after(self, m: Mention, clause_start: int) -> bool:
        """ "China's regional ambitions", "Chinese coercion", "limit China's access"."""
        possessive = self.text.startswith(("'s", "'"), m.end)
        if not possessive and m.form != "demonym":
            return False
        for start, end, _ in self.cue_hits("target_after", m.end, m.end + 45):
            if self.text[start:end].lower() in self.cues.target_after_limited and not (
                self._target_before(clause_start, m.start)
            ):
                continue
            gap = self.text[m.end : start].removeprefix("'s").removeprefix("'")
            words = gap.split()
            if any(c in gap for c in ",;."):
                continue
            # Two modifiers at most ("China's growing military pressure"), or two
            # joined ("North Korea's nuclear and missile threats").
            if len(words) <= (2 if possessive else 0) or (
                possessive and len(words) == 3 and words[1] in ("and", "or")
            ):
                return True
        return False

    def _recent_orgs(self, start: int, end: int) -> set[str]:
        lo = bisect_left(self._name_starts, start)
        hi = bisect_left(self._name_starts, end)
        return {m.ref for m in self.names[lo:hi] if m.kind == "org"}

    def _owners(self, refs: list[StateRef], domains: list[Mention]) -> dict[int, tuple[int, str]]:
        """Domains owned by an actor named just before them ("Chinese coast guard ships").

        Returns ``{domain start: (owner mention start, owner)}``.
        """
        owners: dict[int, tuple[int, str]] = {}
        for ref in refs:
            if ref.form == "person":
                continue
            for d in domains:
                gap = self.text[ref.end : d.start]
                if 0 <= d.start - ref.end <= 40 and len(gap.split()) <= 2 and "," not in gap:
                    if ref.form == "demonym" or self.text.startswith(("'s", "'"), ref.end):
                        owners[d.start] = (ref.start, ref.state)
                    break
        return owners

    def state_before(
        self, states: Sequence[StateRef], start: int, *, titled: bool = False
    ) -> str | None:
        """The state named just before a title, across other titles: "Polish Deputy
        Prime Minister and Defence Minister …" gives Poland to both. With ``titled``,
        only across a title ("Colombia's Defence Minister"), not a bare "Japan and"."""
        for ref in reversed(states):
            if ref.end <= start and ref.form != "person":
                gap = self.text[ref.end : start]
                bare = self.cues.roles.sub(" ", gap)
                if _JOINING_GAP.fullmatch(bare) and not (titled and bare == gap):
                    return ref.state
                return None
        return None

    def _negations(
        self, index: int, s: int, e: int, clauses: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        keep = [(a, b) for a, b, _ in self.sentence_cues("not_negation", index)]
        for start, _, _ in self.sentence_cues("negation", index):
            if any(a <= start < b for a, b in keep):
                continue
            clause_end = next((b for a, b in clauses if a <= start < b), e)
            comma = self.text.find(",", start, clause_end)
            spans.append((start, comma if comma != -1 else clause_end))
        for category in ("failure", "tentative"):
            for start, _, _ in self.sentence_cues(category, index):
                for a, b in clauses:
                    if a <= start < b:
                        spans.extend(self._same_clause_part(a, b, start))
        return spans

    def _same_clause_part(self, a: int, b: int, pos: int) -> list[tuple[int, int]]:
        """The part of clause ``[a, b)`` that a word at ``pos`` speaks of: a relative
        clause between commas is an aside ("Qatar, which has security arrangements
        with the United States, declined to comment"), and a word outside it does
        not speak of what the aside says, nor a word inside it of the rest."""
        asides = self._asides(a, b)
        if not asides:
            return [(a, b)]  # the usual case: no aside to set apart
        inside = next(((s, e) for s, e in asides if s <= pos < e), None)
        if inside is not None:
            return [inside]
        parts, cursor = [], a
        for s, e in asides:
            parts.append((cursor, s))
            cursor = e
        parts.append((cursor, b))
        return parts

    def _before_closing_relative(
        self, sentence: Sentence, refs: list[StateRef], start: int, end: int
    ) -> list[StateRef]:
        """``refs`` of ``[start, end)`` without those in a relative clause about a thing
        that closes it: in "… near the Senkaku Islands, which Japan administers and
        Beijing claims" the states after "which" act in the relative clause, not in
        the sentence. A relative clause about a state ("…, with Vietnam, which …")
        is not set apart."""
        if len(refs) < 2 or self.lowered.find("wh", start, end) == -1:
            return refs  # the usual case, decided without the regex
        m = _LAST_RELATIVE.search(self.text, start, end)
        if m is None or any(r.end == m.start() for r in sentence.states):
            return refs
        return [r for r in refs if r.start < m.start()]

    def _asides(self, start: int, end: int) -> list[tuple[int, int]]:
        """The relative clauses set off by commas in ``[start, end)``: ", which has
        its own pact with Japan,"."""
        if self.lowered.find("wh", start, end) == -1:
            return []  # the usual case, decided without the regex
        return [m.span() for m in _ASIDE.finditer(self.text, start, end)]

    def _chains(self, sentence: Sentence) -> list[frozenset[str]]:
        """Groups of actors named together: "Japan, India and Australia", "U.S.–Japan"."""
        refs = [r for r in sentence.states if r.role == "actor"]
        chains: list[set[str]] = []
        current: set[str] = set()
        prev: StateRef | None = None
        for ref in refs:
            if (
                prev is not None
                and _connects(self.text[prev.end : ref.start])
                and not self._place_then_new_subject(prev, ref)
            ):
                current.add(ref.state)
            else:
                if len(current) > 1:
                    chains.append(current)
                current = {ref.state}
            prev = ref
        if len(current) > 1:
            chains.append(current)
        return [frozenset(c) for c in chains]

    def _participants_named(self, sentence: Sentence) -> bool:
        """Whether a group named together ("Japan and India", "the two navies") is
        named as acting, not as the place of the action ("a drill off Taiwan and
        Japan")."""
        firsts: dict[str, int] = {}
        for ref in sentence.states:
            if ref.role == "actor":
                firsts.setdefault(ref.state, ref.start)
        starts = [min(firsts[s] for s in chain) for chain in sentence.chains]
        starts += [a for a, _, _ in sentence.collective]
        return any(
            not self.cues.place.search(self.text, max(0, start - 20), start) for start in starts
        )

    def _place_then_new_subject(self, prev: StateRef, ref: StateRef) -> bool:
        """ "stationed a brigade in Lithuania and Polish and German engineers are …":
        a state named as a place, then a demonym opening the next clause."""
        return (
            ref.form == "demonym"
            and prev.form != "demonym"
            and bool(self.cues.venue.search(self.text[max(0, prev.start - 20) : prev.start]))
        )

    # ---------------------------------------------------------------- article
    def _article_states(self) -> list[str]:
        strong: Counter[str] = Counter()
        weak: set[str] = set()
        for sentence in self.sentences:
            refs = sentence.states
            for i, ref in enumerate(refs):
                if ref.state.startswith("org:") or self._venue(ref):
                    continue
                if ref.form == "weak" and not self._listed_with_states(refs, i):
                    weak.add(ref.state)
                else:
                    strong[ref.state] += 1
        return sorted(set(strong) | (weak & set(strong)))

    def _venue(self, ref: StateRef) -> bool:
        """Whether a state is named only as where something happens: its capital
        after "in" or "at" ("talks concluded in Lisbon"), or its name set after
        that capital ("in Dakar, Senegal"); but "officials in Tokyo" stand for
        Japan's government."""
        if ref.role != "actor" or ref.form not in ("capital", "name"):
            return False
        start = ref.start
        text = self.text
        if ref.form == "name":
            if text[start - 2 : start] != ", ":
                return False  # the usual case, decided without a look at the capitals
            before = text[max(0, start - 60) : start]
            city = next(
                (
                    c
                    for c in self.vocabulary.states[ref.state].capitals
                    if before.endswith(f"{c}, ")
                ),
                None,
            )
            if city is None:
                return False
            start -= len(city) + 2
        if text[start - 3 : start].lower() not in ("in ", "at "):
            return False
        at = self.cues.venue_at.search(text, max(0, start - 40), start)
        return at is not None and (at.group(1) or "").lower() not in self.cues.resident_nouns

    def _listed_with_states(self, refs: list[StateRef], i: int) -> bool:
        """Whether an ambiguous name ("Georgia", "Jordan") stands in a list of states
        ("Kazakhstan, Azerbaijan, Georgia and Türkiye"), and so is one itself."""
        ref = refs[i]
        return any(
            other.form != "weak"
            and not other.state.startswith("org:")
            and _connects(self.text[min(ref.end, other.end) : max(ref.start, other.start)])
            for other in refs[max(0, i - 1) : i + 2]
            if other is not ref
        )

    def _core(self) -> tuple[str, ...]:
        support: Counter[frozenset[str]] = Counter()
        sizes: Counter[int] = Counter()
        # Sentences naming no actor add nothing to any group's support.
        usable = [
            s for s in self.sentences if (s.cooperative or s.heading) and not s.hostile and s.states
        ]
        for sentence in self.sentences:
            for _, _, size in sentence.collective:
                if size > 0:
                    sizes[size] += 1
        for sentence in usable:
            for chain in sentence.chains:
                support[chain] += 1
            # A small grouping acting in a headline or a cooperative sentence ("G7 summit:
            # leaders adopt …") is a candidate core of its own.
            for actor in sentence.actors():
                members = self._acting_members(actor)
                if len(members) > 1:
                    support[frozenset(members)] += 1
        if not support:
            # No coordinated names: fall back to pairs named in one cooperative sentence.
            for sentence in usable:
                actors = sorted(sentence.actors())
                if len(actors) == 2:
                    support[frozenset(actors)] += 1
            support = Counter({k: v for k, v in support.items() if v >= 2})
        if not support:
            return ()
        # A group is supported by every sentence naming all of its members together.
        acting: dict[frozenset[str], frozenset[str]] = {}  # the same actors recur
        expanded = []
        for s in usable:
            named = s.actors()
            found = acting.get(named)
            if found is None:
                found = acting[named] = frozenset(m for a in named for m in self._acting_members(a))
            expanded.append((s, found))
        scored = {
            group: sum(2 if s.heading else 1 for s, actors in expanded if group <= actors)
            for group in support
        }

        def rank(group: frozenset[str]) -> tuple[int, int, int, list[str]]:
            return (scored[group], support[group], len(group), sorted(group))

        best = max(scored, key=rank)
        if sizes:
            preferred = sizes.most_common(1)[0][0]
            sized = [g for g in scored if len(g) == preferred]
            if sized:
                candidate = max(sized, key=rank)
                if 2 * scored[candidate] >= scored[best]:
                    best = candidate
        return tuple(sorted(best))

    # ------------------------------------------------------------ discourse
    def resolve_collective(self, sentence: Sentence, size: int) -> frozenset[str]:
        """What "the two sides", "the three allies" or "they" stand for here."""
        current = sentence.actors()
        if len(current) >= 2:
            acting = [r for r in sentence.states if r.role == "actor"]
            kept = self._before_closing_relative(sentence, acting, sentence.start, sentence.end)
            current = frozenset(r.state for r in kept)
        recent = sentence.index - self._last_index <= 2
        # A group that acted before the section's heading is not what "the three
        # countries" of a new section stand for.
        fresh = self._last_index >= self._section
        if size == 0:
            if self._last and recent:
                return self._last
            return frozenset(self.core)
        if len(current) == size:
            return current
        core = frozenset(self.core)
        if current and len(core) == size and current <= core and not current & self._last:
            # "The treaty, signed in Canberra, commits the two neighbours": the pair
            # the article is about, which the state named here belongs to, rather
            # than another pair that acted just before.
            return core
        if self._last and len(self._last) == size and fresh:
            return self._last
        if not fresh:
            # The group named last in this section, before the article's.
            named = self._named_last(self._section, sentence.index, size)
            if named:
                return named
        # "a trilateral initiative with the UAE, the three partners …": the pair
        # acting so far and the state named now.
        for known in (self._last if fresh else frozenset(), core):
            if known and len(known | current) == size:
                return known | current
        named = self._named_last(max(0, sentence.index - 3), sentence.index, size)
        if named:
            return named
        if len(core) == size:
            return core
        # "The seven leaders": the members of a grouping of that size named in the article.
        for org_id in self._acting_groupings:
            members = self.vocabulary.organizations[org_id].members
            if len(members) == size:
                return frozenset(members)
        counts: Counter[frozenset[str]] = Counter(
            chain for s in self.sentences for chain in s.chains if len(chain) == size
        )
        if counts:
            return max(counts.items(), key=lambda item: (item[1], sorted(item[0])))[0]
        return frozenset(self.core)

    def _named_last(self, start: int, end: int, size: int) -> frozenset[str]:
        """The actors of the last sentence in ``[start, end)`` naming ``size`` of them."""
        for previous in reversed(self.sentences[start:end]):
            actors = frozenset(previous.actors())
            if len(actors) == size:
                return actors
        return frozenset()

    def _participation(self, sentence: Sentence) -> list[Participation]:
        if sentence.heading:
            self._section = sentence.index
        listed = bool(self._lead) and self._list_item(sentence)
        if not listed:
            self._lead = frozenset()
        elif (
            not sentence.hostile
            and not sentence.collective
            and all(r.role != "actor" for r in sentence.states)
        ):
            # "Canada and Denmark will also:\n- Co-fund geological surveys": each
            # item's subject is the lead-in's.
            pairs = _clique(self._lead)
            return [Participation(ci, pairs, COLLECTIVE) for ci in range(len(sentence.clauses))]
        # A sentence with no subject at all inherits the core, if it speaks of cooperation.
        inherits = sentence.cooperative and not sentence.hostile and len(self.core) >= 2
        if not sentence.states and not sentence.collective:
            # Nobody named and no "the two sides": no clause has a subject, and the
            # discourse state stays as it was.
            if not inherits:
                return []
            pairs = _clique(self.core)
            return [Participation(ci, pairs, INHERITED) for ci in range(len(sentence.clauses))]
        found = [self._clause(sentence, ci) for ci in range(len(sentence.clauses))]
        subject = next((f for f in found if f is not None), None)
        out: list[Participation] = []
        for ci, result in enumerate(found):
            if result is None:
                if subject is not None:
                    result = Participation(ci, subject.pairs, min(subject.confidence, IMPLIED))
                elif inherits:
                    result = Participation(ci, _clique(self.core), INHERITED)
                else:
                    continue
            out.append(result)
        if subject is not None:
            members = subject.members
            if len(members) >= 2:
                self._last = members
                self._last_index = sentence.index
                if not listed and not sentence.hostile and sentence.text.endswith(":"):
                    self._lead = members
        return out

    def _list_item(self, sentence: Sentence) -> bool:
        """Whether the sentence is (in) an item of a list: its line opens with a bullet
        or an item number ("- ", "• ", "(a) ", "2. ")."""
        return _LIST_ITEM.match(self.text, _line_start(self.doc.body, sentence.start)) is not None

    def _clause(self, sentence: Sentence, ci: int) -> Participation | None:
        start, end = sentence.clauses[ci]
        refs = [r for r in sentence.states if start <= r.start < end and r.role == "actor"]
        refs = self._before_closing_relative(sentence, refs, start, end)
        explicit: list[str] = []  # in order, each once; a clause names a handful
        for r in refs:
            for member in self._acting_members(r.state):
                if member not in explicit:
                    explicit.append(member)
        # The clause's first collective phrase ("the three allies"): where, and its size.
        phrase, size = next(
            ((a, size) for a, _, size in sentence.collective if start <= a < end), (end, -1)
        )
        named_before = {r.state: r.form for r in refs if r.end <= phrase}
        if size == 0 and len(named_before) == 1 and "demonym" in named_before.values():
            # "Iranian commanders say they see it as …": "they" are the people just
            # named, not the group that acted before.
            group = frozenset(named_before)
        else:
            group = self.resolve_collective(sentence, size) if size >= 0 else frozenset()
        if group:
            sentence.groups[ci] = group
        chains = [c for c in sentence.chains if c <= set(explicit)]
        core = set(self.core)
        if sentence.hostile and explicit:
            # Amid attacks and sanctions only states named together act together
            # ("North Korea's military cooperation with Russia" among them), or
            # states of the group that was acting just before.
            star = self._with_star(refs, start, end) if len(explicit) >= 2 else None
            if star is not None:
                return Participation(ci, star[0], EXPLICIT, star[1])
            if chains:
                return Participation(ci, frozenset().union(*map(_clique, chains)), EXPLICIT)
            for known in (group, self._last if sentence.index - self._last_index <= 2 else ()):
                if len(known) >= 2 and set(explicit) <= set(known):
                    return Participation(ci, _clique(known), COLLECTIVE)
            return None
        if len(explicit) >= 2:
            star = self._with_star(refs, start, end)
            if star is not None:
                pairs, earlier = star
                return Participation(ci, pairs, EXPLICIT, earlier)
            if chains:
                touching = [c for c in chains if c & core]
                if touching:
                    members = set[str]().union(*touching)
                else:
                    longest = max(chains, key=lambda c: (len(c), sorted(c)))
                    members = set(longest)
                members |= set(explicit) & core
            elif len(set(explicit) & core) >= 2:
                members = set(explicit) & core
            else:
                members = set(explicit)
            # "The three allies" widens a pair named in the clause; "they" does not.
            if size > 0 and len(members) < size and group & members:
                named = max((r.end for r in refs if r.end <= phrase), default=start)
                conjunct = self._conjunct(named, phrase)
                earlier = None if conjunct is None else (conjunct, _clique(members))
                return Participation(ci, _clique(members | group), EXPLICIT, earlier)
            return Participation(ci, _clique(members), EXPLICIT)
        if len(explicit) == 1:
            state = explicit[0]
            if len(group | {state}) >= 2 and (state in group or not core):
                return Participation(ci, _clique(group | {state}), COLLECTIVE)
            # A state outside the core as the subject ("Beijing has criticised …")
            # speaks alone; named later in the clause, it is a place or a topic.
            subject_position = len(self.text[start : refs[0].start].split()) <= 2
            if len(core) >= 2 and sentence.cooperative and (state in core or not subject_position):
                return Participation(ci, _clique(group or core), IMPLIED)
            return None
        if len(group) >= 2:
            return Participation(ci, _clique(group), COLLECTIVE)
        return None

    @cached_property
    def _acting_groupings(self) -> list[str]:
        """Groupings named as actors in the article, most mentioned first."""
        counts: Counter[str] = Counter(
            r.state[4:] for s in self.sentences for r in s.states if r.state.startswith("org:")
        )
        return [org for org, _ in counts.most_common()]

    def _acting_members(self, actor: str) -> tuple[str, ...]:
        """A minilateral grouping or a small alliance that acts ("the Quad leaders
        agreed", "AES ministers signed") acts through its members; an organisation
        (the EU, ASEAN) or a large alliance (NATO) acts as itself."""
        if not actor.startswith("org:"):
            return (actor,)
        org = self.vocabulary.organizations[actor[4:]]
        if org.kind in ("grouping", "alliance") and 2 <= len(org.members) <= _MINILATERAL:
            return org.members
        return (actor,)

    def _conjunct(self, start: int, end: int) -> int | None:
        """Where the last coordinated verb phrase in ``[start, end)`` begins ("… and to
        hold", "…, and will hold"), if one does."""
        window = self.lowered[start:end]
        found = max(window.rfind(joint) for joint in _CONJUNCTS)
        return None if found == -1 else start + found

    def _with_star(
        self, refs: list[StateRef], start: int, end: int
    ) -> tuple[frozenset[tuple[str, str]], tuple[int, frozenset[tuple[str, str]]] | None] | None:
        """ "Tokyo signed pacts with Australia and with Britain": Tokyo–Australia, Tokyo–Britain.

        The partners are the actors right after each "with" (and those named
        together with them); the subjects are the actors before the first one.
        """
        lowered = self.lowered
        if lowered.find("with", start, end) == -1 and lowered.find("alongside", start, end) == -1:
            return None  # the usual case, decided without the regex
        withs = list(_WITH.finditer(self.text, start, end))
        if not withs:
            return None
        # "North Korea, which has attacked South Korean ships, deepened its
        # cooperation with Russia": what an aside names does not act here.
        asides = self._asides(start, withs[0].start())
        subject_refs = [
            r
            for r in refs
            if r.end <= withs[0].start() and not any(a <= r.start < b for a, b in asides)
        ]
        # A minilateral grouping on either side acts through its members.
        subjects = [m for r in subject_refs for m in self._acting_members(r.state)]
        if not subjects:
            return None
        # "pacts with", "coordinating with", "an air exercise with": a cooperation word
        # or a domain just before "with"; "their borders with Russia" is a place, not a
        # partner.
        words = self.text[start : withs[0].start()].split()[-3:]
        lead_start = max(start, withs[0].start() - len(" ".join(words)) - 1)
        if not self.cue_hits("cooperation", lead_start, withs[0].start()) and not self._slice(
            self._domain_starts, self._domains, lead_start, withs[0].start()
        ):
            return None
        partners: list[str] = []
        for match in withs:
            after = [r for r in refs if r.start >= match.end()]
            if not after or len(self.text[match.end() : after[0].start].split()) > 3:
                continue
            partners.extend(self._acting_members(after[0].state))
            prev = after[0]
            for ref in after[1:]:
                if not _connects(self.text[prev.end : ref.start]):
                    break
                partners.extend(self._acting_members(ref.state))
                prev = ref
        if not subjects or not partners:
            return None
        pairs = {_pair(a, b) for a in subjects for b in partners if a != b}
        # "Qatar and the UAE, which have their own arrangements with the US": each
        # with the partner, not with each other.
        last_subject = max(r.end for r in subject_refs)
        own = " own " in self.lowered[last_subject : withs[0].start()]
        if not own:
            pairs |= _clique(subjects)
        if not pairs:
            return None
        conjunct = self._conjunct(last_subject, withs[0].start())
        earlier = None
        if conjunct is not None:
            earlier = (conjunct, frozenset() if own else _clique(subjects))
        return frozenset(pairs), earlier

    def evidence(self, sentence: Sentence, confidence: float) -> Evidence:
        """Evidence pointing at a sentence of this article (one object per sentence and
        confidence: evidence is immutable, so facts share it)."""
        key = (sentence.start, round(confidence, 3))
        found = self._evidence.get(key)
        if found is None:
            found = self._evidence[key] = self._make_evidence(sentence, confidence)
        return found

    def _make_evidence(self, sentence: Sentence, confidence: float) -> Evidence:
        return Evidence(
            article=self.doc.article.id,
            sentence=self.doc.text[sentence.start : sentence.end],
            start=sentence.start,
            end=sentence.end,
            extractor="alliancegraph.rules",
            extractor_version=self.extractor_version,
            confidence=round(confidence, 3),
        )


def _connects(gap: str) -> bool:
    """Whether the text between two names joins them: "Japan and India", "U.S.–Japan".

    Two names with nothing but a space between them ("with Washington Hanoi does
    not …") belong to different phrases.
    """
    return bool(gap.strip(" '’s")) and bool(_CONNECTOR.match(gap))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _clique(
    members: Sequence[str] | set[str] | frozenset[str] | tuple[str, ...],
) -> frozenset[tuple[str, str]]:
    return _clique_of(members if isinstance(members, frozenset) else frozenset(members))


@lru_cache(maxsize=4096)
def _clique_of(members: frozenset[str]) -> frozenset[tuple[str, str]]:
    # The same few groups (the core, "the two sides") recur in every clause;
    # pairs of sorted distinct members come out ordered as _pair orders them.
    return frozenset(combinations(sorted(members), 2))


def _inside(m: Mention, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether a mention lies inside one of the (sorted, disjoint) body spans."""
    i = bisect_right(spans, (m.start, _BEYOND)) - 1
    return i >= 0 and spans[i][0] <= m.start and m.end <= spans[i][1]


def _by_sentence(
    sentences: Sequence[tuple[int, int]], hits: dict[str, list[tuple[int, int, int]]]
) -> dict[str, dict[int, list[tuple[int, int, int]]]]:
    """Each list's cues sorted into the sentences that wholly hold them.

    Done once an article: the finders ask of every sentence, and most sentences
    hold no cue of most lists.
    """
    starts = [s for s, _ in sentences]
    out: dict[str, dict[int, list[tuple[int, int, int]]]] = {}
    for category, found in hits.items():
        buckets: dict[int, list[tuple[int, int, int]]] = {}
        for hit in found:
            i = bisect_right(starts, hit[0]) - 1
            if i >= 0 and hit[1] <= sentences[i][1] and hit[0] < sentences[i][1]:
                buckets.setdefault(i, []).append(hit)
        out[category] = buckets
    return out


def _holding(sentences: Sequence[tuple[int, int]], spans: list[tuple[int, int]]) -> set[int]:
    """The indexes of the sentences that wholly contain one of the spans or more."""
    starts = [s for s, _ in sentences]
    found: set[int] = set()
    for start, end in spans:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i][1] and end <= sentences[i][1]:
            found.add(i)
    return found


def _line_start(spans: tuple[tuple[int, int], ...], pos: int) -> int:
    i = bisect_right(spans, (pos, _BEYOND)) - 1
    return spans[i][0] if i >= 0 and spans[i][0] <= pos <= spans[i][1] else pos


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) < 160
        and not stripped.endswith((".", "!", "?", '"', "”", "]", ")", ",", ":"))
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
