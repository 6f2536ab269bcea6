"""The language a PO file's `Language:` header names, and how it fits the file's language.

gettext writes `ll` or `ll_CC` (`nl`, `nl_BE`, `pt_BR`, `sr@latin`), other tools BCP 47
(`nl-BE`, `pt-PT`): all are read. A header naming the same language as expected in another
region or none (`nl` for an `nl-BE` catalogue) is noted, another language warned about; a
language msm does not know is said as such, never as a missing header.
"""

from __future__ import annotations

from pipeline import languages
from pipeline.errors import Diagnostic, Severity, UsageError
from pipeline.languages import Language

CODE = "po-language"  # the diagnostics' code, and the check that reports them


def normalised(value: str) -> str:
    """`pt_BR.UTF-8@euro` -> `pt-BR`: a gettext locale name as a BCP 47 tag."""
    tag = value.strip().split("@", 1)[0].split(".", 1)[0]
    return tag.replace("_", "-")


def from_header(value: str) -> tuple[Language | None, bool]:
    """The language a `Language:` header names, and whether it names it exactly (False: the
    same language in another region, or none: `nl` for nl-BE). None: empty, or not ours."""
    tag = normalised(value)
    if not tag:
        return None, False
    exact = languages.find(tag) or languages.find(value.strip())
    if exact is not None:
        return exact, True
    primary = tag.split("-", 1)[0].casefold()
    related = [
        lang
        for lang in languages.LANGUAGES.values()
        if lang.code.split("-", 1)[0].casefold() == primary
    ]
    if len(related) == 1:
        return related[0], False
    return None, False


def _primary(code: str) -> str:
    return code.split("-", 1)[0].casefold()


def catalogue_language(
    header: str, expected: str | None, path: str, line: int | None
) -> tuple[str, list[Diagnostic]]:
    """The language to check a catalogue as, and what to say about its header.

    `expected`: the language the file's name, its folder or --lang gives (None: unknown).
    An exact header wins (as before); otherwise the expected language; otherwise the one
    language of ours the header's language is (nl -> nl-BE). UsageError when none is known.
    """
    value = header.strip()
    stated, exact = from_header(value)
    notes: list[Diagnostic] = []

    def say(severity: Severity, message: str) -> None:
        notes.append(Diagnostic(path, line, severity, message, CODE))

    if stated is not None and exact:
        if expected is not None and stated.code != expected:
            if _primary(stated.code) == _primary(expected):
                say("info", f"Language: {value} ({stated.code}), but the file is {expected}")
            else:
                say("warning", f"Language: {value} ({stated.name}), but the file is {expected}")
        return stated.code, notes
    if expected is not None:
        if not value:
            return expected, notes
        if stated is not None and _primary(stated.code) == _primary(expected):
            say("info", f"Language: {value}; checked as {expected}")
        else:
            say("warning", f"Language: {value} is not {expected}, the language of this file")
        return expected, notes
    if stated is not None:
        say("info", f"Language: {value}; checked as {stated.code}, the nearest msm knows")
        return stated.code, notes
    if value:
        known = ", ".join(languages.LANGUAGES)
        raise UsageError(
            f"{path}: Language: {value} is not a language msm knows ({known}); "
            "pass --lang to check it as one of them"
        )
    raise UsageError(f"{path}: no Language header and no language in the file name; pass --lang")
