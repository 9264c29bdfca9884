"""coach learn: the topics, in both languages, with sources; the rotating 'did you know'."""

from __future__ import annotations

from datetime import date

from coach.files.learn_topics import did_you_know, topics
from tests.conftest import Run

REQUIRED = {
    "what-it-is",
    "bucket",
    "keep-moving",
    "how-coach-builds",
    "healthy-habits",
    "prevent-recurrence",
    "when-to-see-a-doctor",
    "direct-access",
}


def test_topics_are_complete_in_both_languages() -> None:
    found = topics()
    assert {t.id for t in found} == REQUIRED
    assert [t.order for t in found] == list(range(1, 9))
    for topic in found:
        assert topic.sources, topic.id
        for text in (topic.title, topic.body):
            assert text.nl.strip() and text.en.strip() and text.nl != text.en, topic.id
        assert len(topic.facts.nl) == len(topic.facts.en) >= 1
        # About one screen each.
        assert len(topic.body.en.strip().splitlines()) <= 22, topic.id


def test_red_flags_topic_sends_to_the_gp() -> None:
    doctor = next(t for t in topics() if t.id == "when-to-see-a-doctor")
    assert "huisartsenpost" in doctor.body.nl and "112" in doctor.body.en
    assert "coach check" in doctor.body.en


def test_learn_list_and_show(run: Run) -> None:
    listing = run("learn").stdout
    assert "The bucket: how much can your back take?" in listing
    shown = run("learn", "2").stdout
    assert "bucket" in shown and "Sources" in shown
    dutch = run("--lang", "nl", "learn", "keep-moving").stdout
    assert "Waarom bewegen helpt" in dutch and "Bronnen" in dutch


def test_unknown_topic(run: Run) -> None:
    result = run("learn", "buckt")
    assert result.exit_code == 1 and 'did you mean "bucket"' in result.stderr


def test_did_you_know_rotates() -> None:
    found = topics()
    day = date(2026, 11, 23)
    first, second = did_you_know(found, "en", day), did_you_know(found, "en", day, turn=1)
    assert first and second and first != second
    assert did_you_know(found, "nl", day) != first
