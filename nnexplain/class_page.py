"""``DIR/index.html``: every student's digit, what the network read, the cost, their lecture.

The page opens from disk: every link is relative to ``DIR``. It holds no time or
absolute path, so two runs over the same inputs write the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nncore.files import written
from nnexplain.index_page import STYLE

PAGE_STYLE = (
    STYLE
    + """
table.class { font-size: 1em; } table.class td, table.class th { padding: .4em .8em;
  border-bottom: 1px solid #333; text-align: left; vertical-align: middle; }
table.class img { height: 84px; display: block; } .failed { color: #f77; }
"""
)


@dataclass(frozen=True)
class Row:
    """One student on the class page; ``error`` set when their lecture could not be made."""

    name: str
    folder: str  # DIR/<folder>/
    file: str  # the image's file name, as the student gave it
    label: int | None = None
    prediction: int | None = None
    cost: float | None = None
    preview: str | None = None  # relative to DIR: the photo beside the 28x28 read from it
    lecture: str | None = None  # relative to DIR: the student's index.html
    error: str | None = None


def _cell(row: Row) -> str:
    name = html.escape(row.name)
    if row.lecture:
        name = f'<a href="{html.escape(row.lecture)}">{name}</a>'
    seen = f'<img src="{html.escape(row.preview)}" alt="{html.escape(row.file)}">' if (
        row.preview) else html.escape(row.file)  # fmt: skip
    reads = "" if row.prediction is None else f"a {row.prediction}"
    if row.label is not None and row.prediction is not None:
        reads += " (right)" if row.prediction == row.label else f" (it is a {row.label})"
    cost = "" if row.cost is None else f"{row.cost:.4f}"
    status = (
        f'<span class="failed">failed: {html.escape(row.error)}</span>'
        if row.error
        else f'<a href="{html.escape(row.lecture)}">lecture</a>'
    )
    return (
        f"<tr><td>{name}</td><td>{seen}</td><td>{reads}</td><td>{cost}</td><td>{status}</td></tr>"
    )


def write_class_page(rows: Sequence[Row], out: Path) -> Path:
    """Write ``out/index.html`` whole or not at all (a full disk leaves the last one)."""
    failed = sum(1 for r in rows if r.error)
    summary = f"{len(rows)} students" + (f", {failed} failed (see failures.csv)" if failed else "")
    head = "<tr><th>student</th><th>their digit, and the 28x28 the network read</th>"
    head += "<th>the network reads</th><th>cost C</th><th></th></tr>"
    body = "\n".join(_cell(r) for r in rows)
    page = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>nnexplain class</title><style>{PAGE_STYLE}</style></head><body>\n"
        f"<h1>nnexplain: a lecture for every student</h1><p>{summary}. The cost is "
        "C = sum_j (a_j - y_j)^2 of the trained network's output against the digit's label; "
        f'every number comes from nncore.</p>\n<table class="class">{head}\n{body}\n</table>'
        "\n</body></html>\n"
    )
    target = out / "index.html"
    with written(target, "w") as f:
        f.write(page)
    return target
