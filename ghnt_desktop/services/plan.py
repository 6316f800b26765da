"""Plan van aanpak "Versterken lokale teams": use cases with authorization and audit.

One plan per gemeente and period, in versions. A version starts as *concept*; *vaststellen*
freezes it. Changing a vastgesteld version first makes a new concept version copied from it
(``domain.plan.nieuwe_versie``); every function that changes something returns the id of the
plan (or action) that was really changed, so callers can follow a new version.

Rights (``domain.roles``): reading needs ``PLAN_INZIEN``, changing ``PLAN_WIJZIGEN``,
vaststellen ``PLAN_VASTSTELLEN``; the datalab paragraph needs ``CIJFERS_INZIEN`` and reads only
aggregated, suppressed figures through ``services.meldcode.datalab_samenvattingen``.
Audit entries (``plan_aanmaken``, ``plan_wijzigen``, ``plan_vaststellen``, ``plan_afdrukken``,
``plan_exporteren``) are written in the same transaction as the change.

The PDF itself is made one layer up, by ``reporting.plan_pdf`` (``pdf_bytes``, ``exporteer_pdf``), from
:func:`rapport`; it saves through :func:`schrijf_pdf`. A service never imports reporting.

Zelfscan data come from ``services.zelfscan`` (imported lazily). The actielijnen, the numbering of
the actions and the sentences {regioplan} and {indeling} in the plan texts come from the workspace's
regiovisie profile (``services.regiovisie.huidig_profiel``). An action keeps the code of its actielijn
when the profile changes; such a code is shown as stored, with a note, and may be kept when the action
is changed.
"""
from __future__ import annotations

import errno
import functools
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ghnt_desktop.domain import datalab as dl
from ghnt_desktop.domain import plan as dp
from ghnt_desktop.domain.plan import ActieStatus, PlanRegelFout, PlanStatus
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage import plan_repo as repo
from ghnt_desktop.storage.plan_repo import ActieRij, ActieVelden, PlanRij, SectieRij, VoortgangRij
from ghnt_desktop.storage.workspace import Workspace, now_iso

if TYPE_CHECKING:  # pragma: no cover
    from ghnt_desktop.content.gemeenten import Gemeente
    from ghnt_desktop.domain.regiovisie import Regiovisie
    from ghnt_desktop.domain.zelfscan import ScanStatus, Telling, Zelfscan
    from ghnt_desktop.domain.zelfscan_catalogus import Catalogus
    from ghnt_desktop.services.zelfscan import ScanInfo

    _Geladen = Mapping[int, tuple[Zelfscan, Catalogus]]  # scan id -> the scan and its catalogue

__all__ = [
    "ActieRij", "ActieVelden", "PlanRij", "SectieRij", "VoortgangRij", "PlanSectie", "ThemaScore", "TeamUitslag",
    "CatalogusGebruik", "DatalabStand", "PlanRapport", "gemeente_of_fout", "beschikbare_scans",
    "standaard_scans", "plannen", "huidig_plan", "versies", "plan", "maak_plan", "wijzig_plan", "kies_scans",
    "secties", "bewaar_sectie", "standaardtekst", "acties", "actie", "voeg_actie_toe", "wijzig_actie",
    "verwijder_actie", "voeg_voortgang_toe", "verwijder_voortgang", "stel_vast", "nieuwe_versie",
    "verbeterpunten", "overzicht", "datalab", "rapport", "controleer_export", "schrijf_pdf", "registreer_afdrukken",
    "controleer_uitvoer", "MAX_TITEL", "MAX_SECTIETEKST", "MAX_NOTITIE", "StandaardOptie", "standaarden",
    "regiovisie", "actienummers",
]

MAX_TITEL = 300
MAX_SECTIETEKST = 20_000
MAX_NOTITIE = 2_000
MAX_STANDAARDEN_PER_ACTIE = 50
MAX_MIDDELEN = 990  # budget and capaciteit each; together they are the domain's "middelen" (max 2000)
THEMA_PREFIX = "huidige_situatie."


# --------------------------------------------------------------------------- small helpers


def _fout(exc: PlanRegelFout) -> UserError:
    return UserError(exc.message)


@functools.cache
def _secties_data() -> tuple[str, tuple[dp.Sectie, ...]]:
    from ghnt_desktop.paths import resource_path

    pad = Path(resource_path("plan", "secties.json"))
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError("De standaardteksten van het plan kunnen niet worden gelezen.",
                        details=[str(pad)]) from exc
    try:
        return str(data["versie"]), dp.secties_uit(data)
    except PlanRegelFout as exc:
        raise _fout(exc) from exc


def standaard_secties() -> tuple[dp.Sectie, ...]:
    """The default sections from ``resources/plan/secties.json``, in order."""
    return _secties_data()[1]


def _sectie_volgorde(code: str) -> int:
    return (dp.SECTIE_CODES.index(code) + 1) * 1000


def gemeente_of_fout(zoekterm: str) -> Gemeente:
    """The gemeente (``content.gemeenten.Gemeente``) for a name or CBS code, or a Dutch UserError."""
    from ghnt_desktop.content.gemeenten import huidige_gemeente

    g = huidige_gemeente(zoekterm or "")
    if g is None:
        raise UserError(f"De gemeente '{(zoekterm or '').strip()}' is onbekend. "
                        "Gebruik de naam of de CBS-code, bijvoorbeeld Zaanstad of GM0479.")
    return g


def _gemeente_naam(code: str) -> str:
    from ghnt_desktop.content.gemeenten import zoek_gemeente

    g = zoek_gemeente(code)
    return g.naam if g else code


def _laad(ws: Workspace, plan_id: int) -> PlanRij:
    p = repo.get_plan(ws.db, plan_id)
    if p is None:
        raise UserError("Dit plan bestaat niet (meer).")
    return p


def _een_jaar_later(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


def _vastgesteld() -> ScanStatus:
    from ghnt_desktop.domain.zelfscan import ScanStatus

    return ScanStatus.VASTGESTELD


# --------------------------------------------------------------------------- scans


def beschikbare_scans(ws: Workspace, gemeente_code: str) -> list[ScanInfo]:
    """Every vastgestelde zelfscan of a team that serves the gemeente (``services.zelfscan.ScanInfo``)."""
    from ghnt_desktop.services import zelfscan as zs

    vereis(ws, Actie.PLAN_INZIEN, object_type="plan")
    return list(zs.scans(ws, gemeente_code=gemeente_code, status=_vastgesteld()))


def standaard_scans(ws: Workspace, gemeente_code: str) -> list[ScanInfo]:
    """The default choice for a plan: the latest vastgestelde zelfscan per team serving the gemeente, and
    the gemeente's own latest vastgestelde scan (the kwaliteitskader's standards for the gemeente)."""
    from ghnt_desktop.services import zelfscan as zs

    vereis(ws, Actie.PLAN_INZIEN, object_type="plan")
    scans = list(zs.laatste_vastgestelde(ws, gemeente_code))
    eigen = zs.laatste_vastgestelde_gemeentescan(ws, gemeente_code)
    return scans + ([eigen] if eigen is not None else [])


def _controleer_scans(ws: Workspace, gemeente_code: str, scan_ids: Sequence[int]) -> list[ScanInfo]:
    if not scan_ids:
        raise UserError(f"Er is geen vastgestelde zelfscan gekozen voor {_gemeente_naam(gemeente_code)}. "
                        "Een plan van aanpak bouwt op de vastgestelde zelfscans van de teams.")
    beschikbaar = {s.id: s for s in beschikbare_scans(ws, gemeente_code)}
    gekozen: list[ScanInfo] = []
    teams: dict[object, str] = {}
    for sid in dict.fromkeys(int(s) for s in scan_ids):
        s = beschikbaar.get(sid)
        if s is None:
            raise UserError("Een gekozen zelfscan is niet vastgesteld of hoort niet bij een team van "
                            f"{_gemeente_naam(gemeente_code)}. Kies opnieuw.")
        sleutel = s.team_id if s.team_id is not None else f"naam:{s.team_naam}"
        if sleutel in teams:
            raise UserError(f"Kies per team één zelfscan. Voor {s.team_naam} zijn er nu twee gekozen.")
        teams[sleutel] = s.team_naam
        gekozen.append(s)
    return gekozen


# --------------------------------------------------------------------------- reading plans


def plannen(ws: Workspace, gemeente_code: str | None = None) -> list[PlanRij]:
    """The newest version of every plan (optionally of one gemeente), newest period first."""
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan")
    return repo.plannen(ws.db, gemeente_code)


def versies(ws: Workspace, plan_id: int) -> list[PlanRij]:
    """All versions of the plan that ``plan_id`` belongs to, newest first."""
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    return repo.versies(ws.db, _laad(ws, plan_id).reeks_id)


def plan(ws: Workspace, plan_id: int) -> PlanRij:
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    return _laad(ws, plan_id)


def huidig_plan(ws: Workspace, gemeente_code: str, *, vandaag: date | None = None) -> PlanRij | None:
    """The plan that is current for the gemeente: the newest version of the plan whose period holds
    ``vandaag``; otherwise of the plan with the latest period."""
    vandaag = vandaag or date.today()
    lijst = plannen(ws, gemeente_code)
    if not lijst:
        return None
    lopend = [p for p in lijst if p.periode_van <= vandaag <= p.periode_tot]
    return (lopend or lijst)[0]


# --------------------------------------------------------------------------- creating and changing


def maak_plan(ws: Workspace, gemeente_code: str, *, jaar: int | None = None, periode_van: date | None = None,
              periode_tot: date | None = None, titel: str | None = None, scan_ids: Sequence[int] | None = None,
              datalab: bool = False, volgende_zelfscan: date | None = None,
              vandaag: date | None = None) -> int:
    """A new concept plan on the (chosen or latest) vastgestelde zelfscans of the gemeente's teams."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan")
    gemeente = gemeente_of_fout(gemeente_code)
    code = gemeente.cbs_code
    if datalab:
        vereis(ws, Actie.CIJFERS_INZIEN, object_type="plan")
    if scan_ids is None:
        scan_ids = [s.id for s in standaard_scans(ws, code)]
        if not scan_ids:
            raise UserError(f"Voor {gemeente.naam} is nog geen vastgestelde zelfscan. Een plan van aanpak bouwt op "
                            "de vastgestelde zelfscans van de teams. Stel eerst een zelfscan vast.")
    scans = _controleer_scans(ws, code, scan_ids)
    vandaag = vandaag or date.today()
    jaar = jaar or (periode_van.year if periode_van else vandaag.year)
    van = periode_van or date(jaar, 1, 1)
    tot = periode_tot or date(van.year, 12, 31)
    _controleer_periode(van, tot)
    titel = _controleer_titel(titel if titel is not None else dp.standaard_titel(gemeente.naam, van.year))
    if volgende_zelfscan is None:
        volgende_zelfscan = _een_jaar_later(max(s.peildatum for s in scans))
    nu = now_iso()
    with ws.db.atomic():
        if repo.overlappende_periode(ws.db, code, van, tot) is not None:
            raise UserError(f"Er is al een plan voor {gemeente.naam} over (een deel van) deze periode. "
                            "Open dat plan, of kies een andere periode.")
        plan_id = repo.insert_plan(
            ws.db, gemeente_code=code, periode_van=van, periode_tot=tot, titel=titel, datalab=datalab,
            volgende_zelfscan=volgende_zelfscan, aangemaakt_op=nu, aangemaakt_door=ws.session.account_id)
        repo.set_scans(ws.db, plan_id, [s.id for s in scans])
        regio = regiovisie(ws).plan_waarden()  # the regional sentences are fixed in the new plan's texts
        for s in standaard_secties():
            repo.upsert_sectie(ws.db, plan_id, s.code, volgorde=_sectie_volgorde(s.code), titel=s.titel,
                               tekst=dp.vul_in(s.standaardtekst, **regio))
        ws.audit("plan_aanmaken", "plan", plan_id)
    return plan_id


def _controleer_periode(van: date, tot: date) -> None:
    if not isinstance(van, date) or not isinstance(tot, date):
        raise ValidationError("De periode klopt niet.", details=["periode: vul een begin- en einddatum in."])
    if tot < van:
        raise ValidationError("De periode klopt niet.",
                              details=["periode: de einddatum ligt vóór de begindatum."])


def _controleer_titel(titel: str) -> str:
    titel = " ".join(str(titel).split())
    if not titel:
        raise ValidationError("De titel ontbreekt.", details=["titel: vul een titel in."])
    if len(titel) > MAX_TITEL:
        raise ValidationError("De titel is te lang.", details=[f"titel: hoogstens {MAX_TITEL} tekens."])
    return titel


def _bewerkbaar(ws: Workspace, plan_id: int) -> tuple[PlanRij, dict[int, int]]:
    """The concept to change: the plan itself, or a new version when it is vastgesteld.

    Call inside a transaction. Returns the concept and old -> new actie ids.
    """
    p = _laad(ws, plan_id)
    if p.is_concept:
        return p, {}
    nieuw_id, mapping = _maak_nieuwe_versie(ws, p)
    return _laad(ws, nieuw_id), mapping


def _maak_nieuwe_versie(ws: Workspace, vorige: PlanRij) -> tuple[int, dict[int, int]]:
    opvolger = repo.opvolger(ws.db, vorige.id)
    if opvolger is not None:
        o = _laad(ws, opvolger)
        raise UserError(f"Er is al een nieuwere versie van dit plan (versie {o.versie}). Werk in die versie verder.")
    try:
        v = dp.nieuwe_versie(dp.PlanVersie(vorige.versie, vorige.status, vorige.vastgesteld_op,
                                           vorige.vastgesteld_door))
    except PlanRegelFout as exc:
        raise _fout(exc) from exc
    nieuw_id = repo.insert_plan(
        ws.db, gemeente_code=vorige.gemeente_code, periode_van=vorige.periode_van, periode_tot=vorige.periode_tot,
        titel=vorige.titel, versie=v.versie, reeks_id=vorige.reeks_id, vorige_versie_id=vorige.id,
        datalab=vorige.datalab, volgende_zelfscan=vorige.volgende_zelfscan, aangemaakt_op=now_iso(),
        aangemaakt_door=ws.session.account_id)
    mapping = repo.kopieer_naar(ws.db, vorige.id, nieuw_id)
    ws.audit("plan_aanmaken", "plan", nieuw_id)
    return nieuw_id, mapping


def nieuwe_versie(ws: Workspace, plan_id: int) -> int:
    """A new concept version copied from a vastgesteld plan. Returns its id."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan", object_id=plan_id)
    with ws.db.atomic():
        p = _laad(ws, plan_id)
        if p.is_concept:
            raise UserError("Dit plan is nog een concept. Je kunt het gewoon aanpassen.")
        nieuw_id, _ = _maak_nieuwe_versie(ws, p)
    return nieuw_id


_NIET_GEZET = object()


def wijzig_plan(ws: Workspace, plan_id: int, *, titel: str | None = None, periode_van: date | None = None,
                periode_tot: date | None = None, datalab: bool | None = None,
                volgende_zelfscan: date | None | object = _NIET_GEZET) -> int:
    """Change title, period, datalab on/off or the next zelfscan date. Returns the changed plan's id."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan", object_id=plan_id)
    if datalab:
        vereis(ws, Actie.CIJFERS_INZIEN, object_type="plan", object_id=plan_id)
    velden: dict[str, object] = {}
    if titel is not None:
        velden["titel"] = _controleer_titel(titel)
    if datalab is not None:
        velden["datalab"] = bool(datalab)
    if volgende_zelfscan is not _NIET_GEZET:
        if volgende_zelfscan is not None and not isinstance(volgende_zelfscan, date):
            raise ValidationError("De datum klopt niet.", details=["volgende_zelfscan: geen geldige datum."])
        velden["volgende_zelfscan"] = volgende_zelfscan
    with ws.db.atomic():
        p, _ = _bewerkbaar(ws, plan_id)
        van = periode_van or p.periode_van
        tot = periode_tot or p.periode_tot
        if periode_van is not None or periode_tot is not None:
            _controleer_periode(van, tot)
            if repo.overlappende_periode(ws.db, p.gemeente_code, van, tot, behalve_reeks=p.reeks_id) is not None:
                raise UserError(f"Er is al een ander plan voor {_gemeente_naam(p.gemeente_code)} over (een deel "
                                "van) deze periode. Kies een andere periode.")
            velden["periode_van"], velden["periode_tot"] = van, tot
        if velden:
            repo.update_plan(ws.db, p.id, gewijzigd_op=now_iso(), **velden)
            ws.audit("plan_wijzigen", "plan", p.id)
    return p.id


def kies_scans(ws: Workspace, plan_id: int, scan_ids: Sequence[int]) -> int:
    """Choose which vastgestelde zelfscans (one per team) the plan is built on."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan", object_id=plan_id)
    gemeente_code = _laad(ws, plan_id).gemeente_code
    scans = _controleer_scans(ws, gemeente_code, scan_ids)
    with ws.db.atomic():
        p, _ = _bewerkbaar(ws, plan_id)
        repo.set_scans(ws.db, p.id, [s.id for s in scans])
        repo.touch(ws.db, p.id, now_iso())
        ws.audit("plan_wijzigen", "plan", p.id)
    return p.id


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class PlanSectie:
    """A section as shown in the editor: stored text, or the default for a theme part."""

    code: str
    titel: str
    tekst: str
    niveau: int  # 1 = main section, 2 = a theme within "huidige situatie"
    thema_id: str | None = None
    standaardtekst: str = ""


def secties(ws: Workspace, plan_id: int, *, themas: Sequence[tuple[str, str]] | None = None) -> list[PlanSectie]:
    """The plan's sections in order; after "huidige situatie" one part per theme of the chosen scans.

    ``themas``: (thema_id, naam) pairs; looked up from the scans' catalogues when not given.
    """
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    p = _laad(ws, plan_id)
    opgeslagen = {s.code: s for s in repo.secties(ws.db, plan_id)}
    standaard = {s.code: s for s in standaard_secties()}
    if themas is None:
        themas = _themas_van_scans(ws, p)
    uit: list[PlanSectie] = []
    for code in dp.SECTIE_CODES:
        s = opgeslagen.get(code)
        d = standaard[code]
        uit.append(PlanSectie(code, s.titel if s else d.titel, s.tekst if s else d.standaardtekst, 1, None,
                              d.standaardtekst))
        if d.per_thema:
            for thema_id, naam in themas:
                tcode = THEMA_PREFIX + thema_id
                ts = opgeslagen.get(tcode)
                uit.append(PlanSectie(tcode, naam, ts.tekst if ts else "", 2, thema_id, ""))
    return uit


def _themas_van_scans(ws: Workspace, p: PlanRij) -> list[tuple[str, str]]:
    from ghnt_desktop.services import zelfscan as zs

    themas: dict[str, str] = {}
    for s in _gekozen_scans(ws, p):
        cat = zs.catalogus(ws, s.catalogus_id, s.catalogus_versie)
        for t in cat.themas_op_volgorde:
            themas.setdefault(t.id, t.naam)
    return list(themas.items())


def standaardtekst(code: str) -> str:
    """The default text of a main section ("" for a theme part)."""
    for s in standaard_secties():
        if s.code == code:
            return s.standaardtekst
    return ""


def bewaar_sectie(ws: Workspace, plan_id: int, code: str, tekst: str, *, titel: str | None = None) -> int:
    """Save the text of one section (placeholders {gemeente}, {jaar}, {volgende_zelfscan} allowed)."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan", object_id=plan_id)
    if not isinstance(tekst, str):
        raise ValidationError("De tekst klopt niet.", details=[f"{code}: geen tekst."])
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    if len(tekst) > MAX_SECTIETEKST:
        raise ValidationError("De tekst is te lang.", details=[f"{code}: hoogstens {MAX_SECTIETEKST} tekens."])
    standaard = {s.code: s for s in standaard_secties()}
    if code in standaard:
        volgorde, titel = _sectie_volgorde(code), standaard[code].titel
    elif code.startswith(THEMA_PREFIX) and len(code) > len(THEMA_PREFIX):
        volgorde = _sectie_volgorde("huidige_situatie") + 1
        titel = " ".join((titel or code[len(THEMA_PREFIX):]).split())[:200]
    else:
        raise UserError("Dit onderdeel van het plan bestaat niet.")
    with ws.db.atomic():
        p, _ = _bewerkbaar(ws, plan_id)
        repo.upsert_sectie(ws.db, p.id, code, volgorde=volgorde, titel=titel, tekst=tekst)
        repo.touch(ws.db, p.id, now_iso())
        ws.audit("plan_wijzigen", "plan", p.id)
    return p.id


# --------------------------------------------------------------------------- actions


def acties(ws: Workspace, plan_id: int) -> list[ActieRij]:
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    _laad(ws, plan_id)
    return repo.acties(ws.db, plan_id)


def actie(ws: Workspace, actie_id: int) -> ActieRij:
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan")
    a = repo.get_actie(ws.db, actie_id)
    if a is None:
        raise UserError("Deze actie bestaat niet (meer).")
    return a


def regiovisie(ws: Workspace) -> Regiovisie:
    """The regiovisie profile the plans use now (``domain.regiovisie.Regiovisie``)."""
    from ghnt_desktop.services import regiovisie as rv

    return rv.huidig_profiel(ws)


def actienummers(ws: Workspace, plan_id: int) -> dict[int, str]:
    """The number of each action of the plan as printed ("2A", "1.3", "7"), by action id."""
    from ghnt_desktop.domain.regiovisie import actienummers as nummeren

    return nummeren(regiovisie(ws), acties(ws, plan_id))


def _controleer_actie(ws: Workspace, velden: ActieVelden, *, behoud: str | None = None) -> ActieVelden:
    """Check and normalise the fields. The actielijn must be a line of the current profile, or
    ``behoud``: the code the action already had (kept when the profile has changed)."""
    tekstvelden = ("omschrijving", "thema", "eigenaar", "partners", "budget", "capaciteit", "beoogd_resultaat",
                   "indicator")
    problemen = [f"{v}: moet tekst zijn." for v in tekstvelden if not isinstance(getattr(velden, v), str)]
    if velden.actielijn is not None and not isinstance(velden.actielijn, str):
        problemen.append("actielijn: Kies een actielijn uit de lijst.")
    if problemen:
        raise ValidationError("De actie is niet opgeslagen. Pas dit aan:", details=problemen)
    velden = replace(velden, **{v: getattr(velden, v).strip() for v in tekstvelden},
                     actielijn=velden.actielijn or None,
                     standaard_ids=tuple(dict.fromkeys(str(s).strip() for s in velden.standaard_ids
                                                       if str(s).strip())))
    problemen = [f"{v}: Gebruik hoogstens {MAX_MIDDELEN} tekens." for v in ("budget", "capaciteit")
                 if len(getattr(velden, v)) > MAX_MIDDELEN]
    middelen = "\n".join(x[:MAX_MIDDELEN] for x in (velden.budget, velden.capaciteit) if x)
    toegestaan = set(regiovisie(ws).codes) | ({behoud} if behoud else set())
    problemen += dp.valideer_actie(dp.Actie(
        omschrijving=velden.omschrijving, eigenaar=velden.eigenaar, start=velden.start, deadline=velden.deadline,
        status=velden.status, actielijn=velden.actielijn,
        standaard_id=velden.standaard_ids[0] if velden.standaard_ids else None, thema=velden.thema,
        betrokken_partners=velden.partners, middelen=middelen, beoogd_resultaat=velden.beoogd_resultaat,
        indicator=velden.indicator), toegestaan)
    if len(velden.standaard_ids) > MAX_STANDAARDEN_PER_ACTIE:
        problemen.append(f"standaarden: kies hoogstens {MAX_STANDAARDEN_PER_ACTIE} standaarden.")
    if any(len(s) > 40 for s in velden.standaard_ids):
        problemen.append("standaarden: een standaardnummer is te lang.")
    if problemen:
        raise ValidationError("De actie is niet opgeslagen. Pas dit aan:", details=problemen)
    return replace(velden, status=ActieStatus(velden.status))


def voeg_actie_toe(ws: Workspace, plan_id: int, velden: ActieVelden) -> int:
    """Add an action to the plan. Returns the new action's id."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan", object_id=plan_id)
    velden = _controleer_actie(ws, velden)
    with ws.db.atomic():
        p, _ = _bewerkbaar(ws, plan_id)
        actie_id = repo.insert_actie(ws.db, p.id, velden)
        repo.touch(ws.db, p.id, now_iso())
        ws.audit("plan_wijzigen", "plan", p.id)
    return actie_id


def _actie_in_concept(ws: Workspace, actie_id: int) -> tuple[PlanRij, int]:
    plan_id = repo.plan_van_actie(ws.db, actie_id)
    if plan_id is None:
        raise UserError("Deze actie bestaat niet (meer).")
    p, mapping = _bewerkbaar(ws, plan_id)
    return p, mapping.get(actie_id, actie_id)


def wijzig_actie(ws: Workspace, actie_id: int, velden: ActieVelden) -> int:
    """Change an action. Returns its id (a new id when a new plan version was started)."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan")
    bestaand = repo.get_actie(ws.db, actie_id)
    velden = _controleer_actie(ws, velden, behoud=bestaand.actielijn if bestaand is not None else None)
    with ws.db.atomic():
        p, actie_id = _actie_in_concept(ws, actie_id)
        repo.update_actie(ws.db, actie_id, velden)
        repo.touch(ws.db, p.id, now_iso())
        ws.audit("plan_wijzigen", "plan", p.id)
    return actie_id


def verwijder_actie(ws: Workspace, actie_id: int) -> int:
    """Remove an action (with its notes). Returns the id of the plan version it was removed from."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan")
    with ws.db.atomic():
        p, actie_id = _actie_in_concept(ws, actie_id)
        repo.delete_actie(ws.db, actie_id)
        repo.touch(ws.db, p.id, now_iso())
        ws.audit("plan_wijzigen", "plan", p.id)
    return p.id


def voeg_voortgang_toe(ws: Workspace, actie_id: int, datum: date, notitie: str) -> int:
    """Add a dated progress note to an action. Returns the action's id (new id after a new version)."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan")
    notitie = notitie.strip() if isinstance(notitie, str) else ""
    problemen = []
    if not isinstance(datum, date):
        problemen.append("datum: vul een geldige datum in.")
    if not notitie:
        problemen.append("notitie: schrijf op hoe het met de actie gaat.")
    elif len(notitie) > MAX_NOTITIE:
        problemen.append(f"notitie: hoogstens {MAX_NOTITIE} tekens.")
    if problemen:
        raise ValidationError("De voortgang is niet opgeslagen.", details=problemen)
    with ws.db.atomic():
        p, actie_id = _actie_in_concept(ws, actie_id)
        repo.insert_voortgang(ws.db, actie_id, datum=datum, notitie=notitie, auteur_id=ws.session.account_id,
                              vastgelegd_op=now_iso())
        repo.touch(ws.db, p.id, now_iso())
        ws.audit("plan_wijzigen", "plan", p.id)
    return actie_id


def verwijder_voortgang(ws: Workspace, notitie_id: int) -> None:
    """Remove a progress note from a concept plan."""
    vereis(ws, Actie.PLAN_WIJZIGEN, object_type="plan")
    with ws.db.atomic():
        row = ws.db.conn.execute(
            "SELECT a.plan_id FROM plan_actie_voortgang v JOIN plan_actie a ON a.id = v.actie_id WHERE v.id = ?",
            [notitie_id]).fetchone()
        if row is None:
            raise UserError("Deze notitie bestaat niet (meer).")
        p = _laad(ws, row[0])
        try:
            dp.controleer_bewerken(p.status)
        except PlanRegelFout as exc:
            raise _fout(exc) from exc
        repo.delete_voortgang(ws.db, notitie_id)
        repo.touch(ws.db, p.id, now_iso())
        ws.audit("plan_wijzigen", "plan", p.id)


# --------------------------------------------------------------------------- vaststellen


def stel_vast(ws: Workspace, plan_id: int, *, door: str, op: date) -> None:
    """Vaststellen by ``door`` (e.g. the college) on ``op``. The version is frozen from then on."""
    vereis(ws, Actie.PLAN_VASTSTELLEN, object_type="plan", object_id=plan_id)
    p = _laad(ws, plan_id)
    try:
        v = dp.stel_vast(dp.PlanVersie(p.versie, p.status, p.vastgesteld_op, p.vastgesteld_door), op=op, door=door)
    except PlanRegelFout as exc:
        raise _fout(exc) from exc
    if len(v.vastgesteld_door) > 200:
        raise ValidationError("Het plan is niet vastgesteld.", details=["door: hoogstens 200 tekens."])
    if not p.scan_ids:
        raise UserError("Kies eerst de zelfscans waarop het plan bouwt.")
    bevroren = None
    if p.datalab:
        stand = _bereken_datalab(ws, p)
        bevroren = json.dumps(_datalab_naar_dict(stand), ensure_ascii=False)
    with ws.db.atomic():
        if _laad(ws, plan_id).status is not PlanStatus.CONCEPT:  # read again, inside the transaction
            raise UserError("Dit plan is al vastgesteld.")
        repo.set_vastgesteld(ws.db, plan_id, door=v.vastgesteld_door, op=op, datalab_bevroren=bevroren,
                             gewijzigd_op=now_iso())
        ws.audit("plan_vaststellen", "plan", plan_id)


# --------------------------------------------------------------------------- verbeterpunten, overview


def _laad_scans(ws: Workspace, scans: Sequence[ScanInfo]) -> dict[int, tuple[Zelfscan, Catalogus]]:
    """scan id -> (Zelfscan, Catalogus), each loaded once."""
    from ghnt_desktop.services import zelfscan as zs

    return {s.id: zs.laad_scan(ws, s.id) for s in scans}


def _verbeterpunt_items(scans: Sequence[ScanInfo], geladen: _Geladen) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for s in scans:
        scan, cat = geladen[s.id]
        themas = {t.id: t.naam for t in cat.themas}
        for a in scan.antwoorden:
            if not a.verbeterpunt or not cat.heeft_standaard(a.standaard_id):
                continue
            st = cat.standaard(a.standaard_id)
            items.append(dict(
                team_id=str(s.team_id) if s.team_id is not None else f"scan-{s.id}",
                team_naam=s.team_naam, standaard_id=st.id, standaard_titel=st.titel,
                thema=themas.get(st.thema, st.thema), doelgroep=st.doelgroep.value,
                prioriteit=a.prioriteit.value if a.prioriteit is not None else None,
                toelichting="",  # the answers' free text stays in the zelfscan; the plan quotes none of it
            ))
    return items


def _gekozen_scans(ws: Workspace, p: PlanRij, alle: Sequence[ScanInfo] | None = None) -> list[ScanInfo]:
    """ScanInfo of the plan's scans, by team name. A chosen scan that was reopened later (a newer
    version exists) is no longer in the list of latest versions; it is still vastgesteld and is used."""
    from ghnt_desktop.services import zelfscan as zs

    if alle is None:
        alle = zs.scans(ws, gemeente_code=p.gemeente_code, status=_vastgesteld())
    per_id = {s.id: s for s in alle}
    gekozen: list[ScanInfo] = []
    for i in p.scan_ids:
        s = per_id.get(i)
        if s is None and hasattr(zs, "scan_info"):
            try:
                s = zs.scan_info(ws, i)
            except UserError:
                s = None
        if s is not None:
            gekozen.append(s)
    gekozen.sort(key=lambda s: (s.team_naam.casefold(), s.id))
    return gekozen


def verbeterpunten(ws: Workspace, plan_id: int) -> list[dp.GerangschiktVerbeterpunt]:
    """The verbeterpunten of the chosen scans, grouped per standard and ranked (most important first)."""
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    p = _laad(ws, plan_id)
    gekozen = _gekozen_scans(ws, p)
    return dp.rangschik_verbeterpunten(_verbeterpunt_items(gekozen, _laad_scans(ws, gekozen)))


def overzicht(ws: Workspace, plan_id: int, *, vandaag: date | None = None) -> dp.ActieOverzicht[ActieRij]:
    """Counts per status and the overdue actions (oldest deadline first)."""
    return dp.overzicht(acties(ws, plan_id), vandaag or date.today())


# --------------------------------------------------------------------------- datalab


@dataclass(frozen=True)
class DatalabStand:
    overzicht: dl.DatalabOverzicht | None
    melding: str = ""  # why there are no figures, in Dutch


def _vormen() -> list[str]:
    from ghnt_desktop.domain.meldcode_model import GeweldsVorm

    return [v.value for v in GeweldsVorm]


def vorm_label(code: str) -> str:
    from ghnt_desktop.domain.meldcode_model import GeweldsVorm

    try:
        return GeweldsVorm(code).label
    except ValueError:
        return code.replace("_", " ").capitalize()


def _bereken_datalab(ws: Workspace, p: PlanRij) -> DatalabStand:
    if not mag(ws.session.rollen, Actie.CIJFERS_INZIEN):
        return DatalabStand(None, "Je rol mag de cijfers van de meldcode niet inzien.")
    from ghnt_desktop.services import meldcode

    try:
        samenvattingen = meldcode.datalab_samenvattingen(ws, p.gemeente_code)
    except PermissionDenied:
        return DatalabStand(None, "Je rol mag de cijfers van de meldcode niet inzien.")
    overzicht_ = dl.bereken_datalab(samenvattingen, gemeente_code=p.gemeente_code, van=p.periode_van,
                                    tot=p.periode_tot, vormen=_vormen())
    return DatalabStand(secundair_onderdrukken(overzicht_))


MINSTENS_VIJF = "5 of meer"


def secundair_onderdrukken(o: dl.DatalabOverzicht) -> dl.DatalabOverzicht:
    """Secondary suppression for the printed plan (it leaves the app).

    The uitkomst table is a partition of the shown total, so the "<5" cells together equal the total
    minus the shown cells; with one such cell (or sums like 2 = 1 + 1) a reader could work it out. So when
    any uitkomst is "<5", the smallest other shown count is printed as "5 of meer" as well; when there
    is none, the total is. (The vorm table is no partition: a dossier may have several vormen.)
    """
    cellen = list(o.per_uitkomst)
    if o.totaal in (dl.ONDERDRUKT, "0") or not any(v == dl.ONDERDRUKT for _, v in cellen):
        return o
    zichtbaar = [(int(v), i) for i, (_, v) in enumerate(cellen) if v.isdigit() and v != "0"]
    if zichtbaar:
        i = min(zichtbaar)[1]
        cellen[i] = (cellen[i][0], MINSTENS_VIJF)
        return replace(o, per_uitkomst=tuple(cellen))
    return replace(o, totaal=MINSTENS_VIJF)


def _datalab_naar_dict(stand: DatalabStand) -> dict[str, object]:
    o = stand.overzicht
    if o is None:
        return {"melding": stand.melding}
    return {"gemeente_code": o.gemeente_code, "van": o.van.isoformat(), "tot": o.tot.isoformat(),
            "totaal": o.totaal, "per_vorm": [list(x) for x in o.per_vorm],
            "per_uitkomst": [list(x) for x in o.per_uitkomst], "met_besluit": o.met_besluit,
            "mediaan": o.mediaan_dagen_tot_besluit}


def _datalab_uit_dict(d: Mapping[str, Any]) -> DatalabStand:
    if "totaal" not in d:
        return DatalabStand(None, str(d.get("melding", "")))
    return DatalabStand(dl.DatalabOverzicht(
        gemeente_code=str(d["gemeente_code"]), van=date.fromisoformat(d["van"]), tot=date.fromisoformat(d["tot"]),
        totaal=str(d["totaal"]), per_vorm=tuple((str(a), str(b)) for a, b in d["per_vorm"]),
        per_uitkomst=tuple((str(a), str(b)) for a, b in d["per_uitkomst"]), met_besluit=str(d["met_besluit"]),
        mediaan_dagen_tot_besluit=str(d["mediaan"])))


def datalab(ws: Workspace, plan_id: int) -> DatalabStand | None:
    """The datalab figures for the plan (None when the plan has no datalab paragraph).

    A vastgesteld plan shows the figures frozen at vaststellen; a concept computes them now.
    """
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    p = _laad(ws, plan_id)
    return _datalab_van(ws, p)


def _datalab_van(ws: Workspace, p: PlanRij) -> DatalabStand | None:
    if not p.datalab:
        return None
    if p.datalab_bevroren:
        return _datalab_uit_dict(json.loads(p.datalab_bevroren))
    return _bereken_datalab(ws, p)


# --------------------------------------------------------------------------- report data


@dataclass(frozen=True)
class ThemaScore:
    thema_id: str
    naam: str
    percentage: int | None  # rounded % voldoet; None = nothing to score
    voldoet: int
    noemer: int
    weet_niet: int
    vorige_percentage: int | None = None


@dataclass(frozen=True)
class TeamUitslag:
    scan_id: int
    team_naam: str
    team_type: str  # label
    peildatum: date
    scan_versie: int
    catalogus: str  # "naam, versie ..."
    themas: tuple[ThemaScore, ...]
    totaal: int | None
    vorige_totaal: int | None = None
    vorige_peildatum: date | None = None
    veranderingen: tuple[tuple[str, int], ...] = ()  # (label, count) against the previous scan
    antwoorden: tuple[tuple[str, str | None], ...] = ()  # (standaard_id, answer code) — codes only, no free text


@dataclass(frozen=True)
class CatalogusGebruik:
    id: str
    naam: str
    versie: str
    officieel: bool
    opmerking: str = ""
    schaal: tuple[tuple[str, str], ...] = ()  # (code, label) of the answer options


@dataclass(frozen=True)
class PlanRapport:
    """Everything the PDF needs — aggregated and policy data only, never case content."""

    plan: PlanRij
    gemeente_naam: str
    regio: str  # Veilig Thuis region, "" when unknown
    centrumgemeente: str
    teams: tuple[TeamUitslag, ...]
    verbeterpunten: tuple[dp.GerangschiktVerbeterpunt, ...]
    acties: tuple[ActieRij, ...]
    overzicht: dp.ActieOverzicht[ActieRij]
    secties: tuple[PlanSectie, ...]
    thema_feiten: Mapping[str, str]  # thema_id -> generated sentence(s) about the scan results
    catalogi: tuple[CatalogusGebruik, ...]
    standaard_titels: Mapping[str, str]
    datalab: DatalabStand | None
    gemaakt_op: date
    versies: tuple[PlanRij, ...] = field(default=())
    regiovisie: Regiovisie | None = None  # actielijnen, numbering, regional sentences
    actienummers: Mapping[int, str] = field(default_factory=dict)  # action id -> printed number ("2A")


def _pct(t: Telling) -> int | None:
    return t.percentage_afgerond


def _team_uitslagen(ws: Workspace, scans: Sequence[ScanInfo], alle_scans: Sequence[ScanInfo],
                    geladen: _Geladen) -> tuple[
        list[TeamUitslag], list[CatalogusGebruik], dict[str, str], list[tuple[str, str]]]:
    from ghnt_desktop.domain import zelfscan as dz
    from ghnt_desktop.services import zelfscan as zs

    per_team: dict[int | None, list[ScanInfo]] = {}
    for s in alle_scans:
        per_team.setdefault(s.team_id, []).append(s)
    uitslagen: list[TeamUitslag] = []
    catalogi: dict[tuple[str, str], CatalogusGebruik] = {}
    titels: dict[str, str] = {}
    themas: dict[str, str] = {}
    for s in scans:
        scan, cat = geladen[s.id]
        catalogi.setdefault(cat.sleutel, CatalogusGebruik(
            cat.id, cat.naam, cat.versie, cat.officieel, cat.opmerking or "",
            tuple((o.code, o.label) for o in cat.antwoordschaal.opties)))
        for st in cat.standaarden:
            titels.setdefault(st.id, st.titel)
        for t in cat.themas_op_volgorde:
            themas.setdefault(t.id, t.naam)
        res = dz.resultaten(cat, scan.antwoorden)
        vorige = None
        if s.team_id is not None:
            eerder = [x for x in per_team.get(s.team_id, []) if x.peildatum < s.peildatum and x.id != s.id]
            if eerder:
                vorige = max(eerder, key=lambda x: (x.peildatum, x.id))
        vres = zs.resultaat(ws, vorige.id) if vorige is not None else None
        veranderingen: tuple[tuple[str, int], ...] = ()
        if vorige is not None:
            verg = zs.vergelijking_met_vorige(ws, s.id)
            if verg is not None:
                veranderingen = tuple((k.label, n) for k, n in verg.aantallen.items() if n)
        scores = []
        for tr in res.per_thema:
            vp = None
            if vres is not None:
                try:
                    vp = _pct(vres.thema(tr.thema.id).telling)
                except KeyError:
                    vp = None
            scores.append(ThemaScore(tr.thema.id, tr.thema.naam, _pct(tr.telling), tr.telling.voldoet,
                                     tr.telling.noemer, tr.telling.apart, vp))
        team_type = getattr(s.team_type, "label", None) or _team_type_label(str(s.team_type))
        uitslagen.append(TeamUitslag(
            scan_id=s.id, team_naam=s.team_naam, team_type=team_type, peildatum=s.peildatum,
            scan_versie=s.versie, catalogus=f"{cat.naam}, versie {cat.versie}", themas=tuple(scores),
            totaal=_pct(res.totaal), vorige_totaal=_pct(vres.totaal) if vres is not None else None,
            vorige_peildatum=vorige.peildatum if vorige is not None else None, veranderingen=veranderingen,
            antwoorden=tuple((a.standaard_id, a.code) for a in scan.antwoorden)))
    return uitslagen, list(catalogi.values()), titels, list(themas.items())


def _team_type_label(code: str) -> str:
    from ghnt_desktop.services.teams import TEAM_TYPES

    return TEAM_TYPES.get(code, code)


def _thema_feiten(teams: Sequence[TeamUitslag], punten: Sequence[dp.GerangschiktVerbeterpunt],
                  themas: Sequence[tuple[str, str]]) -> dict[str, str]:
    feiten: dict[str, str] = {}
    for thema_id, naam in themas:
        voldoet = noemer = 0
        per_team = []
        for t in teams:
            for sc in t.themas:
                if sc.thema_id == thema_id:
                    voldoet += sc.voldoet
                    noemer += sc.noemer
                    if sc.percentage is not None:
                        per_team.append(f"{t.team_naam} {sc.percentage}%")
        zinnen = []
        if noemer:
            pct = (voldoet * 200 + noemer) // (2 * noemer)
            zinnen.append(f"Samen voldoen de teams aan {pct}% van de standaarden in dit thema"
                          + (f" ({'; '.join(per_team)})." if len(per_team) > 1 else "."))
        else:
            zinnen.append("Voor dit thema is er nog geen score: de teams hebben hier geen standaard beoordeeld.")
        hier = [p for p in punten if p.thema == naam]
        if hier:
            lijst = "; ".join(f"{p.standaard_id} {p.standaard_titel}" for p in hier[:5])
            zinnen.append(f"Verbeterpunten: {lijst}.")
        else:
            zinnen.append("De teams noemen in dit thema geen verbeterpunten.")
        feiten[thema_id] = " ".join(zinnen)
    return feiten


def rapport(ws: Workspace, plan_id: int, *, vandaag: date | None = None) -> PlanRapport:
    """Collect everything for the printed plan (no audit; printing/exporting audits)."""
    from ghnt_desktop.content.gemeenten import regios_van, zoek_gemeente
    from ghnt_desktop.services import zelfscan as zs

    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    vandaag = vandaag or date.today()
    p = _laad(ws, plan_id)
    alle = list(zs.scans(ws, gemeente_code=p.gemeente_code, status=_vastgesteld()))
    gekozen = _gekozen_scans(ws, p, alle)
    geladen = _laad_scans(ws, gekozen)
    teams, catalogi, titels, themas = _team_uitslagen(ws, gekozen, alle, geladen)
    punten = dp.rangschik_verbeterpunten(_verbeterpunt_items(gekozen, geladen))
    lijst = repo.acties(ws.db, p.id)
    profiel = regiovisie(ws)
    from ghnt_desktop.domain.regiovisie import actienummers as nummeren

    regio = centrum = ""
    vt = regios_van(p.gemeente_code, regio_type="veilig_thuis")
    if vt:
        regio = vt[0].naam
        c = zoek_gemeente(vt[0].centrumgemeente)
        centrum = c.naam if c else vt[0].centrumgemeente
    return PlanRapport(
        plan=p, gemeente_naam=_gemeente_naam(p.gemeente_code), regio=regio, centrumgemeente=centrum,
        teams=tuple(teams), verbeterpunten=tuple(punten), acties=tuple(lijst),
        overzicht=dp.overzicht(lijst, vandaag), secties=tuple(secties(ws, p.id, themas=themas)),
        thema_feiten=_thema_feiten(teams, punten, themas), catalogi=tuple(catalogi), standaard_titels=titels,
        datalab=_datalab_van(ws, p), gemaakt_op=vandaag, versies=tuple(repo.versies(ws.db, p.reeks_id)),
        regiovisie=profiel, actienummers=nummeren(profiel, lijst),
    )


def controleer_export(ws: Workspace, plan_id: int, pad: Path) -> Path:
    """May the caller save this plan, and can a file be written at ``pad``? Checked before the PDF is built;
    returns the path with ``~`` expanded. Dutch errors otherwise."""
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    pad = Path(pad).expanduser()
    controleer_uitvoer(pad)
    return pad


def schrijf_pdf(ws: Workspace, plan_id: int, pad: Path, data: bytes) -> Path:
    """Write the plan's PDF (built by ``reporting.plan_pdf``) to ``pad`` atomically and audit
    ``plan_exporteren`` in the same transaction."""
    pad = controleer_export(ws, plan_id, pad)
    with ws.db.atomic():
        _schrijf(pad, data)
        ws.audit("plan_exporteren", "plan", plan_id)
    return pad


def controleer_uitvoer(pad: Path) -> None:
    """Refuse (in Dutch) an output path that is a folder, in a missing folder, or not writable."""
    if pad.is_dir():
        raise UserError(f"{pad} is een map. Geef een bestandsnaam op, bijvoorbeeld plan.pdf.")
    map_ = pad.parent
    if not map_.is_dir():
        raise UserError(f"De map {map_} bestaat niet. Kies een map die er al is.")
    if not os.access(map_, os.W_OK) or (pad.exists() and not os.access(pad, os.W_OK)):
        raise UserError(f"De app mag het bestand {pad} niet schrijven. Kies een andere map of naam.")


def _schrijf(pad: Path, data: bytes) -> None:
    """Atomic write with a Dutch message about the output file (not the data dir)."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".plan-", suffix=".pdf.tmp", dir=pad.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, pad)
        tmp = None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise UserError(f"De schijf is vol. Het plan is niet opgeslagen in {pad}.") from exc
        raise UserError(f"Het plan kan niet worden opgeslagen in {pad}. Kies een andere map of naam.") from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def registreer_afdrukken(ws: Workspace, plan_id: int) -> None:
    """Audit that the plan was sent to a printer."""
    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    _laad(ws, plan_id)
    ws.audit("plan_afdrukken", "plan", plan_id)


@dataclass(frozen=True)
class StandaardOptie:
    id: str
    titel: str
    thema: str  # theme name


def standaarden(ws: Workspace, plan_id: int) -> list[StandaardOptie]:
    """The standards of the chosen scans' catalogue(s), in catalogue order: to link actions to."""
    from ghnt_desktop.services import zelfscan as zs

    vereis(ws, Actie.PLAN_INZIEN, object_type="plan", object_id=plan_id)
    p = _laad(ws, plan_id)
    uit: dict[str, StandaardOptie] = {}
    for s in _gekozen_scans(ws, p):
        cat = zs.catalogus(ws, s.catalogus_id, s.catalogus_versie)
        themas = {t.id: t.naam for t in cat.themas}
        for st in cat.standaarden_op_volgorde:
            uit.setdefault(st.id, StandaardOptie(st.id, st.titel, themas.get(st.thema, st.thema)))
    return list(uit.values())
