"""Build the one-folder bundle with PyInstaller and smoke-test the frozen app headless.

    python benchmarks/build_installer.py [--skip-build] [--dist DIR] [--keep]

Steps: ``pyinstaller --noconfirm --clean build_installer.spec`` (timed), then the bundle's size and
contents (font, qtbase_nl.qm, resources/, db/, no trimmed Qt parts), then the frozen executable on a
fresh demo workspace in a temp dir (QT_QPA_PLATFORM=offscreen, HOME pointed at the temp dir):

  --help, demo, start with --quit-after-startup, check, backup --out + restore, and — if the frozen
  app's --help lists them — plan (a PDF for Zaanstad) and verslag (dossier 1).

Prints each step's result and time, the build time and the bundle size. Exit 0 only if all passed.
Needs ``pip install pyinstaller`` (the ``build`` extra). Not part of .ci/run (slow). On Windows the
command-line steps use ``ghnt.exe`` (console) and the start-up step ``ghnt-desktop.exe`` (windowed).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IS_WIN = sys.platform.startswith("win")
EXE_SUFFIX = ".exe" if IS_WIN else ""
MUST_HAVE = ["resources/translations/qtbase_nl.qm", "resources/fonts/DejaVuSans.ttf",
             "resources/fonts/DejaVuSans-Bold.ttf", "resources/acuut/acuut.json", "db/001_foundation.sql"]
MUST_NOT_HAVE = ["Qt6Quick", "Qt6Qml", "libqtvirtualkeyboardplugin", "Qt6VirtualKeyboard", "Qt6WaylandClient"]

results: list[tuple[str, bool, float, str]] = []


def step(name: str, ok: bool, seconds: float, note: str = "") -> bool:
    results.append((name, ok, seconds, note))
    print(f"[{'OK ' if ok else 'FOUT'}] {name:<38} {seconds * 1000:8.0f} ms  {note}", flush=True)
    return ok


def run(cmd: list[str], env: dict, name: str, *, expect: str | None = None, timeout: float = 300) -> bool:
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return step(name, False, time.perf_counter() - t0, f"{type(exc).__name__}: {exc}")
    dt = time.perf_counter() - t0
    out = (r.stdout or "") + (r.stderr or "")
    ok = r.returncode == 0 and "Traceback" not in out and (expect is None or expect in out)
    note = "" if ok else f"rc={r.returncode} {out.strip()[-400:]}"
    return step(name, ok, dt, note)


def dir_size(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> bool:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(dist),
           "--workpath", str(work), str(ROOT / "build_installer.spec")]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-4000:])
    return step("pyinstaller build", r.returncode == 0, dt, f"{dt:.1f} s")


def check_contents(bundle: Path) -> bool:
    t0 = time.perf_counter()
    internal = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    missing = [m for m in MUST_HAVE if not (internal / m).is_file()]
    names = [p.name for p in bundle.rglob("*")]
    unwanted = sorted({u for u in MUST_NOT_HAVE if any(u in n for n in names)})
    upx = [p.name for p in bundle.rglob("*") if p.is_file() and p.suffix in (".exe", ".dll", ".so", "")
           and b"UPX!" in p.read_bytes()[:4096]] if bundle.exists() else []
    ok = not missing and not unwanted and not upx
    note = "; ".join(filter(None, [f"ontbreekt: {missing}" if missing else "", f"niet getrimd: {unwanted}"
                                   if unwanted else "", f"UPX: {upx}" if upx else ""]))
    return step("bundle contents (font, qm, resources)", ok, time.perf_counter() - t0, note)


def smoke(bundle: Path) -> bool:
    gui_exe = bundle / f"ghnt-desktop{EXE_SUFFIX}"
    cli_exe = bundle / f"ghnt{EXE_SUFFIX}" if IS_WIN else gui_exe
    if not gui_exe.exists():
        return step("frozen executable exists", False, 0, str(gui_exe))
    with tempfile.TemporaryDirectory(prefix="ghnt-smoke-") as tmp:
        tmp_path = Path(tmp)
        home = tmp_path / "home"
        home.mkdir()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home),
                   XDG_CONFIG_HOME=str(home), XDG_CACHE_HOME=str(home), LOCALAPPDATA=str(home), APPDATA=str(home))
        for k in ("PYTHONPATH", "GHNT_RESOURCE_DIR", "PYTHONHOME"):
            env.pop(k, None)
        data = tmp_path / "demo"
        pw = tmp_path / "pw.txt"
        pw.write_text("demo\n", encoding="utf-8")
        cred = ["--data-dir", str(data), "--user", "demo", "--passphrase-file", str(pw)]
        t0 = time.perf_counter()
        r = subprocess.run([str(cli_exe), "--help"], env=env, capture_output=True, text=True, timeout=120)
        help_text = r.stdout
        ok = step("--help", r.returncode == 0 and "OPDRACHT" in help_text, time.perf_counter() - t0)
        ok &= run([str(cli_exe), "demo", "--data-dir", str(data)], env, "demo (demowerkruimte maken)",
                  expect="Demowerkruimte gemaakt")
        ok &= run([str(gui_exe), *cred, "--quit-after-startup"], env, "start + hoofdvenster (--quit-after-startup)")
        ok &= run([str(cli_exe), "check", *cred], env, "check", expect="Controle geslaagd")
        out = tmp_path / "kopie.db"
        ok &= run([str(cli_exe), "backup", *cred, "--out", str(out)], env, "backup --out", expect="gecontroleerd")
        ok &= run([str(cli_exe), "restore", *cred, str(out)], env, "restore", expect="teruggezet")
        commands = help_text.split("OPDRACHT", 1)[-1]
        if " plan " in commands or "\n    plan" in commands:
            pdf = tmp_path / "plan.pdf"
            ok &= run([str(cli_exe), "plan", *cred, "--gemeente", "Zaanstad", "--out", str(pdf)], env, "plan (PDF)")
            ok &= step("plan PDF is a PDF", pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", 0,
                       f"{pdf.stat().st_size if pdf.exists() else 0} bytes")
        else:
            step("plan (not in this build)", True, 0, "overgeslagen")
        if "verslag" in commands:
            pdf = tmp_path / "verslag.pdf"
            ok &= run([str(cli_exe), "verslag", *cred, "--dossier", "1", "--out", str(pdf)], env, "verslag (PDF)")
            ok &= step("verslag PDF is a PDF", pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", 0,
                       f"{pdf.stat().st_size if pdf.exists() else 0} bytes")
        else:
            step("verslag (not in this build)", True, 0, "overgeslagen")
        ok &= run([str(cli_exe), "check", *cred], env, "check (na alles)", expect="Controle geslaagd")
        return ok


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-build", action="store_true", help="test an existing bundle in --dist")
    ap.add_argument("--dist", type=Path, default=ROOT / "dist")
    ap.add_argument("--keep", action="store_true", help="keep the PyInstaller work dir (build/)")
    args = ap.parse_args()
    dist = args.dist.resolve()
    work = ROOT / "build"
    ok = True
    build_s = None
    if not args.skip_build:
        t0 = time.perf_counter()
        ok = build(dist, work)
        build_s = time.perf_counter() - t0
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    bundle = dist / "ghnt-desktop"
    if ok:
        ok &= check_contents(bundle)
        ok &= smoke(bundle)
    size = dir_size(bundle) if bundle.exists() else 0
    print()
    if build_s is not None:
        print(f"build time:   {build_s:.1f} s")
    print(f"bundle size:  {size / 1e6:.1f} MB ({bundle})")
    print(f"platform:     {sys.platform}, Python {sys.version.split()[0]}")
    failed = [n for n, good, _, _ in results if not good]
    print("smoke test:   " + ("GESLAAGD" if ok and not failed else f"MISLUKT ({', '.join(failed)})"))
    return 0 if ok and not failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
