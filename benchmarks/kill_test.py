"""Kill test ("Never lose work"): type into the real app and SIGKILL it at random moments, N times.

Each iteration starts ``tests/soak/driver.py`` (the real main window, offscreen) on a demo workspace; it
types into the signal form of a dossier (autosaved as a draft) and into a zelfscan toelichting (autosaved
as the answer), switches screens, adds signals, and is killed with SIGKILL 0.2-2.5 s after it is ready
(15% of the kills fall in start-up, unlock and the recovery question instead). After every kill the
workspace is opened and checked: ``PRAGMA integrity_check``, every acknowledged change present, no
duplicates, and the recovery question exactly where unfinished input is stored. See
``tests/soak/killtest.py`` for the details.

    python benchmarks/kill_test.py [--kills 200] [--seed 1] [--ui-check-every 1]

Exit code 0 only without failures. The short version (about 10 kills) runs in the test suite:
``tests/soak/test_kill.py``.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=200, help="number of SIGKILLs (default 200)")
    ap.add_argument("--seed", type=int, default=1, help="seed for scripts and kill moments (default 1)")
    ap.add_argument("--ui-check-every", type=int, default=1,
                    help="also ask the recovery question in-process through a DossierView every N iterations")
    ap.add_argument("--startup-share", type=float, default=0.15,
                    help="share of kills aimed at start-up instead of typing (default 0.15)")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="ghnt-kill-") as tmp:
        # never near a real user profile: this process and the driver get a throw-away home
        for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
            os.environ[var] = str(Path(tmp) / "home")
        (Path(tmp) / "home").mkdir()
        from tests.soak.killtest import run

        print(f"kill test: {args.kills} kills, seed {args.seed}", flush=True)
        rep = run(args.kills, args.seed, work_dir=Path(tmp) / "work", ui_check_every=args.ui_check_every,
                  startup_share=args.startup_share, log=lambda s: print(s, flush=True))
    print(rep.text(), flush=True)
    return 0 if rep.failure_count == 0 and rep.kills == args.kills else 1


if __name__ == "__main__":
    sys.exit(main())
