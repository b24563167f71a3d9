"""Cooperation and targeting between states, read clause by clause.

Cooperation needs three things in one sentence: a cooperation cue
("coordinate", "joint", "agreed", "partnership" …, or a drill named with the
states that hold it: "warships from China, Russia and Iran gathered for their
naval drill"), a domain that is not
negated ("does not introduce a common framework for … nuclear weapons",
"fisheries talks collapsed", "might consider"), and participants, which
:class:`~alliancegraph.extraction.context.ArticleContext` resolves per
clause:

1. actors named together ("Japan and Australia", "U.S.–Japan"), the
   article's core states named in the clause, or, for "X signed pacts with Y
   and with Z", X with each partner;
2. a collective phrase ("the two sides", "the three allies", "they") stands
   for the last group that acted, or the core;
3. one core state in the clause, or another state named after the verb,
   implies the core;
4. nothing explicit: the clause inherits the sentence's subject, and a
   sentence with no subject at all ("Closer coordination spans …") the core.

A partner brought in by a later conjunct ("agreed to expand intelligence
sharing and to hold an exercise with the United States") joins only the
domains named from that conjunct on.

In sentences about attacks, sanctions or coercion only actors named together
are paired. A domain owned by an outsider ("Chinese coast guard ships")
is not a domain of cooperation. Organisations act (the EU, ASEAN) but only
state pairs are reported.

Targets are states named after "deter", "counter", "competition with",
"threats from", "limit X's access", "deter X's shadow fleet", "For Beijing,
the message …", "keep X from" or "lock X out", or as the object of an attack.
Their actors are the clause's cooperating group; failing one, the states
named before the target in the clause ("Riyadh is hedging against …"); failing
those, the core, but not in a sentence that tells of attacks rather than
cooperation ("Iran's missile strike on Al Udeid changed the mood").
"""

from __future__ import annotations

from ..models import Evidence
from .context import ArticleContext, Participation, Sentence
from .mentions import Mention

__all__ = ["find_cooperation", "find_targets"]

_HEDGE_FACTOR = 0.85


def _is_state(actor: str) -> bool:
    return not actor.startswith("org:")


def _owned_elsewhere(
    ctx: ArticleContext, sentence: Sentence, start: int, members: frozenset[str]
) -> bool:
    owner = sentence.owners.get(start)
    if owner is None:
        return False
    owner_start, owner_state = owner
    if owner_state in members:
        return False
    # "coordination on North Korea's missile provocations": the owner is the topic.
    clause_start = sentence.clauses[sentence.clause_of(owner_start)][0]
    return not ctx.cues.venue.search(ctx.text[clause_start:owner_start])


def find_cooperation(ctx: ArticleContext) -> list[tuple[str, str, str, Evidence]]:
    """(state, state, domain, evidence) for each cooperation statement."""
    out: list[tuple[str, str, str, Evidence]] = []
    for sentence in ctx.sentences:
        if not sentence.cooperative:
            continue
        domains = [d for d, negated in sentence.domains if not negated]
        if not domains:
            continue
        for part in sentence.participation:
            start, end = sentence.clauses[part.clause]
            members = part.members
            clause_domains = sorted(
                {
                    d.ref
                    for d in domains
                    if start <= d.start < end
                    and not _owned_elsewhere(ctx, sentence, d.start, members)
                }
            )
            if not clause_domains:
                continue
            confidence = part.confidence * (_HEDGE_FACTOR if sentence.hedged else 1.0)
            evidence = ctx.evidence(sentence, confidence)
            for pairs, named in _by_conjunct(part, domains, clause_domains, start, end):
                for a, b in sorted(pairs):
                    if _is_state(a) and _is_state(b):
                        out.extend((a, b, domain, evidence) for domain in named)
    return out


def _by_conjunct(
    part: Participation,
    domains: list[Mention],
    clause_domains: list[str],
    start: int,
    end: int,
) -> list[tuple[frozenset[tuple[str, str]], list[str]]]:
    """The clause's domains with the pairs that take part in each: all of them, or,
    when a later conjunct brought a partner in ("agreed to expand intelligence
    sharing and to hold a trilateral exercise with the United States"), the
    domains named before it with the pairs named before it."""
    if part.earlier is None:
        return [(part.pairs, clause_domains)]
    cut, earlier_pairs = part.earlier
    before = {d.ref for d in domains if start <= d.start < cut}
    after = {d.ref for d in domains if cut <= d.start < end}
    return [
        (earlier_pairs, [d for d in clause_domains if d in before and d not in after]),
        (part.pairs, [d for d in clause_domains if d in after]),
    ]


def find_targets(ctx: ArticleContext) -> list[tuple[str, str, Evidence]]:
    """(actor, target, evidence): cooperation or action aimed at a state."""
    out: list[tuple[str, str, Evidence]] = []
    core = set(ctx.core)
    for sentence in ctx.sentences:
        targets = sentence.targets()
        if not targets:
            continue
        by_clause = {p.clause: p.members for p in sentence.participation}
        for ref in targets:
            ci = sentence.clause_of(ref.start)
            actors = by_clause.get(ci) or sentence.groups.get(ci)
            if not actors:
                # Without a cooperating group in the clause, its subject acts ("Riyadh
                # is hedging against …"); without one, the article's core, unless the
                # sentence tells of attacks and not of cooperation: a remark on "Iran's
                # missile strike" is no aim of the core's. Failing all, whoever acts in
                # the clause ("Russia fired … at Ukraine").
                explicit = [
                    r
                    for r in sentence.states
                    if r.role == "actor" and sentence.clause_of(r.start) == ci
                ]
                subjects = frozenset(r.state for r in explicit if r.end <= ref.start)
                if subjects:
                    actors = subjects
                elif core and (sentence.cooperative or not sentence.hostile):
                    actors = frozenset(core)
                else:
                    actors = frozenset(r.state for r in explicit)
            if ref.state in actors and ref.state in core:
                continue
            evidence = ctx.evidence(sentence, 0.7)
            for actor in sorted(actors):
                if _is_state(actor) and actor != ref.state:
                    out.append((actor, ref.state, evidence))
    return out
