"""Persons: who is named, which state they act for, and in what role.

Three linguistic patterns, in order of trust:

* a known office holder from ``data/persons.json`` ("Takaichi", "S. Jaishankar");
* a role title followed by a name, with the state given just before the
  title ("U.S. President Donald Trump", "Japanese Prime Minister Sanae
  Takaichi", "India's External Affairs Minister ...") or after it ("Prime
  Minister of Japan ...");
* a counterpart apposition ("his Japanese counterpart, Toshimitsu Motegi",
  "His Ghanaian counterpart, Rear Admiral Emmanuel Ankrah");
* a name before a title whose "of" tail names the state ("H.E. Mr. Gibran
  Rakabuming Raka, Vice President of Indonesia").

Courtesy titles and ranks ("Amb.", "Hon.", "Alhaji", "Rear Admiral") and
letters after a name ("MP") are not part of it. A title that names an
organisation ("European Commission President …") gives its holder no state,
and a former national leader in an organisation's office ("NATO Secretary
General Mark Rutte") acts for the organisation.

A state named with the title outranks the vocabulary: "Colombia's Defence
Minister Pedro Sánchez" is a namesake of Spain's prime minister. An official
whose title names no state acts for the one state the article is about, or for
the state they say will act ("Foreign Minister Mauro Vieira said Brasília
would …"), or else for the state of its dateline ("TAIPEI — … Economics
Minister Kung Ming-hsin").

A later surname-only mention ("Takaichi") joins the full name met earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Evidence, Person
from ..vocabulary import PersonEntry, Vocabulary
from .context import ArticleContext, Sentence
from .cues import _TitleFinder

__all__ = ["PersonFinding", "find_persons"]

_NAME_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")
_PARTICLES = frozenset({"bin", "van", "de", "da", "von", "der", "al", "el", "di", "du", "ibn"})
# "Suhail al-Mazrouei", "Abdel Fattah el-Sisi": an article joined to the surname.
_JOINED_PARTICLE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ul)-[A-Z]")


class _Name:
    """A personal name starting at a position: capitalised words and particles."""

    def __init__(self, text: str, start: int) -> None:
        words: list[str] = []
        pos = start
        while len(words) < 5:
            m = _NAME_WORD.match(text, pos)
            if not m:
                break
            word = m.group(0)
            if not (
                word[0].isupper()
                or (words and (word in _PARTICLES or _JOINED_PARTICLE.match(word)))
            ):
                break
            if word.endswith(".") and len(word) > 2 and word not in ("Jr.", "Sr."):
                words.append(word[:-1])  # the sentence ends here; "S." is an initial
                break
            words.append(word)
            pos = m.end()
            if not text.startswith(" ", pos) or word.endswith(("'s", "’s")):
                break
            pos += 1
        while words and words[-1] in _PARTICLES:
            words.pop()
        self.words = words

    def group(self, _: int = 0) -> str:
        return " ".join(self.words)

    def __bool__(self) -> bool:
        return bool(self.words)


_COUNTERPART = re.compile(
    r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?P<dem>[A-Z][\w.\-]+(?:\s+[A-Z][\w\-]+)?)\s+counterparts?,?\s+"
)
_NAME_BEFORE = re.compile(r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3}),\s+(?:the\s+)?$")
_COUNTERPART_BEFORE = re.compile(_COUNTERPART.pattern + r"$")
# The title words of _LOWER_TITLE and _APPOSITION must be among
# cues.PERSON_TITLE_WORDS, which decides the sentences they are tried on.
_LOWER_TITLES = (
    r"minister|secretary|ambassador|envoy|spokesperson|spokesman|spokeswoman|adviser|advisor|"
    r"chief|commander|negotiator|canciller|chanceler"
)
_LOWER_TITLE = re.compile(
    r"\b(?P<state>[A-Z][\w.\-]+(?:\s+[A-Z][\w\-]+)?)(?:'s|’s)?\s+"
    rf"(?P<title>(?:[a-z\-]+\s+){{0,3}}(?:{_LOWER_TITLES})"
    # "China's ambassador to Brazil, Zhu Qingqiao"
    r"(?:\s+to\s+(?:the\s+)?(?:[A-Z][\w\-]+\s+[A-Z][\w\-]+(?=,)|[A-Z][\w\-]+))?),?\s+(?=[A-Z])"
)
_APPOSITION = re.compile(
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3}),\s+(?:the\s+)?"
    r"(?P<state>[A-Z][\w.\-]+(?:\s+[A-Z][\w\-]+)?)(?:'s|’s)\s+"
    r"(?P<title>(?:[a-z\-]+\s+){0,3}(?:minister|secretary|president|ambassador|envoy|"
    r"spokesperson|spokesman|spokeswoman|adviser|advisor|chief|commander|premier|chancellor|"
    r"representative|aide|canciller|chanceler))\b"
)
_SAID = re.compile(r",?\s+(?:said|says|stated|insisted|declared|vowed|warned)\s+(?:that\s+)?")
# What a speaker's own government will do, not what a rival did: "said Brasília would".
_WOULD = re.compile(
    r"\s+(?:would|will|intends|was\s+ready|is\s+ready|stands\s+ready|remains|remained)\b"
)
_POSSESSIVE_END = re.compile(r"(?:'s|’s|'|’)$")
# A dateline: a place in capitals opening a line ("TAIPEI —", "RIYADH, Nov 17 (Agency) -").
_DATELINE_PLACE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){0,2})(?=[ \t]*(?:[,:—–(]|-\s))",
    re.M,
)
#: How many of an article's first body lines may hold its dateline.
_DATELINE_LINES = 25
_OF_STATE = re.compile(r"\s+of\s+(?:the\s+)?(?P<state>[A-Z][\w.\-]+(?:\s+[A-Z][\w\-]+)?)")


@dataclass(frozen=True)
class PersonFinding:
    person: Person
    evidence: Evidence


def find_persons(ctx: ArticleContext) -> list[PersonFinding]:
    """Every person named in the article with the state they act for."""
    evidence_for = ctx.evidence
    vocab = ctx.vocabulary
    known = vocab.persons_by_name
    found: dict[str, tuple[Person, Evidence]] = {}
    text = ctx.text
    roles = ctx.cues.roles
    # Each pattern runs only on sentences holding its key word (found by the cue
    # index): most sentences name no title, and the patterns are costly to try.
    with_head = ctx.cues_by_sentence("role_heads")
    with_lower_title = ctx.cues_by_sentence("person_titles")
    for sentence in ctx.sentences:
        has_head = sentence.index in with_head
        has_lower_title = sentence.index in with_lower_title
        # Known office holders.
        for m in sentence.names:
            if m.kind != "person" or ctx.serves_organisation(m):
                continue
            entry = known[m.ref]
            role = _role_before(vocab, text, sentence, m.start, roles) or entry.role
            # A namesake: "Colombia's Defence Minister Pedro Sánchez" acts for Colombia.
            acts_for = ctx.state_before(sentence.states, m.start, titled=True) or entry.state
            _add(
                found,
                Person(name=entry.name, state=acts_for, role=role),
                evidence_for(sentence, 0.95 if acts_for == entry.state else 0.85),
            )
        # Role + name, state from the words before the title.
        # The cue index found the titles' head words: without one there is no title.
        titles = roles.finditer(sentence.text) if has_head else []
        for rm in titles:
            # "… Minister Name" or, in apposition, "the Prime Minister of Poland, Name"
            gap = 2 if sentence.text.startswith(", ", rm.end()) else 1
            role_text, role_start, inner_state = _trim_role(vocab, rm.group(0), rm.start())
            name_at = _past_honorifics(ctx, sentence.text, rm.end() + gap)
            name_match = (
                _Name(sentence.text, name_at)
                if sentence.text.startswith((" ", ", "), rm.end())
                else None
            )
            if name_match:
                # "Defence Senior Adviser Middle East, Lieutenant General Robert Aldous":
                # what stood after the title was its tail, and the name follows a rank.
                name_end = name_at + len(name_match.group(0))
                rank = (
                    ctx.cues.honorifics.match(sentence.text, name_end + 2)
                    if sentence.text.startswith(", ", name_end)
                    else None
                )
                if rank is not None:
                    name_at = rank.end()
                    name_match = _Name(sentence.text, name_at)
            if not name_match:
                # "H.E. Mr. Gibran Rakabuming Raka, Vice President of Indonesia": the
                # name before a title whose "of" tail names the state.
                of_state = _OF_STATE.match(sentence.text, rm.end())
                state = inner_state or (of_state and _resolve(vocab, of_state.group("state")))
                closed = sentence.text[of_state.end() if of_state else rm.end() :][:1] in ",.;:)"
                before = _NAME_BEFORE.search(sentence.text, max(0, rm.start() - 80), rm.start())
                name = (
                    before
                    and before.group("name").split(" ", 1)[0] not in roles.head_words
                    and _clean_name(before.group("name"), vocab)
                )
                if state and closed and name and not _join_known(found, known, name):
                    person = Person(name=name, state=state, role=role_text)
                    _add(found, person, evidence_for(sentence, 0.8))
                continue
            name = _clean_name(name_match.group(0), vocab)
            if name is None:
                continue
            name_start = sentence.start + name_at
            if any(
                m.kind == "person" and name_start <= m.start < name_start + len(name) + 1
                for m in sentence.names
            ):
                continue  # "Sheikh Mohammed bin Abdulrahman Al Thani": a known person
            start = sentence.start + role_start
            # "his Ghanaian counterpart, Rear Admiral Emmanuel Ankrah"
            counterpart = _COUNTERPART_BEFORE.search(sentence.text, 0, rm.start())
            state = (
                inner_state
                or (counterpart and _resolve(vocab, counterpart.group("dem")))
                or ctx.state_before(sentence.states, start)
            )
            if state is None:
                after = _OF_STATE.match(sentence.text, rm.end())
                if after:
                    state = _resolve(vocab, after.group("state"))
            full = _join_known(found, known, name)
            if full is not None:
                continue
            confidence = 0.85
            if state is None and any(
                m.kind == "org" and start <= m.start < sentence.start + rm.end()
                for m in sentence.names
            ):
                continue  # "European Commission President Ursula von der Leyen": no state's
            if state is None:
                # An article about one state and organisations ("EU–India"): its
                # officials; then the state they speak for ("Foreign Minister Mauro
                # Vieira said Brasília would …"); failing that, the dateline's: a
                # reporter in Taipei writes "Economics Minister Kung" for a Taiwanese
                # minister.
                only = {c for c in ctx.core if not c.startswith("org:")}
                local = (
                    only.pop()
                    if len(only) == 1
                    else _speaks_for(sentence, name_start + len(name)) or _dateline_state(ctx)
                )
                if local is None:
                    continue
                state, confidence = local, 0.6
            person = Person(name=name, state=state, role=role_text)
            _add(found, person, evidence_for(sentence, confidence))
        # "Chinese foreign ministry spokesperson Lin Wei": a title in lower case
        for lm in _LOWER_TITLE.finditer(sentence.text) if has_lower_title else ():
            state = _resolve(vocab, lm.group("state"))
            name_match = _Name(sentence.text, _past_honorifics(ctx, sentence.text, lm.end()))
            if state is None or not name_match:
                continue
            name = _clean_name(name_match.group(0), vocab)
            if name is None or _join_known(found, known, name):
                continue
            role = lm.group("title").strip()
            _add(found, Person(name=name, state=state, role=role), evidence_for(sentence, 0.75))
        # "said Tran Quoc Minh, Vietnam's deputy foreign minister"
        for am in _APPOSITION.finditer(sentence.text) if has_lower_title else ():
            state = _resolve(vocab, am.group("state"))
            name = _clean_name(am.group("name"), vocab)
            if state is None or name is None or _join_known(found, known, name):
                continue
            role = am.group("title").strip()
            _add(found, Person(name=name, state=state, role=role), evidence_for(sentence, 0.8))
        # "his Japanese counterpart, Toshimitsu Motegi"
        counterparts = "counterpart" in sentence.text
        titled = {rm.start() for rm in titles}
        for cm in _COUNTERPART.finditer(sentence.text) if counterparts else ():
            name_at = _past_honorifics(ctx, sentence.text, cm.end())
            name_match = _Name(sentence.text, name_at)
            if not name_match or name_at in titled:  # a title: read with it, above
                continue
            name = _clean_name(name_match.group(0), vocab)
            state = _resolve(vocab, cm.group("dem"))
            if name is None or state is None or _join_known(found, known, name):
                continue
            _add(found, Person(name=name, state=state, role=None), evidence_for(sentence, 0.8))
    return [PersonFinding(p, e) for p, e in found.values()]


def _past_honorifics(ctx: ArticleContext, text: str, pos: int) -> int:
    """Where a name starts behind its courtesy titles and ranks: "Amb. Yusuf
    Maitama Tuggar", "H.E. Mr. Sjafrie Sjamsoeddin", "Rear Admiral Emmanuel Ankrah"."""
    m = ctx.cues.honorifics.match(text, pos)
    return m.end() if m else pos


def _speaks_for(sentence: Sentence, name_end: int) -> str | None:
    """The state a speaker says will act, right after the name: "… said Ecuador would"."""
    after = sentence.text[name_end - sentence.start :]
    m = _SAID.match(after)
    if m is None:
        return None
    at = name_end + m.end()
    for ref in sentence.states:
        if (
            ref.start == at
            and ref.role == "actor"
            and ref.form != "person"
            and _WOULD.match(sentence.text, ref.end - sentence.start)
        ):
            return ref.state
    return None


def _dateline_state(ctx: ArticleContext) -> str | None:
    """The state of the place the article is datelined from, if the article speaks of
    that state: "TAIPEI — …" gives Taiwan. The dateline opens the story's first
    paragraph, below whatever masthead, headline and standfirst a page puts first."""
    text = ctx.doc.text
    for start, end in ctx.doc.body[:_DATELINE_LINES]:
        m = _DATELINE_PLACE.match(text, start, end)
        if m is None:
            continue
        state = ctx.vocabulary.state_code(m.group("place"))
        if state is not None:
            return state if state in ctx.states else None
    return None


def _trim_role(vocab: Vocabulary, role: str, start: int) -> tuple[str, int, str | None]:
    """The title after its last state word, and that state.

    "Mexican Economy Secretary" → ("Economy Secretary", MEX); "Morioka and British
    Defence Secretary" (a title that ran back over the previous name) → ("Defence
    Secretary", GBR); "Prime Minister of the Republic of Poland" → (itself, POL).
    """
    words = role.split(" ")
    state = None
    cut = 0
    for i, word in enumerate(words[:-1]):
        bare = word.removesuffix("'s").removesuffix("’s")
        # One word ("Japanese") or two ("South Korean", "New Zealand's").
        code = vocab.state_code(bare) or (i and vocab.state_code(f"{words[i - 1]} {bare}"))
        if code and words[i + 1] not in ("of", "for"):
            state, cut = code, i + 1
    while cut < len(words) - 1 and words[cut] in ("The", "A", "Then", "and", "Host", "Former"):
        cut += 1
    start += sum(len(w) + 1 for w in words[:cut])
    title = words[cut:]
    # A state named in the title's "of …" tail: "Minister of the Republic of Poland".
    tail = " ".join(title).split(" of ", 1)
    if state is None and len(tail) == 2:
        for k in range(len(tail[1].split())):
            code = vocab.state_code(" ".join(tail[1].split()[k:]))
            if code is not None:
                state = code
                break
    return " ".join(title), start, state


def _add(found: dict[str, tuple[Person, Evidence]], person: Person, ev: Evidence) -> None:
    current = found.get(person.name)
    if current is None or (current[0].role is None and person.role is not None):
        found[person.name] = (person, current[1] if current else ev)


def _join_known(
    found: dict[str, tuple[Person, Evidence]], known: dict[str, PersonEntry], name: str
) -> str | None:
    """The full name already found or known for a name or its surname."""
    if name in found or name in known:
        return name
    for full in found:
        if full.endswith(" " + name):
            return full
    return None


def _role_before(
    vocab: Vocabulary, text: str, sentence: Sentence, start: int, roles: _TitleFinder
) -> str | None:
    """The title right before a known person's name, without the words of the name
    before it ("Jaishankar and Japanese Foreign Minister" → "Foreign Minister")."""
    offset = max(sentence.start, start - 60)
    window = text[offset:start]
    best = None
    for rm in roles.finditer(window):
        if rm.end() >= len(window.rstrip()) - 1:
            role = rm.group(0)
            # "Chancellor Friedrich Merz and Prime Minister": the title starts after
            # the name of the person before.
            for m in sentence.names:
                if m.kind == "person" and offset + rm.start() < m.end <= offset + rm.end():
                    role = text[m.end : offset + rm.end()].strip().removeprefix("and ")
            best = _trim_role(vocab, role, 0)[0]
    return best


def _resolve(vocab: Vocabulary, name: str) -> str | None:
    return vocab.state_code(name) or vocab.state_code(name.split()[0])


def _clean_name(raw: str, vocab: Vocabulary) -> str | None:
    tokens = raw.split()
    # A name stops before a word that is a state or a month ("... Modi's August"), or
    # before the letters after it ("Hamish Falconer MP").
    kept: list[str] = []
    for token in tokens:
        bare = token.rstrip("'’s").rstrip("'’")
        if kept and (
            _is_state_word(vocab, bare) or bare in _MONTHS or bare in vocab.cues.postnominals
        ):
            break
        kept.append(token)
        if token.endswith(("'s", "’s", "'", "’")):
            break
    if not kept:
        return None
    name = " ".join(kept)
    name = _POSSESSIVE_END.sub("", name)
    words = name.split()
    if len(words) < 2 or _is_state_word(vocab, words[0]):
        return None
    if all(w in vocab.cues.portfolio_words for w in words):
        return None  # "Middle East" after "Defence Senior Adviser": the title's tail

    return name


def _is_state_word(vocab: Vocabulary, word: str) -> bool:
    return vocab.state_code(word) is not None


_MONTHS = frozenset(
    (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
)
