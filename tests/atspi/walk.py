"""Walk the AT-SPI tree of one application and print it as JSON (what a screen reader such as Orca gets).

Runs under the *system* Python (Debian's python3-pyatspi is not in the venv):

    /usr/bin/python3 tests/atspi/walk.py "GHNT Desktop"

Prints a JSON list of nodes: role, name, description, text (Text interface), showing, focusable,
focused, heading level (if any) and depth, for every object whose parents are showing.
"""
from __future__ import annotations

import json
import sys

import pyatspi


def _text(acc) -> str:
    try:
        t = acc.queryText()
    except NotImplementedError:
        return ""
    except Exception:  # noqa: BLE001 - an object may go away while we walk
        return ""
    try:
        return t.getText(0, -1) or ""
    except Exception:  # noqa: BLE001
        return ""


def _walk(acc, depth: int, out: list) -> None:
    try:
        states = acc.getState()
        node = {
            "depth": depth,
            "role": acc.getRoleName(),
            "name": acc.name or "",
            "description": acc.description or "",
            "text": _text(acc),
            "showing": states.contains(pyatspi.STATE_SHOWING),
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "focused": states.contains(pyatspi.STATE_FOCUSED),
            "enabled": states.contains(pyatspi.STATE_ENABLED),
        }
    except Exception:  # noqa: BLE001 - the object vanished
        return
    out.append(node)
    if not node["showing"] and depth > 1:
        return
    try:
        count = min(acc.childCount, 5000)
    except Exception:  # noqa: BLE001
        return
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:  # noqa: BLE001
            continue
        if child is not None:
            _walk(child, depth + 1, out)


def main(argv: list[str]) -> int:
    wanted = argv[1] if len(argv) > 1 else ""
    desktop = pyatspi.Registry.getDesktop(0)
    out: list = []
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is None or (wanted and wanted not in (app.name or "")):
            continue
        _walk(app, 0, out)
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
