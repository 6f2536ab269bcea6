"""Words of speech that subtitles write and the Hunspell dictionaries leave out.

Subtitles transcribe speech: interjections, colloquial forms and swear words that the
dictionaries lack, on purpose or by omission. These are the ones among the 10,000
commonest words of real subtitles (OpenSubtitles 2018, hermitdave/FrequencyWords commit
525f9b5, `content/2018/<lang>/<lang>_50k.txt`) that the spelling check reported both
lowercase and capitalised and that were judged right by hand, each with its count and rank
there. The slips on those lists (Greek without accents, Romanian without diacritics,
Brazilian forms in pt-PT) stay reported.
"""

from __future__ import annotations

_SPOKEN: dict[str, frozenset[str]] = {
    # hey: έι (38,480; 598th), εϊ (4,094; 4,474th)
    "el": frozenset({"έι", "εϊ"}),
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


def spoken(word: str, lang: str) -> bool:
    """Whether a word is one of speech the language's subtitles write and its dictionary
    lacks (any case)."""
    found = _SPOKEN.get(lang)
    return found is not None and word.lower() in found
