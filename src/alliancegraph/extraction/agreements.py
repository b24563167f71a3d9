"""Agreements, dialogues, forums, initiatives and groupings.

Where they are found:

* **named**: a run of capitalised words ending in a head word ("Dialogue",
  "Forum", "Initiative", "Partnership", "Pact" …, see ``agreement_heads`` in
  ``data/cues.json``), with a capitalised tail ("… for the Next Decade",
  "… on Economic Security") and an acronym in brackets as an alias ("(JAI)");
* **named with a lower-case head**: at least two capitalised words, an
  optional acronym, then a generic head ("Free and Open Indo-Pacific (FOIP)
  strategy");
* **described**: a generic head with a lateral or partnership modifier ("a
  new trilateral pact", "a tri-country communication hotline", "a
  comprehensive strategic partnership treaty"), one per noun phrase;
* **groupings**: an organisation of kind grouping or alliance from the
  vocabulary, when two or more of the article's core states are its members,
  or, in a cooperative sentence, two or more of the states involved there.

Parties come, in order, from a possessive owner ("Japan's … strategy"), the
states inside the name ("Japan-India …"), the states of the sentence, or the
article's core. Domains come from the name and the sentence; the date and
status from the agreement's own clause. Mentions of one agreement merge
(same name, a shorter name, an acronym, or a description that fits a name).
Headlines count only when the body speaks of the same agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Agreement, AgreementKind, AgreementStatus, Evidence
from .context import ArticleContext, Sentence
from .cues import CompiledCues

__all__ = ["AgreementFinding", "find_agreements"]

_TOKEN = re.compile(r"[A-Za-z0-9][\w.’'\-–&]*|[^\w\s]")
# Compiled once: these run for every word of every candidate name, and re's
# own cache of compiled patterns costs a lookup each call.
# A year or an edition: "the 2023 Joint Statement", "the Seventh … Dialogue" name the
# statement and the dialogue, not part of their names.
_YEAR = re.compile(r"(?:19|20)\d\d|\d+(?:st|nd|rd|th)")
_EDITIONS = frozenset(
    (
        "Inaugural",
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    )
)
_OWNER_GAP = re.compile(r"(?:'s|’s)\s+(?:the\s+)?")
_THE_HEAD = re.compile(r"\b[Tt]he\s+(?P<head>[a-z]+)\b")
_LEADING_THE = re.compile(r"^the\s+")
_NON_WORD = re.compile(r"[\W_]+")
_JOINER = re.compile(r"[-–/]")
_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
_CONNECTORS = frozenset({"and", "of", "for", "on", "the", "&", "in", "to"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "this", "that", "his", "her", "our"})
_TAIL_CONNECTORS = frozenset({"for", "on", "of", "against", "in", "to", "and"})
# Connectors that only continue a tail already begun: "Code of Conduct in the South China Sea".
_LATER_CONNECTORS = frozenset({"in", "to", "and"})
_INSTITUTION_CONTEXT = re.compile(
    r"\b(?:experts?|analysts?|researchers?|scholars?|fellows?|economists?|according)\s+"
    r"(?:from|at|of|with|to)\s+(?:the\s+)?$",
    re.I,
)
_AGREEMENT_LIKE = frozenset({"agreement", "pact", "treaty"})
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_DATE_MONTH = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+"
    r"(?:(?P<day>\d{1,2}),?\s+)?(?P<year>(?:19|20)\d{2})\b"
)
_DATE_QUARTER = re.compile(
    r"\b(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:quarter|half)\s+of\s+"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.I,
)
_DATE_YEAR = re.compile(
    r"\b(?:in|since|from|by|until|of|during|early|late|mid-?)\s+(?P<year>(?:19|20)\d{2})\b", re.I
)


@dataclass
class _Candidate:
    name: str
    kind: AgreementKind
    start: int
    end: int
    named: bool
    heading: bool
    aliases: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    date: str | None = None
    status: AgreementStatus | None = None
    evidence: list[Evidence] = field(default_factory=list)
    org: str | None = None
    descriptors: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class AgreementFinding:
    agreement: Agreement
    evidence: tuple[Evidence, ...]
    organization: str | None = None


def find_agreements(ctx: ArticleContext) -> list[AgreementFinding]:
    """The agreements an article speaks of, merged, with their evidence."""
    candidates: list[_Candidate] = []
    heads_by_sentence = ctx.cues_by_sentence("agreement_heads")
    for sentence in ctx.sentences:
        found = _groupings(ctx, sentence)
        heads = heads_by_sentence.get(sentence.index)
        if heads and any(_names_head(ctx, start, end) for start, end, _ in heads):
            found = _named(ctx, sentence) + _described(ctx, sentence) + found
        for cand in found:
            _fill(ctx, sentence, cand)
            candidates.append(cand)
        if not found:
            _anaphora(ctx, sentence, candidates)
    merged = _merge(ctx, candidates)
    out = []
    for cand in merged:
        if not cand.parties:
            continue
        names = {cand.name.casefold()}
        aliases = tuple(sorted(a for a in cand.aliases if a.casefold() not in names))
        agreement = Agreement(
            name=cand.name,
            aliases=aliases,
            kind=cand.kind,
            parties=tuple(sorted(cand.parties)),
            domains=tuple(sorted(d for d in cand.domains if d in ctx.vocabulary.leaf_domains)),
            date=cand.date,
            status=cand.status,
        )
        out.append(AgreementFinding(agreement, tuple(cand.evidence), cand.org))
    return out


# ------------------------------------------------------------------ finders
def _names_head(ctx: ArticleContext, start: int, end: int) -> bool:
    """A head word that can end a name: capitalised ("Dialogue"), or generic ("pact")."""
    word = ctx.text[start:end]
    return (
        word[:1].isupper()
        or word.lower() in ctx.cues.generic_heads
        or word.startswith(("memorandum", "letter of intent", "MoU"))
    )


def _tokens(sentence: Sentence) -> list[tuple[int, int, str]]:
    base = sentence.start
    out = [(base + m.start(), base + m.end(), m.group()) for m in _TOKEN.finditer(sentence.text)]
    for i, (start, end, word) in enumerate(out):
        # A sentence-final period is not part of the word (but "U.S." keeps its dots).
        if word[-1] == "." and len(word) > 2 and word.count(".") == 1:
            out[i] = (start, end - 1, word[:-1])
    return out


def _bare(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) > 1) or _is_acronym(word)


def _is_acronym(word: str) -> bool:
    """ "iCET", "eVTOL", "ASEAN": two capitals or more make a name."""
    return sum(c.isupper() for c in word) >= 2


def _is_year_or_edition(word: str) -> bool:
    if word[:1].isdigit():
        return bool(_YEAR.fullmatch(word))
    return word in _EDITIONS


def _name_word(word: str, cues: CompiledCues) -> bool:
    """A word that can stand inside a name: capitalised, not a stop word, month or owner,
    and not a comparison or attribution ("NATO-like", "U.S.-led")."""
    return (
        _is_cap(word)
        and not word.endswith(("-like", "-style", "-type", "-led", "-backed", "-based"))
        and word not in cues.stopwords
        and word.lower() not in _MONTHS
        and not word.endswith(("'s", "’s"))
    )


def _tail_word(word: str) -> bool:
    return _is_cap(word) and word.lower() not in _MONTHS and not _is_year_or_edition(word)


def _tail(tokens: list[tuple[int, int, str]], i: int, cues: CompiledCues) -> int:
    """The last token of a capitalised tail after token ``i``: "… for the Next Decade"."""
    end_index = i
    t = i + 1
    while t < len(tokens) and tokens[t][2] in _TAIL_CONNECTORS:
        if end_index == i and tokens[t][2] in _LATER_CONNECTORS:
            break  # "Security Pact in Asia-Pacific": a place, not part of the name
        t2 = t + 1
        if t2 < len(tokens) and tokens[t2][2] == "the":
            t2 += 1
        t3 = t2
        while t3 < len(tokens) and _tail_word(tokens[t3][2]):
            t3 += 1
        if t3 == t2:
            break
        end_index = t = t3 - 1
        t += 1
    return end_index


def _named(ctx: ArticleContext, sentence: Sentence) -> list[_Candidate]:
    cues = ctx.cues
    tokens = _tokens(sentence)
    out: list[_Candidate] = []
    used_until = -1
    heads = cues.agreement_heads
    generic = cues.generic_heads
    for i, (_, _, word) in enumerate(tokens):
        if i <= used_until or (word not in heads and word not in generic and "'" not in word):
            continue  # most words are no head, possessive or not
        head = _bare(word)
        kind = cues.agreement_heads.get(head)
        lower_head = kind is None and head.islower() and head in cues.generic_heads
        if lower_head:
            kind = cues.generic_heads[head]
        if kind is None:
            continue
        j = i
        acronym = None
        if lower_head:
            if j >= 3 and tokens[j - 1][2] == ")" and tokens[j - 3][2] == "(":
                acronym = tokens[j - 2][2]
                j -= 3
            else:
                # Up to two lower-case modifiers: "Rafale Marine intergovernmental agreement".
                m = j
                while (
                    m > 0
                    and j - m < 2
                    and tokens[m - 1][2].isalpha()
                    and tokens[m - 1][2].islower()
                ):
                    word = tokens[m - 1][2]
                    # Adjectives, not articles or verbs: "signed a memorandum" is no name.
                    if word in _CONNECTORS or word in _DETERMINERS or word in cues.generic_heads:
                        break
                    if word.endswith(("ed", "ing")):
                        break
                    m -= 1
                if m > 0 and _name_word(tokens[m - 1][2], cues):
                    j = m
        k = j
        while k > 0:
            prev = tokens[k - 1][2]
            inner = prev in _CONNECTORS and k > 1 and _is_cap(tokens[k - 2][2]) and k - 1 < j
            if _name_word(prev, cues) or inner:
                k -= 1
            else:
                break
        while k < j and (tokens[k][2].lower() in _CONNECTORS or _is_year_or_edition(tokens[k][2])):
            k += 1
        end_index = i if lower_head else _tail(tokens, i, cues)
        if _INSTITUTION_CONTEXT.search(ctx.text[sentence.start : tokens[k][0]]):
            continue  # "experts from the Council on Foreign Relations": a think tank
        if lower_head:
            # A sentence's first word is capitalised whatever it is ("Launched …").
            first = next((t for t in tokens if t[2][:1].isalpha()), None)
            words = [t[2] for t in tokens[k:j] if t is not first]
            content = [w for w in words if _is_cap(w) and not _is_state_word(ctx, w)]
            states = [w for w in words if _is_state_word(ctx, w)]
            joined = any("-" in w or "–" in w for w in states)
            acronym_named = any(_is_acronym(w) for w in content)
            if len(content) < 2 and not (content and j < i) and not joined and not acronym_named:
                continue
            if k == j:
                continue
        elif k == i and end_index == i:
            continue  # a head word alone is not a name
        start = tokens[k][0]
        end = tokens[end_index][1]
        name = _strip_possessive(ctx.doc.text[start:end])
        org = _organization(ctx, name)
        if org is False:
            continue  # an institution ("European Commission"), not an agreement
        if org is None and head in cues.body_heads and not _shared(ctx, tokens[k:i]):
            continue  # "the CPC Central Committee": a domestic body
        if acronym is None:
            nxt = tokens[end_index + 1 : end_index + 4]
            if len(nxt) == 3 and nxt[0][2] == "(" and nxt[2][2] == ")" and nxt[1][2].isupper():
                acronym = nxt[1][2]
        cand = _Candidate(
            name=name, kind=kind, start=start, end=end, named=True, heading=sentence.heading
        )
        if isinstance(org, str):
            _make_grouping(ctx, cand, org)
        if acronym:
            cand.aliases.add(acronym)
        if lower_head and acronym:
            cand.aliases.add(cand.name)
            cand.name = ctx.doc.text[start : tokens[j - 1][1]]
        elif lower_head and not isinstance(org, str):
            cand.aliases.add(ctx.doc.text[start : tokens[j - 1][1]])
        if k > 0 and _is_year_or_edition(tokens[k - 1][2]):
            cand.aliases.add(ctx.doc.text[tokens[k - 1][0] : end])
        out.append(cand)
        used_until = end_index
    return out


def _organization(ctx: ArticleContext, name: str) -> str | bool | None:
    """An organisation of that name: its id if it is a grouping, False for an institution."""
    org_id = ctx.vocabulary.organization_names.get(" ".join(name.split()).casefold())
    if org_id is None:
        return None
    return (
        org_id if ctx.vocabulary.organizations[org_id].kind in ("grouping", "alliance") else False
    )


def _make_grouping(ctx: ArticleContext, cand: _Candidate, org_id: str) -> None:
    org = ctx.vocabulary.organizations[org_id]
    cand.name = org.name
    cand.kind = "grouping"
    cand.org = org.id
    cand.aliases.update(org.aliases)
    cand.parties = set(org.members)


_MODIFIERS = re.compile(r"((?:[\w\-’']+\s+){1,3})$")
_TOPICAL = re.compile(
    r"\b(?P<head>memorandum of (?:understanding|cooperation|agreement|intent)|memorandum|"
    r"letter of intent|MoU|agreement|accord|"
    r"pact|deal|treaty|roadmap|framework|declaration)\s+(?P<prep>on|for|covering)\s+"
    r"(?P<topic>(?:[a-z][\w\-]*\s+){0,4}?[a-z][\w\-]*)"
    r"(?=\s*(?:[,.;:)]|$|\s(?:signed|that|which|with|to|between|in|by|and\s+(?:the|a)\b|was|is|will|"
    r"would|as|at|from|under|since|last|this|on|next|after|before|earlier|during|for)\b))"
)


def _lower_heads(ctx: ArticleContext, sentence: Sentence) -> list[tuple[int, int, str]]:
    """The generic heads written as plain lower-case words ("pact", not "Pact" or
    "pact_x"), as ``(start, end, word)`` offsets into the sentence.

    The cue index has found every head word already; reading its hits costs
    less than running a word pattern over the whole sentence.
    """
    text, base = ctx.text, sentence.start
    generic = ctx.cues.generic_heads
    out: list[tuple[int, int, str]] = []
    for start, end, _ in ctx.sentence_cues("agreement_heads", sentence.index):
        word = text[start:end]
        if (
            word in generic
            and word.isascii()
            and word.isalpha()
            and word.islower()
            and text[start - 1 : start] != "_"
            and text[end : end + 1] != "_"
            and (not out or out[-1][0] != start - base)
        ):
            out.append((start - base, end - base, word))
    return out


def _described(ctx: ArticleContext, sentence: Sentence) -> list[_Candidate]:
    """ "a new trilateral pact", "a memorandum of understanding on critical minerals"."""
    cues = ctx.cues
    out = []
    negated = [(d.start, d.end) for d, neg in sentence.domains if neg]
    for head_start, head_end, head in _lower_heads(ctx, sentence):
        kind = cues.generic_heads[head]
        window = max(0, head_start - 80)
        lowered = ctx.lowered[sentence.start + window : sentence.start + head_start]
        if not any(word in lowered for word in cues.lateral):
            continue  # the usual case, decided without the regex: no "trilateral" before
        before = _MODIFIERS.search(sentence.text, window, head_start)
        if before is None:
            continue
        mods = before.group(1).split()
        lateral = [w for w in mods if w.lower() in cues.lateral]
        if not lateral:
            continue
        first = mods.index(lateral[0])
        words = mods[first:]
        if any(_is_cap(w) for w in words[1:]):
            continue  # a capitalised name, handled as named
        start = sentence.start + before.start(1) + before.group(1).index(words[0])
        end = sentence.start + head_end
        cand = _Candidate(
            name=" ".join([*words, head]),
            kind=kind,
            start=start,
            end=end,
            named=False,
            heading=sentence.heading,
        )
        cand.descriptors = {w.lower() for w in words}
        size = cues.lateral[lateral[0].lower()]
        if size:
            cand.parties = {a for a in ctx.resolve_collective(sentence, size) if len(a) == 3}
        out.append(cand)
    out.extend(_domain_modified(ctx, sentence))
    if not sentence.state_actors() and not sentence.collective and not ctx.core:
        return out
    for m in _TOPICAL.finditer(sentence.text):
        start = sentence.start + m.start()
        end = sentence.start + m.end()
        domains = [d for d, neg in sentence.domains if start <= d.start < end and not neg]
        if not domains or any(a <= start < b for a, b in negated):
            continue
        head = m.group("head")
        kind = cues.generic_heads.get(head.split()[0].lower(), "agreement")
        cand = _Candidate(
            name=ctx.doc.text[start:end],
            kind=kind,
            start=start,
            end=end,
            named=False,
            heading=sentence.heading,
        )
        cand.descriptors = {w.lower() for w in m.group("topic").split()}
        out.append(cand)
    return _outermost(out) if len(out) > 1 else out


def _outermost(candidates: list[_Candidate]) -> list[_Candidate]:
    """One description per noun phrase: "a comprehensive strategic partnership treaty"
    holds two heads, and "a supply-chain resilience framework covering chips" is
    described from both sides of its head. The one starting first (then the longest)
    stands for the phrase."""
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if not kept or cand.start >= kept[-1].end:
            kept.append(cand)
    return kept


def _domain_modified(ctx: ArticleContext, sentence: Sentence) -> list[_Candidate]:
    """ "a defence pact", "a reciprocal access agreement", "an arms deal": a generic head
    right after a domain label, in a cooperative sentence naming two states or more."""
    actors = sentence.state_actors()
    if not sentence.cooperative or len(actors) < 2:
        return []
    out = []
    for d, negated in sentence.domains:
        if negated:
            continue
        m = next(
            (
                found
                for pattern in _HEAD_AFTER
                if (found := pattern.match(ctx.text, d.end))
                and found.group("head") in ctx.cues.generic_heads
            ),
            None,
        )
        if m is None:
            continue
        if ctx.text[d.start : d.start + 1].isupper():
            continue  # a capitalised name, handled as named
        cand = _Candidate(
            name=ctx.doc.text[d.start : m.end()],
            kind=ctx.cues.generic_heads[m.group("head")],
            start=d.start,
            end=m.end(),
            named=False,
            heading=sentence.heading,
        )
        cand.descriptors = {w.lower() for w in ctx.text[d.start : d.end].split()}
        cand.parties = set(actors)
        out.append(cand)
    return out


# The head right after the domain ("defence pact"), or after one more word
# ("defence cooperation agreement").
_HEAD_AFTER = (
    re.compile(r"\s+(?P<head>[a-z]+)\b"),
    re.compile(r"\s+[a-z]+(?:-[a-z]+)?\s+(?P<head>[a-z]+)\b"),
)


def _groupings(ctx: ArticleContext, sentence: Sentence) -> list[_Candidate]:
    out: list[_Candidate] = []
    orgs = [m for m in sentence.names if m.kind == "org"]
    if not orgs:
        return out
    core = set(ctx.core)
    involved = core | sentence.state_actors()
    for m in orgs:
        org = ctx.vocabulary.organizations[m.ref]
        if org.kind not in ("grouping", "alliance"):
            continue
        if ctx.text.startswith(("-like", "-style", "-type"), m.end):
            continue
        # Named in a cooperative sentence with two members involved, or, whatever the
        # sentence, a grouping of the article's core: "Let's start with AUKUS."
        members = set(org.members)
        if not (
            (sentence.cooperative and len(involved & members) >= 2) or len(core & members) >= 2
        ):
            continue
        cand = _Candidate(
            name=org.name,
            kind="grouping",
            start=m.start,
            end=m.end,
            named=True,
            heading=sentence.heading,
            org=org.id,
        )
        cand.aliases.update(org.aliases)
        cand.parties = set(org.members)
        out.append(cand)
    return out


# ------------------------------------------------------------------ filling
def _fill(ctx: ArticleContext, sentence: Sentence, cand: _Candidate) -> None:
    text = ctx.text
    if not cand.parties:
        cand.parties = _parties(ctx, sentence, cand)
    in_name = [d for d, _ in sentence.domains if cand.start <= d.start and d.end <= cand.end]
    cand.domains.update(d.ref for d in in_name)
    cand.domains.update(
        d.ref for d, negated in sentence.domains if not negated and d.start >= cand.start
    )
    ci = sentence.clause_of(cand.start)
    clause_start, clause_end = sentence.clauses[ci]
    # The date and status that belong to the agreement sit in its clause, or the one after.
    if ci + 1 < len(sentence.clauses):
        clause_end = sentence.clauses[ci + 1][1]
    clause = text[clause_start:clause_end]
    cand.date = _date(clause)
    cand.status = _status(ctx, clause_start, clause_end)
    cand.evidence.append(ctx.evidence(sentence, 0.9 if cand.named else 0.7))


def _parties(ctx: ArticleContext, sentence: Sentence, cand: _Candidate) -> set[str]:
    before = [r for r in sentence.states if r.end <= cand.start]
    if before:
        owner = before[-1]
        gap = ctx.text[owner.end : cand.start]
        if _OWNER_GAP.fullmatch(gap) and not owner.state.startswith("org:"):
            return {owner.state}
    inside = {
        r.state
        for r in sentence.states
        if cand.start <= r.start and r.end <= cand.end and not r.state.startswith("org:")
    }
    if len(inside) >= 2:
        return inside
    actors = set(sentence.state_actors())
    core = {c for c in ctx.core if not c.startswith("org:")}
    if len(actors & core) >= 2:
        return actors & core
    if inside:
        return inside | (core if core & inside else set())
    if len(actors) >= 2:
        return actors
    return core


def _date(clause: str) -> str | None:
    m = _DATE_MONTH.search(clause)
    if m:
        month = _MONTHS[m.group("month").lower()]
        day = m.group("day")
        if day:
            return f"{m.group('year')}-{month:02d}-{int(day):02d}"
        return f"{m.group('year')}-{month:02d}"
    for pattern in (_DATE_QUARTER, _DATE_YEAR):
        m = pattern.search(clause)
        if m:
            return m.group("year")
    return None


def _status(ctx: ArticleContext, start: int, end: int) -> AgreementStatus | None:
    """The status whose cue comes first in the cue list, wherever it stands in the clause."""
    found = [index for _, _, index in ctx.cue_hits("status", start, end)]
    return ctx.cues.statuses[min(found)] if found else None  # type: ignore[return-value]


def _anaphora(ctx: ArticleContext, sentence: Sentence, candidates: list[_Candidate]) -> None:
    """ "The pact covers technology …": domains for the agreement last named."""
    if not candidates or not any(not negated for _, negated in sentence.domains):
        return
    if not ctx.sentence_cues("agreement_heads", sentence.index):
        return  # no head word ("pact", "deal") for "the …" to be
    for match in _THE_HEAD.finditer(sentence.text):
        kind = ctx.cues.generic_heads.get(match.group("head"))
        if kind is None:
            continue
        for cand in reversed(candidates):
            if cand.kind == kind or {cand.kind, kind} <= _AGREEMENT_LIKE:
                cand.domains.update(d.ref for d, negated in sentence.domains if not negated)
                break
        return


# ------------------------------------------------------------------ merging
def _key(name: str) -> str:
    name = name.casefold().replace("’", "'")
    name = _LEADING_THE.sub("", name)
    return _NON_WORD.sub(" ", name).strip()


def _shared(ctx: ArticleContext, words: list[tuple[int, int, str]]) -> bool:
    """Whether the words before a body's head say it is shared between states: a
    state, a pair ("India–Indonesia", "EU-India"), or "Joint", "Trilateral"; an
    organisation alone names its own organ ("ECOWAS Commission")."""
    shared = ctx.cues.shared_body_words
    vocab = ctx.vocabulary
    for _, _, word in words:
        if word.lower() in shared:
            return True
        parts = [p for p in _JOINER.split(_bare(word)) if p]
        if any(vocab.state_code(p) for p in parts) or (
            len(parts) > 1 and any(p.casefold() in vocab.organization_names for p in parts)
        ):
            return True
    return False


def _is_state_word(ctx: ArticleContext, word: str) -> bool:
    parts = [p for p in _JOINER.split(_bare(word)) if p]
    return bool(parts) and all(ctx.vocabulary.state_code(part) for part in parts)


def _without_states(ctx: ArticleContext, name: str) -> str:
    words = name.split()
    while words and _is_state_word(ctx, words[0]):
        words = words[1:]
    return _key(" ".join(words))


def _content_words(ctx: ArticleContext, cand: _Candidate) -> set[str]:
    words = set()
    for w in _key(cand.name).split():
        if w in ctx.cues.generic_words or _is_state_word(ctx, w):
            continue
        words.add(w)
    return words


@dataclass(frozen=True)
class _Names:
    """What merging compares, computed once per candidate."""

    keys: frozenset[str]
    words: tuple[str, ...]
    stripped: str
    content: frozenset[str]

    @classmethod
    def of(cls, ctx: ArticleContext, cand: _Candidate) -> _Names:
        key = _key(cand.name)
        return cls(
            keys=frozenset({key} | {_key(x) for x in cand.aliases}),
            words=tuple(key.split()),
            stripped=_without_states(ctx, cand.name),
            content=frozenset(_content_words(ctx, cand)),
        )


def _same(a: _Candidate, b: _Candidate, na: _Names, nb: _Names) -> bool:
    if na.keys & nb.keys:
        return True
    if a.org and a.org == b.org:
        return True
    if na.stripped and na.stripped == nb.stripped and len(na.words) >= 2:
        return True
    # "Code of Conduct" is the "Code of Conduct in the South China Sea", shortened.
    short, long_ = sorted((na.words, nb.words), key=len)
    if a.named and b.named and len(short) >= 2 and long_[: len(short)] == short:
        return True
    if not (a.kind == b.kind or {a.kind, b.kind} <= _AGREEMENT_LIKE):
        return False
    for described, named, words in ((a, b, nb.words), (b, a, na.words)):
        if not described.named and named.named:
            if described.parties and named.parties and not described.parties <= named.parties:
                continue  # "Britain signed its own defence agreement with Germany"
            if described.descriptors and described.descriptors <= set(words):
                return True
            if named.org and described.parties and described.parties == named.parties:
                return True
    if a.parties == b.parties and a.named and b.named:
        # "Act East Forum" and "Japan-India Act East Forum" are one; the "Code of Conduct"
        # and the "Declaration on the Conduct of Parties" are two.
        small, large = sorted((na.content, nb.content), key=len)
        return bool(small) and small <= large
    return False


def _merge(ctx: ArticleContext, candidates: list[_Candidate]) -> list[_Candidate]:
    # Connected components: a mention joins every group it matches, and those groups merge.
    names = {id(c): _Names.of(ctx, c) for c in candidates}
    groups: list[list[_Candidate]] = []
    for cand in candidates:
        nc = names[id(cand)]
        joined = [g for g in groups if any(_same(cand, o, nc, names[id(o)]) for o in g)]
        merged_group = [m for g in joined for m in g] + [cand]
        groups = [g for g in groups if not any(g is j for j in joined)] + [merged_group]
    groups.sort(key=lambda g: min(c.start for c in g))
    out = []
    for group in groups:
        if all(c.heading for c in group):
            continue
        # The canonical name: a grouping's own, else the longest body name, named before described.
        best = max(
            group,
            key=lambda c: (c.org is not None, c.named, not c.heading, len(c.name)),
        )
        merged = _Candidate(
            name=best.name,
            kind=best.kind,
            start=best.start,
            end=best.end,
            named=best.named,
            heading=False,
            org=best.org,
        )
        for c in group:
            merged.aliases.add(c.name)
            merged.aliases.update(c.aliases)
            merged.domains.update(c.domains)
            merged.evidence.extend(c.evidence)
            merged.date = merged.date or c.date
            merged.status = merged.status or c.status
        merged.parties = set(best.parties)
        if not merged.parties:
            for c in group:
                merged.parties |= c.parties
        # Keep one piece of evidence per sentence.
        seen: set[int] = set()
        merged.evidence = [
            e
            for e in merged.evidence
            if not (e.start in seen or seen.add(e.start))  # type: ignore[func-returns-value]
        ]
        out.append(merged)
    return out


def _strip_possessive(name: str) -> str:
    """The name without a possessive or a closing quote: "… Decade'" → "… Decade"."""
    return _POSSESSIVE_END.sub("", name).rstrip("'’\"”")
