"""Reading articles from disk and separating the article from the page around it.

:func:`load_corpus` takes files and folders of ``.txt``, ``.md`` and ``.html``
articles and yields :class:`Document` objects lazily, one file at a time, so a
corpus of any size streams. Each document keeps the text exactly as decoded
from disk; cleaning does not rewrite it but marks which line spans are the
article body (``Document.body``), so every offset the extractor reports points
into the original text.

What cleaning drops: share buttons, related-article and next/previous links
(and the link titles after them), "No time to read?" teasers, image captions,
datelines, bylines, agency tags and everything from a reader-comments header
on. The cue lists live in ``data/cues.json``.

Bad files do not stop a corpus: each one becomes a
:class:`~alliancegraph.exceptions.CorpusError` in :attr:`Corpus.problems`
(and a log warning), unless ``strict=True``.

Examples
--------
>>> corpus = load_corpus(SEED_DIR)
>>> [doc.article.id for doc in corpus][:2]
['000_9468f97f7389ab17', '001_f1c8b973f13670ff']
>>> doc = next(iter(load_corpus(SEED_DIR / "004_f865b4992f864025.txt")))
>>> "Priya S" in doc.body_text()
False
"""

from __future__ import annotations

import hashlib
import html
import html.parser
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .exceptions import CorpusError
from .models import Article
from .segmentation import split_sentences
from .vocabulary import Cues, Vocabulary

__all__ = ["Corpus", "Document", "load_corpus"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MANIFEST_NAMES = ("manifest.json",)
DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Document:
    """One article: its metadata, its full text, and the spans that are the article."""

    article: Article
    text: str
    body: tuple[tuple[int, int], ...]
    abbreviations: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def body_text(self) -> str:
        """The article body alone, one kept line per line (for reading, not offsets)."""
        return "\n".join(self.text[s:e] for s, e in self.body)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Sentence spans inside the body, as offsets into :attr:`text`."""
        out: list[tuple[int, int]] = []
        for start, end in self.body:
            if self.abbreviations:
                out.extend(split_sentences(self.text, start, end, self.abbreviations))
            else:
                out.extend(split_sentences(self.text, start, end))
        return tuple(out)


class _ManifestEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    note: str | None = None


class _Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str | None = None
    articles: list[_ManifestEntry]


def _read_manifest(path: Path) -> dict[str, _ManifestEntry]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        manifest = _Manifest.model_validate(raw)
    except (OSError, UnicodeDecodeError) as err:
        raise CorpusError(str(path), f"cannot read manifest ({err})") from err
    except json.JSONDecodeError as err:
        raise CorpusError(str(path), f"line {err.lineno}: invalid JSON ({err.msg})") from err
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CorpusError(str(path), f"invalid manifest at {where}: {first['msg']}") from err
    return {entry.file: entry for entry in manifest.articles}


class Corpus:
    """A lazily read collection of articles.

    Iterating reads one file at a time. Problems with individual files are
    collected in :attr:`problems` and logged; with ``strict=True`` the first
    one is raised instead.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        vocabulary: Vocabulary | None = None,
        strict: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.roots = tuple(paths)
        self.vocabulary = vocabulary or Vocabulary.default()
        self.strict = strict
        self.max_bytes = max_bytes
        self.problems: list[CorpusError] = []
        self._manifests: dict[Path, dict[str, _ManifestEntry]] = {}

    @cached_property
    def files(self) -> tuple[Path, ...]:
        """Every article file, in a stable order (folders walked in sorted order)."""
        found: list[Path] = []
        for root in self.roots:
            if root.is_dir():
                found.extend(self._walk(root))
            elif root.exists() or root.is_symlink():
                found.append(root)
            else:
                self._problem(CorpusError(str(root), "no such file or folder"))
        return tuple(dict.fromkeys(found))

    def _walk(self, root: Path) -> Iterator[Path]:
        for dirpath, dirnames, filenames in os.walk(
            root, followlinks=False, onerror=self._walk_error
        ):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or name in MANIFEST_NAMES:
                    continue
                path = Path(dirpath) / name
                suffix = path.suffix.lower()
                if suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES:
                    yield path
                else:
                    self._problem(
                        CorpusError(
                            str(path),
                            f"skipped: unknown extension {suffix or '(none)'!r}; "
                            "articles are .txt, .md or .html",
                        )
                    )

    def _walk_error(self, err: OSError) -> None:
        self._problem(CorpusError(str(err.filename), f"cannot list folder ({err.strerror})"))

    def _problem(self, problem: CorpusError) -> None:
        if self.strict:
            raise problem
        log.warning("%s", problem)
        self.problems.append(problem)

    def __iter__(self) -> Iterator[Document]:
        for path in self.files:
            try:
                yield self.read(path)
            except CorpusError as problem:
                self._problem(problem)

    def __len__(self) -> int:
        return len(self.files)

    def read(self, path: Path) -> Document:
        """Read, decode and clean one file (raises :class:`CorpusError`)."""
        name = str(path)
        try:
            if path.is_symlink() and not path.exists():
                raise CorpusError(name, "broken or looping symbolic link")
            size = path.stat().st_size
            if size > self.max_bytes:
                raise CorpusError(
                    name,
                    f"file is {size / 1e6:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB "
                    "limit for one article (raise max_bytes to read it)",
                )
            data = path.read_bytes()
        except CorpusError:
            raise
        except OSError as err:
            raise CorpusError(name, f"cannot read file ({err.strerror or err})") from err
        text = decode_bytes(data, name)
        if path.suffix.lower() in HTML_SUFFIXES:
            text = html_to_text(text)
        if not text.strip():
            raise CorpusError(name, "empty file: no text to read")
        meta = self._manifest_entry(path)
        cues = self.vocabulary.cues
        front, body = clean(text, cues)
        title = (meta.title if meta else None) or front.get("title") or _guess_title(text, body)
        try:
            article = Article(
                id=path.stem,
                title=title,
                publisher=(meta.publisher if meta else None) or front.get("publisher"),
                date=(meta.date if meta else None) or front.get("date"),
                source=name,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        except ValidationError as err:
            raise CorpusError(name, f"bad metadata: {err.errors()[0]['msg']}") from err
        return Document(article, text, body, cues.sentence_abbreviations)

    def _manifest_entry(self, path: Path) -> _ManifestEntry | None:
        folder = path.parent
        if folder not in self._manifests:
            manifest = folder / "manifest.json"
            entries: dict[str, _ManifestEntry] = {}
            if manifest.is_file():
                try:
                    entries = _read_manifest(manifest)
                except CorpusError as problem:
                    self._problem(problem)
            self._manifests[folder] = entries
        return self._manifests[folder].get(path.name)


def load_corpus(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Corpus:
    """A :class:`Corpus` over files and folders (read lazily when iterated)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return Corpus(
        [Path(p) for p in paths], vocabulary=vocabulary, strict=strict, max_bytes=max_bytes
    )


# ------------------------------------------------------------------ decoding
def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode an article's bytes: UTF-8 first, then a detected encoding.

    Raises :class:`CorpusError` for binary data or text in no encoding that
    can be told with confidence.
    """
    if data.startswith(b"%PDF"):
        raise CorpusError(name, "a PDF file, not text; convert it to text first")
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise CorpusError(name, "binary data (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise CorpusError(name, "starts with a UTF-16 mark but is not UTF-16") from err
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CorpusError(name, "not text in any encoding that can be detected (binary file?)")
    text = str(best)
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(5, len(text[:10000]) // 100):
        raise CorpusError(name, "binary data (too many control characters), not an article")
    log.info("%s: decoded as %s", name, best.encoding)
    return text


class _TextExtractor(html.parser.HTMLParser):
    _SKIP = frozenset(
        {
            "script",
            "style",
            "nav",
            "footer",
            "aside",
            "header",
            "form",
            "noscript",
            "figure",
            "figcaption",
            "button",
            "svg",
            "iframe",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "tr",
            "section",
            "article",
            "blockquote",
            "title",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The main text of an HTML page (trafilatura when installed, else a tag stripper)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - depends on the optional extra
        log.debug("trafilatura is not installed; using the tag stripper")
    else:
        try:
            extracted = trafilatura.extract(markup, include_comments=False, include_tables=False)
        except Exception as err:  # trafilatura raises assorted errors on broken markup
            log.debug("trafilatura failed (%s); using the tag stripper", err)
            extracted = None
        if extracted:
            return str(extracted)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# ------------------------------------------------------------------ cleaning
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class _Patterns:
    lines: frozenset[str]
    navigation: frozenset[str]
    navigation_prefixes: tuple[str, ...]
    comments: frozenset[str]
    regexes: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    captions: tuple[str, ...]


_PATTERN_CACHE: dict[int, _Patterns] = {}


def _patterns(cues: Cues) -> _Patterns:
    key = id(cues)
    found = _PATTERN_CACHE.get(key)
    if found is None:
        found = _Patterns(
            lines=frozenset(s.lower() for s in cues.boilerplate_lines),
            navigation=frozenset(s.lower() for s in cues.navigation_headers),
            navigation_prefixes=tuple(s.lower() for s in cues.navigation_prefixes),
            comments=frozenset(s.lower() for s in cues.comment_headers),
            regexes=tuple(re.compile(p, re.I) for p in cues.boilerplate_patterns),
            dateline=re.compile(cues.dateline_pattern),
            captions=tuple(c.lower() for c in cues.caption_cues),
        )
        _PATTERN_CACHE[key] = found
    return found


def _lines(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    pos = start
    for line in text[start:].splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        yield pos, end
        pos += len(line)


def _is_prose(line: str) -> bool:
    return len(line) > 120 and line.rstrip().endswith((".", "”", '"', "’", "]"))


def clean(text: str, cues: Cues) -> tuple[dict[str, str], tuple[tuple[int, int], ...]]:
    """Front-matter fields and the body line spans of an article text.

    >>> from alliancegraph.vocabulary import Vocabulary
    >>> cues = Vocabulary.default().cues
    >>> text = "Japan and India agree.\\nShare this article:\\nReader Comments\\nGreat read!"
    >>> [text[s:e] for s, e in clean(text, cues)[1]]
    ['Japan and India agree.']
    """
    pats = _patterns(cues)
    front: dict[str, str] = {}
    start = 0
    fm = _FRONT_MATTER.match(text)
    if fm:
        for line in fm.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in {"title", "publisher", "date"}:
                front[key.strip().lower()] = value.strip().strip("\"'")
        start = fm.end()
    body: list[tuple[int, int]] = []
    in_navigation = False
    for s, e in _lines(text, start):
        raw = text[s:e]
        stripped = raw.strip()
        if not stripped:
            continue
        # "Reader Comments (214)" is the same header as "Reader Comments".
        lower = re.sub(r"\s*\(\d+\)$", "", stripped.lower().rstrip(":"))
        if lower in pats.comments:
            break  # reader comments run to the end of the page
        if lower in pats.navigation or (
            len(lower) < 60 and lower.startswith(pats.navigation_prefixes)
        ):
            in_navigation = True
            continue
        if in_navigation:
            if _is_prose(stripped):
                in_navigation = False
            else:
                continue  # a link title under a navigation header
        if lower in pats.lines or stripped.lower() in pats.lines:
            continue
        if any(rx.search(stripped) for rx in pats.regexes):
            continue
        if pats.dateline.match(stripped):
            continue
        if _is_caption(stripped, pats):
            continue
        # Trim the line's own leading and trailing white space from the span.
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        body.append((s + lead, e - trail))
    return front, tuple(body)


def _is_caption(line: str, pats: _Patterns) -> bool:
    lower = line.lower()
    return len(line) < 300 and any(cue in lower for cue in pats.captions)


def _guess_title(text: str, body: tuple[tuple[int, int], ...]) -> str | None:
    if not body:
        return None
    s, e = body[0]
    first = text[s:e].strip()
    if len(first) < 200 and not first.endswith((".", "?", "!")):
        return first
    return None
