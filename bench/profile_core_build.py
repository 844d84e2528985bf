"""Time each statement of the core build on a home's work database, then roll it back.

The core build is one SQL script (warehouse/transforms/core/build.sql); when a
first load or a big month is slow, this says which statement is, with the
documents pending in that home, at a given memory limit. Nothing is changed:
the whole script runs in a transaction that is rolled back. Work on a copy if
a pipeline may be running on the home.

    .venv/bin/python -m bench.profile_core_build --home /path/to/home --memory 4GB
"""

from __future__ import annotations

from assets.core import BATCH_DOCS
from bench.statements import Timing, database_of, parser_for, print_total, rolled_back, run_timed
from warehouse.schema import transform_sql


def profile(database: str, memory: str, batch: int) -> list[Timing]:
    with rolled_back(database, memory) as con:
        con.execute("SET VARIABLE core_batch_docs = $n", {"n": batch})
        return run_timed(con, transform_sql("core", "build"))


def main() -> None:
    parser = parser_for(__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=BATCH_DOCS, help="documents per batch")
    args = parser.parse_args()
    print_total(profile(database_of(args), args.memory, args.batch))


if __name__ == "__main__":
    main()
