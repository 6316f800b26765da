""""Acuut onveilig?": one screen that says what to do now. Reachable from every screen."""
from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ghnt_desktop.paths import resource_path


# Used only when resources/acuut/acuut.json is missing or damaged: the emergency numbers must always show.
FALLBACK = {
    "titel": "Acuut onveilig? Dit doe je nu",
    "inleiding": "Is iemand nu in gevaar? Wacht dan niet op de stappen van de meldcode, maar handel meteen.",
    "stappen": [{"kop": "Levensgevaar of gebeurt het nu?", "tekst": "Bel 112."},
                {"kop": "Acuut onveilig?", "tekst": "Bel Veilig Thuis: 0800-2000, gratis, dag en nacht."}],
    "nummers": [{"naam": "Alarmnummer", "nummer": "112", "toelichting": "Bij levensgevaar."},
                {"naam": "Veilig Thuis", "nummer": "0800-2000", "toelichting": "Gratis, 24 uur per dag."}],
}


@cache
def acute_content() -> dict:
    try:
        data = json.loads(resource_path("acuut", "acuut.json").read_text(encoding="utf-8"))
        if not all(isinstance(data.get(k), expected) for k, expected in
                   (("titel", str), ("inleiding", str), ("stappen", list), ("nummers", list))):
            raise ValueError("acuut.json")
        return data
    except (OSError, ValueError):
        import logging

        logging.getLogger("ghnt.ui").warning("acuut.json ontbreekt of is beschadigd; vaste tekst getoond")
        return FALLBACK


def panel_nummers(ws) -> list[dict]:
    """The numbers of the panel; where the organisation set its own number for a contact (meldcode profile),
    that one, marked as such. 112 is never replaced. Without a workspace: the national numbers."""
    uit = []
    for n in acute_content()["nummers"]:
        n = dict(n)
        if ws is not None and n.get("contact"):
            try:
                from ghnt_desktop.services.meldcodeprofiel import telefoon_van

                nummer, eigen = telefoon_van(ws, n["contact"], n["nummer"])
            except Exception:  # the panel must always show; the national number is the safe fallback
                nummer, eigen = n["nummer"], False
            if eigen:
                n["toelichting"] = (f"{n['toelichting']} Eigen nummer van je organisatie; landelijk: "
                                    f"{n['nummer']}.")
                n["nummer"] = nummer
        uit.append(n)
    return uit


class AcuteDialog(QDialog):
    """``ws``: the open workspace, for the organisation's own numbers (default: the parent's ``ws``)."""

    def __init__(self, parent=None, ws=None) -> None:
        super().__init__(parent)
        c = dict(acute_content())
        ws = ws if ws is not None else getattr(parent, "ws", None)
        c["nummers"] = panel_nummers(ws)
        self.setWindowTitle(c["titel"])
        self.setAccessibleName(c["titel"])
        lay = QVBoxLayout(self)
        title = QLabel(f"<h2>{c['titel']}</h2>")
        lay.addWidget(title)
        intro = QLabel(c["inleiding"])
        intro.setWordWrap(True)
        lay.addWidget(intro)
        nummers = QLabel("".join(
            f"<p style='font-size:large'><b>{n['nummer']}</b> – {n['naam']}: {n['toelichting']}</p>"
            for n in c["nummers"]))
        nummers.setObjectName("acuutNummers")
        nummers.setWordWrap(True)
        nummers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(nummers)
        steps = QLabel("<ol>" + "".join(f"<li><b>{s['kop']}</b><br>{s['tekst']}</li>" for s in c["stappen"]) + "</ol>")
        steps.setWordWrap(True)
        lay.addWidget(steps)
        self.text = "\n".join([c["inleiding"]] + [f"{n['nummer']} {n['naam']}" for n in c["nummers"]]
                              + [s["kop"] + " " + s["tekst"] for s in c["stappen"]])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Sluiten")
        lay.addWidget(buttons)
        self.resize(560, 520)
