"""Reading articles from disk and separating the article from the page around it.

:func:`load_corpus` takes files and folders of ``.txt``, ``.md`` and ``.html``
articles and yields :class:`Document` objects lazily, one file at a time, so a
corpus of any size streams. Each document keeps the text exactly as decoded
from disk; cleaning does not rewrite it but marks which line spans are the
article body (``Document.body``), so every offset the extractor reports points
into the original text.

What cleaning drops: share buttons, related-article and next/previous links
(and the link titles after them, in English or in the outlet's language: "Baca
juga", "Leia também"), menus, "No time to read?" teasers, image captions,
datelines, bylines, agency tags, correction notes, wiki hatnotes and reference
lines, authors' and speakers' biographies, and everything from a
reader-comments header on. The cue lists live in ``data/cues.json``.

Bad files do not stop a corpus: each one becomes a
:class:`~alliancegraph.exceptions.CorpusError` in :attr:`Corpus.problems`
(and a log warning), unless ``strict=True``. Its message names the file and
says why: empty, binary (PDF, Office, image, NUL or control bytes), in no
encoding that can be told, over ``max_bytes`` (20 MB), not a regular file (a
named pipe, a folder), a broken or looping symbolic link, unreadable, or of an
unknown extension. Text that is not UTF-8 is decoded if its encoding can be
told (:func:`decode_bytes`). A 10 MB line costs time in proportion to its
length: no sentence the extractor sees is longer than :data:`MAX_SENTENCE_CHARS`.

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

import errno
import hashlib
import html
import html.parser
import json
import logging
import os
import re
import stat
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
#: The longest span the extractor sees as one sentence. News sentences stay
#: well under 500 characters; longer "sentences" (a table flattened into one
#: line, a scraped data dump) are cut at white space into pieces this long, so
#: the extractor's work per sentence, and so per character, stays bounded.
MAX_SENTENCE_CHARS = 2_000


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
        """Sentence spans inside the body, as offsets into :attr:`text`.

        No span is longer than :data:`MAX_SENTENCE_CHARS`.
        """
        out: list[tuple[int, int]] = []
        for start, end in self.body:
            if self.abbreviations:
                spans = split_sentences(self.text, start, end, self.abbreviations)
            else:
                spans = split_sentences(self.text, start, end)
            for s, e in spans:
                if e - s > MAX_SENTENCE_CHARS:
                    out.extend(_pieces(self.text, s, e, MAX_SENTENCE_CHARS))
                else:
                    out.append((s, e))
        return tuple(out)


_SPACE = re.compile(r"\s+")


def _pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` at white space into spans of at most ``limit`` characters.

    >>> text = "aaa bbb ccc ddd"
    >>> [text[s:e] for s, e in _pieces(text, 0, len(text), 8)]
    ['aaa bbb', 'ccc ddd']
    >>> word = "x" * 10
    >>> [word[s:e] for s, e in _pieces(word, 0, len(word), 4)]
    ['xxxx', 'xxxx', 'xx']
    """
    while end - start > limit:
        cut = start + limit  # no white space in the second half: cut inside a word
        for gap in _SPACE.finditer(text, start + limit // 2, start + limit + 1):
            cut = gap.start()
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


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
        """Every article file, in a stable order (folders walked in sorted order).

        Links to folders are followed, but no folder is read twice: a link back
        to a folder already read (a loop, or a second way to the same folder)
        is reported and skipped.
        """
        found: list[Path] = []
        seen: set[tuple[int, int]] = set()
        for root in self.roots:
            if root.is_dir():
                found.extend(self._walk(root, seen))
            elif root.exists() or root.is_symlink():
                found.append(root)  # whatever it is, read() says what is wrong with it
            else:
                self._problem(CorpusError(str(root), "no such file or folder"))
        return tuple(dict.fromkeys(found))

    def _walk(self, root: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
        # Depth first with a stack of its own, files of a folder before its
        # subfolders, so no folder depth can exhaust the recursion limit.
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                info = folder.stat()
            except OSError as err:
                self._problem(CorpusError(str(folder), _open_failure(folder, err)))
                continue
            if (info.st_dev, info.st_ino) in seen:
                if folder != root:
                    self._problem(
                        CorpusError(
                            str(folder),
                            f"skipped: the same folder as {os.path.realpath(folder)}, "
                            "which is already read (a symbolic link loop or a second link)",
                        )
                    )
                continue
            seen.add((info.st_dev, info.st_ino))
            try:
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as err:
                self._problem(
                    CorpusError(str(folder), f"cannot list folder ({err.strerror or err})")
                )
                continue
            subfolders: list[Path] = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                if _is_folder(entry):
                    subfolders.append(path)
                elif entry.name in MANIFEST_NAMES:
                    continue
                elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
                    yield path
                else:
                    suffix = path.suffix.lower() or "(none)"
                    self._problem(
                        CorpusError(
                            str(path),
                            f"skipped: unknown extension {suffix!r}; "
                            "articles are .txt, .md or .html",
                        )
                    )
            stack.extend(reversed(subfolders))

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
        """Read, decode and clean one file.

        Raises :class:`CorpusError` saying why a file is not an article: it
        cannot be opened, is no regular file, is over :attr:`max_bytes`, is
        binary, is in no encoding that can be told, or holds no text.
        """
        name = str(path)
        data = self._read_bytes(path)
        text = decode_bytes(data, name)
        if path.suffix.lower() in HTML_SUFFIXES and text.strip():
            text = html_to_text(text)
            if not text.strip():
                raise CorpusError(name, "no article text in this HTML page")
        if not text.strip():
            what = "an empty file" if not data else "only white space"
            raise CorpusError(name, f"{what}, no text to read")
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

    def _read_bytes(self, path: Path) -> bytes:
        name = str(path)
        try:
            # Non-blocking, so that a named pipe (FIFO) with no writer cannot
            # hang the build; it is refused below once fstat says what it is.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as err:
            raise CorpusError(name, _open_failure(path, err)) from err
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise CorpusError(name, "a folder, not an article file")
            if not stat.S_ISREG(info.st_mode):
                raise CorpusError(
                    name, f"not a regular file but {_file_kind(info.st_mode)}; cannot read it"
                )
            if info.st_size > self.max_bytes:
                raise CorpusError(name, self._too_large(info.st_size))
        except BaseException:
            os.close(fd)
            raise
        with os.fdopen(fd, "rb") as handle:
            try:
                # One byte more than allowed, to notice a file that grew since fstat.
                data = handle.read(self.max_bytes + 1)
            except OSError as err:
                raise CorpusError(name, f"cannot read file ({err.strerror or err})") from err
        if len(data) > self.max_bytes:
            raise CorpusError(name, self._too_large(len(data)))
        return data

    def _too_large(self, size: int) -> str:
        return (
            f"file is {size / 1e6:.3g} MB, over the {self.max_bytes / 1e6:.3g} MB limit "
            "for one article (to read it, raise max_bytes, or --max-mb on the command line)"
        )

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


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows links to folders
    except OSError:
        return False


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((what for test, what in kinds if test(mode)), "a special file")


def _open_failure(path: Path, err: OSError) -> str:
    """Why ``path`` cannot be opened, in words."""
    if os.path.isdir(path):
        return "a folder, not an article file"
    if err.errno == errno.ELOOP:
        return "symbolic link loop: the link leads back to itself"
    if err.errno == errno.ENOENT and os.path.islink(path):
        return f"broken symbolic link: {os.readlink(path)} does not exist"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "cannot read file: permission denied"
    if err.errno == errno.ENOENT:
        return "no such file (removed while the corpus was read?)"
    return f"cannot read file ({err.strerror or err})"


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
#: File signatures of formats that scrapers save under a text extension.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, OpenDocument or e-book file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program (ELF executable)"),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32 little-endian mark starts like UTF-16's.
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HIGH_BYTES = bytes(range(128, 256))
_CONTROLS = frozenset(chr(c) for c in (*range(32), 127)) - frozenset("\t\n\r\f\v")
_CONTROL_CHARS = re.compile("[" + "".join(sorted(map(re.escape, _CONTROLS))) + "]")


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode an article's bytes into text, or say why they are not text.

    Tried in order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; the
    charset an HTML page declares in ``<meta>``; Windows-1252 for text that
    reads like a Western European language (files saved by Windows tools,
    which detectors often take for a Central European code page); otherwise
    the encoding charset-normalizer detects (Cyrillic, Greek, CJK and other
    code pages). A known limit: Polish or Czech text in Windows-1250 is read
    as Windows-1252. PDF, Office, image and other binary files, and decoded
    text full of control characters, raise :class:`CorpusError`.

    >>> decode_bytes("Caf\u00e9 \u201ctalks\u201d \u2013 Japan".encode("cp1252"))
    'Café “talks” – Japan'
    >>> decode_bytes(b"%PDF-1.7 ...", "report.txt")
    Traceback (most recent call last):
    ...
    alliancegraph.exceptions.CorpusError: report.txt: a PDF file, not text; convert it to text first
    """
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise CorpusError(name, f"{what}, not text; convert it to text first")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _text_only(data.decode(codec), name)
            except UnicodeDecodeError as err:
                raise CorpusError(
                    name,
                    f"starts with a {label} byte-order mark but is not {label} "
                    f"(invalid at byte {err.start})",
                ) from err
    head = data[:8192]
    if b"\x00" in head:
        raise CorpusError(name, "binary data (contains NUL bytes), not an article")
    try:
        return _text_only(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(head)
    if declared:
        codec = declared.group(1).decode("ascii")
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            log.info("%s: declares charset %s but does not decode with it", name, codec)
        else:
            return _text_only(text, name)
    western = _as_windows_1252(data)
    if western is not None:
        log.info("%s: not UTF-8; decoded as Windows-1252", name)
        return _text_only(western, name)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CorpusError(
            name,
            "not text: neither UTF-8 nor Windows-1252, and no other encoding "
            "decodes it cleanly (a binary file?)",
        )
    log.info("%s: not UTF-8; decoded as %s (detected)", name, best.encoding)
    return _text_only(str(best), name)


_LONG_WORD = re.compile(r"[^\W\d_]{3,}")


def _as_windows_1252(data: bytes) -> str | None:
    """``data`` as Windows-1252 if it reads like a Western European language, else None.

    Detectors, charset-normalizer included, often take short French or German
    text for a Central or Baltic European code page. In Western text the
    non-ASCII letters sit inside words of ASCII letters ("était", "Größe");
    Cyrillic, Greek or East Asian text read as Windows-1252 gives many bytes
    over 127 and whole words of them, and goes to the detector instead.
    """
    if len(data.translate(None, _HIGH_BYTES)) < 0.7 * len(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # one of the five bytes Windows-1252 leaves undefined
    accented = [w for w in _LONG_WORD.findall(text) if not w.isascii()]
    foreign = sum(1 for word in accented if not any(ch.isascii() for ch in word))
    return text if foreign <= 0.2 * len(accented) else None


def _text_only(text: str, name: str) -> str:
    sample = text[:10_000]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > max(5, len(sample) // 100):
        raise CorpusError(
            name,
            f"binary data ({controls} control characters in the first "
            f"{len(sample):,} characters), not an article",
        )
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
    #: Biographies and other asides: the short lines under one carry no facts.
    asides: frozenset[str]
    aside_prefixes: tuple[str, ...]
    #: Patterns anchored at the line start, joined: tried once, at one position.
    line_starts: re.Pattern[str] | None
    #: The other patterns, searched through the line one by one.
    regexes: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    captions: tuple[str, ...]


#: Compiled patterns by id of their cues, with the cues themselves: holding them
#: keeps the id from passing to another object. A few vocabularies at most.
_PATTERN_CACHE: dict[int, tuple[Cues, _Patterns]] = {}
_PATTERN_CACHE_SIZE = 8


def _patterns(cues: Cues) -> _Patterns:
    key = id(cues)
    cached = _PATTERN_CACHE.get(key)
    if cached is not None and cached[0] is cues:
        return cached[1]
    line_starts, others = _split_boilerplate(cues.boilerplate_patterns)
    found = _Patterns(
        lines=frozenset(s.lower() for s in cues.boilerplate_lines),
        navigation=frozenset(s.lower() for s in cues.navigation_headers),
        navigation_prefixes=tuple(s.lower() for s in cues.navigation_prefixes),
        comments=frozenset(s.lower() for s in cues.comment_headers),
        asides=frozenset(s.lower() for s in (*cues.bio_headers, *cues.aside_headers)),
        aside_prefixes=tuple(s.lower() for s in cues.aside_prefixes),
        line_starts=line_starts,
        regexes=others,
        dateline=re.compile(cues.dateline_pattern),
        captions=tuple(c.lower() for c in cues.caption_cues),
    )
    if len(_PATTERN_CACHE) >= _PATTERN_CACHE_SIZE:
        del _PATTERN_CACHE[next(iter(_PATTERN_CACHE))]
    _PATTERN_CACHE[key] = (cues, found)
    return found


# A paragraph longer than this is the article again, not a biography.
_LONGEST_BIO = 400
_COUNT_SUFFIX = re.compile(r"\s*\(\d+\)$")
# A bullet opens a list item, which is no header even when it reads like one.
_BULLETS = frozenset("-•*–—·▪‣◦>→›")
_LEADING_SYMBOLS = re.compile(r"^[^\w\[(\"“'‘]+(?=\w)")
_SORT_TAIL = re.compile(r"\s+sort by\b.*$")
# "23 Comments", "💬 23 Comments": a count before a comments header.
_COUNT_PREFIX = re.compile(r"^\W*\d[\d,.]*k?\s+")
# "Trending now", "Most read this week": a navigation header with a time word after it.
_TIME_TAIL = re.compile(r"\s+(?:now|today|this week|this month|right now)$")
# Markers of a paid slot: the short line after one is the advertisement itself.
_AD_MARKERS = frozenset(
    {"advertisement", "advertisements", "sponsored", "sponsored content", "promoted", "ad"}
)
_EDIT_LINK = re.compile(r"\s*\[edit(?: source)?\]$")


def _split_boilerplate(
    patterns: Sequence[str],
) -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """The patterns anchored at the line start as one regex, to ``match`` lines with,
    and the others compiled one by one.

    Every line of every article meets every pattern; most are anchored, and one
    match of their alternation costs what one search of a single pattern does.
    """
    bodies: list[str] = []
    others: list[re.Pattern[str]] = []
    for pattern in patterns:
        body = _line_start_body(pattern)
        if body is None:
            others.append(re.compile(pattern, re.I))
        else:
            bodies.append(body)
    joined = re.compile("|".join(f"(?:{b})" for b in bodies), re.I) if bodies else None
    return joined, tuple(others)


def _line_start_body(pattern: str) -> str | None:
    """``pattern`` without its leading ``^`` if ``^`` anchors all of it, else None.

    "^a|b" is not anchored as a whole ("b" may stand anywhere), nor is a
    pattern with a global inline flag, which cannot stand inside another.
    """
    if not pattern.startswith("^") or (pattern.startswith("^(?") and pattern[3:4] in "aiLmsux"):
        return None
    body = pattern[1:]
    depth = 0
    in_class = False
    escaped = False
    for ch in body:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
    try:
        re.compile(f"x|(?:{body})")
    except re.error:
        return None
    return body


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
    in_navigation = in_bio = after_ad = False
    for s, e in _lines(text, start):
        raw = text[s:e]
        stripped = raw.strip()
        if not stripped:
            continue
        # "Reader Comments (214)" is the same header as "Reader Comments", and
        # "📢 COMMUNITY NOTICES" as "Community notices".
        lower = stripped.lower().rstrip(":")
        if not lower[:1].isalnum() and lower[:1] not in _BULLETS:
            lower = _LEADING_SYMBOLS.sub("", lower)
        if "sort by" in lower:
            lower = _SORT_TAIL.sub("", lower)  # "47 Comments   Sort by: Most relevant ▾"
        if lower.endswith(")"):
            lower = _COUNT_SUFFIX.sub("", lower)
        elif lower.endswith("]"):
            lower = _EDIT_LINK.sub("", lower)  # a wiki's "See also[edit]"
        if lower in pats.comments or (
            not lower[:1].isalpha() and _COUNT_PREFIX.sub("", lower) in pats.comments
        ):
            break  # reader comments run to the end of the page
        if (
            lower in pats.navigation
            or (len(lower) < 60 and lower.startswith(pats.navigation_prefixes))
            or (len(lower) < 40 and _TIME_TAIL.sub("", lower) in pats.navigation)
        ):
            in_navigation, in_bio = True, False
            continue
        if after_ad:
            after_ad = False
            if not _is_prose(stripped):
                continue  # "Send money home FAST from the UK, USA & Canada!"
        if lower in _AD_MARKERS:
            after_ad = True
            continue
        if lower in pats.asides or (len(lower) < 80 and lower.startswith(pats.aside_prefixes)):
            in_bio, in_navigation = True, False
            continue
        if in_bio:
            if len(stripped) <= _LONGEST_BIO and not _is_caps_heading(stripped):
                continue  # a speaker's name, post or career
            in_bio = False
        if in_navigation:
            if _is_prose(stripped):
                in_navigation = False
            else:
                continue  # a link title under a navigation header
        if lower in pats.lines or stripped.lower() in pats.lines:
            continue
        if pats.line_starts is not None and pats.line_starts.match(stripped):
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


def _is_caps_heading(line: str) -> bool:
    return len(line) < 80 and line.isupper()


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
