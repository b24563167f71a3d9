"""Cue-word matchers compiled from ``data/cues.json``.

Cue lists are phrases; a trailing ``*`` matches any word ending. All lists
are compiled into one Aho-Corasick automaton (:class:`CueIndex`), run once
over an article's lower-cased text; sentences then look their cues up by
offset. A few lists are also compiled into regular expressions for the
short windows that need them (an agreement's clause, a title before a name).

>>> from alliancegraph.vocabulary import Vocabulary
>>> cues = CompiledCues.for_vocabulary(Vocabulary.default())
>>> hits = cues.index.scan("they agreed to coordinate, but talks collapsed")
>>> [(s, e) for s, e, _ in hits["cooperation"]][:2]
[(5, 11), (15, 25)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ahocorasick

from ..models import AgreementKind
from ..vocabulary import Cues, Vocabulary

__all__ = ["CompiledCues", "CueIndex"]

# The cue lists matched by the automaton, by category name.
INDEXED = (
    "cooperation",
    "negation",
    "failure",
    "tentative",
    "not_negation",
    "hedges",
    "hostile",
    "target_before",
    "target_after",
)


#: Words every person-title pattern needs ("Minister", "spokesperson"; see persons.py):
#: sentences without one skip those patterns. Prefixes, matched in any case.
PERSON_TITLE_WORDS = (
    "minister",
    "secretary",
    "ambassador",
    "envoy",
    "spokes",
    "advis",
    "chief",
    "commander",
    "negotiator",
    "premier",
    "president",
    "chancellor",
    "canciller",
    "chanceler",
    "representative",
    "aide",
)

#: Office heads written in lower case after an organisation ("the EU's top
#: diplomat", "EU foreign policy chief").
_LOWER_OFFICE_HEADS = ("chief", "head", "diplomat", "envoy", "representative", "spokesperson")

#: Words that open a new clause ("…, but talks stalled"). context.py splits
#: clauses on them; sentences holding none, nor a clause-breaking mark, are
#: one clause, and the index says which those are without a regex per sentence.
CLAUSE_BREAK_WORDS = ("while", "whereas", "but", "although", "though", "even as", "however", "yet")


class CueIndex:
    """Every cue of every list, found in one pass over an article.

    >>> from alliancegraph.vocabulary import Vocabulary
    >>> index = CompiledCues.for_vocabulary(Vocabulary.default()).index
    >>> hits = index.scan("they agreed to coordinate; talks collapsed")
    >>> [(s, e) for s, e, _ in hits["failure"]]
    [(33, 42)]
    """

    def __init__(
        self, cues: Cues, collective: dict[str, int], role_heads: Iterable[str] = ()
    ) -> None:
        automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, bool, int]]] = {}
        for category in INDEXED:
            for phrase in getattr(cues, category):
                if "*" in phrase.rstrip("*"):
                    continue  # inner wildcards are not supported here
                key = phrase.rstrip("*").lower()
                table.setdefault(key, []).append((category, phrase.endswith("*"), 0))
        for phrase, size in collective.items():
            table.setdefault(phrase, []).append(("collective", False, size))
        for i, item in enumerate(cues.status):
            table.setdefault(item.cue.lower(), []).append(("status", False, i))
        # Any head word: sentences without one cannot name an agreement.
        for head in {
            *cues.agreement_heads,
            *cues.generic_heads,
            "memorandum",
            "letter of intent",
            "mou",
        }:
            table.setdefault(head.lower(), []).append(("agreement_heads", True, 0))
        for head in role_heads:
            table.setdefault(head.lower(), []).append(("role_heads", False, 0))
        for word in PERSON_TITLE_WORDS:
            table.setdefault(word, []).append(("person_titles", True, 0))
        for word in CLAUSE_BREAK_WORDS:
            table.setdefault(word, []).append(("clause_breaks", False, 0))
        for key, payloads in table.items():
            automaton.add_word(key, (len(key), tuple(payloads)))
        automaton.make_automaton()
        self._automaton = automaton

    def scan(self, text: str) -> dict[str, list[tuple[int, int, int]]]:
        """``{category: [(start, end, size), …]}`` in text order; ``text`` lower-cased."""
        hits: dict[str, list[tuple[int, int, int]]] = {
            c: []
            for c in (
                *INDEXED,
                "collective",
                "agreement_heads",
                "status",
                "role_heads",
                "person_titles",
                "clause_breaks",
            )
        }
        n = len(text)
        for last, (length, payloads) in self._automaton.iter(text):
            start = last - length + 1
            end = last + 1
            if start and text[start - 1].isalnum() and text[start].isalnum():
                continue
            inside = end < n and text[end].isalnum() and text[last].isalnum()
            for category, prefix, size in payloads:
                if prefix:
                    # A prefix ("cooperat*") runs to the end of its word.
                    stop = end
                    while stop < n and text[stop].isalnum():
                        stop += 1
                    hits[category].append((start, stop, size))
                elif not inside:
                    hits[category].append((start, end, size))
        for found in hits.values():
            found.sort()
        hits["collective"] = _longest(hits["collective"])
        return hits


class _Title:
    """A title found in a text (the interface of a regex match, for the callers)."""

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._text


class _TitleFinder:
    """Titles: a head word ("Minister", "Secretary", "President" …) with the capitalised
    words before it ("Commerce and Industry Minister") and an "of …" tail after it
    ("Minister of Electronics and Information Technology").

    >>> from alliancegraph.vocabulary import Vocabulary
    >>> titles = CompiledCues.for_vocabulary(Vocabulary.default()).roles
    >>> [t.group(0) for t in titles.finditer("Mexican Economy Secretary Marcelo Ebrard")]
    ['Mexican Economy Secretary']

    A tail stops where the portfolio ends and a name begins, and may list portfolios:

    >>> [t.group(0) for t in titles.finditer("Argentina's Secretary of Mining Luis Lucero")]
    ['Secretary of Mining']
    >>> text = "Minister of Science, Technology and Innovation, Luciana Santos"
    >>> [t.group(0) for t in titles.finditer(text)]
    ['Minister of Science, Technology and Innovation']
    """

    _LEFT = re.compile(r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+(?:and\s+)?){0,3}$")
    # "of Science, Technology and Innovation": a list of one-word portfolios closed
    # by "and"; items of two words would be a name ("of Defense, Pete Hegseth, and").
    _TAIL = (
        r"\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*"
        r"(?:(?:,\s+[A-Z][a-z]+)*,?\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)?"
    )
    _RIGHT = re.compile(rf"(?:\s+(?:of|for){_TAIL})+")
    # An envoy is sent to a state: "Ambassador to Brazil".
    _RIGHT_TO = re.compile(rf"(?:\s+(?:of|for|to){_TAIL})+")
    _TO_HEADS = frozenset({"Ambassador", "Envoy"})
    _TAIL_WORD = re.compile(r"[A-Za-z][\w'’-]*|,")

    def __init__(
        self,
        roles: Iterable[str],
        heads: Iterable[str],
        portfolio_words: Iterable[str],
        state_code: Callable[[str], str | None],
    ) -> None:
        # The head of "Minister of External Affairs" is "Minister", not "Affairs".
        self.head_words = frozenset(
            {re.split(r" (?:of|for) ", r)[0].split()[-1] for r in roles} | set(heads)
        )
        self._heads = phrase_regex(self.head_words, flags=0)
        self._portfolio = frozenset(portfolio_words)
        self._state_code = state_code

    def finditer(self, text: str) -> list[_Title]:
        found: list[_Title] = []
        for head in self._heads.finditer(text):
            left = self._LEFT.search(text, max(0, head.start() - 60), head.start())
            start = left.start() if left else head.start()
            if left and left.group(0).endswith(("and ", "and\n")):
                # "Piyush Goyal and Minister of …": the words before "and" are a name.
                start = head.start()
            if found and start < found[-1].end():
                start = found[-1].end()
                while start < head.start() and not text[start].isalpha():
                    start += 1
                if text.startswith("and ", start):
                    start += 4
            tail = self._RIGHT_TO if head.group(0) in self._TO_HEADS else self._RIGHT
            right = tail.match(text, head.end())
            end = self._before_name(text, right.start(), right.end()) if right else head.end()
            found.append(_Title(start, end, text[start:end]))
        return found

    def _before_name(self, text: str, start: int, end: int) -> int:
        """Where a title's tail ends when a name follows it unpunctuated: "Secretary of
        Mining Luis Lucero" ends after "Mining", "Minister of Foreign Affairs Wang Yi"
        after "Affairs". The tail keeps its portfolio words and state names; two or
        more other words after them are a name. A tail with neither ("President of the
        European Commission") is kept whole, for want of a sign where it ends."""
        words = [(m.group(0), m.end()) for m in self._TAIL_WORD.finditer(text, start, end)]
        i, kept_end = 1, 0  # words[0] is "of", "for" or "to"
        while i < len(words):
            word = words[i][0]
            if word in ("the", "and", ","):
                i += 1
                continue
            pair = f"{word} {words[i + 1][0]}" if i + 1 < len(words) else ""
            if pair and self._state_code(pair):
                i, kept_end = i + 2, words[i + 1][1]
            elif word in self._portfolio or self._state_code(word):
                i, kept_end = i + 1, words[i][1]
            else:
                break
        rest = [w for w, _ in words[i:]]
        if kept_end and len(rest) >= 2 and not {"and", ","} & set(rest):
            return kept_end
        return end

    def sub(self, replacement: str, text: str) -> str:
        out, cursor = [], 0
        for title in self.finditer(text):
            out.append(text[cursor : title.start()])
            out.append(replacement)
            cursor = title.end()
        out.append(text[cursor:])
        return "".join(out)


def _longest(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    taken: list[tuple[int, int, int]] = []
    for span in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if not any(span[0] < t[1] and t[0] < span[1] for t in taken):
            taken.append(span)
    return sorted(taken)


def phrase_regex(phrases: Iterable[str], *, flags: int = re.I) -> re.Pattern[str]:
    """One alternation of whole-word phrases, longest first; ``*`` ends a prefix."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        body = phrase.rstrip("*")
        escaped = re.escape(body).replace(r"\ ", r"\s+")
        if "*" in body:
            # Inner wildcard, e.g. "end*ed": any letters in between.
            escaped = escaped.replace(r"\*", r"\w*")
        tail = r"\w*" if phrase.endswith("*") else ""
        lead = r"\b" if body[:1].isalnum() else ""
        trail = r"\b" if (tail or body[-1:].isalnum()) else ""
        parts.append(f"{lead}{escaped}{tail}{trail}")
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(parts), flags)


@dataclass(frozen=True)
class CompiledCues:
    """The cue lists of a vocabulary, compiled for the extractor."""

    index: CueIndex
    venue: re.Pattern[str]
    place: re.Pattern[str]
    institution_before: re.Pattern[str]
    institution_after: re.Pattern[str]
    target_gap: re.Pattern[str]
    target_from: re.Pattern[str]
    #: "keep their most advanced tools out of China": the verb, then what is kept
    #: out, then "out of" right before the state.
    target_out_of: re.Pattern[str]
    roles: _TitleFinder
    agreement_heads: dict[str, AgreementKind]
    generic_heads: dict[str, AgreementKind]
    lateral: dict[str, int]
    statuses: tuple[str, ...]
    stopwords: frozenset[str]
    generic_words: frozenset[str]
    joint_domains: frozenset[str]
    #: What may follow a state's name to make it no actor: a place suffix
    #: ("-based") or an office named for it (" Division").
    not_actor_suffixes: tuple[str, ...]
    target_after_limited: frozenset[str]
    target_owner_verbs: frozenset[str]
    #: After a state's name: the rest of a company's name ("Brazil Strategic
    #: Minerals (BSM.AX)", "Taiwan Semiconductor Manufacturing Co").
    company: re.Pattern[str]
    #: After a capital: a document named for the city ("Yaoundé Code").
    document: re.Pattern[str]
    #: Before a name: "in" or "at" with the word before it, to tell a venue
    #: ("talks in Lisbon") from a government ("officials in Tokyo").
    venue_at: re.Pattern[str]
    resident_nouns: frozenset[str]
    #: Last words of an office's title, lower-cased ("secretary", "chief"): an
    #: organisation, then one of these, then a person, names the office they hold.
    office_heads: frozenset[str]
    body_heads: frozenset[str]
    shared_body_words: frozenset[str]
    #: Courtesy titles and ranks that open a name ("Amb.", "H.E. Mr.", "Rear Admiral").
    honorifics: re.Pattern[str]

    @classmethod
    def for_vocabulary(cls, vocabulary: Vocabulary) -> CompiledCues:
        c = vocabulary.cues
        sizes = {item.phrase.lower(): item.size for item in c.collective}
        # "the two navies", "both delegations", "all three capitals".
        for determiner, size in c.collective_determiners.items():
            for noun in (*c.collective_nouns, *c.collective_verbs):
                sizes.setdefault(f"{determiner} {noun}".lower(), size)
        roles = _TitleFinder(c.roles, c.role_heads, c.portfolio_words, vocabulary.state_code)
        institution_heads = phrase_regex(c.institution_heads, flags=0).pattern
        return cls(
            index=CueIndex(c, sizes, roles.head_words),
            # A preposition right before a name makes it a place or a venue ("at the WTO").
            venue=re.compile(
                r"\b(?:" + phrase_regex(c.venue_prepositions).pattern + r")\s+(?:the\s+|its\s+)?$",
                re.I,
            ),
            place=re.compile(
                r"\b(?:" + phrase_regex(c.place_prepositions).pattern + r")\s+(?:the\s+)?$",
                re.I,
            ),
            # A domain word in the name of an institution or office is no domain:
            # "Ministry of Economy, Trade and Industry", "Defence Minister Marles".
            institution_before=re.compile(
                rf"(?:{institution_heads})"
                r"\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*,?\s+(?:(?:and|&)\s+)?)*$"
            ),
            institution_after=re.compile(
                rf"(?:,?\s+(?:(?:and|&)\s+)?[A-Z][\w'’-]*)*?\s+(?:{institution_heads})"
            ),
            # What may stand between a target cue and the state: "threats, particularly
            # from", '"coercive actions" by'.
            target_gap=re.compile(
                r"^(?:\s+(?:the|its|their|a|an|particularly|especially|notably|mainly|"
                r"primarily|chiefly|including|from|by|regional|rival|rivals|such\s+as|"
                r"what\s+\w+\s+call(?:s|ed)?)\b|[\s,\"“”])*$",
                re.I,
            ),
            target_from=re.compile(
                r"\b(?:" + phrase_regex(c.target_from_verbs).pattern + r")\s+$", re.I
            ),
            target_out_of=re.compile(
                r"\b(?:"
                + phrase_regex(c.target_from_verbs).pattern
                + r")\s+(?:[\w'’-]+\s+){1,5}?out\s+of\s+(?:the\s+)?$",
                re.I,
            ),
            roles=roles,
            agreement_heads=dict(c.agreement_heads),
            generic_heads=dict(c.generic_heads),
            lateral=dict(c.lateral_modifiers),
            # The index reports a status cue by its position in this list.
            statuses=tuple(s.status for s in c.status),
            stopwords=frozenset(c.agreement_name_stopwords),
            generic_words=frozenset(w.lower() for w in c.generic_name_words),
            joint_domains=frozenset(c.joint_domains),
            not_actor_suffixes=(*c.place_suffixes, *(f" {w}" for w in c.office_suffixes)),
            target_after_limited=frozenset(w.lower() for w in c.target_after_limited),
            target_owner_verbs=frozenset(w.lower() for w in c.target_owner_verbs),
            company=re.compile(
                r"(?:\s+[A-Z][\w&'’.-]*){0,4}?(?:\s*\((?:[A-Z0-9]{1,6}\.[A-Z]{1,3}|"
                r"[A-Z]{2,8}\s*:\s*[A-Z0-9.]{1,8})\)|\s+(?:"
                + phrase_regex(c.company_suffixes, flags=0).pattern
                + r")(?![\w-]))"
            ),
            document=re.compile(
                r"\s+(?:" + phrase_regex(c.document_heads, flags=0).pattern + r")(?![\w-])"
            ),
            venue_at=re.compile(r"(?:(\w+)\s+)?\b(?:in|at)\s+$", re.I),
            resident_nouns=frozenset(w.lower() for w in c.resident_nouns),
            office_heads=frozenset(h.lower() for h in (*roles.head_words, *_LOWER_OFFICE_HEADS)),
            body_heads=frozenset(c.body_heads),
            shared_body_words=frozenset(
                w.lower() for w in (*c.shared_body_words, *c.lateral_modifiers)
            ),
            honorifics=re.compile(
                r"(?:(?:" + phrase_regex(c.honorifics, flags=0).pattern + r")\s+)+"
            ),
        )
