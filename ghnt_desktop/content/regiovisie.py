"""Loader for the bundled regiovisie profiles in ``resources/plan/regiovisies/*.json``.

Each file holds one profile (format: ``docs/regiovisie-profiel.md``) and is checked strictly
with :func:`ghnt_desktop.domain.regiovisie.valideer_profiel`; the file name must be the
profile's ``id`` plus ``.json``. A broken file raises :class:`ghnt_desktop.errors.ValidationError`
whose ``details`` name the file and the place of every problem, e.g.
``hollands-midden-2024.json: actielijnen[1].titel: ontbreekt of is leeg.``
The bundled folder is read once per process (``functools.cache``).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from ghnt_desktop.domain.regiovisie import Regiovisie, RegiovisieFout, profiel_uit, valideer_profiel
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.paths import resource_path

STANDAARD_ID = "zaanstreek-waterland-2020"  # the lines the app used before profiles existed


def map_() -> Path:
    return Path(resource_path("plan", "regiovisies"))


def problemen_in_bestand(pad: Path) -> list[str]:
    """Every problem with one profile file, each prefixed with the file name. Empty = fine."""
    naam = pad.name
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except OSError:
        return [f"{naam}: het bestand kan niet worden gelezen."]
    except ValueError as exc:
        return [f"{naam}: geen geldige JSON ({exc})."]
    problemen = [f"{naam}: {p}" for p in valideer_profiel(data)]
    if isinstance(data, dict) and isinstance(data.get("id"), str) and pad.stem != data["id"]:
        problemen.append(f"{naam}: id: '{data['id']}' moet gelijk zijn aan de bestandsnaam ({pad.stem}).")
    return problemen


def laad_profiel(pad: Path) -> Regiovisie:
    """One profile file, or a ValidationError listing every problem with its place."""
    problemen = problemen_in_bestand(pad)
    if problemen:
        raise ValidationError(f"Het regiovisieprofiel {pad.name} klopt niet.", details=problemen)
    try:
        return profiel_uit(json.loads(pad.read_text(encoding="utf-8")))
    except RegiovisieFout as exc:  # pragma: no cover - the checks above are the same
        raise ValidationError(f"Het regiovisieprofiel {pad.name} klopt niet.", details=exc.problemen) from exc


def laad_map(map_pad: Path) -> tuple[Regiovisie, ...]:
    """Every profile in a folder, sorted by region name; all problems of all files at once."""
    paden = sorted(map_pad.glob("*.json"))
    problemen = [p for pad in paden for p in problemen_in_bestand(pad)]
    if not paden:
        problemen.append(f"{map_pad.name}: er staat geen regiovisieprofiel in deze map.")
    if problemen:
        raise ValidationError("De regiovisieprofielen van de app kloppen niet.", details=problemen)
    profielen = [laad_profiel(pad) for pad in paden]
    return tuple(sorted(profielen, key=lambda p: (p.regio.casefold(), p.periode, p.id)))


@functools.cache
def bundelde_profielen() -> tuple[Regiovisie, ...]:
    """The profiles that come with the app."""
    return laad_map(map_())


def bundeld_profiel(profiel_id: str) -> Regiovisie | None:
    return next((p for p in bundelde_profielen() if p.id == profiel_id), None)


def standaard_profiel() -> Regiovisie:
    """The profile of workspaces where no beheerder has chosen one yet (Zaanstreek-Waterland)."""
    p = bundeld_profiel(STANDAARD_ID)
    if p is None:  # pragma: no cover - a packaging error
        raise ValidationError("Het standaard regiovisieprofiel ontbreekt.", details=[f"{STANDAARD_ID}.json"])
    return p
