"""Words of speech that subtitles write and the Hunspell dictionaries leave out.

Subtitles transcribe speech: interjections, colloquial forms and swear words that the
dictionaries lack, on purpose or by omission. These are the ones among the 10,000
commonest words of real subtitles (OpenSubtitles 2018, hermitdave/FrequencyWords commit
525f9b5, `content/2018/<lang>/<lang>_50k.txt`) that the spelling check reported both
lowercase and capitalised and that were judged right by hand, each with its count and rank
there. The slips on those lists (Greek without accents, Romanian without diacritics,
Brazilian forms in pt-PT) stay reported.

More came from the 10,000 commonest whole lines of the same corpus
(orgtre/top-open-subtitles-sentences, commit 861f426, `bld/top_sentences/`), each quoted
beside it: the words the check reported there that were judged right by hand. So did the
foreign words any language's subtitles leave as the character says them (“Merci.”,
“Gracias.”, “Au revoir.”), right in every language. Greek loans, speech and dialect
forms came from the same repository's 30,000 commonest words
(`bld/top_words/<lang>_top_words.csv`): those the check reported, no accent's slip of a
dictionary word, judged right by hand, each with its rank there. The same 30,000 words of
English, Spanish, Portuguese, French, Dutch, Polish, Romanian and Basque gave the lists in
`lacking/<lang>.txt`: every word of the language (standard, colloquial or vulgar, a loan
the language's dictionary of reference lists, a diminutive; Basque's dialect forms) that
the check reported, judged right by hand, each with its rank, its count and the reason
(lacking/README.md). Basque's are taken with the case endings it writes on them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_SPOKEN: dict[str, frozenset[str]] = {
    # hey: έι (38,480; 598th), εϊ (4,094; 4,474th). Then counted in orgtre's 30,000
    # commonest words (commit 861f426, bld/top_words/el_top_words.csv): ΟΚ as written, οκ
    # (60,107; 877th); loans: σενιόρ (8,909th), μπέργκερ (8,988th), μεσιέ (9,441st), μέιλ
    # (9,791st), σούσι (10,189th), μωβ (10,234th), λινκ (11,076th), τζόκερ (11,086th),
    # σέρβερ (11,248th), σάιτ (13,282nd), σερφ (14,284th), πόνι (14,919th), μπάι (15,394th),
    # τρανς (15,764th), μπλογκ (16,479th), άβαταρ (17,067th), τρολ (17,362nd), σίτερ
    # (17,683rd), σεντ (5,469th), σεντς (5,792nd); colloquial: κόφτο (5,816th), σώπα
    # (8,915th), κόφτε (10,778th), φιλάρα (11,798th), κοιτάχτε (12,365th), γαμάτα (13,735th),
    # γαμάτος (15,048th), παπάρια (13,233rd), παπαριές (15,152nd), περιέργως (15,702nd),
    # οδηγάω (18,367th); σα, the form of σαν a consonant follows (1,110th; the Λεξικό της
    # κοινής νεοελληνικής lists σαν and σα), in 3b1b/captions' Greek "σα μια τεράστια έκρηξη"
    "el": frozenset({"έι", "εϊ", "οκ", "σενιόρ", "μπέργκερ", "μεσιέ", "μέιλ", "σούσι", "μωβ"})
    | frozenset({"λινκ", "τζόκερ", "σέρβερ", "σάιτ", "σερφ", "πόνι", "μπάι", "τρανς", "μπλογκ"})
    | frozenset({"άβαταρ", "τρολ", "σίτερ", "σεντ", "σεντς", "κόφτο", "σώπα", "κόφτε"})
    | frozenset({"φιλάρα", "κοιτάχτε", "γαμάτα", "γαμάτος", "παπάρια", "παπαριές"})
    | frozenset({"περιέργως", "οδηγάω", "σα"}),
    # ey: hey (14,330; 2,300th); mami (17,017; 1,975th), papi (21,806; 1,585th), poli: the
    # police (7,758; 3,838th), colloquial
    "es": frozenset({"ey", "mami", "papi", "poli"}),
    # ei: hey (60,095; 376th); pra: para, as said (22,549; 859th); tás: estás (1,769;
    # 7,294th); swear words: puta (846th), foder (1,352nd), foda (3,646th; foda-se 1,244th),
    # caralho (1,558th)
    "pt-PT": frozenset({"ei", "pra", "tás", "puta", "foder", "foda", "caralho"}),
    # taa: yeah, drawled (30,840; 742nd); łał: wow (2,065; 8,769th)
    "pl": frozenset({"taa", "łał"}),
    # allo: allô without its circumflex (9,588; 2,190th), as the 1990 reform writes it
    "fr": frozenset({"allo"}),
    # mda: yes, grudgingly (1,427th); uau: wow (3,053rd); tati: dad (1,107th); scumpo: the
    # vocative of scumpă, dear (1,093rd)
    "ro": frozenset({"mda", "uau", "tati", "scumpo"}),
    # oke (41,404; 563rd), okee (6,327; 2,446th): oké as said
    "nl-BE": frozenset({"oke", "okee"}),
}


# From whole lines (see the docstring), judged right by hand.
_FROM_LINES: dict[str, frozenset[str]] = {
    # Ώπα. Ουπς. Αχά. Άουτς! Εμ... Κουλ. Νάτος! (here he is)
    "el": frozenset({"ώπα", "ουπς", "αχά", "άουτς", "όου", "άου", "εμ", "ωπ", "επ", "κουλ"})
    | frozenset({"νάτος", "νάτη", "νάτο", "νάτοι", "νάτα"}),
    # ¿Aló? Nop. Síp. Seh. Ahá. Toc, toc. ¿Qué cojones?
    "es": frozenset({"aló", "nop", "síp", "seh", "ahá", "toc", "cojones"}),
    # Fode-te! Que se fodam. Fodasse! Cabrões! Baza! Bacano. Baril. Xau. Blá, blá, blá.
    "pt-PT": frozenset({"fode", "fodam", "fodasse", "cabrão", "cabrões", "baza", "bacano"})
    | frozenset({"baril", "xau", "blá", "hola"}),
    # Calmos. Impec. Wouah. Ouep. Ouaip.
    "fr": frozenset({"calmos", "impec", "wouah", "ouep", "ouaip"}),
    # Krijg de klere. Hierzo. God zegene je. Gesnopen? Oja? Okè. Jep. Euh... Trusten.
    "nl-BE": frozenset({"klere", "hierzo", "zegene", "gesnopen", "oja", "okè", "jep", "euh"})
    | frozenset({"trusten"}),
    # Tja. Ał! Ała! W porzo. Cii.
    "pl": frozenset({"tja", "ał", "ała", "porzo", "cii"}),
    "en": frozenset({"hola"}),  # Hola.
    # Eta kitto. Iepa. Zin dagizut. Emaidazu. Esaidazu. Entzuidazu. Begiradazu! Ekatzu.
    # Emaidak! Jode! Joder!
    "eu": frozenset({"kitto", "iepa", "dagizut", "emaidazu", "esaidazu", "entzuidazu"})
    | frozenset({"entzuidazue", "begiradazu", "emaidak", "ekatzu", "jode", "joder"}),
}
# The abbreviations a title of address is written as, period or not, first in a line or
# last (“Da, dle.”, “Dnă.”, “Da, d-nă.”). Romanian: DOOM's (dl, dlui, dle, dna, dnei, drei;
# not dra, a slip of dar) and their old forms with a hyphen (d-l, d-na); the vocatives of
# doamnă and domnișoară the same lines write (dnă, dră). Portuguese: Dr.ª written Drª, as
# Srª, which the dictionary lists. Spanish: the plural of Ud., Vd. (which it lists). Greek:
# δρ (Δρ. Χάους; 362nd of orgtre's commonest words), κε (κύριε; 597th), κα (κυρία; 610th),
# κος (κύριος; 1,633rd), κο (τον κο Σμιθ; 2,612th), δίδα (δεσποινίδα; 10,402nd).
_ADDRESS: dict[str, frozenset[str]] = {
    "el": frozenset({"δρ", "κε", "κα", "κος", "κο", "δίδα"}),
    "ro": frozenset({"dl", "dlui", "dle", "dna", "dnei", "dnă", "drei", "dră"})
    | frozenset({"d-l", "d-lui", "d-le", "d-na", "d-nei", "d-nă", "d-ra", "d-rei", "d-ră"}),
    "pt-PT": frozenset({"drª"}),
    "es": frozenset({"uds", "vds"}),  # ustedes (RAE: Ud., Uds., Vd., Vds.)
}
# Said in another language, as subtitles leave them: Merci. Gracias. Oui. Grazie. Nein.
# Au revoir. Mazel tov. Sì, madame, sir. (Not hola everywhere: in French it is a slip of
# holà, measured; English and Portuguese subtitles write it, below.)
_FOREIGN = frozenset({"merci", "gracias", "oui", "grazie", "nein", "danke", "ciao"})
_FOREIGN |= {"adiós", "monsieur", "madame", "mademoiselle", "señor", "señorita", "sir"}
_FOREIGN |= {"bonjour", "revoir", "salud", "amigo", "vamos", "mazel", "tov", "sì"}


_LACKING = Path(__file__).with_name("lacking")


@cache
def _lacking(lang: str) -> frozenset[str]:
    """The words of one language's `lacking/<lang>.txt` (the first field of each line; a
    line in # is a note), read on the first word the dictionary does not know."""
    path = _LACKING / f"{lang}.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line and line[0] != "#")


def near_listed(word: str, lang: str) -> list[str]:
    """The words of `lacking/<lang>.txt` a word is one slip of (two letters swapped, one
    left out, put in or changed), which the dictionary cannot suggest: pingüinso is a slip
    of pingüinos, not a rare word. Capitalised as the word is."""
    lower = word.lower()
    found = sorted(
        listed
        for listed in _lacking(lang)
        if abs(len(listed) - len(lower)) <= 1 and listed != lower and _one_edit(lower, listed)
    )
    return [near.capitalize() for near in found] if word[:1].isupper() else found


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one edit apart: a letter left out or put in, any
    one letter changed, or two neighbours swapped (spell_slips.typing_slip's swap)."""
    from pipeline.checks.spell_slips import left_out, typing_slip

    if len(a) != len(b):
        return left_out(a, b) or left_out(b, a)
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1 or typing_slip(a, b)


def spoken(word: str, lang: str) -> bool:
    """Whether a word is one of speech the language's subtitles write and its dictionary
    lacks (any case)."""
    lower = word.lower()
    if lower in _FOREIGN or lower in _FROM_LINES.get(lang, ()) or lower in _ADDRESS.get(lang, ()):
        return True
    found = _lacking(lang)
    if lower in found or lower in _SPOKEN.get(lang, ()):
        return True
    return lang in _ENDINGS_ON_WORDS and _inflected(lower, found, lang)


# Languages that write a case ending on the word itself: Basque filmea, untzian, nerea.
_ENDINGS_ON_WORDS = {"eu"}
_STEM_MIN = 4  # letters of the listed word an ending follows


def _inflected(lower: str, found: frozenset[str], lang: str) -> bool:
    """Whether a word is a listed word with one of the language's endings, as the language
    writes it after that word (spell_rules.fits_stem). Not with a letter doubled in the
    ending or where it joins the word, but rr (filmeaa, untziann, untziaa: slips), which
    the matcher's table of endings allows."""
    from pipeline.checks.spell_rules import ending_splits

    return any(
        stem in found and not _DOUBLED.search((stem[-1] + tail).replace("rr", "r"))
        for stem, tail in ending_splits(lower, lang, _STEM_MIN)
    )


_DOUBLED = re.compile(r"(.)\1")
