"""Adding pulled videos to the catalogue: slugs, stable ids, comments and layout kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import ProjectError
from pipeline.fetch.catalog import (
    CatalogEdit,
    apply_edits,
    find_video,
    new_slug,
    slugify,
    youtube_id_in,
)
from pipeline.project import check_slug, parse_settings

HAND_WRITTEN = """\
# Making Spend Matter: settings.   (comment kept)
[project]
name = "Making Spend Matter"
channel = "https://www.youtube.com/@makingspendmatter"   # trailing comment kept

[[videos]]
slug = "what-is-public-procurement"
title = "What is public procurement?"
url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
step = 1

# Videos below are added by msm pull.
"""


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("What is public procurement?", "what-is-public-procurement"),
        ("Lots & lots: dividing contracts (part 2)", "lots-lots-dividing-contracts-part-2"),
        ("Licitación pública — ¿qué es?", "licitacion-publica-que-es"),
        ("Zamówienia publiczne: łatwo", "zamowienia-publiczne-latwo"),
        ("Straße, Æble, Øre, Œuvre", "strasse-aeble-ore-oeuvre"),
        ("Überblick ÉVALUATION", "uberblick-evaluation"),
        ("Δημόσιες συμβάσεις", ""),  # nothing ASCII is left: the id will be used
        ("  --  ", ""),
        ("a" * 70, "a" * 60),
        ("word " * 30, "-".join(["word"] * 12)),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


@given(st.text(max_size=200))
def test_slugify_is_safe_and_idempotent(title):
    slug = slugify(title)
    assert slug == "" or check_slug(slug) is None
    assert slug.isascii()
    assert slugify(slug) == slug


def test_new_slug_avoids_taken_slugs_and_falls_back_to_the_id():
    assert new_slug("Lots", "x", ["lots"]) == "lots-2"
    assert new_slug("Lots", "x", ["lots", "lots-2"]) == "lots-3"
    assert new_slug("Δημόσιες συμβάσεις", "dQw4w9WgXcQ", []) == "video-dqw4w9wgxcq"


@pytest.mark.parametrize(
    ("url", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=3", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/@makingspendmatter", None),
        ("https://vimeo.com/123", None),
    ],
)
def test_youtube_id_in(url, video_id):
    assert youtube_id_in(url) == video_id


def test_new_videos_are_appended_and_everything_else_is_kept_byte_for_byte():
    edits = [
        CatalogEdit("lots-explained", "Abc123xyz_0", 'Lots "explained"', "https://youtu.be/x"),
        CatalogEdit("award-criteria", "Def456uvw_1", "Award criteria"),
    ]
    text = apply_edits(HAND_WRITTEN, edits)
    assert text == HAND_WRITTEN + (
        "\n[[videos]]\n"
        'slug = "lots-explained"\n'
        'title = "Lots \\"explained\\""\n'
        'url = "https://youtu.be/x"\n'
        'youtube_id = "Abc123xyz_0"\n'
        "\n[[videos]]\n"
        'slug = "award-criteria"\n'
        'title = "Award criteria"\n'
        'youtube_id = "Def456uvw_1"\n'
    )
    settings = parse_settings(text)
    assert [v.youtube_id for v in settings.videos] == ["", "Abc123xyz_0", "Def456uvw_1"]


def test_the_first_videos_of_an_empty_catalogue():
    text = apply_edits("[project]\nname = 'x'\n", [CatalogEdit("a", "id1", "A")])
    assert (
        text
        == '[project]\nname = \'x\'\n\n[[videos]]\nslug = "a"\ntitle = "A"\nyoutube_id = "id1"\n'
    )
    empty = apply_edits("videos = []\n[project]\nname = 'x'\n", [CatalogEdit("a", "id1", "A")])
    assert [v.slug for v in parse_settings(empty).videos] == ["a"]


def test_a_video_added_by_hand_is_recognised_by_its_url_and_given_its_id():
    settings = parse_settings(HAND_WRITTEN)
    found = find_video(settings, "dQw4w9WgXcQ", ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1"])
    assert found is not None and found.slug == "what-is-public-procurement"
    text = apply_edits(HAND_WRITTEN, [CatalogEdit(found.slug, "dQw4w9WgXcQ", new=False)])
    assert text == HAND_WRITTEN.replace("step = 1\n", 'step = 1\nyoutube_id = "dQw4w9WgXcQ"\n')
    linked = parse_settings(text)
    assert find_video(linked, "dQw4w9WgXcQ", []).slug == "what-is-public-procurement"
    assert find_video(linked, "other", ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]) is None


def test_settings_reject_a_bad_or_repeated_id():
    bad = HAND_WRITTEN + '\n[[videos]]\nslug = "b"\ntitle = "B"\nyoutube_id = "no spaces"\n'
    with pytest.raises(ProjectError, match="expected a video id"):
        parse_settings(bad)
    twice = apply_edits(
        HAND_WRITTEN, [CatalogEdit("a", "same", "A"), CatalogEdit("b", "same", "B")]
    )
    with pytest.raises(ProjectError, match="youtube_id 'same' is listed twice"):
        parse_settings(twice)


def test_unknown_pull_setting_gets_a_suggestion():
    with pytest.raises(ProjectError, match="did you mean 'retries'"):
        parse_settings("[project]\nname = 'x'\n[pull]\nretry = 3\n")


# The catalogue is edited as text, never re-rendered by a TOML library: where tomlkit puts a new
# key changed between its versions (0.15.3 put `youtube_id` under a table's trailing comment).
LAYOUT = """\
[project]
name = "x"

[[videos]]
slug = "a"
title = \"\"\"A title
[[videos]]
that spans lines\"\"\"
langs = [
  "fr",
  # a comment inside an array
]

[videos.contexts]   # a sub-table of video a
12 = "the second one"

[[videos]]
slug = "b"
title = "B"
youtube_id = ""   # filled by msm pull

# Pull settings, kept with their table.
[pull]
retries = 3
"""


def test_an_id_goes_into_the_video_s_own_table_before_its_sub_tables():
    text = apply_edits(LAYOUT, [CatalogEdit("a", "id_a", new=False)])
    assert text == LAYOUT.replace(
        "  # a comment inside an array\n]\n",
        '  # a comment inside an array\n]\nyoutube_id = "id_a"\n',
    )


def test_an_empty_id_is_replaced_in_place():
    text = apply_edits(LAYOUT, [CatalogEdit("b", "id_b", new=False)])
    assert text == LAYOUT.replace(
        'youtube_id = ""   # filled by msm pull\n', 'youtube_id = "id_b"\n'
    )


def test_new_videos_go_after_the_last_video_and_its_sub_tables_not_into_the_next_table():
    text = apply_edits(LAYOUT, [CatalogEdit("c", "id_c", "C"), CatalogEdit("b", "id_b", new=False)])
    assert text == LAYOUT.replace(
        'youtube_id = ""   # filled by msm pull\n',
        'youtube_id = "id_b"\n\n[[videos]]\nslug = "c"\ntitle = "C"\nyoutube_id = "id_c"\n',
    )


def test_a_key_set_on_the_last_line_comes_before_the_new_tables():
    text = apply_edits(
        '[[videos]]\nslug = "a"\ntitle = "A"',  # no newline at the end
        [CatalogEdit("b", "id_b", "B"), CatalogEdit("a", "id_a", new=False)],
    )
    assert text == (
        '[[videos]]\nslug = "a"\ntitle = "A"\nyoutube_id = "id_a"\n'
        '\n[[videos]]\nslug = "b"\ntitle = "B"\nyoutube_id = "id_b"\n'
    )


def test_videos_as_an_inline_array_are_refused_with_what_to_do():
    with pytest.raises(ProjectError, match=r"catalog.toml: .*write each video as one"):
        apply_edits('videos = [{slug = "a", title = "A"}]\n', [CatalogEdit("b", "id", "B")])


def test_not_valid_toml_is_refused():
    with pytest.raises(ProjectError, match=r"catalog.toml: not valid TOML: .*line 2"):
        apply_edits('[project]\nname = "x\n', [CatalogEdit("b", "id", "B")])


@given(
    title=st.text(max_size=40),
    url=st.text(max_size=40),
    video_id=st.text(alphabet="abcXYZ019_-", min_size=1, max_size=11),
)
def test_whatever_the_title_the_edit_adds_exactly_the_video(title, url, video_id):
    import tomllib

    text = apply_edits(LAYOUT, [CatalogEdit("new", video_id, title, url)])
    data = tomllib.loads(text)
    assert data["videos"][-1] == {"slug": "new", "title": title, "youtube_id": video_id} | (
        {"url": url} if url else {}
    )
    assert text.startswith(LAYOUT.split("\n# Pull settings")[0])
    assert text.endswith("\n# Pull settings, kept with their table.\n[pull]\nretries = 3\n")
