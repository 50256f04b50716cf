"""The `withness` console script: the quick history first, then the full command line."""

import os
import sys


def main() -> None:
    from withness.portability import direct

    try:
        if direct.answered(sys.argv[1:]):
            return
    except BrokenPipeError:
        # The reader went away (`withness history | head`): stop quietly, as Click does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    from withness.cli import main as full_command

    full_command()
