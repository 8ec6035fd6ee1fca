"""The chart's Chinese labels render as glyphs, not tofu boxes: the CJK font is found, has the
glyphs, and text drawn with it differs from the same text in a font without them."""

from __future__ import annotations

import io
import warnings
from datetime import timedelta

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from PIL import Image

from bot.config import Settings
from bot.figures import Figures, Report
from bot.reports.chart import cjk_font, render
from bot.reports.failing import Group, Question
from bot.reports.full import FullReport, Names
from bot.reports.labels import LABELS
from bot.reports.leaks import Breaches, PairDelays
from tests.conftest import MONDAY_9AM

LABEL = "按期办结率"

# Like the page's Chromium tests: a machine without the system font cannot run these; .ci/run
# installs it (Debian's fonts-noto-cjk, named in the README), so CI always does.
pytestmark = pytest.mark.skipif(
    cjk_font() is None, reason="no CJK font installed: apt install fonts-noto-cjk (.ci/run does)"
)


def _drawn(text: str, font: str) -> np.ndarray:
    figure = Figure(figsize=(3, 1), dpi=100)
    figure.text(0.05, 0.3, text, fontsize=24, fontproperties={"fname": font} if font else None)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return np.asarray(Image.open(io.BytesIO(out.getvalue())).convert("L"))


def test_a_cjk_font_is_found_with_every_label_glyph() -> None:
    font = cjk_font()
    assert font is not None, ".ci/run installs fonts-noto-cjk; see the README"
    face = FT2Font(font)
    missing = {
        ch
        for text in LABELS["zh"].values()
        for ch in text
        if not ch.isascii() and face.get_char_index(ord(ch)) == 0
    }
    assert missing == set()


def test_chinese_drawn_with_the_font_is_not_tofu() -> None:
    font = cjk_font()
    assert font is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        ours = _drawn(LABEL, font)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tofu = _drawn(LABEL, "")  # DejaVu Sans, which has no Han characters
        boxes = _drawn("口口口口口", "")
    assert (ours < 128).sum() > 0
    # Without the glyphs every character is the same box: the default font draws the label and
    # five other Han characters alike; ours draws them as themselves.
    assert np.array_equal(tofu, boxes)
    assert not np.array_equal(ours, tofu)


def test_the_report_chart_renders_in_chinese_without_missing_glyphs(settings: Settings) -> None:
    names = Names.of(settings, "zh")
    row = Figures(tickets=3, resolved=2, resolved_in_time=1, first_response_s=[600.0])
    end = MONDAY_9AM + timedelta(days=7)
    report = FullReport(
        MONDAY_9AM,
        end,
        end,
        Report(MONDAY_9AM, end, {100101: row}, {"general": row, "utilities": Figures()}),
        [PairDelays("general", "utilities", sent=1, past_deadline=1, delays_s=[7200.0])],
        [],
        [Group([Question(1, "小区电梯坏了", "zh", "general")])],
        Breaches([], {}, {}),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = render(report, names)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1200, 800)
