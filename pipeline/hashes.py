"""Hash functions without OpenSSL: `import hashlib` loads it, 2.5 ms of every `msm check`.

`blake2b` is the standard library's built-in `_blake2` (hashlib's own blake2b is that one)
and `sha256_hex` its built-in SHA-256 (`_sha2` since Python 3.12, `_sha256` before): the
same digests as hashlib's. A Python built without them falls back to hashlib. The built-in
SHA-256 is slower than OpenSSL's (6x on 280 KB): for short texts only (a path's name).
"""

from __future__ import annotations

from typing import Any

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without its own blake2
    from hashlib import blake2b

__all__ = ["blake2b", "sha256_hex"]

_sha256: Any = None


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data` in hexadecimal, as `hashlib.sha256(data).hexdigest()` gives it."""
    global _sha256
    if _sha256 is None:
        for name in ("_sha2", "_sha256"):  # Python 3.12+, 3.11
            try:
                _sha256 = __import__(name).sha256
                break
            except (ImportError, AttributeError):
                continue
        else:  # pragma: no cover - a Python built without its own SHA-2
            from hashlib import sha256

            _sha256 = sha256
    digest: str = _sha256(data).hexdigest()
    return digest
