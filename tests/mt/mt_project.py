"""Small real projects for the machine-translation tests: catalogue, source track, settings."""

from __future__ import annotations

# The source cues of the demo video: plain, italic on two lines, dialogue, positioned,
# a repeat of the first (one shared entry), and a long one that needs two lines.
CUES = [
    "Public procurement is how cities buy.",
    "<i>We buy works, supplies\nand services.</i>",
    "- Who decides?\n- The contracting authority.",
    "{\\an8}Every contract starts with a need.",
    "Public procurement is how cities buy.",
    "The contracting authority publishes a call for tenders,\nand companies answer with offers.",
    "Thank you.",
]


def srt(cues: list[str]) -> str:
    """An SRT track with one cue every three seconds."""
    blocks = []
    for i, text in enumerate(cues, start=1):
        start, end = (i - 1) * 3, (i - 1) * 3 + 2
        blocks.append(f"{i}\n00:00:{start:02d},000 --> 00:00:{end:02d},500\n{text}\n")
    return "\n".join(blocks)


def catalog(videos: list[str], translate: str) -> str:
    entries = "".join(f'\n[[videos]]\nslug = "{v}"\ntitle = "{v.title()}"\n' for v in videos)
    return (
        "[project]\n"
        'name = "Test"\n'
        'source_language = "en"\n'
        'target_languages = ["pl", "pt-PT", "nl-BE", "ro", "eu", "fr"]\n'
        f"{entries}\n{translate}"
    )


def translate_settings(libre: str = "http://127.0.0.1:9/", mymemory: str = "") -> str:
    """A [translate] section pointing at the fake services, with fast pacing for tests."""
    fast = (
        "requests_per_second = 1000\n"
        "retries = 2\n"
        "backoff_seconds = 0.01\n"
        "max_wait_seconds = 5\n"
        "timeout_seconds = 5\n"
    )
    proxy = f'proxy = "{mymemory}"\n' if mymemory else ""
    return (
        "[translate]\n"
        'provider = "libre"\n'
        "save_every = 2\n"
        "\n[translate.libre]\n"
        f'url = "{libre}"\n'
        'api_key_env = "MSM_TEST_LIBRE_KEY"\n'
        f"{fast}"
        "\n[translate.mymemory]\n"
        f"{proxy}{fast}"
    )
