"""What a screen-reader user gets, read from the real AT-SPI bus: every visible text is in the tree, every
focusable control has a name."""
from __future__ import annotations

import re

import pytest


def _norm(text: str) -> str:
    """Compare as a listener would: case, an ellipsis or a trailing colon do not change what is said."""
    text = text.replace("\u2028", " ").replace("…", " ").casefold()
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def hidden_texts(shown: list[str], tree: list[dict]) -> list[str]:
    """Visible texts that no showing node of the tree holds (as name, description or text). A button's visible
    text must be part of its accessible name (WCAG 2.5.3), so this also finds names that replace the text."""
    corpus = " \n ".join(_norm(" ".join((n["name"], n["description"], n["text"]))) for n in tree if n["showing"])
    return [t for t in shown if _norm(t) and _norm(t) not in corpus]


def unnamed_controls(tree: list[dict]) -> list[dict]:
    controls = {"push button", "check box", "radio button", "text", "password text", "combo box", "spin button",
                "list", "table", "tree", "page tab", "slider", "toggle button"}
    return [n for n in tree if n["showing"] and n["focusable"] and n["role"] in controls
            and not (n["name"].strip() or n["text"].strip())]


@pytest.mark.parametrize("scenario", ["eerste-start", "aan-de-slag", "teams"])
def test_every_visible_text_reaches_the_screen_reader(screen, scenario):
    s = screen(scenario)
    tree = s.tree()
    assert any(n["role"] in ("frame", "dialog") and n["showing"] for n in tree), "the window is not on the bus"
    assert s.shown["texts"], "the harness saw no texts"
    hidden = hidden_texts(s.shown["texts"], tree)
    assert hidden == [], "\n".join(hidden)
    assert unnamed_controls(tree) == []


def test_hidden_texts_are_found():
    """The check itself: a label exposed only by a name other than its text is reported."""
    tree = [{"role": "label", "name": "Foutmelding", "description": "", "text": "", "showing": True,
             "focusable": False}]
    assert hidden_texts(["De wachtzin klopt niet."], tree) == ["De wachtzin klopt niet."]
    tree[0]["text"] = "De wachtzin klopt niet."
    assert hidden_texts(["De wachtzin klopt niet."], tree) == []
