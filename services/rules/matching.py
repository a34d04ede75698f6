"""Finding the rules file's words in what people wrote: whole words, any case, with or
without accents, and Welsh words in their mutated forms too.

A word matches only as a whole word ("gun" is not found in "begun", "knife" not in
"knifeless"); the words of a phrase may be separated by spaces, hyphens or punctuation;
a trailing `*` matches any ending ("strangl*" finds "strangled" and
"strangling"). Welsh words also match after the initial-consonant mutations a word takes
after certain words ("cyllell" → "gyllell", "chyllell", "nghyllell"), because a list of
base forms is what the people who keep the rules write.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
_WORD = re.compile(r"\w+")


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


def words_of(text: str) -> tuple[str, ...]:
    """The text as normalised words: letters and digits, everything else a separator."""
    return tuple(_WORD.findall(normalise(text)))


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    any_ending: bool  # the last word ended in *
    listed: str  # as the rules file spells it

    def matches_at(self, text: Sequence[str], start: int) -> bool:
        end = start + len(self.words)
        if end > len(text):
            return False
        if text[start:end - 1] != self.words[:-1]:
            return False
        last = text[end - 1]
        return last.startswith(self.words[-1]) if self.any_ending else last == self.words[-1]


class WordList:
    """A list of words and phrases; `find` returns the first of them a text contains.

    Texts are compared word by word (see `words_of`), so matching is whole words by
    construction and takes time in proportion to the text, however long the list.
    """

    def __init__(self, english: Iterable[str], welsh: Iterable[str]) -> None:
        forms: dict[str, str] = {}
        for word in english:
            forms.setdefault(normalise(word), word)
        for word in welsh:
            for form in welsh_mutations(word):
                forms.setdefault(form, word)
        self._by_first: dict[str, list[_Entry]] = {}
        self._prefixes: list[_Entry] = []  # single words ending in *: tried on every word
        for form, listed in forms.items():
            any_ending = form.endswith("*")
            words = words_of(form.rstrip("*"))
            if not words:
                continue
            entry = _Entry(words, any_ending, listed)
            if any_ending and len(words) == 1:
                self._prefixes.append(entry)
            else:
                self._by_first.setdefault(words[0], []).append(entry)
        self._size = len(forms)

    def find(self, text: Sequence[str]) -> str | None:
        """The listed word or phrase (as the rules file spells it) found first in `text`, a
        sequence of words from `words_of`; None if there is none."""
        for index, word in enumerate(text):
            for entry in self._by_first.get(word, ()):
                if entry.matches_at(text, index):
                    return entry.listed
            for entry in self._prefixes:
                if word.startswith(entry.words[0]):
                    return entry.listed
        return None

    def __len__(self) -> int:
        return self._size
