"""`techbridge-bench SUBCOMMAND ...`: one entry point for every benchmark.

Each benchmark lives in its own module of this package and exposes
``register(subparsers)``, which adds a sub-command whose handler is stored as the
``run`` default; modules are listed here so that a missing one fails loudly.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

BENCHMARK_MODULES = (
    "techbridge_bench.schedule",
    "techbridge_bench.matching",
    "techbridge_bench.vectors",
    "techbridge_bench.booking_rules",
    "techbridge_bench.search",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="techbridge-bench", description=__doc__)
    subparsers = parser.add_subparsers(dest="benchmark", required=True)
    for module_name in BENCHMARK_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
