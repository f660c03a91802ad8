"""Throughput of the read → clean → structure → extract path on the bundled corpus.

The corpus is repeated (each copy written as its own file) until it reaches the target
size, then read twice: once up to the document structure only, once through the full
extraction. Prints documents/s and MB/s for each, on one core, by wall clock and by the
process's CPU time (on a shared machine only the CPU-time figure compares across runs).

    .venv/bin/python benchmarks/extract_benchmark.py [--mb 20]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from policykg.corpus import bundled_paths
from policykg.loaders.cleaning import clean_text
from policykg.loaders.metadata import extract_metadata
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.readers import read_source
from policykg.loaders.structure import build_tree


def make_corpus(folder: Path, target_mb: float) -> tuple[list[Path], int]:
    """Copy the bundled corpus into ``folder`` until it holds ``target_mb`` megabytes."""
    seeds = bundled_paths()
    files, total, i = [], 0, 0
    while total < target_mb * 1_000_000:
        seed = seeds[i % len(seeds)]
        dest = folder / f"{i:05d}_{seed.name}"
        shutil.copyfile(seed, dest)
        files.append(dest)
        total += dest.stat().st_size
        i += 1
    return files, total


def read_structure(path: Path) -> None:
    source = read_source(path)
    clean = clean_text(source)
    tree = build_tree(clean)
    extract_metadata(clean, tree, path.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, size = make_corpus(Path(tmp), args.mb)
        mb = size / 1_000_000
        print(f"corpus: {len(files)} documents, {mb:.1f} MB (bundled seeds repeated)")

        t0, c0 = time.perf_counter(), time.process_time()
        for f in files:
            read_structure(f)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"read+clean+structure+metadata: {len(files) / dt:8.1f} documents/s  {mb / dt:6.2f} MB/s  ({dt:.1f} s)"
              f"  CPU time: {mb / cpu:6.2f} MB/s")

        pipeline = Pipeline()
        pipeline.read(files[0])  # load dictionaries and vocabularies before timing
        t0, c0 = time.perf_counter(), time.process_time()
        for f in files:
            pipeline.read(f)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"full extraction:               {len(files) / dt:8.1f} documents/s  {mb / dt:6.2f} MB/s  ({dt:.1f} s)"
              f"  CPU time: {mb / cpu:6.2f} MB/s")


if __name__ == "__main__":
    main()
