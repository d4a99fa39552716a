"""Update the translation sources (.ts) from the code, and build the .qm files the app loads.

    .venv/bin/python scripts/translations.py update   # lupdate: new strings into the .ts files
    .venv/bin/python scripts/translations.py build    # lrelease: .ts -> .qm
    .venv/bin/python scripts/translations.py build --if-changed   # (what the set-up runs)
    .venv/bin/python scripts/translations.py fill NEW.json   # translations for new strings

``fill`` takes a JSON file ``{"source text": {"fr": "...", "en": "..."}}`` (for the command's
strings: ``"nl"`` and ``"fr"``) and writes each translation into the catalogs where that
source is still unfinished; it names every unfinished source it had no translation for.

The desktop app's strings are written in Dutch (``self.tr()``, ``words.tr()``) and translated
in ``simultaan_fr.ts`` and ``simultaan_en.ts``. The ``simultaan`` command's strings
(``cli.tr()``) are written in English, the words it has always printed and what scripts and the
C locale get, and translated in ``simultaan_cli_nl.ts`` and ``simultaan_cli_fr.ts``. Both tools
come with the PySide6 wheel (``.venv/bin/pyside6-lupdate``, ``pyside6-lrelease``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "assets" / "translations"


@dataclass(frozen=True)
class Catalog:
    """One .ts file: the code it is read from, its source and target language."""

    name: str
    sources: tuple[str, ...]
    source_language: str
    language: str

    @property
    def ts(self) -> Path:
        return FOLDER / f"{self.name}.ts"

    @property
    def qm(self) -> Path:
        return FOLDER / f"{self.name}.qm"

    def source_files(self) -> list[Path]:
        return sorted(p for folder in self.sources for p in (ROOT / folder).glob("*.py"))


UI = ("trainer/ui", "trainer/ui/report")
CLI = ("trainer/cli",)
CATALOGS = (
    Catalog("simultaan_fr", UI, "nl_BE", "fr_BE"),
    Catalog("simultaan_en", UI, "nl_BE", "en_GB"),
    Catalog("simultaan_cli_nl", CLI, "en_GB", "nl_BE"),
    Catalog("simultaan_cli_fr", CLI, "en_GB", "fr_BE"),
)


def tool(name: str) -> str:
    """A Qt Linguist tool of the installed PySide6 (next to this Python, else on PATH)."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 into this Python")
    return found


def update(catalog: Catalog, ts: Path | None = None) -> None:
    """Bring ``ts`` (default: the catalog's own file) up to date with the code: new strings
    come in unfinished, strings gone from the code go out."""
    subprocess.run(
        [
            tool("lupdate"),
            *map(str, catalog.source_files()),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            catalog.source_language,
            "-target-language",
            catalog.language,
            "-ts",
            str(ts or catalog.ts),
        ],
        check=True,
        capture_output=True,
    )


def build(catalog: Catalog, qm: Path | None = None) -> None:
    """Compile the catalog's .ts into ``qm`` (default: beside it)."""
    subprocess.run(
        [tool("lrelease"), "-silent", str(catalog.ts), "-qm", str(qm or catalog.qm)],
        check=True,
    )


def stale(catalog: Catalog) -> bool:
    """Whether the catalog's .qm is missing or older than its .ts."""
    return not catalog.qm.exists() or catalog.ts.stat().st_mtime > catalog.qm.stat().st_mtime


def fill(catalog: Catalog, mapping: dict[str, dict[str, str]]) -> list[str]:
    """Write ``mapping``'s translations into the catalog's unfinished entries; the unfinished
    sources it has none for."""
    lang = catalog.language[:2]
    missing: list[str] = []

    def translated(match: re.Match[str]) -> str:
        source = html.unescape(match[1])
        text = mapping.get(source, {}).get(lang)
        if text is None:
            missing.append(source)
            return match[0]
        escaped = html.escape(text, quote=False).replace("'", "&apos;").replace('"', "&quot;")
        return match[0].replace(_UNFINISHED, f"<translation>{escaped}</translation>")

    pattern = r"<source>([^<]*)</source>(?:\s*<[a-z]+>[^<]*</[a-z]+>)*\s*" + re.escape(_UNFINISHED)
    text = re.sub(pattern, translated, catalog.ts.read_text(encoding="utf-8"))
    catalog.ts.write_text(text, encoding="utf-8")
    return missing


_UNFINISHED = '<translation type="unfinished"></translation>'


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "fill":
        mapping = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        for catalog in CATALOGS:
            for source in fill(catalog, mapping):
                print(f"{catalog.ts.name}: no translation for {source!r}", file=sys.stderr)
        return 0
    if argv not in (["update"], ["build"], ["build", "--if-changed"]):
        print(__doc__, file=sys.stderr)
        return 2
    for catalog in CATALOGS:
        if argv == ["update"]:
            update(catalog)
        elif not catalog.ts.exists():  # (a language being added: nothing to build yet)
            continue
        elif argv == ["build"] or stale(catalog):
            build(catalog)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
