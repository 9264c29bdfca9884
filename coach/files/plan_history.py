"""The sessions and checks today's decisions are made from, for one programme.

The plan's own sessions build the load up. A new plan (another fingerprint) also carries
the sessions of the plan before from the day it was agreed (`agreed` in the programme
file), or else from the day it was put in use, and the next morning after the very last
session before it: what just happened to the exercises they share still counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from coach.domain import decisions
from coach.domain.decisions import HISTORY_SESSIONS, safety_holds
from coach.domain.model import Programme, local_day
from coach.domain.progression_rules import Decision, Hold
from coach.domain.seen import Morning
from coach.domain.session_record import SessionRecord
from coach.errors import CoachError
from coach.files.check_log import load
from coach.files.paths import Paths
from coach.files.session_store import Store


@dataclass
class PlanHistory:
    own: list[SessionRecord] = field(default_factory=list)
    carried: list[SessionRecord] = field(default_factory=list)
    since: date | None = None  # a new plan's history counts from this day
    morning_only: str = ""  # the id of the last session before it: only its next morning
    holds: list[Hold] = field(default_factory=list)
    problems: list[CoachError] = field(default_factory=list)

    @property
    def every(self) -> list[SessionRecord]:
        """The carried sessions and the plan's own, by their start."""
        return sorted([*self.carried, *self.own], key=lambda r: r.started)

    @property
    def last(self) -> SessionRecord | None:
        """The latest session of either: the one the morning question is about."""
        every = self.every
        return every[-1] if every else None

    @property
    def carries(self) -> bool:
        """A new plan that takes what happened before it into account."""
        return bool(self.carried) and not self.own

    def decide(
        self,
        programme: Programme,
        today: date,
        morning: Morning | None = None,
        pain_now: int | None = None,
    ) -> list[Decision]:
        """Today's decisions for `programme` from this history (`decisions.decisions`)."""
        return decisions.decisions(
            programme,
            self.own,
            today,
            morning,
            pain_now,
            carried=self.carried,
            holds=self.holds,
            morning_only=self.morning_only,
        )


def in_use_since(paths: Paths, today: date) -> date | None:
    """The day the current programme was put in use (`coach programme use` wrote it); a
    file written "in the future" (a clock set back since) counts as today."""
    try:
        stamp = paths.current_programme.stat().st_mtime
    except OSError:
        return None
    return min(local_day(datetime.fromtimestamp(stamp).astimezone()), today)


def plan_history(
    paths: Paths, store: Store, programme: Programme, fp: str, today: date
) -> PlanHistory:
    """What today's decisions for `programme` (fingerprint `fp`) are made from."""
    found = store.latest(HISTORY_SESSIONS, lambda r: r.counts)
    result = PlanHistory(problems=list(found.problems))
    result.own = [r for r in found.sessions if r.programme_id == fp]
    others = [r for r in found.sessions if r.programme_id != fp]
    since = programme.agreed or in_use_since(paths, today)
    if others and since is not None and since <= today:
        first_own = min((r.started for r in result.own), default=None)
        result.carried = [
            r for r in others if r.day >= since and (first_own is None or r.started < first_own)
        ]
        latest = others[-1]
        recent = today - timedelta(days=programme.progression.restart_after_days)
        day = latest.day
        if not result.own and latest not in result.carried and day > recent:
            result.carried.append(latest)  # its next morning is asked about today; its
            result.morning_only = latest.id  # pain the therapist knew when agreeing the plan
        result.since = since
    result.holds = holds_now(paths, today)
    return result


def holds_now(paths: Paths, today: date) -> list[Hold]:
    """What the warning-sign checks saved so far say about an increase today."""
    checks, _problems = load(paths)  # a file that can't be read is said by the gate
    return safety_holds(checks, today)
