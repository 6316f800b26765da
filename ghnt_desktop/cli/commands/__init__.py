"""Sub-commands of ``ghnt``. Each module defines ``register(subparsers) -> parser`` and ``run(args) -> int``."""
from ghnt_desktop.cli.commands import catalogus_import, check, demo, zelfscan_export, zelfscan_import

COMMANDS = [demo, check, zelfscan_export, zelfscan_import, catalogus_import]
