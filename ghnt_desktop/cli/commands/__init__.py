"""Sub-commands of ``ghnt``. Each module defines ``register(subparsers) -> parser`` and ``run(args) -> int``."""
from ghnt_desktop.cli.commands import check, demo

COMMANDS = [demo, check]
