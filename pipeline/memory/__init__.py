"""The project's translation memory: every reviewed translation of every video, plus TMX files.

Built on demand from the catalogues (`subtitles/<video>/<lang>.po`: translated, non-fuzzy
entries) and from the TMX files kept in the repository (`glossary/memory/*.tmx` by default),
one language at a time. `msm update` fills new entries from it, `msm translate` drafts only
what it cannot fill, `msm memory` exports, imports and looks up. README: "Translation memory".
"""
