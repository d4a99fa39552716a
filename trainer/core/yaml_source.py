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

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from trainer.core.bounded_files import MAX_EXERCISE_BYTES, FileRefused, read_text
from trainer.core.messages import Message, Value
from trainer.core.model_errors import describe

if TYPE_CHECKING:
    import yaml

# (PyYAML is imported where a file is parsed: the home screen's list, read from the content
# cache, parses none, and its import was 8-9 ms of the list's filling)


@cache
def _loader() -> type[yaml.CSafeLoader] | type[yaml.SafeLoader]:
    """libyaml's loader, much faster, when the wheel has it; the pure one gives the same nodes."""
    import yaml

    try:
        return yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on the PyYAML build
        return yaml.SafeLoader


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
    """One thing wrong with a file, at a line (1-based); the UI words ``message``
    (``trainer.ui.messages.problem``). ``key``: the key the message is about, said before it
    when the message does not say it (``file`` for what is wrong with a clip's audio file)."""

    file: Path
    line: int
    message: Message
    key: str = ""

    def __str__(self) -> str:
        """For the log and a developer's traceback, not for a person's screen."""
        key = f"{self.key}: " if self.key else ""
        return f"{self.file}:{self.line}: {key}{self.message}"


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

    def problem(self, loc: Location, message: Message, key: str = "") -> Problem:
        """A problem at the line of ``loc`` (``key``: see ``Problem``)."""
        return Problem(self.path, self.line(loc), message, key)

    def validate(self, model: type[ModelT], data: Any = None, at: Location = ()) -> ModelT | None:
        """Validate ``data`` (default: the whole document) against a model; problems are
        added to ``self.problems`` at their lines and None is returned."""
        try:
            return model.model_validate(self.data if data is None else data)
        except ValidationError as exc:
            said = {p.message.code for p in self.problems}
            for error in exc.errors():
                if error["type"] == "invalid_key" and "key_not_a_word" in said:
                    continue  # (that key's line already says why: true, 3 or null as a key)
                loc = self._in_document((*at, *error["loc"]))
                self.problems.append(self.problem(loc, describe(error, loc, model)))
            return None


def _line_map(
    node: yaml.Node,
    here: Location,
    doc_lines: dict[Location, int],
    duplicates: list[tuple[int, Message]],
) -> None:
    import yaml

    doc_lines[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key_node.tag.endswith((":bool", ":int", ":float", ":null")):
                means = key_node.tag.rsplit(":", 1)[-1]  # bool, int, float or null
                message = Message("key_not_a_word", {"key": str(key), "means": means})
                duplicates.append((key_node.start_mark.line + 1, message))
            if key in seen:
                said = Message("duplicate_key", {"key": str(key)})
                duplicates.append((key_node.start_mark.line + 1, said))
            seen.add(key)
            _line_map(value_node, (*here, key), doc_lines, duplicates)
            doc_lines[(*here, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*here, index), doc_lines, duplicates)


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """Refuse, before anything walks or builds it, a node graph that is too large once its
    aliases are expanded, too deep, or holds a scalar that cannot become its value."""
    import yaml

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
                [Problem(path, line, Message("too_many_values", {"limit": MAX_VALUES}))]
            )
        if depth > MAX_DEPTH:
            message = Message("nested_too_deep", {"limit": MAX_DEPTH})
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
    import yaml

    kind = str(node.tag).rsplit(":", 1)[-1]
    if kind not in _CONVERTED:
        return
    shown = str(node.value)[:40]
    where = key or shown  # (a key of the top mapping has no key above it: itself, then)
    line = node.start_mark.line + 1
    digits = sum(c.isdigit() for c in str(node.value))
    if kind in ("int", "float") and digits > MAX_DIGITS:
        params: dict[str, Value] = {"key": where, "digits": digits, "limit": MAX_DIGITS}
        raise SourceFileError([Problem(path, line, Message("too_many_digits", params))])
    try:
        constructor.construct_object(node)
    except yaml.MarkedYAMLError:
        return  # construct_document says it at its line
    except Exception:  # whatever a converter raises, this value is the cause
        values: dict[str, Value] = {"key": where, "value": shown}
        message = {
            "int": Message("unreadable_whole_number", values),
            "timestamp": Message("unreadable_date", values),
            "binary": Message("unreadable_binary", values),
        }.get(kind, Message("unreadable_number", values))
        raise SourceFileError([Problem(path, line, message)]) from None


def parse_yaml_mapping(
    text: str, path: Path, what: Literal["exercise", "manifest", "file"] = "file"
) -> YamlDocument:
    """Parse YAML text that must be a mapping (``what``: of an exercise, a clip manifest);
    SourceFileError when it is not even that.

    Duplicate keys are recorded as problems of the returned document.
    """
    import yaml

    try:
        loader = _loader()(text)
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
        at = _at_mark(text, mark)
        said = yaml_mistake(str(exc.problem or exc.context or ""), at)
        raise SourceFileError([Problem(path, line, said)]) from None
    except yaml.YAMLError as exc:
        raise SourceFileError([Problem(path, 1, yaml_mistake(str(exc), ""))]) from None
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        # what _check_nodes did not foresee still names the file, never a traceback
        detail = f"{type(exc).__name__}: {exc}"
        raise SourceFileError(
            [Problem(path, 1, Message("unreadable", {"detail": detail}))]
        ) from None
    if node is None or data is None:
        raise SourceFileError([Problem(path, 1, Message("file_empty"))])
    if not isinstance(data, dict):
        line = node.start_mark.line + 1
        said = {
            "exercise": Message("exercise_not_a_mapping"),
            "manifest": Message("manifest_not_a_mapping"),
        }.get(what, Message("file_not_a_mapping"))
        raise SourceFileError([Problem(path, line, said)])
    lines: dict[Location, int] = {}
    duplicates: list[tuple[int, Message]] = []
    _line_map(node, (), lines, duplicates)
    return YamlDocument(path, data, lines, [Problem(path, ln, m) for ln, m in duplicates])


def read_text_file(path: Path, what: str = "YAML") -> str:
    """A UTF-8 text file of at most MAX_EXERCISE_BYTES, or SourceFileError naming it (a FIFO,
    device or folder is refused without being opened)."""
    try:
        return read_text(path, MAX_EXERCISE_BYTES, what)
    except FileRefused as exc:
        raise SourceFileError([Problem(path, 1, exc.message)]) from None


def _at_mark(text: str, mark: Any) -> str:
    """The rest of the line where a YAML error stands."""
    if mark is None:
        return ""
    lines = text.splitlines()
    return lines[mark.line][mark.column :] if mark.line < len(lines) else ""


def yaml_mistake(problem: str, at: str) -> Message:
    """A YAML syntax error (``problem``: PyYAML's words; ``at``: the line from where it
    stands) as a ``Message``: the mistakes people make most have their own sentence (a tab, a
    colon in a text, an alias never defined); any other carries PyYAML's English as
    ``detail``."""
    if at.startswith("\t") or "'\\t'" in problem:
        return Message("yaml_tab")
    if problem.startswith("mapping values are not allowed"):
        return Message("yaml_colon_in_text")
    alias = re.match(r"\*([^\s,\]}]+)", at)
    if problem.startswith("found undefined alias") and alias:
        return Message("yaml_unknown_alias", {"name": alias[1]})
    return Message("not_yaml", {"detail": problem})
