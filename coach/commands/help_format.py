"""`--help` in the person's language, with placeholders a person can read.

Help texts are written in English in the command modules, like every other
message, and translated when the help is shown: `tools/catalog.py` walks the real
command tree to put every help text, option and argument into the catalog, so the
untranslated-message test covers them. Placeholders are words (`FILE`, `ID...`,
`N`), not Python types, and ranges read "1 to 520".
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from coach.commands.language import person_language
from coach.i18n import N_, _, speaking

# What a value is, when the declaration names no placeholder of its own.
_BY_TYPE: dict[Any, str] = {int: "N", float: N_("NUMBER"), str: N_("TEXT"), Path: N_("FILE")}


def help_language(ctx: Any) -> str:
    """The person's language (`person_language`), with --lang read from the context: it is
    eager, so it is there before --help; a broken settings file is the command's to report."""
    lang = ctx.find_root().params.get("lang")
    return person_language(lang if lang in ("nl", "en") else None)


def placeholder(param: Any) -> str:
    """FILE, N, ID..., a|b: what to type for this parameter."""
    if isinstance(param, TyperOption) and param.is_flag:
        return ""
    kind = param.type_descriptor
    element = kind.annotation
    if kind.is_list:
        (element,) = getattr(element, "__args__", (str,))
    if param.metavar:
        name = param.metavar
    elif kind.is_choice:
        name = "|".join(str(getattr(c, "value", c)) for c in kind.choices or ())
    elif isinstance(param, TyperArgument) and element is not Path:
        name = (param.name or "").upper()
    else:
        name = _BY_TYPE.get(element, "TEXT")
    name = _(name)  # FILE, TEXT, NUMBER, TOPIC have Dutch words; ID, N and choices stay
    # An argument that takes several values shows "..."; a repeatable option says so in its help.
    if isinstance(param, TyperArgument) and param.nargs == -1 and not name.endswith("..."):
        name += "..."
    return name


def _range(param: Any) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return _("{low} to {high}").format(low=low, high=high)
    if low is not None:
        return _("at least {low}").format(low=low)
    if high is not None:
        return _("at most {high}").format(high=high)
    return ""


def _default(param: Any) -> str:
    if not isinstance(param, TyperOption) or not param.show_default:
        return ""
    if param.is_flag:  # --log-sheet/--no-log-sheet: which of the two is the default
        if not param.secondary_opts:
            return ""
        return _("default: {value}").format(value=_("on") if param.default else _("off"))
    if isinstance(param.show_default, str):
        return _("default: {value}").format(value=_(param.show_default))
    value = param.default
    if value is None or callable(value) or value in ((), []):
        return ""
    value = getattr(value, "value", value)  # enums show their value
    return _("default: {value}").format(value=value)


def help_record(param: Any) -> tuple[str, str] | None:
    if getattr(param, "hidden", False):
        return None
    if isinstance(param, TyperOption):
        names = ", ".join(param.opts)
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        shown = placeholder(param)
        term = f"{names} {shown}" if shown else names
    else:
        term = placeholder(param)
    text = _(param.help) if getattr(param, "help", None) else ""
    extra = [part for part in (_default(param), _range(param)) if part]
    if isinstance(param, TyperArgument) and param.required:
        extra.append(_("required"))
    if extra:
        text = f"{text}  [{'; '.join(extra)}]" if text else f"[{'; '.join(extra)}]"
    return term, text


def usage_piece(param: Any) -> str:
    shown = placeholder(param)
    return shown if param.required else f"[{shown}]"


def short_help(text: str, limit: int = 60) -> str:
    """The first sentence; when that is too long, what comes before its colon, or a word cut."""
    first = text.split("\n\n", 1)[0].replace("\n", " ")
    sentence = first.split(". ", 1)[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence + "."
    head = sentence.split(":", 1)[0]
    if len(head) <= limit:
        return head + "."
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


_GUESS = N_("No such option: {name}. Did you mean {guess}{options}?")
_NOT_ONE_OF = N_("{value} is not one of {choices}.")
_TOO_LARGE = N_("far too large a number")  # thousands of digits: Python refuses to convert
_GUESS_PATTERN = (
    r"No such option: (?P<name>\S+) "
    r"(?:Did you mean (?P<guess>\S+)\?|\(Possible options: (?P<options>.+)\))"
)

# Typer's most common usage messages, as patterns, so that they can be said in Dutch too.
# Anything else is shown as Typer wrote it.
_TYPER_MESSAGES = [
    (r"Invalid value for (?P<param>'[^']+'): (?P<why>.*)", N_("Invalid value for {param}: {why}")),
    (r"No such command '(?P<name>.*)'\.", N_("No such command: {name}.")),
    (_GUESS_PATTERN, _GUESS),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}.")),
    (r"Value error, (?P<value>'[^']*') is not one of (?P<choices>.+)\.", _NOT_ONE_OF),
    (r"Missing argument (?P<param>'[^']+')\.", N_("Missing argument {param}.")),
    (r"Missing option (?P<param>'[^']+')\.", N_("Missing option {param}.")),
    (r"Option (?P<param>'[^']+') requires an argument\.", N_("Option {param} needs a value.")),
    (r"Input should be greater than or equal to (?P<n>\S+)", N_("expected {n} or more")),
    (r"Input should be less than or equal to (?P<n>\S+)", N_("expected {n} or less")),
    (r"Unable to parse input string as an integer, exceeded maximum size", _TOO_LARGE),
    (r"Input should be a valid integer.*", N_("expected a whole number")),
    (r"Input should be a valid number.*", N_("expected a number")),
    (r"Input should be (?P<choices>'.*')", N_("expected one of {choices}")),
]


def said(message: str) -> str:
    """Typer's message in the person's language, where we know its pattern."""
    import re  # noqa: PLC0415

    for pattern, msgid in _TYPER_MESSAGES:
        match = re.fullmatch(pattern, message.strip(), re.DOTALL)
        if match:
            parts = {k: said(v) if k == "why" else v for k, v in match.groupdict().items()}
            return _(msgid).format(**{k: v or "" for k, v in parts.items()})
    return message


def localise_usage_error(exc: Any) -> None:
    """A usage error in the person's language: its frame (usage, hint, "Error:") is ours;
    the detail is Typer's, shown literally."""
    from coach.live.console import visible  # noqa: PLC0415 -- only when something went wrong

    ctx = getattr(exc, "ctx", None)

    def show(file: Any = None) -> None:
        out = file or sys.stderr
        with speaking(help_language(ctx) if ctx is not None else "en"):
            if ctx is not None:
                hint = _("Try '{command} --help' for help.").format(command=ctx.command_path)
                out.write(f"{ctx.get_usage()}\n{hint}\n\n")
            detail = visible(said(exc.format_message()))
            out.write(_("Error: {message}").format(message=detail) + "\n")

    exc.show = show


class _Localised:
    """Help written in the person's language; a mixin for commands and groups."""

    def get_help_option(self, ctx: Any) -> Any:
        from coach.commands.quick_params import defer  # noqa: PLC0415

        option = super().get_help_option(ctx)  # type: ignore[misc]
        return defer(option) if option is not None else None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with speaking(help_language(ctx)):
            self.format_usage(ctx, formatter)
            self.format_help_text(ctx, formatter)
            self.format_options(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        command: Any = self
        pieces = [_("[OPTIONS]")]
        params = command.get_params(ctx)
        pieces += [usage_piece(p) for p in params if isinstance(p, TyperArgument)]
        if isinstance(self, TyperGroup):
            pieces.append(_("COMMAND [ARGS]..."))
        return pieces

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        command: Any = self
        if command.help:
            text = _(inspect.cleandoc(command.help).partition("\f")[0])
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        command: Any = self
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in command.get_params(ctx):
            record = help_record(param)
            if record is not None:
                (arguments if isinstance(param, TyperArgument) else options).append(record)
        if arguments:
            with formatter.section(_("Arguments")):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(_("Options")):
                formatter.write_dl(options)
        if isinstance(self, TyperGroup):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        group: Any = self
        rows = []
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            text = _(inspect.cleandoc(command.help)) if command.help else ""
            rows.append((name, short_help(text, max(45, formatter.width - 16))))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


class LocalisedCommand(_Localised, TyperCommand):
    """Every coach command: `--help` in Dutch or English, readable placeholders."""


class LocalisedGroup(_Localised, TyperGroup):
    """Every coach command group, likewise."""


def help_texts(command: Any, ctx: Any = None) -> list[str]:
    """Every help text of `command` and everything below it, as written (English)."""
    from typer import _click  # noqa: PLC0415 -- typer's own click, for a context to walk with

    ctx = ctx or _click.Context(command, info_name=command.name)
    texts = [inspect.cleandoc(command.help)] if command.help else []
    texts += [param.help for param in command.get_params(ctx) if getattr(param, "help", None)]
    texts += [
        param.show_default
        for param in command.get_params(ctx)
        if isinstance(getattr(param, "show_default", None), str)
    ]
    if isinstance(command, TyperGroup):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                texts += help_texts(sub, _click.Context(sub, info_name=name, parent=ctx))
    return texts
