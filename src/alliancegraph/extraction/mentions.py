"""Finding vocabulary phrases in text: one Aho-Corasick pass per automaton.

Two automata are built once per vocabulary:

* names (case-sensitive): states in every form (names, aliases, demonyms,
  capitals, organs), organisations, known persons, and the non-actor phrases
  (``South China Sea``, ``China Daily``) that must win over a shorter state
  name inside them;
* domains (lower-cased text): alternative labels of the cooperation domains,
  their generated spelling variants, and phrases that only look like a domain
  (``bargaining chip``). Labels written with an acronym (``AI``, ``ICT``) are
  matched case-sensitively, by the names automaton, as a second list of its own.

Matches must sit on word boundaries; overlapping matches are resolved
longest-first, so ``missile defense`` beats ``defense`` and ``South China
Sea`` beats ``China``. Typographic hyphens and apostrophes are folded to
ASCII before matching without changing any offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import ahocorasick

from ..vocabulary import Vocabulary

__all__ = ["Matcher", "Mention", "fold", "lower_same_length"]

# Same-length folding: every replacement is one character for one character.
_FOLD = (
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u00ad", "-"),
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u00a0", " "),
    ("\u202f", " "),
    ("\u2009", " "),
)


def fold(text: str) -> str:
    """Fold typographic hyphens, apostrophes and spaces to ASCII, same length.

    >>> fold("supply\u2011chain Japan\u2019s")
    "supply-chain Japan's"
    """
    if text.isascii():
        return text  # nothing to fold, and isascii() costs nothing on a str
    # A dozen searches and replaces run in C; str.translate with a mapping looks
    # every character up in Python objects, a hundred times slower on an article.
    for typographic, plain in _FOLD:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every character's offset."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Mention(NamedTuple):
    """A vocabulary phrase found at ``text[start:end]``.

    ``kind`` is one of ``state``, ``org``, ``person``, ``non_actor``,
    ``domain``, ``not_domain``; ``ref`` the id it resolves to (alpha-3 code,
    organisation id, person name, domain id); ``form`` how it was named
    (``name``, ``weak``, ``demonym``, ``capital``, ``organ``, ``combining`` as in
    "Franco-", ``short`` as in "the North", for states).

    A named tuple: an article has dozens, and a tuple is made in a third
    of the time a frozen dataclass takes.
    """

    start: int
    end: int
    kind: str
    ref: str
    form: str
    possessive: bool = False


_Payload = tuple[str, str, str]  # kind, ref, form

# Lower number wins when one surface form means several things.
_PRIORITY = {"non_actor": 0, "person": 1, "org": 2, "state": 3, "not_domain": 0, "domain": 1}
_FORM_PRIORITY = {
    "name": 0,
    "capital": 1,
    "demonym": 2,
    "organ": 3,
    "weak": 4,
    "combining": 5,
    "short": 6,
}

_ACRONYM = re.compile(r"\b[A-Z0-9]{2,}\b")


def _variants(label: str) -> set[str]:
    """Spelling variants a journalist may use for a domain label."""
    out = {label}
    swaps = [
        ("defense", "defence"),
        ("ization", "isation"),
        ("izing", "ising"),
        ("ize", "ise"),
        ("center", "centre"),
        ("program", "programme"),
        ("maneuver", "manoeuvre"),
        ("modeling", "modelling"),
        ("labor", "labour"),
        ("synchronized", "synchronised"),
    ]
    for a, b in swaps:
        for form in list(out):
            if a in form:
                out.add(form.replace(a, b))
            if b in form:
                out.add(form.replace(b, a))
    for form in list(out):
        if "-" in form:
            out.add(form.replace("-", " "))
            out.add(form.replace("-", ""))
        words = form.split(" ")
        if 1 < len(words) <= 3:
            out.add("-".join(words))
    for form in list(out):
        last = form.rsplit(" ", 1)[-1]
        if last.isalpha() and len(last) > 3 and not last.endswith("s"):
            out.add(
                form[:-1] + "ies" if last.endswith("y") and last[-2] not in "aeiou" else form + "s"
            )
    return out


class Matcher:
    """Compiled automata for one vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        domain_entries, acronym_entries = self._domain_entries()
        # Names and acronym labels are both matched case-sensitively in the folded
        # text: one automaton holds both, so that text is walked once, and each
        # match says which of the two lists it belongs to.
        self._names = self._build(self._name_entries(), acronym_entries)
        self._domains = self._build(domain_entries)

    # ---------------------------------------------------------------- build
    def _name_entries(self) -> Iterator[tuple[str, _Payload]]:
        v = self.vocabulary
        for s in v.states.values():
            weak = set(s.weak_aliases)
            for form in (s.name, s.official_name or "", *s.aliases):
                if form not in weak:
                    yield form, ("state", s.id, "name")
            for form in s.weak_aliases:
                yield form, ("state", s.id, "weak")
            for form in s.demonyms:
                yield form, ("state", s.id, "demonym")
            for form in s.capitals:
                yield form, ("state", s.id, "capital")
            for form in s.organs:
                yield form, ("state", s.id, "organ")
            for form in s.combining_forms:
                yield f"{form}-", ("state", s.id, "combining")
            for form in s.short_forms:
                yield form, ("state", s.id, "short")
        for o in v.organizations.values():
            for form in (o.name, *o.aliases):
                yield form, ("org", o.id, "name")
        for p in v.persons:
            for form in (p.name, *p.aliases):
                yield form, ("person", p.name, "name")
        for n in v.non_actors:
            yield n.phrase, ("non_actor", n.category, "name")

    def _domain_entries(
        self,
    ) -> tuple[list[tuple[str, _Payload]], list[tuple[str, _Payload]]]:
        v = self.vocabulary
        plain: list[tuple[str, _Payload]] = []
        acronyms: list[tuple[str, _Payload]] = []
        leaves = v.leaf_domains
        for concept in v.domains.values():
            if concept.id not in leaves:
                continue  # extraction labels facts with the narrowest concepts only
            # A one-word preferred label ("Space") is matched only if listed as a synonym.
            labels = (
                concept.alt_labels
                if " " not in concept.label
                else (concept.label, *concept.alt_labels)
            )
            for label in labels:
                payload = ("domain", concept.id, "label")
                if _ACRONYM.search(label):
                    acronyms.append((label, payload))
                else:
                    plain.extend((form.lower(), payload) for form in _variants(label))
        for phrase in v.not_domains:
            plain.extend(
                (form.lower(), ("not_domain", phrase, "label")) for form in _variants(phrase)
            )
        return plain, acronyms

    @staticmethod
    def _build(
        entries: Iterable[tuple[str, _Payload]],
        second: Iterable[tuple[str, _Payload]] = (),
    ) -> ahocorasick.Automaton:
        """An automaton of two lists of phrases: each key's value is its length and
        its payloads in either list (most keys are in one only)."""
        tables: tuple[dict[str, list[_Payload]], dict[str, list[_Payload]]] = ({}, {})
        for table, found in zip(tables, (entries, second), strict=True):
            for surface, payload in found:
                key = fold(surface.strip())
                if not key:
                    continue
                bucket = table.setdefault(key, [])
                if payload not in bucket:
                    bucket.append(payload)
        automaton = ahocorasick.Automaton()
        for key in sorted(tables[0].keys() | tables[1].keys()):
            payloads = [tables[0].get(key, []), tables[1].get(key, [])]
            for bucket in payloads:
                bucket.sort(key=lambda p: (_PRIORITY[p[0]], _FORM_PRIORITY.get(p[2], 9), p[1]))
            automaton.add_word(key, (len(key), tuple(payloads[0]), tuple(payloads[1])))
        if len(automaton) == 0:
            automaton.add_word("\x00", (1, (), ()))
        automaton.make_automaton()
        return automaton

    # ---------------------------------------------------------------- match
    @staticmethod
    def _scan(automaton: ahocorasick.Automaton, text: str) -> tuple[list[Mention], list[Mention]]:
        """The mentions of the automaton's first and second lists in ``text``."""
        found: list[_Found] = []
        other: list[_Found] = []
        n = len(text)
        overlapping = False
        previous_end = 0
        for last, (length, payloads, second) in automaton.iter(text):
            start = last - length + 1
            end = last + 1
            # Word characters on both sides of an edge: part of a longer word.
            if start and text[start - 1].isalnum() and text[start].isalnum():
                continue
            if end < n and text[end].isalnum() and text[last].isalnum():
                continue
            if second:
                other.append((start, end, second))
                if not payloads:
                    continue
            # Matches come out by end; when no two overlap (the usual case) every
            # one is a mention, already in text order.
            if start < previous_end:
                overlapping = True
            previous_end = end
            found.append((start, end, payloads))
        return (
            _mentions(_longest_first(found) if overlapping else found, text),
            _mentions(_longest_first(other), text) if other else [],
        )

    def scan(self, folded: str, lowered: str | None = None) -> tuple[list[Mention], list[Mention]]:
        """The name mentions (states, organisations, persons, non-actors) and the
        domain (and not-a-domain) mentions in a :func:`fold`-ed text, each in text
        order; each text is walked once.

        ``lowered`` is ``lower_same_length(folded)`` when the caller has it already.
        """
        names, acronyms = self._scan(self._names, folded)
        found = self._scan(self._domains, lowered or lower_same_length(folded))[0]
        if acronyms:
            spans = [(m.start, m.end) for m in found]
            found.extend(
                m for m in acronyms if not any(m.start < e and s < m.end for s, e in spans)
            )
            found.sort(key=lambda m: m.start)
        return names, found


_Found = tuple[int, int, tuple[_Payload, ...]]


def _longest_first(found: list[_Found]) -> list[_Found]:
    """The matches left when a phrase inside a longer phrase is no mention: longest
    first, then leftmost; in text order.

    Only matches that overlap others are weighed against each other: a run of
    overlapping matches ("South China Sea", "China") is settled on its own,
    and an article's other matches are kept as they are.
    """
    found.sort()
    kept: list[_Found] = []
    i, n = 0, len(found)
    while i < n:
        j, reach = i + 1, found[i][1]
        while j < n and found[j][0] < reach:
            reach = max(reach, found[j][1])
            j += 1
        if j == i + 1:
            kept.append(found[i])
        else:
            kept.extend(_settle(found[i:j]))
        i = j
    return kept


def _settle(run: list[_Found]) -> list[_Found]:
    taken: list[_Found] = []
    for match in sorted(run, key=lambda m: (m[0] - m[1], m[0])):
        if not any(match[0] < t[1] and t[0] < match[1] for t in taken):
            taken.append(match)
    return sorted(taken)


def _mentions(found: list[_Found], text: str) -> list[Mention]:
    return [
        Mention(
            start,
            end,
            *payloads[0],
            text.startswith("'", end) and not text.startswith("'s ", end - 1),
        )
        for start, end, payloads in found
    ]
