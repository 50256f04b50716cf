"""The `withness` console script: the quick history first, then the full command line."""

import sys


def main() -> None:
    from withness.portability import direct

    if direct.answered(sys.argv[1:]):
        return
    from withness.cli import main as full_command

    full_command()
