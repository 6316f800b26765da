"""The zelfscan screens as a screen-reader user gets them, read from the real AT-SPI bus (what Orca reads):
answering a standard (its text and hulpvragen are in the tree), the results and the new-scan dialog; every
visible text is in the tree and every focusable control has a name."""
from __future__ import annotations

import json

import pytest

from ghnt_desktop.paths import resource_path
from tests.atspi import test_screens as screens

SCENARIOS = ["zelfscan-beantwoorden", "zelfscan-resultaten", "zelfscan-nieuw"]


def counts(shown: list[str], tree: list[dict]) -> dict[str, int]:
    showing = [n for n in tree if n["showing"]]
    return {"showing nodes": len(showing), "focusable": sum(n["focusable"] for n in showing),
            "unnamed": len(screens.unnamed_controls(tree)), "hidden texts": len(screens.hidden_texts(shown, tree))}


def standard(sid: str) -> dict:
    catalogue = json.loads(resource_path("kwaliteitskader", "werkversie-2019.json").read_text(encoding="utf-8"))
    return next(s for s in catalogue["standaarden"] if s["id"] == sid)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_zelfscan_screens_hide_no_visible_text_and_name_every_control(screen, scenario):
    s = screen(scenario)
    tree = s.tree()
    assert any(n["role"] in ("frame", "dialog") and n["showing"] for n in tree), "the window is not on the bus"
    texts = s.shown["texts"]
    assert len(texts) > 10, texts  # the harness saw the screen itself, not an empty window
    if scenario == "zelfscan-nieuw":
        assert s.shown["title"] == "Nieuwe zelfscan", s.shown["title"]
    print(f"\n{scenario}: {counts(texts, tree)}")
    hidden = screens.hidden_texts(texts, tree)
    assert hidden == [], "\n".join(hidden)
    unnamed = screens.unnamed_controls(tree)
    assert unnamed == [], unnamed


def test_the_standard_text_and_its_hulpvragen_reach_the_screen_reader(screen):
    s = screen("zelfscan-beantwoorden")
    tree = s.tree()
    lt02 = standard("LT-02")
    corpus = " \n ".join(screens._norm(" ".join((n["name"], n["description"], n["text"])))  # noqa: SLF001
                         for n in tree if n["showing"])
    for text in [lt02["titel"], lt02["toelichting"], *lt02["vragen"]]:
        assert screens._norm(text) in corpus, f"not on the bus: {text!r}"  # noqa: SLF001
    # the text block is one named stop for the keyboard, and says the whole standard when it gets focus
    blocks = [n for n in tree if n["showing"] and n["name"] == "Tekst van de standaard"]
    assert len(blocks) == 1 and blocks[0]["focusable"], blocks
    assert screens._norm(lt02["vragen"][-1]) in screens._norm(blocks[0]["description"])  # noqa: SLF001
    # the answer options are named by what they show, with their key
    radios = [n["name"] for n in tree if n["showing"] and n["role"] == "radio button"]
    assert "Voldoet gedeeltelijk (toets 2)" in radios, radios
