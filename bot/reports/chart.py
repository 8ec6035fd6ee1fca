"""The report's one chart as a PNG: service-level compliance and tickets per department,
median first response, and the leak counts, labelled in the reader's language.

matplotlib with its Agg backend (no display). Chinese labels need a font with Han glyphs:
`cjk_font` finds one through matplotlib's font manager (Noto Sans CJK, which `.ci/run` and
the README install as Debian's fonts-noto-cjk, or another known CJK family), so no label is
drawn as empty boxes. Without one, the chart is drawn anyway and `cjk_font` returns None.
"""

from __future__ import annotations

import io
import re
import threading
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.reports.full import FullReport, Names
from bot.reports.labels import labels

# Families with the Han characters, the first installed one used (Debian: fonts-noto-cjk).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)


# matplotlib's settings are global: one chart at a time (the front draws in a worker thread).
_DRAWING = threading.Lock()


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The file of an installed font that has Chinese glyphs, or None. One installed after
    matplotlib cached its list of fonts (it does not look again by itself) is found too
    (`_cjk_from_disk`)."""
    for attempt in (None, _cjk_from_disk):
        if attempt is not None:
            attempt()
        installed = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
        for family in CJK_FAMILIES:
            if family in installed:
                return installed[family]
    return None


# How the files of the fonts in CJK_FAMILIES are named (Debian's fonts-noto-cjk, wqy, Source Han).
_CJK_FILE = re.compile(r"cjk|sourcehan|wqy|wenquanyi|notosanssc", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cjk_from_disk() -> None:
    """Add to matplotlib the Chinese fonts on disk it does not know yet (installed after its
    cache of fonts was made: `apt install fonts-noto-cjk` on a machine that drew a chart
    before), once per process."""
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known and _CJK_FILE.search(Path(path).name):
            font_manager.fontManager.addfont(path)


def _font_family() -> list[str]:
    path = cjk_font()
    if path is None:
        return ["DejaVu Sans"]
    return [font_manager.FontProperties(fname=path).get_name(), "DejaVu Sans"]


def render(report: FullReport, names: Names) -> bytes:
    """The chart of `report` as PNG bytes (about 1200x800 pixels)."""
    words = labels(names.language)
    departments = sorted(report.figures.by_department)
    shown = [names.department(key) for key in departments]
    rows = [report.figures.by_department[key] for key in departments]
    with (
        _DRAWING,
        matplotlib.rc_context({"font.family": _font_family(), "axes.unicode_minus": False}),
    ):
        figure = Figure(figsize=(12, 8), dpi=100)
        (sla, count), (first, leaks) = figure.subplots(2, 2)
        sla.barh(shown, [100 * (r.sla_compliance or 0.0) for r in rows], color="#3a7")
        sla.set_xlim(0, 100)
        sla.set_title(words["chart_sla"])
        count.barh(shown, [r.tickets for r in rows], color="#37a")
        count.set_title(words["chart_tickets"])
        first.barh(shown, [(r.median_first_response_s or 0.0) / 60 for r in rows], color="#a73")
        first.set_title(words["chart_first_response"])
        leak_names = [
            words["leak_handoffs"],
            words["leak_passed"],
            words["leak_failing"],
            words["leak_breaches"],
        ]
        leak_counts = [
            report.handoffs_past_deadline,
            len(report.passed_around),
            len(report.failing),
            len(report.breaches.lines),
        ]
        leaks.bar(leak_names, leak_counts, color="#c44")
        leaks.set_title(words["chart_leaks"])
        for axes in (sla, count, first):
            axes.invert_yaxis()
        count.xaxis.set_major_locator(MaxNLocator(integer=True))
        leaks.yaxis.set_major_locator(MaxNLocator(integer=True))
        figure.suptitle(f"{words['title']} {names.when(report.start)} – {names.when(report.end)}")
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()
