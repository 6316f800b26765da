"""Sub-commands of ``ghnt``. Each module defines ``register(subparsers) -> parser`` and ``run(args) -> int``."""
from ghnt_desktop.cli.commands import backup, check, demo, restore
from ghnt_desktop.cli.commands import catalogus_import, zelfscan_export, zelfscan_import

COMMANDS = [demo, check, backup, restore]
COMMANDS += [zelfscan_export, zelfscan_import, catalogus_import]
from ghnt_desktop.cli.commands import oefen, verslag  # noqa: E402  (meldcode)
COMMANDS += [verslag, oefen]
from ghnt_desktop.cli.commands import plan as _plan; COMMANDS += [_plan]  # noqa: E402, E702  (plan van aanpak)
