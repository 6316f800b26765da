"""Exports of a meldcode dossier (verslag, concept melding): authorization, data, file, audit.

The PDF itself is made in ``reporting/meldcode_verslag.py`` (reportlab, imported lazily); this
module only decides who may export, gathers what goes into the document and writes the file with
its audit entry (``dossier_exporteren``; ``dossier_afdrukken`` for printing). Asking the user to
confirm ("this file holds personal data") is the UI's job.
"""
from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage import meldcode_repo as repo
from ghnt_desktop.storage.workspace import Workspace

SOORTEN = ("verslag", "melding")
EXPORT_ACTIES = ("dossier_exporteren", "dossier_afdrukken", "dossier_bekijken")
MIN_WACHTWOORD = 8


@dataclass(frozen=True)
class VerslagGegevens:
    """Everything a verslag or concept melding shows (read in one go, after the checks)."""

    dossier: dm.Dossier
    organisatie: str
    gemeente_naam: str
    team_naam: str
    eigenaar_naam: str
    aandachtsfunctionaris_naam: str
    tijdlijn: tuple[mc.Tijdlijnregel, ...]
    medeondertekeningen: tuple[mc.Medeondertekening, ...]
    afsluitingen: tuple[tuple[datetime, str, str], ...]  # (moment, wie, reden) of every closing
    heropeningen: tuple[tuple[datetime, str, str], ...]
    gemaakt_door: str
    gemaakt_op: datetime
    oefen: bool
    demo: bool


def _vereis_export(ws: Workspace, dossier_id: int) -> None:
    try:
        vereis(ws, Actie.DOSSIER_EXPORTEREN, object_type="dossier", object_id=dossier_id)
    except PermissionDenied:
        raise PermissionDenied(mc.GEEN_ROL) from None


def gegevens(ws: Workspace, dossier_id: int) -> VerslagGegevens:
    """What goes into the document, after the role and scope checks. Not audited by itself: the caller
    audits what happens with it (:func:`registreer`, :func:`schrijf`)."""
    _vereis_export(ws, dossier_id)
    row = mc._dossier(ws, dossier_id, "dossier_exporteren")
    dossier = mc._bouw_dossier(ws, row)
    tijdlijn = tuple(mc._tijdlijn(ws, row))
    gemeente = ws.db.conn.execute("SELECT naam FROM werkruimte_gemeente WHERE cbs_code = ?",
                                  [row.gemeente_code]).fetchone()
    team = ws.db.conn.execute("SELECT naam FROM team WHERE id = ?", [row.team_id]).fetchone() if row.team_id else None
    afsl, herop = [], []
    namen = repo.account_namen(ws.db, (r.auteur_id for r in repo.alle_records(ws.db, row.id)))
    for r in repo.alle_records(ws.db, row.id):
        if r.soort == "afsluiting":
            afsl.append((repo.moment_uit(r.tijdstip), namen.get(r.auteur_id, ""), str(r.gegevens().get("reden", ""))))
        elif r.soort == "heropening":
            herop.append((repo.moment_uit(r.tijdstip), namen.get(r.auteur_id, ""), str(r.gegevens().get("reden", ""))))
    return VerslagGegevens(
        dossier=dossier, organisatie=ws.organisatie, gemeente_naam=gemeente[0] if gemeente else row.gemeente_code,
        team_naam=team[0] if team else "", eigenaar_naam=dossier.eigenaar,
        aandachtsfunctionaris_naam=dossier.aandachtsfunctionaris, tijdlijn=tijdlijn,
        medeondertekeningen=tuple(mc._medeondertekeningen(ws, row)), afsluitingen=tuple(afsl),
        heropeningen=tuple(herop), gemaakt_door=ws.session.naam, gemaakt_op=mc._nu().astimezone(),
        oefen=ws.is_oefen, demo=ws.is_demo)


def controleer_soort(soort: str) -> str:
    if soort not in SOORTEN:
        raise ValidationError("Kies 'verslag' of 'melding'.")
    return soort


def controleer_wachtwoord(wachtwoord: str | None) -> None:
    if wachtwoord is not None and len(wachtwoord) < MIN_WACHTWOORD:
        raise ValidationError(f"Het wachtwoord voor de PDF is te kort. Gebruik minstens {MIN_WACHTWOORD} tekens.")


def _resultaat(soort: str, beveiligd: bool) -> str:
    return f"{soort}{'+wachtwoord' if beveiligd else ''}"


def registreer(ws: Workspace, dossier_id: int, *, soort: str, actie: str = "dossier_exporteren",
               beveiligd: bool = False) -> None:
    """Audit that a document left the database (shown, printed or handed over in memory)."""
    if actie not in EXPORT_ACTIES:
        raise ValueError(f"unknown export action {actie!r}")
    ws.audit(actie, "dossier", dossier_id, resultaat=_resultaat(soort, beveiligd))


def controleer_pad(pad: Path) -> Path:
    """A place where a new file can be written; Dutch errors otherwise (checked before the work starts)."""
    pad = Path(pad).expanduser()
    if pad.is_dir():
        raise UserError(f"{pad} is een map. Geef een bestandsnaam op, bijvoorbeeld verslag.pdf.")
    map_ = pad.parent if str(pad.parent) else Path(".")
    if not map_.is_dir():
        raise UserError(f"De map {map_} bestaat niet. Kies een bestaande map voor het bestand.")
    if not os.access(map_, os.W_OK):
        raise UserError(f"Je mag niet schrijven in de map {map_}. Kies een andere map.")
    return pad


def schrijf(ws: Workspace, dossier_id: int, pad: Path, inhoud: bytes, *, soort: str, beveiligd: bool) -> Path:
    """Write the file (all or nothing) and audit ``dossier_exporteren`` in one go.

    The audit entry is written in a transaction that commits only after the file is complete; when
    writing fails nothing is left behind and a refused entry (``mislukt``) is recorded instead.
    """
    pad = controleer_pad(pad)
    tmp_naam = None
    try:
        with ws.db.atomic():
            ws.audit("dossier_exporteren", "dossier", dossier_id, resultaat=_resultaat(soort, beveiligd))
            fd, tmp_naam = tempfile.mkstemp(prefix=".ghnt-", suffix=".pdf.tmp", dir=pad.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(inhoud)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_naam, pad)
            tmp_naam = None
    except OSError as exc:
        if tmp_naam:
            try:
                os.unlink(tmp_naam)
            except OSError:
                pass
        ws.audit("dossier_exporteren", "dossier", dossier_id, resultaat="mislukt")
        raise _schrijffout(exc, pad.parent) from None
    return pad


def _schrijffout(exc: OSError, map_: Path) -> UserError:
    if exc.errno == errno.ENOSPC:
        return UserError(f"De schijf is vol ({map_}). Het bestand is niet opgeslagen. Maak ruimte vrij of kies "
                         "een andere plek.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"Je mag niet schrijven in de map {map_}. Het bestand is niet opgeslagen. "
                         "Kies een andere map.")
    if exc.errno == errno.ENOENT:
        return UserError(f"De map {map_} bestaat niet (meer). Het bestand is niet opgeslagen.")
    return UserError(f"Het bestand kon niet worden opgeslagen in {map_}. Kies een andere map en probeer het "
                     "opnieuw.")
