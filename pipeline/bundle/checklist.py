"""The upload checklist: which file goes to which YouTube language, in order, in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def checklist(manifest: dict[str, Any]) -> str:
    """A Markdown checklist for uploading the bundle's tracks in YouTube Studio."""
    out = [
        f"# Upload checklist — subtitles bundle {manifest['bundle_version']}",
        "",
        "Upload each file in YouTube Studio: **Subtitles** → pick the video → **Add language** →",
        "choose the language below → **Add** (under Subtitles) → **Upload file** →",
        "**With timing** → choose the file → **Continue** → **Publish**.",
        "Upload the English source track first, then the translations in the order listed.",
        "The `.srt` files are plain UTF-8 without styling, as YouTube Studio requires; the",
        "`.vtt` files are the same tracks for players other than YouTube.",
        "",
        "With the YouTube Data API instead: `captions.insert` (400 quota units each) with",
        "`snippet.language` set to the code in brackets and `isDraft: true` until checked.",
        "",
    ]
    for video in manifest["videos"]:
        out.append(f"## {video['title']}")
        out.append("")
        out.append(f"Video: {video['url'] or '(no URL in the catalogue yet: find it by title)'}")
        out.append("")
        for track in _ordered(video["tracks"]):
            srt = track["files"]["srt"]["path"]
            state = (
                ""
                if track["complete"]
                else (f" — INCOMPLETE: {len(track['missing_cues'])} cues left out")
            )
            native = "" if track["native_name"] == track["name"] else f" ({track['native_name']})"
            out.append(
                f"- [ ] **{track['name']}**{native} — language "
                f"`{track['youtube_lang']}` — upload `{srt}` "
                f"({track['cues']} cues, checks: {track['checks']['verdict']}){state}"
            )
        out.append("")
        out.append("After uploading, for each language:")
        out.append("- [ ] the language shows as *Published* in the Subtitles list;")
        out.append("- [ ] play the video with that language: the first cue appears on time;")
        out.append("- [ ] the number of lines YouTube shows in the editor matches the cue count.")
        out.append("")
    if manifest.get("excluded"):
        out.append("## Not in this bundle")
        out.append("")
        for item in manifest["excluded"]:
            out.append(f"- {item['slug']} / {item['lang']}: {item['reason']}")
        out.append("")
    out.append("Verify the bundle itself at any time with `msm bundle verify <file>.zip`.")
    return "\n".join(out) + "\n"


def _ordered(tracks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(tracks, key=lambda t: (t["kind"] != "source", t["name"]))
