"""The ``policykg`` command line. Every command has ``--help``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .corpus import bundled_paths


def _paths_or_corpus(paths: Sequence[str]) -> list[Path]:
    return [Path(p) for p in paths] if paths else bundled_paths()


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the extraction of policy files (the evaluation contract as JSON, or a summary)."""
    from .loaders.contract import document_dict
    from .loaders.pipeline import LoadFailure, Pipeline

    pipeline = Pipeline()
    documents, failures = [], 0
    for result in pipeline.read_many(_paths_or_corpus(args.paths)):
        if isinstance(result, LoadFailure):
            failures += 1
            print(f"policykg extract: cannot read {result.path}: {result.reason}", file=sys.stderr)
            continue
        for w in result.warnings:
            where = f" at offset {w.orig_start}" if w.orig_start is not None else ""
            print(f"policykg extract: warning: {result.source.path}{where}: {w.message}", file=sys.stderr)
        documents.append(document_dict(result))
    if args.format == "json":
        json.dump({"documents": documents}, sys.stdout, ensure_ascii=False, indent=args.indent)
        sys.stdout.write("\n")
    else:
        for d in documents:
            units = sum(len(c["responsible"]) for c in d["clauses"])
            instruments = sum(len(c["instruments"]) for c in d["clauses"])
            print(
                f"{d['source']}\t{d['title']}\t{d['region'] or '-'}\t{d['date'] or '-'}\t"
                f"encoding={d['encoding']}\tclauses={len(d['clauses'])}\tunits={units}\t"
                f"instruments={instruments}\tcitations={len(d['citations'])}"
            )
    return 1 if failures else 0


def _settings(args: argparse.Namespace):
    from .settings import Settings

    overrides = {k: v for k, v in (("store", getattr(args, "store", None)),
                                   ("host", getattr(args, "host", None)),
                                   ("port", getattr(args, "port", None))) if v is not None}
    return Settings(**overrides)


def cmd_load(args: argparse.Namespace) -> int:
    """Load policy files into the chosen store, with a progress bar."""
    from tqdm import tqdm

    from .loading import load_paths
    from .stores import open_store

    settings = _settings(args)
    opened = open_store(settings)
    try:
        opened.store.ensure_schema()

        def progress(items, total):
            return tqdm(items, total=total, desc="loading", unit="policy",
                        disable=args.quiet or not sys.stderr.isatty())

        report = load_paths(opened.store, _paths_or_corpus(args.paths), progress=progress, workers=args.workers)
        opened.store.save()
    finally:
        opened.close()
    for failure in report.failed:
        print(f"policykg load: skipped {failure.path}: {failure.reason}", file=sys.stderr)
    where = settings.graph_path if opened.name == "embedded" else f"Neo4j at {settings.neo4j_uri or 'localhost'}"
    print(f"{report.summary()} → {where}")
    return 1 if report.failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the API and the web page."""
    import uvicorn

    from .api.app import create_app

    settings = _settings(args)
    print(f"policykg: serving the {settings.store} store on http://{settings.host}:{settings.port}/ "
          f"(API under /api/v1, docs at /docs)", file=sys.stderr)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return 0


def cmd_neo4j(args: argparse.Namespace) -> int:
    """Start, stop or inspect the local Neo4j."""
    from .graph.neo4j_local import LocalNeo4j

    settings = _settings(args)
    local = LocalNeo4j(settings.neo4j_home, bolt_port=settings.neo4j_local_port, password=settings.neo4j_password)
    if args.action == "start":
        uri = local.start()
        print(f"Neo4j is running at {uri} (user neo4j, password from NEO4J_PASSWORD); data in {settings.neo4j_home}")
    elif args.action == "stop":
        local.stop()
        print("Neo4j stopped.")
    else:
        print(json.dumps(local.status(), ensure_ascii=False, indent=2, default=str))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export the graph for Gephi, neo4j-admin, pandas."""
    from .graph.export import export
    from .stores import open_store

    opened = open_store(_settings(args))
    try:
        written = export(opened.store, args.format, Path(args.out))
    finally:
        opened.close()
    print(f"wrote {len(written)} file(s): {', '.join(str(p) for p in written[:5])}{' …' if len(written) > 5 else ''}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write a synthetic policy corpus and its truth, for accuracy and load benchmarks."""
    from .generator import generate_corpus

    try:
        report = generate_corpus(args.policies, args.seed, Path(args.out))
    except (ValueError, OSError) as err:
        print(f"policykg generate: {err}", file=sys.stderr)
        return 2
    print(report.summary())
    print(f"score an extraction: policykg extract {args.out} > prediction.json; "
          f"python3 score.py prediction.json --gold {report.truth_dir}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="policykg: a knowledge graph of Chinese science-and-technology-transfer policies.",
    )
    parser.add_argument("--version", action="version", version=f"policykg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "extract",
        help="read policy files and print what was extracted",
        description="Read policy files (.txt, .html, .docx, .pdf, or folders of them) and print the "
        "extraction. With no PATH, the bundled sample corpus is read. Files that cannot be read are "
        "reported on stderr with their reason; the exit code is 1 if any failed.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or folders (default: bundled corpus)")
    p.add_argument("--format", choices=["json", "text"], default="json",
                   help="json (default): the extraction contract; text: one summary line per document")
    p.add_argument("--indent", type=int, default=None, help="indent JSON output by N spaces")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "load",
        help="load policy files into the graph store",
        description="Read, extract and load policy files into the embedded store (default, a file under "
        "POLICYKG_DATA_DIR) or Neo4j. With no PATH, the bundled corpus is loaded. Loading the same file "
        "again changes nothing; a changed file replaces its own policy only. Bad files are reported and skipped.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or folders (default: bundled corpus)")
    p.add_argument("--store", choices=["embedded", "neo4j"], help="where to load (default: POLICYKG_STORE or embedded)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--workers", type=int, default=None,
                   help="processes that extract in parallel (default: one per core, or POLICYKG_WORKERS)")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser(
        "serve",
        help="serve the JSON API and the web explorer",
        description="Serve the API (/api/v1, docs at /docs) and the web page (/). The embedded store loads "
        "the bundled corpus on first use.",
    )
    p.add_argument("--store", choices=["embedded", "neo4j"], help="store to serve (default: POLICYKG_STORE or embedded)")
    p.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "neo4j",
        help="run a local Neo4j (Community 5.26, jars from Maven Central)",
        description="start: resolve the Neo4j jars with Maven (first time only) and run Neo4j with Bolt on "
        "localhost in the background, waiting until it answers; stop: shut it down; status: report. "
        "Data lives under POLICYKG_DATA_DIR/neo4j. Needs Java 17+ and Maven.",
    )
    p.add_argument("action", choices=["start", "stop", "status"])
    p.set_defaults(func=cmd_neo4j)

    p = sub.add_parser(
        "export",
        help="export the graph (GraphML, GEXF, neo4j-admin CSV, JSON)",
        description="Write the whole graph of a store to a file: graphml or gexf for Gephi, json for scripts, "
        "or csv (a folder of neo4j-admin import files).",
    )
    p.add_argument("format", choices=["graphml", "gexf", "csv", "json"])
    p.add_argument("out", help="output file (a folder for csv)")
    p.add_argument("--store", choices=["embedded", "neo4j"], help="store to export (default: embedded)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "generate",
        help="write a synthetic policy corpus with its truth",
        description="Write N synthetic 科技成果转化 policies (policy_00001.txt …) to DIR, built from the "
        "bundled seed policies and the gazetteer, and the truth of each in DIR/truth/ in the evaluation's "
        "gold shape (score.py PREDICTION --gold DIR/truth). About 20% are in traditional characters and "
        "30% in GB18030. The same N and seed give byte-identical files; policy_* files of an earlier run "
        "in DIR are replaced.",
    )
    p.add_argument("--policies", type=int, default=100, metavar="N", help="number of policies (default 100)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created if missing)")
    p.set_defaults(func=cmd_generate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``policykg`` command."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except Exception as err:
        from .stores import unavailable_message

        message = unavailable_message(err, _settings(args))
        if message is None:
            raise
        print(f"policykg {args.command}: {message}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
