"""Cooperation and targeting between states, read clause by clause.

Cooperation needs three things in one sentence: a cooperation cue
("coordinate", "joint", "agreed", "partnership" …), a domain that is not
negated ("does not introduce a common framework for … nuclear weapons"), and
at least two participants. Participants are found per clause:

1. two or more states acting in the clause: those that belong to the
   article's core, plus any state named together with one of them ("Japan
   and Australia"); a locative mention ("links … via Myanmar") is left out;
2. a collective phrase ("the two sides", "the three allies", "the
   ministers") stands for the core, or for the group of its size;
3. one state of the core in the clause, or a state outside the core named
   after the verb, implies the core;
4. nothing explicit: the clause inherits the subject of the sentence, and a
   sentence with no subject at all (a headline, "Closer coordination spans
   …") falls back on the core.

Every pair of participants gets every domain of the clause. Targets are the
states named after "deter", "counter", "competition with", "threats from",
"limit X's access", "For Beijing, the message …" and the like; the
cooperating states are their actors.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from ..models import Evidence
from .context import ArticleContext, Sentence

__all__ = ["find_cooperation", "find_targets"]

# Confidence by how the participants were found.
_EXPLICIT = 0.9
_COLLECTIVE = 0.8
_IMPLIED = 0.7
_INHERITED = 0.6
_HEDGE_FACTOR = 0.85


def _clause_participants(
    ctx: ArticleContext, sentence: Sentence, ci: int
) -> tuple[frozenset[str], float] | None:
    start, end = sentence.clauses[ci]
    refs = [r for r in sentence.states if start <= r.start < end and r.role == "actor"]
    explicit = {r.state for r in refs}
    collective = [size for a, _, size in sentence.collective if start <= a < end]
    core = set(ctx.core)
    group: set[str] = set()
    if collective:
        group = set(ctx.group_of_size(collective[0]))
    if len(explicit) >= 2:
        chosen = explicit & core
        for chain in sentence.chains:
            if chain <= explicit and (chain & core or not chosen):
                chosen |= chain
        if len(chosen) < 2:
            chosen = explicit
        if group and (group & chosen):
            chosen |= group
        return frozenset(chosen), _EXPLICIT
    if len(explicit) == 1:
        (state,) = explicit
        if group and len(group | explicit) >= 2 and (state in group or not core):
            return frozenset(group | explicit), _COLLECTIVE
        if len(core) >= 2 and sentence.cooperative:
            if state in core:
                return frozenset(core), _IMPLIED
            first = refs[0]
            # A state outside the core as the subject ("Beijing has criticised …") speaks alone.
            if len(ctx.text[start : first.start].split()) > 2:
                return frozenset(core), _IMPLIED
        return None
    if len(group) >= 2:
        return frozenset(group), _COLLECTIVE
    return None


def _sentence_participants(
    ctx: ArticleContext, sentence: Sentence
) -> Iterator[tuple[int, frozenset[str], float]]:
    """(clause index, participants, confidence) for every clause that has them."""
    found = [_clause_participants(ctx, sentence, ci) for ci in range(len(sentence.clauses))]
    subject = next((f for f in found if f is not None), None)
    for ci, result in enumerate(found):
        if result is None:
            if subject is not None:
                result = (subject[0], min(subject[1], _INHERITED + 0.1))
            elif len(ctx.core) >= 2:
                result = (frozenset(ctx.core), _INHERITED)
            else:
                continue
        yield ci, result[0], result[1]


def find_cooperation(ctx: ArticleContext) -> list[tuple[str, str, str, Evidence]]:
    """(state, state, domain, evidence) for each cooperation statement."""
    leaves = ctx.vocabulary.leaf_domains
    out: list[tuple[str, str, str, Evidence]] = []
    for sentence in ctx.sentences:
        if not sentence.cooperative:
            continue
        domains = [d for d, negated in sentence.domains if not negated and d.ref in leaves]
        if not domains:
            continue
        for ci, participants, confidence in _sentence_participants(ctx, sentence):
            start, end = sentence.clauses[ci]
            clause_domains = sorted({d.ref for d in domains if start <= d.start < end})
            if not clause_domains or len(participants) < 2:
                continue
            if sentence.hedged:
                confidence *= _HEDGE_FACTOR
            evidence = ctx.evidence(sentence, confidence)
            for a, b in combinations(sorted(participants), 2):
                for domain in clause_domains:
                    out.append((a, b, domain, evidence))
    return out


def find_targets(ctx: ArticleContext) -> list[tuple[str, str, Evidence]]:
    """(actor, target, evidence): cooperation described as aimed at a state."""
    out: list[tuple[str, str, Evidence]] = []
    if len(ctx.core) < 2:
        return out
    for sentence in ctx.sentences:
        targets = sentence.targets()
        if not targets:
            continue
        participants = {
            ci: p for ci, p, _ in _sentence_participants(ctx, sentence) if p & set(ctx.core)
        }
        for ref in targets:
            ci = sentence.clause_of(ref.start)
            actors = participants.get(ci) or frozenset(ctx.core)
            evidence = ctx.evidence(sentence, 0.7)
            for actor in sorted(actors):
                if actor != ref.state and ref.state not in ctx.core:
                    out.append((actor, ref.state, evidence))
    return out
