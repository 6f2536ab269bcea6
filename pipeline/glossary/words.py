"""The project's spelling word lists: `glossary/words/<lang>.txt`, one word or name a line.

Words that are right but in no dictionary (city names, programme names, acronyms, with
their inflected forms where the language inflects names). `#` starts a comment line. The
spelling check reads them; `msm spelling add` merges new words in: the file is read, the
words added, the whole sorted and written back atomically, and only if nobody changed the
file meanwhile (safewrite.py). Nothing already listed is ever dropped, comments included.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Final

from pipeline import languages
from pipeline.confine import confine
from pipeline.errors import UsageError

WORDS_DIR = Path("glossary") / "words"


def words_path(root: Path, lang: str) -> Path:
    """The word list of a language in a project."""
    return root / WORDS_DIR / f"{languages.get(lang).code}.txt"


def parse_words(text: str) -> list[str]:
    """The words of a word list's text (comments and blank lines left out), in NFC."""
    found = []
    for line in text.split("\n"):
        word = line.strip()
        if word and not word.startswith("#"):
            found.append(unicodedata.normalize("NFC", word))
    return found


def read_words(root: Path, lang: str) -> list[str]:
    """The words listed for a language (none when the project has no list for it)."""
    path = words_path(root, lang)
    if not path.is_file():
        return []
    confine(path, root, "word list")
    from pipeline.fsutil import read_bytes  # bounded, regular files only

    return parse_words(read_bytes(path).decode("utf-8"))


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.5 ms of
# start-up (its methods compiled from source), and nothing compares, hashes or prints it.
class Added:
    """What `msm spelling add` did: the file, the words it added, those already there."""

    def __init__(
        self,
        path: Path,
        added: tuple[str, ...],
        known: tuple[str, ...],
    ) -> None:
        self.path: Final = path
        self.added: Final = added
        self.known: Final = known


def _valid(word: str) -> str:
    word = unicodedata.normalize("NFC", word.strip())
    if not word or word.startswith("#") or not word.isprintable():
        raise UsageError(f"not a word for the word list: {word!r}")
    return word


def add_words(root: Path, lang: str, new: list[str], dry_run: bool = False) -> Added:
    """Merge words into a language's list: comments kept on top, words sorted, none lost."""
    path = confine(words_path(root, lang), root, "word list")
    wanted = list(dict.fromkeys(_valid(w) for w in new))
    from pipeline.safewrite import read_text_seen, replace_if_unchanged  # only when writing

    text, seen = read_text_seen(path)
    lines = (text or "").split("\n")
    comments = [line for line in lines if line.strip().startswith("#")]
    present = parse_words(text or "")
    known = tuple(w for w in wanted if w in present)
    added = tuple(w for w in wanted if w not in present)
    if added and not dry_run:
        merged = sorted({*present, *added}, key=lambda w: (w.casefold(), w))
        body = "\n".join([*comments, *merged]) + "\n"
        replace_if_unchanged(path, body.encode("utf-8"), seen)
    return Added(path, added, known)
