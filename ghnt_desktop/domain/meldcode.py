"""Meldcode domain: the dossier model, the rules per step and the follow-up planning.

This module is the public entry point; the code lives in

- ``meldcode_model``    enums and frozen dataclasses (``Dossier`` and its records),
- ``meldcode_regels``   ``ontbrekend`` / ``waarschuwingen`` per step,
- ``meldcode_planning`` ``werkdagen_na`` / ``aandachtspunten``.

The afwegingskader itself is in :mod:`ghnt_desktop.domain.afwegingskader`.
Pure: stdlib only, no Qt, no SQL, no file IO.
"""
from __future__ import annotations

from ghnt_desktop.domain.afwegingskader import AFWEGINGEN, Uitkomst, beslis
from ghnt_desktop.domain.meldcode_model import *  # noqa: F403
from ghnt_desktop.domain.meldcode_model import __all__ as _model_all
from ghnt_desktop.domain.meldcode_planning import *  # noqa: F403
from ghnt_desktop.domain.meldcode_planning import __all__ as _planning_all
from ghnt_desktop.domain.meldcode_regels import *  # noqa: F403
from ghnt_desktop.domain.meldcode_regels import __all__ as _regels_all

__all__ = ["AFWEGINGEN", "Uitkomst", "beslis", *_model_all, *_regels_all, *_planning_all]
