"""Cue-word matchers compiled from ``data/cues.json``.

Cue lists are phrases; a trailing ``*`` matches any word ending. Each list is
compiled once into one case-insensitive regular expression with word
boundaries.

>>> from alliancegraph.vocabulary import Vocabulary
>>> cues = CompiledCues.for_vocabulary(Vocabulary.default())
>>> bool(cues.cooperation.search("they agreed to coordinate"))
True
>>> bool(cues.negation.search("talks collapsed"))
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import AgreementKind
from ..vocabulary import Vocabulary

__all__ = ["CompiledCues"]


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
    cooperation: re.Pattern[str]
    negation: re.Pattern[str]
    failure: re.Pattern[str]
    tentative: re.Pattern[str]
    hostile: re.Pattern[str]
    venue: re.Pattern[str]
    not_negation: re.Pattern[str]
    hedges: re.Pattern[str]
    collective: re.Pattern[str]
    collective_size: dict[str, int]
    target_before: re.Pattern[str]
    target_after: re.Pattern[str]
    target_after_adjective: re.Pattern[str]
    roles: re.Pattern[str]
    agreement_heads: dict[str, AgreementKind]
    generic_heads: dict[str, AgreementKind]
    lateral: dict[str, int]
    status: tuple[tuple[re.Pattern[str], str], ...]
    stopwords: frozenset[str]
    generic_words: frozenset[str]

    @classmethod
    def for_vocabulary(cls, vocabulary: Vocabulary) -> CompiledCues:
        c = vocabulary.cues
        sizes = {item.phrase.lower(): item.size for item in c.collective}
        # "the two navies", "both delegations", "all three capitals".
        for determiner, size in c.collective_determiners.items():
            for noun in c.collective_nouns:
                sizes.setdefault(f"{determiner} {noun}".lower(), size)
        return cls(
            cooperation=phrase_regex(c.cooperation),
            negation=phrase_regex(c.negation),
            failure=phrase_regex(c.failure),
            tentative=phrase_regex(c.tentative),
            hostile=phrase_regex(c.hostile),
            venue=re.compile(
                r"\b(?:" + phrase_regex(c.venue_prepositions).pattern + r")\s+(?:the\s+|its\s+)?$",
                re.I,
            ),
            not_negation=phrase_regex(c.not_negation),
            hedges=phrase_regex(c.hedges),
            collective=phrase_regex(sizes),
            collective_size=sizes,
            target_before=re.compile(
                r"(?:" + phrase_regex(c.target_before).pattern + r")"
                r"(?:\s+(?:the|its|their|a|an|particularly|especially|notably|mainly|"
                r"primarily|chiefly|including|from|regional|rival|rivals|such\s+as)\b|[\s,])*"
                r"\s*$",
                re.I,
            ),
            target_after=re.compile(
                r"^(?:'s|’s)\s+(?:\w+\s+){0,2}?(?:" + phrase_regex(c.target_after).pattern + ")",
                re.I,
            ),
            target_after_adjective=re.compile(
                r"^\s+(?:" + phrase_regex(c.target_after).pattern + ")", re.I
            ),
            # A title is a known one ("External Affairs Minister") or capitalised words
            # ending in a head ("Commerce and Industry Minister", "Economy Secretary").
            roles=re.compile(
                phrase_regex(c.roles, flags=0).pattern
                + r"|(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+(?:and\s+)?){0,3}(?:"
                + phrase_regex(c.role_heads, flags=0).pattern
                + r")(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*)?"
            ),
            agreement_heads=dict(c.agreement_heads),
            generic_heads=dict(c.generic_heads),
            lateral=dict(c.lateral_modifiers),
            status=tuple((phrase_regex([s.cue]), s.status) for s in c.status),
            stopwords=frozenset(c.agreement_name_stopwords),
            generic_words=frozenset(w.lower() for w in c.generic_name_words),
        )
