"""Redaction spans: what was found where, how overlaps are settled, and how text is rewritten.

Pure: stdlib only. A span never carries the value it covers: results are shown to reviewers
and stored with disclosures (DESIGN §5, issue 6 point 4), and an identity copied into that
record would defeat the redaction. The review UI highlights the span in the original text,
which it already holds under access control.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any


class EntityKind(StrEnum):
    PERSON = "person"
    DATE_OF_BIRTH = "date_of_birth"
    ADDRESS = "address"
    NATIONAL_ID = "national_id"
    IBAN = "iban"
    PHONE = "phone"
    EMAIL = "email"
    OTHER = "other"


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of the source text and its replacement."""

    start: int
    end: int
    kind: EntityKind
    token: str
    rule: str
    # True when the engine is not sure (checksum-invalid look-alike, a name part shared by two
    # people): the text is still replaced (over-redaction can be undone by the reviewer,
    # a leak cannot), but the review UI must show the flag before a disclosure.
    doubt: bool = False
    # Rank among overlapping candidates; higher wins after length (see resolve_overlaps).
    priority: int = 0

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"empty or negative span {self.start}:{self.end}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            kind=EntityKind(data["kind"]),
            token=str(data["token"]),
            rule=str(data["rule"]),
            doubt=bool(data.get("doubt", False)),
            priority=int(data.get("priority", 0)),
        )


def resolve_overlaps(candidates: Iterable[Span]) -> list[Span]:
    """Turn overlapping candidates into disjoint spans, never uncovering any character.

    Overlapping candidates form a cluster that becomes one span covering their union, so a
    partially overlapping loser (a phone number running into a date, say) cannot leave its
    tail in clear. The cluster takes the kind and token of its longest member (ties: higher
    priority, then a confident member over a doubtful one), so an e-mail address containing a
    victim's name becomes ``[EMAIL]``, and "Elena Dumitru" matched as the guardian's full name
    beats the shared surname "Dumitru" of the victim.
    """
    ordered = sorted(candidates, key=lambda span: (span.start, span.end))
    clusters: list[list[Span]] = []
    cluster_end = -1
    for span in ordered:
        if clusters and span.start < cluster_end:
            clusters[-1].append(span)
            cluster_end = max(cluster_end, span.end)
        else:
            clusters.append([span])
            cluster_end = span.end
    resolved: list[Span] = []
    for cluster in clusters:
        best = max(cluster, key=lambda s: (s.end - s.start, s.priority, not s.doubt))
        start = min(s.start for s in cluster)
        end = max(s.end for s in cluster)
        resolved.append(replace(best, start=start, end=end))
    return resolved


def merge_adjacent(spans: Sequence[Span], source: str, joiners: re.Pattern[str]) -> list[Span]:
    """Merge neighbouring spans with the same token when only ``joiners`` separate them.

    "DUMITRU, Alexandra-Ioana" is found as three name parts of one person; the reader should
    see one ``[V1]``, not ``[V1], [V1]-[V1]``.
    """
    merged: list[Span] = []
    for span in spans:
        if merged:
            last = merged[-1]
            gap = source[last.end : span.start]
            if last.token == span.token and joiners.fullmatch(gap):
                merged[-1] = replace(last, end=span.end, doubt=last.doubt or span.doubt)
                continue
        merged.append(span)
    return merged


def apply_spans(source: str, spans: Sequence[Span]) -> str:
    """Replace each span of ``source`` by its token; spans must be disjoint and in range.

    This is also how a reviewer's edits are applied: the UI sends back the edited span list.
    """
    pieces: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            raise ValueError(f"overlapping spans at {span.start}")
        if span.end > len(source):
            raise ValueError(f"span {span.start}:{span.end} beyond the text")
        pieces.append(source[position : span.start])
        pieces.append(span.token)
        position = span.end
    pieces.append(source[position:])
    return "".join(pieces)
