"""python -m bench [name ...] [--keep]: run the named benchmarks, or all."""

import argparse
import os
import sys
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/recruitment_bench"
BENCHMARKS = ["search", "pack", "submit", "alerts", "book", "reports"]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="name", help=f"benchmarks to run: {', '.join(BENCHMARKS)} (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards, to look into")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark called {', '.join(unknown)}; there are {', '.join(BENCHMARKS)}")

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    # DEBUG only so that settings load without a SECRET_KEY; bench.database turns
    # it off before measuring, so queries are not recorded.
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")

    from bench import database

    with database.fresh_database(keep=args.keep):
        for name in args.names or BENCHMARKS:
            module = __import__(f"bench.{name}", fromlist=["run"])
            module.run()


if __name__ == "__main__":
    main()
