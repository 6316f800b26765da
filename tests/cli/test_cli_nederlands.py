"""Everything argparse writes for ``ghnt`` is Dutch: help of every (sub-)command, usage and usage errors."""
from __future__ import annotations

import argparse
import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ghnt_desktop.cli import argparse_nl
from ghnt_desktop.cli.main import build_parser, main, subcommand_parsers
from ghnt_desktop.paths import resource_path

ENGLISH = re.compile(r"options:|usage:|show this help|required|invalid|expected|unrecognized|\bargument\b|"
                     r"arguments|error:|positional|help message|choose from|default:", re.I)


def _english(text: str) -> list[str]:
    return ENGLISH.findall(text)


def _run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        rc = main([str(a) for a in args])
    except SystemExit as exc:
        rc = exc.code
    out = capsys.readouterr()
    return rc, out.out, out.err


def _all_commands() -> list[str]:
    return sorted(subcommand_parsers(build_parser()))


def test_every_command_is_found():
    names = _all_commands()
    for expected in ("init", "team", "team toevoegen", "team lijst", "team archiveren", "account toevoegen",
                     "account lijst", "verslag", "demo", "check", "backup", "restore", "plan"):
        assert expected in names
    assert len(names) >= 18


def test_top_level_help_is_dutch(capsys):
    rc, out, err = _run(capsys, "--help")
    assert rc == 0
    assert out.startswith("gebruik: ghnt") and "opties:" in out and "toon deze hulp en stop" in out
    assert "opdrachten:" in out and "init" in out and "account" in out
    assert _english(out + err) == []


@pytest.mark.parametrize("command", _all_commands())
def test_help_of_every_command_is_dutch(capsys, command):
    rc, out, err = _run(capsys, *command.split(), "--help")
    assert rc == 0, err
    assert out.startswith(f"gebruik: ghnt {command}")
    assert "opties:" in out and "-h, --help            toon deze hulp en stop" in out
    assert "--data-dir MAP" in out and "--passphrase-file BESTAND" in out
    assert _english(out + err) == [], out


def test_positional_heading_is_dutch(capsys):
    rc, out, _ = _run(capsys, "restore", "--help")
    assert rc == 0 and "positionele argumenten:" in out


@pytest.mark.parametrize("args,fragment", [
    (("verslag", "--out", "x.pdf"), "dit moet je nog opgeven: --dossier"),
    (("verslag", "--dossier"), "bij --dossier: hier hoort één waarde achter"),
    (("verslag", "--dossier", "1", "--out", "x.pdf", "--soort", "brief"), "onbekende keuze 'brief'"),
    (("check", "--onzin"), "deze opties of waarden kent de opdracht niet: --onzin"),
    (("opruimen",), "onbekende keuze 'opruimen'"),
    (("team",), "dit moet je nog opgeven: ACTIE"),
    (("account", "toevoegen", "--naam", "x"), "dit moet je nog opgeven: --volledige-naam, --rol"),
    (("zelfscan-export", "--scan", "een", "--out", "x.json"), "'een' is hier geen goede waarde"),
])
def test_usage_errors_are_dutch(capsys, args, fragment):
    rc, out, err = _run(capsys, *args)
    assert rc == 2
    assert err.startswith("gebruik: ghnt") and "ghnt: verkeerd gebruik: " in err
    assert fragment in err, err
    assert _english(err) == [], err


def test_help_as_a_real_subprocess(run_cli):
    r = run_cli("account", "toevoegen", "--help")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("gebruik: ghnt account toevoegen") and "toon deze hulp en stop" in r.stdout
    assert _english(r.stdout + r.stderr) == []
    r = run_cli("team", "toevoegen", "--soort")
    assert r.returncode == 2 and "hier hoort één waarde achter" in r.stderr and _english(r.stderr) == []


# --------------------------------------------------------------------------- the catalogue

def _argparse_messages() -> set[str]:
    """Every message id the installed argparse passes to ``_()`` or ``ngettext()``."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    ids: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id == "ngettext" and isinstance(node.args[0], ast.Constant):
            ids.add(node.args[0].value)  # the catalogue holds a plural under its singular id
        elif node.func.id == "_":  # also Python 3.11's _(kwargs.pop('title', 'subcommands')): not the key
            keys = {id(c.args[0]) for c in ast.walk(node) if isinstance(c, ast.Call)
                    and isinstance(c.func, ast.Attribute) and c.func.attr == "pop" and c.args}
            ids.update(c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                       and id(c) not in keys)
    return ids


def test_catalogue_covers_every_message_of_this_python():
    cat = argparse_nl.catalogue()
    assert isinstance(cat, gettext.GNUTranslations)
    messages = _argparse_messages()
    assert "usage: " in messages and "the following arguments are required: %s" in messages
    missing = sorted(m for m in messages if m not in cat._catalog and (m, 0) not in cat._catalog)
    assert missing == []


def test_translations_keep_their_placeholders():
    cat = argparse_nl.catalogue()
    named = re.compile(r"%\((\w+)\)[sr]")
    for key, dutch in cat._catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid:
            continue
        assert dutch.strip(), msgid
        assert set(named.findall(dutch)) <= set(named.findall(msgid)), msgid
        assert len(re.findall(r"%[sr]", dutch)) == len(re.findall(r"%[sr]", msgid)), msgid
        # Python keywords quoted in developer messages ('required') are not English prose
        assert not _english(dutch.replace("argumenten", "").replace("'required'", "")), (msgid, dutch)


def test_compiled_catalogue_matches_its_source(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    mo = tmp_path / "nl.mo"
    subprocess.run([msgfmt, "-o", str(mo), str(resource_path("translations", "argparse_nl.po"))], check=True)
    with open(mo, "rb") as fh:
        fresh = gettext.GNUTranslations(fh)
    assert argparse_nl.catalogue()._catalog == fresh._catalog


def test_missing_catalogue_keeps_argparse_working(monkeypatch, tmp_path):
    monkeypatch.setenv("GHNT_RESOURCE_DIR", str(tmp_path))
    assert type(argparse_nl.catalogue()) is gettext.NullTranslations
