"""The meldcode screens as a screen-reader user gets them, read from the real AT-SPI bus (what Orca reads): the
overview, a dossier with a 3,000-character signal and long names on stap 1 and on stap 5, and the new-dossier
dialog. Every visible text is in the tree (labels keep their text; errors and explanations too) and every
focusable control has a name."""
from __future__ import annotations

import pytest

from tests.atspi import test_screens as screens

SCENARIOS = ["meldcode-overzicht", "meldcode-stap1", "meldcode-stap5", "meldcode-nieuw"]


def counts(shown: list[str], tree: list[dict]) -> dict[str, int]:
    showing = [n for n in tree if n["showing"]]
    return {"showing nodes": len(showing), "focusable": sum(n["focusable"] for n in showing),
            "unnamed": len(screens.unnamed_controls(tree)), "hidden texts": len(screens.hidden_texts(shown, tree))}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_meldcode_screens_hide_no_visible_text_and_name_every_control(screen, scenario):
    s = screen(scenario)
    tree = s.tree()
    assert any(n["role"] in ("frame", "dialog") and n["showing"] for n in tree), "the window is not on the bus"
    texts = s.shown["texts"]
    assert len(texts) > 10, texts  # the harness saw the screen itself, not an empty window
    if scenario == "meldcode-nieuw":
        assert s.shown["title"] == "Nieuw meldcodedossier", s.shown["title"]
    print(f"\n{scenario}: {counts(texts, tree)}")
    hidden = screens.hidden_texts(texts, tree)
    assert hidden == [], "\n".join(hidden)
    unnamed = screens.unnamed_controls(tree)
    assert unnamed == [], unnamed


def test_the_dossier_title_is_a_heading_and_the_whole_signal_reaches_the_screen_reader(screen):
    from tests.ui_meldcode.test_layout_a11y import LONG_REF, LONG_SIGNAL

    s = screen("meldcode-stap1")
    tree = s.tree()
    showing = [n for n in tree if n["showing"]]
    said = " ".join(" ".join((n["name"], n["description"], n["text"])) for n in showing)
    assert f"Dossier {LONG_REF}" in said
    headings = {n["name"] for n in showing if n["role"] == "heading"}  # H in Orca jumps to them
    assert f"Dossier {LONG_REF}" in headings and any(h.startswith("Stap 1:") for h in headings), headings
    assert LONG_SIGNAL[-200:] in said  # the end of the 3,000-character signal, under the list
    assert any(n["role"] == "label" and n["description"] == "Gegevens van het dossier" and "Betrokkenen:" in n["name"]
               for n in showing)
