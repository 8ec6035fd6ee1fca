"""How common each English character n-gram is in general use: a prior for the index's IDF.

A young knowledge base has one or two phrasings a template, and IDF over 77 phrasings cannot
tell a word every question has ("can", "want", "please") from the one that names the case
("refund"). The general language can: wordfreq's English word frequencies (its "small" list,
about 29,000 words, frequency per word of running text), spread over the character n-grams of
each word the way `knowledge.text.gram_hashes` makes them. `knowledge.index` then estimates an
n-gram's document frequency from the base's own phrasings and PRIOR_DOCUMENTS pseudo-phrasings
of general English (Dirichlet smoothing): in a thin base the prior speaks, in a rich one the
base itself. Only words of ASCII characters have a prior (the list is English; Chinese n-grams
keep the base's IDF alone).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from knowledge.text import gram_hashes, normalise

# The strength of the prior in phrasings: a base of this many phrasings weighs as much as
# general English in an n-gram's document frequency. Set before measuring; with one phrasing a
# template the top-1 is flat from 500 to 10,000 (BANKING77 0.404, 0.404, 0.402; HWU64 0.337,
# 0.338, 0.339; without the prior 0.386 and 0.330), and a rich base (10k phrasings) is moved
# by less than 0.2 point either way.
PRIOR_DOCUMENTS = 2_000.0
WORDLIST = "small"


@lru_cache(maxsize=1)
def english_grams() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.float64], float]:
    """The n-gram hashes of general English (ascending), the share of running words that
    contain each, and the smallest word frequency of the list (what an n-gram it never saw is
    given). Read once a process (about a second)."""
    from wordfreq import get_frequency_dict

    frequencies: dict[str, float] = {}
    for word, frequency in get_frequency_dict("en", WORDLIST).items():
        for piece in normalise(word).split():
            if piece.isascii():
                frequencies[piece] = frequencies.get(piece, 0.0) + frequency
    words = list(frequencies)
    rows, hashes, _ = gram_hashes(words)
    # An n-gram twice in one word is one word containing it.
    order = np.lexsort((rows, hashes))
    hashes, rows = hashes[order], rows[order]
    first = np.ones(len(hashes), dtype=bool)
    first[1:] = (hashes[1:] != hashes[:-1]) | (rows[1:] != rows[:-1])
    hashes, rows = hashes[first], rows[first]
    grams, inverse = np.unique(hashes, return_inverse=True)
    weight = np.asarray([frequencies[w] for w in words])[rows]
    shares = np.bincount(inverse.ravel(), weight, len(grams))
    return grams, np.minimum(shares, 1.0), float(min(frequencies.values(), default=1e-6))


def document_share(
    hashes: npt.NDArray[np.uint64], words_per_phrasing: float
) -> npt.NDArray[np.float64]:
    """For n-gram hashes of English words, the share (0-1) of general-English phrasings of
    `words_per_phrasing` words that contain each: 1 - (1 - p)^L, p the share of running words
    containing it (an n-gram the list never saw: as rare as its rarest word)."""
    grams, shares, rarest = english_grams()
    positions = np.searchsorted(grams, hashes)
    positions[positions >= len(grams)] = 0
    found = grams[positions] == hashes if len(grams) else np.zeros(len(hashes), bool)
    per_word = np.where(found, shares[positions], rarest)
    return -np.expm1(max(words_per_phrasing, 1.0) * np.log1p(-np.minimum(per_word, 0.999999)))
