"""PDF build time of the plan van aanpak for a large gemeente.

Builds its own fictitious dataset in a temporary workspace: one gemeente served by 10 teams, each
with two vastgestelde zelfscans (a year apart, so every team has a trend), a datalab paragraph and
60 actions (all fields filled, some overdue, progress notes on half of them). Then builds the PDF
``--runs`` times (after one warm-up that also pays the reportlab import) and prints the median.

What is timed: ``reporting.plan_pdf.pdf_bytes`` — collecting the data from the encrypted workspace (zelfscans,
results, trends, ranking, actions, datalab) *and* laying out the PDF. The median is wall-clock time; the
process CPU time is printed too, because other load on the machine inflates the wall clock.

    python benchmarks/plan_pdf.py [--runs 7]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GEMEENTE = ("GM0546", "Leiden")
TEAMS = 10
ACTIES = 60


def _scan(ws, team_id: int, peildatum: date, seed: int) -> int:
    from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, Prioriteit, ScanStatus
    from ghnt_desktop.services import zelfscan as zs

    codes = ("V", "D", "N", "V", "O", "D", "N", "V", "NVT")
    prios = (Prioriteit.HOOG, Prioriteit.MIDDEN, Prioriteit.LAAG, None)
    scan_id = zs.maak_scan(ws, team_id=team_id, peildatum=peildatum, deelnemers=[Deelnemer(DeelnemerRol.TEAMLEIDER)])
    _, cat = zs.laad_scan(ws, scan_id)
    for i, st in enumerate(cat.standaarden_op_volgorde):
        code = codes[(i * 7 + seed) % len(codes)]
        verbeterpunt = code in ("D", "N")
        zs.bewaar_antwoord(ws, scan_id, Antwoord(
            st.id, code, toelichting="Besproken in het teamoverleg.", verbeterpunt=verbeterpunt,
            prioriteit=prios[(i + seed) % len(prios)] if verbeterpunt else None))
    zs.zet_status(ws, scan_id, ScanStatus.INGEVULD)
    zs.zet_status(ws, scan_id, ScanStatus.VASTGESTELD, vastgesteld_op=peildatum)
    return scan_id


def build_dataset(data_dir: Path) -> tuple[object, int]:
    from ghnt_desktop.domain.plan import ActieStatus
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services import plan as ps
    from ghnt_desktop.services import teams
    from ghnt_desktop.services.setup import create_workspace

    ws = create_workspace(data_dir, organisatie="Benchmark (fictief)", gemeenten=[GEMEENTE], login="manager",
                          naam="Bench Manager", passphrase="benchmark wachtzin lang genoeg 42", check_passphrase=False,
                          rollen=frozenset({Rol.MANAGER}))
    vandaag = date.today()
    for t in range(TEAMS):
        tid = teams.maak_team(ws, f"Wijkteam Leiden {t + 1:02d} – ĳsselkwartier", "wijkteam", [GEMEENTE[0]])
        _scan(ws, tid, vandaag - timedelta(days=400), seed=t)
        _scan(ws, tid, vandaag - timedelta(days=30), seed=t + 3)
    plan_id = ps.maak_plan(ws, GEMEENTE[0], datalab=True)
    standaarden = [s.id for s in ps.standaarden(ws, plan_id)]
    statussen = list(ActieStatus)
    lijnen = list(ps.regiovisie(ws).codes)
    for i in range(ACTIES):
        actie_id = ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(
            omschrijving=f"Actie {i + 1}: training en werkafspraken rond veiligheid voor alle teams in de wijk, "
                         "met terugkoppeling aan de gemeente en de aandachtsfunctionarissen.",
            standaard_ids=(standaarden[i % len(standaarden)], standaarden[(i * 5) % len(standaarden)]),
            thema="Signaleren en melden", actielijn=lijnen[i % len(lijnen)],
            eigenaar=f"Teamleider wijkteam {i % TEAMS + 1}", partners="Veilig Thuis, GGD, jeugdarts, politie",
            start=vandaag - timedelta(days=200 - i), deadline=vandaag + timedelta(days=i * 7 - 120),
            budget=f"€ {1000 + i * 250}", capaciteit="8 uur per maand", beoogd_resultaat=(
                "Alle professionals kennen de meldcode en gebruiken het afwegingskader bij elke zorg."),
            indicator="90% van de professionals is getraind", status=statussen[i % len(statussen)]))
        if i % 2 == 0:
            ps.voeg_voortgang_toe(ws, actie_id, vandaag - timedelta(days=10), "Eerste bijeenkomst gehouden; "
                                  "volgende staat gepland.")
    return ws, plan_id


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    runs = max(5, args.runs)
    from ghnt_desktop.reporting import plan_pdf

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        ws, plan_id = build_dataset(Path(tmp) / "data")
        opzet = time.perf_counter() - t0
        try:
            plan_pdf.pdf_bytes(ws, plan_id)  # warm-up (reportlab import, font registration)
            tijden, cpu, paginas, grootte = [], [], 0, 0
            for _ in range(runs):
                t, c = time.perf_counter(), time.process_time()
                data = plan_pdf.pdf_bytes(ws, plan_id)
                tijden.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
                grootte = len(data)
            paginas = data.count(b"/Type /Page\n") or data.count(b"/Type /Page")
        finally:
            ws.close()
    print(f"dataset: {TEAMS} teams x 2 zelfscans, {ACTIES} acties (opzet {opzet:.1f} s)")
    print(f"pdf: {grootte // 1024} KiB, ongeveer {paginas} pagina's")
    print(f"runs (wall): {', '.join(f'{t * 1000:.0f}' for t in tijden)} ms")
    print(f"median cpu: {statistics.median(cpu) * 1000:.0f} ms (less sensitive to other load on the machine)")
    print(f"median: {statistics.median(tijden) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
