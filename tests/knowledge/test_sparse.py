"""The index's sparse matrices: orders and transposes agree with numpy's plain ones."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from knowledge.sparse import Csr, stable_order


@given(
    bound=st.sampled_from([1, 2, 300, 65_536, 65_537, 1 << 20, 1 << 40]),
    seeds=st.lists(st.integers(0, (1 << 62) - 1), max_size=200),
)
def test_stable_order_is_numpys_stable_argsort(bound: int, seeds: list[int]) -> None:
    keys = np.array([s % bound for s in seeds], dtype=np.int64)
    assert stable_order(keys, bound).tolist() == np.argsort(keys, kind="stable").tolist()


@given(
    cells=st.sets(st.tuples(st.integers(0, 30), st.integers(0, 70_000)), max_size=120),
)
def test_transposed_is_the_dense_transpose(cells: set[tuple[int, int]]) -> None:
    ordered = sorted(cells)
    rows = np.array([r for r, _ in ordered], dtype=np.int64)
    cols = np.array([c for _, c in ordered], dtype=np.int64)
    values = np.arange(1, len(ordered) + 1, dtype=np.float64)
    matrix = Csr.from_sorted(rows, cols, values, 31)
    flipped = matrix.transposed(70_001)
    assert flipped.indptr[-1] == len(ordered)
    found = {
        (int(c), int(r)): float(v)
        for c, r, v in zip(flipped.rows(), flipped.indices, flipped.data, strict=True)
    }
    assert found == {(c, r): float(v) for (r, c), v in zip(ordered, values, strict=True)}
    # Within each column of the original, rows ascend.
    same_column = np.diff(flipped.rows()) == 0
    assert bool(np.all(np.diff(flipped.indices)[same_column] > 0))
