"""``ghnt`` command line. Keep imports light: this is also the GUI start-up path.

Exit codes: 0 success; 1 a user-facing error (Dutch message on stderr); 2 wrong usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ghnt_desktop.cli.args import UsageError, credentials, resolve_data_dir
from ghnt_desktop.errors import UserError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # Dutch usage errors, exit 2
        if sys.stderr is not None:
            self.print_usage(sys.stderr)
        _err(f"ghnt: verkeerd gebruik: {message}\n")
        raise SystemExit(2)


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    d = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--data-dir", type=Path, metavar="MAP",
                        help="gegevensmap (standaard: de map van je gebruikersprofiel)", **d)
    parser.add_argument("--user", metavar="NAAM", help="naam van het account (om zonder venster te ontgrendelen)", **d)
    parser.add_argument("--passphrase-file", type=Path, metavar="BESTAND",
                        help="bestand met de wachtzin op de eerste regel", **d)


def _common_everywhere(parser: argparse.ArgumentParser) -> None:
    """The common options on a sub-command and on each of its own sub-commands (``ghnt team toevoegen``)."""
    _common(parser, suppress=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _common_everywhere(child)


def subcommand_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every (nested) sub-command parser by its full name, e.g. ``"team toevoegen"``."""
    out: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                full = child.prog.removeprefix("ghnt ").strip() or name
                out[full] = child
                out.update(subcommand_parsers(child))
    return out


_VALUE_OPTIONS = ("--data-dir", "--user", "--passphrase-file")


def wants_subcommand(argv: list[str]) -> bool:
    """True when ``argv`` names a sub-command or asks for help (then the full parser is needed)."""
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a in _VALUE_OPTIONS:
            skip = True
        elif a in ("-h", "--help") or not a.startswith("-"):
            return True
    return False


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    from ghnt_desktop.cli import argparse_nl

    argparse_nl.install()  # before the first parser: its '-h' help and headings are translated on creation
    parser = _Parser(prog="ghnt", description="GHNT Desktop – meldcode, zelfscan en plan van aanpak.")
    _common(parser, suppress=False)
    parser.add_argument("--quit-after-startup", action="store_true",
                        help="ontgrendel, toon het hoofdvenster één keer en sluit af (voor metingen)")
    if not with_commands:  # starting the GUI: no need to import every command module
        return parser
    from ghnt_desktop.cli.commands import load_commands

    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="OPDRACHT", title="opdrachten")
    for module in load_commands():
        p = module.register(sub)
        _common_everywhere(p)
        p.set_defaults(handler=module.run)
    return parser


def _err(text: str) -> None:
    """Write to stderr; a windowed Windows build has none, then show the message in a dialog."""
    if sys.stderr is not None:
        sys.stderr.write(text)
        return
    try:
        from ghnt_desktop.ui.messages import fatal_box

        fatal_box(text.removeprefix("ghnt: ").strip())
    except Exception:
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(with_commands=wants_subcommand(argv))
    args = parser.parse_args(argv)
    from ghnt_desktop import crash

    try:
        if getattr(args, "handler", None):
            crash.install(resolve_data_dir(args), gui=False)
            return int(args.handler(args) or 0)
        from ghnt_desktop.ui.launch import run_gui

        return run_gui(resolve_data_dir(args), credentials(args, required=False),
                       quit_after_startup=bool(getattr(args, "quit_after_startup", False)))
    except UsageError as exc:
        if sys.stderr is not None:
            parser.print_usage(sys.stderr)
        _err(f"ghnt: verkeerd gebruik: {exc}\n")
        return 2
    except UserError as exc:
        _err(f"ghnt: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        _err("ghnt: afgebroken.\n")
        return 1
    except Exception as exc:
        from ghnt_desktop.services.datadir import to_user_error

        known = to_user_error(exc)  # disk full, locked, damaged database: an environment error, not a bug
        if known is not None:
            _err(f"ghnt: {known}\n")
            return known.exit_code
        path = crash.write_report(exc)  # a bug: local crash report without case content
        where = f" Een foutrapport (zonder persoonsgegevens) staat in {path}." if path else ""
        _err(f"ghnt: er ging iets mis in de app.{where}\n")
        return 1
