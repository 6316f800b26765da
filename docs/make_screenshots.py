"""Generate the README screenshots from the real app (offscreen) on a fresh demo workspace.

    .venv/bin/python docs/make_screenshots.py      # writes docs/screenshots/*.png
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ghnt_desktop.demo.build import build_demo
    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.acute_dialog import AcuteDialog
    from ghnt_desktop.ui.app import make_app
    from ghnt_desktop.ui.main_window import MainWindow
    from ghnt_desktop.ui.setup_dialog import SetupDialog
    from ghnt_desktop.ui.unlock_dialog import UnlockDialog

    app = make_app()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        setup = SetupDialog(Path(tmp) / "nieuw")
        setup.org_edit.setText("Wijkteam Zaandam-Oost")
        setup.filter_edit.setText("Zaan")
        setup.show()
        app.processEvents()
        setup.grab().save(str(OUT / "eerste-start.png"))
        setup.close()
        data = Path(tmp) / "demo"
        build_demo(data)
        unlock = UnlockDialog(data, login="demo")
        unlock.show()
        app.processEvents()
        unlock.grab().save(str(OUT / "ontgrendelen.png"))
        unlock.close()
        ws = login(data, "demo", "demo")
        win = MainWindow(ws)
        win.resize(1280, 800)
        win.show()
        for row, m in enumerate(win.modules):
            win.nav.setCurrentRow(row)
            app.processEvents()
            win.grab().save(str(OUT / f"{m.key}.png"))
        acute = AcuteDialog(win)
        acute.show()
        app.processEvents()
        acute.grab().save(str(OUT / "acuut-onveilig.png"))
        acute.close()
        win.close()
        ws.close()
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
