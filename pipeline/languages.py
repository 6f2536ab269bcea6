"""The language registry: the one place that knows our languages and their codes everywhere.

Long: the table of our languages is data (codes, providers, subtitle limits, typography,
dictionaries for each), with the plain classes that hold it and the look-ups by any code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from pipeline.errors import UsageError

PLURALS_TWO_NOT_ONE = "nplurals=2; plural=(n != 1);"


# Plain classes, immutable by their Final attributes: a frozen dataclass cost ~0.8 ms of
# start-up a class (its methods compiled from source), and nothing compares, hashes or
# prints these (the table below is made once, at import).
class ProviderCode:
    """A machine-translation provider's code for one of our languages.

    `exact` is False when the provider lacks the regional variant and we fall back to
    the generic language (Google has `pt`, not `pt-PT`); the output states the fallback.
    """

    __slots__ = ("code", "exact")

    def __init__(self, code: str, exact: bool = True) -> None:
        self.code: Final = code
        self.exact: Final = exact


class Typography:
    """The punctuation conventions of a language that the typography checks enforce.

    Values come from ../shared/reference/subtitle-standards.md (Netflix per-language guides);
    a convention left at its default is not checked for that language.
    """

    # Marks that take a no-break space (U+00A0) before them (French `mot !`).
    nbsp_before: Final[str]
    # « text » with no-break spaces inside the guillemets (French).
    nbsp_inside_guillemets: Final[bool]
    # The double quotation marks this language uses; others are flagged ("" = not checked).
    quotes: Final[str]
    # Questions and exclamations open with ¿ and ¡ (Spanish).
    inverted_marks: Final[bool]
    # The question mark is `;` (U+037E or U+003B); a Latin `?` is wrong (Greek).
    semicolon_question: Final[bool]
    # Semicolons are avoided in subtitles (Spanish).
    avoid_semicolon: Final[bool]
    # ș ț take a comma below, never a cedilla ş ţ (Romanian).
    comma_below: Final[bool]
    # The dialogue dash: "-" (no space: `-Text`), "- " (with a space: `- Text`), "" not declared.
    dialogue_dash: Final[str]
    # The dash marks only the second speaker's line (Dutch).
    dialogue_second_line_only: Final[bool]
    # A sentence split over two subtitles: `word…` / `…word`, no space at the ellipsis (Dutch).
    ellipsis_no_space: Final[bool]
    # A space between a number and % or a unit: `14 %`, `6 km` (European Portuguese).
    space_before_unit: Final[bool]
    # Acronyms are written without periods: `NBE`, not `N.B.E.` (Basque).
    acronyms_without_periods: Final[bool]
    # Words that are correctly written twice in a row (French `nous nous sommes`, Dutch
    # `die die`), lower case; any other word twice in a row is a typing slip.
    repeatable_words: Final[frozenset[str]]

    def __init__(
        self,
        *,
        nbsp_before: str = "",
        nbsp_inside_guillemets: bool = False,
        quotes: str = "",
        inverted_marks: bool = False,
        semicolon_question: bool = False,
        avoid_semicolon: bool = False,
        comma_below: bool = False,
        dialogue_dash: str = "",
        dialogue_second_line_only: bool = False,
        ellipsis_no_space: bool = False,
        space_before_unit: bool = False,
        acronyms_without_periods: bool = False,
        repeatable_words: frozenset[str] = frozenset(),
    ) -> None:
        self.nbsp_before = nbsp_before
        self.nbsp_inside_guillemets = nbsp_inside_guillemets
        self.quotes = quotes
        self.inverted_marks = inverted_marks
        self.semicolon_question = semicolon_question
        self.avoid_semicolon = avoid_semicolon
        self.comma_below = comma_below
        self.dialogue_dash = dialogue_dash
        self.dialogue_second_line_only = dialogue_second_line_only
        self.ellipsis_no_space = ellipsis_no_space
        self.space_before_unit = space_before_unit
        self.acronyms_without_periods = acronyms_without_periods
        self.repeatable_words = repeatable_words


NO_CONVENTIONS = Typography()  # a language that declares none (nothing checked)


class Language:
    """Everything the pipeline needs to know about one language."""

    code: Final[str]  # BCP 47, our internal code
    name: Final[str]  # in English
    native_name: Final[str]
    youtube: Final[str]  # YouTube caption language code (snippet.language, BCP 47)
    gettext: Final[str]  # PO `Language:` header (underscore form, as Poedit and msgfmt expect)
    plural_forms: Final[str]  # PO `Plural-Forms:` header
    stemmer: Final[str]  # snowballstemmer algorithm name
    providers: Final[dict[str, ProviderCode]]
    # Subtitle defaults from ../shared/reference/subtitle-standards.md (Netflix-like profile):
    # `cps_max` is the guide's adult reading speed (an error above it); `cps_optimal` is the
    # comfortable speed below it (a warning above it; Subtitle Edit's default optimum is 15).
    max_chars_per_line: Final[int]
    max_lines: Final[int]
    cps_optimal: Final[float]
    cps_max: Final[float]
    cps_children: Final[float]
    typography: Final[Typography]
    # Other codes we accept for this language in file names and foreign tools.
    aliases: Final[tuple[str, ...]]
    # The Hunspell dictionary of the spelling check, by file name (`eu_ES`: eu_ES.dic and
    # eu_ES.aff), the first of these found; and the Debian package that installs it (the
    # note says so when none is found).
    hunspell: Final[tuple[str, ...]]
    hunspell_package: Final[str]

    def __init__(
        self,
        code: str,
        name: str,
        native_name: str,
        youtube: str,
        gettext: str,
        plural_forms: str,
        stemmer: str,
        providers: dict[str, ProviderCode] | None = None,
        max_chars_per_line: int = 42,
        max_lines: int = 2,
        cps_optimal: float = 15.0,
        cps_max: float = 17.0,
        cps_children: float = 13.0,
        typography: Typography = NO_CONVENTIONS,
        aliases: tuple[str, ...] = (),
        hunspell: tuple[str, ...] = (),
        hunspell_package: str = "",
    ) -> None:
        self.code = code
        self.name = name
        self.native_name = native_name
        self.youtube = youtube
        self.gettext = gettext
        self.plural_forms = plural_forms
        self.stemmer = stemmer
        self.providers = providers if providers is not None else {}
        self.max_chars_per_line = max_chars_per_line
        self.max_lines = max_lines
        self.cps_optimal = cps_optimal
        self.cps_max = cps_max
        self.cps_children = cps_children
        self.typography = typography
        self.aliases = aliases
        self.hunspell = hunspell
        self.hunspell_package = hunspell_package


SOURCE = "en"

_LANGUAGES: tuple[Language, ...] = (
    Language(
        code="en",
        name="English",
        native_name="English",
        youtube="en",
        gettext="en",
        plural_forms=PLURALS_TWO_NOT_ONE,
        stemmer="english",
        providers={
            "google": ProviderCode("en"),
            "mymemory": ProviderCode("en-GB"),
            "libre": ProviderCode("en"),
            "deepl": ProviderCode("en"),
        },
        cps_optimal=17.0,
        cps_max=20.0,
        cps_children=17.0,
        typography=Typography(dialogue_dash="-", repeatable_words=frozenset({"had", "that"})),
        aliases=("en-GB", "en-US", "en_GB", "en_US", "eng"),
        hunspell=("en_GB", "en_US"),
        hunspell_package="hunspell-en-gb hunspell-en-us",
    ),
    Language(
        code="eu",
        name="Basque",
        native_name="euskara",
        youtube="eu",
        gettext="eu",
        plural_forms=PLURALS_TWO_NOT_ONE,
        stemmer="basque",
        providers={
            "google": ProviderCode("eu"),
            "mymemory": ProviderCode("eu-ES"),
            # LibreTranslate ships en<->eu models (docs.libretranslate.com, supported
            # languages); deep-translator's bundled Libre list is older and lacks it.
            "libre": ProviderCode("eu"),
        },
        typography=Typography(acronyms_without_periods=True),
        aliases=("eu-ES", "eu_ES", "eus", "baq"),
        hunspell=("eu_ES", "eu"),
        hunspell_package="hunspell-eu",
    ),
    Language(
        code="nl-BE",
        name="Flemish",
        native_name="Vlaams",
        youtube="nl-BE",
        gettext="nl_BE",
        plural_forms=PLURALS_TWO_NOT_ONE,
        stemmer="dutch",
        providers={
            "google": ProviderCode("nl", exact=False),
            "mymemory": ProviderCode("nl-BE"),
            "libre": ProviderCode("nl", exact=False),
            "deepl": ProviderCode("nl", exact=False),
        },
        typography=Typography(
            dialogue_dash="-",
            dialogue_second_line_only=True,
            ellipsis_no_space=True,
            repeatable_words=frozenset({"die", "dat"}),
        ),
        aliases=("nl_BE", "vls", "flemish"),
        hunspell=("nl_BE", "nl"),
        hunspell_package="hunspell-nl",
    ),
    Language(
        code="fr",
        name="French",
        native_name="français",
        youtube="fr",
        gettext="fr",
        plural_forms="nplurals=2; plural=(n > 1);",
        stemmer="french",
        providers={
            "google": ProviderCode("fr"),
            "mymemory": ProviderCode("fr-FR"),
            "libre": ProviderCode("fr"),
            "deepl": ProviderCode("fr"),
        },
        typography=Typography(
            nbsp_before=";:!?",
            nbsp_inside_guillemets=True,
            quotes="«»“”",
            dialogue_dash="- ",
            repeatable_words=frozenset({"nous", "vous"}),
        ),
        aliases=("fr-FR", "fr-BE", "fr_FR", "fr_BE", "fra", "fre"),
        hunspell=("fr_FR", "fr"),
        hunspell_package="hunspell-fr",
    ),
    Language(
        code="el",
        name="Greek",
        native_name="ελληνικά",
        youtube="el",
        gettext="el",
        plural_forms=PLURALS_TWO_NOT_ONE,
        stemmer="greek",
        providers={
            "google": ProviderCode("el"),
            "mymemory": ProviderCode("el-GR"),
            "libre": ProviderCode("el"),  # in LibreTranslate's model list, not deep-translator's
            "deepl": ProviderCode("el"),
        },
        typography=Typography(semicolon_question=True),
        aliases=("el-GR", "el_GR", "ell", "gre"),
        hunspell=("el_GR",),
        hunspell_package="hunspell-el",
    ),
    Language(
        code="pl",
        name="Polish",
        native_name="polski",
        youtube="pl",
        gettext="pl",
        plural_forms=(
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        ),
        stemmer="polish",
        providers={
            "google": ProviderCode("pl"),
            "mymemory": ProviderCode("pl-PL"),
            "libre": ProviderCode("pl"),
            "deepl": ProviderCode("pl"),
        },
        typography=Typography(quotes="„”«»", dialogue_dash="- "),
        aliases=("pl-PL", "pl_PL", "pol"),
        hunspell=("pl_PL",),
        hunspell_package="hunspell-pl",
    ),
    Language(
        code="pt-PT",
        name="Portuguese (Portugal)",
        native_name="português europeu",
        youtube="pt-PT",
        gettext="pt_PT",
        plural_forms=PLURALS_TWO_NOT_ONE,
        stemmer="portuguese",
        providers={
            "google": ProviderCode("pt", exact=False),
            "mymemory": ProviderCode("pt-PT"),
            "libre": ProviderCode("pt", exact=False),
            "deepl": ProviderCode("pt-PT"),
        },
        typography=Typography(space_before_unit=True),
        aliases=("pt_PT", "pt", "por"),
        hunspell=("pt_PT",),
        hunspell_package="hunspell-pt-pt",
    ),
    Language(
        code="ro",
        name="Romanian",
        native_name="română",
        youtube="ro",
        gettext="ro",
        plural_forms=(
            "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);"
        ),
        stemmer="romanian",
        providers={
            "google": ProviderCode("ro"),
            "mymemory": ProviderCode("ro-RO"),
            "deepl": ProviderCode("ro"),
        },
        typography=Typography(comma_below=True, dialogue_dash="- "),
        aliases=("ro-RO", "ro_RO", "ron", "rum"),
        hunspell=("ro_RO",),
        hunspell_package="hunspell-ro",
    ),
    Language(
        code="es",
        name="Spanish",
        native_name="español",
        youtube="es",
        gettext="es",
        plural_forms=PLURALS_TWO_NOT_ONE,
        stemmer="spanish",
        providers={
            "google": ProviderCode("es"),
            "mymemory": ProviderCode("es-ES"),
            "libre": ProviderCode("es"),
            "deepl": ProviderCode("es"),
        },
        typography=Typography(inverted_marks=True, avoid_semicolon=True),
        aliases=("es-ES", "es_ES", "spa"),
        hunspell=("es_ES",),
        hunspell_package="hunspell-es",
    ),
)

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in _LANGUAGES}
TARGETS: tuple[str, ...] = tuple(code for code in LANGUAGES if code != SOURCE)

_LOOKUP: dict[str, str] = {}
for _lang in _LANGUAGES:
    for _key in (_lang.code, _lang.gettext, _lang.youtube, *_lang.aliases):
        _LOOKUP.setdefault(_key.casefold(), _lang.code)


def find(code: str) -> Language | None:
    """Return the language for any code we know (BCP 47, gettext, YouTube, alias), or None."""
    key = _LOOKUP.get(code.strip().casefold())
    return LANGUAGES[key] if key else None


def problem(code: str) -> str | None:
    """Why `code` is not one of our canonical codes (with a suggestion), or None when it is."""
    lang = find(code)
    if lang is None:
        import difflib  # only when a name is wrong: not on the start-up path

        close = difflib.get_close_matches(code, list(LANGUAGES), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown language {code!r}{hint}"
    if lang.code != code:
        return f"write the language as {lang.code!r}, not {code!r}"
    return None


def get(code: str) -> Language:
    """Return the language for `code`, or raise a UsageError that suggests the nearest code."""
    lang = find(code)
    if lang is None:
        import difflib  # only when a name is wrong: not on the start-up path

        close = difflib.get_close_matches(code, list(LANGUAGES), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        known = ", ".join(LANGUAGES)
        raise UsageError(f"unknown language {code!r}{hint}; known languages: {known}")
    return lang


def from_youtube(code: str) -> tuple[Language, bool] | None:
    """Our language for a YouTube caption code, and whether the code is exactly its YouTube code.

    An alias match (YouTube's generic `pt` for pt-PT, `en-GB` for en) is accepted but ranks below
    an exact one when a video has both; `None` means the code is not one of our languages.
    """
    lang = find(code)
    if lang is None:
        return None
    return lang, code.strip().casefold() == lang.youtube.casefold()


def codes_where(test: Callable[[Typography], object]) -> frozenset[str]:
    """The codes of the languages whose typography passes `test` (for language-bound checks)."""
    return frozenset(lang.code for lang in _LANGUAGES if test(lang.typography))
