"""The plan screens as a screen-reader user gets them, read from the real AT-SPI bus (what Orca reads): on every
tab of the plan page (20 long actions) and in the action dialog, every visible text is in the tree and every
focusable control has a name; the preview's pages have a text alternative."""
from __future__ import annotations

import pytest

from tests.atspi import test_screens as screens

SCENARIOS = ["plan-overzicht", "plan-verbeterpunten", "plan-acties", "plan-voorbeeld", "plan-actie"]


def counts(shown: list[str], tree: list[dict]) -> dict[str, int]:
    showing = [n for n in tree if n["showing"]]
    return {"showing nodes": len(showing), "focusable": sum(n["focusable"] for n in showing),
            "unnamed": len(screens.unnamed_controls(tree)), "hidden texts": len(screens.hidden_texts(shown, tree))}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_plan_screens_hide_no_visible_text_and_name_every_control(screen, scenario):
    s = screen(scenario)
    tree = s.tree()
    assert any(n["role"] in ("frame", "dialog") and n["showing"] for n in tree), "the window is not on the bus"
    texts = s.shown["texts"]
    assert len(texts) > 10, texts  # the harness saw the screen itself, not an empty window
    if scenario == "plan-actie":
        assert s.shown["title"] == "Actie wijzigen", s.shown["title"]
    print(f"\n{scenario}: {counts(texts, tree)}")
    hidden = screens.hidden_texts(texts, tree)
    assert hidden == [], "\n".join(hidden)
    unnamed = screens.unnamed_controls(tree)
    assert unnamed == [], unnamed


def test_the_preview_pages_have_a_text_alternative_on_the_bus(screen):
    s = screen("plan-voorbeeld")
    tree = s.tree()
    views = [n for n in tree if n["showing"] and n["name"] == "Voorbeeld van het plan (PDF)"]
    assert views and "pagina's" in views[0]["description"], views
    buttons = [n for n in tree if n["showing"] and "Tekst van het voorbeeld" in n["name"]]
    assert [(n["role"], n["name"], n["focusable"]) for n in buttons] == [
        ("push button", "Tekst van het voorbeeld", True)], buttons
