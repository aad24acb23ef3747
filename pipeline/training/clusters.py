"""Character clusters for the CRF's name features, learned from the training texts.

A character's cluster says which characters it behaves like: the ones written in the same left and
right neighbourhoods. Characters of given names (伟, 娟, 晓) fall together even when the training
data never showed a particular one inside a name, so the CRF can read a rare given name from what
it shares with common ones: the word-cluster features of Ratinov & Roth (2009, *Design Challenges and
Misconceptions in Named Entity Recognition*), built here on characters.

Recipe (deterministic for a given list of texts):
1. count each character's left and right neighbours among the `contexts` most frequent characters
   (a text's start and end are neighbours too, ^ and $); characters seen fewer than `min_count`
   times get no cluster;
2. positive pointwise mutual information of those counts (Church & Hanks 1990; Levy & Goldberg 2014);
3. a `dims`-dimensional truncated SVD of the PPMI matrix, rows scaled by √singular value and
   normalised to unit length;
4. k-means (k-means++ start, Arthur & Vassilvitskii 2007; numpy's PCG64 generator with `seed`) into `k` clusters,
   at most `iterations` rounds.
About 40 s for People's Daily 1998 and the real-news train split on one core.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from pipeline.ner.crf_backend import fold

DEFAULTS = {"k": 200, "contexts": 3000, "min_count": 3, "dims": 64, "iterations": 30, "seed": 0}


def character_clusters(
    texts: list[str], k: int = DEFAULTS["k"], contexts: int = DEFAULTS["contexts"], min_count: int = DEFAULTS["min_count"],
    dims: int = DEFAULTS["dims"], iterations: int = DEFAULTS["iterations"], seed: int = DEFAULTS["seed"],
) -> dict[str, int]:
    """{character: cluster id in 0..k-1} of every character seen at least `min_count` times in
    `texts` (folded as the CRF reads them: digits → 0, Latin letters → A). Raises ValueError when
    the texts hold fewer characters than `k`."""
    lines = [fold(text) for text in texts]
    frequency = Counter(c for line in lines for c in line)
    vocabulary = [c for c, n in frequency.most_common() if n >= min_count]
    if len(vocabulary) < k:
        raise ValueError(f"{len(vocabulary)} characters seen {min_count}+ times: too few for {k} clusters")
    row = {c: i for i, c in enumerate(vocabulary)}
    column = {c: i for i, (c, _) in enumerate(frequency.most_common(contexts))}
    counts = _neighbour_counts(lines, row, column)
    vectors = _embed(_ppmi(counts), dims)
    labels = _kmeans(vectors, k, iterations, np.random.default_rng(seed))
    return {c: int(label) for c, label in zip(vocabulary, labels)}


def _neighbour_counts(lines: list[str], row: dict[str, int], column: dict[str, int]) -> np.ndarray:
    """(characters × 2·contexts) counts: left neighbours in the first half, right in the second."""
    width = len(column)
    counts = np.zeros((len(row), 2 * width))
    for line in lines:
        padded = "^" + line + "$"
        for k in range(1, len(padded) - 1):
            i = row.get(padded[k])
            if i is None:
                continue
            if (j := column.get(padded[k - 1])) is not None:
                counts[i, j] += 1
            if (j := column.get(padded[k + 1])) is not None:
                counts[i, width + j] += 1
    return counts


def _ppmi(counts: np.ndarray) -> np.ndarray:
    """max(0, log P(c, x) / (P(c) P(x))), 0 where a pair was never seen."""
    total = counts.sum()
    expected = (counts.sum(1, keepdims=True) / total) * (counts.sum(0, keepdims=True) / total)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((counts / total) / expected)
    return np.where(np.isfinite(pmi) & (pmi > 0), pmi, 0.0)


def _embed(matrix: np.ndarray, dims: int) -> np.ndarray:
    """Unit-length rows of the rank-`dims` SVD, each dimension scaled by √ its singular value."""
    u, s, _ = np.linalg.svd(matrix, full_matrices=False)
    vectors = u[:, :dims] * np.sqrt(s[:dims])
    return vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)


def _kmeans(x: np.ndarray, k: int, iterations: int, rng: np.random.Generator) -> np.ndarray:
    """Cluster index of each row: k-means++ seeding, then Lloyd rounds until the centres stop moving."""
    centres = [x[rng.integers(len(x))]]
    distance = np.full(len(x), np.inf)
    for _ in range(1, k):
        distance = np.minimum(distance, ((x - centres[-1]) ** 2).sum(1))
        centres.append(x[rng.choice(len(x), p=distance / distance.sum())])
    centre = np.array(centres)
    for _ in range(iterations):
        labels = np.argmax(x @ centre.T - 0.5 * (centre**2).sum(1), axis=1)
        moved = np.array([x[labels == j].mean(0) if (labels == j).any() else centre[j] for j in range(k)])
        if np.allclose(moved, centre):
            break
        centre = moved
    return np.argmax(x @ centre.T - 0.5 * (centre**2).sum(1), axis=1)
