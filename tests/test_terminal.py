"""Real-terminal tests through a pseudo-terminal: keys, saving on q, terminal restore.

These run `coach start` for real at a high --speed, so they take a few seconds.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pexpect
import pytest

from coach.files.paths import Paths
from coach.files.session_store import Store

pytestmark = pytest.mark.reliability

PYTHON = sys.executable
# Three seconds to get ready: these tests are about keys and signals, not getting down.
START = [PYTHON, "-m", "coach", "start", "bird-dog", "--skip-check", "--get-ready", "3"]


def env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "COACH_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "COLUMNS": "80",
        "LINES": "24",
    }


# What a shell leaves ignored in a background job (`pytest &`), or a harness in its children.
CHILD_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGTSTP)


def default_signals() -> None:
    """In the child before exec: every signal as a terminal delivers it, whoever started us.

    Started with SIGINT ignored, Python would install no KeyboardInterrupt handler, and
    Ctrl-C in these tests would hang instead of reaching coach.
    """
    for number in CHILD_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def spawn(
    argv: list[str], home: Path, preexec: Callable[[], None] = default_signals
) -> pexpect.spawn[str]:
    """`argv` in an 80x24 pseudo-terminal; `preexec` runs in the child before it starts."""
    child = pexpect.spawn(
        argv[0],
        argv[1:],
        env=env(home),
        dimensions=(24, 80),
        timeout=20,
        encoding="utf-8",
        preexec_fn=preexec,
    )
    return child


def test_children_get_default_signals_even_from_a_background_job(tmp_path: Path) -> None:
    script = "import signal; print('SIGINT', signal.getsignal(signal.SIGINT).__name__)"
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as in `pytest &`
    try:
        child = spawn([PYTHON, "-c", script], tmp_path)
        child.expect(pexpect.EOF)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert "SIGINT default_int_handler" in (child.before or "")


def sessions(home: Path) -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text()) for p in sorted((home / "sessions").rglob("*.toml"))]


def test_pause_and_skip_keys(tmp_path: Path) -> None:
    child = spawn([*START, "--sets", "1", "--reps", "1", "--speed", "6"], tmp_path)
    child.expect("G E T   R E A D Y")
    child.send(" ")
    child.expect("P A U S E D")
    time.sleep(0.3)  # paused: nothing moves on
    child.send(" ")
    child.expect("G E T   R E A D Y")
    child.send("n")  # skip the get-ready countdown
    child.expect("MOVE INTO POSITION")
    child.send("n")
    child.expect("H O L D")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (record,) = sessions(tmp_path)
    assert record["status"] == "complete"
    (exercise,) = record["exercises"]
    assert exercise["skipped"] == 2
    assert [d["reps"] for d in exercise["done"]] == [1, 1]


def test_q_saves_a_partial_session(tmp_path: Path) -> None:
    child = spawn([*START, "--sets", "2", "--reps", "1", "--speed", "20"], tmp_path)
    child.expect("set 2/2")  # the first set is done and saved
    child.send("q")
    child.expect("Stop the session?")
    child.send("y")
    child.expect("Session stopped early. What you did has been saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (record,) = sessions(tmp_path)
    assert record["status"] == "stopped"
    done = record["exercises"][0]["done"]
    assert {(d["set"], d["side"]) for d in done} >= {(1, "left"), (1, "right")}


def test_q_then_n_throws_the_session_away(tmp_path: Path) -> None:
    child = spawn([*START, "--sets", "2", "--reps", "1", "--speed", "20"], tmp_path)
    child.expect("set 2/2")
    child.send("q")
    child.expect("Stop the session?")
    child.send("n")
    child.expect("Throw away what you did today?")  # a second yes is needed
    child.send("y")
    child.expect("nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert sessions(tmp_path) == []


def _wrapped(tmp_path: Path, extra: str = "") -> pexpect.spawn[str]:
    """A shell prints the terminal settings before and after coach runs."""
    argv = " ".join(START)
    script = f"stty -g; {argv} --sets 3 --reps 2 --speed 4 {extra}; echo RC=$?; stty -g"
    return spawn(["/bin/bash", "-c", script], tmp_path)


def _settings(child: pexpect.spawn[str]) -> tuple[str, str, int]:
    child.expect(pexpect.EOF)
    lines = [line.strip() for line in (child.before or "").splitlines()]
    settings = [line for line in lines if line.count(":") > 10]
    rc = next(int(line[3:]) for line in lines if line.startswith("RC="))
    return settings[0], settings[-1], rc


def test_terminal_restored_after_ctrl_c(tmp_path: Path) -> None:
    child = _wrapped(tmp_path)
    child.expect("G E T   R E A D Y")
    child.sendintr()
    child.expect("Stop the session?")
    child.send("y")
    before, after, rc = _settings(child)
    assert rc == 130
    assert before == after
    assert "\x1b[?1049l" in (child.before or "")  # the alternate screen was left
    assert "\x1b[?25h" in (child.before or "")  # the cursor is back


def test_terminal_restored_after_sigterm(tmp_path: Path) -> None:
    child = _wrapped(tmp_path)
    child.expect("G E T   R E A D Y")
    pid = int((tmp_path / "session.lock").read_text().split()[0])  # the holder's note
    os.kill(pid, signal.SIGTERM)
    before, after, rc = _settings(child)
    assert rc == 143
    assert before == after
    (record,) = sessions(tmp_path)
    assert record["status"] == "stopped"


def test_terminal_restored_after_a_normal_end(tmp_path: Path) -> None:
    child = spawn(
        [
            "/bin/bash",
            "-c",
            f"stty -g; {' '.join(START)} --sets 1 --reps 1 --speed 20; echo RC=$?; stty -g",
        ],
        tmp_path,
    )
    before, after, rc = _settings(child)
    assert (rc, before) == (0, after)


def test_second_session_is_refused_while_one_runs(tmp_path: Path) -> None:
    child = spawn([*START, "--speed", "2"], tmp_path)
    child.expect("G E T   R E A D Y")
    second = subprocess.run(
        [*START, "--plain"], env=env(tmp_path), capture_output=True, text=True, check=False
    )
    assert second.returncode == 1
    assert "Another coach session is running" in second.stderr
    child.sendintr()
    child.expect("Stop the session?")
    child.send("n")
    child.expect("Throw away what you did today?")
    child.send("y")
    child.expect(pexpect.EOF)


@pytest.mark.parametrize("seed", range(4))
def test_kill_9_keeps_every_completed_set(tmp_path: Path, seed: int) -> None:
    """kill -9 at a random moment: the store stays readable and holds every finished set."""
    rng = random.Random(seed)
    proc = subprocess.Popen(
        [*START, "--sets", "4", "--reps", "1", "--speed", "80", "--plain"],
        env=env(tmp_path),
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    deadline = time.monotonic() + rng.uniform(0.2, 1.2)
    output = b""
    while (left := deadline - time.monotonic()) > 0:
        ready, _w, _x = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            output += chunk
    proc.kill()
    proc.wait()
    output += proc.stdout.read()
    lines = output.decode().splitlines()
    finished_sets = [line for line in lines if ": done" in line and " set " in line]
    history = Store(Paths(tmp_path, tmp_path)).history()
    assert history.problems == []
    if not finished_sets:
        return  # killed before the first set ended: nothing had to be kept
    (record,) = history.sessions
    saved = {d.set_no for d in record.exercises[0].done if d.reps}
    assert saved >= set(range(1, len(finished_sets) + 1))


def sigterm_saves_and_exits_143(child: pexpect.spawn[str], home: Path) -> None:
    """SIGTERM now: the session is saved as stopped, 143, nothing more asked.

    Had coach waited for an answer, the EOF would never come: no timing is asserted.
    """
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF, timeout=15)
    child.close()
    assert child.exitstatus == 143
    assert "A note about today" not in (child.before or "")
    (record,) = sessions(home)
    assert record["status"] == "stopped"


def test_sigterm_in_a_programme_session_saves_and_asks_nothing(tmp_path: Path) -> None:
    """With stdin still open, SIGTERM must not wait for the closing note: 143 at once."""
    child = spawn([PYTHON, "-m", "coach", "start", "--skip-check", "--get-ready", "3"], tmp_path)
    child.expect("average over the last week")  # the first session's outcome question
    child.sendline("")
    child.expect("Pain in your back right now")
    child.sendline("2")
    child.expect("Press Enter to start")
    child.sendline("")
    child.expect("G E T   R E A D Y")
    sigterm_saves_and_exits_143(child, tmp_path)


@pytest.mark.parametrize(
    ("phase", "keys"),
    [
        ("G E T   R E A D Y", ""),
        ("MOVE INTO POSITION", "n"),
        ("H O L D", "nn"),
        ("P A U S E D", " "),
        ("R E S T", "nnnnnnnn"),  # through set 1 (both sides) to the rest after it
    ],
)
def test_sigterm_in_every_phase_saves_and_exits_143(tmp_path: Path, phase: str, keys: str) -> None:
    """SIGTERM at any moment of the live view: saved as stopped, 143 at once, nothing asked."""
    child = spawn([*START, "--sets", "2", "--reps", "1", "--hold", "30", "--speed", "8"], tmp_path)
    child.expect("G E T   R E A D Y")
    child.send(keys)
    child.expect(phase)
    sigterm_saves_and_exits_143(child, tmp_path)


def test_sigterm_ends_breaks_with_143(tmp_path: Path) -> None:
    child = spawn([PYTHON, "-m", "coach", "breaks"], tmp_path)
    child.expect("Movement breaks")
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF, timeout=15)  # a loaded machine: the exit code is what counts
    child.close()
    assert child.exitstatus == 143
    assert list((tmp_path / "breaks").rglob("*.toml"))  # the day was saved


QUICK = """\
schema = 1
sessions_per_week = 3
[title]
nl = "Snel"
en = "Quick"
[[exercises]]
id = "tiny"
[[exercises]]
id = "my-stretch"
sets = 1
reps = 6
hold_s = 5
"""


def tiny_exercise(home: Path) -> None:
    """A user definition whose whole session takes a few seconds: 1 rep, no hold."""
    text = (Path(__file__).parent / "fixtures" / "my-stretch.toml").read_text()
    text = text.replace('id = "my-stretch"', 'id = "tiny"')
    text = text.replace(
        'sets = 2\nreps = 8\nsides = "each"\nhold_s = 5',
        (
            'sets = 1\nreps = 1\nsides = "none"\nhold_s = 0\nmove_s = 0\nreturn_s = 0\n'
            "rest_after_s = 0"
        ),
    )
    text = text.replace(
        "sets = [1, 3]\nreps = [6, 10]\nhold_s = [5, 10]",
        ("sets = [1, 1]\nreps = [1, 2]\nhold_s = [0, 1]"),
    )
    folder = home / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.toml").write_text(text)
    (folder / "my-stretch.toml").write_text(
        (Path(__file__).parent / "fixtures" / "my-stretch.toml").read_text()
    )


def test_ctrl_c_during_the_questions_shows_the_prompt_and_esc_goes_on(tmp_path: Path) -> None:
    """A deliberate real-time test (about 7 s): a real session at speed 1 reaches its questions."""
    tiny_exercise(tmp_path)
    programme = tmp_path / "quick.toml"
    programme.write_text(QUICK)
    child = spawn(
        [
            PYTHON,
            "-m",
            "coach",
            "start",
            "--skip-check",
            "--get-ready",
            "3",
            "--programme",
            str(programme),
        ],
        tmp_path,
    )
    child.expect("average over the last week")  # the first session's outcome question
    child.sendline("")
    child.expect("Pain in your back right now")
    child.sendline("2")
    child.expect("Press Enter to start")
    child.sendline("")
    child.expect("highest pain during it", timeout=20)
    child.sendintr()
    child.expect("Stop the session?")  # the prompt is seen, in the live view again
    child.send("\x1b")  # Esc: go on
    # The questions the Ctrl-C cut short come again: no warning sign goes unasked.
    child.expect("highest pain during it")
    for answer in ("2", "", "n", "n"):
        child.sendline(answer)
    child.expect("G E T   R E A D Y")  # then the next exercise, on screen
    child.send("q")
    child.expect("Stop the session?")
    child.send("y")
    child.expect("A note about today")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0  # going on after Ctrl-C made it no interrupted session
    (record,) = sessions(tmp_path)
    assert record["status"] == "stopped"
    assert record["exercises"][0]["done"]  # the first exercise's rep is kept
