"""Words of speech that subtitles write and the Hunspell dictionaries leave out.

Subtitles transcribe speech: interjections, colloquial forms and swear words that the
dictionaries lack, on purpose or by omission. These are the ones found among the 5,000
commonest words of real subtitles (OpenSubtitles 2018, hermitdave/FrequencyWords commit
525f9b5, `content/2018/<lang>/<lang>_50k.txt`), reported by the spelling check both
lowercase and capitalised, and right in the language's own dictionaries of record (RAE's
DLE, Priberam, DEX, Van Dale, SJP): each with its count of occurrences there. The slips
on those lists (Greek without accents, Romanian without diacritics, Brazilian forms in
pt-PT) stay reported.
"""

from __future__ import annotations

_SPOKEN: dict[str, frozenset[str]] = {
    # εϊ: hey (38,480 as έι/εϊ); άου: ouch
    "el": frozenset({"εϊ", "άου"}),
    # ey: hey (14,330); puaj: yuck; mami (17,017), papi, poli (7,758): DLE, colloquial
    "es": frozenset({"ey", "puaj", "mami", "papi", "poli"}),
    # ei: hey (60,095); epá; pra (22,549): para, said; tás: estás, said; puta (22,905),
    # foder (13,541), foda (4,299; foda-se 14,908), caralho: Priberam, calão
    "pt-PT": frozenset({"ei", "epá", "pra", "tás", "puta", "foder", "foda", "caralho"}),
    # taa: yeah, drawled (30,840); łał: wow
    "pl": frozenset({"taa", "łał"}),
    # allo: allô without its circumflex (9,588), as the 1990 reform writes it
    "fr": frozenset({"allo"}),
    # mda: yes, grudgingly; uau: wow; tati: dad (DEX); scumpo: the vocative of scumpă
    "ro": frozenset({"mda", "uau", "tati", "scumpo"}),
    # oke (41,404), okee (6,327): oké as said
    "nl-BE": frozenset({"oke", "okee"}),
}


def spoken(word: str, lang: str) -> bool:
    """Whether a word is one of speech the language's subtitles write and its dictionary
    lacks (any case)."""
    found = _SPOKEN.get(lang)
    return found is not None and word.lower() in found
