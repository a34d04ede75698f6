"""References: unguessable, free of look-alike characters, and self-checking."""

from __future__ import annotations

import re

from services.references import ALPHABET, is_valid_reference, new_reference, normalise_reference


def test_format_and_alphabet() -> None:
    for _ in range(500):
        reference = new_reference("WMP")
        assert re.fullmatch(r"WMP-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
        assert not set(reference[4:].replace("-", "")) & set("01ILOU")
        assert is_valid_reference(reference, "WMP")
        assert re.fullmatch(r"^[A-Z0-9][A-Z0-9-]{5,31}$", reference)  # the contract's ForceReference


def test_random_enough_that_thousands_never_collide() -> None:
    references = {new_reference("WMP") for _ in range(20_000)}
    assert len(references) == 20_000


def test_check_character_catches_single_typos_and_swaps() -> None:
    reference = new_reference("WMP")
    body = reference[4:8] + reference[9:13]
    for position in range(8):
        for replacement in ALPHABET:
            if replacement == body[position]:
                continue
            typo = body[:position] + replacement + body[position + 1:]
            assert not is_valid_reference(f"WMP-{typo[:4]}-{typo[4:]}"), "a one-character typo passed the check"
    for position in range(7):
        swapped = body[:position] + body[position + 1] + body[position] + body[position + 2:]
        if swapped != body:
            assert not is_valid_reference(f"WMP-{swapped[:4]}-{swapped[4:]}"), "a swap passed the check"


def test_other_forces_and_bad_shapes_are_refused() -> None:
    reference = new_reference("WMP")
    assert not is_valid_reference(reference, "GMP")
    for bad in ("", "WMP", "WMP-AAAA", "wmp-aaaa-aaaa", "WMP-0000-0000", "WMP-AAAA-AAAA-AAAA"):
        assert not is_valid_reference(bad)


def test_normalising_what_people_type() -> None:
    reference = new_reference("WMP")
    compact = reference.replace("-", "").lower()
    assert normalise_reference(f"  {compact[:5]} {compact[5:]} ") == reference
    assert normalise_reference(reference.lower()) == reference
