"""The `wirewatch` command: run the pipeline, make the demo, serve the dashboard, query.

Exit codes: 0 success (quarantined inputs do not make a run fail), 1 a pipeline
step failed, 2 a usage or configuration error. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from datetime import date
from pathlib import Path

from wirewatch.errors import PipelineFailed, UsageError
from wirewatch.home import HOME_ENV, PROJECT_ROOT, Home

CORPORA_ENV = "WIREWATCH_CORPORA"
DEFAULT_CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"


def _home(args: argparse.Namespace) -> Home:
    return Home.resolve(args.home)


def cmd_run(args: argparse.Namespace) -> int:
    from wirewatch.pipeline import run_pipeline

    summary = run_pipeline(_home(args), args.source or None, verbose=args.verbose)
    print(f"wirewatch: {summary.report()}\nwirewatch: published {_home(args).warehouse}")
    return 0


def cmd_backfill(args: argparse.Namespace) -> int:
    from wirewatch.pipeline import run_backfill

    home = _home(args)
    run_backfill(home, args.first, args.last, verbose=args.verbose)
    days = (args.last - args.first).days + 1
    print(f"wirewatch: rewrote the marts for {days:,} days, {args.first} to {args.last}")
    print(f"wirewatch: published {home.warehouse}")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def cmd_eval(args: argparse.Namespace) -> int:
    from etl.evaluation.items import load_items
    from etl.evaluation.mentions import report, score_mentions
    from etl.officials.matcher import OfficialMatcher
    from etl.officials.reference import load_officials

    corpora = Path(args.corpora or os.environ.get(CORPORA_ENV) or DEFAULT_CORPORA)
    labelled = load_items(Path(args.file), corpora)
    if args.task == "stories":
        from etl.evaluation.stories import score_stories
        from etl.topics.stories import StoryGrouper

        tally, expected, found = score_stories(labelled, StoryGrouper())
        print(
            f"items: {len(labelled.items)}; stories labelled {expected}, found {found}\n"
            f"pairwise precision {tally.precision:.3f}, recall {tally.recall:.3f}, "
            f"F1 {tally.f1:.3f} (pairs: {tally.tp} right, {tally.fp} wrongly joined, "
            f"{tally.fn} missed)"
        )
        return 0
    if args.task == "topics":
        from etl.evaluation import topics
        from etl.topics.taxonomy import load_topics

        taxonomy = load_topics(Path(args.topics) if args.topics else None)
        war = topics.score_topics(taxonomy, labelled)
        everything = topics.score_topics(taxonomy, labelled, war_only=False)
        print(topics.report(war, everything, labelled.changed))
        return 0
    matcher = OfficialMatcher(load_officials(Path(args.officials) if args.officials else None))
    print(report(score_mentions(matcher, labelled), labelled.changed))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from etl.demo.generator import DemoSettings, write_corpus
    from wirewatch.pipeline import run_pipeline

    home = _home(args).prepare()
    written = write_corpus(home.demo, DemoSettings(articles=args.articles, seed=args.seed))
    print(f"wirewatch: wrote {written} demo pages to {home.demo}")
    summary = run_pipeline(home, [str(home.demo)], verbose=args.verbose)
    print(f"wirewatch: {summary.report()}\nwirewatch: published {home.warehouse}")
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    import dashboard

    home = _home(args)
    app = Path(dashboard.__file__).parent / "app.py"
    os.environ[HOME_ENV] = str(home.root)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless",
        "true",
        "--server.address",
        args.address,
        "--server.port",
        str(args.port),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
    ]
    print(f"wirewatch: dashboard for {home.root} at http://{args.address}:{args.port}")
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execv(sys.executable, command)
    return 0  # not reached


def cmd_dev(args: argparse.Namespace) -> int:
    home = _home(args).prepare()
    os.environ[HOME_ENV] = str(home.root)
    os.environ["DAGSTER_HOME"] = str(home.dagster_home)
    dagster = Path(sys.executable).with_name("dagster")
    command = [
        str(dagster),
        "dev",
        "-m",
        "assets.definitions",
        "-h",
        args.address,
        "-p",
        str(args.port),
    ]
    print(f"wirewatch: Dagster UI for {home.root} at http://{args.address}:{args.port}")
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.chdir(home.root)  # dagster dev looks for a dagster.yaml in the working folder too
    os.execv(str(dagster), command)
    return 0  # not reached


def cmd_sql(args: argparse.Namespace) -> int:
    from warehouse.sandbox import interactive_shell, write_csv

    home = _home(args)
    if args.command is not None:
        write_csv(home, args.command, sys.stdout)  # streamed: a huge result never fills memory
        return 0
    return interactive_shell(home)


def cmd_export(args: argparse.Namespace) -> int:
    from warehouse.export import export_parquet

    home = _home(args)
    target = Path(args.to).expanduser() if args.to else home.root / "export"
    exported = export_parquet(home, target)
    rows = sum(table.rows for table in exported)
    print(f"wirewatch: exported {len(exported)} tables ({rows:,} rows) as Parquet to {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirewatch", description=__doc__.splitlines()[0])
    home_help = f"wirewatch home folder (default: ${HOME_ENV}, else ./data)"
    commands = parser.add_subparsers(dest="name", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="ingest sources, build and publish the warehouse")
    run.add_argument("--home", help=home_help)
    run.add_argument(
        "--source",
        action="append",
        metavar="PATH",
        help="file or folder to ingest (repeatable; default: configured sources)",
    )
    run.add_argument("-v", "--verbose", action="store_true", help="show Dagster's log")
    run.set_defaults(handler=cmd_run)

    backfill = commands.add_parser(
        "backfill", help="rewrite the marts for a range of Kyiv days, then publish"
    )
    backfill.add_argument("--home", help=home_help)
    backfill.add_argument("--from", dest="first", type=_day, required=True, metavar="DATE")
    backfill.add_argument("--to", dest="last", type=_day, required=True, metavar="DATE")
    backfill.add_argument("-v", "--verbose", action="store_true", help="show Dagster's log")
    backfill.set_defaults(handler=cmd_backfill)

    evaluate = commands.add_parser("eval", help="score an extractor against a labelled file")
    evaluate.add_argument("task", choices=["mentions", "topics", "stories"], help="what to score")
    evaluate.add_argument("file", metavar="FILE.jsonl", help="labelled items (tests/dev_sets/...)")
    evaluate.add_argument(
        "--corpora",
        help=f"folder the items point into (default: ${CORPORA_ENV}, else ../shared/corpora)",
    )
    evaluate.add_argument("--officials", help="officials.yaml (default: config/officials.yaml)")
    evaluate.add_argument("--topics", help="topics.yaml (default: config/topics.yaml)")
    evaluate.set_defaults(handler=cmd_eval)

    demo = commands.add_parser("demo", help="write the demo corpus into the home and run it")
    demo.add_argument("--home", help=home_help)
    demo.add_argument(
        "--articles", type=int, default=3600, help="articles to generate (default 3600)"
    )
    demo.add_argument("--seed", type=int, default=20250523, help="random seed (default 20250523)")
    demo.add_argument("-v", "--verbose", action="store_true", help="show Dagster's log")
    demo.set_defaults(handler=cmd_demo)

    dash = commands.add_parser("dashboard", help="serve the Streamlit dashboard")
    dash.add_argument("--home", help=home_help)
    dash.add_argument("--port", type=int, default=8501)
    dash.add_argument("--address", default="127.0.0.1")
    dash.set_defaults(handler=cmd_dashboard)

    dev = commands.add_parser("dev", help="start the Dagster UI and daemon on the home")
    dev.add_argument("--home", help=home_help)
    dev.add_argument("--port", type=int, default=3000)
    dev.add_argument("--address", default="127.0.0.1")
    dev.set_defaults(handler=cmd_dev)

    export = commands.add_parser(
        "export", help="write core and marts as Hive-partitioned Parquet (year=/month=)"
    )
    export.add_argument("--home", help=home_help)
    export.add_argument("--to", metavar="DIR", help="target folder (default: <home>/export)")
    export.set_defaults(handler=cmd_export)

    sql = commands.add_parser("sql", help="read-only SQL on the published warehouse")
    sql.add_argument("--home", help=home_help)
    sql.add_argument("-c", dest="command", metavar="QUERY", help="run one query, print CSV")
    sql.set_defaults(handler=cmd_sql)
    return parser


def _show_progress() -> None:
    """Pipeline progress lines (wirewatch.progress) go to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("wirewatch: %(message)s"))
    progress = logging.getLogger("wirewatch.progress")
    progress.addHandler(handler)
    progress.setLevel(logging.INFO)
    progress.propagate = False


def main(argv: list[str] | None = None) -> int:
    from etl.evaluation.items import ItemsError
    from etl.landing import SourceNotFound
    from etl.officials.reference import OfficialsError
    from etl.topics.taxonomy import TopicsError
    from warehouse.connect import WarehouseNotPublished, WarehouseOutdated
    from warehouse.remote import WarehouseUriError
    from warehouse.sandbox import QueryRefused
    from wirewatch.settings import ConfigError

    args = build_parser().parse_args(argv)
    _show_progress()
    try:
        return args.handler(args)
    except (
        UsageError,
        ConfigError,
        SourceNotFound,
        WarehouseNotPublished,
        WarehouseOutdated,
        WarehouseUriError,
        QueryRefused,
        OfficialsError,
        TopicsError,
        ItemsError,
    ) as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return 2
    except PipelineFailed as exc:
        print(f"wirewatch: pipeline failed: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
