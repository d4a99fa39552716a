"""Reading exercise files, with every problem tied to a file and a line.

``load_exercise`` reads one file; ``load_catalog`` reads folders of them and never stops at a
broken file: it lists the file as broken with its problems, so the app can show it and go on,
and ``simultaan validate`` can print ``FILE:LINE: message``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ConfigDict, ValidationError

from trainer.core.exercise import EXERCISE_KINDS, ExerciseBase

try:  # libyaml is much faster when the wheel has it; the pure loader gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Location = tuple[str | int, ...]


class _CommonKeys(ExerciseBase):
    """The keys of every kind, for files whose kind is missing or unknown."""

    model_config = ConfigDict(extra="ignore", frozen=True)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line (1-based)."""

    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ExerciseFileError(Exception):
    """A file that is not a valid exercise; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class CatalogEntry:
    """A valid exercise and the file it came from."""

    exercise: ExerciseBase
    path: Path
    id_line: int = 1


@dataclass
class Catalog:
    """All exercises found, and the files that could not be read."""

    entries: list[CatalogEntry] = field(default_factory=list)
    broken: dict[Path, list[Problem]] = field(default_factory=dict)

    def by_id(self, exercise_id: str) -> CatalogEntry | None:
        """The exercise with this id, or None."""
        return next((e for e in self.entries if e.exercise.id == exercise_id), None)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every broken file, in file order."""
        return [p for path in sorted(self.broken) for p in self.broken[path]]


def _line_map(
    node: yaml.Node,
    here: Location,
    lines: dict[Location, int],
    problems: list[str],
    dup_lines: list[int],
) -> None:
    """Record the line of every key and item; note duplicate keys, which YAML would hide."""
    lines[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(f"duplicate key '{key}'")
                dup_lines.append(key_node.start_mark.line + 1)
            seen.add(key)
            _line_map(value_node, (*here, key), lines, problems, dup_lines)
            lines[(*here, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*here, index), lines, problems, dup_lines)


def _line_for(loc: Location, lines: dict[Location, int]) -> int:
    """The line of the deepest known part of a pydantic error location."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


def _describe(error: Any, model: type[ExerciseBase]) -> str:
    """A pydantic error in the words of someone editing a YAML file."""
    loc = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return f"unknown key '{loc}' (allowed here: {allowed})"
    if kind == "missing":
        return f"missing required key '{loc}'"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{loc}: {message}"


def parse_exercise(text: str, path: Path) -> tuple[ExerciseBase, int]:
    """Validate the YAML text of one exercise file; returns the exercise and the line of its id.

    Raises ExerciseFileError with every problem found.
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
        raise ExerciseFileError([Problem(path, line, f"not valid YAML: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise ExerciseFileError([Problem(path, 1, f"not valid YAML: {exc}")]) from None

    if node is None or data is None:
        raise ExerciseFileError([Problem(path, 1, "the file is empty")])
    if not isinstance(data, dict):
        raise ExerciseFileError(
            [Problem(path, node.start_mark.line + 1, "an exercise file must be a mapping of keys")]
        )

    lines: dict[Location, int] = {}
    duplicate_messages: list[str] = []
    duplicate_lines: list[int] = []
    _line_map(node, (), lines, duplicate_messages, duplicate_lines)
    problems = [
        Problem(path, ln, m) for ln, m in zip(duplicate_lines, duplicate_messages, strict=True)
    ]

    kind = data.get("kind")
    model = EXERCISE_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        known = ", ".join(EXERCISE_KINDS)
        where = lines.get(("kind",), 1)
        said = "missing required key 'kind'" if kind is None else f"unknown kind '{kind}'"
        problems.append(Problem(path, where, f"{said} (known kinds: {known})"))
        # still check the keys every kind has, so the author sees every problem at once
        model = _CommonKeys
        data = {k: v for k, v in data.items() if k != "kind"} | {"kind": "?"}

    try:
        exercise = model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(path, _line_for(error["loc"], lines), _describe(error, model)))
    if problems:
        raise ExerciseFileError(sorted(problems, key=lambda p: p.line))
    return exercise, lines.get(("id",), 1)


def load_exercise(path: Path) -> tuple[ExerciseBase, int]:
    """Read and validate one exercise file (see ``parse_exercise``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ExerciseFileError([Problem(path, 1, f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise ExerciseFileError([Problem(path, 1, f"cannot read: {exc.strerror}")]) from None
    return parse_exercise(text, path)


def exercise_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` file named or found below the folders named, sorted."""
    for path in paths:
        if path.is_dir():
            found = [*path.rglob("*.yaml"), *path.rglob("*.yml")]
            yield from sorted(p for p in found if p.is_file())
        else:
            yield path


def load_catalog(paths: Iterable[Path]) -> Catalog:
    """Load every exercise below ``paths``; broken files and duplicate ids are listed, not fatal."""
    catalog = Catalog()
    first_seen: dict[str, CatalogEntry] = {}
    for path in exercise_files(paths):
        try:
            exercise, id_line = load_exercise(path)
        except ExerciseFileError as exc:
            catalog.broken[path] = exc.problems
            continue
        earlier = first_seen.get(exercise.id)
        if earlier is not None:
            message = (
                f"duplicate id '{exercise.id}': already used by {earlier.path}:{earlier.id_line}"
            )
            catalog.broken[path] = [Problem(path, id_line, message)]
            continue
        entry = CatalogEntry(exercise, path, id_line)
        first_seen[exercise.id] = entry
        catalog.entries.append(entry)
    return catalog
