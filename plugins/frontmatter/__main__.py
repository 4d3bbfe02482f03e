"""``python -m frontmatter [--strict] [FILE ...]``: the check as the pre-commit hook runs it (.ci/check-content)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from frontmatter.check import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check", description="Check all content; report only FILEs when given.")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--settings", default="pelicanconf.py", type=Path)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args(argv)
    return 1 if report(args.settings, strict=args.strict, only=args.files) else 0


if __name__ == "__main__":
    sys.exit(main())
