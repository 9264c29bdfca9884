"""What coach asks and does during a real session: after each exercise, and on the p key.

The rules (docs/progression.md, CLINICAL.md "Red flags"):
- numbness or tingling around the genitals, buttocks or inner thighs, or new trouble
  with bladder or bowels: an emergency wherever it is reported. Stop at once, the same
  message as `coach check`, recorded as an emergency answer: sessions stay blocked
  until the person confirms a doctor has seen them;
- new or spreading numbness, tingling or weakness in a leg: stop, and at once the
  emergency questions that follow from it (both legs or a leg getting weaker; bladder
  or bowels). A "yes" is an emergency as above; otherwise contact the therapist or GP.
  The warning-sign check runs before the next session either way;
- pain at the stop rule (8 or more): stop for today;
- pain above the limit (6-7): said plainly (lighter next time), and the person
  chooses whether to go on.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from coach.domain.model import ProgressionSettings
from coach.domain.session_record import SessionRecord
from coach.domain.warning_signs import Reported
from coach.errors import CoachError
from coach.files.paths import Paths
from coach.files.session_store import Store
from coach.i18n import _
from coach.live import session_questions, warning_check
from coach.live.console import report_error
from coach.live.prompts import Asker
from coach.live.session_outcome import Hurt


@dataclass
class SymptomWatch:
    record: SessionRecord
    store: Store
    paths: Paths
    asker: Asker
    console: Console
    settings: ProgressionSettings
    names: dict[int, str]  # exercise index to its name in the session's language
    emergency: bool = False  # an emergency sign was reported: no cheerful extras after
    unsaved: bool = False  # a save failed (said once)

    def _stop(self, reason: str) -> None:
        """Stop the session: what to do is said first, then the answers are saved."""
        self.record.stop_reason = reason
        if reason == "emergency":
            self.emergency = True
            warning_check.report_sign(self.paths, self.console, Reported.SADDLE_OR_BLADDER)
        elif reason == "leg":
            self.console.print(session_questions.leg_stop_line())
            self._keep()  # the leg "yes" and the stop, before the questions that follow
            check = warning_check.report_leg(self.paths, self.asker, self.console)
            if check.emergency:  # its panel is shown, the answer saved: as for the saddle
                self.emergency = True
                self.record.stop_reason = "emergency"
            else:
                self.console.print(session_questions.stop_guidance(reason, self.settings.pain_stop))
        elif reason != "pain-exercise":  # the person chose to stop: nothing more to say
            self.console.print(session_questions.stop_guidance(reason, self.settings.pain_stop))
        self._keep()

    def _keep(self) -> None:
        """Save the answers so far. A disk that fills up mid-session is said once, and the
        questions go on: a warning sign must still be asked about and answered."""
        try:
            self.store.save(self.record)
        except CoachError as exc:
            if not self.unsaved:
                report_error(exc)
            self.unsaved = True

    def after_exercise(self, index: int) -> bool:
        """The questions after exercise `index`; False ends the session (work kept)."""
        answers = self.record.exercises[index].answers
        session_questions.after_exercise(self.asker, self.names[index], answers, self._keep)
        pain = answers.pain
        if answers.saddle:
            self._stop("emergency")
            return False
        if answers.leg:  # before the pain stop: a leg sign is never lost behind high pain
            self._stop("leg")
            return False
        if pain is not None and pain >= self.settings.pain_stop:
            self._stop("pain")
            return False
        if pain is not None and pain > self.settings.pain_during_max:
            more = index + 1 < len(self.record.exercises)
            limit = self.settings.pain_during_max
            if not session_questions.above_limit(self.asker, self.console, pain, limit, more):
                self._stop("pain-exercise")
                return False
        return True

    def hurt(self, index: int) -> Hurt:
        """The p key during exercise `index`: the pain now, and what to do with it."""
        pain = session_questions.pain_now_during(self.asker)
        if pain is None:
            return Hurt.GO_ON
        answers = self.record.exercises[index].answers
        answers.hurt.append(pain)
        self._keep()
        if pain >= self.settings.pain_stop:
            self._stop("pain")
            return Hurt.STOP
        if pain > self.settings.pain_during_max:
            session_questions.say_above_limit(self.console, pain, self.settings.pain_during_max)
            if self.asker.yes_no(
                _("Stop this exercise and go on with the next one?"), default=True
            ):
                answers.cut_short = True
                self._keep()
                return Hurt.NEXT_EXERCISE
            return Hurt.GO_ON
        self.console.print(
            Text(
                _(
                    "Pain {pain}: within the limit. Go on calmly, and press p again if it rises."
                ).format(pain=pain)
            )
        )
        return Hurt.GO_ON
