"""YAML files that people edit by hand, read so that every problem names its file and line.

Exercise files and the audio clip manifest both come through here: a syntax error, a duplicate
key (which YAML itself would silently resolve to the last value), a wrong type or an unknown key
becomes a ``Problem`` at the line where it stands, ready to print as ``FILE:LINE: message``.

A file is read within limits (``bounded_files``: a regular file of at most 1 MiB) and its
parsed nodes are counted before anything walks them: aliases (``*name``) make a small file
stand for a huge tree (an "alias bomb"), so every use of an alias counts in full, up to
``MAX_VALUES``, and nesting stops at ``MAX_DEPTH``. A scalar YAML cannot turn into a value (a
5,000-digit number, the 13th month of a date) is a problem at its line, not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from trainer.core.bounded_files import MAX_EXERCISE_BYTES, FileRefused, read_text

try:  # libyaml is much faster when the wheel has it; the pure loader gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Location = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)

# the largest shipped call has about 600 values and the clip manifest about 2,000: a file with
# more than this, counting every use of an alias in full, is a mistake or an attack
MAX_VALUES = 100_000
# exercises nest six levels deep; the walks below recurse once per level
MAX_DEPTH = 40
# no number in an exercise needs more digits than this (Python refuses 4,300 with an exception)
MAX_DIGITS = 30
# the tags whose scalars are turned into something else than a string, and can fail doing so
_CONVERTED = ("int", "float", "timestamp", "binary")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line (1-based)."""

    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class SourceFileError(Exception):
    """A file that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class YamlDocument:
    """A YAML mapping read from a file, with the line of every key and list item."""

    path: Path
    data: dict[str, Any]
    lines: dict[Location, int]
    problems: list[Problem] = field(default_factory=list)

    def line(self, loc: Location) -> int:
        """The line of the deepest known part of a location (a key path)."""
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.lines:
                return self.lines[loc[:cut]]
        return 1

    def _in_document(self, loc: Location) -> Location:
        """``loc`` without the parts pydantic adds that are no key or index of the document
        (the name of the union member it tried, such as ``crm_update``)."""
        found: list[str | int] = []
        node: Any = self.data
        for index, part in enumerate(loc):
            after = loc[index + 1] if index + 1 < len(loc) else None
            if isinstance(node, dict) and part not in node and after in node:
                continue  # not in the document, but what follows is: a union member's name
            found.append(part)
            in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
            node = node[part] if in_list or (isinstance(node, dict) and part in node) else None
        return tuple(found)

    def problem(self, loc: Location, message: str) -> Problem:
        """A problem at the line of ``loc``."""
        return Problem(self.path, self.line(loc), message)

    def validate(self, model: type[ModelT], data: Any = None, at: Location = ()) -> ModelT | None:
        """Validate ``data`` (default: the whole document) against a model; problems are
        added to ``self.problems`` at their lines and None is returned."""
        try:
            return model.model_validate(self.data if data is None else data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = self._in_document((*at, *error["loc"]))
                self.problems.append(self.problem(loc, describe(error, loc, model)))
            return None


def describe(error: Any, loc: Location, model: type[BaseModel]) -> str:
    """A pydantic error in the words of someone editing a YAML file."""
    where = ".".join(str(part) for part in loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = ", ".join(model.model_fields) if len(error["loc"]) == 1 else ""
        return f"unknown key '{where}'" + (f" (allowed here: {allowed})" if allowed else "")
    if kind == "missing":
        return f"missing required key '{where}'"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}"


def _line_map(
    node: yaml.Node,
    here: Location,
    doc_lines: dict[Location, int],
    duplicates: list[tuple[int, str]],
) -> None:
    doc_lines[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key_node.tag.endswith((":bool", ":int", ":float", ":null")):
                message = (
                    f"the key '{key}' is not read as a word by YAML (it means "
                    f"{key_node.tag.rsplit(':', 1)[-1]}): put it in quotes"
                )
                duplicates.append((key_node.start_mark.line + 1, message))
            if key in seen:
                duplicates.append((key_node.start_mark.line + 1, f"duplicate key '{key}'"))
            seen.add(key)
            _line_map(value_node, (*here, key), doc_lines, duplicates)
            doc_lines[(*here, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*here, index), doc_lines, duplicates)


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """Refuse, before anything walks or builds it, a node graph that is too large once its
    aliases are expanded, too deep, or holds a scalar that cannot become its value."""
    constructor = yaml.constructor.SafeConstructor()
    checked: set[int] = set()  # scalars reached again through an alias are checked once
    stack: list[tuple[yaml.Node, int, str]] = [(root, 0, "")]
    count = 0
    while stack:  # not recursive: a cycle (`&a [*a]`) or a deep file must not blow the stack
        node, depth, key = stack.pop()
        count += 1
        line = node.start_mark.line + 1
        if count > MAX_VALUES:
            raise SourceFileError(
                [
                    Problem(
                        path,
                        line,
                        f"more than {MAX_VALUES:,} values (keys, list items and texts, each "
                        "use of an alias *name counted in full): an alias bomb or a mistake",
                    )
                ]
            )
        if depth > MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep"
            raise SourceFileError([Problem(path, line, message)])
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else key
                stack.append((value_node, depth + 1, name))
                stack.append((key_node, depth + 1, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1, key) for item in reversed(node.value))
        elif id(node) not in checked:
            checked.add(id(node))
            _check_scalar(node, constructor, path, key)


def _check_scalar(
    node: yaml.Node, constructor: yaml.constructor.SafeConstructor, path: Path, key: str
) -> None:
    kind = str(node.tag).rsplit(":", 1)[-1]
    if kind not in _CONVERTED:
        return
    where = f"{key}: " if key else ""
    line = node.start_mark.line + 1
    digits = sum(c.isdigit() for c in str(node.value))
    if kind in ("int", "float") and digits > MAX_DIGITS:
        message = f"{where}a number with {digits:,} digits (at most {MAX_DIGITS})"
        raise SourceFileError([Problem(path, line, message)])
    try:
        constructor.construct_object(node)
    except yaml.MarkedYAMLError:
        return  # construct_document says it at its line
    except Exception as exc:  # whatever a converter raises, this value is the cause
        shown = str(node.value)[:40]
        said = {"int": "whole number", "timestamp": "date", "binary": "binary value"}
        message = f"{where}'{shown}' cannot be read as a {said.get(kind, 'number')} ({exc})"
        raise SourceFileError([Problem(path, line, message)]) from None


def parse_yaml_mapping(text: str, path: Path, what: str = "file") -> YamlDocument:
    """Parse YAML text that must be a mapping; SourceFileError when it is not even that.

    Duplicate keys are recorded as problems of the returned document.
    """
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_nodes(node, path)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceFileError([Problem(path, line, f"not valid YAML: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise SourceFileError([Problem(path, 1, f"not valid YAML: {exc}")]) from None
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        # what _check_nodes did not foresee still names the file, never a traceback
        reason = f"{type(exc).__name__}: {exc}"
        raise SourceFileError([Problem(path, 1, f"cannot be read ({reason})")]) from None
    if node is None or data is None:
        raise SourceFileError([Problem(path, 1, "the file is empty")])
    if not isinstance(data, dict):
        line = node.start_mark.line + 1
        raise SourceFileError([Problem(path, line, f"{what} must be a mapping of keys")])
    lines: dict[Location, int] = {}
    duplicates: list[tuple[int, str]] = []
    _line_map(node, (), lines, duplicates)
    return YamlDocument(path, data, lines, [Problem(path, ln, m) for ln, m in duplicates])


def read_text_file(path: Path, what: str = "YAML") -> str:
    """A UTF-8 text file of at most MAX_EXERCISE_BYTES, or SourceFileError naming it (a FIFO,
    device or folder is refused without being opened)."""
    try:
        return read_text(path, MAX_EXERCISE_BYTES, what)
    except FileRefused as exc:
        raise SourceFileError([Problem(path, 1, exc.reason)]) from None
