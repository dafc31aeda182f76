"""event_kinds: the kind of incident an event reports, from the words of its headlines and leads.

Two stories can share their actors, place and vocabulary and still be two events: the death of a movement's
leader and the movement's first attack after it; a suicide bombing in a Turkish town and Turkey's air strikes
on the bombers' group days later; the search for one lost airliner and a vote on a tribunal for another that
was shot down. Words alone join them; what tells them apart is what happened. rules/events.yaml `incidents`
lists, by kind (attack, airstrike, crash, vote...), the words a headline uses to report one; an article's kinds
are those its title names, and those its title or lead (its first LEAD_WORDS words, event_vectors) names.

A report joins an event (Kinds.admits) when
  - every incident its headline names is named by at least KIND_SHARE of the event's coverage, in a title or a
    lead (one report's background line, "he led the attacks", does not make a death an attack); and
  - every incident at least HEAD_SHARE of the event's headlines name is named in the report's title or lead
    (a report on air strikes that never names the bombing is not coverage of the bombing).
What follows an incident (deaths, funerals, condemnations, arrests) is no kind, so it fits any event, and an
article or event that names no incident is never refused for it. Two events (event_merge) join on the first
test, the later one as the report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

KIND_SHARE = 0.25  # of an event's articles that must name an incident a joining headline names
HEAD_SHARE = 0.5  # of an event's headlines that name an incident: then it is what the event reports


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low
        mask ^= low


@dataclass
class Kinds:
    """The incident kinds of an event's articles: how many titles, and how many titles or leads, name each."""

    size: int = 0
    heads: dict = field(default_factory=dict)  # kind bit -> titles that name it
    leads: dict = field(default_factory=dict)  # kind bit -> articles whose title or lead names it

    @classmethod
    def of(cls, head: int, lead: int) -> "Kinds":
        k = cls()
        k.add(head, lead)
        return k

    def add(self, head: int, lead: int) -> None:
        """One article: the kinds its title names (`head`) and those its title or lead names (`lead`)."""
        self.size += 1
        for bit in _bits(head):
            self.heads[bit] = self.heads.get(bit, 0) + 1
        for bit in _bits(lead):
            self.leads[bit] = self.leads.get(bit, 0) + 1

    def update(self, other: "Kinds") -> None:
        self.size += other.size
        for mine, theirs in ((self.heads, other.heads), (self.leads, other.leads)):
            for bit, count in theirs.items():
                mine[bit] = mine.get(bit, 0) + count

    def headlined(self, share: float = 0.0) -> int:
        """The kinds more than `share` of the titles name (share 0: any title)."""
        mask = 0
        for bit, count in self.heads.items():
            if count > 0 and count >= share * self.size:
                mask |= bit
        return mask

    def names(self, mask: int) -> bool:
        """Whether KIND_SHARE of the articles name, in a title or a lead, every kind of `mask`."""
        return all(self.leads.get(bit, 0) >= KIND_SHARE * self.size for bit in _bits(mask))

    def admits(self, later: "Kinds", named: bool = True) -> bool:
        """Whether `later` (a report, or a later event) may join this event (see the module's docstring).
        named=False leaves out the second test: a piece of a story the stream left apart (event_merge) is
        often its follow-ups, which need not name the incident again."""
        if not (self.heads or later.heads):
            return True
        if not self.names(later.headlined()):
            return False
        return not named or later.names(self.headlined(HEAD_SHARE))
