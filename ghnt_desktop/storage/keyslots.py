"""Key slots: one random database key, unlocked per account with its own passphrase.

Design (see docs/security.md):

* The database is encrypted with a random 256-bit key (``db_key``).
* Every account has an X25519 key pair. Its private key is stored encrypted
  with AES-256-GCM under a key derived from the account's passphrase with
  Argon2id (per-slot random salt). Its public key is stored in clear.
* The ``db_key`` is sealed to every account's public key (ephemeral X25519 +
  HKDF-SHA256 + AES-256-GCM). So a beheerder can rotate the database key and
  re-seal it for every active account without knowing their passphrases, and
  removing a slot removes that account's access.
* Nothing stored here opens the database without a passphrase.

The file ``keyslots.json`` lives beside the database and is written atomically.

Operations on slots (all pure functions returning new values; the caller writes the file):

* :func:`rewrap` — change a passphrase: the private key is unwrapped with the old
  passphrase and wrapped again under a fresh salt and the new passphrase. The key
  pair and the sealed database keys stay the same.
* :func:`make_slot` with ``must_change=True`` — a beheerder's reset: a *new* key
  pair for the account, sealed with the current database key, protected by a
  one-time passphrase (see :func:`one_time_passphrase`). The old slot is replaced,
  so the old passphrase no longer opens anything through this file.
* :func:`reseal_all` — key rotation: seal one or more database keys to every
  remaining slot's public key (no passphrases needed).

What a slot change does *not* do: an older copy of ``keyslots.json`` (in a backup,
or copied away by someone) still holds the old wrapping. Together with the old
passphrase it yields the database key *of that time*. That is why deactivating an
account also rotates the database key (see ``Workspace.rotate_db_key``): after the
rotation the live database no longer opens with any key found in an old copy.
"""
from __future__ import annotations

import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
# X25519PublicKey.from_public_bytes imports the OpenSSL backend on first use; import it here so that
# unlocking imports nothing (ui.launch unlocks on a second thread while the main thread imports Qt).
from cryptography.hazmat.backends.openssl import backend as _openssl_backend  # noqa: F401
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ghnt_desktop.errors import WorkspaceCorrupt, WrongPassphrase

FORMAT = "ghnt-sleutels"
FORMAT_VERSION = 1
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Default: OWASP Password Storage Cheat Sheet's first choice
    (m=46 MiB, t=1, p=1): ~60 ms here, run in a thread while Qt loads (see benchmarks/startup.py)."""

    time_cost: int = 1
    memory_kib: int = 46 * 1024
    parallelism: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"alg": "argon2id", "t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "KdfParams":
        if d.get("alg") != "argon2id":
            raise ValueError("alg")
        t, m, p = int(d["t"]), int(d["m"]), int(d["p"])
        if not (1 <= t <= 20 and 8 * 1024 <= m <= 4 * 1024 * 1024 and 1 <= p <= 16):
            raise ValueError("params")
        return cls(t, m, p)


# Tests lower this to keep the suite fast; stored per slot, so old slots still open.
DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class Slot:
    account_id: str
    login: str
    kdf: KdfParams
    salt: bytes
    priv_nonce: bytes
    priv_wrapped: bytes
    public_key: bytes
    sealed: dict[int, bytes] = field(default_factory=dict)  # generation -> sealed db key
    must_change: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "login": self.login,
            "kdf": self.kdf.to_json(),
            "salt": self.salt.hex(),
            "priv_nonce": self.priv_nonce.hex(),
            "priv_wrapped": self.priv_wrapped.hex(),
            "public_key": self.public_key.hex(),
            "sealed": {str(g): v.hex() for g, v in sorted(self.sealed.items())},
            "must_change": self.must_change,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Slot":
        return cls(
            account_id=str(d["account_id"]),
            login=str(d["login"]),
            kdf=KdfParams.from_json(d["kdf"]),
            salt=bytes.fromhex(d["salt"]),
            priv_nonce=bytes.fromhex(d["priv_nonce"]),
            priv_wrapped=bytes.fromhex(d["priv_wrapped"]),
            public_key=bytes.fromhex(d["public_key"]),
            sealed={int(g): bytes.fromhex(v) for g, v in d["sealed"].items()},
            must_change=bool(d.get("must_change", False)),
        )


@dataclass(frozen=True)
class KeySlots:
    workspace_id: str
    generation: int
    slots: tuple[Slot, ...]

    def find(self, login: str) -> Slot | None:
        norm = normalise_login(login)
        for s in self.slots:
            if normalise_login(s.login) == norm:
                return s
        return None

    def find_account(self, account_id: str) -> Slot | None:
        for s in self.slots:
            if s.account_id == account_id:
                return s
        return None

    def generations(self) -> frozenset[int]:
        """Every generation for which some slot holds a sealed database key."""
        return frozenset(g for s in self.slots for g in s.sealed)

    @property
    def rotation_pending(self) -> bool:
        """True while a rotation has written its dual-generation slots but not the final ones."""
        return any(set(s.sealed) != {self.generation} for s in self.slots)

    def with_slot(self, slot: Slot) -> "KeySlots":
        """Replace the slot of ``slot.account_id`` (or add it)."""
        others = tuple(s for s in self.slots if s.account_id != slot.account_id)
        return replace(self, slots=others + (slot,))

    def without_accounts(self, account_ids: Iterable[str]) -> "KeySlots":
        ids = set(account_ids)
        return replace(self, slots=tuple(s for s in self.slots if s.account_id not in ids))

    def to_bytes(self) -> bytes:
        doc = {
            "formaat": FORMAT,
            "formaatversie": FORMAT_VERSION,
            "workspace_id": self.workspace_id,
            "generation": self.generation,
            "slots": [s.to_json() for s in self.slots],
        }
        return json.dumps(doc, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "KeySlots":
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("formaat") != FORMAT or doc.get("formaatversie") != FORMAT_VERSION:
                raise ValueError("format")
            return cls(
                workspace_id=str(doc["workspace_id"]),
                generation=int(doc["generation"]),
                slots=tuple(Slot.from_json(s) for s in doc["slots"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise WorkspaceCorrupt(
                "Het sleutelbestand van de werkruimte (keyslots.json) is beschadigd of onleesbaar. "
                "Zet een reservekopie terug of neem contact op met de beheerder."
            ) from exc


def normalise_login(login: str) -> str:
    return login.strip().casefold()


# --- primitives -----------------------------------------------------------

def derive_kek(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=kdf.time_cost, memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism, hash_len=KEY_BYTES, type=Type.ID,
    )


def _aad(workspace_id: str, account_id: str, purpose: str) -> bytes:
    return f"{FORMAT}|{workspace_id}|{account_id}|{purpose}".encode()


def _seal(public_key: bytes, secret: bytes, aad: bytes) -> bytes:
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes_raw()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(public_key))
    k = HKDF(SHA256(), KEY_BYTES, salt=eph_pub + public_key, info=aad).derive(shared)
    nonce = secrets.token_bytes(12)
    return eph_pub + nonce + AESGCM(k).encrypt(nonce, secret, aad)


def _unseal(private_key: bytes, public_key: bytes, blob: bytes, aad: bytes) -> bytes:

    eph_pub, nonce, ct = blob[:32], blob[32:44], blob[44:]
    shared = X25519PrivateKey.from_private_bytes(private_key).exchange(X25519PublicKey.from_public_bytes(eph_pub))
    k = HKDF(SHA256(), KEY_BYTES, salt=eph_pub + public_key, info=aad).derive(shared)
    return AESGCM(k).decrypt(nonce, ct, aad)


def new_db_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def make_slot(workspace_id: str, account_id: str, login: str, passphrase: str, db_keys: dict[int, bytes],
              *, must_change: bool = False, kdf: KdfParams | None = None, kek: bytes | None = None,
              salt: bytes | None = None) -> Slot:
    """Create a slot for an account; ``db_keys`` maps generation -> database key."""
    kdf = kdf or DEFAULT_KDF
    salt = salt or secrets.token_bytes(16)
    kek = kek or derive_kek(passphrase, salt, kdf)
    priv = X25519PrivateKey.generate()
    priv_raw = priv.private_bytes_raw()
    pub_raw = priv.public_key().public_bytes_raw()
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, priv_raw, _aad(workspace_id, account_id, "priv"))
    sealed = {g: _seal(pub_raw, k, _aad(workspace_id, account_id, f"db{g}")) for g, k in db_keys.items()}
    return Slot(account_id, login, kdf, salt, nonce, wrapped, pub_raw, sealed, must_change)


def reseal(workspace_id: str, slot: Slot, db_keys: dict[int, bytes]) -> Slot:
    """Seal (new) database keys to an existing slot's public key, without its passphrase."""
    sealed = {g: _seal(slot.public_key, k, _aad(workspace_id, slot.account_id, f"db{g}")) for g, k in db_keys.items()}
    return replace(slot, sealed=sealed)


def reseal_all(slots: KeySlots, db_keys: dict[int, bytes], *, generation: int) -> KeySlots:
    """Every slot gets exactly ``db_keys`` sealed to its public key; ``generation`` becomes current."""
    if generation not in db_keys:
        raise ValueError("generation must be one of the sealed keys")
    return KeySlots(slots.workspace_id, generation,
                    tuple(reseal(slots.workspace_id, s, db_keys) for s in slots.slots))


def _unwrap_private(workspace_id: str, slot: Slot, passphrase: str, kek: bytes | None = None) -> bytes:

    kek = kek or derive_kek(passphrase, slot.salt, slot.kdf)
    try:
        return AESGCM(kek).decrypt(slot.priv_nonce, slot.priv_wrapped, _aad(workspace_id, slot.account_id, "priv"))
    except InvalidTag as exc:
        raise WrongPassphrase("De combinatie van naam en wachtzin klopt niet.") from exc


def rewrap(workspace_id: str, slot: Slot, old_passphrase: str, new_passphrase: str, *,
           kdf: KdfParams | None = None) -> Slot:
    """Change a slot's passphrase: same key pair and sealed keys, new salt and wrapping.

    Raises WrongPassphrase when ``old_passphrase`` does not open the slot. The
    result never has ``must_change`` set.
    """

    priv = _unwrap_private(workspace_id, slot, old_passphrase)
    kdf = kdf or DEFAULT_KDF
    salt = secrets.token_bytes(16)
    kek = derive_kek(new_passphrase, salt, kdf)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, priv, _aad(workspace_id, slot.account_id, "priv"))
    return replace(slot, kdf=kdf, salt=salt, priv_nonce=nonce, priv_wrapped=wrapped, must_change=False)


# Letters and digits that cannot be mistaken for each other when read aloud or written down.
_OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time_passphrase(groups: int = 5, size: int = 4) -> str:
    """A random one-time passphrase such as ``k7m2-p9qx-4hdt-w3za-n8fe`` (about 99 bits)."""
    return "-".join("".join(secrets.choice(_OTP_ALPHABET) for _ in range(size)) for _ in range(groups))


def unlock_slot(workspace_id: str, slot: Slot, passphrase: str, *, kek: bytes | None = None) -> dict[int, bytes]:
    """Return generation -> db key for this slot, or raise WrongPassphrase."""

    kek = kek or derive_kek(passphrase, slot.salt, slot.kdf)
    try:
        priv = AESGCM(kek).decrypt(slot.priv_nonce, slot.priv_wrapped, _aad(workspace_id, slot.account_id, "priv"))
        return {g: _unseal(priv, slot.public_key, blob, _aad(workspace_id, slot.account_id, f"db{g}"))
                for g, blob in slot.sealed.items()}
    except InvalidTag as exc:
        raise WrongPassphrase("De combinatie van naam en wachtzin klopt niet.") from exc


# --- file IO --------------------------------------------------------------

def read_keyslots(path: Path) -> KeySlots:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise WorkspaceCorrupt(
            "Het sleutelbestand van de werkruimte (keyslots.json) ontbreekt. Zonder dit bestand kan de "
            "werkruimte niet worden geopend. Zet een reservekopie terug."
        ) from exc
    if len(data) > 5_000_000:
        raise WorkspaceCorrupt("Het sleutelbestand van de werkruimte (keyslots.json) is onverwacht groot en wordt niet gelezen.")
    return KeySlots.from_bytes(data)


def write_keyslots(path: Path, slots: KeySlots) -> None:
    """Write atomically: temp file in the same dir, fsync, replace."""
    from ghnt_desktop.storage.files import atomic_write

    atomic_write(path, slots.to_bytes())
