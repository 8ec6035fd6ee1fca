"""A TF-IDF index of phrasings over character n-grams, searched without scanning every phrasing.

Built once from a list of phrasings (each in a group: a template in one language) and never
changed; the matcher builds a new one and swaps it in when templates come or go.

A query is answered in two stages. Candidates: the query's rarest n-grams are looked up in
posting lists (term -> phrasings) until a budget of postings is spent, which scores only
phrasings sharing an informative n-gram with the query. Exact: the cosine of the query with each
candidate phrasing and with each candidate group's centroid (the normalised mean of its
phrasings), from the phrasing-major copy of the same matrix.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from knowledge.text import ngrams

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Postings read in the candidate stage at most (the rarest n-grams first).
POSTING_BUDGET = 20_000
CANDIDATES = 100


@dataclass
class _Csr:
    """A sparse matrix in compressed rows, numpy only."""

    indptr: IntArray
    indices: IntArray
    data: FloatArray

    @classmethod
    def from_triples(cls, rows: IntArray, cols: IntArray, vals: FloatArray, n_rows: int) -> _Csr:
        order = np.lexsort((cols, rows))
        rows, cols, vals = rows[order], cols[order], vals[order]
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.add.at(indptr, rows + 1, 1)
        return cls(np.cumsum(indptr), cols.astype(np.int64), vals.astype(np.float64))

    def _positions(self, rows: IntArray) -> tuple[IntArray, IntArray]:
        """Where the stored values of `rows` are, and how many each row has."""
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return np.arange(total) + offsets, lengths

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


class Index:
    """Phrasings in groups, with IDF weights, posting lists and group centroids."""

    def __init__(self, texts: Sequence[str], groups: Sequence[int]) -> None:
        """`texts` are normalised phrasings; `groups[i]` numbers the group of phrasing i."""
        self.size = len(texts)
        self.groups = np.asarray(groups, dtype=np.int64)
        self.group_count = int(self.groups.max()) + 1 if self.size else 0
        vocabulary: dict[str, int] = {}
        document_frequency = array("q")
        # Compact typed arrays: a Python list per entry would cost ~100 bytes for each n-gram.
        rows, cols, tfs = array("q"), array("q"), array("d")
        for row, text in enumerate(texts):
            for gram, count in ngrams(text).items():
                term = vocabulary.get(gram)
                if term is None:
                    term = vocabulary[gram] = len(vocabulary)
                    document_frequency.append(0)
                document_frequency[term] += 1
                rows.append(row)
                cols.append(term)
                tfs.append(1.0 + math.log(count))
        self.vocabulary = vocabulary
        frequency = np.asarray(document_frequency, dtype=np.float64)
        self.idf = np.log((1.0 + self.size) / (1.0 + frequency)) + 1.0
        row_array = np.frombuffer(rows, dtype=np.int64) if rows else np.zeros(0, np.int64)
        col_array = np.frombuffer(cols, dtype=np.int64) if cols else np.zeros(0, np.int64)
        values = np.frombuffer(tfs, dtype=np.float64) * self.idf[col_array]
        norms = np.zeros(self.size)
        np.add.at(norms, row_array, values**2)
        values = values / np.sqrt(norms[row_array])
        self.by_phrasing = _Csr.from_triples(row_array, col_array, values, self.size)
        self.by_term = _Csr.from_triples(col_array, row_array, values, len(vocabulary))
        # Group centroids: the mean of the group's unit vectors, normalised again.
        group_rows = self.groups[row_array]
        self.by_group = _Csr.from_triples(group_rows, col_array, values, self.group_count)
        self._merge_duplicates(self.by_group)
        group_lengths = np.diff(self.by_group.indptr)
        self.group_by_term = _Csr.from_triples(
            self.by_group.indices,
            np.repeat(np.arange(self.group_count), group_lengths),
            self.by_group.data,
            len(vocabulary),
        )
        self.document_frequency = frequency

    @staticmethod
    def _merge_duplicates(matrix: _Csr) -> None:
        """Sum repeated (row, column) entries of a sorted CSR and normalise each row."""
        n_rows = len(matrix.indptr) - 1
        rows = np.repeat(np.arange(n_rows), np.diff(matrix.indptr))
        if len(rows) == 0:
            return
        keys = rows * (int(matrix.indices.max()) + 1) + matrix.indices
        _, first = np.unique(keys, return_index=True)
        sums = np.add.reduceat(matrix.data, first)
        new_rows = rows[first]
        norms = np.zeros(n_rows)
        np.add.at(norms, new_rows, sums**2)
        sums = sums / np.sqrt(norms[new_rows])
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.add.at(indptr, new_rows + 1, 1)
        matrix.indptr = np.cumsum(indptr)
        matrix.indices = matrix.indices[first]
        matrix.data = sums

    def query_vector(self, normal: str) -> tuple[IntArray, FloatArray]:
        """The query's known terms and their unit-length TF-IDF weights."""
        grams = ngrams(normal)
        ids = np.fromiter(
            (self.vocabulary.get(gram, -1) for gram in grams), dtype=np.int64, count=len(grams)
        )
        counts = np.fromiter(grams.values(), dtype=np.float64, count=len(grams))
        known = ids >= 0
        terms = ids[known]
        weights = (1.0 + np.log(counts[known])) * self.idf[terms]
        norm = float(np.sqrt((weights**2).sum()))
        return terms, (weights / norm if norm else weights)

    def search(
        self, normal: str, allowed: npt.NDArray[np.bool_] | None = None
    ) -> tuple[IntArray, FloatArray, IntArray, FloatArray]:
        """Candidate phrasings with their cosines, and candidate groups with centroid cosines."""
        terms, weights = self.query_vector(normal)
        empty_i, empty_f = np.zeros(0, dtype=np.int64), np.zeros(0)
        if len(terms) == 0 or self.size == 0:
            return empty_i, empty_f, empty_i, empty_f
        order = np.argsort(-self.idf[terms], kind="stable")
        lengths = np.diff(self.by_term.indptr)[terms[order]]
        within = np.cumsum(lengths) <= POSTING_BUDGET
        within[: min(3, len(within))] = True  # always the three rarest n-grams
        chosen = order[within]
        approx = self.by_term.scatter(terms[chosen], weights[chosen], self.size)
        if allowed is not None:
            approx[~allowed] = 0.0
        hit = np.flatnonzero(approx)
        if len(hit) > CANDIDATES:
            hit = hit[np.argpartition(-approx[hit], CANDIDATES)[:CANDIDATES]]
        dense = np.zeros(len(self.vocabulary))
        dense[terms] = weights
        cosines = self.by_phrasing.dot_rows(hit, dense)
        groups = np.unique(self.groups[hit])
        # The centroids' cosines, by whichever orientation reads fewer values.
        by_rows = int(np.diff(self.by_group.indptr)[groups].sum())
        by_terms = int(np.diff(self.group_by_term.indptr)[terms].sum())
        if by_rows <= by_terms:
            centroid = self.by_group.dot_rows(groups, dense)
        else:
            centroid = self.group_by_term.scatter(terms, weights, self.group_count)[groups]
        return hit, cosines, groups, centroid
