"""A glossary compiled once: the matcher's indexes saved in the project's cache folder.

Reading a term base of 10,000 concepts (90,000 terms) from CSV, validating it and indexing
every language takes about as long as checking a small channel; the glossary changes far
less often than the subtitles. So the first run saves the indexes (and the forbidden-term
screens, as pattern text) to `.msm-cache/glossary-<key>.bin` and later runs load them (a
tenth of the time) until the glossary file, msm's glossary code or Python changes: the key
is a hash of all three.
Concepts and terms are rebuilt only when a text mentions them.

The file is written with `marshal` (plain lists, dicts and strings; fast to load), each
language's index marshalled apart and read when a text of that language first needs it (a
one-track run reads two of nine). It is a cache of the project's own data in a git-ignored
folder: a file that does not load is rebuilt, never trusted (a language's index that does
not load is built from the concepts).
"""

from __future__ import annotations

import gc
import marshal
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.errors import InputError
from pipeline.fsutil import MAX_CACHE_BYTES, atomic_write_bytes, read_bytes
from pipeline.glossary.files import parse_termbase
from pipeline.glossary.matcher import Matcher
from pipeline.hashes import blake2b

FORMAT = 5  # bump when the saved layout or the key changes (5: blake2b, languages apart)
_CODE = ("matcher.py", "morphology.py", "normalise.py", "model.py", "csv_io.py", "tbx.py")
PREFIX = "glossary-"


def cache_key(data: bytes) -> str:
    """What the compiled form depends on: the glossary's bytes, the code, msm and Python."""
    # blake2b: hashlib (for its SHA-256) loads OpenSSL, 2.5 ms of every start-up
    digest = blake2b(data, digest_size=16)
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    digest.update(f"{FORMAT}/{__version__}/{sys.version}/{marshal.version}".encode())
    return digest.hexdigest()[:32]


def load_matcher(path: Path, cache_dir: Path | None = None) -> Matcher:
    """A matcher for the term base at `path`, from `cache_dir` when compiled there before."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the glossary: {exc.strerror or exc}") from None
    if cache_dir is None:
        return Matcher(parse_termbase(data, str(path), path))
    cached = cache_dir / f"{PREFIX}{cache_key(data)}.bin"
    matcher = _load(cached)
    if matcher is not None:
        return matcher
    matcher = Matcher(parse_termbase(data, str(path), path))
    _save(matcher, cached)
    return matcher


def _load(cached: Path) -> Matcher | None:
    try:
        blob = read_bytes(cached, MAX_CACHE_BYTES)
    except OSError:
        return None
    # Loading creates some 100,000 small lists and dicts with no cycles among them: the
    # cycle collector would walk the growing heap again and again for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        raw, indexes, screens = marshal.loads(blob)
        if not all(type(index) is bytes for index in indexes.values()):
            return None
        return Matcher.from_saved(raw, indexes, screens)
    except (EOFError, ValueError, TypeError):
        return None  # damaged or from another layout: rebuilt by the caller
    finally:
        if enabled:
            gc.enable()


def _save(matcher: Matcher, cached: Path) -> None:
    """Write the compiled glossary (best effort: a read-only project still gets checked)."""
    try:
        raw, indexes = matcher.saved()
        # each language's index apart: a run unmarshals only those of its languages
        apart = {lang: marshal.dumps(index) for lang, index in indexes.items()}
        blob = marshal.dumps((raw, apart, matcher.saved_screens()))
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cached, blob)
        for old in cached.parent.glob(f"{PREFIX}*.bin"):
            if old != cached:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
