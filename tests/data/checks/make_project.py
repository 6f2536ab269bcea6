"""Write the clean fixture project of the check tests (run once; the output is committed).

Two short videos, the source track, every target language's catalogue (complete, reviewed,
typographically clean) and the built tracks, all made by the real `msm update` and
`msm build` operations. Usage: python tests/data/checks/make_project.py
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from pipeline.ops.build import plan_build
from pipeline.ops.update import plan_update
from pipeline.plan import apply
from pipeline.project import Project
from pipeline.tracks.po_io import parse_po, render

HERE = Path(__file__).parent / "project"
NB = "\u00a0"

CATALOG = """\
# The check tests' fixture project: two short videos, eight languages, all clean.
[project]
name = "Check fixture"
source_language = "en"
target_languages = ["eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"]
frame_rate = 25

[[videos]]
slug = "budget-basics"
title = "Budget basics"

[[videos]]
slug = "green-tenders"
title = "Green tenders"
"""

SOURCES = {
    "budget-basics": [
        ("00:00:01,000", "00:00:06,000", "Every year, cities spend billions\non public contracts."),
        ("00:00:06,080", "00:00:11,000", "What if that money\ncould do more?"),
        ("00:00:11,080", "00:00:16,000", "-Is it complicated?\n-Not really."),
        ("00:00:16,600", "00:00:21,000", "The law calls it\n“strategic procurement”."),
        ("00:00:21,080", "00:00:26,000", "Let's see how it works…"),
        ("00:00:26,600", "00:00:31,000", "Thank you for watching!"),
        ("00:00:31,080", "00:00:32,500", "Yes."),
    ],
    "green-tenders": [
        ("00:00:01,000", "00:00:06,000", "Green tenders cut emissions\nby up to 20%."),
        ("00:00:06,080", "00:00:11,000", "Cities can ask for\nclean buses."),
        ("00:00:11,600", "00:00:16,000", "Thank you for watching!"),
        ("00:00:16,080", "00:00:17,500", "Bye!"),
    ],
}

TRANSLATIONS: dict[str, dict[str, list[str]]] = {
    "fr": {
        "budget-basics": [
            "Chaque année, les villes dépensent\ndes milliards en marchés publics.",
            f"Et si cet argent\npouvait faire plus{NB}?",
            f"- C'est compliqué{NB}?\n- Pas vraiment.",
            f"La loi parle\nde «{NB}marchés stratégiques{NB}».",
            "Voyons comment ça marche…",
            f"Merci de nous avoir regardés{NB}!",
            "Oui.",
        ],
        "green-tenders": [
            f"Les marchés verts réduisent\nles émissions jusqu'à 20{NB}%.",
            "Les villes peuvent exiger\ndes bus propres.",
            f"Merci de nous avoir regardés{NB}!",
            f"Salut{NB}!",
        ],
    },
    "es": {
        "budget-basics": [
            "Cada año, las ciudades gastan\nmiles de millones en contratos públicos.",
            "¿Y si ese dinero\npudiera hacer más?",
            "-¿Es complicado?\n-No mucho.",
            "La ley lo llama\n«contratación estratégica».",
            "Veamos cómo funciona…",
            "¡Gracias por vernos!",
            "Sí.",
        ],
        "green-tenders": [
            "Las licitaciones verdes reducen\nlas emisiones hasta un 20 %.",
            "Las ciudades pueden exigir\nautobuses limpios.",
            "¡Gracias por vernos!",
            "¡Adiós!",
        ],
    },
    "el": {
        "budget-basics": [
            "Κάθε χρόνο, οι πόλεις ξοδεύουν\nδισεκατομμύρια σε δημόσιες συμβάσεις.",
            "Κι αν αυτά τα χρήματα\nμπορούσαν να κάνουν περισσότερα;",
            "-Είναι περίπλοκο;\n-Όχι ιδιαίτερα.",
            "Ο νόμος τις λέει\n«στρατηγικές προμήθειες».",
            "Ας δούμε πώς λειτουργεί…",
            "Ευχαριστούμε που μας παρακολουθήσατε!",
            "Ναι.",
        ],
        "green-tenders": [
            "Οι πράσινοι διαγωνισμοί μειώνουν\nτις εκπομπές έως και 20%.",
            "Οι πόλεις μπορούν να ζητήσουν\nκαθαρά λεωφορεία.",
            "Ευχαριστούμε που μας παρακολουθήσατε!",
            "Γεια σας!",
        ],
    },
    "pl": {
        "budget-basics": [
            "Co roku miasta wydają miliardy\nna zamówienia publiczne.",
            "A gdyby te pieniądze\nmogły zdziałać więcej?",
            "- Czy to skomplikowane?\n- Niezbyt.",
            "Prawo nazywa to\n„strategicznymi zamówieniami”.",
            "Zobaczmy, jak to działa…",
            "Dziękujemy za uwagę!",
            "Tak.",
        ],
        "green-tenders": [
            "Zielone przetargi zmniejszają\nemisje nawet o 20%.",
            "Miasta mogą wymagać\nczystych autobusów.",
            "Dziękujemy za uwagę!",
            "Cześć!",
        ],
    },
    "ro": {
        "budget-basics": [
            "În fiecare an, orașele cheltuiesc\nmiliarde pe contracte publice.",
            "Dar dacă acești bani\nar putea face mai mult?",
            "- E complicat?\n- Nu prea.",
            "Legea o numește\n„achiziții strategice”.",
            "Să vedem cum funcționează…",
            "Vă mulțumim pentru vizionare!",
            "Da.",
        ],
        "green-tenders": [
            "Achizițiile verzi reduc\nemisiile cu până la 20%.",
            "Orașele pot cere\nautobuze curate.",
            "Vă mulțumim pentru vizionare!",
            "Pa!",
        ],
    },
    "nl-BE": {
        "budget-basics": [
            "Elk jaar geven steden miljarden uit\naan overheidsopdrachten.",
            "Wat als dat geld\nmeer zou kunnen doen?",
            "Is het ingewikkeld?\n-Niet echt.",
            "De wet noemt het\n‘strategisch aankopen’.",
            "Laten we kijken hoe het werkt…",
            "Bedankt om te kijken!",
            "Ja.",
        ],
        "green-tenders": [
            "Groene aanbestedingen verminderen\nde uitstoot met 20%.",
            "Steden kunnen\nschone bussen eisen.",
            "Bedankt om te kijken!",
            "Dag!",
        ],
    },
    "pt-PT": {
        "budget-basics": [
            "Todos os anos, as cidades gastam\nmil milhões em contratos públicos.",
            "E se esse dinheiro\npudesse fazer mais?",
            "-É complicado?\n-Nem por isso.",
            "A lei chama-lhe\n«contratação estratégica».",
            "Vejamos como funciona…",
            "Obrigado por assistir!",
            "Sim.",
        ],
        "green-tenders": [
            "Os concursos verdes reduzem\nas emissões até 20 %.",
            "As cidades podem exigir\nautocarros limpos.",
            "Obrigado por assistir!",
            "Adeus!",
        ],
    },
    "eu": {
        "budget-basics": [
            "Urtero, hiriek milaka milioi gastatzen\ndituzte kontratu publikoetan.",
            "Eta diru horrek\ngehiago egin ahal balu?",
            "-Konplikatua da?\n-Ez horrenbeste.",
            "Legeak «erosketa estrategikoa»\ndeitzen dio.",
            "Ikus dezagun nola dabilen…",
            "Eskerrik asko ikusteagatik!",
            "Bai.",
        ],
        "green-tenders": [
            "Lizitazio berdeek isuriak\n% 20 arte murrizten dituzte.",
            "Hiriek autobus garbiak\neska ditzakete.",
            "Eskerrik asko ikusteagatik!",
            "Agur!",
        ],
    },
}

MOMENT = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def main() -> None:
    if HERE.exists():
        shutil.rmtree(HERE)
    (HERE / "subtitles").mkdir(parents=True)
    (HERE / "subtitles" / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    for slug, cues in SOURCES.items():
        folder = HERE / "subtitles" / slug
        folder.mkdir()
        blocks = [f"{n}\n{a} --> {b}\n{text}\n" for n, (a, b, text) in enumerate(cues, 1)]
        (folder / "en.srt").write_text("\n".join(blocks), encoding="utf-8")
    project = Project.load(HERE)
    update = plan_update(project, list(project.settings.videos), project.languages(), MOMENT)
    assert not update.errors, update.errors
    apply(update.changes)
    for lang, videos in TRANSLATIONS.items():
        for slug, texts in videos.items():
            path = HERE / "subtitles" / slug / f"{lang}.po"
            po = parse_po(path.read_text(encoding="utf-8"), str(path))
            by_source = {cue[2]: text for cue, text in zip(SOURCES[slug], texts, strict=True)}
            for entry in po:
                entry.msgstr = by_source[entry.msgid]
            po.metadata["Last-Translator"] = "Fixture <fixture@example.org>"
            path.write_text(render(po), encoding="utf-8")
    build = plan_build(project, list(project.settings.videos), project.languages())
    assert not build.errors and all(t.complete for t in build.tracks)
    apply(build.changes)


if __name__ == "__main__":
    main()
