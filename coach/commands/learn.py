"""`coach learn`: short topics about low back pain."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.commands import completion
from coach.commands.common import console
from coach.domain.limits import whole_number
from coach.i18n import N_


def learn(
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar=N_("TOPIC"),
            help="A topic id or number.",
            autocompletion=completion.learn_topics,
        ),
    ] = None,
) -> None:
    """Short topics about low back pain: what it is, moving, load, when to see a doctor."""
    from coach.files import learn_topics as topics_module  # noqa: PLC0415
    from coach.live import library_views  # noqa: PLC0415

    topics = topics_module.topics()
    if topic is None:
        console().print(library_views.topic_list(topics))
        return
    number = whole_number(topic)
    if number is not None and 1 <= number <= len(topics):
        chosen = topics[number - 1]
    else:
        chosen = topics_module.find(topic, topics)
    console().print(library_views.topic_view(chosen))
