"""`coach learn`: short topics about low back pain, in Dutch and English, with sources.

Each topic is a TOML file in coach/content/learn/: a title, a Markdown body of
about one screen, one to three "did you know" lines shown after sessions, and
its sources. Validated like every other file coach reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coach.domain.limits import ID_PATTERN
from coach.domain.model import LocalList, LocalText
from coach.errors import CoachError, InvalidFileError, Problem, did_you_mean
from coach.files.regular_files import toml_files
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader
from coach.i18n import _

TOPICS_DIR = Path(__file__).parent.parent / "content" / "learn"


@dataclass(frozen=True)
class Topic:
    id: str
    order: int
    title: LocalText
    body: LocalText  # Markdown
    facts: LocalList  # "did you know" lines
    sources: tuple[str, ...]


def _topic(path: Path, problems: list[Problem]) -> Topic | None:
    try:
        data = read_toml(path)
    except InvalidFileError as exc:
        problems.extend(exc.problems)
        return None
    before = len(problems)
    r = Reader(data, path, problems)
    topic_id = r.string(
        "id", pattern=ID_PATTERN, pattern_hint=_("lowercase letters, digits and dashes")
    )
    order = r.integer("order", 1, 99)
    title = r.local_text("title")
    body = r.local_text("body")
    facts = r.local_list("facts")
    sources = r.strings("sources")
    r.finish()
    if len(problems) > before or None in (topic_id, order, title, body, facts):
        return None
    assert topic_id and order and title and body and facts  # noqa: S101 -- checked above
    return Topic(topic_id, order, title, body, facts, sources)


def topics(folder: Path = TOPICS_DIR) -> list[Topic]:
    problems: list[Problem] = []
    found = [t for p in toml_files(folder) if (t := _topic(p, problems))]
    if problems:
        raise InvalidFileError(problems)
    return sorted(found, key=lambda t: (t.order, t.id))


def find(topic_id: str, all_topics: list[Topic]) -> Topic:
    for topic in all_topics:
        if topic.id == topic_id:
            return topic
    guess = did_you_mean(topic_id, [t.id for t in all_topics])
    message = (
        _('unknown topic "{id}"; did you mean "{suggestion}"?').format(
            id=topic_id, suggestion=guess
        )
        if guess
        else _('unknown topic "{id}"').format(id=topic_id)
    )
    raise CoachError(message, _("List the topics with: coach learn"))


def did_you_know(all_topics: list[Topic], lang: str, day: date, turn: int = 0) -> str | None:
    """One fact, rotating: a different one each day (and each session of the day)."""
    facts = [fact for t in all_topics for fact in t.facts.get(lang)]
    if not facts:
        return None
    return facts[(day.toordinal() + turn) % len(facts)]
