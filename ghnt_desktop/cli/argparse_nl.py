"""Dutch messages for argparse: help headings, usage and every error it writes itself.

argparse looks its messages up through ``gettext`` (module globals ``argparse._`` and
``argparse.ngettext``). :func:`install` points those two at the Dutch catalogue in
``resources/translations/argparse_nl.mo`` (source: ``argparse_nl.po`` next to it). A message
that is not in the catalogue stays as argparse wrote it, so a newer Python never breaks the
command line; ``tests/cli/test_cli_nederlands.py`` fails when the installed argparse has a
message the catalogue lacks.

This changes argparse for the whole process. That is intended: the process is ``ghnt``.
"""
from __future__ import annotations

import argparse
import gettext

CATALOGUE = ("translations", "argparse_nl.mo")

_installed: gettext.NullTranslations | None = None


def catalogue() -> gettext.NullTranslations:
    """The Dutch catalogue (an empty one when the file is missing, so argparse keeps working)."""
    from ghnt_desktop.paths import resource_path

    try:
        with open(resource_path(*CATALOGUE), "rb") as fh:
            return gettext.GNUTranslations(fh)
    except (OSError, ValueError, UnicodeError):  # a broken install: English beats a crash
        return gettext.NullTranslations()


def install() -> None:
    """Route argparse's messages through the Dutch catalogue (idempotent, cheap: one small file)."""
    global _installed
    if _installed is not None and argparse._ == _installed.gettext:
        return
    _installed = catalogue()
    argparse._ = _installed.gettext
    argparse.ngettext = _installed.ngettext
