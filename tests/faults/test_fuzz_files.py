"""Every file the app reads for backups is fuzzed: the passphrase file, backup files, sidecars, the
key-slot copy, the folder pointer and the folder setting. No crash, no traceback, no partial state."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghnt_desktop.errors import UserError
from ghnt_desktop.storage import backup as store

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=15), inner, max_size=4),
    max_leaves=20)


# --- passphrase file ----------------------------------------------------------------------------

@FUZZ
@given(data=st.binary(max_size=5000) | st.text(max_size=300).map(lambda t: t.encode("utf-16")) |
       st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_passphrase_file_reader(tmp_path, data):
    from ghnt_desktop.cli.args import MAX_PASSPHRASE_FILE, read_passphrase_file

    p = tmp_path / "pw.txt"
    p.write_bytes(data)
    try:
        text = read_passphrase_file(p)
    except UserError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return
    assert isinstance(text, str) and text and "\n" not in text and "\x00" not in text
    assert len(text.encode("utf-8")) < MAX_PASSPHRASE_FILE


def test_passphrase_file_oversized_directory_and_missing(tmp_path):
    from ghnt_desktop.cli.args import read_passphrase_file

    big = tmp_path / "groot.txt"
    big.write_bytes(b"a" * 20_000_000)
    with pytest.raises(UserError, match="te lang"):
        read_passphrase_file(big)
    with pytest.raises(UserError, match="map"):
        read_passphrase_file(tmp_path)
    with pytest.raises(UserError, match="bestaat niet"):
        read_passphrase_file(tmp_path / "nee.txt")


# --- sidecar, pointer, folder setting, key-slot copy ----------------------------------------------------

def _valid_sidecar_doc():
    return {"formaat": "ghnt-reservekopie", "formaatversie": 1, "created_at": "2026-01-05T09:12:03+01:00",
            "schema_version": 1, "key_generation": 1, "sha256": "a" * 64, "kind": "daily", "workspace_id": "w",
            "size": 10, "app_version": "0.1.0"}


@FUZZ
@given(raw=st.binary(max_size=3000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_sidecar_parser_never_raises(raw):
    sc = store.parse_sidecar(raw)
    assert sc is None or isinstance(sc, store.Sidecar)


@FUZZ
@given(key=st.sampled_from(sorted(_valid_sidecar_doc())), value=json_values)
def test_sidecar_with_one_field_of_a_wrong_type(key, value):
    doc = _valid_sidecar_doc()
    doc[key] = value
    sc = store.parse_sidecar(json.dumps(doc).encode())
    if sc is not None:  # accepted only with sane values
        assert sc.created_at.tzinfo is not None and sc.kind in store.KINDS and len(sc.sha256) == 64
        assert isinstance(sc.size, int) and isinstance(sc.key_generation, int) and sc.key_generation > 0


def test_sidecar_oversized_and_deeply_nested():
    assert store.parse_sidecar(b"[" * 100_000 + b"]" * 100_000) is None
    assert store.parse_sidecar(b" " * (store.MAX_SIDECAR_BYTES + 1)) is None
    assert store.parse_sidecar(json.dumps(_valid_sidecar_doc()).encode()) is not None


@FUZZ
@given(raw=st.binary(max_size=2000) | json_values.map(lambda v: json.dumps({"backup_map": v}).encode()))
def test_pointer_reader_never_raises(tmp_path, raw):
    (tmp_path / store.POINTER_NAME).write_bytes(raw)
    p = store.read_pointer(tmp_path)
    assert p is None or (isinstance(p, Path) and p.is_absolute())


@FUZZ
@given(raw=st.text(max_size=200) | json_values.map(json.dumps) | st.binary(max_size=100))
def test_folder_setting_parser_never_raises(raw):
    p = store.parse_folder_value(raw)
    assert p is None or (isinstance(p, Path) and p.is_absolute())


@FEW
@given(raw=st.text(max_size=300) | json_values.map(json.dumps))
def test_garbage_in_the_instelling_table_never_breaks_the_folder_reader(workspace, raw):
    from ghnt_desktop.services.backup import backup_folder, search_folders

    with workspace.db.atomic():
        workspace.db.conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES ('backup_map', ?)",
                                  [raw])
    folder = backup_folder(workspace)  # never writes: fuzzed paths must not be used for real backups here
    assert folder.is_absolute()
    assert workspace.data_dir / "backups" in search_folders(workspace)


@FUZZ
@given(raw=st.binary(max_size=3000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_key_slot_copy_reader_never_raises(tmp_path, raw):
    backup = tmp_path / "x.db"
    store.keys_copy_path(backup).write_bytes(raw)
    assert store.read_keys_copy(backup) is None or raw.strip().startswith(b"{")
    assert store.unlock_keys_copy(backup, "tester", "wachtzin") == {}


# --- backup files ------------------------------------------------------------------------------------------

@pytest.fixture
def real_backup(workspace):
    from ghnt_desktop.services import backup as service

    return service.make_backup(workspace).path


@FEW
@given(data=st.binary(min_size=0, max_size=40_000))
def test_verify_random_bytes(workspace, tmp_path, data):
    p = tmp_path / "willekeurig.db"
    p.write_bytes(data)
    check = store.verify_backup(p, workspace._db_keys, workspace_id=workspace.workspace_id)
    assert not check.ok and check.problems and all(isinstance(x, str) for x in check.problems)
    assert sorted(x.name for x in tmp_path.iterdir() if x.name.startswith("willekeurig")) == ["willekeurig.db"]


@FEW
@given(cut=st.floats(min_value=0.0, max_value=0.999), with_sidecar=st.booleans())
def test_verify_truncated_backup(workspace, real_backup, tmp_path, cut, with_sidecar):
    data = real_backup.read_bytes()
    p = tmp_path / "afgekapt.db"
    p.write_bytes(data[: int(len(data) * cut)])
    if with_sidecar:
        store.sidecar_path(p).write_bytes(store.sidecar_path(real_backup).read_bytes())
    else:
        store.sidecar_path(p).unlink(missing_ok=True)
    check = store.verify_backup(p, workspace._db_keys, workspace_id=workspace.workspace_id)
    assert not check.ok


@FEW
@given(pos=st.floats(min_value=0.0, max_value=0.999), byte=st.integers(1, 255))
def test_verify_bit_flip_without_sidecar(workspace, real_backup, tmp_path, pos, byte):
    data = bytearray(real_backup.read_bytes())
    i = int(len(data) * pos)
    data[i] ^= byte
    p = tmp_path / "omgedraaid.db"
    p.write_bytes(bytes(data))
    store.sidecar_path(p).unlink(missing_ok=True)
    check = store.verify_backup(p, workspace._db_keys, workspace_id=workspace.workspace_id)
    assert not check.ok  # every page has an HMAC; page 1's salt/header is checked on open


@FEW
@given(raw=st.binary(max_size=2000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_garbage_sidecar_never_makes_a_good_backup_unusable(workspace, real_backup, raw):
    store.sidecar_path(real_backup).write_bytes(raw)
    check = store.verify_backup(real_backup, workspace._db_keys, workspace_id=workspace.workspace_id)
    assert check.ok, check.problems


@FEW
@given(data=st.binary(max_size=20_000) | st.just(b""), kind=st.sampled_from(["random", "truncated"]))
def test_restore_of_a_bad_file_changes_nothing(workspace, data_dir, real_backup, tmp_path, data, kind):
    from ghnt_desktop.services import backup as service
    from tests.backup.helpers import data_dir_state, snapshot, without_audit
    from tests.conftest import PASSPHRASE

    p = tmp_path / "kapot.db"
    p.write_bytes(data if kind == "random" else real_backup.read_bytes()[: len(data)])
    before_files = {k: v for k, v in data_dir_state(data_dir).items() if not k.startswith("werkruimte.db")}
    before_data = without_audit(snapshot(workspace))
    with pytest.raises(UserError) as info:
        service.restore(workspace, p, PASSPHRASE)
    assert "niet teruggezet" in str(info.value)
    assert without_audit(snapshot(workspace)) == before_data
    assert {k: v for k, v in data_dir_state(data_dir).items() if not k.startswith("werkruimte.db")} == before_files
    assert not list(data_dir.glob(".herstel-*")) and not list(data_dir.glob("beschadigd-*"))
