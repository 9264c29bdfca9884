"""Options nobody typed cost nothing: no conversion machinery for a value coach chose itself.

Typer converts every option value through a Pydantic adapter, and building the
first one imports Pydantic: about 100 ms, more than most coach commands need to
run. But a value that was not typed needs no conversion: it is None, or the
default declared in the command, already of its type and in its range
(tests/test_help.py checks every default). So such a value goes straight to the
command; anything typed (or set by an environment variable) is converted and
checked by Typer exactly as before.

It wraps each parameter's `process_value`, click's public hook for this step.
"""

from __future__ import annotations

import types
from typing import Any

from typer.core import TyperArgument, TyperOption


def _process_value(param: Any, ctx: Any, value: Any) -> Any:
    source = ctx.get_parameter_source(param.name)
    untouched = source is None or source.name in ("DEFAULT", "DEFAULT_MAP")
    multiple = param.nargs == -1 or getattr(param, "multiple", False)
    nothing = value in (None, ()) if multiple else (value is None or value is param.default)
    if untouched and nothing and not param.required:
        value = () if multiple else value  # what Typer makes of a missing list
        if param.callback is not None:
            value = param.callback(ctx, param, value)
        return value
    return type(param).process_value(param, ctx, value)


def defer(param: Any) -> Any:
    """`param` converts only a typed value; returns `param`."""
    if isinstance(param, TyperOption | TyperArgument) and "process_value" not in vars(param):
        setattr(param, "process_value", types.MethodType(_process_value, param))  # noqa: B010
    return param


def defer_conversion(command: Any) -> Any:
    """`command`'s options and arguments convert only typed values; returns `command`."""
    for param in command.params:
        defer(param)
    return command
