"""A deterministic synthetic news corpus with known cooperation facts.

:func:`generate` writes ``n`` templated, news-like articles of about 600
words to a folder (1,000 files per sub-folder), drawing states (by name,
demonym or capital), cooperation domains (by their alternative labels) and
cue words from the packaged vocabulary. Each article wraps its body in the
page furniture the corpus cleaner must drop: a byline, share buttons, a
"related articles" list and reader comments, the last two naming states so
that a leaky cleaner shows up as false positives.

The articles go to ``<folder>/articles``; what each one is meant to say is
written to ``<folder>/truth.json``: ``{article id: [[state, state, domain], ...]}`` with the two
alpha-3 codes sorted. Negated and hostile sentences are in the text but not
in the truth, so :func:`score` gives a rough precision/recall as a sanity
check of the benchmark, not as a measure of extraction quality.

The same ``(n, seed)`` always gives byte-identical files.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from alliancegraph.vocabulary import Vocabulary

__all__ = ["SyntheticCorpus", "generate", "score"]

FILES_PER_FOLDER = 1000
TRUTH_FILE = "truth.json"
STAMP_FILE = "corpus.json"
GENERATOR_VERSION = 1

_COOPERATION = (
    "{a} and {b} agreed to deepen cooperation on {d}.",
    "{a} and {b} signed a memorandum of understanding on {d} this week.",
    "Officials from {a} and {b} said the two governments would expand joint work on {d}.",
    "{a} pledged to work with {b} on {d} over the next five years.",
    "In a joint statement, {a} and {b} committed to strengthen collaboration on {d}.",
    "{a} and {b} launched a new dialogue on {d}, their foreign ministries said.",
    "{ja} and {jb} negotiators agreed to expand cooperation on {d}.",
)
_NEGATED = (
    "{a} and {b} did not agree on {d}, and talks on the issue were suspended.",
    "A plan for {a} and {b} to cooperate on {d} collapsed last year.",
)
_HOSTILE = (
    "{a} accused {b} of coercion and warned of consequences.",
    "{a} condemned what it called provocations by {b}.",
)
_FILLER = (
    "Analysts said the announcement reflected a broader shift in regional priorities.",
    "The statement gave few details about funding or timelines.",
    "Officials declined to say when the first projects would begin.",
    "Markets reacted calmly, with bond yields little changed by the afternoon.",
    "Several lawmakers questioned whether the budget would be approved before the recess.",
    "The ministry published a summary of the meeting on its website later in the day.",
    "Observers noted that similar pledges in the past had been slow to produce results.",
    "A spokesperson said further announcements were expected before the end of the year.",
    "The talks took place behind closed doors and lasted most of the afternoon.",
    "Critics argued that the plan did little to address long-standing concerns.",
    "Business groups welcomed the move but asked for clearer rules on implementation.",
    "The agenda also covered staffing, procurement and reporting requirements.",
    "Weather delayed the arrival of some delegations by several hours.",
    "The minister told reporters that work would continue at the technical level.",
    "Academic experts cautioned that the effects would take years to measure.",
    "Officials stressed that the arrangement was not directed at any third party.",
)
_TITLES = (
    "{a} and {b} Move Closer on {D}",
    "What the New {A}-{B} Understanding Means",
    "{a}, {b} Unveil Plans as Talks Wrap Up",
    "Inside the Quiet Push Between {a} and {b}",
)
_RELATED_TITLES = (
    "{a} and {b} deepen ties on {d}",
    "Why {a} is courting {b}",
    "Five things to know about {a}'s new strategy",
)
_COMMENTS = (
    "{a} and {b} should cooperate on {d} instead of talking.",
    "Nothing will change until {a} stops lecturing {b}.",
    "Great reporting, thank you.",
    "Who pays for all of this in the end?",
)
_AUTHORS = ("Alex Morgan", "Sam Patel", "Jordan Lee", "Chris Novak", "Taylor Reyes", "Robin Okafor")


@dataclass(frozen=True)
class SyntheticCorpus:
    """A generated corpus: where it is, its articles, and what each one says."""

    folder: Path
    n: int
    seed: int
    files: tuple[Path, ...]

    @property
    def truth(self) -> Mapping[str, tuple[tuple[str, str, str], ...]]:
        """What each article says, read from ``truth.json`` when asked.

        Not held in memory: at 100,000 articles it would take hundreds of
        megabytes of the process whose peak memory the harness measures.
        """
        raw = json.loads((self.folder / TRUTH_FILE).read_text(encoding="utf-8"))
        return {k: tuple(tuple(t) for t in v) for k, v in raw.items()}

    @property
    def bytes(self) -> int:
        """Total size of the article files."""
        return sum(p.stat().st_size for p in self.files)


@dataclass(frozen=True)
class _Forms:
    """The names the generator may use for one state."""

    code: str
    name: str
    demonym: str | None
    capital: str | None


def _state_forms(vocab: Vocabulary) -> list[_Forms]:
    forms = []
    for entry in vocab.states.values():
        demonym = entry.demonyms[0] if entry.demonyms else None
        capital = entry.capitals[0] if entry.capitals else None
        forms.append(_Forms(entry.id, entry.name, demonym, capital))
    return forms


def _domain_labels(vocab: Vocabulary) -> list[tuple[str, str]]:
    """``(label, leaf domain id)`` for every alternative label that resolves back to its leaf."""
    out = []
    for domain in sorted(vocab.leaf_domains):
        concept = vocab.domains[domain]
        for label in concept.alt_labels:
            try:
                back = vocab.resolve_domain(label)
            except KeyError:
                continue
            if back == domain and len(label) > 3:
                out.append((label, domain))
    return out


class _Writer:
    def __init__(self, vocab: Vocabulary, seed: int) -> None:
        self.vocab = vocab
        self.rng = random.Random(seed)
        self.states = _state_forms(vocab)
        self.labels = _domain_labels(vocab)

    def _name(self, state: _Forms) -> str:
        # Mostly names, sometimes capitals (demonyms have their own templates).
        if self.rng.random() < 0.2 and state.capital:
            return state.capital
        return state.name

    def _pair(self) -> tuple[_Forms, _Forms]:
        a, b = self.rng.sample(self.states, 2)
        return a, b

    def article(self) -> tuple[str, list[tuple[str, str, str]]]:
        rng = self.rng
        truth: set[tuple[str, str, str]] = set()
        main_a, main_b = self._pair()
        label, domain = rng.choice(self.labels)
        template = rng.choice(_TITLES)
        if "{D}" in template:
            truth.add((*sorted((main_a.code, main_b.code)), domain))  # type: ignore[arg-type]
        title = template.format(
            a=main_a.name,
            b=main_b.name,
            A=main_a.name,
            B=main_b.name,
            D=label.title(),
        )
        city = main_a.capital or main_a.name
        lines = [
            title,
            "",
            f"By {rng.choice(_AUTHORS)}, {city} | World",
            "",
            "Share this article: [WhatsApp] [X] [LinkedIn]",
            "",
        ]
        words = 0
        paragraphs: list[str] = []
        while words < 560:
            sentences: list[str] = []
            for _ in range(rng.randint(3, 5)):
                roll = rng.random()
                if roll < 0.22:
                    a, b = (main_a, main_b) if rng.random() < 0.5 else self._pair()
                    label, domain = rng.choice(self.labels)
                    sentence = rng.choice(_COOPERATION).format(
                        a=self._name(a),
                        b=self._name(b),
                        ja=a.demonym or a.name,
                        jb=b.demonym or b.name,
                        d=label,
                    )
                    truth.add((*sorted((a.code, b.code)), domain))  # type: ignore[arg-type]
                elif roll < 0.27:
                    a, b = self._pair()
                    label, _ = rng.choice(self.labels)
                    sentence = rng.choice(_NEGATED).format(
                        a=self._name(a), b=self._name(b), d=label
                    )
                elif roll < 0.32:
                    a, b = self._pair()
                    sentence = rng.choice(_HOSTILE).format(a=a.name, b=b.name)
                else:
                    sentence = rng.choice(_FILLER)
                sentences.append(sentence)
                words += len(sentence.split())
            paragraphs.append(" ".join(sentences))
        for paragraph in paragraphs:
            lines.extend([paragraph, ""])
        lines.append("Related Articles")
        for template in rng.sample(_RELATED_TITLES, 2):
            a, b = self._pair()
            label, _ = rng.choice(self.labels)
            lines.append("- " + template.format(a=a.name, b=b.name, d=label))
        lines.extend(["", "Reader Comments", ""])
        for template in rng.sample(_COMMENTS, 2):
            a, b = self._pair()
            label, _ = rng.choice(self.labels)
            handle = f"reader{rng.randint(1, 999)}"
            lines.append(f"{handle}: " + template.format(a=a.name, b=b.name, d=label))
        return "\n".join(lines) + "\n", sorted(truth)


def _ids(n: int) -> list[str]:
    width = max(6, len(str(n - 1)))
    return [f"syn{i:0{width}d}" for i in range(n)]


def generate(folder: str | Path, n: int, *, seed: int = 0) -> SyntheticCorpus:
    """Write ``n`` articles to ``folder/articles`` and their truth beside it (reused if there).

    >>> import tempfile
    >>> corpus = generate(tempfile.mkdtemp(), 3)
    >>> [p.name for p in corpus.files]
    ['syn000000.txt', 'syn000001.txt', 'syn000002.txt']
    >>> all(corpus.truth.values())
    True
    """
    folder = Path(folder)
    stamp = {"generator": GENERATOR_VERSION, "n": n, "seed": seed}
    ids = _ids(n)
    articles = folder / "articles"
    paths = [articles / f"{i // FILES_PER_FOLDER:04d}" / f"{id_}.txt" for i, id_ in enumerate(ids)]
    stamp_path = folder / STAMP_FILE
    truth_path = folder / TRUTH_FILE
    if stamp_path.is_file() and truth_path.is_file():
        try:
            same = json.loads(stamp_path.read_text(encoding="utf-8")) == stamp
        except ValueError:
            same = False
        if same:
            return SyntheticCorpus(folder, n, seed, tuple(paths))
    writer = _Writer(Vocabulary.default(), seed)
    # The truth is written article by article, one JSON object in all.
    folder.mkdir(parents=True, exist_ok=True)
    with truth_path.open("w", encoding="utf-8") as out:
        out.write("{")
        for i, (id_, path) in enumerate(zip(ids, paths, strict=True)):
            text, facts = writer.article()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            out.write(f"{',' if i else ''}\n{json.dumps(id_)}: {json.dumps(facts)}")
        out.write("\n}\n")
    stamp_path.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    return SyntheticCorpus(folder, n, seed, tuple(paths))


def score(
    truth: Mapping[str, Sequence[Sequence[str]]],
    found: Iterable[tuple[str, str, str, str]],
) -> dict[str, float | int]:
    """Precision and recall of ``(article, state, state, domain)`` facts against the truth."""
    gold = {(article, *fact) for article, facts in truth.items() for fact in facts}
    got = {f for f in found if f[0] in truth}
    hits = len(gold & got)
    return {
        "true": len(gold),
        "found": len(got),
        "correct": hits,
        "precision": round(hits / len(got), 4) if got else 0.0,
        "recall": round(hits / len(gold), 4) if gold else 0.0,
    }
