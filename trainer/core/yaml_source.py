"""YAML files that people edit by hand, read so that every problem names its file and line.

Exercise files and the audio clip manifest both come through here: a syntax error, a duplicate
key (which YAML itself would silently resolve to the last value), a wrong type or an unknown key
becomes a ``Problem`` at the line where it stands, ready to print as ``FILE:LINE: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

try:  # libyaml is much faster when the wheel has it; the pure loader gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Location = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


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


def parse_yaml_mapping(text: str, path: Path, what: str = "file") -> YamlDocument:
    """Parse YAML text that must be a mapping; SourceFileError when it is not even that.

    Duplicate keys are recorded as problems of the returned document.
    """
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceFileError([Problem(path, line, f"not valid YAML: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise SourceFileError([Problem(path, 1, f"not valid YAML: {exc}")]) from None
    if node is None or data is None:
        raise SourceFileError([Problem(path, 1, "the file is empty")])
    if not isinstance(data, dict):
        line = node.start_mark.line + 1
        raise SourceFileError([Problem(path, line, f"{what} must be a mapping of keys")])
    lines: dict[Location, int] = {}
    duplicates: list[tuple[int, str]] = []
    _line_map(node, (), lines, duplicates)
    return YamlDocument(path, data, lines, [Problem(path, ln, m) for ln, m in duplicates])


def read_text_file(path: Path) -> str:
    """A UTF-8 text file, or SourceFileError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceFileError([Problem(path, 1, f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise SourceFileError([Problem(path, 1, f"cannot read: {exc.strerror}")]) from None
