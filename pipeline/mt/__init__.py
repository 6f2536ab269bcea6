"""Machine-translation drafts: providers, language codes, cache, rate limits and text segments.

Light to import on purpose: `pipeline.project` reads the settings schema from here, and the
command line must not pay for deep_translator or requests until a draft is really requested.
"""

PROVIDERS: tuple[str, ...] = ("google", "mymemory", "libre", "deepl")
