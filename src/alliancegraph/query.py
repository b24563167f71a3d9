"""Questions analysts ask of an :class:`~alliancegraph.AllianceGraph`.

>>> [(c.a, c.b) for c in SEED_GRAPH.cooperation(domain="semiconductors")][:2]
[('IND', 'JPN'), ('JPN', 'KOR')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import Evidence

if TYPE_CHECKING:
    import networkx as nx

    from .vocabulary import Vocabulary

__all__ = ["CooperationEdge", "QueryMixin"]


@dataclass(frozen=True)
class CooperationEdge:
    """Two states cooperating on one domain, and what says so."""

    a: str
    b: str
    domain: str
    support: int
    confidence: float
    evidence: tuple[Evidence, ...]
    articles: tuple[str, ...]


class QueryMixin:
    """Query helpers mixed into :class:`~alliancegraph.AllianceGraph`."""

    nx: nx.MultiDiGraph
    vocabulary: Vocabulary

    def states(self) -> list[str]:
        """Alpha-3 codes of every state in the graph, sorted."""
        return sorted(
            n.removeprefix("state:") for n, k in self.nx.nodes(data="kind") if k == "state"
        )

    def cooperation(
        self, domain: str | None = None, state: str | None = None
    ) -> list[CooperationEdge]:
        """Cooperation edges, optionally on a domain (and everything under it) or with a state."""
        wanted = None
        if domain is not None:
            wanted = self.vocabulary.narrower(self.vocabulary.resolve_domain(domain))
        code = self.vocabulary.resolve_state(state) if state is not None else None
        out = []
        for u, v, data in self.nx.edges(data=True):
            if data["predicate"] != "cooperates_with":
                continue
            if wanted is not None and data["domain"] not in wanted:
                continue
            a, b = u.removeprefix("state:"), v.removeprefix("state:")
            if code is not None and code not in (a, b):
                continue
            out.append(
                CooperationEdge(
                    a,
                    b,
                    data["domain"],
                    data["support"],
                    data["confidence"],
                    tuple(data["evidence"]),
                    tuple(data["articles"]),
                )
            )
        return sorted(out, key=lambda c: (c.a, c.b, c.domain))
