"""Scoring extraction against gold annotations.

Gold files follow the project's gold format (one JSON file per article with
``states``, ``not_states``, ``cooperation``, ``optional_cooperation``,
``agreements``, ``optional_agreements``, ``targets`` and ``persons``).
Scores are micro-averaged over articles, per section:

* states, targets: sets of codes and ordered pairs;
* cooperation: unordered pairs with a domain; optional pairs are neither
  rewarded nor penalised;
* agreements: one-to-one matching; names match ignoring case, punctuation,
  hyphens and a leading "the" (any alias counts), or, failing that, when kind
  and parties match and the names share a content word. An extracted
  agreement that matches an optional one is ignored;
* persons: name and state (a surname alone matches the full name; diacritics and
  a surname's particle are ignored: "Phạm Minh Chính" is "Pham Minh Chinh",
  "el-Sisi" is "al-Sisi").

``traps`` counts ``not_states`` that extraction found.

>>> from alliancegraph.extraction import Extractor
>>> from alliancegraph.corpus import load_corpus
>>> ex = Extractor()
>>> reports = [ex.extract(d).report() for d in load_corpus(SEED_DIR)]
>>> scores = evaluate_reports(reports, load_gold(SEED_GOLD_DIR))
>>> scores.sections["states"].f1 >= 0.95
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .exceptions import GoldFormatError

__all__ = ["Evaluation", "GoldArticle", "SectionScore", "evaluate_reports", "load_gold"]

SECTIONS = ("states", "cooperation", "agreements", "targets", "persons")


class _GoldModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldAgreement(_GoldModel):
    name: str
    aliases: tuple[str, ...] = ()
    kind: str
    parties: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    date: str | None = None
    status: str | None = None


class GoldPerson(_GoldModel):
    name: str
    state: str | None = None
    role: str | None = None


class GoldArticle(_GoldModel):
    """One gold annotation file."""

    article: str
    states: tuple[str, ...] = ()
    not_states: tuple[str, ...] = ()
    cooperation: tuple[tuple[str, str, str], ...] = ()
    optional_cooperation: tuple[tuple[str, str, str], ...] = ()
    agreements: tuple[GoldAgreement, ...] = ()
    optional_agreements: tuple[GoldAgreement, ...] = ()
    targets: tuple[tuple[str, str], ...] = ()
    persons: tuple[GoldPerson, ...] = Field(default=())


def load_gold(path: str | Path) -> dict[str, GoldArticle]:
    """Gold annotations from a folder of JSON files (or one file), by article stem."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise GoldFormatError(f"{path}: no gold files (*.json) found")
    gold: dict[str, GoldArticle] = {}
    for file in files:
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except OSError as err:
            raise GoldFormatError(f"{file}: cannot read ({err.strerror})") from err
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise GoldFormatError(f"{file}: not valid JSON ({err})") from err
        try:
            item = GoldArticle.model_validate(raw)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise GoldFormatError(f"{file}: field {where}: {first['msg']}") from err
        gold[_stem(item.article)] = item
    return gold


@dataclass
class SectionScore:
    """Counts and scores for one section."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Evaluation:
    """Scores per section, trap states found, and per-article errors."""

    sections: dict[str, SectionScore] = field(
        default_factory=lambda: {s: SectionScore() for s in SECTIONS}
    )
    traps: int = 0
    articles: list[dict[str, Any]] = field(default_factory=list)
    missing_gold: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sections": {name: s.as_dict() for name, s in self.sections.items()},
            "traps_found": self.traps,
            "articles": self.articles,
            "missing_gold": self.missing_gold,
        }

    def table(self) -> str:
        """A plain-text table of the scores."""
        lines = [f"{'section':<12} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
        for name, s in self.sections.items():
            scores = f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            lines.append(f"{name:<12} {scores} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
        lines.append(f"trap states found: {self.traps}   articles scored: {len(self.articles)}")
        if self.missing_gold:
            lines.append(f"articles without gold (not scored): {len(self.missing_gold)}")
        return "\n".join(lines)


def evaluate_reports(
    reports: Iterable[Mapping[str, Any]], gold: Mapping[str, GoldArticle]
) -> Evaluation:
    """Score extraction reports (``ArticleExtraction.report()``) against gold."""
    result = Evaluation()
    for report in reports:
        key = _stem(str(report["article"]))
        g = gold.get(key)
        if g is None:
            result.missing_gold.append(key)
            continue
        detail: dict[str, Any] = {"article": g.article}
        # states
        pred_states = set(report["states"])
        _count(result.sections["states"], pred_states, set(g.states), set(), detail, "states")
        traps = sorted(pred_states & set(g.not_states))
        result.traps += len(traps)
        detail["traps"] = traps
        # cooperation
        pred_coop = {_pair(c) for c in report["cooperation"]}
        gold_coop = {_pair(c) for c in g.cooperation}
        optional = {_pair(c) for c in g.optional_cooperation}
        _count(
            result.sections["cooperation"], pred_coop, gold_coop, optional, detail, "cooperation"
        )
        # targets
        pred_t = {tuple(t) for t in report["targets"]}
        _count(
            result.sections["targets"],
            pred_t,
            {tuple(t) for t in g.targets},
            set(),
            detail,
            "targets",
        )
        # persons
        _score_persons(result.sections["persons"], report["persons"], g.persons, detail)
        # agreements
        _score_agreements(result.sections["agreements"], report["agreements"], g, detail)
        result.articles.append(detail)
    return result


def _stem(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _pair(c: Sequence[str]) -> tuple[str, str, str]:
    a, b, d = c
    return (min(a, b), max(a, b), d)


def _count(
    score: SectionScore,
    pred: set[Any],
    gold: set[Any],
    optional: set[Any],
    detail: dict[str, Any],
    name: str,
) -> None:
    tp = pred & gold
    fp = pred - gold - optional
    fn = gold - pred
    score.tp += len(tp)
    score.fp += len(fp)
    score.fn += len(fn)
    detail[f"{name}_fp"] = (
        sorted(map(list, fp)) if fp and isinstance(next(iter(fp)), tuple) else sorted(fp)
    )
    detail[f"{name}_fn"] = (
        sorted(map(list, fn)) if fn and isinstance(next(iter(fn)), tuple) else sorted(fn)
    )


def _norm_name(name: str) -> str:
    # "Phạm Minh Chính" and "Pham Minh Chinh" are one name, spelled with and
    # without its diacritics.
    name = _without_marks(name).casefold().replace("’", "'")
    name = re.sub(r"^the\s+", "", name.strip())
    return re.sub(r"[\W_]+", "", name)


def _names(item: Mapping[str, Any] | GoldAgreement) -> set[str]:
    if isinstance(item, GoldAgreement):
        return {_norm_name(item.name), *(_norm_name(a) for a in item.aliases)}
    return {_norm_name(str(item["name"])), *(_norm_name(str(a)) for a in item.get("aliases", []))}


_STOP = frozenset(["the", "and", "of", "for", "on", "in", "a", "an", "to", "with"])


def _content(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.casefold()) if w not in _STOP}


def _agreement_match(pred: Mapping[str, Any], gold: GoldAgreement, by_name: bool) -> bool:
    if by_name:
        return bool(_names(pred) & _names(gold))
    return (
        pred.get("kind") == gold.kind
        and set(pred.get("parties", [])) == set(gold.parties)
        and bool(_content(str(pred["name"])) & _content(gold.name))
    )


def _score_agreements(
    score: SectionScore,
    predicted: Sequence[Mapping[str, Any]],
    g: GoldArticle,
    detail: dict[str, Any],
) -> None:
    unmatched = list(range(len(predicted)))
    missing = list(g.agreements)
    optional = list(g.optional_agreements)
    # Names first, so a loose match cannot take the agreement another one names exactly.
    for by_name in (True, False):
        for gold in list(missing):
            hit = next(
                (i for i in unmatched if _agreement_match(predicted[i], gold, by_name)), None
            )
            if hit is not None:
                unmatched.remove(hit)
                missing.remove(gold)
                score.tp += 1
        for gold in list(optional):
            hit = next(
                (i for i in unmatched if _agreement_match(predicted[i], gold, by_name)), None
            )
            if hit is not None:
                unmatched.remove(hit)
                optional.remove(gold)
    fn = [gold.name for gold in missing]
    score.fn += len(fn)
    score.fp += len(unmatched)
    detail["agreements_fn"] = fn
    detail["agreements_fp"] = [predicted[i]["name"] for i in unmatched]


def _without_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _surname(name: str) -> str:
    """The last word of a name without its particle: "el-Sisi" and "al-Sisi" are "sisi"."""
    return _norm_name(re.split(r"[\s\-‐–]+", name.strip())[-1])


def _person_match(pred: Mapping[str, Any], gold: GoldPerson) -> bool:
    if pred.get("state") != gold.state:
        return False
    a, b = _norm_name(str(pred["name"])), _norm_name(gold.name)
    if a == b:
        return True
    return _surname(str(pred["name"])) == _surname(gold.name)


def _score_persons(
    score: SectionScore,
    predicted: Sequence[Mapping[str, Any]],
    gold: Sequence[GoldPerson],
    detail: dict[str, Any],
) -> None:
    unmatched = list(range(len(predicted)))
    fn = []
    for g in gold:
        hit = next((i for i in unmatched if _person_match(predicted[i], g)), None)
        if hit is None:
            fn.append(g.name)
        else:
            unmatched.remove(hit)
            score.tp += 1
    score.fn += len(fn)
    score.fp += len(unmatched)
    detail["persons_fn"] = fn
    detail["persons_fp"] = [predicted[i]["name"] for i in unmatched]
