"""The typed model of the alliance knowledge graph.

Every model is an immutable Pydantic v2 model: it validates on creation,
round-trips through JSON (``model_dump_json`` / ``model_validate_json``) and
publishes a JSON Schema (``model_json_schema``).

Entities
    :class:`State`, :class:`Organization`, :class:`Person`,
    :class:`Agreement`, :class:`CooperationDomain`, :class:`Article`.
Provenance
    :class:`Evidence`: the sentence and its character offsets in an article.
Facts
    :class:`Relation`: one typed edge between two entities, carrying every
    piece of evidence that supports it.

Examples
--------
>>> from alliancegraph.models import Evidence, Relation
>>> ev = Evidence(article="a1", sentence="Japan and India cooperate on chips.",
...               start=0, end=35, confidence=0.9)
>>> rel = Relation(subject="state:IND", predicate="cooperates_with",
...                object="state:JPN", domain="semiconductors", evidence=(ev,))
>>> rel.support
1
>>> Relation.model_validate_json(rel.model_dump_json()) == rel
True
"""

from __future__ import annotations

import difflib
import re
import sys
from typing import Any, Literal, SupportsIndex

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = [
    "AGREEMENT_KINDS",
    "AGREEMENT_STATUSES",
    "ORGANIZATION_KINDS",
    "PREDICATES",
    "Agreement",
    "AgreementKind",
    "AgreementStatus",
    "Article",
    "ArticleExtraction",
    "CooperationDomain",
    "Evidence",
    "Organization",
    "OrganizationKind",
    "Person",
    "Predicate",
    "Relation",
    "State",
]

AgreementKind = Literal[
    "agreement",
    "pact",
    "treaty",
    "partnership",
    "dialogue",
    "forum",
    "initiative",
    "strategy",
    "grouping",
    "mechanism",
]
AGREEMENT_KINDS: tuple[str, ...] = AgreementKind.__args__  # type: ignore[attr-defined]

AgreementStatus = Literal["announced", "planned", "launched", "signed", "in_force"]
AGREEMENT_STATUSES: tuple[str, ...] = AgreementStatus.__args__  # type: ignore[attr-defined]

OrganizationKind = Literal["grouping", "alliance", "organization", "body"]
ORGANIZATION_KINDS: tuple[str, ...] = OrganizationKind.__args__  # type: ignore[attr-defined]

Predicate = Literal["cooperates_with", "party_to", "member_of", "covers", "targets", "acts_for"]
PREDICATES: tuple[str, ...] = Predicate.__args__  # type: ignore[attr-defined]

_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DOMAIN_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def _check_alpha3(value: str) -> str:
    if not _ALPHA3.match(value):
        raise ValueError(
            f"{value!r} is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. 'JPN')"
        )
    return value


def _check_known_domain(value: str, info: ValidationInfo) -> None:
    """With ``context={"vocabulary": vocab}``, a domain id must be in the scheme."""
    vocabulary = (info.context or {}).get("vocabulary")
    if vocabulary is not None and value not in vocabulary.domains:
        close = difflib.get_close_matches(value, list(vocabulary.domains), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"unknown domain {value!r}{hint}")


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    match = _DATE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    month, day = match.group(2), match.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} has month {month}; months run from 01 to 12")
    if day is not None and not 1 <= int(day) <= 31:
        raise ValueError(f"{value!r} has day {day}; days run from 01 to 31")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    # Pydantic gives every instance its own set of the fields it was given (about
    # 700 bytes for seven fields). A graph of 100,000 articles holds millions of
    # these immutable models, nearly all with the same set: they share one.
    def model_post_init(self, context: Any, /) -> None:
        _share_fields_set(self)

    def __setstate__(self, state: dict[Any, Any]) -> None:
        super().__setstate__(state)
        _share_fields_set(self)

    # A parallel build sends every extraction back from its workers: millions
    # of models at 100,000 articles, unpickled by the process that merges them.
    # Pydantic restores each model in several calls; these come back in one,
    # without validating again what was valid when it was sent.
    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        if self.__pydantic_private__ or self.__pydantic_extra__:
            return super().__reduce_ex__(protocol)
        given = self.__pydantic_fields_set__
        every = len(given) == len(type(self).__pydantic_fields__)
        # The unpickled dict is the model's own: made fresh, copied by no one.
        return (_rebuild, (type(self), self.__dict__, None if every else given))


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}

#: Per model class, the shared set of all its fields: most models are given every field.
_EVERY_FIELD: dict[type[BaseModel], set[str]] = {}


def _every_field(cls: type[BaseModel]) -> set[str]:
    """The shared set of all the fields of ``cls``."""
    every = _EVERY_FIELD.get(cls)
    if every is None:
        fields = set(cls.__pydantic_fields__)
        every = _EVERY_FIELD[cls] = _FIELDS_SETS.setdefault(frozenset(fields), fields)
    return every


def _share_fields_set(model: BaseModel) -> None:
    own = model.__pydantic_fields_set__
    every = _EVERY_FIELD.get(type(model)) or _every_field(type(model))
    if len(own) == len(every):
        # Given every field (the usual case), without hashing the set to find it.
        if own is not every:
            object.__setattr__(model, "__pydantic_fields_set__", every)
        return
    shared = _FIELDS_SETS.setdefault(frozenset(own), own)
    if shared is not own:
        # Safe to share: the models are frozen, so nothing adds to the set, and
        # model_copy() copies it before changing it.
        object.__setattr__(model, "__pydantic_fields_set__", shared)


def _rebuild(cls: type[_Model], values: dict[str, Any], given: set[str] | None) -> _Model:
    """The model :meth:`_Model.__reduce_ex__` sent; ``given`` None means every field was."""
    given = _every_field(cls) if given is None else _FIELDS_SETS.setdefault(frozenset(given), given)
    model = cls.__new__(cls)
    setattr_ = object.__setattr__
    setattr_(model, "__dict__", values)
    setattr_(model, "__pydantic_fields_set__", given)
    setattr_(model, "__pydantic_extra__", None)
    setattr_(model, "__pydantic_private__", None)
    return model


class State(_Model):
    """A sovereign state, identified by its ISO 3166-1 alpha-3 code.

    >>> State(id="JPN", name="Japan", wikidata="Q17").id
    'JPN'
    """

    id: str = Field(description="ISO 3166-1 alpha-3 code (Kosovo: XKX).")
    name: str = Field(min_length=1, description="Common English short name.")
    short_names: tuple[str, ...] = Field(default=(), description="Other names and short forms.")
    wikidata: str | None = Field(default=None, description="Wikidata item id, e.g. Q17.")

    _v_id = field_validator("id")(_check_alpha3)

    @field_validator("wikidata")
    @classmethod
    def _v_wikidata(cls, value: str | None) -> str | None:
        if value is not None and not _QID.match(value):
            raise ValueError(f"{value!r} is not a Wikidata item id such as 'Q17'")
        return value


class Organization(_Model):
    """An organisation, institution or grouping (the Quad, ASEAN, NATO, the WTO)."""

    id: str = Field(description="Lower-case slug, e.g. 'quad'.")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: OrganizationKind = "organization"
    members: tuple[str, ...] = Field(default=(), description="Alpha-3 codes of member states.")
    wikidata: str | None = None

    @field_validator("id")
    @classmethod
    def _v_id(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(
                f"{value!r} is not a lower-case slug such as 'quad' or 'un_security_council'"
            )
        return value

    @field_validator("members")
    @classmethod
    def _v_members(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({_check_alpha3(v) for v in value}))


class Person(_Model):
    """A named person and the state they act for."""

    name: str = Field(min_length=1)
    state: str | None = Field(default=None, description="Alpha-3 code of the state they act for.")
    role: str | None = None

    @field_validator("state")
    @classmethod
    def _v_state(cls, value: str | None) -> str | None:
        return None if value is None else _check_alpha3(value)


class CooperationDomain(_Model):
    """A concept of the cooperation-domain scheme (a SKOS concept).

    >>> CooperationDomain(id="semiconductors", label="Semiconductors",
    ...                   broader="technology", alt_labels=("chips",)).broader
    'technology'
    """

    id: str
    label: str = Field(min_length=1)
    broader: str | None = None
    alt_labels: tuple[str, ...] = ()
    definition: str | None = None

    @field_validator("id", "broader")
    @classmethod
    def _v_id(cls, value: str | None) -> str | None:
        if value is not None and not _DOMAIN_ID.match(value):
            raise ValueError(f"{value!r} is not a domain id (lower-case letters, digits, '_')")
        return value


class Agreement(_Model):
    """An agreement, pact, treaty, partnership, dialogue, forum, initiative,
    strategy, grouping or mechanism.

    >>> a = Agreement(name="Act East Forum", kind="forum", parties=("JPN", "IND"))
    >>> a.parties
    ('IND', 'JPN')
    >>> Agreement(name="X Pact", kind="pact", date="2023-13")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Agreement
    date
      Value error, '2023-13' has month 13; months run from 01 to 12 ...
    """

    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: AgreementKind = "agreement"
    parties: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    status: AgreementStatus | None = None

    @field_validator("parties")
    @classmethod
    def _v_parties(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({_check_alpha3(v) for v in value}))

    @field_validator("domains")
    @classmethod
    def _v_domains(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        for v in value:
            if not _DOMAIN_ID.match(v):
                raise ValueError(f"{v!r} is not a domain id (lower-case letters, digits, '_')")
            _check_known_domain(v, info)
        return tuple(sorted(set(value)))

    _v_date = field_validator("date")(_check_date)

    @property
    def id(self) -> str:
        """A stable identifier derived from the name."""
        return slugify(self.name)


class Article(_Model):
    """An article's identity and metadata (not its text)."""

    id: str = Field(min_length=1, description="Stable id: the file name without extension.")
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    source: str | None = Field(default=None, description="Path the article was read from.")
    sha256: str | None = Field(default=None, description="SHA-256 of the original bytes.")

    _v_date = field_validator("date")(_check_date)

    @field_validator("sha256")
    @classmethod
    def _v_sha(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[0-9a-f]{64}", value):
            raise ValueError(f"{value!r} is not a hex SHA-256 digest")
        return value


class Evidence(_Model):
    """The sentence that says so, and where it stands in the article.

    ``start`` and ``end`` are character offsets into the article's text as
    read from disk (after decoding), so ``text[start:end] == sentence``.
    """

    # Sentences are trimmed where they are cut; stripping again would copy every
    # string, and a large graph holds millions of these.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)

    article: str = Field(min_length=1, description="Article id.")
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    extractor: str = "alliancegraph.rules"
    extractor_version: str = "0"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("article", "extractor", "extractor_version")
    @classmethod
    def _v_shared(cls, value: str) -> str:
        # A graph read from a file holds one copy of each id for all its evidence.
        return sys.intern(value)

    @model_validator(mode="after")
    def _v_offsets(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before its start {self.start}")
        return self


class Relation(_Model):
    """A typed fact between two graph nodes, with all its evidence.

    Cooperation is symmetric: its subject and object are stored in
    alphabetical order, so the same fact always has the same key.
    """

    subject: str
    predicate: Predicate
    object: str
    domain: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("domain")
    @classmethod
    def _v_domain(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            if not _DOMAIN_ID.match(value):
                raise ValueError(f"{value!r} is not a domain id (lower-case letters, digits, '_')")
            _check_known_domain(value, info)
        return value

    @model_validator(mode="after")
    def _v_order(self) -> Relation:
        if self.predicate == "cooperates_with":
            if self.domain is None:
                raise ValueError("a cooperates_with relation needs a domain")
            if self.subject == self.object:
                raise ValueError(f"a state cannot cooperate with itself ({self.subject})")
            if self.object < self.subject:
                # Frozen model: normalise through object.__setattr__ once, at validation.
                subject, obj = self.object, self.subject
                object.__setattr__(self, "subject", subject)
                object.__setattr__(self, "object", obj)
        return self

    @property
    def support(self) -> int:
        """How many sentences support this fact."""
        return len(self.evidence)

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """The identity of the fact, whatever its evidence."""
        return (self.subject, self.predicate, self.object, self.domain)


def slugify(text: str) -> str:
    """A lower-case ASCII slug for identifiers.

    >>> slugify("Japan-India AI Strategic Dialogue")
    'japan-india-ai-strategic-dialogue'
    """
    text = text.lower().replace("’", "").replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug or "x"


class ArticleExtraction(_Model):
    """Everything read out of one article, each fact with its evidence.

    :meth:`report` gives the analyst's view in the shape of the gold files
    (``article``, ``states``, ``cooperation``, ``agreements``, ``targets``,
    ``persons``).
    """

    article: Article
    states: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    persons: tuple[Person, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    relations: tuple[Relation, ...] = ()

    def report(self) -> dict[str, object]:
        """The extraction in the gold-annotation shape."""
        cooperation = sorted(
            {
                (r.subject.removeprefix("state:"), r.object.removeprefix("state:"), r.domain or "")
                for r in self.relations
                if r.predicate == "cooperates_with"
            }
        )
        targets = sorted(
            {
                (r.subject.removeprefix("state:"), r.object.removeprefix("state:"))
                for r in self.relations
                if r.predicate == "targets" and r.subject.startswith("state:")
            }
        )
        source = self.article.source
        name = source.replace("\\", "/").rsplit("/", 1)[-1] if source else f"{self.article.id}.txt"
        return {
            "article": name,
            "states": list(self.states),
            "cooperation": [list(c) for c in cooperation],
            "agreements": [
                {
                    "name": a.name,
                    "aliases": list(a.aliases),
                    "kind": a.kind,
                    "parties": list(a.parties),
                    "domains": list(a.domains),
                    **({"date": a.date} if a.date else {}),
                    **({"status": a.status} if a.status else {}),
                }
                for a in self.agreements
            ],
            "targets": [list(t) for t in targets],
            "persons": [{"name": p.name, "state": p.state, "role": p.role} for p in self.persons],
        }
