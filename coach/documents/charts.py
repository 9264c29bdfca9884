"""Terminal charts drawn by plotext (imported only when a chart is drawn: it is slow to load)."""

from __future__ import annotations

from collections.abc import Sequence

from coach.domain.progress_summary import PainPoint
from coach.i18n import _


def _figure(width: int, height: int, title: str, color: bool):  # type: ignore[no-untyped-def]
    import plotext  # noqa: PLC0415 -- about 0.2 s to import; only charts need it

    figure = plotext.figure
    figure.clear()
    figure.plot_size(width, height)
    figure.theme("default" if color else "colorless")
    figure.title(title)
    figure.legend(active=False)  # it would cover the data; the caller prints a key below
    return figure


def load_chart(labels: Sequence[str], values: Sequence[int], width: int, color: bool) -> str:
    """Bars of the weekly load (reps x hold seconds)."""
    figure = _figure(width, 12, _("Weekly load (reps × hold seconds)"), color)
    figure.draw(figure.bar(list(labels), list(values), labeled=True))
    return str(figure.build().string(colorless=not color))


def pain_chart(points: Sequence[PainPoint], width: int, color: bool) -> str:
    """Pain before and at its highest during each session, and the next mornings."""
    figure = _figure(width, 16, _("Pain, 0-10"), color)
    figure.date().activate()
    figure.ruler("y").lim(0, 10)
    when = [p.when.replace(tzinfo=None) for p in points]
    series = (
        (_("before"), [p.before for p in points], "•"),
        (_("highest during"), [p.during for p in points], "x"),
    )
    for _label, values, marker in series:
        xs = [w for w, v in zip(when, values, strict=True) if v is not None]
        ys = [v for v in values if v is not None]
        if xs:
            figure.draw(figure.signal(xs, ys, marker=marker).lines(True))
    marks = {
        "worse": ("▲", _("next morning worse")),
        "better": ("▼", _("next morning better")),
        "same": ("·", _("next morning the same")),
    }
    for value, (marker, _label) in marks.items():
        xs = [w for w, p in zip(when, points, strict=True) if p.morning == value]
        if xs:
            figure.draw(figure.signal(xs, [0] * len(xs), marker=marker))
    chart = str(figure.build().string(colorless=not color))
    key = "   ".join(f"{marker} {label}" for label, _values, marker in series)
    key += "   " + "  ".join(f"{marker} {label}" for marker, label in marks.values())
    return f"{chart}\n{key}"
