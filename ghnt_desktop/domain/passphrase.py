"""Passphrase policy: a minimum length and a plain-Dutch strength hint."""
from __future__ import annotations

import math
from dataclasses import dataclass

MIN_LENGTH = 12


@dataclass(frozen=True)
class Sterkte:
    score: int  # 0..4
    label: str
    hint: str
    voldoende: bool


def controleer(wachtzin: str, *, login: str = "", min_length: int = MIN_LENGTH) -> Sterkte:
    """Judge a passphrase. ``voldoende`` is the hard rule; ``hint`` helps make it stronger."""
    w = wachtzin
    if len(w) < min_length:
        return Sterkte(0, "Te kort", f"Gebruik minstens {min_length} tekens. Een zin van een paar woorden werkt goed.", False)
    if login and login.strip() and login.strip().casefold() in w.casefold():
        return Sterkte(0, "Te zwak", "Gebruik je naam niet in de wachtzin.", False)
    if len(set(w)) < 5:
        return Sterkte(0, "Te zwak", "Gebruik meer verschillende tekens.", False)
    pool = 0
    pool += 26 if any(c.islower() for c in w) else 0
    pool += 26 if any(c.isupper() for c in w) else 0
    pool += 10 if any(c.isdigit() for c in w) else 0
    pool += 33 if any(not c.isalnum() for c in w) else 0
    bits = len(w) * math.log2(max(pool, 2)) * min(1.0, len(set(w)) / 10)
    words = len([p for p in w.replace("-", " ").split() if p])
    if bits >= 90 or (words >= 4 and len(w) >= 20):
        return Sterkte(4, "Sterk", "Goed gekozen.", True)
    if bits >= 70:
        return Sterkte(3, "Redelijk sterk", "Nog een woord erbij maakt hem sterker.", True)
    return Sterkte(2, "Matig", "Maak hem langer, bijvoorbeeld met nog twee woorden.", True)
