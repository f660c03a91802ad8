"""The ``policykg`` command line. Every command has ``--help``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .corpus import bundled_paths
from .errors import PolicykgError


def _paths_or_corpus(paths: Sequence[str]) -> list[Path]:
    return [Path(p) for p in paths] if paths else bundled_paths()


def _existing(paths: list[Path], command: str) -> list[Path]:
    """The paths that exist; each missing one is reported on stderr."""
    found = []
    for path in paths:
        if os.path.lexists(path):
            found.append(path)
        else:
            print(f"policykg {command}: no such file or folder: {path}", file=sys.stderr)
    return found


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the extraction of policy files (the evaluation contract as JSON, or a summary)."""
    from .loaders.contract import document_dict
    from .loaders.pipeline import LoadFailure, Pipeline, failure_reason

    named = _paths_or_corpus(args.paths)
    paths = _existing(named, "extract")
    pipeline = Pipeline(limits=_settings(args).read_limits(), force=args.force)
    documents, failures = [], len(named) - len(paths)
    for result in pipeline.read_many(paths):
        if isinstance(result, LoadFailure):
            failures += 1
            print(f"policykg extract: cannot read {result.path}: {result.reason}", file=sys.stderr)
            continue
        for w in result.warnings:
            where = f" at offset {w.orig_start}" if w.orig_start is not None else ""
            print(f"policykg extract: warning: {result.source.path}{where}: {w.message}", file=sys.stderr)
        try:
            documents.append(document_dict(result))
        except Exception as err:  # noqa: BLE001 - one bad file must not stop the batch
            failures += 1
            print(f"policykg extract: cannot read {result.source.path}: {failure_reason(err)}", file=sys.stderr)
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

    from .loaders.pipeline import LoadFailure
    from .loading import load_paths
    from .stores import open_store

    settings = _settings(args)
    named = _paths_or_corpus(args.paths)
    paths = _existing(named, "load")
    missing = [LoadFailure(str(p), "no such file or folder") for p in named if p not in paths]
    if not paths:
        return 1

    def progress(items, total):
        return tqdm(items, total=total, desc="loading", unit="policy", disable=args.quiet or not sys.stderr.isatty())

    if args.bulk:
        return _bulk_load(args, settings, paths, progress, missing)
    opened = open_store(settings)
    try:
        opened.store.ensure_schema()
        report = load_paths(opened.store, paths, progress=progress, workers=args.workers,
                            limits=settings.read_limits(), force=args.force)
        opened.store.save()
    finally:
        opened.close()
    for path, message in report.warnings:
        print(f"policykg load: warning: {path}: {message}", file=sys.stderr)
    for failure in report.failed:
        print(f"policykg load: skipped {failure.path}: {failure.reason}", file=sys.stderr)
    report.failed[:0] = missing  # reported above, counted in the summary
    where = settings.graph_path if opened.name == "embedded" else f"Neo4j at {settings.neo4j_uri or 'localhost'}"
    print(f"{report.summary()} → {where}")
    return 1 if report.failed else 0


def _bulk_load(args: argparse.Namespace, settings, paths: list[Path], progress, missing: list) -> int:
    """``load --bulk``: the first load of an empty local Neo4j by neo4j-admin import."""
    from .bulk_loading import BulkLoadError, bulk_load_paths

    if settings.store != "neo4j":
        print("policykg load: --bulk is for --store neo4j (the embedded store loads in one go already)", file=sys.stderr)
        return 2
    try:
        report = bulk_load_paths(settings, paths, progress=progress, workers=args.workers,
                                 limits=settings.read_limits(), force=args.force)
    except BulkLoadError as err:
        print(f"policykg load --bulk: {err}", file=sys.stderr)
        return 2
    for path, message in report.warnings:
        print(f"policykg load: warning: {path}: {message}", file=sys.stderr)
    for failure in report.failed:
        print(f"policykg load: skipped {failure.path}: {failure.reason}", file=sys.stderr)
    report.failed[:0] = missing
    print(report.import_summary(), file=sys.stderr)
    print(f"{report.summary()} → Neo4j of {settings.neo4j_home} (bulk import)")
    return 1 if report.failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the API and the web page."""
    from .api.app import create_app
    from .api.server import serve

    settings = _settings(args)
    print(f"policykg: serving the {settings.store} store on http://{settings.host}:{settings.port}/ "
          f"(API under /api/v1, docs at /docs)", file=sys.stderr)
    if settings.host not in ("127.0.0.1", "localhost", "::1") and "*" not in settings.trusted_hosts:
        print(f"policykg: answering only Host names in POLICYKG_TRUSTED_HOSTS ({', '.join(settings.trusted_hosts)}); "
              "add the name clients use to reach this server", file=sys.stderr)
    if settings.workers > 1 and settings.store == "neo4j":
        from .api.server import serve_workers

        os.environ["POLICYKG_STORE"] = settings.store  # the workers read their settings from the environment
        print(f"policykg: {settings.workers} worker processes", file=sys.stderr)
        serve_workers(settings.host, settings.port, settings.workers)
        return 0
    if settings.workers > 1:
        print("policykg: POLICYKG_WORKERS is for the Neo4j store; the embedded store holds the graph in the "
              "process and serves with one worker", file=sys.stderr)
    serve(create_app(settings), settings.host, settings.port)
    return 0


def cmd_neo4j(args: argparse.Namespace) -> int:
    """Start, stop or inspect the local Neo4j."""
    from .graph.neo4j_local import LocalNeo4j, Neo4jLocalError, running_port

    settings = _settings(args)
    home = Path(args.neo4j_home) if args.neo4j_home else settings.neo4j_home
    # stop/status without --port address the server of this home wherever it runs
    port = args.neo4j_port or (args.action != "start" and running_port(home)) or settings.neo4j_local_port
    local = LocalNeo4j(home, bolt_port=port, password=settings.neo4j_password)
    try:
        if args.action == "start":
            uri = local.start()
            print(f"Neo4j is running at {uri} (user neo4j, password from NEO4J_PASSWORD); data in {home}")
            if port != settings.neo4j_local_port:
                print(f"policykg load/serve --store neo4j use port {settings.neo4j_local_port}: set "
                      f"POLICYKG_NEO4J_LOCAL_PORT={port} (or NEO4J_URI={uri}) for them to use this one")
        elif args.action == "stop":
            print("Neo4j stopped." if local.stop() else f"Neo4j of {home} was not running.")
        else:
            print(json.dumps(local.status(), ensure_ascii=False, indent=2, default=str))
    except Neo4jLocalError as err:
        print(f"policykg neo4j {args.action}: {err}", file=sys.stderr)
        return err.exit_code
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
        report = generate_corpus(args.policies, args.seed, Path(args.out), style=args.style)
    except (ValueError, OSError) as err:
        print(f"policykg generate: {err}", file=sys.stderr)
        return 2
    print(report.summary())
    print(f"score an extraction: policykg extract {args.out} > prediction.json; "
          f"policykg evaluate prediction.json {report.truth_dir}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score an extraction against gold annotations: a per-field table, or the detail as JSON."""
    from .evaluation import evaluate, format_table
    from .evaluation_input import load_gold, load_predictions

    # a file of the wrong shape (EvaluationInputError) is reported by main, exit code 2
    result = evaluate(load_predictions(args.predictions), load_gold(args.gold))
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_table(result))
    return 0


def _manage(args: argparse.Namespace, work) -> int:
    """Run ``work(store, where)`` for list/remove/reset on the chosen store, closed afterwards;
    a store that cannot be opened or reached is reported with what to do (an unusable graph
    file, a ``PolicykgError``, by main)."""
    from neo4j.exceptions import AuthError, ServiceUnavailable

    from .stores import neo4j_uri, open_store

    settings = _settings(args)
    try:
        opened = open_store(settings)
        where = (f"the embedded store at {settings.graph_path}" if opened.name == "embedded"
                 else f"Neo4j at {neo4j_uri(settings)} (database {settings.neo4j_database})")
        try:
            return work(opened.store, where)
        finally:
            opened.close()
    except (ServiceUnavailable, AuthError) as err:
        print(f"policykg {args.command}: cannot use Neo4j at {neo4j_uri(settings)} ({err}); start it with "
              "`policykg neo4j start`, or set NEO4J_URI / NEO4J_PASSWORD", file=sys.stderr)
    return 1


def cmd_list(args: argparse.Namespace) -> int:
    """Print the loaded policies: source, title, region, date, clause count."""

    def work(store, where: str) -> int:
        policies = sorted((p["properties"] for p in store.all_policies()), key=lambda p: p.get("source_key") or "")
        for p in policies:
            print(f"{p.get('source_key')}\t{p.get('title') or '-'}\t{p.get('region') or '-'}\t"
                  f"{p.get('date') or '-'}\tclauses={p.get('clause_count') or 0}")
        print(f"{len(policies)} policies in {where}", file=sys.stderr)
        return 0

    return _manage(args, work)


def cmd_relink(args: argparse.Namespace) -> int:
    """Link the loaded policies again (citations, similar clauses)."""
    from .graph.linking import link_all

    def work(store, where: str) -> int:
        with store.exclusive():  # saves the embedded file before letting go
            cites, similar = link_all(store, incremental=False)
            store.keep_figures(incremental=False)  # every derived figure built again, as the links are
        print(f"relinked {where}: {len(cites)} citations resolved, {len(similar)} similar clause pairs")
        return 0

    return _manage(args, work)


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove policies by source (as `policykg list` shows it), then link the rest again."""
    from .graph.linking import link_all

    sources = list(dict.fromkeys(args.sources))

    def work(store, where: str) -> int:
        loaded = {p["properties"].get("source_key") for p in store.all_policies()}
        unknown = [s for s in sources if s not in loaded]
        if unknown:
            print(f"policykg remove: no policy loaded from {', '.join(unknown)} in {where}; nothing was "
                  "removed. `policykg list` shows the sources.", file=sys.stderr)
            return 1
        for source in sources:
            store.delete_policy(source)
        cites, similar = link_all(store)
        store.keep_figures()
        store.save()
        print(f"removed {len(sources)} policies from {where}; relinked: "
              f"{store.resolved_citation_count()} citations resolved, {len(similar)} similar clause pairs")
        return 0

    return _manage(args, work)


def cmd_reset(args: argparse.Namespace) -> int:
    """Delete every policy and node of the store, after confirmation."""

    def work(store, where: str) -> int:
        count = len(store.all_policies())
        if not args.yes:
            if not sys.stdin.isatty():
                print(f"policykg reset: would delete all {count} policies of {where}; stdin is not a "
                      "terminal to confirm it: pass --yes", file=sys.stderr)
                return 1
            answer = input(f"Delete all {count} policies of {where}? Type 'yes' to confirm: ")
            if answer.strip().lower() != "yes":
                print("policykg reset: nothing deleted.", file=sys.stderr)
                return 1
        store.clear()
        store.save()
        print(f"deleted all {count} policies of {where}")
        return 0

    return _manage(args, work)


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
        "extraction. With no PATH, the bundled sample corpus is read. Files that cannot be read (missing, "
        "not a regular file, over a size limit, damaged, not a policy) are reported on stderr with their "
        "reason and the others are read; the exit code is 1 if any failed.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or folders (default: bundled corpus)")
    p.add_argument("--force", action="store_true",
                   help="read a text with neither a title nor a clause too (refused as 'not a policy' otherwise)")
    p.add_argument("--format", choices=["json", "text"], default="json",
                   help="json (default): the extraction contract; text: one summary line per document")
    p.add_argument("--indent", type=int, default=None, help="indent JSON output by N spaces")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "load",
        help="load policy files into the graph store",
        description="Read, extract and load policy files into the embedded store (default, a file under "
        "POLICYKG_DATA_DIR) or Neo4j. With no PATH, the bundled corpus is loaded. Loading the same file "
        "again changes nothing; a changed file replaces its own policy only. Bad files (missing, not a regular "
        "file, over a size limit, damaged, not a policy) are reported on stderr with their reason and skipped; "
        "the others load. Exit code: 0 if every file loaded, 1 if any was skipped.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or folders (default: bundled corpus)")
    p.add_argument("--force", action="store_true",
                   help="load a text with neither a title nor a clause too (skipped as 'not a policy' otherwise)")
    p.add_argument("--store", choices=["embedded", "neo4j"], help="where to load (default: POLICYKG_STORE or embedded)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--workers", type=int, default=None,
                   help="processes that extract in parallel (default: one per core, or POLICYKG_WORKERS)")
    p.add_argument("--bulk", action="store_true",
                   help="first load of an EMPTY Neo4j started by `policykg neo4j start`: neo4j-admin import "
                   "instead of transactions (stops and restarts that Neo4j); later loads are normal")
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
    p.add_argument("--port", dest="neo4j_port", type=int, default=None, metavar="N",
                   help="Bolt port on localhost (default: POLICYKG_NEO4J_LOCAL_PORT or 7687; "
                   "stop/status: the port the server of --home runs on)")
    p.add_argument("--home", dest="neo4j_home", default=None, metavar="DIR",
                   help="server folder: jars, data, logs (default: POLICYKG_DATA_DIR/neo4j)")
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
        description="Write N synthetic 科技成果转化 policies (policy_00001.txt …) to DIR and the truth of each "
        "in DIR/truth/ in the evaluation's gold shape (policykg evaluate PREDICTION DIR/truth). The "
        "independent style (default) writes them from its own list of names, phrasings and layouts, apart "
        "from the extractor's vocabularies, so the score is a test; the seed style builds them from the "
        "bundled seed policies with truth from the extractor's vocabularies (a regression figure). About "
        "20% are in traditional characters and 30% in GB18030. The same N, seed and style give "
        "byte-identical files; policy_* files of an earlier run in DIR are replaced.",
    )
    p.add_argument("--policies", type=int, default=100, metavar="N", help="number of policies (default 100)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created if missing)")
    p.add_argument("--style", choices=["independent", "seed"], default="independent",
                   help="independent vocabulary and truth (default), or the seed policies' sentences")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser(
        "evaluate",
        help="score an extraction against gold annotations (precision, recall, F1 per field)",
        description="Compare PREDICTIONS (the JSON `policykg extract` prints, or - for stdin) with GOLD (a gold "
        "file, or a folder of them: docs/evaluation.md) and print precision, recall and F1 of clauses, "
        "responsible units, lead units, instruments and citations, and the accuracy of function codes and "
        "metadata. Exit code 2 if an input cannot be read.",
    )
    p.add_argument("predictions", metavar="PREDICTIONS", help="extraction JSON file, or - for stdin")
    p.add_argument("gold", metavar="GOLD", help="gold file or folder of gold files")
    p.add_argument("--json", action="store_true", help="print every figure and every miss as JSON")
    p.set_defaults(func=cmd_evaluate)

    stores = ["embedded", "neo4j"]
    p = sub.add_parser("list", help="list the loaded policies",
                       description="Print one line per loaded policy: source, title, region, date, clause count.")
    p.add_argument("--store", choices=stores, help="store to read (default: POLICYKG_STORE or embedded)")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("remove", help="remove policies from the store",
                       description="Remove the policies loaded from SOURCE (as `policykg list` prints it), with "
                       "every node they own and the shared nodes nothing uses any more, then link the rest again. "
                       "An unknown SOURCE removes nothing and exits with 1.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="source of a loaded policy")
    p.add_argument("--store", choices=stores, help="store to change (default: POLICYKG_STORE or embedded)")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("relink", help="link the loaded policies again",
                       description="Resolve the citations and find the similar clauses of everything loaded, "
                       "writing only what differs from the stored links: what to run when a load's linking stopped.")
    p.add_argument("--store", choices=stores, help="store to link (default: POLICYKG_STORE or embedded)")
    p.set_defaults(func=cmd_relink)

    p = sub.add_parser("reset", help="delete everything in the store",
                       description="Delete every policy and node of the store. Asks for confirmation on a "
                       "terminal; without one (a script, a pipe) it refuses unless --yes is given.")
    p.add_argument("--store", choices=stores, help="store to clear (default: POLICYKG_STORE or embedded)")
    p.add_argument("--yes", action="store_true", help="do not ask: delete at once")
    p.set_defaults(func=cmd_reset)

    from .cypher_cli import add_parser as add_cypher

    add_cypher(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``policykg`` command."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except PolicykgError as err:
        # every policykg error the same way: its message (what to do next) and its exit code
        print(f"policykg {args.command}: {err}", file=sys.stderr)
        return err.exit_code
    except Exception as err:
        from .stores import unavailable_message

        message = unavailable_message(err, _settings(args))
        if message is None:
            raise
        print(f"policykg {args.command}: {message}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
