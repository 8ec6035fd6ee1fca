"""A sparse matrix in compressed rows, numpy only: what the index (`knowledge.index`) keeps
its phrasings, posting lists and centroids in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def stable_order(keys: IntArray, bound: int) -> IntArray:
    """The stable argsort of non-negative integer keys below `bound`: a radix sort, 16 bits a
    pass (numpy sorts 16-bit keys stably by radix, in linear time; a 64-bit sort of the 10M
    entries of 100k phrasings took twice as long)."""
    order = np.arange(len(keys))
    shift = 0
    while shift == 0 or bound > 1 << shift:
        digits = ((keys[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digits, kind="stable")]
        shift += 16
    return order


@dataclass
class Csr:
    """A sparse matrix in compressed rows, numpy only."""

    indptr: IntArray
    indices: IntArray
    data: FloatArray

    @classmethod
    def from_sorted(cls, rows: IntArray, cols: IntArray, vals: FloatArray, n_rows: int) -> Csr:
        """From coordinates whose rows are already in ascending order."""
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(np.bincount(rows, minlength=n_rows))
        return cls(indptr, cols.astype(np.int64), vals.astype(np.float64))

    def rows(self) -> IntArray:
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))

    def transposed(self, n_cols: int) -> Csr:
        rows = self.rows()
        # Rows ascend along the stored values, so a stable sort by column orders them by
        # (column, row).
        order = stable_order(self.indices, n_cols)
        return Csr.from_sorted(self.indices[order], rows[order], self.data[order], n_cols)

    def _positions(self, rows: IntArray) -> tuple[IntArray, IntArray]:
        """Where the stored values of `rows` are, and how many each row has."""
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return np.arange(total) + offsets, lengths

    def row_lengths(self, rows: IntArray) -> IntArray:
        """How many values each of `rows` stores."""
        return self.indptr[rows + 1] - self.indptr[rows]

    def dot_rows(self, rows: IntArray, dense: FloatArray) -> FloatArray:
        """For each of `rows`, its dot product with a dense vector."""
        positions, lengths = self._positions(rows)
        products = self.data[positions] * dense[self.indices[positions]]
        return np.bincount(
            np.repeat(np.arange(len(rows)), lengths), products, minlength=len(rows)
        ).astype(np.float64)

    def scatter(self, rows: IntArray, weights: FloatArray, width: int) -> FloatArray:
        """The weighted sum of `rows` as a dense vector of `width` (posting lists added up)."""
        positions, lengths = self._positions(rows)
        contributions = self.data[positions] * np.repeat(weights, lengths)
        return np.bincount(self.indices[positions], contributions, minlength=width).astype(
            np.float64
        )

    def scatter_sparse(self, rows: IntArray, weights: FloatArray) -> tuple[IntArray, FloatArray]:
        """The weighted sum of `rows` (posting lists added up), as the columns it reaches
        (ascending) and their sums: without a vector as wide as the matrix."""
        positions, lengths = self._positions(rows)
        columns, inverse = np.unique(self.indices[positions], return_inverse=True)
        sums = np.bincount(
            inverse.ravel(), self.data[positions] * np.repeat(weights, lengths), len(columns)
        )
        return columns, sums.astype(np.float64)
