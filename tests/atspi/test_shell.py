"""The application shell and Beheer on the real AT-SPI bus (what Orca reads), and driven by the real keyboard
(xdotool on the same X display): the unlock error is in the tree, every visible text reaches it, every
focusable control is named, headings are headings, Tab reaches every control and leaves tables, and
"Acuut onveilig?" opens from the lock screen and from inside a modal dialog."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from tests.atspi.test_screens import hidden_texts, unnamed_controls

# what Tab can land on (the tabs of a tab bar, cells and items are reached with the arrow keys)
CONTROL_ROLES = {"push button", "check box", "radio button", "text", "password text", "combo box", "spin button",
                 "list", "table", "tree", "page tab list", "slider", "toggle button", "scroll pane", "tree table"}


def _keys(screen, *keys: str) -> None:
    if shutil.which("xdotool") is None:
        if os.environ.get("CI"):
            pytest.fail("the keyboard tests need xdotool (install it in .ci/run)")
        pytest.skip("no xdotool here")
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], env=screen.env, check=True, timeout=30)


def _wait_tree(screen, predicate, what: str, timeout: float = 15.0) -> list[dict]:
    """The tree once ``predicate(tree)`` holds (the app answers a key press in its own time)."""
    end = time.monotonic() + timeout
    tree = screen.tree()
    while not predicate(tree):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}; showing: "
                                 f"{[(n['role'], n['name']) for n in tree if n['showing'] and n['depth'] <= 2]}")
        time.sleep(0.1)
        tree = screen.tree()
    return tree


def focused_control(tree: list[dict]) -> tuple[str, str] | None:
    """The control that has the keyboard focus (items and cells keep a 'focused' state of their own)."""
    for n in tree:
        if n["focused"] and n["showing"] and n["role"] in CONTROL_ROLES:
            return n["role"], n["name"]
    return None


def reachable_controls(tree: list[dict]) -> set[tuple[str, str]]:
    return {(n["role"], n["name"]) for n in tree
            if n["showing"] and n["focusable"] and n["enabled"] and n["role"] in CONTROL_ROLES}


def tab_walk(screen, key: str = "Tab", limit: int = 60) -> list[tuple[str, str]]:
    """Press ``key`` until the focus comes back to where it started; the stops in order."""
    start = focused_control(_wait_tree(screen, focused_control, "a focused control"))
    stops = [start]
    for _ in range(limit):
        before = stops[-1]
        _keys(screen, key)
        tree = _wait_tree(screen, lambda t: focused_control(t) is not None and focused_control(t) != before,
                          f"focus to move on from {before}")
        here = focused_control(tree)
        if here == start:
            return stops
        assert here not in stops, f"{key} came back to {here} before reaching {start} again: a loop: {stops}"
        stops.append(here)
    raise AssertionError(f"{key} did not come back to {start} within {limit} stops: {stops}")


def _showing(tree, role: str, name: str) -> bool:
    """A showing node of ``role`` named ``name`` (a window's name may end in " — GHNT Desktop")."""
    return any(n["showing"] and n["role"] == role and (n["name"] == name or n["name"].startswith(name + " — "))
               for n in tree)


# --- every visible text, every control named ---------------------------------------------------------------

@pytest.mark.parametrize("scenario", ["ontgrendelen-fout", "shell-vergrendeld", "shell-acuut", "shell-accounts",
                                      "shell-meldcodeprofiel", "shell-account-dialoog", "shell-sneltoetsen"])
def test_every_visible_text_and_control_reaches_the_screen_reader(screen, scenario):
    s = screen(scenario)
    tree = _wait_tree(s, lambda t: any(n["showing"] and n["role"] in ("dialog", "frame") and n["name"].startswith(s.shown["title"])
                                       for n in t), f"the window {s.shown['title']!r}")
    assert s.shown["texts"], "the harness saw no texts"
    assert hidden_texts(s.shown["texts"], tree) == []
    assert unnamed_controls(tree) == []


def test_the_unlock_error_is_read_out(screen):
    s = screen("ontgrendelen-fout")
    tree = _wait_tree(s, lambda t: any("klopt niet" in n["name"] + n["text"] for n in t if n["showing"]),
                      "the error in the tree")
    error = next(n for n in tree if n["showing"] and "klopt niet" in n["name"] + n["text"])
    assert error["role"] == "label" and error["description"] == "Foutmelding"
    assert _showing(tree, "push button", "Acuut onveilig? Wat je nu moet doen")


def test_headings_are_headings(screen):
    s = screen("shell-accounts")
    tree = _wait_tree(s, lambda t: any(n["role"] == "heading" and n["showing"] for n in t), "a heading")
    assert _showing(tree, "heading", "Beheer")


# --- the keyboard ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scenario", ["shell-accounts", "shell-meldcodeprofiel"])
def test_tab_reaches_every_control_and_leaves_tables(screen, scenario):
    s = screen(scenario)
    tree = _wait_tree(s, lambda t: focused_control(t) is not None and any(
        n["role"] == "table" and n["showing"] for n in t), "the tab with its table")
    forward = tab_walk(s, "Tab")
    missing = reachable_controls(s.tree()) - set(forward)
    # radio buttons: Tab stops at the chosen one of a group, the arrow keys choose another
    if any(stop[0] == "radio button" for stop in forward):
        missing = {m for m in missing if m[0] != "radio button"}
    assert not missing, f"Tab never reached {missing}; stops: {forward}"
    tables = [i for i, stop in enumerate(forward) if stop[0] == "table"]
    assert tables, forward
    assert len(forward) > len(tables) + 2  # the table did not keep Tab: the walk went on past it
    backward = tab_walk(s, "shift+Tab")
    assert backward[0] == forward[0] and backward[1:] == list(reversed(forward[1:])), (forward, backward)


def test_acute_panel_opens_over_a_modal_dialog_with_the_keys(screen):
    s = screen("shell-account-dialoog")
    _wait_tree(s, lambda t: _showing(t, "dialog", "Nieuw account"), "the account dialog")
    _keys(s, "ctrl+shift+a")
    tree = _wait_tree(s, lambda t: _showing(t, "dialog", "Acuut onveilig? Dit doe je nu"), "the acute panel")
    assert any(n["showing"] and "0800-2000" in n["name"] + n["text"] for n in tree)
    assert _showing(tree, "heading", "Acuut onveilig? Dit doe je nu")
    _keys(s, "Escape")
    tree = _wait_tree(s, lambda t: not _showing(t, "dialog", "Acuut onveilig? Dit doe je nu"), "the panel to close")
    assert _showing(tree, "dialog", "Nieuw account")  # the dialog (and what was typed in it) is still there


def test_lock_screen_has_the_acute_panel_and_escape_asks_before_quitting(screen):
    s = screen("shell-vergrendeld")
    tree = _wait_tree(s, lambda t: _showing(t, "dialog", "Vergrendeld – GHNT Desktop"), "the lock dialog")
    assert _showing(tree, "push button", "Acuut onveilig? Wat je nu moet doen")
    _keys(s, "ctrl+shift+a")
    _wait_tree(s, lambda t: _showing(t, "dialog", "Acuut onveilig? Dit doe je nu"), "the acute panel")
    _keys(s, "Escape")
    _wait_tree(s, lambda t: not _showing(t, "dialog", "Acuut onveilig? Dit doe je nu"), "the panel to close")
    _keys(s, "Escape")  # on the lock dialog: asks, does not quit
    tree = _wait_tree(s, lambda t: any(n["showing"] and n["role"] in ("dialog", "alert")
                                       and n["name"].startswith("App afsluiten?") for n in t), "the question")
    assert s.proc.poll() is None
    assert _showing(tree, "push button", "Niet afsluiten")


def test_focus_helpers_pick_the_control_not_its_items():
    """The check itself: a focused cell or list item does not count as the focused control."""
    tree = [{"role": "table cell", "name": "Anouk", "focused": True, "showing": True, "focusable": True,
             "enabled": True},
            {"role": "push button", "name": "Nieuw account", "focused": True, "showing": True, "focusable": True,
             "enabled": True},
            {"role": "push button", "name": "Wijzigen", "focused": False, "showing": True, "focusable": True,
             "enabled": False}]
    assert focused_control(tree) == ("push button", "Nieuw account")
    assert reachable_controls(tree) == {("push button", "Nieuw account")}
