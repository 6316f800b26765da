"""Scale: the meldcode dossier list with 100,000 fictitious dossiers, and one autosave.

Fills a new encrypted workspace (real schema, real SQLCipher file, real key derivation) with
``--aantal`` dossiers, each with a header record, 1-3 signals, one or two forms of violence and
sometimes an added colleague. The fill writes straight into the tables (bulk insert); everything
measured goes through the service layer (``ghnt_desktop.services.meldcode``):

* open:    ``aantal(DossierFilter()) + lijst(limit=100)``
* filter:  the same with status + vorm + gemeente
* search:  the same with ``zoek`` (substring of the client reference)
* deep:    ``lijst(offset=5000, limit=100)`` (scrolling far down)
* autosave: ``bewaar_concept`` (one committed write, WAL + synchronous=FULL), median and p95

for an aandachtsfunctionaris (team scope: most dossiers) and for a professional (own dossiers).
The first ("cold") figure is right after unlocking, the others the median of ``--herhalingen`` runs.
Counts are remembered until the next change, so a draft is saved (untimed) before every run:
each run really counts again. "ver scrollen" is ``lijst`` alone (the count is known by then).
Prints figures; no assertions. Aim: under 100 ms each.

    python benchmarks/dossiers.py [--aantal 100000] [--herhalingen 7] [--autosaves 300] [--data-dir DIR]
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ghnt_desktop.domain import meldcode as dm  # noqa: E402
from ghnt_desktop.domain.roles import Rol  # noqa: E402

PASSPHRASE = "groene molen fiets appel 2026"
GEMEENTEN = [("GM0385", "Edam-Volendam"), ("GM0415", "Landsmeer"), ("GM0431", "Oostzaan"), ("GM0439", "Purmerend"),
             ("GM0852", "Waterland"), ("GM0880", "Wormerland"), ("GM0479", "Zaanstad")]
TEAMS = 5
COLLEGA_S = 60
TEKSTEN = [
    "Bij het huisbezoek zag ik een blauwe plek op de bovenarm van het kind.",
    "De buurvrouw hoorde 's avonds geschreeuw en gebonk uit de woning.",
    "Mevrouw vertelt dat haar partner haar telefoon en bankpas controleert.",
    "Het kind kwam drie keer zonder ontbijt en in dezelfde kleren naar school.",
    "De thuiszorg ziet dat de koelkast van mevrouw vaak leeg is.",
]


def _ms(seconden: float) -> float:
    return seconden * 1000


def fill(ws, n: int, *, seed: int = 2026) -> dict:
    """Bulk insert ``n`` dossiers into the real schema. Returns some facts about the fill."""
    from ghnt_desktop.storage import meldcode_repo as repo
    from ghnt_desktop.storage.workspace import now_iso

    rnd = random.Random(seed)
    c = ws.db.conn
    me = ws.session.account_id
    collegas = [str(uuid.uuid4()) for _ in range(COLLEGA_S)]
    vormen = [v.value for v in dm.GeweldsVorm]
    nu = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    with ws.db.atomic():
        team_ids = []
        for t in range(TEAMS):
            cur = c.execute("INSERT INTO team (naam, type) VALUES (?, 'wijkteam')", [f"Benchmarkteam {t + 1}"])
            team_ids.append(int(cur.lastrowid))
            c.execute("INSERT INTO team_gemeente (team_id, cbs_code) VALUES (?, ?)",
                      [team_ids[-1], GEMEENTEN[t % len(GEMEENTEN)][0]])
        for t in team_ids[:4]:  # the benchmark account is aandachtsfunctionaris of 4 of the 5 teams
            c.execute("INSERT INTO account_team (account_id, team_id) VALUES (?, ?)", [me, t])
        for i, a in enumerate(collegas):
            c.execute("INSERT INTO account (id, login, naam, actief, aangemaakt_op) VALUES (?, ?, ?, 1, ?)",
                      [a, f"collega{i}", f"Collega {i} (fictief)", now_iso()])
            c.execute("INSERT INTO account_rol (account_id, rol) VALUES (?, 'professional')", [a])
        dossiers, vorm_rows, records, links = [], [], [], []
        record_id = 0
        for i in range(1, n + 1):
            eigenaar = me if i % 250 == 0 else rnd.choice(collegas)
            gemeente = rnd.choice(GEMEENTEN)[0]
            team = rnd.choice(team_ids)
            open_ = rnd.random() < 0.6
            stap = rnd.randint(1, 5)
            if open_:  # open dossiers: opened in the last half year, something recorded in the last ~2 months
                geopend = nu - timedelta(days=rnd.randint(60, 180))
                laatst = nu - timedelta(days=rnd.randint(0, 60), seconds=rnd.randint(0, 86400))
            else:  # closed: anywhere in the last three years
                geopend = nu - timedelta(days=rnd.randint(60, 3 * 365))
                laatst = geopend + timedelta(days=rnd.randint(0, 59), seconds=rnd.randint(0, 86400))
            activiteit = repo.nu_iso(laatst)
            ref = f"ZW-{geopend.year}-{i:06d}"
            dossiers.append((i, ref, gemeente, team, eigenaar, None, "open" if open_ else "afgesloten", stap, 1,
                             geopend.date().isoformat(), None if open_ else activiteit[:10], repo.nu_iso(geopend),
                             activiteit))
            mijn_vormen = sorted(set(rnd.sample(vormen, rnd.choice((1, 1, 2)))))
            vorm_rows += [(i, v) for v in mijn_vormen]
            record_id += 1
            records.append((record_id, i, "kop", 1, repo.dumps({
                "client_referentie": ref, "gemeente_code": gemeente, "vormen": mijn_vormen,
                "aandachtsfunctionaris_id": None, "team_id": team, "eigenaar_id": eigenaar}), eigenaar, activiteit))
            for _ in range(rnd.randint(1, 3)):
                record_id += 1
                s = dm.Signaal(omschrijving=rnd.choice(TEKSTEN), datum_waargenomen=geopend.date(),
                               datum_vastgelegd=geopend.date(), auteur="Collega (fictief)")
                records.append((record_id, i, "signaal", 1, repo.dumps(repo.record_naar_dict(s)), eigenaar,
                                activiteit))
            if rnd.random() < 0.02:
                links.append((i, me if rnd.random() < 0.3 else rnd.choice(collegas), eigenaar, activiteit))
        c.executemany(
            "INSERT INTO meldcode_dossier (id, client_referentie, gemeente_code, team_id, eigenaar_id,"
            " aandachtsfunctionaris_id, status, huidige_stap, ronde, geopend_op, afgesloten_op, aangemaakt_op,"
            " laatste_activiteit) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", dossiers)
        c.executemany("INSERT INTO meldcode_dossier_vorm (dossier_id, vorm) VALUES (?, ?)", vorm_rows)
        c.executemany("INSERT INTO meldcode_record (id, dossier_id, soort, ronde, data, auteur_id, tijdstip)"
                      " VALUES (?,?,?,?,?,?,?)", records)
        c.executemany("INSERT OR IGNORE INTO meldcode_dossier_account (dossier_id, account_id, toegevoegd_door,"
                      " toegevoegd_op) VALUES (?,?,?,?)", links)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"seconden": time.perf_counter() - t0, "records": len(records), "team_ids": team_ids}


def meet(fn, herhalingen: int, voor=None) -> tuple[float, float, object]:
    """(cold ms, median ms of the following runs, last result). ``voor`` runs untimed before each run."""
    if voor:
        voor()
    t = time.perf_counter()
    uit = fn()
    koud = _ms(time.perf_counter() - t)
    tijden = []
    for _ in range(herhalingen):
        if voor:
            voor()
        t = time.perf_counter()
        uit = fn()
        tijden.append(_ms(time.perf_counter() - t))
    return koud, statistics.median(tijden), uit


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aantal", type=int, default=100_000)
    ap.add_argument("--herhalingen", type=int, default=7)
    ap.add_argument("--autosaves", type=int, default=300)
    ap.add_argument("--data-dir", type=Path, help="empty dir for the workspace (default: a temporary dir)")
    args = ap.parse_args()

    from ghnt_desktop.services import meldcode as mc
    from ghnt_desktop.services.login import login
    from ghnt_desktop.services.setup import create_workspace

    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="ghnt-bench-")
        data_dir = Path(tmp.name) / "werkruimte"
    else:
        data_dir = args.data_dir
    try:
        ws = create_workspace(data_dir, organisatie="Benchmark (fictief)", gemeenten=GEMEENTEN, login="bench",
                              naam="Benchmark AF", passphrase=PASSPHRASE,
                              rollen=frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}))
        info = fill(ws, args.aantal)
        ws.close()
        grootte = sum(p.stat().st_size for p in data_dir.iterdir() if p.is_file()) / 1e6
        print(f"Gevuld: {args.aantal:,} dossiers, {info['records']:,} records in {info['seconden']:.1f} s "
              f"(database {grootte:.0f} MB, versleuteld)".replace(",", "."))

        ws = login(data_dir, "bench", PASSPHRASE)  # fresh connection: cold page cache, as after start-up
        try:
            af = ws.session
            prof = dataclasses.replace(af, rollen=frozenset({Rol.PROFESSIONAL}))
            filt = mc.DossierFilter(status=dm.DossierStatus.OPEN, vorm=dm.GeweldsVorm.PARTNERGEWELD,
                                    gemeente_code="GM0479")
            zoek = mc.DossierFilter(zoek="0147")
            # Counts are remembered until the next change; a draft save in between makes every run count again.
            wijzig = lambda: mc.bewaar_concept(ws, None, "benchmark.tussendoor", {"n": time.time()})  # noqa: E731
            regels = []
            for naam, sessie in (("aandachtsfunctionaris (teamscope)", af), ("professional (eigen dossiers)", prof)):
                ws.session = sessie
                for label, f in (("openen", mc.DossierFilter()), ("filteren", filt), ("zoeken", zoek)):
                    koud, warm, (n, rijen) = meet(lambda f=f: (mc.aantal(ws, f), mc.lijst(ws, f, limit=100)),
                                                  args.herhalingen, wijzig)
                    regels.append((naam, f"{label} (aantal + eerste 100)", koud, warm,
                                   f"{n} gevonden, {len(rijen)} rijen"))
                koud, warm, rijen = meet(lambda: mc.lijst(ws, mc.DossierFilter(), offset=5000, limit=100),
                                         args.herhalingen, wijzig)
                regels.append((naam, "ver scrollen (offset 5000)", koud, warm, f"{len(rijen)} rijen"))
            ws.session = af
            dossier_id = mc.lijst(ws, mc.DossierFilter(), limit=1)[0].id
            koud, warm, _ = meet(lambda: mc.laad(ws, dossier_id), args.herhalingen)
            regels.append(("aandachtsfunctionaris (teamscope)", "één dossier laden", koud, warm, ""))
            koud, warm, punten = meet(lambda: mc.aandachtspunten(ws, date.today()), 3)
            regels.append(("aandachtsfunctionaris (teamscope)", "aandachtspunten (alle open)", koud, warm,
                           f"{len(punten)} punten"))

            print()
            print(f"{'wie':36} {'wat':34} {'eerste':>9} {'mediaan':>9}")
            for naam, wat, koud, warm, extra in regels:
                print(f"{naam:36} {wat:34} {koud:7.1f} ms {warm:7.1f} ms   {extra}")

            tijden = []
            tekst = "Bij het huisbezoek zag ik " + "iets dat ik wil vastleggen, " * 40
            for i in range(args.autosaves):
                inhoud = {"omschrijving": tekst[: 200 + (i * 37) % 1000], "datum_waargenomen": "2026-11-22",
                          "herkomst": "eigen_waarneming"}
                t = time.perf_counter()
                mc.bewaar_concept(ws, dossier_id, "signaal.nieuw", inhoud)
                tijden.append(_ms(time.perf_counter() - t))
            tijden.sort()
            p95 = tijden[min(len(tijden) - 1, int(round(0.95 * len(tijden))) - 1)]
            print()
            print(f"autosave (bewaar_concept, {args.autosaves}x, elk apart vastgelegd): "
                  f"mediaan {statistics.median(tijden):.1f} ms, p95 {p95:.1f} ms, max {tijden[-1]:.1f} ms")
        finally:
            ws.close()
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
