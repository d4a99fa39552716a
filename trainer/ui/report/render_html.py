"""A report as HTML: one file that opens on its own (pictures inline as ``data:`` URIs, the
style in the page), in the subset of HTML that Qt's QTextDocument also lays out, so the PDF
is the same page (``render_pdf`` passes the pictures as resources instead)."""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Callable

from trainer.ui import alignment_rows, words
from trainer.ui.report.document import Alignment, Recording, Report, Table
from trainer.ui.report.recording import at_text

ROW_WIDTH = 72  # characters of a typed text per line
GOOD, BAD = "#c8e6c9", "#ffcdd2"
OP_STYLE = {
    "substitution": "background-color:#ffcdd2; color:#b00020",
    "insertion": "background-color:#ffe0b2; color:#8a4b00",
    "omission": "background-color:#e1bee7; color:#5e1f73",
    "transposition": "background-color:#bbdefb; color:#0d3c78",
}
_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #202124; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 14px; margin-bottom: 4px; }
table { border-collapse: collapse; }
td, th { border: 1px solid #9aa0a6; padding: 3px 6px; vertical-align: top; }
th { background-color: #f1f3f4; text-align: left; }
.verdict { font-size: 20pt; font-weight: bold; }
.passed { color: #137333; }
.failed { color: #b00020; }
.mono { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 10pt; }
.ref { color: #5f6368; }
"""

ImageSource = Callable[[str, bytes], str]
_BARE = ' style="border:none"'


def data_uri(_name: str, data: bytes) -> str:
    """A picture inline in the page."""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _e(text: str) -> str:
    return html.escape(text)


def time_link(t: float) -> str:
    """A time in the recording as a link that plays the call from there (``playAt`` below;
    ``data-t`` the second on the session clock; ``#t=`` the moment in the address, as a
    media fragment names it)."""
    return (
        f'<a class="t" href="#t={t:.1f}" data-t="{t:.2f}" '
        f'onclick="return playAt({t:.2f})">{_e(at_text(t))}</a>'
    )


def _table(table: Table, interactive: bool = False) -> str:
    headers = [*table.headers, *([table.time_header] if table.times else [])]
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for index, row in enumerate(table.rows):
        good = table.good[index] if index < len(table.good) else None
        colour = "" if good is None else f' style="background-color:{GOOD if good else BAD}"'
        cells = "".join(f"<td>{_e(c)}</td>" for c in row)
        if table.times:
            t = table.times[index]
            shown = "–" if t is None else time_link(t) if interactive else _e(at_text(t))
            cells += f"<td>{shown}</td>"
        body.append(f"<tr{colour}>{cells}</tr>")
    intro = f"<p>{_e(table.intro)}</p>" if table.intro else ""
    return (
        f"<h2>{_e(table.title)}</h2>{intro}"
        f'<table border="1" cellspacing="0" cellpadding="3"><tr>{head}</tr>{"".join(body)}</table>'
    )


def _alignment(block: Alignment) -> str:
    lines = "".join(
        f'<p class="mono" style="margin-top:0; margin-bottom:8px">'
        f'<span class="ref">{a}</span><br/>{b}</p>'
        for a, b in alignment_rows.rows(block.pairs, OP_STYLE, ROW_WIDTH)
    )
    return f"<h2>{_e(block.title)}</h2>{legend()}{lines}"


def legend() -> str:
    """The colours of the error types, named."""
    parts = [
        f'<span style="{OP_STYLE[op]}">&nbsp;{_e(words.error_type(op))}&nbsp;</span>'
        for op in OP_STYLE
    ]
    said = words.tr(
        "Bovenaan de opgave (grijs), eronder wat getypt werd; · staat voor een ontbrekend teken."
    )
    return f"<p>{' '.join(parts)}</p><p>{_e(said)}</p>"


# Plays the call from a moment: every stretch of a sound sounding then starts at its place in
# its file, every later one when its time comes, each paused where it stops; a new time or
# Stop starts over. S: [element, start, stop, offset in the file, speed] on the session clock.
_PLAYER = """
var timers = [];
function stopAll() {
  timers.forEach(clearTimeout); timers = [];
  document.querySelectorAll("audio").forEach(function (a) { a.pause(); });
  return false;
}
function playAt(t) {
  stopAll();
  S.forEach(function (s, n) {
    var a = document.getElementById(s[0]);
    if (!a || s[2] <= t) return;
    function go(from) {
      a.dataset.stretch = n; a.playbackRate = s[4];
      a.currentTime = s[3] + (from - s[1]) * s[4]; a.play();
      timers.push(setTimeout(function () {
        if (a.dataset.stretch == n) a.pause();
      }, (s[2] - from) * 1000));
    }
    if (s[1] <= t) go(t);
    else timers.push(setTimeout(function () { go(s[1]); }, (s[1] - t) * 1000));
  });
  return false;
}
"""


def recording_html(recording: Recording, interactive: bool) -> str:
    """The call's recording: in a browser each sound with its player, and the script that
    plays the call from a time; on paper where the recording is to be found."""
    out = [f"<h2>{_e(recording.title)}</h2>"]
    if interactive and recording.sounds:
        said = words.tr(
            "Klik op een tijd in dit rapport: de opname speelt vanaf dat moment, de stem van "
            "de cursist en de klant samen."
        )
        stop = words.tr("Stoppen")
        out.append(f'<p>{_e(said)} <a href="#" onclick="return stopAll()">{_e(stop)}</a></p>')
        rows = "".join(
            f"<tr><td>{_e(sound.title)}</td><td>"
            f'<audio id="{sound.element}" controls preload="metadata" src="{sound.uri}"></audio>'
            f"</td></tr>"
            for sound in recording.sounds
        )
        out.append(f'<table border="1" cellspacing="0" cellpadding="3">{rows}</table>')
    elif recording.sounds:
        said = words.tr(
            "De tijden in dit rapport zijn die van de opname en van Terugkijken (Ctrl+J op de "
            "resultaten); het HTML-rapport speelt de opname af vanaf elke tijd."
        )
        out.append(f"<p>{_e(said)}</p>")
        voice = next((s for s in recording.sounds if s.element == "voice"), None)
        if voice is not None:
            where = words.tr("Stem van de cursist: %1, naast het logboek.").replace(
                "%1", voice.file
            )
            out.append(f"<p>{_e(where)}</p>")
    out += [f"<p>{_e(note)}</p>" for note in recording.notes]
    if interactive:  # (also with nothing to play: the times' links then do nothing)
        stretches = json.dumps(
            [[e, *(round(x, 3) for x in rest)] for e, *rest in recording.stretches]
        )
        out.append(f"<script>var S = {stretches};{_PLAYER}</script>")
    return "".join(out)


def render_html(report: Report, image: ImageSource = data_uri, interactive: bool = True) -> str:
    """The whole report as one HTML page; ``interactive``: with the call's sounds to play and
    its times as links (a browser's page; the PDF's is printed without them)."""
    mark = "passed" if report.passed else "failed"
    out = [
        '<!DOCTYPE html><html><head><meta charset="utf-8"/>',
        f"<title>{_e(report.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(report.title)}</h1>",
        '<table border="0" cellspacing="0" cellpadding="2">',
        *(
            f"<tr><td{_BARE}><b>{_e(k)}</b></td><td{_BARE}>{_e(v)}</td></tr>"
            for k, v in report.about
        ),
        "</table>",
        f'<p class="verdict {mark}">{_e(report.verdict)}</p>',
        *(f"<p>{_e(line)}</p>" for line in report.why),
        *(f"<p><b>{_e(note)}</b></p>" for note in report.notes),
    ]
    out += [_table(t) for t in report.tables]
    if report.recording is not None:
        out.append(recording_html(report.recording, interactive))
    if report.data_entry is not None:
        out.append(_table(report.data_entry, interactive))
    if report.course is not None:
        out.append(_table(report.course, interactive))
    out += [_alignment(a) for a in report.alignments]
    if report.errors is not None and report.errors.rows:
        out.append(_table(report.errors))
    if report.timeline is not None:
        course = words.tr("Verloop van de sessie")
        out.append(f"<h2>{_e(course)}</h2>")
        out.append(f'<p><img src="{image("timeline", report.timeline)}" width="680"/></p>')
    if report.heat_map is not None:
        out.append(f"<h2>{_e(report.heat_map_title)}</h2>")
        out.append(f'<p><img src="{image("heatmap", report.heat_map)}" width="620"/></p>')
    if report.keys is not None:
        out.append(_table(report.keys))
    advice = words.tr("Advies")
    out.append(f"<h2>{_e(advice)}</h2>")
    out += [f"<p>{_e(a)}</p>" for a in report.advice]
    out.append("</body></html>")
    return "\n".join(out)
