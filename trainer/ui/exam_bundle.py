"""The export bundle for the test centre: one signed-off exam as a zip that ``simultaan verify``
checks whole.

Inside: each part's journal, result and seal as the workstation left them, each part's session
report as a PDF (``reports/``), the evaluators' ``signoff.json`` with its seal, and
``bundle.seal`` over every file, sealed by the evaluator station: a file taken out, added or
changed anywhere in the zip is said by ``verify``. Written in the language shown (the reports);
needs the app's QGuiApplication for the PDFs' fonts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.journal import read_journal
from trainer.core.loader import Catalog
from trainer.core.messages import Message
from trainer.seal.keys import Station, load_station, station_folder
from trainer.seal.parts import seal_files, seal_names, seal_path_of
from trainer.seal.verify import BUNDLE_SEAL
from trainer.store.exam_sheet import SIGNOFF, ExamSheet
from trainer.store.past_result import past_result
from trainer.store.verdicts import VerdictRefused

if TYPE_CHECKING:
    from trainer.core.clips import ClipLibrary


def bundle_name(sheet: ExamSheet) -> str:
    """A file name for the bundle: ``K-0412-nl-onthaal.zip``."""
    return f"{sheet.folder.name}-{sheet.folder.parent.name}.zip"


def write_bundle(
    out: Path,
    sheet: ExamSheet,
    catalog: Catalog,
    clips: ClipLibrary | None = None,
    station: Station | None = None,
    data_folder: Path | None = None,
) -> Path:
    """Write the bundle of a signed-off exam to ``out`` (whole or not at all). VerdictRefused
    before the sign-off; OSError or a Said (a report, a seal) when it cannot be made. The
    parts are scored and reported with the app's ``clips`` (their transcripts, a call's
    sounds; None: none, and a call's sounds from the shipped library, read again for each
    such part: about 0.1 s)."""
    if not sheet.signed_off:
        raise VerdictRefused(Message("bundle_needs_signoff", {"exam": sheet.exam}))
    from trainer.ui.report import write_report

    transcripts = clips.transcripts if clips is not None else None

    with tempfile.TemporaryDirectory(prefix="simultaan-bundle-") as temporary:
        root = Path(temporary)
        for part in sheet.parts:
            seal = part.sealed
            if seal is None or not part.intact:  # (a signed-off exam's parts all hold)
                said = {"parts": [f"{part.name}.jsonl"]}
                raise VerdictRefused(Message("signoff_parts_not_intact", said))
            for name in [*seal_names(seal), seal.name]:
                _copy(seal.parent / name, root / name)
            shown = past_result(part.row, catalog, transcripts, data_folder)
            report = root / "reports" / f"{part.name}.pdf"
            report.parent.mkdir(exist_ok=True)
            journal = read_journal(seal.parent / f"{part.name}.jsonl")
            write_report(
                report,
                "pdf",
                shown.exercise,
                journal,
                shown.result,
                transcripts=transcripts,
                clips=clips,
            )
        signoff = sheet.folder / SIGNOFF
        for path in (signoff, seal_path_of(signoff)):
            _copy(path, root / path.name)
        files = sorted(p for p in root.rglob("*") if p.is_file())
        if station is None and data_folder is not None:  # (the app's folder, not the env's)
            station = load_station(station_folder(data_folder))
        seal_files(files, root / BUNDLE_SEAL, station)
        _zip(root, out)
    return out


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _zip(root: Path, out: Path) -> None:
    """Zip ``root``'s files into ``out``: written beside it, then put in its place."""
    temporary = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                bundle.write(path, path.relative_to(root).as_posix())
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
