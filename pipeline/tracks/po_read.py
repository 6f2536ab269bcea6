"""Read a PO catalogue in one pass: the entries, validated on the way, as `parse_po` would.

`parse_po` (po_io.py) makes three passes and a heavy object per entry: the grammar line by
line (`lint_syntax`), polib's parser, then a search for duplicate entries. `msm check` reads
every catalogue of a project on every run, so this module does all three in one pass over the
lines: the same grammar rules and messages as `lint_syntax`, polib's state machine (the same
entries and fields; the same error on the files the grammar lets through), and the same
duplicate check, each problem at the same `path:line`. Writers keep using `parse_po`: they
need polib's objects to change and render. tests/tracks/test_po_read.py holds this module to
`parse_po` and polib on generated catalogues, good and broken.

Long: the one-pass reader mirrors three readers (the grammar, polib's state machine, the
duplicate check) rule for rule; one file keeps each rule beside its twin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import Diagnostic, InputError
from pipeline.tracks.po_io import _CONTINUATION, _KEYWORD_LINE, Key

_EMPTY_DICT: dict[int, str] = {}  # shared until an entry gets plural translations
_EMPTY_LIST: list[Any] = []  # shared until an entry gets occurrences or flags

# polib's state machine: (symbol, state) -> next state. States and symbols: st start,
# he header comment, tc translator comment, gc generated comment, oc occurrence, fl flags,
# ct msgctxt, pc/pm/pp previous msgctxt/msgid/msgid_plural, mi msgid, mp msgid_plural,
# ms msgstr, mx msgstr[n], mc continuation (which never changes the state).
_ALL = ("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi")
_TRANSITIONS: dict[tuple[str, str], str] = {}
for _symbol, _states, _next in (
    ("tc", ("st", "he"), "he"),
    ("tc", ("gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mp", "mx", "mi"), "tc"),
    ("gc", _ALL, "gc"),
    ("oc", _ALL, "oc"),
    ("fl", _ALL, "fl"),
    ("pc", _ALL, "pc"),
    ("pm", _ALL, "pm"),
    ("pp", _ALL, "pp"),
    ("ct", ("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"), "ct"),
    ("mi", ("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"), "mi"),
    ("mp", ("tc", "gc", "pc", "pm", "pp", "mi"), "mp"),
    ("ms", ("mi", "mp", "tc"), "ms"),
    ("mx", ("mi", "mx", "mp", "tc"), "mx"),
    ("mc", ("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"), "mc"),
):
    for _state in _states:
        _TRANSITIONS[(_symbol, _state)] = _next
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_NEW_ENTRY_AFTER = ("ms", "mx")  # a comment or keyword in these states starts a new entry
_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\"}
_STRING = re.compile(_CONTINUATION.pattern.removeprefix(r"^\s*").removesuffix(r"\s*$"))


def unescape(text: str) -> str:
    """polib's unescape: `\\\\ \\n \\t \\r \\v \\b \\f \\"`; any other escape is kept as written."""
    if "\\" not in text:
        return text
    # Only line breaks (the common case): if no backslash is left once every `\\n` is
    # replaced, each one began a `\\n`, and replacing them is what the expression does.
    replaced = text.replace("\\n", "\n")
    if "\\" not in replaced:
        return replaced
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), text)


class PoEntry:
    """One catalogue entry, with polib's field names (what the checks and the builder read)."""

    __slots__ = (
        "_comment",
        "_notes",
        "_occurrence_lines",
        "_occurrences",
        "flags",
        "line",
        "linenum",
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "msgstr_plural",
        "obsolete",
        "offset",
        "previous_msgctxt",
        "previous_msgid",
        "previous_msgid_plural",
        "tcomment",
    )

    def __init__(self, linenum: int) -> None:
        self.linenum = linenum  # where polib says the entry starts (0 for the file's first)
        self.line: int | None = None  # the line of its msgid keyword (set once read)
        self.offset: int | None = None  # where its block starts (read by the fast path)
        self.msgid = ""
        self.msgstr = ""
        self.msgctxt: str | None = None
        self.msgid_plural = ""
        self.msgstr_plural: dict[int, str] = _EMPTY_DICT
        self.previous_msgctxt: str | None = None
        self.previous_msgid: str | None = None
        self.previous_msgid_plural: str | None = None
        self._comment = ""  # `#.` lines
        self._notes = ""  # `#.` and `#:` lines not read yet (see `comment`)
        self.tcomment = ""  # `#` lines: the translator's
        self._occurrences: list[tuple[str, str]] = _EMPTY_LIST
        self._occurrence_lines: list[str] = _EMPTY_LIST  # `#:` lines, parsed when asked
        self.flags: list[str] = _EMPTY_LIST
        self.obsolete = 0

    @property
    def comment(self) -> str:
        """The `#.` lines (timing notes): read when first asked (the checks rarely ask)."""
        if self._notes:
            self._read_notes()
        return self._comment

    @comment.setter
    def comment(self, value: str) -> None:
        self._comment = value

    def _read_notes(self) -> None:
        """Read the `#.` and `#:` lines the fast path left for later (as `_comments` would)."""
        notes, self._notes = self._notes, ""
        for raw in notes[:-1].split("\n"):
            token = raw.rstrip()
            if token[1] == ".":
                self._comment = self._comment + "\n" + token[3:] if self._comment else token[3:]
            else:
                if self._occurrence_lines is _EMPTY_LIST:
                    self._occurrence_lines = []
                self._occurrence_lines.append(token)

    @property
    def occurrences(self) -> list[tuple[str, str]]:
        """The `#:` references, as polib parses them (the checks never need them)."""
        if self._notes:
            self._read_notes()
        if self._occurrence_lines:
            if self._occurrences is _EMPTY_LIST:
                self._occurrences = []
            for token in self._occurrence_lines:
                _occurrences(self._occurrences, token)
            self._occurrence_lines = _EMPTY_LIST
        return self._occurrences

    @property
    def fuzzy(self) -> bool:
        """Whether the entry is flagged fuzzy."""
        return "fuzzy" in self.flags

    @property
    def key(self) -> Key:
        """(msgctxt, msgid), as `po_io.key_of` gives it."""
        return (self.msgctxt or None, self.msgid)

    def _same(self, other: PoEntry) -> bool:
        """polib's entry equality (what `list.remove` uses to drop the header entry)."""
        if bool(self.obsolete) != bool(other.obsolete):
            return False
        return (
            sorted(self.occurrences) == sorted(other.occurrences)
            and (self.msgctxt or "0") == (other.msgctxt or "0")
            and (self.msgid_plural or "0") == (other.msgid_plural or "0")
            and list(self.msgstr_plural.values()) == list(other.msgstr_plural.values())
            and self.msgid == other.msgid
            and self.msgstr == other.msgstr
        )


def _occurrences(found: list[tuple[str, str]], token: str) -> None:
    """polib's reading of one `#:` line (`file:line` pairs; a bad line number keeps it all)."""
    for occurrence in token[3:].split():
        name, colon, line = occurrence.rpartition(":")
        if not colon or not line.isdigit():
            found.append((occurrence, ""))
        else:
            found.append((name, line))


@dataclass
class PoCatalog:
    """A catalogue as polib would read it: header, metadata and entries (obsolete ones too)."""

    entries: list[PoEntry]
    metadata: dict[str, str] = field(default_factory=dict)
    header: str = ""
    metadata_is_fuzzy: list[str] = field(default_factory=list)

    def __iter__(self) -> Any:
        return iter(self.entries)


class _PolibError(Exception):
    """polib's first syntax error: stops its machine; reported if the grammar found none."""

    def __init__(self, line: int, detail: str = "") -> None:
        super().__init__(line, detail)
        self.line = line
        self.message = "Syntax error in po file" + (f": {detail}" if detail else "")


class _Reader:
    """polib's `_POFileParser`, line for line, without its per-line objects and lookups."""

    def __init__(self) -> None:
        self.entries: list[PoEntry] = []
        self.entry = PoEntry(0)
        self.state = "st"
        self.header = ""
        self.plural_index = 0

    def _start(self, number: int) -> PoEntry:
        if self.state in _NEW_ENTRY_AFTER:
            self.entries.append(self.entry)
            self.entry = PoEntry(number)
        return self.entry

    def process(self, symbol: str, token: str, number: int, obsolete: int) -> None:
        state = self.state
        following = _TRANSITIONS.get((symbol, state))
        if following is None:
            raise _PolibError(number)
        if symbol == "mc":
            self._continue(unescape(token[1:-1]), number)
            return
        if symbol == "mi":
            entry = self._start(number)
            entry.obsolete = obsolete
            entry.msgid = unescape(token[1:-1])
        elif symbol == "ms":
            self.entry.msgstr = unescape(token[1:-1])
        elif symbol == "gc":
            entry = self._start(number)
            entry.comment = entry.comment + "\n" + token[3:] if entry.comment else token[3:]
        elif symbol == "oc":
            entry = self._start(number)
            if entry._occurrence_lines is _EMPTY_LIST:
                entry._occurrence_lines = []
            entry._occurrence_lines.append(token)
        elif symbol == "tc":
            if state in ("st", "he"):  # a comment before the first entry: the file's header
                self.header = self.header + "\n" + token[2:] if self.header else token[2:]
            else:
                entry = self._start(number)
                comment = token.lstrip("#")
                comment = comment[1:] if comment.startswith(" ") else comment
                entry.tcomment = entry.tcomment + "\n" + comment if entry.tcomment else comment
        elif symbol == "fl":
            entry = self._start(number)
            if entry.flags is _EMPTY_LIST:
                entry.flags = []
            entry.flags += [c.strip() for c in token[3:].split(",")]
        elif symbol == "ct":
            self._start(number).msgctxt = unescape(token[1:-1])
        elif symbol == "mp":
            self.entry.msgid_plural = unescape(token[1:-1])
        elif symbol == "mx":
            try:
                index = int(token[7])
            except (ValueError, IndexError):
                raise _PolibError(number) from None
            if self.entry.msgstr_plural is _EMPTY_DICT:
                self.entry.msgstr_plural = {}
            self.entry.msgstr_plural[index] = unescape(token[token.find('"') + 1 : -1])
            self.plural_index = index
        elif symbol == "pm":
            self._start(number).previous_msgid = unescape(token[1:-1])
        elif symbol == "pc":
            self._start(number).previous_msgctxt = unescape(token[1:-1])
        elif symbol == "pp":
            self._start(number).previous_msgid_plural = unescape(token[1:-1])
        self.state = following

    def _continue(self, text: str, number: int) -> None:
        entry, state = self.entry, self.state
        if state == "mi":
            entry.msgid += text
        elif state == "ms":
            entry.msgstr += text
        elif state == "ct":
            entry.msgctxt = (entry.msgctxt or "") + text
        elif state == "mp":
            entry.msgid_plural += text
        elif state == "mx":
            if self.plural_index not in entry.msgstr_plural:
                raise _PolibError(number)
            entry.msgstr_plural[self.plural_index] += text
        elif state == "pm":
            entry.previous_msgid = (entry.previous_msgid or "") + text
        elif state == "pp":
            entry.previous_msgid_plural = (entry.previous_msgid_plural or "") + text
        elif state == "pc":
            entry.previous_msgctxt = (entry.previous_msgctxt or "") + text


def _syntax(path: str, line: int | None, message: str) -> Diagnostic:
    return Diagnostic(path, line, "error", message, "po-syntax")


def read_catalog(text: str, path: str) -> PoCatalog:
    """Read PO text; raise InputError with what `parse_po` would report for a broken file.

    Files in the usual layout (as msgmerge, Poedit, Weblate and msm write them) are read by
    one regular expression; anything else goes through the line-by-line reader, which knows
    every detail of the grammar and of polib.
    """
    catalog = _fast(text)
    if catalog is None:
        catalog = _exact(text, path)
    else:
        _take_header(catalog)
    duplicates = _duplicates(catalog.entries, path)
    if duplicates:
        raise InputError(f"{path}: duplicate entries", duplicates)
    return catalog


def _exact(text: str, path: str) -> PoCatalog:
    """The line-by-line reader: the grammar's rules and polib's machine, line for line."""
    lines = text.splitlines()
    problems: list[Diagnostic] = []
    expect_msgstr_for: int | None = None  # the grammar's msgid still waiting for its msgstr
    reader = _Reader()
    failure: _PolibError | None = None
    msgid_lines: list[int] = []
    first_token = ""  # polib's tokens[0] of the last non-blank line
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        lead = line[0]
        # --- the grammar (lint_syntax) -------------------------------------------------------
        if lead == '"':
            checked = line
        elif lead == "#":
            checked = ""
            if line.startswith(("#~", "#|")):
                previous_of_obsolete = line.startswith("#~|")
                rest = line[3 if previous_of_obsolete else 2 :].strip()
                if rest and rest[0] != "#":
                    checked = rest
                    if (
                        line[1] == "~"
                        and not previous_of_obsolete
                        and rest.startswith(("msgid ", 'msgid"'))
                    ):
                        msgid_lines.append(number)
        else:
            checked = line
            if line.startswith(("msgid ", 'msgid"')):
                msgid_lines.append(number)
        if checked:
            if checked[0] == '"':
                if not _STRING.fullmatch(checked):
                    problems.append(_malformed(path, number, line))
            else:
                keyword = _KEYWORD_LINE.match(checked)
                if keyword:
                    word = keyword.group(1)
                    if word == "msgid" and lead != "#":
                        if expect_msgstr_for is not None:
                            problems.append(
                                _syntax(path, expect_msgstr_for, "msgid without msgstr")
                            )
                        expect_msgstr_for = number
                    elif word.startswith("msgstr"):
                        expect_msgstr_for = None
                elif _CONTINUATION.match(checked):
                    pass
                elif checked.startswith(("msg", '"')):
                    if checked.startswith("msgstr"):
                        expect_msgstr_for = None  # reported once, as a malformed string
                    problems.append(_malformed(path, number, line))
                else:
                    problems.append(_syntax(path, number, f"unexpected text: {line[:60]!r}"))
        if problems or failure is not None:
            continue  # the file is rejected: only the grammar's messages still count
        # --- polib's machine -----------------------------------------------------------------
        try:
            first_token = _polib_line(reader, line, lead, number)
        except _PolibError as exc:
            failure = exc
    if expect_msgstr_for is not None:
        problems.append(_syntax(path, expect_msgstr_for, "msgid without msgstr"))
    if problems:
        raise InputError(f"{path}: not a valid PO file", problems)
    if failure is not None:
        raise InputError(
            f"{path}: not a valid PO file", [_syntax(path, failure.line, failure.message)]
        )
    entries = reader.entries
    if first_token and not first_token.startswith("#"):
        entries.append(reader.entry)  # polib drops a last entry that is only comments
    catalog = PoCatalog(entries, header=reader.header)
    _take_header(catalog)
    _place(entries, msgid_lines)
    return catalog


# --- the fast path: files in the usual layout ---------------------------------------------------

# Characters str.splitlines() breaks lines at, besides "\n": a file holding any is read exactly.
_ODD_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LIVE_JOINT = '"\n"'
_GONE_JOINT = '"\n#~ "'
_CHARS = r'[^"\\\n]'
_ESCAPES = r"\\(?:[ntrabfv\\\"?']|[0-7]{1,3}|x[0-9a-fA-F]+)"  # the grammar's escapes
_QUOTED = rf'"{_CHARS}*(?:{_ESCAPES}{_CHARS}*)*"'
_LIVE = rf"{_QUOTED}\n(?:{_QUOTED}\n)*"  # a string and its continuation lines
_GONE = rf"{_QUOTED}\n(?:#~ {_QUOTED}\n)*"
_COMMENT = (
    r"#(?: [^\n]*)?\n"  # a translator comment
    r"|#[.:,] [^\n]*\S[^\n]*\n"  # extracted comment, references, flags
    rf"|#\| (?:msgctxt|msgid|msgid_plural) {_QUOTED}\n(?:#\| {_QUOTED}\n)*"  # previous
)
_BLOCK = re.compile(
    rf"\n*(?P<pre>(?:{_COMMENT})*)(?:"
    rf"(?:msgctxt (?P<ctx>{_LIVE}))?(?P<at>msgid )(?P<id>{_LIVE})"
    rf"(?:msgid_plural (?P<plural>{_LIVE}))?"
    rf"(?:msgstr (?P<str>{_LIVE})|(?P<plurals>(?:msgstr\[\d\] {_LIVE})+))"
    rf"|(?:#~ msgctxt (?P<gctx>{_GONE}))?(?P<gat>#~ msgid )(?P<gid>{_GONE})"
    rf"(?:#~ msgid_plural (?P<gplural>{_GONE}))?"
    rf"(?:#~ msgstr (?P<gstr>{_GONE})|(?P<gplurals>(?:#~ msgstr\[\d\] {_GONE})+))"
    r")\n*"
)


# The groups of a block, in the order `match.groups()` gives them (`_block` unpacks them so).
_GROUPS = ("pre", "ctx", "at", "id", "plural", "str", "plurals")
assert tuple(_BLOCK.groupindex) == (*_GROUPS, *(f"g{name}" for name in _GROUPS[1:]))
_PRE, _AT, _GONE_AT = _BLOCK.groupindex["pre"], _BLOCK.groupindex["at"], _BLOCK.groupindex["gat"]


def _value(block: str, joint: str) -> str:
    """The text of a string and its continuation lines, joined at `joint` (`"\\n"` or
    `"\\n#~ "`): a line holds no line break, so the joint is found only between strings."""
    return unescape(block[1:-2].replace(joint, ""))


def _plurals(block: str) -> dict[int, str]:
    """`msgstr[n]` strings as polib reads them (its index is the one digit after `[`)."""
    found: dict[int, str] = {}
    index = 0
    for line in block[:-1].split("\n"):
        line = line.removeprefix("#~ ")
        if line[0] == '"':
            found[index] += unescape(line[1:-1])
        else:
            index = int(line[7])
            found[index] = unescape(line[line.index('"') + 1 : -1])
    return found


def _fast(text: str) -> PoCatalog | None:
    """Read a file in the usual layout in one pass of a regular expression; None otherwise.

    The expression accepts only lines the grammar accepts, in an order polib's machine
    accepts, where every block of comments and keywords is one entry; for such files the
    entries, their fields and their lines are exactly what the exact reader gives.
    """
    if (text and text[-1] != "\n") or any(char in text for char in _ODD_BREAKS):
        return None
    entries: list[PoEntry] = []
    header = ""
    position = 0
    line = 1  # the line at `position`
    for match in _BLOCK.finditer(text):
        if match.start() != position:
            return None
        start = match.start(_PRE)
        line += start - position  # a block opens with blank lines only
        position = match.end()
        entry, at, header = _block(match, line if entries else 0, header, not entries)
        entry.line = line + text.count("\n", start, at)
        entries.append(entry)
        line += text.count("\n", start, position)
    if position != len(text):
        return None
    return PoCatalog(entries, header=header)


def _block(
    match: re.Match[str], linenum: int, header: str = "", first: bool = False
) -> tuple[PoEntry, int, str]:
    """The entry of one block the fast path matched, where its msgid keyword starts, and the
    file's header (translator comments before the first entry)."""
    entry = PoEntry(linenum)
    entry.offset = match.start(_PRE)
    pre, ctx, _, found, plural, msgstr, plurals, gctx, _, gfound, gplural, gstr, gplurals = (
        match.groups()
    )
    if pre:
        if _only_notes(pre):
            entry._notes = pre  # `#.` and `#:` lines only: read if ever asked
        else:
            header = _comments(entry, pre, header, first)
    if found is not None:
        joint = _LIVE_JOINT
        at = match.start(_AT)
    else:
        joint = _GONE_JOINT
        at = match.start(_GONE_AT)
        found, ctx, plural, msgstr, plurals = gfound, gctx, gplural, gstr, gplurals
        entry.obsolete = 1
    entry.msgid = _value(found, joint)
    if ctx is not None:
        entry.msgctxt = _value(ctx, joint)
    if plural is not None:
        entry.msgid_plural = _value(plural, joint)
    if msgstr is not None:
        entry.msgstr = _value(msgstr, joint)
    else:
        entry.msgstr_plural = _plurals(plurals)
    return entry, at, header


def entry_at(text: str, offset: int) -> PoEntry | None:
    """The entry whose block the fast path found at `offset` of `text` (`PoEntry.offset`),
    read again without reading the rest of the file; None if there is none there now.
    Its `line` is not known (the caller knows it)."""
    match = _BLOCK.match(text, offset)
    if match is None or match.start("pre") != offset:
        return None
    return _block(match, 0)[0]


def _only_notes(pre: str) -> bool:
    """Whether a block's comments are only `#.` and `#:` lines (what msm writes)."""
    return (
        "#," not in pre
        and "#|" not in pre
        and "# " not in pre
        and "\n#\n" not in pre
        and not pre.startswith("#\n")
    )


def _comments(entry: PoEntry, pre: str, header: str, first: bool) -> str:
    """Put a block's comment lines into its entry as polib does; return the file's header
    (translator comments opening the file, before any other line)."""
    last = ""  # the previous field a `#| "…"` line continues
    for raw in pre[:-1].split("\n"):
        token = raw.rstrip()
        kind = token[1:2]
        if kind == ".":
            entry.comment = entry.comment + "\n" + token[3:] if entry.comment else token[3:]
        elif kind == ":":
            if entry._occurrence_lines is _EMPTY_LIST:
                entry._occurrence_lines = []
            entry._occurrence_lines.append(token)
        elif kind == ",":
            if entry.flags is _EMPTY_LIST:
                entry.flags = []
            entry.flags += [c.strip() for c in token[3:].split(",")]
        elif kind == "|":
            first = False
            body = token[3:]
            if body[0] == '"':  # continues the previous field named just before
                text = unescape(body[1:-1])
                if last == "msgid":
                    entry.previous_msgid = (entry.previous_msgid or "") + text
                elif last == "msgctxt":
                    entry.previous_msgctxt = (entry.previous_msgctxt or "") + text
                else:
                    entry.previous_msgid_plural = (entry.previous_msgid_plural or "") + text
                continue
            last, _, quoted = body.partition(" ")
            text = unescape(quoted[1:-1])
            if last == "msgid":
                entry.previous_msgid = text
            elif last == "msgctxt":
                entry.previous_msgctxt = text
            else:
                entry.previous_msgid_plural = text
            continue
        elif first:  # a translator comment before any entry: the file's header
            header = header + "\n" + token[2:] if header else token[2:]
            continue
        else:
            comment = token.lstrip("#")
            comment = comment[1:] if comment.startswith(" ") else comment
            entry.tcomment = entry.tcomment + "\n" + comment if entry.tcomment else comment
        first = False
    return header


def _malformed(path: str, number: int, line: str) -> Diagnostic:
    return _syntax(path, number, f"malformed string: {line[:60]!r}")


def _polib_line(reader: _Reader, line: str, lead: str, number: int) -> str:
    """Feed one stripped, non-blank line to polib's machine; return polib's first token."""
    if lead == '"':
        reader.process("mc", line, number, 0)
        return line
    tokens = line.split(None, 2)
    first = tokens[0]
    count = len(tokens)
    if first == "#~|":
        return first
    obsolete = 0
    if first == "#~" and count > 1:
        line = line[3:].strip()
        tokens = tokens[1:]
        first = tokens[0]
        count -= 1
        obsolete = 1
    if count > 1 and first in _KEYWORDS:
        reader.process(_KEYWORDS[first], line[len(first) :].lstrip(), number, obsolete)
    elif first == "#:":
        if count > 1:
            reader.process("oc", line, number, obsolete)
    elif line[0] == '"':
        reader.process("mc", line, number, obsolete)
    elif line[:7] == "msgstr[":
        reader.process("mx", line, number, obsolete)
    elif first == "#,":
        if count > 1:
            reader.process("fl", line, number, obsolete)
    elif first == "#" or first.startswith("##"):
        reader.process("tc", line, number, obsolete)
    elif first == "#.":
        if count > 1:
            reader.process("gc", line, number, obsolete)
    elif first == "#|":
        if count <= 1:
            raise _PolibError(number)
        rest = line[2:].lstrip()
        if tokens[1].startswith('"'):
            reader.process("mc", rest, number, obsolete)
            return first
        if count == 2:
            raise _PolibError(number, "invalid continuation line")
        if tokens[1] not in _PREVIOUS:
            raise _PolibError(number, f"unknown keyword {tokens[1]}")
        reader.process(_PREVIOUS[tokens[1]], rest[len(tokens[1]) :].lstrip(), number, obsolete)
    else:
        raise _PolibError(number)
    return first


def _take_header(catalog: PoCatalog) -> None:
    """polib's header handling: the entry with an empty msgid becomes the metadata."""
    matches = [e for e in catalog.entries if not e.obsolete and e.msgid == ""]
    if not matches:
        return
    header = matches[0]
    if len(matches) > 1:
        without_context = [m for m in matches if not m.msgctxt]
        header = without_context[-1] if without_context else matches[0]
    for i, entry in enumerate(catalog.entries):
        if entry is header or entry._same(header):
            del catalog.entries[i]
            break
    catalog.metadata_is_fuzzy = header.flags if header.flags is not _EMPTY_LIST else []
    key: str | None = None
    for line in header.msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            catalog.metadata[key] = value.strip()
        elif key is not None:
            catalog.metadata[key] += "\n" + line.strip()


def _place(entries: list[PoEntry], msgid_lines: list[int]) -> None:
    """Each entry's msgid line: the first msgid keyword at or after where polib says it starts
    (exactly what `po_io.msgid_line` finds)."""
    at = 0
    for entry in sorted(entries, key=lambda e: e.linenum):
        first = entry.linenum or 1
        while at < len(msgid_lines) and msgid_lines[at] < first:
            at += 1
        entry.line = msgid_lines[at] if at < len(msgid_lines) else first


def _duplicates(entries: list[PoEntry], path: str) -> list[Diagnostic]:
    seen: dict[Key, int] = {}
    problems = []
    for entry in entries:
        key = (entry.msgctxt or None, entry.msgid)
        first = seen.get(key)
        if first is None:
            seen[key] = entry.line or 0
        else:
            problems.append(
                Diagnostic(
                    path,
                    entry.line,
                    "error",
                    f"duplicate entry {entry.msgid[:40]!r} (first at line {first})",
                    "po-duplicate",
                )
            )
    return problems
