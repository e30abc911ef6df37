"""``python -m maxkit.stubs``: print where the stubs are, or write __builtins__.pyi."""

import argparse
import sys
from pathlib import Path

from maxkit.stubs import STUBS_DIR, builtins_stub


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m maxkit.stubs",
        description="Print the stubs directory (for mypy_path or stubPath).",
    )
    parser.add_argument(
        "--builtins",
        metavar="DIR",
        nargs="?",
        const=".",
        help="write DIR/__builtins__.pyi (default: the current directory) "
        "declaring Maximo's implicit variables, for Pyright/Pylance",
    )
    args = parser.parse_args(argv)
    if args.builtins is None:
        print(STUBS_DIR)
        return 0
    target = Path(args.builtins) / "__builtins__.pyi"
    target.write_text(builtins_stub(), encoding="utf-8")
    print(target, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
