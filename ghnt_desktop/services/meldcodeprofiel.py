"""The organisation's meldcode profile (Besluit verplichte meldcode art. 2 lid 1).

What an organisation sets once, as a beheerder, for everyone who works with the meldcode:

* **eindverantwoordelijke** for the decision whether to meld (art. 2 lid 1 sub b): the aandachtsfunctionaris
  (default), the teamleider (an account with ``Rol.MANAGER`` that is a member of the dossier's team), or named
  accounts. That person signs the decision in stap 5 (``services.meldcode.medeonderteken``);
* the **numbering** of the afwegingen: 1-2 in stap 4 and 3-5 in stap 5 (default), or all five in stap 5;
* the organisation's **own contacts**: overrides of and additions to the national defaults in
  ``resources/meldcode/contacten.json``. Stored in ``meldcode_contact`` (``db/008_meldcodeprofiel.sql``);
  every change is a new version with who and when, and is audited. Without an override the national
  default is shown;
* the organisation's **own meldcode**: a link (web address or file path) and/or its text.

The choices are workspace settings declared here with ``services.settings.registreer``. Reading is open to every
logged-in account (no case content); changing needs ``Actie.INSTELLINGEN_BEHEREN`` (beheerder).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ghnt_desktop.domain.roles import Actie, Rol
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import settings
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.services.settings import Setting, registreer
from ghnt_desktop.storage import meldcode_repo as repo
from ghnt_desktop.storage.workspace import Workspace

if TYPE_CHECKING:  # pragma: no cover
    from ghnt_desktop.content.meldcode_content import ContactenContent

__all__ = [
    "NUMMERINGEN", "NUMMERING_LABELS", "EV_SOORTEN", "EV_LABELS",
    "Eindverantwoordelijke", "EigenMeldcode", "Profiel", "ContactRegel", "ContactWijziging",
    "nummering", "afwegingen_stap_4", "afwegingen_stap_5", "eindverantwoordelijke", "eigen_meldcode", "profiel",
    "is_ingesteld", "bewaar_profiel", "kandidaat_accounts", "teams_zonder_teamleider",
    "contacten", "contact", "telefoon_van", "wijzig_contact", "herstel_landelijk", "voeg_contact_toe",
    "verwijder_contact", "contact_geschiedenis", "veilig_thuis_regios",
]

NUMMERINGEN = ("stap4_en_5", "alles_in_stap5")
NUMMERING_LABELS = {
    "stap4_en_5": "Afweging 1 en 2 in stap 4, afweging 3 tot en met 5 in stap 5",
    "alles_in_stap5": "Alle vijf de afwegingen in stap 5",
}
EV_SOORTEN = ("aandachtsfunctionaris", "teamleider", "accounts")
EV_LABELS = {
    "aandachtsfunctionaris": "De aandachtsfunctionaris van het team",
    "teamleider": "De teamleider van het team",
    "accounts": "Deze collega's (op naam)",
}

MAX_LINK = 2000
MAX_TEKST = 200_000
MAX_VELD = 500
#: Contacts an organisation may not replace: the emergency number is the same everywhere.
VAST = frozenset({"alarm_112"})


def _nummering_controle(value: Any) -> list[str]:
    return [] if value in NUMMERINGEN else ["Nummering van de afwegingen: kies een van de twee mogelijkheden."]


def _ev_controle(value: Any) -> list[str]:
    soort = value.get("soort")
    accounts = value.get("accounts", [])
    if soort not in EV_SOORTEN:
        return ["Eindverantwoordelijke: kies aandachtsfunctionaris, teamleider of collega's op naam."]
    if not isinstance(accounts, list) or not all(isinstance(a, str) and a for a in accounts):
        return ["Eindverantwoordelijke: de gekozen collega's kloppen niet."]
    if soort == "accounts" and not accounts:
        return ["Eindverantwoordelijke: kies minstens één collega."]
    return []


def _eigen_controle(value: Any) -> list[str]:
    link, tekst = value.get("link", ""), value.get("tekst", "")
    if not isinstance(link, str) or not isinstance(tekst, str):
        return ["Eigen meldcode: deze waarde past niet."]
    uit = []
    if len(link) > MAX_LINK:
        uit.append(f"Eigen meldcode: de link is te lang (hoogstens {MAX_LINK} tekens).")
    if len(tekst) > MAX_TEKST:
        uit.append("Eigen meldcode: de tekst is te lang. Zet de meldcode in een bestand en geef de link.")
    return uit


NUMMERING = registreer(Setting(
    "meldcode_nummering", str, "stap4_en_5", label="Nummering van de afwegingen",
    uitleg="In welke stap beantwoord je de afwegingen? Dat verschilt per beroepsgroep. Kies wat in de meldcode van "
           "jullie organisatie staat.", controle=_nummering_controle))
EINDVERANTWOORDELIJKE = registreer(Setting(
    "meldcode_eindverantwoordelijke", dict, {"soort": "aandachtsfunctionaris", "accounts": []},
    label="Eindverantwoordelijke voor het besluit over melden",
    uitleg="Wie is eindverantwoordelijk voor het besluit om wel of niet te melden? Die persoon ondertekent het "
           "besluit in stap 5.", controle=_ev_controle))
EIGEN_MELDCODE = registreer(Setting(
    "meldcode_eigen_meldcode", dict, {"link": "", "tekst": ""}, label="Onze meldcode",
    uitleg="Een link naar de meldcode van jullie organisatie (webadres of bestand), of de tekst zelf.",
    controle=_eigen_controle))
INGESTELD = registreer(Setting(
    "meldcode_profiel_ingesteld", str, "", label="Meldcodeprofiel ingesteld op",
    uitleg="Wanneer een beheerder het meldcodeprofiel voor het eerst heeft opgeslagen."))


# --------------------------------------------------------------------------- the choices

@dataclass(frozen=True)
class Eindverantwoordelijke:
    soort: str  # one of EV_SOORTEN
    accounts: tuple[str, ...] = ()  # account ids when soort == "accounts"

    @property
    def label(self) -> str:
        return EV_LABELS[self.soort]


@dataclass(frozen=True)
class EigenMeldcode:
    link: str = ""
    tekst: str = ""

    @property
    def leeg(self) -> bool:
        return not (self.link.strip() or self.tekst.strip())


@dataclass(frozen=True)
class Profiel:
    nummering: str
    eindverantwoordelijke: Eindverantwoordelijke
    eigen_meldcode: EigenMeldcode


def nummering(ws: Workspace) -> str:
    waarde: str = settings.haal(ws, NUMMERING.key)  # a str setting (NUMMERING)
    return waarde


def afwegingen_stap_4(ws: Workspace) -> tuple[int, ...]:
    """The afwegingen answered in stap 4 (``()`` when all five sit in stap 5)."""
    return (1, 2) if nummering(ws) == "stap4_en_5" else ()


def afwegingen_stap_5(ws: Workspace) -> tuple[int, ...]:
    stap4 = afwegingen_stap_4(ws)
    return tuple(n for n in (1, 2, 3, 4, 5) if n not in stap4)


def eindverantwoordelijke(ws: Workspace) -> Eindverantwoordelijke:
    v = settings.haal(ws, EINDVERANTWOORDELIJKE.key)
    return Eindverantwoordelijke(v["soort"], tuple(v.get("accounts", ())) if v["soort"] == "accounts" else ())


def eigen_meldcode(ws: Workspace) -> EigenMeldcode:
    v = settings.haal(ws, EIGEN_MELDCODE.key)
    return EigenMeldcode(v.get("link", ""), v.get("tekst", ""))


def profiel(ws: Workspace) -> Profiel:
    return Profiel(nummering(ws), eindverantwoordelijke(ws), eigen_meldcode(ws))


def is_ingesteld(ws: Workspace) -> bool:
    """True once a beheerder saved the profile at least once (for the "Aan de slag" checklist)."""
    return bool(settings.haal(ws, INGESTELD.key))


def kandidaat_accounts(ws: Workspace) -> list[tuple[str, str]]:
    """(account id, naam) of the active accounts that can be named eindverantwoordelijke (not the beheer-only ones)."""
    return [(r[0], r[1]) for r in ws.db.conn.execute(
        "SELECT DISTINCT a.id, a.naam FROM account a JOIN account_rol r ON r.account_id = a.id"
        " WHERE a.actief = 1 AND r.rol IN (?, ?, ?) ORDER BY a.naam COLLATE NOCASE",
        [Rol.PROFESSIONAL.value, Rol.AANDACHTSFUNCTIONARIS.value, Rol.MANAGER.value])]


def teams_zonder_teamleider(ws: Workspace) -> list[str]:
    """Names of active teams without an active teamleider (manager) member: nobody could sign there."""
    return [r[0] for r in ws.db.conn.execute(
        "SELECT t.naam FROM team t WHERE t.actief = 1 AND NOT EXISTS (SELECT 1 FROM account_team at"
        " JOIN account a ON a.id = at.account_id AND a.actief = 1"
        " JOIN account_rol r ON r.account_id = a.id AND r.rol = 'manager' WHERE at.team_id = t.id)"
        " ORDER BY t.naam COLLATE NOCASE")]


def _nu() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def bewaar_profiel(ws: Workspace, *, nummering: str, eindverantwoordelijke: Eindverantwoordelijke,
                   eigen_meldcode: EigenMeldcode) -> None:
    """Save the three choices at once (beheerder only): every problem is reported together, nothing is saved
    when one is wrong; one transaction with the audit entries."""
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="instelling", object_id="meldcodeprofiel")
    ev = {"soort": eindverantwoordelijke.soort,
          "accounts": list(dict.fromkeys(eindverantwoordelijke.accounts)) if eindverantwoordelijke.soort == "accounts"
          else []}
    eigen = {"link": (eigen_meldcode.link or "").strip(), "tekst": (eigen_meldcode.tekst or "").strip()}
    problemen = (NUMMERING.problemen(nummering) + EINDVERANTWOORDELIJKE.problemen(ev)
                 + EIGEN_MELDCODE.problemen(eigen))
    if ev["soort"] == "accounts" and not EINDVERANTWOORDELIJKE.problemen(ev):
        bekend = dict(kandidaat_accounts(ws))
        if any(a not in bekend for a in ev["accounts"]):
            problemen.append("Eindverantwoordelijke: een gekozen collega bestaat niet (meer) of is niet actief.")
    if problemen:
        raise ValidationError("Het meldcodeprofiel is niet opgeslagen.", details=problemen)
    with ws.db.atomic():
        settings.zet(ws, NUMMERING.key, nummering)
        settings.zet(ws, EINDVERANTWOORDELIJKE.key, ev)
        settings.zet(ws, EIGEN_MELDCODE.key, eigen)
        if not is_ingesteld(ws):
            settings.zet(ws, INGESTELD.key, _nu())
        ws.audit("meldcodeprofiel_opslaan", "instelling", "meldcodeprofiel")


# --------------------------------------------------------------------------- contacts

@dataclass(frozen=True)
class ContactRegel:
    """One contact as the app shows it: the organisation's own value where set, else the national default."""

    id: str
    naam: str
    telefoon: str | None
    website: str | None
    bereikbaar: str
    wanneer: str
    anoniem_advies: bool
    geverifieerd: bool  # of the national default; an own value counts as the organisation's responsibility
    regionaal: bool  # the national file asks the organisation to fill this in
    herkomst: str  # "landelijk" | "eigen" (override) | "aanvulling" (added by the organisation)
    landelijk: Any | None  # the content.meldcode_content.Contact, None for an addition
    versie: int = 0  # the organisation's version (0: never changed)
    gewijzigd_door: str = ""
    gewijzigd_op: str = ""

    @property
    def eigen(self) -> bool:
        return self.herkomst != "landelijk"

    @property
    def aanpasbaar(self) -> bool:
        return self.id not in VAST


@dataclass(frozen=True)
class ContactWijziging:
    versie: int
    naam: str
    telefoon: str | None
    website: str | None
    bereikbaar: str
    wanneer: str
    terug_naar_landelijk: bool
    door: str
    op: str


def _landelijk() -> ContactenContent:
    from ghnt_desktop.content.meldcode_content import laad_contacten

    return laad_contacten()


def contacten(ws: Workspace) -> list[ContactRegel]:
    """The national contacts in file order (own value where set), then the organisation's additions."""
    eigen = repo.huidige_contacten(ws.db)
    namen = repo.account_namen(ws.db, (v.door for v in eigen.values()))
    uit: list[ContactRegel] = []
    for k in _landelijk().contacten:
        v = eigen.get(k.id)
        if v is not None and not v.verwijderd and k.id not in VAST:
            uit.append(ContactRegel(k.id, v.naam or k.naam, v.telefoon, v.website, v.bereikbaar or k.bereikbaar,
                                    v.wanneer or k.wanneer, k.anoniem_advies, k.geverifieerd, k.regionaal, "eigen", k,
                                    v.versie, namen.get(v.door, ""), v.op))
        else:
            uit.append(ContactRegel(k.id, k.naam, k.telefoon, k.website, k.bereikbaar, k.wanneer, k.anoniem_advies,
                                    k.geverifieerd, k.regionaal, "landelijk", k, v.versie if v else 0,
                                    namen.get(v.door, "") if v else "", v.op if v else ""))
    landelijke_ids = {k.id for k in _landelijk().contacten}
    for cid, v in eigen.items():
        if cid in landelijke_ids or v.verwijderd:
            continue
        uit.append(ContactRegel(cid, v.naam, v.telefoon, v.website, v.bereikbaar, v.wanneer, False, False, False,
                                "aanvulling", None, v.versie, namen.get(v.door, ""), v.op))
    return uit


def contact(ws: Workspace, contact_id: str) -> ContactRegel:
    for c in contacten(ws):
        if c.id == contact_id:
            return c
    raise UserError("Dit contact bestaat niet (meer).")


def telefoon_van(ws: Workspace | None, contact_id: str, standaard: str) -> tuple[str, bool]:
    """(phone number, is it the organisation's own) for the acute panel; the national number without a workspace."""
    if ws is None or contact_id in VAST:
        return standaard, False
    try:
        c = contact(ws, contact_id)
    except (UserError, LookupError):
        return standaard, False
    if c.herkomst == "eigen" and c.telefoon:
        return c.telefoon, True
    return standaard, False


def _schoon(waarde: str | None) -> str | None:
    waarde = (waarde or "").strip()
    return waarde or None


def _controleer(naam: str, telefoon: str | None, website: str | None, bereikbaar: str, wanneer: str) -> list[str]:
    problemen = []
    if not naam.strip():
        problemen.append("naam: vul de naam van het contact in.")
    if telefoon is None and website is None:
        problemen.append("telefoon: vul een telefoonnummer of een website in.")
    if telefoon is not None and not all(ch.isdigit() or ch in " -+()" for ch in telefoon):
        problemen.append("telefoon: gebruik alleen cijfers, spaties, +, - en haakjes.")
    if telefoon is not None and sum(ch.isdigit() for ch in telefoon) < 3:
        problemen.append("telefoon: dit nummer is te kort.")
    for veld, waarde in (("naam", naam), ("telefoon", telefoon or ""), ("website", website or ""),
                         ("bereikbaar", bereikbaar), ("wanneer", wanneer)):
        if len(waarde) > MAX_VELD:
            problemen.append(f"{veld}: gebruik hoogstens {MAX_VELD} tekens.")
    return problemen


def _bewaar(ws: Workspace, contact_id: str, *, naam: str, telefoon: str | None, website: str | None,
            bereikbaar: str, wanneer: str, verwijderd: bool, resultaat: str) -> int:
    with ws.db.atomic():
        versie = repo.bewaar_contact_versie(ws.db, contact_id, naam=naam, telefoon=telefoon, website=website,
                                            bereikbaar=bereikbaar, wanneer=wanneer, verwijderd=verwijderd,
                                            door=ws.session.account_id, op=_nu())
        ws.audit("meldcode_contact_wijzigen", "meldcode_contact", contact_id, resultaat=resultaat)
    return versie


def wijzig_contact(ws: Workspace, contact_id: str, *, naam: str | None = None, telefoon: str | None = None,
                   website: str | None = None, bereikbaar: str = "", wanneer: str = "") -> int:
    """The organisation's own value for a contact (a national one or an addition): a new version. Returns it."""
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="meldcode_contact", object_id=contact_id)
    huidig = contact(ws, contact_id)
    if not huidig.aanpasbaar:
        raise UserError("Het alarmnummer 112 is overal hetzelfde en kun je niet aanpassen.")
    naam = (naam if naam is not None else huidig.naam).strip()
    telefoon, website = _schoon(telefoon), _schoon(website)
    problemen = _controleer(naam, telefoon, website, bereikbaar, wanneer)
    if problemen:
        raise ValidationError("Het contact is niet opgeslagen.", details=problemen)
    return _bewaar(ws, contact_id, naam=naam, telefoon=telefoon, website=website, bereikbaar=bereikbaar.strip(),
                   wanneer=wanneer.strip(), verwijderd=False, resultaat="eigen_waarde")


def herstel_landelijk(ws: Workspace, contact_id: str) -> int:
    """Back to the national default for a national contact (a new version; the history keeps the old values)."""
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="meldcode_contact", object_id=contact_id)
    huidig = contact(ws, contact_id)
    if huidig.herkomst == "aanvulling":
        raise UserError("Dit is een eigen contact zonder landelijke gegevens. Verwijder het als het niet meer klopt.")
    if huidig.herkomst == "landelijk":
        raise UserError("Voor dit contact gelden al de landelijke gegevens.")
    return _bewaar(ws, contact_id, naam="", telefoon=None, website=None, bereikbaar="", wanneer="", verwijderd=True,
                   resultaat="landelijk")


def voeg_contact_toe(ws: Workspace, *, naam: str, telefoon: str | None = None, website: str | None = None,
                     bereikbaar: str = "", wanneer: str = "") -> str:
    """A contact of the organisation's own (a regional expert, for example). Returns its id."""
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="meldcode_contact")
    telefoon, website = _schoon(telefoon), _schoon(website)
    problemen = _controleer(naam, telefoon, website, bereikbaar, wanneer)
    if problemen:
        raise ValidationError("Het contact is niet toegevoegd.", details=problemen)
    contact_id = f"eigen-{uuid.uuid4().hex[:12]}"
    _bewaar(ws, contact_id, naam=naam.strip(), telefoon=telefoon, website=website, bereikbaar=bereikbaar.strip(),
            wanneer=wanneer.strip(), verwijderd=False, resultaat="toegevoegd")
    return contact_id


def verwijder_contact(ws: Workspace, contact_id: str) -> int:
    """Remove an addition (a new version marked removed; the history keeps it)."""
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="meldcode_contact", object_id=contact_id)
    huidig = contact(ws, contact_id)
    if huidig.herkomst != "aanvulling":
        raise UserError("Een landelijk contact kun je niet verwijderen. Zet de landelijke gegevens terug.")
    return _bewaar(ws, contact_id, naam=huidig.naam, telefoon=None, website=None, bereikbaar="", wanneer="",
                   verwijderd=True, resultaat="verwijderd")


def contact_geschiedenis(ws: Workspace, contact_id: str) -> list[ContactWijziging]:
    """Every version of the organisation's value for a contact, oldest first, with who and when."""
    versies = repo.contact_versies(ws.db, contact_id)
    namen = repo.account_namen(ws.db, (v.door for v in versies))
    return [ContactWijziging(v.versie, v.naam, v.telefoon, v.website, v.bereikbaar, v.wanneer, v.verwijderd,
                             namen.get(v.door, ""), v.op) for v in versies]


def veilig_thuis_regios(ws: Workspace) -> list[tuple[Any, tuple[str, ...]]]:
    """(VT region, names of this workspace's gemeenten in it) for the gemeenten of the workspace."""
    from ghnt_desktop.content.gemeenten import laad_veilig_thuis_regios

    regios = laad_veilig_thuis_regios()
    uit: dict[str, tuple[Any, list[str]]] = {}
    for code, naam in ws.gemeenten():
        r = regios.regio_van(code)
        if r is not None:
            uit.setdefault(r.code, (r, []))[1].append(naam)
    return [(r, tuple(namen)) for r, namen in uit.values()]
