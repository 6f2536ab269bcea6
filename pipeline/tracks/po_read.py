"""Read a PO catalogue in one pass over its lines, in time linear in its size.

`msm check` reads every catalogue of a project on every run, so this reader is on the hot path
(and compiled with mypyc). It follows the gettext grammar, line by line and without regular
expressions (no input can make it backtrack):

- only `\\n` ends a line (U+2028, U+0085, a vertical tab or a form feed inside a string is
  text); the whitespace around tokens is gettext's: space, tab, CR, form feed, vertical tab;
- strings hold C escapes: `\\n \\t \\b \\r \\f \\v \\a \\\\ \\"`, octal `\\ooo` and hex `\\xhh…`
  (a byte, as in gettext); anything else is a malformed string;
- `#` translator comments, `#.` extracted comments, `#:` references, `#,` flags, `#|` previous
  fields, `#~` obsolete entries (and `#~|`, the previous fields of an obsolete entry).

Entries are cut as polib's state machine cuts them (the writers use polib, and a file reads
the same either way), with the same messages as before for broken files: the grammar's
(`malformed string`, `unexpected text`, `msgid without msgstr`) and polib's (`Syntax error in
po file`), each at its `path:line`; then duplicate entries. Where polib departs from gettext
this reader follows gettext: it keeps `#~|` previous fields, decodes octal and hex escapes,
reads `msgstr[10]` and later forms, and does not split lines at U+2028 and the like.
tests/tracks/test_po_read.py holds it to polib on generated catalogues, to the grammar and
polib on damaged ones, and proves its cost linear.

Long: one pass mirrors the grammar, polib's state machine and the duplicate check rule for
rule; one file keeps each rule beside its twin.
"""

from __future__ import annotations

from typing import Any, Final

from pipeline.errors import Diagnostic, InputError

Key = tuple[str | None, str]  # (msgctxt, msgid)

WHITESPACE: Final = " \t\r\f\v"  # what gettext's lexer skips between tokens

_EMPTY_DICT: dict[int, str] = {}  # shared until an entry gets plural translations
_EMPTY_LIST: list[Any] = []  # shared until an entry gets occurrences or flags

# polib's state machine. Symbols (and the states they lead to): translator comment,
# generated comment, occurrence, flags, msgctxt, previous msgctxt / msgid / msgid_plural,
# msgid, msgid_plural, msgstr, msgstr[n], continuation (which never changes the state);
# and two more states: the start, and the file's header comment.
TC: Final = 0
GC: Final = 1
OC: Final = 2
FL: Final = 3
CT: Final = 4
PC: Final = 5
PM: Final = 6
PP: Final = 7
MI: Final = 8
MP: Final = 9
MS: Final = 10
MX: Final = 11
MC: Final = 12
ST: Final = 13
HE: Final = 14
_STATES: Final = 15
_ALL = (ST, HE, GC, OC, FL, CT, PC, PM, PP, TC, MS, MP, MX, MI)
_TABLE: list[int] = [-1] * (13 * _STATES)  # symbol * _STATES + state -> next state, or -1
for _symbol, _states, _next in (
    (TC, (ST, HE), HE),
    (TC, (GC, OC, FL, TC, PC, PM, PP, MS, MP, MX, MI), TC),
    (GC, _ALL, GC),
    (OC, _ALL, OC),
    (FL, _ALL, FL),
    (PC, _ALL, PC),
    (PM, _ALL, PM),
    (PP, _ALL, PP),
    (CT, (ST, HE, GC, OC, FL, TC, PC, PM, PP, MS, MX), CT),
    (MI, (ST, HE, GC, OC, FL, CT, TC, PC, PM, PP, MS, MX), MI),
    (MP, (TC, GC, PC, PM, PP, MI), MP),
    (MS, (MI, MP, TC), MS),
    (MX, (MI, MX, MP, TC), MX),
    (MC, (CT, MI, MP, MS, MX, PM, PP, PC), MC),
):
    for _state in _states:
        _TABLE[_symbol * _STATES + _state] = _next
_PREVIOUS = {"msgid_plural": PP, "msgid": PM, "msgctxt": PC}
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "b": "\b",
    "r": "\r",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}
_OCTAL: Final = "01234567"
_HEX: Final = "0123456789abcdefABCDEF"


# --- strings ------------------------------------------------------------------------------------


def scan_string(line: str, start: int) -> int:
    """Where the string opening at `line[start]` (a `"`) ends: the index after its closing
    quote, or -1 when it is malformed (no closing quote, or an escape gettext does not know).

    Linear: each `find` goes on from where the previous one stopped.
    """
    size = len(line)
    at = start + 1
    quote = line.find('"', at)
    while quote >= 0:
        slash = line.find("\\", at, quote)
        if slash < 0:
            return quote + 1
        if slash + 1 >= size:
            return -1
        code = line[slash + 1]
        at = slash + 2
        if code in _SIMPLE_ESCAPES:
            pass
        elif code in _OCTAL:
            stop = min(at + 2, size)
            while at < stop and line[at] in _OCTAL:
                at += 1
        elif code == "x":
            if at >= size or line[at] not in _HEX:
                return -1
            while at < size and line[at] in _HEX:
                at += 1
        else:
            return -1
        if at > quote:  # the quote found was escaped: find the next one
            quote = line.find('"', at)
    return -1


def unescape(body: str, charset: str = "utf-8") -> str:
    """The text of a string's body (between its quotes), its escapes decoded as gettext
    decodes them; an escape gettext does not know is kept as written.

    An octal or hex escape stands for a byte: below 0x80 it is that ASCII character; bytes
    above are decoded with the text around them in the file's `charset` (UnicodeError when
    they make no valid text in it).
    """
    if "\\" not in body:
        return body
    replaced = body.replace("\\n", "\n")  # line breaks: the common case
    if "\\" not in replaced:
        return replaced
    parts: list[str] = []
    raw: dict[int, int] = {}  # part index -> the byte an escape stands for (0x80 and above)
    at = 0
    size = len(body)
    slash = body.find("\\")
    while slash >= 0:
        parts.append(body[at:slash])
        at = slash + 1
        code = body[at] if at < size else ""
        simple = _SIMPLE_ESCAPES.get(code) if code else None
        if simple is not None:
            parts.append(simple)
            at += 1
        elif code == "x" and at + 1 < size and body[at + 1] in _HEX:
            value = 0
            at += 1
            while at < size and body[at] in _HEX:
                value = (value * 16 + int(body[at], 16)) % 256  # a C char: the low byte
                at += 1
            _byte(parts, raw, value)
        elif code and code in _OCTAL:
            value = 0
            stop = min(at + 3, size)
            while at < stop and body[at] in _OCTAL:
                value = value * 8 + int(body[at])
                at += 1
            _byte(parts, raw, value % 256)
        else:
            parts.append("\\")  # not an escape: kept as written
        slash = body.find("\\", at)
    parts.append(body[at:])
    if not raw:
        return "".join(parts)
    data = bytearray()
    for index, part in enumerate(parts):
        byte = raw.get(index, -1)
        if byte >= 0:
            data.append(byte)
        else:
            data += part.encode(charset)
    return data.decode(charset)


def _byte(parts: list[str], raw: dict[int, int], value: int) -> None:
    """Add the byte an octal or hex escape stands for."""
    if value < 0x80:
        parts.append(chr(value))
    else:
        raw[len(parts)] = value
        parts.append("")


def string_value(line: str, quote: int, charset: str = "utf-8") -> str | None:
    """The text of the string opening at `line[quote]` and closing at the end of the line;
    None when it is malformed or does not end there.

    The usual strings (no escapes, or only `\\n \\" \\t …`) are checked and decoded with a
    few passes of C string methods; the rest by `scan_string` and `unescape`.
    """
    if line[-1] != '"' or len(line) < quote + 2:
        return None
    body = line[quote + 1 : -1]
    if "\\" not in body:
        return None if '"' in body else body
    pieces = body.split("\\\\")  # an escaped backslash ends a piece: the rest pair up
    for index in range(len(pieces)):
        piece = pieces[index]
        if '"' in piece and piece.count('"') != piece.count('\\"'):
            return None  # a quote that is not escaped
        if "\\" in piece:
            piece = piece.replace("\\n", "\n")
            if "\\" in piece:
                piece = piece.replace('\\"', '"').replace("\\t", "\t")
                if "\\" in piece:
                    piece = (
                        piece.replace("\\r", "\r")
                        .replace("\\f", "\f")
                        .replace("\\v", "\v")
                        .replace("\\b", "\b")
                        .replace("\\a", "\a")
                    )
                    if "\\" in piece:  # octal, hex, or no escape at all
                        return _rare_value(line, quote, charset)
            pieces[index] = piece
    return pieces[0] if len(pieces) == 1 else "\\".join(pieces)


def _rare_value(line: str, quote: int, charset: str) -> str | None:
    if scan_string(line, quote) != len(line):
        return None
    try:
        return unescape(line[quote + 1 : -1], charset)
    except (UnicodeError, ValueError):
        return None  # escaped bytes that make no text in the file's charset


# --- entries ------------------------------------------------------------------------------------


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
        self.offset: int | None = None  # where its first line starts in the text
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
        """Read the `#.` and `#:` lines kept for later, in their order."""
        notes, self._notes = self._notes, ""
        for token in notes[:-1].split("\n"):
            if token[1] == ".":
                text = _after_marker(token)
                self._comment = self._comment + "\n" + text if self._comment else text
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

    @property
    def translated(self) -> bool:
        """Whether it has a translation (msgfmt's notion: a plural entry needs every form)."""
        return is_translated(self)

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


def is_translated(entry: Any) -> bool:
    """Whether a PO entry (ours or polib's) is translated, as msgfmt counts: its msgstr is not
    empty, or, for a plural entry, none of its `msgstr[n]` is."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return bool(forms) and all(text for text in forms.values())
    return bool(entry.msgstr)


def translation(entry: Any) -> str:
    """The text of an entry's translation: its msgstr, or for a plural entry its first form
    when every form is translated (else "": not translated)."""
    if entry.msgid_plural:
        if not is_translated(entry):
            return ""
        forms: dict[int, str] = entry.msgstr_plural
        return forms[min(forms)]
    text: str = entry.msgstr
    return text


def _after_marker(token: str) -> str:
    """The text of a `#.`-like comment line: after its two-character marker and one space."""
    if len(token) > 2 and token[2] in WHITESPACE:
        return token[3:]
    return token[2:]


def _occurrences(found: list[tuple[str, str]], token: str) -> None:
    """polib's reading of one `#:` line (`file:line` pairs; a bad line number keeps it all)."""
    for occurrence in _after_marker(token).split():
        name, colon, line = occurrence.rpartition(":")
        if not colon or not line.isdigit():
            found.append((occurrence, ""))
        else:
            found.append((name, line))


# A plain class with a dataclass's equality and repr written out: making the dataclass (its
# methods compiled from source) cost ~0.5 ms of start-up.
class PoCatalog:
    """A catalogue as polib would read it: header, metadata and entries (obsolete ones too)."""

    def __init__(
        self,
        entries: list[PoEntry],
        metadata: dict[str, str] | None = None,
        header: str = "",
        metadata_is_fuzzy: list[str] | None = None,
        # What reading noticed without refusing the file (its charset, when not UTF-8).
        notes: list[Diagnostic] | None = None,
        header_line: int | None = None,  # the line of the header entry's msgid
    ) -> None:
        self.entries = entries
        self.metadata: dict[str, str] = metadata if metadata is not None else {}
        self.header = header
        self.metadata_is_fuzzy: list[str] = (
            metadata_is_fuzzy if metadata_is_fuzzy is not None else []
        )
        self.notes: list[Diagnostic] = notes if notes is not None else []
        self.header_line = header_line

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, PoCatalog)
        return (
            self.entries,
            self.metadata,
            self.header,
            self.metadata_is_fuzzy,
            self.notes,
            self.header_line,
        ) == (
            other.entries,
            other.metadata,
            other.header,
            other.metadata_is_fuzzy,
            other.notes,
            other.header_line,
        )

    def __repr__(self) -> str:
        return (
            f"PoCatalog(entries={self.entries!r}, "
            f"metadata={self.metadata!r}, "
            f"header={self.header!r}, "
            f"metadata_is_fuzzy={self.metadata_is_fuzzy!r}, "
            f"notes={self.notes!r}, "
            f"header_line={self.header_line!r})"
        )

    def __iter__(self) -> Any:
        return iter(self.entries)


# --- the reader ---------------------------------------------------------------------------------


class _Failure(Exception):
    """polib's first syntax error: stops its machine; reported if the grammar found none."""

    def __init__(self, line: int, detail: str = "") -> None:
        super().__init__(line, detail)
        self.line = line
        self.message = "Syntax error in po file" + (f": {detail}" if detail else "")


def _keyword(line: str) -> tuple[int, int]:
    """A keyword line (`msgid "…"`, `msgstr[2] "…"`, …, already stripped): its symbol and
    where its string opens; (-1, 0) when it starts with no keyword followed by whitespace
    and a quote (the string itself is checked by `string_value`)."""
    if line.startswith('msgstr "'):  # the usual forms first
        return MS, 7
    if line.startswith('msgid "'):
        return MI, 6
    if line.startswith("msgid_plural"):
        symbol, at = MP, 12
    elif line.startswith("msgid"):
        symbol, at = MI, 5
    elif line.startswith("msgstr"):
        symbol, at = MS, 6
        if at < len(line) and line[at] == "[":
            digits = at + 1
            while digits < len(line) and "0" <= line[digits] <= "9":
                digits += 1
            if digits == at + 1 or digits >= len(line) or line[digits] != "]":
                return -1, 0
            symbol, at = MX, digits + 1
    elif line.startswith("msgctxt"):
        symbol, at = CT, 7
    else:
        return -1, 0
    size = len(line)
    if at >= size or line[at] not in WHITESPACE:
        return -1, 0
    at += 1
    while at < size and line[at] in WHITESPACE:
        at += 1
    if at >= size or line[at] != '"':
        return -1, 0
    return symbol, at


class _Reader:
    """Reads lines: the grammar's rules, and polib's machine cutting the entries."""

    def __init__(self, path: str, charset: str, header_comments: bool = True) -> None:
        self.path = path
        self.charset = charset
        self.entries: list[PoEntry] = []
        self.entry = PoEntry(0)
        self.state = ST if header_comments else TC
        self.plural_index = 0
        self.problems: list[Diagnostic] = []
        self.failure: _Failure | None = None
        self.dead = False  # a problem or a failure found: polib's machine stops
        self.expect_msgstr_for = 0  # the grammar's msgid still waiting for its msgstr (0: none)
        self.msgid_lines: list[int] = []
        self.last_is_comment = False  # polib's "tokens[0] starts with #" of the last line
        self.pending: list[tuple[int, list[str]]] = []  # `#~|` fields for the next entry
        self.started = False  # whether a line went into `entry` yet
        self.second = -1  # for `entry_at`: offset of a second entry's first line, once seen
        self.value = ""  # the text of the string the grammar just read
        # Whether a string the grammar read holds U+0004 (escaped or not): the strings read
        # without it hold only what the file holds, and `\n`.
        self.separator = False
        # Text gathered in lists and joined once (adding to a string line after line would
        # make the cost quadratic in the lines of one field or one comment block).
        self.field = -1  # the string field being read (a state: MI, MS, …), or -1
        self.parts: list[str] = []  # its strings so far
        self.notes: list[str] = []  # the open entry's `#.` and `#:` lines
        self.tcomments: list[str] = []  # the open entry's translator comments
        self.header_lines: list[str] = []  # the file's header comment
        self.header = ""

    # --- the grammar ------------------------------------------------------------------------

    def _problem(self, number: int, message: str) -> None:
        self.problems.append(Diagnostic(self.path, number, "error", message, "po-syntax"))
        self.dead = True

    def _grammar(self, rest: str, number: int, line: str, msgid_counts: bool) -> int:
        """Check a line (or what follows `#~`/`#|`) as a string or a keyword line; return its
        symbol (MC for a string; its text in `value`), or -1 when it is malformed (reported)."""
        if rest[0] == '"':
            value = string_value(rest, 0, self.charset)
            if value is not None:
                self.value = value
                if "\x04" in value:
                    self.separator = True
                return MC
            self._problem(number, f"malformed string: {line[:60]!r}")
            return -1
        symbol, quote = _keyword(rest)
        if symbol >= 0:
            value = string_value(rest, quote, self.charset)
            if value is None:
                symbol = -1
            else:
                self.value = value
                if "\x04" in value:
                    self.separator = True
                if symbol == MI and msgid_counts:
                    if self.expect_msgstr_for:
                        self._problem(self.expect_msgstr_for, "msgid without msgstr")
                    self.expect_msgstr_for = number
                elif symbol in (MS, MX):
                    self.expect_msgstr_for = 0  # any msgstr, even an obsolete one (as before)
                return symbol
        if rest.startswith("msg"):
            if rest.startswith("msgstr"):
                self.expect_msgstr_for = 0  # reported once, as a malformed string
            self._problem(number, f"malformed string: {line[:60]!r}")
        else:
            self._problem(number, f"unexpected text: {line[:60]!r}")
        return -1

    # --- lines ------------------------------------------------------------------------------

    def line(self, line: str, number: int, offset: int) -> None:
        """Read one stripped, non-blank line."""
        if line[0] == "#":
            kind = line[1] if len(line) > 1 else ""
            if kind == "~" or kind == "|":
                self._special(line, kind, number, offset)
                return
            self.last_is_comment = True
            if self.dead:
                return
            if (kind == "." or kind == ":") and len(line) > 2:
                self.note(line, kind, number, offset)
                return
            self._plain_comment(line, kind, number, offset, 0)
            return
        self.last_is_comment = False
        if line[0] == '"' and not self.dead and self.field >= 0 and line[-1] == '"':
            body = line[1:-1]
            if "\\" not in body and '"' not in body and len(line) > 1:
                # A continuation without escapes (the usual wrapped line), straight in: a
                # field is open, so the state is a string's and polib takes it.
                self.parts.append(body)
                return
        symbol = self._grammar(line, number, line, True)
        if symbol == MI and line[5] != "\t":
            self.msgid_lines.append(number)
        if symbol >= 0 and not self.dead:
            self._feed(symbol, line, number, offset, 0)

    def note(self, line: str, kind: str, number: int, offset: int) -> None:
        """The usual timing note (`#.`) or reference (`#:`), straight in: polib takes them in
        any state (so no failure), and a stripped line holds text after its marker."""
        if self.field >= 0:
            self._flush()
        self._start(number, offset)
        self.notes.append(line)
        if self.pending:
            self._settle(self.entry)
        self.state = GC if kind == "." else OC

    def _plain_comment(self, line: str, kind: str, number: int, offset: int, obsolete: int) -> None:
        """A `#`, `#.`, `#:` or `#,` line into polib's machine."""
        if kind == "." or kind == ":" or kind == ",":
            if len(line) == 2:
                return  # polib skips a marker with nothing after it (the line is stripped)
            symbol = GC if kind == "." else OC if kind == ":" else FL
        else:
            symbol = TC
        self._feed(symbol, line, number, offset, obsolete)

    def _special(self, line: str, kind: str, number: int, offset: int) -> None:
        """`#~` (obsolete), `#~|` (previous field of an obsolete entry) and `#|` lines."""
        previous_of_obsolete = kind == "~" and line.startswith("#~|")
        rest = line[3 if previous_of_obsolete else 2 :].lstrip(WHITESPACE)
        symbol = -1
        if rest and rest[0] != "#":
            symbol = self._grammar(rest, number, line, False)
            if kind == "~" and not previous_of_obsolete and symbol == MI and rest[5] != "\t":
                self.msgid_lines.append(number)
        self.last_is_comment = True
        if self.dead:
            return
        if previous_of_obsolete:
            self._pending(symbol)
            return
        if kind == "~":
            if not rest:
                raise _Failure(number)  # polib refuses a bare `#~`
            if rest[0] == "#":
                if rest.startswith("#~"):
                    raise _Failure(number)
                kind = rest[1] if len(rest) > 1 else ""
                if kind == "|":
                    raise _Failure(number)  # polib: `#~ #|` is no line it knows
                self._plain_comment(rest, kind, number, offset, 1)
            else:
                self.last_is_comment = False
                self._feed(symbol, rest, number, offset, 1)
            return
        # `#|`: polib's rules, message for message
        if not rest or (len(line) > 2 and line[2] not in WHITESPACE):
            raise _Failure(number)
        if rest[0] == '"':
            self._feed(MC, rest, number, offset, 0)
            return
        space = 0
        while space < len(rest) and rest[space] not in WHITESPACE:
            space += 1
        word = rest[:space]
        if not rest[space:].strip(WHITESPACE):
            raise _Failure(number, "invalid continuation line")
        previous = _PREVIOUS.get(word, -1)
        if previous < 0:
            raise _Failure(number, f"unknown keyword {word}")
        self._feed(previous, rest, number, offset, 0)

    def _pending(self, symbol: int) -> None:
        """Keep a `#~|` field (polib skips these lines) for the entry the next line goes to."""
        if symbol == MC:
            if self.pending:
                self.pending[-1][1].append(self.value)
        elif symbol in (MI, CT, MP):
            kind = PM if symbol == MI else PC if symbol == CT else PP
            self.pending.append((kind, [self.value]))

    # --- polib's machine --------------------------------------------------------------------

    def _start(self, number: int, offset: int) -> PoEntry:
        """The entry a comment or a msgctxt/msgid line goes to: a new one after a msgstr."""
        state = self.state
        if state in (MS, MX):
            self._close()
            self.entries.append(self.entry)
            if self.second < 0:
                self.second = offset
            entry = PoEntry(number)
            entry.offset = offset
            self.entry = entry
            return entry
        entry = self.entry
        if not self.started:
            self.started = True
            entry.offset = offset
        return entry

    def _close(self) -> None:
        """Put the open entry's gathered comments into it."""
        entry = self.entry
        if self.notes:
            entry._notes = "\n".join(self.notes) + "\n"
            self.notes = []
        if self.tcomments:
            entry.tcomment = _joined(self.tcomments)
            self.tcomments = []

    def finish(self) -> None:
        """After the last line: the last field and comments into their entry."""
        if self.field >= 0:
            self._flush()
        self._close()
        self.header = _joined(self.header_lines)

    def _feed(self, symbol: int, token: str, number: int, offset: int, obsolete: int) -> None:
        """One line into polib's machine; `value` holds the text of its string, if any."""
        following = _TABLE[symbol * _STATES + self.state]
        if following < 0:
            raise _Failure(number)
        if symbol == MC:  # a string going on: the state says which field
            self.parts.append(self.value)
            return
        if self.field >= 0:
            self._flush()
        if symbol == TC:
            if self.state == ST or self.state == HE:  # before the first entry: the header
                if token == "#" or token[1] in WHITESPACE or token[1] == "#":
                    self.header_lines.append(token[2:])
                else:
                    self.header_lines.append(_translator(token))
                self.state = following
                return
            entry = self._start(number, offset)
            self.tcomments.append(_translator(token))
        elif symbol in (GC, OC):
            entry = self._start(number, offset)
            self.notes.append(token)
        elif symbol == FL:
            entry = self._start(number, offset)
            if entry.flags is _EMPTY_LIST:
                entry.flags = []
            entry.flags += [flag.strip() for flag in _after_marker(token).split(",")]
        elif symbol in (MS, MP):
            entry = self.entry
            self.field = symbol
            self.parts = [self.value]
        elif symbol == MX:
            entry = self.entry
            self.plural_index = int(token[7 : token.index("]")])
            if entry.msgstr_plural is _EMPTY_DICT:
                entry.msgstr_plural = {}
            self.field = MX
            self.parts = [self.value]
        else:  # MI, CT and the previous fields
            entry = self._start(number, offset)
            if symbol == MI:
                entry.obsolete = obsolete
            self.field = symbol
            self.parts = [self.value]
        if self.pending:
            self._settle(entry)
        self.state = following

    def _flush(self) -> None:
        """The field read so far, its strings joined, into the open entry."""
        parts = self.parts
        text = parts[0] if len(parts) == 1 else "".join(parts)
        field, entry = self.field, self.entry
        self.field = -1
        if field == MI:
            entry.msgid = text
        elif field == MS:
            entry.msgstr = text
        elif field == MX:
            entry.msgstr_plural[self.plural_index] = text
        elif field == CT:
            entry.msgctxt = text
        elif field == MP:
            entry.msgid_plural = text
        elif field == PM:
            entry.previous_msgid = text
        elif field == PC:
            entry.previous_msgctxt = text
        else:
            entry.previous_msgid_plural = text

    def _settle(self, entry: PoEntry) -> None:
        """Give the entry the `#~|` fields read before it."""
        for kind, parts in self.pending:
            text = "".join(parts)
            if kind == PM:
                entry.previous_msgid = text
            elif kind == PC:
                entry.previous_msgctxt = text
            else:
                entry.previous_msgid_plural = text
        self.pending = []


def _joined(lines: list[str]) -> str:
    """Comment lines as one text, as polib joins them: a line break only after some text (so
    empty lines before the first one with text are lost)."""
    first = 0
    while first < len(lines) and not lines[first]:
        first += 1
    return "\n".join(lines[first:]) if first else "\n".join(lines)


def _translator(token: str) -> str:
    """A translator comment's text, as polib reads it: after the `#`s and one space."""
    text = token.lstrip("#")
    return text[1:] if text.startswith(" ") else text


def _plain_value(body: str) -> str | None:
    """The text of a string body (between its quotes) holding no quote and no escape but
    `\\n` (the usual one); None for any other body (the full reader decides)."""
    if '"' in body:
        return None
    if "\\" in body:
        body = body.replace("\\n", "\n")
        if "\\" in body:  # another escape, or a backslash `\\n` did not consume
            return None
    return body


def _run(reader: _Reader, text: str, fast: bool = True) -> None:
    """Feed the reader every line of `text` (only `\\n` ends a line).

    The usual lines are read here, straight into the reader: a continuation string, a
    `msgid "…"` or `msgstr "…"` line, a `#.` or `#:` comment, when the string holds no
    escape but `\\n` and no problem was found yet; every other line (and any of these that
    does not fit) goes to `_Reader.line`, which reads it by the full rules. Both read a
    line the same way (tests/tracks/test_po_read.py compares them: `fast=False` sends every
    line to `_Reader.line`).
    """
    position = 0
    number = 0
    for raw in text.split("\n"):
        number += 1
        offset = position
        position += len(raw) + 1
        line = raw.strip(WHITESPACE)
        if not line:
            continue
        if fast and not reader.dead:
            first = line[0]
            if first == '"':
                if reader.field >= 0 and len(line) > 1 and line[-1] == '"':
                    value = _plain_value(line[1:-1])
                    if value is not None:
                        # A string going on: a field is open, so polib's state is a
                        # string's and it takes it.
                        reader.last_is_comment = False
                        reader.parts.append(value)
                        continue
            elif first == "#":
                kind = line[1] if len(line) > 2 else ""
                if kind == "." or kind == ":":
                    reader.last_is_comment = True
                    reader.note(line, kind, number, offset)
                    continue
            elif first == "m" and line[-1] == '"':
                symbol = -1
                value = None
                if line.startswith('msgstr "') and len(line) > 8:
                    symbol = MS
                    value = _plain_value(line[8:-1])
                elif line.startswith('msgid "') and len(line) > 7 and not reader.expect_msgstr_for:
                    symbol = MI
                    value = _plain_value(line[7:-1])
                if value is not None:
                    # The grammar's part (a msgid waits for its msgstr), then polib's.
                    if symbol == MI:
                        reader.expect_msgstr_for = number
                        reader.msgid_lines.append(number)
                    else:
                        reader.expect_msgstr_for = 0
                    reader.last_is_comment = False
                    reader.value = value
                    try:
                        reader._feed(symbol, line, number, offset, 0)
                    except _Failure as failure:
                        _failed(reader, failure, number)
                    continue
        try:
            reader.line(line, number, offset)
        except _Failure as failure:
            _failed(reader, failure, number)


def _run_one(reader: _Reader, text: str, start: int) -> None:
    """Feed the reader the lines of `text` from `start` until a second entry begins (or the
    first is broken): the cost of one entry, not of the rest of the file."""
    size = len(text)
    position = start
    number = 0
    while position <= size and reader.second < 0 and not reader.dead:
        end = text.find("\n", position)
        if end < 0:
            end = size
        number += 1
        line = text[position:end].strip(WHITESPACE)
        if line:
            try:
                reader.line(line, number, position)
            except _Failure as failure:
                _failed(reader, failure, number)
        position = end + 1


def _failed(reader: _Reader, failure: _Failure, number: int) -> None:
    if not failure.line:
        failure = _Failure(number, failure.message.partition(": ")[2])
    reader.failure = failure
    reader.dead = True


def read_catalog(text: str, path: str, charset: str = "utf-8") -> PoCatalog:
    """Read PO text (decoded from `charset`); raise InputError saying where it is broken."""
    return _read(text, path, charset, True)


def _read(text: str, path: str, charset: str, fast: bool) -> PoCatalog:
    reader = _Reader(path, charset)
    _run(reader, text, fast)
    reader.finish()
    if reader.expect_msgstr_for:
        reader._problem(reader.expect_msgstr_for, "msgid without msgstr")
    if reader.problems:
        raise InputError(f"{path}: not a valid PO file", reader.problems)
    if reader.failure is not None:
        failure = reader.failure
        raise InputError(
            f"{path}: not a valid PO file",
            [Diagnostic(path, failure.line, "error", failure.message, "po-syntax")],
        )
    entries = reader.entries
    if reader.started and not reader.last_is_comment:
        entries.append(reader.entry)  # polib drops a last entry that is only comments
    catalog = PoCatalog(entries, header=reader.header)
    _place(entries, reader.msgid_lines)
    _take_header(catalog)
    if reader.separator or "\x04" in text:  # escaped or literally
        _no_separator(entries, path)
    duplicates = _duplicates(catalog.entries, path)
    if duplicates:
        raise InputError(f"{path}: duplicate entries", duplicates)
    return catalog


def _no_separator(entries: list[PoEntry], path: str) -> None:
    """gettext refuses U+0004 in a string: it separates msgctxt from msgid in a .mo file."""
    for entry in entries:
        texts = [entry.msgid, entry.msgstr, entry.msgctxt or "", entry.msgid_plural]
        if any("\x04" in text for text in [*texts, *entry.msgstr_plural.values()]):
            message = "context separator U+0004 (EOT) within a string"
            raise InputError(
                f"{path}: not a valid PO file",
                [Diagnostic(path, entry.line, "error", message, "po-syntax")],
            )


def entry_at(text: str, offset: int) -> PoEntry | None:
    """The entry whose first line starts at `offset` of `text` (its `PoEntry.offset`), read
    again without reading the rest of the file; None if there is no whole entry there now.
    Its `line` is not known (the caller knows it)."""
    if offset < 0 or offset >= len(text) or (offset and text[offset - 1] != "\n"):
        return None
    reader = _Reader("", "utf-8", header_comments=False)
    _run_one(reader, text, offset)
    reader.finish()
    if reader.problems or reader.failure is not None:
        return None
    if reader.entries:
        entry = reader.entries[0]
    elif reader.state == MS or reader.state == MX:
        entry = reader.entry  # the file's last entry
    else:
        return None
    entry.line = None
    return entry


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
    catalog.header_line = header.line
    key: str | None = None
    lines = header.msgstr.split("\n")
    if lines[-1] == "":
        lines.pop()
    for line in lines:
        name, colon, value = line.partition(":")
        if colon:
            key = name
            catalog.metadata[key] = value.strip()
        elif key is not None:
            catalog.metadata[key] += "\n" + line.strip()


def _place(entries: list[PoEntry], msgid_lines: list[int]) -> None:
    """Each entry's msgid line: the first `msgid` keyword at or after where the entry starts
    (what `po_io.msgid_line` finds; the entries are in order but for the header's place)."""
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
