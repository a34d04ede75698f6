"""Finding the rules file's words in what people wrote: whole words, any case, with or
without accents, and Welsh words in their mutated forms too.

A word matches only as a whole word ("gun" is not found in "begun", "knife" not in
"knifeless"); a trailing `*` matches any ending ("strangl*" finds "strangled" and
"strangling"). Welsh words also match after the initial-consonant mutations a word takes
after certain words ("cyllell" → "gyllell", "chyllell", "nghyllell"), because a list of
base forms is what the people who keep the rules write.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Welsh initial mutations, longest radical first so "ll" is tried before "l".
# Soft, nasal and aspirate mutation of each radical consonant.
_MUTATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ll", ("l",)),
    ("rh", ("r",)),
    ("c", ("g", "ngh", "ch")),
    ("p", ("b", "mh", "ph")),
    ("t", ("d", "nh", "th")),
    ("g", ("", "ng")),
    ("b", ("f", "m")),
    ("d", ("dd", "n")),
    ("m", ("f",)),
)
# Digraphs that are letters of their own and never mutate like their first character.
_NOT_RADICAL = ("ch", "ph", "th", "ng", "dd", "ff")
_VOWELS = "aeiouwy"
# A mutated form shorter than this is more likely another word than the one meant.
_MIN_MUTATED_LENGTH = 3


def normalise(text: str) -> str:
    """Lower case, accents removed, curly apostrophes and dashes made plain, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2010", "-")
    return " ".join(plain.split())


def welsh_mutations(word: str) -> list[str]:
    """The word and the forms its first letter takes after soft, nasal and aspirate mutation,
    and with h- before a vowel. Only the first word of a phrase mutates."""
    word = normalise(word)
    forms = [word]
    if word.startswith(_NOT_RADICAL):
        return forms
    for radical, mutated in _MUTATIONS:
        if word.startswith(radical):
            rest = word[len(radical):]
            forms.extend(prefix + rest for prefix in mutated)
            break
    else:
        if word[:1] in _VOWELS:
            forms.append("h" + word)
    return [form for form in dict.fromkeys(forms) if form == word or len(form.split(" ")[0].rstrip("*")) >= _MIN_MUTATED_LENGTH]


def word_pattern(word: str) -> str:
    """The regular expression for one word or phrase: whole words, spaces and hyphens
    between words interchangeable, a trailing `*` for any ending."""
    word = normalise(word)
    stem = word[:-1] if word.endswith("*") else word
    parts = [re.escape(part) for part in re.split(r"[\s-]+", stem) if part]
    body = r"[\s-]*".join(parts)
    ending = r"\w*" if word.endswith("*") else ""
    return r"(?<!\w)" + body + ending + r"(?!\w)"


class WordList:
    """A compiled list of words; `find` returns the first word of the list the text contains."""

    def __init__(self, english: Iterable[str], welsh: Iterable[str]) -> None:
        forms: dict[str, str] = {}
        for word in english:
            forms.setdefault(normalise(word), word)
        for word in welsh:
            for form in welsh_mutations(word):
                forms.setdefault(form, word)
        self._words = list(forms.values())
        self._forms = list(forms)
        self._pattern = re.compile("|".join(f"({word_pattern(form)})" for form in self._forms))

    def find(self, normalised_text: str) -> str | None:
        """The listed word (as the rules file spells it) behind the first match, or None."""
        found = self._pattern.search(normalised_text)
        if found is None:
            return None
        return self._words[found.lastindex - 1] if found.lastindex else None

    def __len__(self) -> int:
        return len(self._words)
