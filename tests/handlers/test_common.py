"""Long texts are cut into messages Telegram accepts, losing nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.common import MAX_MESSAGE, split_text


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12_000), st.integers(10, 200))
def test_parts_fit_and_keep_every_character(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(_units(part) <= limit for part in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_a_long_report_is_cut_at_line_ends() -> None:
    lines = [f"第{n}行:" + "数据" * 30 for n in range(200)]
    parts = split_text("\n".join(lines))
    assert len(parts) > 1 and all(_units(p) <= MAX_MESSAGE for p in parts)
    assert all(part.split("\n")[0].startswith("第") for part in parts)
