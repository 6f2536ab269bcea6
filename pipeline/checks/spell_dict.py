"""Hunspell dictionaries for the spelling check: find, load once, look each word up once.

The binding is chunspell (a manylinux wheel that bundles libhunspell: nothing to compile,
no system library), reading the dictionaries Debian's `hunspell-*` packages install in
/usr/share/hunspell. Loading is the expensive part (CPU time: Basque's Xuxen ≈3 s, Greek and
Polish ≈0.5 s, the others 0.1–0.3 s), so:

- a dictionary is loaded only when a word needs it, once per process (on a first run with
  worker processes, once before they fork: spelling.prepare), and once for all the names
  that are links to the same files (Debian's eu_ES and eu, nl_BE and nl, fr_FR and fr);
- every verdict (right, or wrong with its first suggestions) is kept in a per-user cache
  file for that dictionary (`$XDG_CACHE_HOME/msm/spelling/`, keyed by the dictionary files'
  size and modification time), so a run that meets no new word loads no dictionary at all;
- Basque's affix file is loaded from a copy with each suffix class's rules sorted
  (spell_affix.py: the same rules, half the loading time).

The cache is only ever appended to (one write per batch, each line whole or ignored when
read back), so concurrent runs and the runner's worker processes cannot corrupt it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import languages
from pipeline.checks.spell_paths import (
    find,
    find_all,
    search_dirs,
)
from pipeline.checks.spell_paths import fingerprint as _fingerprint
from pipeline.fsutil import read_bytes
from pipeline.glossary.normalise import skeleton

if TYPE_CHECKING:  # read on the first slip scan: a run that meets no new word makes none
    from pipeline.checks.spell_shapes import Shapes

CACHE_ENV = "MSM_SPELLING_CACHE"  # the verdict cache folder ("off": no cache on disk)
SUGGESTIONS = 3  # suggestions kept per misspelt word
_LONGEST = 30  # letters; longer words get no suggestion (each letter costs look-ups)
_BUDGET = 1_500  # look-ups of candidate words per misspelt word
# A word's verdict: right; wrong (suggestions not asked for yet); wrong with no suggestion;
# else wrong, with its suggestions joined by "\x1f". A later line of the cache file wins.
_RIGHT, _WRONG, _WRONG_NO_SUGGESTION = "", "\x1d", "\x1e"


def missing_note(lang: str) -> str:
    """One line saying the check is skipped for a language, and how to install what it lacks."""
    found = languages.find(lang)
    names = ", ".join(found.hunspell) if found is not None and found.hunspell else "none known"
    package = found.hunspell_package if found is not None else ""
    how = f" (Debian: apt-get install {package})" if package else ""
    return (
        f"spelling skipped for {lang}: no Hunspell dictionary ({names}) in "
        f"{', '.join(str(d) for d in search_dirs()) or 'no folder'}{how}"
    )


def _cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "msm" / "spelling"


class Speller:  # a plain class: a dataclass cost ~0.7 ms of start-up
    """One language's dictionary, loaded on first need, with every verdict remembered."""

    def __init__(
        self,
        lang: str,
        base: Path,
        verdicts: dict[str, str] | None = None,
        cache_folder: Path | None = None,  # where verdicts are kept across runs (None: not kept)
        cache_file: Path | None = None,
    ) -> None:
        self.lang = lang
        self.base = base
        self.verdicts: dict[str, str] = verdicts if verdicts is not None else {}
        self.cache_folder = cache_folder
        self.cache_file = cache_file
        self._hunspell: Any = None
        self._pending: list[str] = []
        self._try: str | None = None
        self._read = False  # whether the verdicts of earlier runs are in `verdicts` yet
        self.lookups = 0  # words this speller asked its dictionary (what a first run costs)
        self._shapes: Shapes | None = None  # spell_shapes.read, on the first slip scan
        self._shapes_read = False

    @classmethod
    def open(cls, lang: str, base: Path) -> Speller:
        """A speller over `base`; the verdicts of earlier runs are read from the cache on its
        first word (a run prepares every language of the project, and may check one)."""
        return cls(lang, base, cache_folder=_cache_dir())

    def _known(self) -> dict[str, str]:
        """The verdicts, with those of earlier runs read from the cache on first use."""
        if not self._read:
            self._read = True
            if self.cache_folder is not None:
                try:
                    self.cache_file = self.cache_folder / f"{_fingerprint(self.base)}.tsv"
                    self._read_cache()
                except OSError:
                    self.cache_file = None  # no cache: every run looks words up afresh
        return self.verdicts

    def _read_cache(self) -> None:
        assert self.cache_file is not None
        try:
            data = self.cache_file.read_bytes()
        except FileNotFoundError:
            return
        text = data.decode("utf-8", "replace")
        for line in text.split("\n")[:-1]:  # a last line without its newline is not whole
            word, tab, verdict = line.partition("\t")
            if tab and word:
                self.verdicts[word] = verdict

    def _dictionary(self) -> Any:
        if self._hunspell is None:
            self._hunspell = _LOADED.get(self.base)
            if self._hunspell is None:
                # Debian installs one language's dictionaries as links to the same files
                # (eu_ES → eu, nl_BE → nl, fr_FR → fr): loaded once (Basque ≈1.8 s CPU)
                files = _files(self.base)
                self._hunspell = _LOADED_FILES.get(files)
                if self._hunspell is None:
                    self._hunspell = _LOADED_FILES[files] = self._load()
                    if len(_LOADED_FILES) == 1:
                        atexit.register(_left_to_the_system)
                _LOADED[self.base] = self._hunspell
        return self._hunspell

    def _load(self) -> Any:
        import hunspell  # chunspell's module, only when a word needs the dictionary

        from pipeline.checks.spell_affix import faster_base

        path = faster_base(self.base, _cache_dir(), _fingerprint(self.base))
        return hunspell.Hunspell(path.name, hunspell_data_dir=str(path.parent))

    def remembered(self) -> bool:
        """Whether earlier runs left verdicts (read from the cache now, if not yet)."""
        return bool(self._known())

    def load(self) -> None:
        """Load the dictionary now (before worker processes fork, which then share it)."""
        self._dictionary()

    def said_right(self, word: str) -> bool:
        """Whether a look-up of this run or an earlier one (the cache) found `word` right;
        never looks it up."""
        return self._known().get(word) == _RIGHT

    def right(self, word: str) -> bool:
        """Whether the dictionary knows `word` (looked up once, then remembered)."""
        verdict = self._known().get(word)
        if verdict is None:
            self.lookups += 1
            try:
                verdict = _RIGHT if self._dictionary().spell(word) else _WRONG
            except UnicodeError:  # a letter the dictionary's encoding lacks (ó for Greek)
                verdict = _WRONG_NO_SUGGESTION
            self._remember(word, verdict)
        return verdict == _RIGHT

    def right_or_title(self, word: str) -> bool:
        """Whether the dictionary knows `word` as it is or capitalised (αθήνα: Αθήνα)."""
        return self.right(word) or self.right(word.capitalize())

    def _remember(self, word: str, verdict: str) -> None:
        self.verdicts[word] = verdict
        self._pending.append(f"{word}\t{verdict}\n")

    def _suggest(self, word: str) -> str:
        found = self._near(word)
        return "\x1f".join(found) if found else _WRONG_NO_SUGGESTION

    def _near(self, word: str) -> list[str]:
        """The first few words the dictionary knows one edit away from `word`, the likeliest
        slips first: two letters swapped, an accent changed, a letter left out, one
        replaced, one added (letters in the order of the dictionary's TRY line, most
        frequent first), within a budget of look-ups. Hunspell's own suggest() also tries
        n-grams and takes 0.3–1.5 s a word; this takes a few milliseconds (Basque, whose
        look-ups are slow, up to about a second) and finds typing slips."""
        if len(word) > _LONGEST or not word.isalpha():
            return []
        spell = self._dictionary().spell
        lower = word.lower()
        title = word[:1].isupper() and word[1:].islower()
        letters = self._letters() or "".join(dict.fromkeys(lower))
        shapes = self._word_shapes()  # None: every candidate is looked up
        found: list[str] = []
        tried: set[str] = {lower}
        budget = _BUDGET
        for group in _edits(lower, letters):
            for candidate in group:
                if candidate in tried:
                    continue
                tried.add(candidate)
                budget -= 1
                shown = candidate.capitalize() if title else candidate
                # Hunspell takes a capitalised word as written or in lower case
                if (
                    shapes is None
                    or shapes.may_know(candidate)
                    or (title and shapes.may_know(shown))
                ):
                    self.lookups += 1
                    try:
                        if spell(shown):
                            found.append(shown)
                    except UnicodeError:
                        pass
                if budget <= 0:
                    return found[:SUGGESTIONS]
            if len(found) >= SUGGESTIONS:
                break
        return found[:SUGGESTIONS]

    def one_slip(self, word: str) -> tuple[list[str], list[str]]:
        """`word` one slip (`_edits`) off: with a letter put in; the rest, its case kept."""
        lower = word.lower()
        swapped, accents, added, dropped, replaced = _edits(lower, self._letters() or lower)
        others = [*swapped, *accents, *dropped, *replaced]
        return list(added), [w.capitalize() if word[:1].isupper() else w for w in others]

    def _word_shapes(self) -> Shapes | None:
        """What the dictionary's words are made of, when that can skip look-ups."""
        if not self._shapes_read:
            self._shapes_read = True
            from pipeline.checks.spell_shapes import read

            self._shapes = read(self.base)
        return self._shapes

    def _letters(self) -> str:
        """The lower-case letters of the dictionary's TRY line (in its SET encoding)."""
        if self._try is None:
            self._try = ""
            try:
                data = read_bytes(self.base.with_suffix(".aff"))
            except OSError:
                return ""
            encoding = "utf-8"
            for line in data.split(b"\n"):
                if line.startswith(b"SET "):
                    encoding = line[4:].strip().decode("ascii", "replace")
                elif line.startswith(b"TRY "):
                    try:
                        text = line[4:].strip().decode(encoding, "replace")
                    except LookupError:
                        text = line[4:].strip().decode("utf-8", "replace")
                    lowered = (c.lower() for c in text if c.isalpha())
                    self._try = "".join(dict.fromkeys(lowered))
                    break
        return self._try

    def suggestions(self, word: str) -> list[str]:
        """The first few suggestions for a word the dictionary does not know."""
        if self.right(word):
            return []
        verdict = self.verdicts[word]
        if verdict == _WRONG:
            verdict = self._suggest(word)
            self._remember(word, verdict)
        if verdict == _WRONG_NO_SUGGESTION:
            return []
        return verdict.split("\x1f")

    def flush(self) -> None:
        """Append the new verdicts to the cache file (one write; best effort)."""
        if not self._pending or self.cache_file is None:
            self._pending.clear()
            return
        data = "".join(self._pending).encode("utf-8")
        self._pending.clear()
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.cache_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
        except OSError:
            self.cache_file = None  # a read-only home: go on without a cache


def _edits(word: str, letters: str) -> Iterator[Iterator[str]]:
    """The words one edit away from `word`, in groups, the likeliest slips first."""
    size = len(word)

    def swapped() -> Iterator[str]:
        for at in range(size - 1):
            yield word[:at] + word[at + 1] + word[at] + word[at + 2 :]

    def accents() -> Iterator[str]:
        for at in range(size):
            key = skeleton(word[at])
            for letter in letters:
                if letter != word[at] and skeleton(letter) == key:
                    yield word[:at] + letter + word[at + 1 :]

    def added() -> Iterator[str]:  # the writer left a letter out
        for letter in letters:
            for at in range(size + 1):
                yield word[:at] + letter + word[at:]

    def replaced() -> Iterator[str]:
        for letter in letters:
            for at in range(size):
                if letter != word[at]:
                    yield word[:at] + letter + word[at + 1 :]

    def dropped() -> Iterator[str]:  # the writer typed one letter too many
        for at in range(size):
            yield word[:at] + word[at + 1 :]

    yield swapped()
    yield accents()
    yield added()
    yield dropped()
    yield replaced()


# One speller per dictionary (and cache folder) and process, and each dictionary loaded once
# per process: tests and long-lived processes load each once.
_LOADED: dict[Path, Any] = {}
_LOADED_FILES: dict[tuple[Path, Path], Any] = {}  # the same, by the files links lead to


def _left_to_the_system() -> None:
    """At exit, the loaded dictionaries are not freed one by one: Python would free every
    table of each as it shuts down (Greek 0.26 s of CPU, Polish 0.16 s, ≈0.75 s for the
    nine), after the report is out, for nothing: the system takes the memory back with the
    process. Each keeps one reference more, so none is freed."""
    import ctypes

    for dictionary in _LOADED_FILES.values():
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(dictionary))


def load_seconds(spellers: list[Speller]) -> float:
    """About what loading the spellers' dictionaries costs, in CPU seconds, from their files'
    sizes (Basque's 2.7 MB of affix rules ≈2 s, Greek's 10 MB word list ≈0.6 s); files
    already loaded, or counted once (links to the same files), add nothing."""
    total = 0.0
    counted: set[tuple[Path, Path]] = set()
    for one in spellers:
        files = _files(one.base)
        if files in counted or files in _LOADED_FILES:
            continue
        counted.add(files)
        with contextlib.suppress(OSError):
            total += files[0].stat().st_size * 0.7e-6 + files[1].stat().st_size * 0.06e-6
    return total


def _files(base: Path) -> tuple[Path, Path]:
    """The .aff and .dic files a dictionary's name leads to, links followed."""
    return base.with_suffix(".aff").resolve(), base.with_suffix(".dic").resolve()


_SPELLERS: dict[tuple[Path, Path | None], Speller] = {}


def other_spellers(lang: str, first: Speller) -> list[Speller]:
    """The language's dictionaries after `first` (en_US beside en_GB), less those whose
    files are `first`'s or an earlier one's: Debian's eu beside eu_ES, nl beside nl_BE, fr
    beside fr_FR are links to the same files, whose verdicts are the same, so asking them
    again about a word the first rejected only cost look-ups (Basque ≈1 ms each)."""
    seen = {_files(first.base)}
    found: list[Speller] = []
    for base in find_all(lang)[1:]:
        files = _files(base)
        if files not in seen:
            seen.add(files)
            found.append(Speller.open(lang, base))
    return found


def speller(lang: str) -> Speller | None:
    """The speller of a language, shared by every run in this process; None when missing."""
    base = find(lang)
    if base is None:
        return None
    key = (base, _cache_dir())
    found = _SPELLERS.get(key)
    if found is None:
        found = _SPELLERS[key] = Speller.open(lang, base)
    return found
