"""New leg symptoms in a session: the emergency questions that follow, asked right then.

CLINICAL.md ("Leg symptoms", NHG LRS 2015): weakness in both legs or a leg getting weaker
needs a doctor at once, so the follow-up questions are asked when the symptom is reported,
not at the next session. Through the real CLI, in English and in Dutch.
"""

from __future__ import annotations

import io
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from rich.console import Console

from coach.domain.warning_signs import SIGNS, Reason, Reported, blocked, due, to_ask
from coach.files import check_log
from coach.files.paths import get_paths
from coach.i18n import _, set_language
from coach.live import warning_check
from coach.live.prompts import Asker
from tests.conftest import Run, outcome_skips

YES = {"en": "y", "nl": "j"}
SIGN = {s.id: s for s in SIGNS}
# Pain now skipped; after the bird-dog: pain 3, about right, no saddle numbness, leg yes.
TO_THE_LEG = ["", "3", "2", "", "y"]


@pytest.fixture(autouse=True)
def _instant(instant: None) -> None:
    """Every session here runs on the instant clock."""


def on(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(day + "T09:00:00+01:00"), tick=False)


def flat(text: str) -> str:
    """The output with rich's line wrapping, and the sides of its panels, undone."""
    return " ".join(text.replace("│", " ").split())


def said(lang: str, msgid: str) -> str:
    """`msgid` as coach says it in `lang`, its line wrapping undone."""
    set_language(lang)
    try:
        return flat(_(msgid))
    finally:
        set_language("en")


def start(run: Run, lang: str, answers: list[str], *, end: bool = True) -> Any:
    text = "\n".join([*outcome_skips(), *answers]) + ("\n" if end else "")
    return run("--lang", lang, "start", "--skip-check", input=text)


def checks(home: Path) -> list[dict[str, Any]]:
    found = [tomllib.loads(p.read_text()) for p in (home / "checks").glob("*.toml")]
    return sorted(found, key=lambda c: c["when"])


def sessions(home: Path) -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text()) for p in sorted((home / "sessions").rglob("*.toml"))]


LEGS = SIGN["legs"].question
BLADDER = SIGN["bladder"].question
SIGN_TO_STOP = "New or spreading numbness, tingling or weakness in a leg is a sign to stop."
CONTACT = (
    "Stop exercising for today and contact your therapist or your GP about it. Before your "
    "next session coach asks the warning-sign questions again."
)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_both_no_is_the_leg_stop_with_the_answers_in_its_check(
    run: Run, coach_home: Path, lang: str
) -> None:
    with on("2026-11-02"):
        result = start(run, lang, [*TO_THE_LEG[:4], YES[lang], "n", "n"])
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    stop, legs, bladder = (said(lang, m) for m in (SIGN_TO_STOP, LEGS, BLADDER))
    contact = said(lang, CONTACT)
    # The stop first, then the questions, then the advice that ends the session.
    assert text.index(stop) < text.index(legs) < text.index(bladder) < text.index(contact)
    assert text.count(stop) == 1
    intro = said(lang, "Two more questions, to find out whether you should call a doctor today:")
    assert text.index(stop) < text.index(intro) < text.index(legs)
    if lang == "nl":
        assert "Two more questions" not in text and "(j/n)" in text
    assert said(lang, "Call a doctor now") not in text
    # The saddle was asked in the question before the leg one: not again.
    assert said(lang, SIGN["saddle"].question) not in text
    (check,) = checks(coach_home)
    assert check["reason"] == "session" and check["reported"] == "leg"
    assert check["answers"] == {"legs": False, "bladder": False}
    (record,) = sessions(coach_home)
    assert record["stop_reason"] == "leg"
    assert record["exercises"][0]["answers"]["leg"] is True
    # Read back: the same answers, not an emergency, and the full check before the next session.
    loaded, problems = check_log.load(get_paths())
    assert problems == []
    (back,) = loaded
    assert back.reported is Reported.LEG and back.answers == {"legs": False, "bladder": False}
    assert not back.emergency and blocked(loaded) is None
    assert due(loaded, datetime.now().astimezone()) is Reason.SYMPTOMS
    with on("2026-11-04"):
        nxt = run("--lang", lang, "start", input="\n".join(["n"] * len(to_ask([]))) + "\n")
    again = "Last time you noticed new symptoms in a leg, so first the warning-sign questions."
    assert said(lang, again) in flat(nxt.stdout)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_leg_getting_weaker_is_an_emergency(run: Run, coach_home: Path, lang: str) -> None:
    with on("2026-11-02"):
        result = start(run, lang, [*TO_THE_LEG[:4], YES[lang], YES[lang]])
    assert result.exit_code == 3, result.output
    text = flat(result.stdout)
    assert said(lang, "Call a doctor now") in text
    assert (
        said(lang, "weakness, numbness or tingling in both legs, or a leg getting weaker") in text
    )
    assert "huisartsenpost" in text and "112" in text
    assert said(lang, BLADDER) not in text  # an emergency "yes" ends the questions at once
    assert said(lang, CONTACT) not in text  # the emergency advice, not the leg advice
    assert said(lang, "Did you know?") not in text
    assert said(lang, "A note about today, for you or your therapist") not in text
    (check,) = checks(coach_home)
    assert check["reported"] == "leg" and check["answers"] == {"legs": True}
    (record,) = sessions(coach_home)
    assert record["stop_reason"] == "emergency"
    loaded, _problems = check_log.load(get_paths())
    assert loaded[0].emergency and blocked(loaded) is loaded[0]
    # Sessions are blocked until a doctor has seen the person.
    with on("2026-11-03"):
        nxt = start(run, lang, ["n"])
    assert nxt.exit_code == 3
    asked = said(lang, "Has a doctor seen you about this since {day}?").format(day="2026-11-02")
    assert asked in flat(nxt.stdout)
    assert len(sessions(coach_home)) == 1


def test_bladder_trouble_after_a_leg_no_is_an_emergency(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, "en", [*TO_THE_LEG, "n", "y"])
    assert result.exit_code == 3, result.output
    assert "new trouble passing urine, or loss of bladder or bowel control" in flat(result.stdout)
    (check,) = checks(coach_home)
    assert check["answers"] == {"legs": False, "bladder": True}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_end_of_input_at_the_follow_up_is_no_answer(
    run: Run, coach_home: Path, lang: str
) -> None:
    with on("2026-11-02"):
        result = start(run, lang, [*TO_THE_LEG[:4], YES[lang]])  # then the input ends
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert said(lang, LEGS) in text
    assert said(lang, CONTACT) in text  # the advice still comes
    (check,) = checks(coach_home)
    assert check["reported"] == "leg" and check["answers"] == {}  # unknown, not "no"
    loaded, _problems = check_log.load(get_paths())
    assert due(loaded, datetime.now().astimezone()) is Reason.SYMPTOMS


def test_the_end_of_input_after_one_answer_keeps_that_one(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, "en", [*TO_THE_LEG, "n"])
    assert result.exit_code == 0, result.output
    (check,) = checks(coach_home)
    assert check["answers"] == {"legs": False}  # bladder: unknown


def test_enter_is_not_a_no(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, "en", [*TO_THE_LEG, *[""] * 5, "n"])
    assert result.exit_code == 0, result.output
    assert "Please answer y (yes) or n (no)." in result.stdout
    assert "contact your therapist or your GP" in flat(result.stdout)  # the advice still comes
    (check,) = checks(coach_home)
    assert check["answers"] == {"bladder": False}  # no valid answer to legs: unknown


class Answers(Asker):
    """A session asker that answers from a list."""

    def __init__(self, *replies: str) -> None:
        super().__init__(Console(file=io.StringIO()))
        self.replies = list(replies)

    def _read(self, question: str, default: str | None) -> str:
        return self.replies.pop(0)


def test_each_answer_is_saved_as_given_and_the_panel_comes_first(
    coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    console = Console(file=out, width=80)
    saved: list[tuple[dict[str, bool], bool, Path | None]] = []
    real = check_log.save

    def save(paths: Any, check: Any, replace: Path | None = None) -> Path:
        saved.append((dict(check.answers), "Call a doctor now" in out.getvalue(), replace))
        return real(paths, check, replace)

    monkeypatch.setattr(warning_check, "save", save)
    check = warning_check.report_leg(get_paths(), Answers("n", "y"), console)
    assert check.emergency and check.answers == {"legs": False, "bladder": True}
    first = check_log.checks_dir(get_paths()) / f"{check.id}.toml"
    assert saved == [
        ({}, False, None),  # the leg report, before the questions
        ({"legs": False}, False, first),
        ({"legs": False, "bladder": True}, True, first),  # the panel before the "yes" is written
    ]
    assert len(checks(coach_home)) == 1  # one check, written again as answers came


def test_a_leg_getting_weaker_on_a_full_disk_still_blocks(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import errno
    import os
    import tempfile

    from coach.live import session_questions

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # marks stay in this test
    (tmp_path / "tmp").mkdir()
    full = False
    real_fsync, real_after = os.fsync, session_questions.after_exercise

    def fsync(fd: int) -> None:
        if full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    def disk_fills_up(*args: Any) -> Any:
        nonlocal full
        full = True  # after the first exercise nothing can be written
        return real_after(*args)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(session_questions, "after_exercise", disk_fills_up)
    with on("2026-11-02"):
        result = start(run, "en", [*TO_THE_LEG, "y"])
    assert result.exit_code == 3, result.output
    out = flat(result.stdout)
    assert "Call a doctor now" in out and "could not be saved in full" in out
    assert "Traceback" not in result.output
    full = False
    with on("2026-11-03"):
        blocked_now = start(run, "en", ["n"])
    assert blocked_now.exit_code == 3
    assert "Has a doctor seen you about this since 2026-11-02" in blocked_now.stdout
