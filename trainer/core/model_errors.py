"""pydantic's validation errors as ``Message`` codes, for someone editing a YAML file.

Our own validators raise ``PydanticCustomError(code, code, values)``: the code is the error's
type and passes through with its values. pydantic's own checks that exercise files and the clip
manifest meet (a missing or unknown key, a wrong type, a value out of range, a list too short,
a value not among the allowed ones) each have a code; anything else carries pydantic's English
text as ``detail`` (the UI says that it is the validator's wording).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, get_args

from trainer.core.messages import Message, Value

if TYPE_CHECKING:
    from pydantic import BaseModel

Location = tuple[str | int, ...]


def describe(error: Any, loc: Location, model: type[BaseModel]) -> Message:
    """A pydantic error as a ``Message`` for someone editing a YAML file: every message has
    the key path as ``key``. Our own validators raise ``PydanticCustomError(code, code,
    values)``; pydantic's own checks that exercise files meet have a code each; anything else
    carries pydantic's English text as ``detail``."""
    where = ".".join(str(part) for part in loc)
    kind = str(error["type"])
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "extra_forbidden":
        if len(error["loc"]) == 1:
            return Message("unknown_key", {"key": where, "allowed": list(model.model_fields)})
        return Message("unknown_nested_key", {"key": where})
    if kind == "missing":
        return Message("missing_key", {"key": where})
    simple = _simple(kind, ctx, where)
    if simple is not None:
        return simple
    if kind in ("literal_error", "enum"):
        expected = _expected(str(ctx.get("expected", "")))
        if len(expected) == 1:
            return Message("should_be_value", {"key": where, "expected": expected[0]})
        return Message("should_be_one_of", {"key": where, "expected": expected})
    if kind in ("too_short", "string_too_short", "too_long", "string_too_long"):
        return _length(kind, ctx, where)
    if kind == "string_pattern_mismatch":
        return Message("pattern_mismatch", {"key": where, "pattern": str(ctx.get("pattern"))})
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _tag(kind, ctx, where)
    if kind not in _BUILTIN:  # a PydanticCustomError of ours: its code is its type
        return Message(kind, {"key": where, **{k: _value(v) for k, v in ctx.items()}})
    detail = str(error["msg"]).removeprefix("Value error, ")
    return Message("invalid_value", {"key": where, "detail": detail})


def _tag(kind: str, ctx: dict[str, Any], where: str) -> Message:
    """The key that says which kind of item this is (``do``) is unknown or missing."""
    if kind == "union_tag_invalid":
        tags = _expected(str(ctx.get("expected_tags", "")))
        found = str(ctx.get("tag", ""))
        return Message("unknown_tag", {"key": where, "tag": found, "expected": tags})
    return Message("missing_tag", {"key": where, "tag": str(ctx.get("discriminator"))})


def _length(kind: str, ctx: dict[str, Any], where: str) -> Message:
    """A list or a text too short or too long."""
    if kind == "too_short" and ctx.get("min_length") == 1:
        return Message("list_empty", {"key": where})
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return Message("text_empty", {"key": where})
    if kind == "too_short":
        return Message("list_too_short", {"key": where, "limit": int(ctx["min_length"])})
    if kind == "string_too_short":
        return Message("text_shorter_than", {"key": where, "limit": int(ctx["min_length"])})
    if kind == "too_long":
        return Message("list_too_long", {"key": where, "limit": int(ctx["max_length"])})
    return Message("text_longer_than", {"key": where, "limit": int(ctx["max_length"])})


# pydantic's type errors that people meet in a YAML file, by the code of their sentence
_TYPES = {
    "string_type": "text",
    "int_type": "whole",
    "int_parsing": "whole",
    "int_from_float": "whole",
    "float_type": "number",
    "float_parsing": "number",
    "decimal_type": "number",
    "decimal_parsing": "number",
    "finite_number": "finite",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


def _simple(kind: str, ctx: dict[str, Any], where: str) -> Message | None:
    """A limit (its ctx holds the one limit) or a plain type error; None for another kind."""
    key = {"key": where}
    bound = next((ctx[name] for name in ("gt", "ge", "lt", "le") if name in ctx), None)
    limit = {**key, "limit": _number(bound)}
    return {
        "greater_than": Message("greater_than", limit),
        "greater_than_equal": Message("greater_than_equal", limit),
        "less_than": Message("less_than", limit),
        "less_than_equal": Message("less_than_equal", limit),
        "text": Message("not_text", key),
        "whole": Message("not_whole_number", key),
        "number": Message("not_number", key),
        "finite": Message("not_finite", key),
        "boolean": Message("not_boolean", key),
        "list": Message("not_list", key),
        "mapping": Message("not_mapping", key),
        "invalid_key": Message("key_not_text", key),
    }.get(_TYPES.get(kind, kind))


def _builtin_types() -> frozenset[str]:
    """pydantic's own error types: any other type is a code of ours (``PydanticCustomError``
    in a validator), worded in the UI."""
    from pydantic_core.core_schema import ErrorType

    return frozenset(get_args(ErrorType))


_BUILTIN = _builtin_types()


def _expected(text: str) -> list[str]:
    """pydantic's "'nl', 'fr' or 'en'" (or "1") as the values it names."""
    quoted = re.findall(r"'((?:[^'\\]|\\.)*)'", text)
    return quoted or [part for part in re.split(r",\s*|\s+or\s+", text) if part]


def _number(value: Any) -> int | float:
    """A limit as a whole number where it is one (pydantic gives ints, floats or Decimals)."""
    number = float(value) if isinstance(value, int | float | Decimal) else 0.0
    return int(number) if number.is_integer() else number


def _value(value: Any) -> Value:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)
