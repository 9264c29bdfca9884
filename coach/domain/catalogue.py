"""The exercise library as loaded: every definition by id, and which are the user's own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from coach.domain.model import Exercise
from coach.errors import CoachError, did_you_mean
from coach.i18n import _


@dataclass(frozen=True)
class Library:
    exercises: Mapping[str, Exercise]
    overridden: frozenset[str]  # built-in ids replaced by a user definition
    user_ids: frozenset[str]  # ids defined by the user (new or overriding)
    skipped: tuple[str, ...] = field(default=())  # files left out, each said in one line

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise CoachError(
                self.unknown_message(exercise_id),
                _("List the exercises with: coach exercises list"),
            ) from None

    def unknown_message(self, exercise_id: str) -> str:
        guess = did_you_mean(exercise_id, self.exercises)
        if guess:
            return _('unknown exercise "{id}"; did you mean "{suggestion}"?').format(
                id=exercise_id, suggestion=guess
            )
        return _('unknown exercise "{id}"').format(id=exercise_id)
