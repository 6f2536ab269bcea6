"""Generate realistic msm projects for benchmarks: N videos × 9 languages × M cues, G concepts.

    python -m benchmarks.corpus OUT --videos 100 --cues 60 --concepts 1000 --seed 1

The material is real: the example video's cues in all nine languages (aligned line by line,
so a recombined cue is still a translation of its source), a few sentence frames with
numbers, cities and references (so most texts are distinct, as in real subtitles), and the
glossary's terms. The glossary holds the project's real concepts plus synthetic ones with
plausible word shapes per language; the texts mention some synthetic terms in inflected forms
(built from the matcher's own ending classes). Planted problems (untranslated and fuzzy
entries, typography per language, forbidden terms, too-fast and overlapping cues, stale built
tracks, obsolete entries, reviewer acceptances) give every family of checks something to find.

Everything is a pure function of (seed, video number) and (seed, concept number): the same
seed writes the same bytes, video 7 is the same in a corpus of 10 or of 1,000 videos, and the
glossary of 100 concepts is the first 100 concepts of the glossary of 10,000. PO files are
rendered by msm's own writer (they pass `msgfmt --check`), built tracks by msm's own builder.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib

from pipeline import languages
from pipeline.glossary.morphology import inflection
from pipeline.glossary.normalise import fold, skeleton
from pipeline.tracks.build import translate_track
from pipeline.tracks.merge import cue_keys, source_entries, template_entry
from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import (
    HeaderInfo,
    header,
    header_comment,
    key_of,
    new_catalog,
    parse_po,
    render,
)
from pipeline.tracks.srt_io import compose_srt, parse_srt
from pipeline.tracks.vtt_io import compose_vtt

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "subtitles" / "what-is-public-procurement"
GLOSSARY = ROOT / "glossary" / "procurement.csv"
SOURCE = languages.SOURCE
TARGETS = languages.TARGETS
LANGS = (SOURCE, *TARGETS)
DATE = "2026-01-05 09:00+0000"  # fixed header dates: the same seed gives the same bytes
PROJECT = "Benchmark corpus"
MENTIONED = 60  # texts mention only the first synthetic concepts (in every glossary size)


@dataclass(frozen=True)
class Spec:
    """What to generate."""

    videos: int
    cues: int
    concepts: int = 100  # glossary size, the project's real concepts included
    seed: int = 1
    problems: float = 0.03  # share of translated entries given a planted problem
    built: bool = True  # write the <lang>.srt/.vtt `msm build` makes from each PO


# --- material --------------------------------------------------------------------------------

Aligned = dict[str, str]  # language -> text, the same meaning in every language


@cache
def example_cues() -> tuple[Aligned, ...]:
    """The example video's cues in all nine languages, in source order."""
    cues = parse_srt((EXAMPLE / f"{SOURCE}.srt").read_text("utf-8"), "en.srt").cues
    out: list[Aligned] = [{SOURCE: c.text} for c in cues]
    by_text = {c.text: i for i, c in enumerate(cues)}
    for lang in TARGETS:
        path = EXAMPLE / f"{lang}.po"
        for entry in parse_po(path.read_text("utf-8"), str(path)):
            if entry.msgid in by_text and entry.msgstr:
                out[by_text[entry.msgid]][lang] = entry.msgstr
    return tuple(cue for cue in out if len(cue) == len(LANGS))


@cache
def example_lines() -> tuple[Aligned, ...]:
    """Single lines aligned across languages: the lines of cues with two lines everywhere
    whose terms line up too (the glossary finds no issue in any language's line)."""
    from pipeline.glossary import Matcher, load_termbase, review

    matcher = Matcher(load_termbase(GLOSSARY))
    lines: list[Aligned] = []
    for cue in example_cues():
        split = {lang: text.split("\n") for lang, text in cue.items()}
        if all(len(parts) == 2 for parts in split.values()):
            for n in (0, 1):
                line = {lang: parts[n] for lang, parts in split.items()}
                if not any(review(matcher, line[SOURCE], line[t], t) for t in TARGETS):
                    lines.append(line)
    return tuple(lines)


CITIES = (
    "Preston", "Bilbao", "Gdańsk", "Porto", "Cluj", "Ghent", "Lyon", "Thessaloniki", "Valencia",
    "Nantes", "Braga", "Iași", "Kraków", "Leuven", "Patras", "Vitoria", "Lille", "Coimbra",
    "Timișoara", "Mechelen",
)  # fmt: skip

# Sentence frames with slots; every language says the same thing. Lines stay under 42.
FRAMES: tuple[Aligned, ...] = (
    {
        "en": "In {year}, {city} spent\n{amount} million euros.",
        "eu": "{year}an, {city}k {amount} milioi\neuro gastatu zituen.",
        "nl-BE": "In {year} gaf {city}\n{amount} miljoen euro uit.",
        "fr": "En {year}, {city} a dépensé\n{amount} millions d'euros.",
        "el": "Το {year}, η πόλη {city} δαπάνησε\n{amount} εκατ. ευρώ.",
        "pl": "W {year} r. {city} wydało\n{amount} mln euro.",
        "pt-PT": "Em {year}, {city} gastou\n{amount} milhões de euros.",
        "ro": "În {year}, {city} a cheltuit\n{amount} milioane de euro.",
        "es": "En {year}, {city} gastó\n{amount} millones de euros.",
    },
    {
        "en": "Reference {ref},\nvalid for {months} months.",
        "eu": "{ref} erreferentzia,\n{months} hilabetez baliozkoa.",
        "nl-BE": "Referentie {ref},\n{months} maanden geldig.",
        "fr": "Référence {ref},\nvalable {months} mois.",
        "el": "Αριθμός αναφοράς {ref},\nισχύει για {months} μήνες.",
        "pl": "Numer referencyjny {ref},\nważny przez {months} miesięcy.",
        "pt-PT": "Referência {ref},\nválida por {months} meses.",
        "ro": "Referința {ref},\nvalabilă {months} luni.",
        "es": "Referencia {ref},\nválida durante {months} meses.",
    },
    {
        "en": "{count} people came to the meeting\nin {city} on {day} May.",
        "eu": "{count} lagun etorri ziren\n{city}ko bilerara maiatzaren {day}an.",
        "nl-BE": "{count} mensen kwamen naar de vergadering\nin {city} op {day} mei.",
        "fr": "{count} personnes sont venues à la réunion\nà {city} le {day} mai.",
        "el": "{count} άτομα ήρθαν στη συνάντηση\nστην πόλη {city} στις {day} Μαΐου.",
        "pl": "Na spotkanie w mieście {city}\nprzyszło {count} osób {day} maja.",
        "pt-PT": "{count} pessoas vieram à reunião\nem {city} a {day} de maio.",
        "ro": "{count} de persoane au venit la întâlnire\nla {city}, pe {day} mai.",
        "es": "{count} personas vinieron a la reunión\nen {city} el {day} de mayo.",
    },
    {
        "en": "The new school canteen serves\n{count}0 meals a day.",
        "eu": "Eskola-jantoki berriak egunean\n{count}0 otordu ematen ditu.",
        "nl-BE": "De nieuwe schoolkantine serveert\n{count}0 maaltijden per dag.",
        "fr": "La nouvelle cantine scolaire sert\n{count}0 repas par jour.",
        "el": "Η νέα σχολική καντίνα σερβίρει\n{count}0 γεύματα την ημέρα.",
        "pl": "Nowa stołówka szkolna wydaje\n{count}0 posiłków dziennie.",
        "pt-PT": "A nova cantina escolar serve\n{count}0 refeições por dia.",
        "ro": "Noua cantină școlară servește\n{count}0 de mese pe zi.",
        "es": "El nuevo comedor escolar sirve\n{count}0 comidas al día.",
    },
    {
        "en": "Questions? Call {phone}\nor write to {mail}@example.eu.",
        "eu": "Galderak? Deitu {phone}\nedo idatzi: {mail}@example.eu.",
        "nl-BE": "Vragen? Bel {phone}\nof schrijf naar {mail}@example.eu.",
        "fr": "Des questions\u00a0? Appelez le {phone}\nou écrivez à {mail}@example.eu.",
        "el": "Ερωτήσεις; Καλέστε στο {phone}\nή γράψτε στο {mail}@example.eu.",
        "pl": "Pytania? Zadzwoń pod {phone}\nlub napisz na {mail}@example.eu.",
        "pt-PT": "Dúvidas? Ligue para o {phone}\nou escreva para {mail}@example.eu.",
        "ro": "Întrebări? Sunați la {phone}\nsau scrieți la {mail}@example.eu.",
        "es": "¿Preguntas? Llame al {phone}\no escriba a {mail}@example.eu.",
    },
    {
        "en": "{count} firms from {city}\ntook part in {year}.",
        "eu": "{city}ko {count} enpresek\nparte hartu zuten {year}an.",
        "nl-BE": "{count} bedrijven uit {city}\nnamen deel in {year}.",
        "fr": "{count} entreprises de {city}\nont participé en {year}.",
        "el": "{count} επιχειρήσεις από {city}\nσυμμετείχαν το {year}.",
        "pl": "{count} firm z miasta {city}\nwzięło udział w {year} r.",
        "pt-PT": "{count} empresas de {city}\nparticiparam em {year}.",
        "ro": "{count} firme din {city}\nau participat în {year}.",
        "es": "{count} empresas de {city}\nparticiparon en {year}.",
    },
)

# Frames that mention a synthetic glossary term ({t}: its form in each language).
MENTION_FRAMES: tuple[Aligned, ...] = (
    {
        "en": "Next, the {t}:\nwho writes it and when.",
        "eu": "Jarraian, {t}:\nnork idazten duen eta noiz.",
        "nl-BE": "Dan de {t}:\nwie schrijft die en wanneer.",
        "fr": "Puis le {t}\u00a0:\nqui le rédige et quand.",
        "el": "Μετά, {t}:\nποιος το γράφει και πότε.",
        "pl": "Następnie {t}:\nkto go pisze i kiedy.",
        "pt-PT": "Depois, o {t}:\nquem o redige e quando.",
        "ro": "Apoi, {t}:\ncine îl scrie și când.",
        "es": "Luego, el {t}:\nquién lo redacta y cuándo.",
    },
    {
        "en": "Every city needs\na {t}.",
        "eu": "Hiri orok behar du\n{t}.",
        "nl-BE": "Elke stad heeft\neen {t} nodig.",
        "fr": "Chaque ville a besoin\nd'un {t}.",
        "el": "Κάθε πόλη χρειάζεται\n{t}.",
        "pl": "Każde miasto potrzebuje\n{t}.",
        "pt-PT": "Cada cidade precisa\nde um {t}.",
        "ro": "Fiecare oraș are nevoie\nde {t}.",
        "es": "Cada ciudad necesita\nun {t}.",
    },
    {
        "en": "The {t}\nwas published on time.",
        "eu": "{t}\ngaraiz argitaratu zen.",
        "nl-BE": "De {t}\nwerd op tijd gepubliceerd.",
        "fr": "Le {t}\na été publié à temps.",
        "el": "{t}\nδημοσιεύτηκε εγκαίρως.",
        "pl": "{t}\nopublikowano na czas.",
        "pt-PT": "O {t}\nfoi publicado a tempo.",
        "ro": "{t}\na fost publicat la timp.",
        "es": "El {t}\nse publicó a tiempo.",
    },
)


# --- the glossary ----------------------------------------------------------------------------

# Syllables, noun endings and adjective endings with the shapes of each language's words.
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("con", "tra", "pro", "cu", "ser", "vi", "sup", "pli", "ten", "fra", "mo", "lo", "va",
         "lu", "na", "mer", "ca", "por", "sta", "dis", "bu"),
        ("ment", "ity", "ance", "er", "ion", "age", "ure"),
        ("al", "ive", "ary", "ic"),
    ),
    "eu": (
        ("ko", "tra", "ta", "zi", "lo", "be", "ha", "rre", "kin", "gi", "ar", "iru", "gai", "zu",
         "bi", "nda", "le", "ur"),
        ("keta", "tza", "tzaile", "agiri", "pen", "ila"),
        ("ko", "tar", "zko"),
    ),
    "nl-BE": (
        ("aan", "be", "ste", "din", "ge", "ver", "oor", "wer", "kla", "pak", "me", "ter", "rij",
         "lan", "zet", "hou"),
        ("ing", "heid", "schap", "er", "aar", "dienst"),
        ("e", "ige", "elijke"),
    ),
    "fr": (
        ("con", "tra", "mar", "pro", "cé", "du", "at", "tri", "bu", "ca", "pa", "ci", "fi", "ro",
         "nan", "ré", "gle"),
        ("tion", "ment", "eur", "age", "ité", "ure"),
        ("al", "if", "aire", "ique"),
    ),
    "el": (
        ("συ", "μβα", "προ", "μή", "θει", "δια", "γω", "νι", "αρ", "χή", "κα", "τά", "πα", "ρο",
         "ερ", "γα", "λεί", "νο", "μι"),
        ("ση", "σμός", "τητα", "είο", "τής", "ία"),
        ("ικός", "ιακή", "ινο"),
    ),
    "pl": (
        ("za", "mó", "wie", "ofer", "wy", "ko", "na", "umo", "przed", "miot", "part", "ner", "rę",
         "sta", "chu", "dzie", "po", "łą"),
        ("anie", "ość", "ownik", "arka", "enie", "cja"),
        ("owy", "ny", "ski"),
    ),
    "pt-PT": (
        ("con", "tra", "ta", "pro", "ce", "di", "men", "ad", "ju", "ca", "for", "ne", "pla", "ri",
         "lu", "sor"),
        ("ção", "mento", "dade", "or", "agem"),
        ("al", "ivo", "ário"),
    ),
    "ro": (
        ("con", "tra", "ac", "hi", "zi", "ți", "ofer", "ta", "pro", "ce", "du", "ră", "ut", "ori",
         "lu", "mi"),
        ("are", "ție", "ment", "itate", "or"),
        ("al", "ică", "iv"),
    ),
    "es": (
        ("con", "tra", "ta", "li", "ci", "pro", "ce", "di", "ad", "ju", "ca", "pli", "mer", "su",
         "ro", "ga"),
        ("ción", "miento", "dad", "or", "aje"),
        ("al", "ivo", "ario"),
    ),
}  # fmt: skip
# Adjective after the noun in these languages (before it elsewhere).
NOUN_FIRST = {"fr", "pt-PT", "ro", "es", "eu", "el"}


MAX_TERM = 28  # characters: a mention still fits a 42-character line


def _word(rng: random.Random, lang: str, endings: tuple[str, ...]) -> str:
    syllables = SHAPES[lang][0]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 2))) + rng.choice(endings)


def _encode(number: int, syllables: tuple[str, ...]) -> str:
    """`number` written in syllables: different concepts never share a head noun."""
    out = [syllables[number % len(syllables)]]
    number //= len(syllables)
    while number:
        out.append(syllables[number % len(syllables)])
        number //= len(syllables)
    return "".join(out)


def synthetic_term(seed: int, number: int, lang: str, variant: int = 0) -> str:
    """A term of synthetic concept `number` in `lang` (1-3 words, noun and adjectives)."""
    rng = random.Random(f"{seed}/concept/{number}/{lang}/{variant}")
    syllables, nouns, adjectives = SHAPES[lang]
    noun = rng.choice(syllables) + _encode(number, syllables) + rng.choice(nouns)
    while True:
        adjs = [_word(rng, lang, adjectives) for _ in range(rng.choice((0, 1, 1, 2)))]
        words = [noun, *adjs] if lang in NOUN_FIRST else [*adjs, noun]
        term = " ".join(words)
        if len(term) <= MAX_TERM:
            return term


def glossary_csv(spec: Spec) -> str:
    """The project's real glossary plus synthetic concepts, `spec.concepts` in all."""
    real = GLOSSARY.read_text("utf-8")
    rows = list(csv.reader(io.StringIO(real)))
    concepts = list(dict.fromkeys(row[0] for row in rows[1:] if row))
    if spec.concepts < len(concepts):
        keep = set(concepts[: spec.concepts])
        rows = [rows[0], *(row for row in rows[1:] if row and row[0] in keep)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    for number in range(max(0, spec.concepts - len(concepts))):
        concept = f"synthetic-{number:05d}"
        rng = random.Random(f"{spec.seed}/concept/{number}")
        for lang in LANGS:
            writer.writerow([concept, lang, synthetic_term(spec.seed, number, lang), "", "", ""])
        if rng.random() < 0.1:  # a forbidden calque in one language, as real glossaries have
            lang = rng.choice(TARGETS)
            preferred = synthetic_term(spec.seed, number, lang)
            forbidden = next(
                term
                for variant in range(1, 100)
                if (term := synthetic_term(spec.seed, number, lang, variant)) != preferred
            )
            writer.writerow([concept, lang, forbidden, "forbidden", "", ""])
    return out.getvalue()


def inflect(word_form: str, lang: str, rng: random.Random) -> str:
    """Another form of a term's last word, by the language's ending classes (as text says it)."""
    words = word_form.split(" ")
    last = words[-1]
    reverse = inflection(lang).reverse
    for cut in range(min(len(last) - 3, 6), -1, -1):
        ending = last[len(last) - cut :] if cut else ""
        others = reverse.get(skeleton(fold(ending).text))
        if others:
            words[-1] = last[: len(last) - cut] + rng.choice(sorted(others))
            return " ".join(words)
    return word_form


# --- one video -------------------------------------------------------------------------------


_ASCII = str.maketrans("ńșțăîâçéè", "nstaiacee")


def _fill(frame: Aligned, rng: random.Random) -> Aligned:
    slots = {
        "year": str(rng.randint(2004, 2029)),
        "city": rng.choice(CITIES),
        "amount": str(rng.randint(2, 990)),
        "ref": f"{rng.randint(2019, 2029)}/S {rng.randint(1, 250):03d}-"
        f"{rng.randint(0, 999999):06d}",
        "months": str(rng.randint(6, 48)),
        "count": str(rng.randint(3, 99)),
        "day": str(rng.randint(1, 31)),
        "phone": f"+32 {rng.randint(2, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
    }
    slots["mail"] = slots["city"].lower().translate(_ASCII)
    return {lang: text.format(**slots) for lang, text in frame.items()}


def _mention(spec: Spec, rng: random.Random) -> Aligned:
    number = rng.randrange(min(MENTIONED, max(1, spec.concepts)))
    which = rng.randrange(len(MENTION_FRAMES))
    # The form depends on the concept and the frame only, as a translator would write it.
    forms = random.Random(f"{spec.seed}/mention/{number}/{which}")
    out = {}
    for lang in LANGS:
        term = synthetic_term(spec.seed, number, lang)
        form = inflect(term, lang, forms) if lang != SOURCE and forms.random() < 0.7 else term
        out[lang] = MENTION_FRAMES[which][lang].format(t=form)
    return out


def _texts(spec: Spec, rng: random.Random) -> Iterator[Aligned]:
    """The cue texts of a video, in every language."""
    cues, lines = example_cues(), example_lines()
    for _ in range(spec.cues):
        # Shares chosen so that, as in a real channel, most texts are distinct within a
        # language; the whole example cues play the part of recurring lines (intro, outro).
        draw = rng.random()
        if draw < 0.30:
            a, b = rng.choice(lines), rng.choice(lines)
            yield {lang: f"{a[lang]}\n{b[lang]}" for lang in LANGS}
        elif draw < 0.35:
            yield rng.choice(cues)
        elif draw < 0.85:
            yield _fill(rng.choice(FRAMES), rng)
        else:
            yield _mention(spec, rng)


def _timing(texts: list[Aligned], rng: random.Random) -> list[Cue]:
    """Source cues with plausible timing: ~12-16 characters per second, chained or spaced."""
    cues: list[Cue] = []
    at = 1000
    for n, text in enumerate(texts, start=1):
        # Timed for the longest translation, as a subtitler times for every language.
        chars = max(len(t.replace("\n", "")) for t in text.values())
        duration = min(7000, max(1200, int(chars * 1000 / rng.uniform(11.5, 16.0))))
        if rng.random() < 0.004:
            duration = max(300, chars * 1000 // 30)  # planted: far too fast to read
        cues.append(Cue(at, at + duration, text[SOURCE], n))
        gap = 80 if rng.random() < 0.6 else rng.choice((120, 200, 400, 600, 1200, 2500))
        if rng.random() < 0.003:
            gap = -200  # planted: overlaps the next cue
        at += duration + gap
    return cues


def _plant(text: str, source: str, lang: str, rng: random.Random) -> str:
    """One typography or terminology problem a translator might make in this language."""
    options = ["double-space", "ellipsis", "long-line", "identical"]
    typo = languages.get(lang).typography
    if typo.quotes:
        options.append("quotes")
    if typo.comma_below and any(c in text for c in "șțȘȚ"):
        options.append("cedilla")
    if typo.semicolon_question:
        options.append("latin-question")
    if typo.inverted_marks and "¿" in text:
        options.append("no-inverted")
    if typo.nbsp_before:
        options.append("plain-space")
    if lang == "nl-BE" and "aanbestedende overheid" in text:
        options.append("forbidden")
    kind = rng.choice(options)
    if kind == "double-space" and " " in text:
        return text.replace(" ", "  ", 1)
    if kind == "ellipsis":
        return text.rstrip(".") + "..."
    if kind == "long-line":
        return text.replace("\n", " ")
    if kind == "identical":
        return source
    if kind == "quotes":
        words = text.split(" ")
        i = rng.randrange(len(words))
        words[i] = f'"{words[i]}"'
        return " ".join(words)
    if kind == "cedilla":
        return text.replace("ș", "ş").replace("ț", "ţ")
    if kind == "latin-question":
        return text.rstrip(".;") + "?"
    if kind == "no-inverted":
        return text.replace("¿", "", 1)
    if kind == "plain-space":
        return text.replace("\u00a0", " ") if "\u00a0" in text else text.rstrip(".") + " :"
    if kind == "forbidden":
        return text.replace("aanbestedende overheid", "aanbestedende dienst")
    return text


def _catalog(
    spec: Spec, lang: str, cues: list[Cue], texts: dict[str, str], rng: random.Random, title: str
) -> tuple[str, dict[tuple[str | None, str], polib.POEntry]]:
    entries = [template_entry(e, f"{SOURCE}.srt") for e in source_entries(cues)]
    for entry in entries:
        target = texts[entry.msgid]
        draw = rng.random()
        if draw < spec.problems * 0.5:
            target = ""  # untranslated
        elif draw < spec.problems * 0.8:
            entry.flags.append("fuzzy")
        elif draw < spec.problems * 2:
            target = _plant(target, entry.msgid, lang, rng)
            if rng.random() < 0.1:
                entry.tcomment = "msm-accept: double-space kept on purpose"
        entry.msgstr = target
    for n in range(rng.choice((0, 0, 0, 1, 2))):  # old work kept for reuse
        line = rng.choice(example_lines())
        entries.append(
            polib.POEntry(msgid=f"{line[SOURCE]} ({n})", msgstr=line[lang], obsolete=True)
        )
    info = HeaderInfo(project=title, created=DATE, revised=DATE)
    po = new_catalog(header(info, lang), entries, header_comment(title, lang))
    return render(po), {key_of(e): e for e in entries if not e.obsolete}


@dataclass
class Video:
    """The files of one generated video, as name -> bytes."""

    slug: str
    title: str
    files: dict[str, bytes]


def video(spec: Spec, number: int) -> Video:
    """Generate video `number` (0-based): a pure function of the seed and the number."""
    rng = random.Random(f"{spec.seed}/video/{number}")
    slug = f"video-{number:05d}"
    title = f"{PROJECT}: explainer {number + 1}"
    aligned = list(_texts(spec, rng))
    cues = _timing(aligned, rng)
    source_text = compose_srt(cues)
    cues = parse_srt(source_text, f"{SOURCE}.srt").cues  # with their line numbers, as msm reads
    files = {f"{SOURCE}.srt": source_text.encode("utf-8")}
    keys = cue_keys(cues)
    for lang in TARGETS:
        texts = {text[SOURCE]: text[lang] for text in aligned}
        po_text, entries = _catalog(spec, lang, cues, texts, rng, title)
        files[f"{lang}.po"] = po_text.encode("utf-8")
        if not spec.built:
            continue
        built, _ = translate_track(cues, keys, entries)
        if not built:
            continue
        srt_text, vtt_text = compose_srt(built), compose_vtt(built)
        if rng.random() < 0.02:  # planted: someone edited the built file, not the PO
            srt_text = srt_text.replace(" ", "  ", 1)
        files[f"{lang}.srt"] = srt_text.encode("utf-8")
        files[f"{lang}.vtt"] = vtt_text.encode("utf-8")
    return Video(slug, title, files)


def catalog_toml(spec: Spec) -> str:
    """The project settings and the list of videos."""
    lines = [
        "[project]",
        f'name = "{PROJECT}"',
        f'source_language = "{SOURCE}"',
        "target_languages = [" + ", ".join(f'"{t}"' for t in TARGETS) + "]",
        "frame_rate = 25",
        "",
    ]
    for number in range(spec.videos):
        lines += [
            "[[videos]]",
            f'slug = "video-{number:05d}"',
            f'title = "explainer {number + 1}"',
            "",
        ]
    return "\n".join(lines)


def generate(spec: Spec, out: Path) -> None:
    """Write the project: settings, glossary, and every video's files."""
    subtitles = out / "subtitles"
    subtitles.mkdir(parents=True, exist_ok=True)
    (subtitles / "catalog.toml").write_text(catalog_toml(spec), "utf-8")
    (out / "glossary").mkdir(exist_ok=True)
    (out / "glossary" / "procurement.csv").write_text(glossary_csv(spec), "utf-8")
    for number in range(spec.videos):
        made = video(spec, number)
        folder = subtitles / made.slug
        folder.mkdir(exist_ok=True)
        for name, data in made.files.items():
            (folder / name).write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--videos", type=int, default=10)
    parser.add_argument("--cues", type=int, default=60)
    parser.add_argument("--concepts", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--problems", type=float, default=0.03)
    args = parser.parse_args()
    generate(Spec(args.videos, args.cues, args.concepts, args.seed, args.problems), args.out)


if __name__ == "__main__":
    main()
