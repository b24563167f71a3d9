"""Vocabularies: states, organisations, persons, domains, traps and cue words.

They are package data (``alliancegraph/data/*.json``, sources in
``data/SOURCES.md``), validated by Pydantic when loaded, and extendable by a
user's own JSON file::

    {
      "states": [{"id": "JPN", "aliases": ["Nihon"]}],
      "persons": [{"name": "Jane Doe", "aliases": ["Doe"], "state": "KEN",
                   "role": "Foreign Minister"}],
      "domains": [{"id": "semiconductors", "alt_labels": ["logic chips"]}],
      "cues": {"agreement_heads": {"Compact": "pact"}}
    }

Entries with an existing id extend it (lists are unioned, scalars replaced);
new ids add entries.

Examples
--------
>>> vocab = Vocabulary.default()
>>> vocab.resolve_state("Tokyo")
'JPN'
>>> vocab.resolve_domain("chips")
'semiconductors'
>>> sorted(vocab.narrower("economic_security"))[:3]
['clean_energy', 'critical_minerals', 'economic_security']
"""

from __future__ import annotations

import difflib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .exceptions import UnknownNameError, VocabularyError
from .models import (
    AgreementKind,
    CooperationDomain,
    Organization,
    OrganizationKind,
    State,
)

__all__ = ["Vocabulary"]

log = logging.getLogger(__name__)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class StateEntry(_Entry):
    id: str = Field(pattern=r"^[A-Z]{3}$")
    alpha2: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    name: str = Field(min_length=1)
    official_name: str | None = None
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    organs: tuple[str, ...] = ()
    #: The first half of a compound, matched only before a hyphen or a dash:
    #: "Franco-German", "Sino-US", "Anglo-French".
    combining_forms: tuple[str, ...] = ()
    #: Forms that stand for the state only in an article that names it otherwise
    #: too: "the North" for North Korea in a story about the peninsula.
    short_forms: tuple[str, ...] = ()
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    capital_coordinates: tuple[float, float] | None = None
    region: str | None = None
    un_member: bool = True

    @field_validator("capital_coordinates")
    @classmethod
    def _v_coords(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None:
            lat, lon = value
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"{value!r} is not [latitude, longitude] in degrees")
        return value


class OrganizationEntry(_Entry):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: OrganizationKind = "organization"
    members: tuple[str, ...] = ()
    parent: str | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    founded: str | None = None


class PersonEntry(_Entry):
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    state: str = Field(pattern=r"^[A-Z]{3}$")
    role: str | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    start: str | None = None
    end: str | None = None


class NonActorEntry(_Entry):
    phrase: str = Field(min_length=1)
    category: str = "other"


class CollectiveCue(_Entry):
    phrase: str = Field(min_length=1)
    size: int = Field(
        ge=0, description="How many states it stands for; 0: as many as the article's core."
    )


class StatusCue(_Entry):
    cue: str = Field(min_length=1)
    status: str

    @field_validator("status")
    @classmethod
    def _v_status(cls, value: str) -> str:
        allowed = ("announced", "planned", "launched", "signed", "in_force")
        if value not in allowed:
            raise ValueError(f"{value!r} is not a status; use one of {', '.join(allowed)}")
        return value


class Cues(_Entry):
    """Cue words that steer extraction; see ``data/cues.json``."""

    source: str | None = None
    cooperation: tuple[str, ...]
    negation: tuple[str, ...]
    failure: tuple[str, ...]
    tentative: tuple[str, ...]
    not_negation: tuple[str, ...]
    hostile: tuple[str, ...]
    venue_prepositions: tuple[str, ...]
    hedges: tuple[str, ...]
    collective: tuple[CollectiveCue, ...]
    collective_nouns: tuple[str, ...] = ()
    collective_determiners: dict[str, int] = {}
    #: Verbs after which a determiner stands alone for its states: "the four run
    #: it jointly", "the three are running joint work".
    collective_verbs: tuple[str, ...] = ()
    target_before: tuple[str, ...]
    #: Words of ``target_before`` that aim at the owner of what they govern:
    #: "deter Russia's shadow fleet" (but "balance Washington's demands").
    target_owner_verbs: tuple[str, ...] = ()
    target_after: tuple[str, ...]
    #: Words of ``target_after`` that make their owner a target only after a
    #: ``target_before`` verb: "limit China's access", not "secures India's access".
    target_after_limited: tuple[str, ...] = ()
    #: Verbs that make a state a target when "from" or "out" follows it:
    #: "keep China from gaining a foothold", "lock Russia out of the market".
    target_from_verbs: tuple[str, ...] = ()
    agreement_heads: dict[str, AgreementKind]
    generic_heads: dict[str, AgreementKind]
    lateral_modifiers: dict[str, int]
    agreement_name_stopwords: tuple[str, ...]
    generic_name_words: tuple[str, ...]
    status: tuple[StatusCue, ...]
    roles: tuple[str, ...]
    role_heads: tuple[str, ...] = ()
    #: Words of a minister's portfolio in a title's "of" tail ("Secretary of
    #: Mining", "Minister of Foreign Affairs"): a name may start where they stop.
    portfolio_words: tuple[str, ...] = ()
    #: Heads that name a standing body ("Committee", "Commission"): a body is a
    #: mechanism between states only when its name says between whom ("India–
    #: Indonesia Joint Commission"), else it is a domestic institution ("the CPC
    #: Central Committee").
    body_heads: tuple[str, ...] = ()
    #: Words that make a body's name shared between states ("Joint", "Mixed").
    shared_body_words: tuple[str, ...] = ()
    #: Courtesy titles and ranks before a name ("Amb. Yusuf Tuggar", "H.E. Mr.
    #: Sjafrie Sjamsoeddin", "Rear Admiral Emmanuel Ankrah"): not part of it.
    honorifics: tuple[str, ...] = ()
    #: Letters after a name ("Hamish Falconer MP", "Jane Roe KC"): not part of it.
    postnominals: tuple[str, ...] = ()
    institution_heads: tuple[str, ...] = ()
    #: Domains whose mention is joint action in itself: states named together
    #: with "a naval drill" cooperate on it without a cooperation word.
    joint_domains: tuple[str, ...] = ()
    #: Words that make the states after them a place ("a drill off Taiwan and
    #: Japan"), not participants in a joint domain.
    place_prepositions: tuple[str, ...] = ()
    #: Endings that make the name before them a place ("a Dakar-based institute",
    #: "a Singapore-registered affiliate"), not a state that acts.
    place_suffixes: tuple[str, ...] = ()
    #: Words that make the name before them the subject of an office or a course
    #: of study ("Pacific and Timor-Leste Division", "the China Desk", "Korea
    #: Studies"), not a state that acts.
    office_suffixes: tuple[str, ...] = ()
    #: Endings of a company's name ("Taiwan Semiconductor Manufacturing Co",
    #: "Korea Electric Power Corp"): a state's name that opens one names no state.
    company_suffixes: tuple[str, ...] = ()
    #: Heads of a document named for the city it was signed in ("the Yaoundé
    #: Code of Conduct", "the Paris Agreement"): that capital stands for no government.
    document_heads: tuple[str, ...] = ()
    #: People who stand for a government when placed in its capital ("officials
    #: in Tokyo"): there the capital is an actor, not the venue of a meeting.
    resident_nouns: tuple[str, ...] = ()
    boilerplate_lines: tuple[str, ...]
    navigation_headers: tuple[str, ...]
    navigation_prefixes: tuple[str, ...] = ()
    comment_headers: tuple[str, ...]
    #: Headers of authors' or speakers' biographies ("About the author",
    #: "Speakers"): the lines under one carry no facts of the article, up to the
    #: next header or a paragraph longer than a biography.
    bio_headers: tuple[str, ...] = ()
    #: Headers of other asides a page sets in the article's flow, read as
    #: biographies are ("Reply of the week", "On the podcast"), and the openings
    #: of a sponsor's slot ("Presented by …").
    aside_headers: tuple[str, ...] = ()
    aside_prefixes: tuple[str, ...] = ()
    boilerplate_patterns: tuple[str, ...]
    dateline_pattern: str
    caption_cues: tuple[str, ...]
    sentence_abbreviations: tuple[str, ...]


class DomainsFile(_Entry):
    source: str | None = None
    scheme: dict[str, str] = {}
    concepts: tuple[CooperationDomain, ...]
    not_domains: tuple[str, ...] = ()


class StatesFile(_Entry):
    source: str | None = None
    states: tuple[StateEntry, ...]


class OrganizationsFile(_Entry):
    source: str | None = None
    organizations: tuple[OrganizationEntry, ...]


class PersonsFile(_Entry):
    source: str | None = None
    persons: tuple[PersonEntry, ...]


class NonActorsFile(_Entry):
    source: str | None = None
    non_actors: tuple[NonActorEntry, ...]


def _describe(err: ValidationError, data: Any) -> str:
    """One readable line per problem: entry, its id or name, the field, the message."""
    lines = []
    for problem in err.errors()[:10]:
        loc = list(problem["loc"])
        where = []
        node = data
        for part in loc:
            if isinstance(part, int) and isinstance(node, list) and part < len(node):
                node = node[part]
                label = ""
                if isinstance(node, dict):
                    key = node.get("id") or node.get("name") or node.get("phrase")
                    label = f" ({key!r})" if key else ""
                where.append(f"[{part}]{label}")
            else:
                where.append(f".{part}")
                node = node.get(part) if isinstance(node, dict) else None
        lines.append(f"{''.join(where).lstrip('.')}: {problem['msg']}")
    more = len(err.errors()) - 10
    if more > 0:
        lines.append(f"... and {more} more problems")
    return "; ".join(lines)


def _read_json(path: Path | str, text: str | None = None) -> Any:
    try:
        if text is None:
            text = Path(path).read_text(encoding="utf-8")
        return json.loads(text)
    except OSError as err:
        raise VocabularyError(f"{path}: cannot read vocabulary file ({err.strerror})") from err
    except UnicodeDecodeError as err:
        raise VocabularyError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    except json.JSONDecodeError as err:
        raise VocabularyError(
            f"{path}: line {err.lineno}, column {err.colno}: invalid JSON ({err.msg})"
        ) from err


def _validate(model: type[BaseModel], data: Any, source: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise VocabularyError(f"{source}: {_describe(err, data)}") from err


def _package_json(name: str) -> tuple[str, Any]:
    ref = resources.files("alliancegraph") / "data" / name
    return f"alliancegraph/data/{name}", _read_json(
        f"alliancegraph/data/{name}", ref.read_text("utf-8")
    )


def _union(a: Sequence[Any], b: Sequence[Any]) -> tuple[Any, ...]:
    seen = dict.fromkeys(a)
    seen.update(dict.fromkeys(b))
    return tuple(seen)


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(out.get(key), (list, tuple)):
            out[key] = list(_union(out[key], value))
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _merge_entries(
    base: Sequence[BaseModel], extra: Iterable[Mapping[str, Any]], key: str
) -> list[dict[str, Any]]:
    merged = {getattr(e, key): e.model_dump() for e in base}
    for entry in extra:
        ident = entry.get(key)
        if ident in merged:
            merged[ident] = _merge(merged[ident], entry)
        else:
            merged[str(ident)] = dict(entry)
    return list(merged.values())


class Vocabulary:
    """Everything the extractor knows about the world, validated.

    Use :meth:`default` for the packaged vocabulary, or :meth:`load` to add
    your own files on top.
    """

    def __init__(
        self,
        states: Sequence[StateEntry],
        organizations: Sequence[OrganizationEntry],
        persons: Sequence[PersonEntry],
        domains: DomainsFile,
        non_actors: Sequence[NonActorEntry],
        cues: Cues,
        sources: Sequence[str] = (),
    ) -> None:
        self.states: dict[str, StateEntry] = {s.id: s for s in sorted(states, key=lambda s: s.id)}
        self.organizations: dict[str, OrganizationEntry] = {
            o.id: o for o in sorted(organizations, key=lambda o: o.id)
        }
        self.persons: tuple[PersonEntry, ...] = tuple(sorted(persons, key=lambda p: p.name))
        self.domains: dict[str, CooperationDomain] = {c.id: c for c in domains.concepts}
        self.not_domains: tuple[str, ...] = domains.not_domains
        self.non_actors: tuple[NonActorEntry, ...] = tuple(non_actors)
        self.cues = cues
        self.sources = tuple(sources)
        self._check_references()

    # ----------------------------------------------------------------- loading
    @classmethod
    def default(cls) -> Vocabulary:
        """The packaged vocabulary (loaded once per process)."""
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = cls.load()
        return _DEFAULT

    @classmethod
    def load(cls, *extra: str | Path) -> Vocabulary:
        """Load the packaged vocabulary, extended by the given JSON files.

        Raises :class:`~alliancegraph.exceptions.VocabularyError` naming the
        file, the entry and the field when a file is malformed.
        """
        src, raw = _package_json("states.json")
        states = _validate(StatesFile, raw, src).states
        src, raw = _package_json("organizations.json")
        orgs = _validate(OrganizationsFile, raw, src).organizations
        src, raw = _package_json("persons.json")
        persons = _validate(PersonsFile, raw, src).persons
        src, raw = _package_json("domains.json")
        domains = _validate(DomainsFile, raw, src)
        src, raw = _package_json("non_actors.json")
        non_actors = _validate(NonActorsFile, raw, src).non_actors
        src, raw = _package_json("cues.json")
        cues = _validate(Cues, raw, src)
        vocab = cls(states, orgs, persons, domains, non_actors, cues, sources=("package",))
        for path in extra:
            vocab = vocab.extended(path)
        return vocab

    def extended(self, path: str | Path) -> Vocabulary:
        """A new vocabulary: this one plus the entries of a user's JSON file."""
        source = str(path)
        data = _read_json(path)
        if not isinstance(data, dict):
            raise VocabularyError(f"{source}: the top level must be a JSON object")
        allowed = {
            "states",
            "organizations",
            "persons",
            "domains",
            "non_actors",
            "not_domains",
            "cues",
        }
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise VocabularyError(
                f"{source}: unknown section(s) {', '.join(map(repr, unknown))}; "
                f"valid sections are {', '.join(sorted(allowed))}"
            )
        for section in allowed - {"cues"}:
            if section in data and not isinstance(data[section], list):
                raise VocabularyError(f"{source}: section {section!r} must be a list")
        states = _validate(
            StatesFile,
            {"states": _merge_entries(list(self.states.values()), data.get("states", []), "id")},
            source,
        ).states
        orgs = _validate(
            OrganizationsFile,
            {
                "organizations": _merge_entries(
                    list(self.organizations.values()), data.get("organizations", []), "id"
                )
            },
            source,
        ).organizations
        persons = _validate(
            PersonsFile,
            {"persons": _merge_entries(self.persons, data.get("persons", []), "name")},
            source,
        ).persons
        domains = _validate(
            DomainsFile,
            {
                "concepts": _merge_entries(
                    list(self.domains.values()), data.get("domains", []), "id"
                ),
                "not_domains": list(_union(self.not_domains, data.get("not_domains", []))),
            },
            source,
        )
        non_actors = _validate(
            NonActorsFile,
            {
                "non_actors": _merge_entries(self.non_actors, data.get("non_actors", []), "phrase"),
            },
            source,
        ).non_actors
        cues_data = data.get("cues", {})
        if not isinstance(cues_data, dict):
            raise VocabularyError(f"{source}: section 'cues' must be an object")
        cues = _validate(Cues, _merge(self.cues.model_dump(), cues_data), source)
        log.info("extended vocabulary with %s", source)
        return Vocabulary(
            states, orgs, persons, domains, non_actors, cues, sources=(*self.sources, source)
        )

    def _check_references(self) -> None:
        for concept in self.domains.values():
            if concept.broader is not None and concept.broader not in self.domains:
                raise VocabularyError(
                    f"domain {concept.id!r}: broader concept {concept.broader!r} "
                    "is not in the scheme"
                )
        for org in self.organizations.values():
            missing = [m for m in org.members if m not in self.states]
            if missing:
                raise VocabularyError(
                    f"organization {org.id!r}: members {', '.join(missing)} are not known states"
                )
        unknown = [d for d in self.cues.joint_domains if d not in self.domains]
        if unknown:
            raise VocabularyError(
                f"cues: joint_domains {', '.join(map(repr, unknown))} are not in the domain scheme"
            )
        # Narrower lists name words of a wider one; a word only in the narrower list
        # would never be found, and the user's entry would silently do nothing.
        for narrow, wide in (
            ("target_owner_verbs", "target_before"),
            ("target_after_limited", "target_after"),
        ):
            known = {w.lower() for w in getattr(self.cues, wide)}
            stray = [w for w in getattr(self.cues, narrow) if w.lower() not in known]
            if stray:
                raise VocabularyError(
                    f"cues: {narrow} {', '.join(map(repr, stray))} are not in {wide}"
                )
        for person in self.persons:
            if person.state not in self.states:
                raise VocabularyError(
                    f"person {person.name!r}: state {person.state!r} is not a known state"
                )

    # ---------------------------------------------------------------- lookups
    def state(self, state_id: str) -> State:
        """The :class:`~alliancegraph.models.State` for an alpha-3 code."""
        entry = self.states[state_id]
        return State(
            id=entry.id,
            name=entry.name,
            short_names=_union(entry.aliases, ()),
            wikidata=entry.wikidata,
        )

    def organization(self, org_id: str) -> Organization:
        """The :class:`~alliancegraph.models.Organization` for an organisation id."""
        entry = self.organizations[org_id]
        return Organization(
            id=entry.id,
            name=entry.name,
            aliases=entry.aliases,
            kind=entry.kind,
            members=entry.members,
            wikidata=entry.wikidata,
        )

    @cached_property
    def _state_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for entry in self.states.values():
            forms = (
                entry.name,
                entry.official_name or "",
                *entry.aliases,
                *entry.demonyms,
                *entry.capitals,
            )
            for form in forms:
                if form:
                    names.setdefault(form.casefold(), entry.id)
        return names

    @cached_property
    def _state_codes(self) -> dict[str, str]:
        # Codes only in capitals: "CAN" is Canada, "can" is a verb ("and" is not Andorra).
        codes = {e.id: e.id for e in self.states.values()}
        codes.update({e.alpha2: e.id for e in self.states.values() if e.alpha2})
        return codes

    def prepare_lookups(self) -> None:
        """Build the tables that resolve names of states, organisations and domains
        now rather than at the first lookup (a query's, say)."""
        for table in ("_state_names", "_state_codes", "organization_names", "_domain_names"):
            getattr(self, table)

    def state_code(self, name: str) -> str | None:
        """The alpha-3 code for a name, or None: :meth:`resolve_state` without suggestions.

        >>> Vocabulary.default().state_code("Japanese"), Vocabulary.default().state_code("Jupiter")
        ('JPN', None)
        """
        stripped = name.strip()
        key = stripped.casefold()
        if key.startswith("the "):
            key = key[4:]
        return self._state_names.get(key) or self._state_codes.get(stripped)

    @cached_property
    def organization_names(self) -> dict[str, str]:
        """Organisation ids by case-folded name and alias."""
        names: dict[str, str] = {}
        for org in self.organizations.values():
            for form in (org.name, *org.aliases):
                names.setdefault(form.casefold(), org.id)
        return names

    def resolve_state(self, name: str) -> str:
        """The alpha-3 code for a code, name, alias, demonym or capital.

        >>> Vocabulary.default().resolve_state("South Koreans")
        'KOR'
        >>> Vocabulary.default().resolve_state("Japn")
        Traceback (most recent call last):
        ...
        alliancegraph.exceptions.UnknownNameError: unknown state 'Japn'; did you mean 'japan'...?
        """
        # A person typing a query may write a code in lower case ("jpn").
        found = self.state_code(name) or self._state_codes.get(name.strip().upper())
        if found is None:
            key = name.strip().casefold().removeprefix("the ")
            raise UnknownNameError("state", name, self._close(key, self._state_names))
        return found

    @cached_property
    def _domain_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for concept in self.domains.values():
            for form in (
                concept.id,
                concept.id.replace("_", " "),
                concept.label,
                *concept.alt_labels,
            ):
                names.setdefault(form.casefold(), concept.id)
        return names

    def resolve_domain(self, name: str) -> str:
        """The concept id for an id, a label or an alternative label."""
        key = name.strip().casefold()
        found = self._domain_names.get(key)
        if found is None:
            found = self._domain_names.get(key.replace("-", " "))
        if found is None:
            raise UnknownNameError("domain", name, self._close(key, self._domain_names))
        return found

    def narrower(self, domain_id: str) -> frozenset[str]:
        """The concept and every concept under it in the scheme."""
        if domain_id not in self.domains:
            raise UnknownNameError("domain", domain_id, self._close(domain_id, self._domain_names))
        out = {domain_id}
        changed = True
        while changed:
            changed = False
            for concept in self.domains.values():
                if concept.broader in out and concept.id not in out:
                    out.add(concept.id)
                    changed = True
        return frozenset(out)

    def group_of(self, domain_id: str) -> str:
        """The top concept (security, economic_security, technology, diplomacy) above a domain."""
        concept = self.domains[domain_id]
        while concept.broader is not None:
            concept = self.domains[concept.broader]
        return concept.id

    @cached_property
    def persons_by_name(self) -> dict[str, PersonEntry]:
        """Known persons by full name."""
        return {p.name: p for p in self.persons}

    @cached_property
    def leaf_domains(self) -> frozenset[str]:
        """Concepts with nothing narrower: the ones extraction labels facts with."""
        broader = {c.broader for c in self.domains.values() if c.broader}
        return frozenset(c for c in self.domains if c not in broader)

    @staticmethod
    def _close(key: str, names: Mapping[str, str]) -> list[str]:
        return difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)


_DEFAULT: Vocabulary | None = None
