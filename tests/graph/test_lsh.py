"""The numpy LSH banding proposes exactly the candidates datasketch's MinHashLSH index would."""

from __future__ import annotations

import heapq

import numpy as np
from datasketch import MinHash, MinHashLSH

from policykg.graph import linking
from policykg.graph.linking import _identity, band_hashes, lsh_candidates, minhash_signatures


def near_copies(n_templates: int = 40, copies: int = 8, seed: int = 3) -> list[np.ndarray]:
    """Sets of 32-bit values: each template copied with a fifth of it dropped and a few values added."""
    rng = np.random.default_rng(seed)
    templates = [np.unique(rng.integers(0, 2**32, size=int(rng.integers(20, 200)), dtype=np.uint64))
                 for _ in range(n_templates)]
    sets = []
    for i in range(n_templates * copies):
        base = templates[i % n_templates]
        kept = base[rng.random(len(base)) > 0.2]
        extra = rng.integers(0, 2**32, size=5, dtype=np.uint64)
        sets.append(np.unique(np.concatenate([kept, extra])).astype(np.uint32))
    return sets


def test_signatures_are_datasketch_minhashes():
    sets = near_copies(n_templates=5, copies=3)
    expected = MinHash.bulk([s.tolist() for s in sets], num_perm=64, hashfunc=_identity)
    got = minhash_signatures(sets, num_perm=64)
    assert got.shape == (15, 64)
    for row, mh in zip(got, expected, strict=True):
        assert (row == mh.hashvalues).all()


def test_candidates_equal_the_k_smallest_larger_ids_of_a_minhash_lsh_query():
    sets = near_copies()
    k = 4  # smaller than a bucket (8 copies), so the cap matters
    signatures = minhash_signatures(sets, num_perm=128)
    candidates = lsh_candidates(band_hashes(signatures, 32, 4), k)
    lsh = MinHashLSH(num_perm=128, params=(32, 4))
    minhashes = MinHash.bulk([s.tolist() for s in sets], num_perm=128, hashfunc=_identity)
    for i, mh in enumerate(minhashes):
        lsh.insert(i, mh)
    capped = 0
    for i, mh in enumerate(minhashes):
        expected = heapq.nsmallest(k, (j for j in lsh.query(mh) if j > i))
        assert [int(j) for j in candidates[i] if j < len(sets)] == expected, i
        capped += len(expected) == k
    assert capped > len(sets) // 3  # many rows had more candidates than k: the merge was exercised


def test_rows_without_a_shared_band_have_no_candidates():
    rng = np.random.default_rng(5)
    sets = [np.unique(rng.integers(0, 2**32, size=100, dtype=np.uint64)).astype(np.uint32) for _ in range(50)]
    candidates = lsh_candidates(band_hashes(minhash_signatures(sets, 128), 32, 4), 5)
    assert (candidates == len(sets)).all()


def _band_hashes_at_once(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Every band of every signature in one 64-bit array: the plain form of the banding."""
    cells = signatures[:, :bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    hashes = np.zeros((len(signatures), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            hashes = hashes * linking._BAND_MIX + cells[:, :, r]
    return hashes


def test_bands_hashed_one_at_a_time_and_in_chunks_equal_the_banding_at_once(monkeypatch):
    sets = near_copies(n_templates=7, copies=5)
    signatures = minhash_signatures(sets, num_perm=128)
    expected = _band_hashes_at_once(signatures, 32, 4)
    assert (band_hashes(signatures, 32, 4) == expected).all()
    monkeypatch.setattr(linking, "MINHASH_CHUNK", 6)  # 35 sets: chunks of 6 and a last one of 5
    assert (linking.signature_band_hashes(sets, 128, 32, 4) == expected).all()
    assert len({tuple(row) for row in expected}) > 7  # not all equal: the comparison says something
