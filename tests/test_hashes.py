"""pipeline/hashes.py gives hashlib's digests without loading OpenSSL."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from pipeline.hashes import blake2b, sha256_hex


@given(st.binary(max_size=2_000), st.integers(1, 64), st.binary(max_size=300))
def test_the_same_digests_as_hashlib(data: bytes, size: int, more: bytes):
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    ours = blake2b(data, digest_size=size)
    ours.update(more)
    theirs = hashlib.blake2b(data, digest_size=size)
    theirs.update(more)
    assert ours.hexdigest() == theirs.hexdigest()


def test_no_openssl_loaded():
    code = (
        "import sys\n"
        "from pipeline.hashes import blake2b, sha256_hex\n"
        "blake2b(b'x').hexdigest(), sha256_hex(b'x')\n"
        "from pipeline.checks import consistency, result_cache, spell_paths\n"
        "from pipeline.glossary import compiled\n"
        "print(sorted({'hashlib', '_hashlib'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_runners_part_pickles_with_its_fields():
    # worker processes send it back pickled (compiled by mypyc too: by its __reduce__)
    from pipeline.checks.runner import _Part

    part = _Part([("a.po", 1)], {"a.po": {"x"}}, [], {"a.po"}, {"c": [1]}, [("a", "b")], False)
    back = pickle.loads(pickle.dumps(part))
    fields = ("findings", "ran", "errors", "files", "gathered", "missing", "as_fields", "fresh")
    assert [getattr(back, name) for name in fields] == [getattr(part, name) for name in fields]
    assert back.fresh == {} and back.as_fields is False
