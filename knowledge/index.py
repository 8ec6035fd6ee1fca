"""A TF-IDF index of phrasings over character n-grams, searched without scanning every phrasing.

A term's weight is its IDF (for n-grams of English words estimated with a prior of general
English, `knowledge.background`) times the weight of its length: single Han characters (Chinese
words, as far as n-grams see) weigh UNIGRAM_WEIGHT, the longer n-grams 1. Measured on two
Chinese sets (`benchmarks/matcher.py`): with one phrasing per template, top-1 rises by 6 points
from weight 1 to 2.5; English has no single-letter terms and is unchanged.

Built once from a list of phrasings (each in a group: a template in one language) and never
changed; the matcher builds a new one and swaps it in when templates come or go.

A query is answered in two stages. Candidates: the query's rarest n-grams are looked up in
posting lists (term -> phrasings) until a budget of postings is spent, which scores only
phrasings sharing an informative n-gram with the query. Exact: the cosine of the query with each
candidate phrasing and with each candidate group's centroid (the normalised mean of its
phrasings), from the phrasing-major copy of the same matrix.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from knowledge import background
from knowledge.sparse import Csr, FloatArray, IntArray
from knowledge.text import STOP_WEIGHT, gram_hashes, text_grams, word_weight

# Postings read in the candidate stage at most (the rarest n-grams first).
POSTING_BUDGET = 6_000
CANDIDATES = 50
# The postings read are added up in a vector as long as the base while it is at most this many
# times their number; beyond, sorted and summed (a fresh 800 kB vector a question at 100k
# phrasings costs more than sorting the few thousand postings; at 10k, less).
DENSE_SCATTER = 8
UNIGRAM_WEIGHT = 2.5
# IDF is ln((1 + phrasings) / (1 + phrasings with the term)) plus this floor: 0.5 rather than
# scikit-learn's 1 lets the rarer n-grams count more where a base has few phrasings (measured:
# +1 point of Chinese top-1 with one phrasing a template, the many-phrasing regime unchanged).
IDF_FLOOR = 0.5
# BM25's term-frequency saturation and length normalisation (the usual values).
BM25_K1, BM25_B = 1.2, 0.75
# Refined centroids: passes over the phrasings, step, and the margin by which a phrasing's own
# centroid must beat every other; only while groups x terms stays under the cell budget (a
# dense float32 matrix: 20M cells are 80 MB) and a pass's work (the phrasings' stored values x
# groups) under the work budget (BANKING77: 10k phrasings, 77 templates, about 93M). 60 passes
# rather than 30: measured on a fifth of each base's phrasings held out of it (not the test
# files), top-1 0.875 -> 0.881 on HWU64 and 0.899 -> 0.900 on BANKING77, for twice the build.
REFINE_PASSES, REFINE_STEP, REFINE_MARGIN = 60, 0.05, 0.1
REFINE_CELLS = 20_000_000
REFINE_WORK = 150_000_000
# ... and only where templates have this many phrasings on average: with fewer, refining learns
# accidents (with three a template, "refused" came to answer a question about tax refunds).
REFINE_MIN_PHRASINGS = 8
ROWS_PER_BLOCK_CELLS = 4_000_000
# A thin base: fewer phrasings a template than this on average; function words count less
# there (`knowledge.text.STOP_WEIGHT`).
THIN_BASE = REFINE_MIN_PHRASINGS


class Query(NamedTuple):
    """A question as the index sees it: its known terms, their weights (unit length), the IDF
    weight of its unknown n-grams, and the length of the known part over the whole (0-1)."""

    terms: IntArray
    weights: FloatArray
    unknown: float
    known: float


def sublinear(counts: FloatArray) -> FloatArray:
    """Term frequency, sublinear: 1 + ln(count) from one occurrence up, the count below (a
    function word's occurrence counts less than one)."""
    return np.where(counts >= 1.0, 1.0 + np.log(np.maximum(counts, 1.0)), counts)


def _unit_rows(rows: IntArray, values: FloatArray, n_rows: int) -> FloatArray:
    """Scale each row's values to unit length."""
    norms = np.sqrt(np.bincount(rows, values**2, minlength=n_rows))
    return values / norms[rows]


class Index:
    """Phrasings in groups, with IDF weights, posting lists and group centroids."""

    def __init__(self, texts: Sequence[str], groups: Sequence[int]) -> None:
        """`texts` are normalised phrasings; `groups[i]` numbers the group of phrasing i.

        Phrasings come grouped: the group numbers never decrease along `texts`.
        """
        self.size = len(texts)
        self._local = threading.local()
        self.groups = np.asarray(groups, dtype=np.int64)
        if np.any(np.diff(self.groups) < 0):
            raise ValueError("phrasings must come grouped: group numbers never decrease")
        self.group_count = int(self.groups.max()) + 1 if self.size else 0
        thin = self.size < THIN_BASE * self.group_count
        self.stop_weight = STOP_WEIGHT if thin else 1.0
        occurrence_rows, term_of, occurrence_weights = self._terms_of(texts)
        width = max(len(self.terms), 1)
        pairs, inverse = np.unique(occurrence_rows * width + term_of, return_inverse=True)
        counts = np.bincount(inverse.ravel(), occurrence_weights, minlength=len(pairs)).astype(
            np.float64
        )
        rows, cols = pairs // width, pairs % width
        self.prior = background.PRIOR_DOCUMENTS
        frequencies = np.bincount(cols, minlength=width).astype(np.float64)
        self.idf = np.log((1.0 + self.size) / (1.0 + frequencies)) + IDF_FLOOR
        if self.prior > 0 and self.term_english.any():
            english = self.term_english
            self.idf[english] = self._idf(frequencies[english], self.terms[english])
        self.weight = self.idf * np.where(self.term_orders == 1, UNIGRAM_WEIGHT, 1.0)
        values = _unit_rows(rows, sublinear(counts) * self.weight[cols], self.size)
        self.by_phrasing = Csr.from_sorted(rows, cols, values, self.size)
        # BM25's saturated term frequency of each (phrasing, term), divided by k1 + 1 (so 0-1).
        lengths = np.bincount(rows, counts, minlength=self.size)
        relative = lengths[rows] / max(float(lengths.mean()) if self.size else 1.0, 1.0)
        self.saturated = counts / (counts + BM25_K1 * (1 - BM25_B + BM25_B * relative))
        self.by_term = self.by_phrasing.transposed(width)
        # Group centroids: the sum of the group's unit vectors, normalised again. Within a term
        # the phrasings ascend, so (groups being contiguous) their groups ascend too, and equal
        # neighbours are the only entries to add up.
        term_rows = self.by_term.rows()
        term_groups = self.groups[self.by_term.indices]
        starts = (
            np.flatnonzero(
                np.concatenate(([True], (np.diff(term_rows) != 0) | (np.diff(term_groups) != 0)))
            )
            if len(term_rows)
            else np.zeros(0, np.int64)
        )
        sums = np.add.reduceat(self.by_term.data, starts) if len(starts) else np.zeros(0)
        centroid_terms, centroid_groups = term_rows[starts], term_groups[starts]
        norms = np.sqrt(np.bincount(centroid_groups, sums**2, minlength=self.group_count))
        self.group_by_term = Csr.from_sorted(
            centroid_terms, centroid_groups, sums / norms[centroid_groups], width
        )
        self.by_group = self.group_by_term.transposed(self.group_count)
        self.term_count = width
        self.refined = (
            self._refined_centroids()
            if self.group_count > 1
            and self.size >= REFINE_MIN_PHRASINGS * self.group_count
            and self.group_count * width <= REFINE_CELLS
            and self.group_count * len(self.by_phrasing.data) <= REFINE_WORK
            else None
        )

    def _idf(self, frequencies: FloatArray, hashes: npt.NDArray[np.uint64]) -> FloatArray:
        """The IDF of n-grams of English words (`hashes`) found in `frequencies` phrasings of
        the base: ln((1 + N + M) / (1 + df + M p)), M the prior's pseudo-phrasings
        (`knowledge.background.PRIOR_DOCUMENTS`) and p the share of them that contain the
        n-gram, plus IDF_FLOOR. Without a prior (M = 0) it is the plain IDF."""
        share = background.document_share(hashes, self.words_per_phrasing)
        return (
            np.log((1.0 + self.size + self.prior) / (1.0 + frequencies + self.prior * share))
            + IDF_FLOOR
        )

    def _refined_centroids(self) -> npt.NDArray[np.float32]:
        """The centroids (terms x groups), corrected perceptron-fashion until each phrasing
        prefers its own group's centroid by REFINE_MARGIN, or REFINE_PASSES are done.

        Each pass moves every group whose phrasings lose (or win too narrowly) towards them and
        the group they lose to away: the n-grams that tell templates apart gain weight over
        the ones every template shares. Measured (`benchmarks/matcher.py`): top-1 +3 points on
        BANKING77 and HWU64; with one phrasing a template nothing changes (each wins already).
        """
        width, groups = self.term_count, self.group_count
        refined = np.zeros((width, groups), dtype=np.float32)
        rows = self.group_by_term.rows()
        refined[rows, self.group_by_term.indices] = self.group_by_term.data
        matrix = self.by_phrasing
        phrasing_rows = matrix.rows()
        everyone = np.arange(self.size)
        for _ in range(REFINE_PASSES):
            scores = self._phrasing_scores(refined)
            own = scores[everyone, self.groups]
            scores[everyone, self.groups] = -np.inf
            rival = scores.argmax(axis=1)
            losing = scores[everyone, rival] + REFINE_MARGIN > own
            if not losing.any():
                break
            step = REFINE_STEP * groups / int(losing.sum())
            entries = losing[phrasing_rows]
            cols = matrix.indices[entries]
            values = matrix.data[entries] * step
            rows_of = phrasing_rows[entries]
            change = np.bincount(
                cols * groups + self.groups[rows_of], values, minlength=width * groups
            ) - np.bincount(cols * groups + rival[rows_of], values, minlength=width * groups)
            refined += change.reshape(width, groups).astype(np.float32)
        return refined

    def _phrasing_scores(self, refined: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Every phrasing's dot product with every column of `refined` (phrasings x groups)."""
        matrix = self.by_phrasing
        out = np.zeros((self.size, self.group_count), dtype=np.float32)
        per_block = max(1, ROWS_PER_BLOCK_CELLS // max(self.group_count, 1))
        data = matrix.data.astype(np.float32)
        start = 0
        while start < self.size:
            # Rows up to `per_block` stored values, at least one row.
            end = int(np.searchsorted(matrix.indptr, matrix.indptr[start] + per_block, "right"))
            end = min(max(end - 1, start + 1), self.size)
            low, high = matrix.indptr[start], matrix.indptr[end]
            starts = matrix.indptr[start:end] - low
            filled = np.flatnonzero(np.diff(matrix.indptr[start : end + 1]))
            if len(filled):
                products = refined[matrix.indices[low:high]] * data[low:high, None]
                out[start + filled] = np.add.reduceat(products, starts[filled], axis=0)
            start = end
        return out

    def _terms_of(self, texts: Sequence[str]) -> tuple[IntArray, IntArray, FloatArray]:
        """Every n-gram occurrence as (phrasing, term, weight: `knowledge.text.word_weight` of
        its word); sets `self.terms`, the vocabulary.

        Words repeat across phrasings far more than phrasings differ, so the n-grams of each
        distinct word are hashed once and then laid out for every occurrence of the word.
        """
        word_ids: dict[str, int] = {}
        occurrence_words = [
            [word_ids.setdefault(word, len(word_ids)) for word in text.split()] for text in texts
        ]
        distinct = list(word_ids)
        word_of_gram, hashes, orders = gram_hashes(distinct)
        # The vocabulary is the sorted distinct n-gram hashes; a term is a position in it.
        self.terms, first, term_of_gram = np.unique(hashes, return_index=True, return_inverse=True)
        self.term_orders = orders[first]
        word_english = np.fromiter((w.isascii() for w in distinct), bool, len(distinct))
        self.term_english = word_english[word_of_gram[first]]
        order = np.argsort(word_of_gram, kind="stable")
        by_word = Csr.from_sorted(
            word_of_gram[order], term_of_gram[order], np.ones(len(hashes)), len(distinct)
        )
        words = np.fromiter(
            (w for ws in occurrence_words for w in ws),
            np.int64,
            sum(len(ws) for ws in occurrence_words),
        )
        # Words a phrasing on average: the length of the prior's pseudo-phrasings.
        self.words_per_phrasing = len(words) / max(len(texts), 1)
        word_rows = np.repeat(
            np.arange(len(texts)),
            np.fromiter((len(ws) for ws in occurrence_words), np.int64, len(texts)),
        )
        positions, lengths = by_word._positions(words)
        weights = np.fromiter(
            (word_weight(word, self.stop_weight) for word in distinct), np.float64, len(distinct)
        )
        return (
            np.repeat(word_rows, lengths),
            by_word.indices[positions],
            np.repeat(weights[words], lengths),
        )

    def query_vector(self, normal: str) -> Query:
        """The query's known terms with their unit-length TF-IDF weights; and how much of it
        the base knows: its unknown n-grams count against that, each as rare as can be in the
        base (an English one as rare as general English says, `_idf` with df 0)."""
        distinct, counts, orders, english = text_grams(normal, self.stop_weight)
        positions = np.searchsorted(self.terms, distinct)
        positions[positions >= len(self.terms)] = 0
        known = self.terms[positions] == distinct if len(self.terms) else positions < 0
        terms = positions[known]
        weights = sublinear(counts[known]) * self.weight[terms]
        # An n-gram the base has never seen is as rare as can be in it: on the prior's scale
        # (N + M) for an English one, so that a passport asked of a base about ID cards
        # still counts against what the base knows however common the word is.
        unseen = ~known
        rarest = np.full(int(unseen.sum()), np.log(1.0 + self.size))
        rarest[english[unseen]] = np.log(1.0 + self.size + self.prior)
        unknown = (rarest + IDF_FLOOR) * np.where(orders[unseen] == 1, UNIGRAM_WEIGHT, 1.0)
        norm = float(np.sqrt((weights**2).sum()))
        whole = np.sqrt(norm**2 + ((sublinear(counts[~known]) * unknown) ** 2).sum())
        return Query(
            terms,
            weights / norm if norm else weights,
            float(unknown.sum()),
            norm / float(whole) if whole else 0.0,
        )

    def search(
        self, normal: str, allowed: npt.NDArray[np.bool_] | None = None
    ) -> tuple[IntArray, FloatArray, IntArray, FloatArray, Query]:
        """Candidate phrasings with their cosines, candidate groups with centroid cosines, and
        the query (for `bm25_share`)."""
        query = self.query_vector(normal)
        terms, weights = query.terms, query.weights
        empty_i, empty_f = np.zeros(0, dtype=np.int64), np.zeros(0)
        if len(terms) == 0 or self.size == 0:
            return empty_i, empty_f, empty_i, empty_f, query
        order = np.argsort(-self.idf[terms], kind="stable")
        lengths = self.by_term.row_lengths(terms[order])
        within = np.cumsum(lengths) <= POSTING_BUDGET
        within[: min(3, len(within))] = True  # always the three rarest n-grams
        chosen = order[within]
        if self.size <= DENSE_SCATTER * int(lengths[within].sum()):
            scattered = self.by_term.scatter(terms[chosen], weights[chosen], self.size)
            reached = np.flatnonzero(scattered)
            approx = scattered[reached]
        else:
            reached, approx = self.by_term.scatter_sparse(terms[chosen], weights[chosen])
        if allowed is not None:
            keep = allowed[reached]
            reached, approx = reached[keep], approx[keep]
        hit = reached
        if len(hit) > CANDIDATES:
            hit = hit[np.argpartition(-approx, CANDIDATES)[:CANDIDATES]]
        groups = np.unique(self.groups[hit])
        dense = self._dense(terms, weights)
        try:
            cosines = self.by_phrasing.dot_rows(hit, dense)
            if self.refined is not None:
                centroid = (weights @ self.refined[terms]).astype(np.float64)[groups]
                return hit, cosines, groups, centroid, query
            # The centroids' cosines, by whichever orientation reads fewer values.
            by_rows = int(self.by_group.row_lengths(groups).sum())
            by_terms = int(self.group_by_term.row_lengths(terms).sum())
            if by_rows <= by_terms:
                centroid = self.by_group.dot_rows(groups, dense)
            else:
                centroid = self.group_by_term.scatter(terms, weights, self.group_count)[groups]
        finally:
            dense[terms] = 0.0
        return hit, cosines, groups, centroid, query

    def bm25_share(self, phrasing_ids: IntArray, query: Query) -> FloatArray:
        """For each phrasing, the share (0-1) of the query's term weight it matches, each term
        counted by BM25's saturated, length-normalised frequency in the phrasing.

        The query's unknown n-grams count in the whole (matched by none); a long phrasing
        that mentions everything matches less of each term than a short one that says just it.
        """
        terms = query.terms
        total = float(self.weight[terms].sum()) + query.unknown
        if total == 0 or len(phrasing_ids) == 0:
            return np.zeros(len(phrasing_ids))
        positions, lengths = self.by_phrasing._positions(phrasing_ids)
        dense = self._dense(terms, self.weight[terms])
        try:
            matched = dense[self.by_phrasing.indices[positions]]
        finally:
            dense[terms] = 0.0
        owner = np.repeat(np.arange(len(phrasing_ids)), lengths)
        return (
            np.bincount(owner, matched * self.saturated[positions], minlength=len(phrasing_ids))
            / total
        )

    def _dense(self, terms: IntArray, values: FloatArray) -> FloatArray:
        """A vector as wide as the vocabulary with `values` at `terms`, zero elsewhere: this
        thread's own, kept between questions (a fresh one per question, 2 MB at 100k
        phrasings, cost page faults, measured about a fifth of a search). The caller sets
        `terms` back to zero."""
        dense: FloatArray | None = getattr(self._local, "dense", None)
        if dense is None:
            dense = self._local.dense = np.zeros(self.term_count)
        dense[terms] = values
        return dense
