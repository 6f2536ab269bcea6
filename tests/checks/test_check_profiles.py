"""Profiles and the [checks] settings: defaults per language, overrides, validation."""

from __future__ import annotations

import pytest

from pipeline import languages
from pipeline.checks.config import ChecksConfig
from pipeline.checks.profiles import base_profile, resolve
from pipeline.checks.registry import load_all
from pipeline.errors import ProjectError
from pipeline.project import parse_settings


def config(text: str) -> ChecksConfig:
    return ChecksConfig.from_raw(parse_settings("[project]\n" + text).raw["checks"])


@pytest.mark.parametrize("lang", list(languages.LANGUAGES))
def test_netflix_defaults_follow_the_reference(lang):
    profile = resolve(ChecksConfig(), lang)
    assert (profile.max_chars_per_line, profile.max_lines) == (42, 2)
    assert (profile.min_duration_ms, profile.short_duration_ms) == (833, 1000)
    assert (profile.max_duration_ms, profile.min_gap_frames, profile.chain_gap_ms) == (7000, 2, 500)
    # subtitle-standards.md: adult reading speed 20 for English, 17 for the others.
    assert profile.cps_max == (20 if lang == "en" else 17)
    assert profile.cps_optimal < profile.cps_max


def test_ted_profile_is_lenient():
    ted = base_profile("ted", "fr")
    assert (ted.max_chars_per_line, ted.max_lines, ted.cps_max) == (42, 2, 21)
    assert (ted.min_duration_ms, ted.max_duration_ms, ted.min_gap_frames) == (1000, 7000, 0)


def test_overrides_apply_in_order():
    cfg = config(
        '[checks]\nprofile = "ted"\n[checks.limits]\nmax_chars_per_line = 40\ncps_max = 19\n'
        "[checks.languages.pl]\nmax_chars_per_line = 38\n"
    )
    pl, fr = resolve(cfg, "pl"), resolve(cfg, "fr")
    assert (pl.name, pl.max_chars_per_line, pl.cps_max) == ("ted", 38, 19.0)
    assert (fr.max_chars_per_line, fr.cps_max) == (40, 19.0)
    assert isinstance(pl.max_chars_per_line, int)


def test_contradictory_limits_are_refused():
    cfg = config("[checks.languages.pl]\ncps_optimal = 19\ncps_max = 18\n")
    with pytest.raises(ProjectError) as caught:
        resolve(cfg, "pl")
    assert "cps_optimal (19) is above cps_max (18)" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[checks]\nprofile = "netflx"\n', "did you mean 'netflix'?"),
        ("[checks]\nprofil = 'ted'\n", "unknown key 'profil' (did you mean 'profile'?)"),
        ("[checks.limits]\nmax_chars_per_lin = 40\n", "did you mean 'max_chars_per_line'?"),
        ("[checks.limits]\nmax_lines = 0\n", "must be greater than 0"),
        ("[checks.limits]\ncps_max = true\n", "expected an integer or a number, got true/false"),
        ("[checks.languages.pl-PL]\nmax_lines = 3\n", "write the language as 'pl'"),
        ("[checks.languages.xx]\nmax_lines = 3\n", "unknown language 'xx'"),
        ('[checks.severity]\ncps-max = "fatal"\n', "expected one of error, warning, info"),
        ("[checks]\ndisabled = ['CPS max']\n", "kebab-case"),
    ],
)
def test_settings_are_validated(text, message):
    with pytest.raises(ProjectError) as caught:
        parse_settings("[project]\n" + text)
    assert message in str(caught.value)


def test_unknown_check_ids_are_named_with_a_suggestion():
    cfg = config(
        "[checks]\ndisabled = ['cps-maxx']\n[checks.languages.pl.severity]\nfuzy = 'error'\n"
    )
    with pytest.raises(ProjectError) as caught:
        cfg.validate(load_all(), "catalog.toml")
    text = str(caught.value)
    assert "[checks.disabled] unknown check 'cps-maxx' (did you mean 'cps-max'?)" in text
    assert "[checks.languages.pl.severity] unknown check 'fuzy' (did you mean 'fuzzy'?)" in text


def test_enabled_and_severity_per_language():
    cfg = config(
        "[checks]\ndisabled = ['obsolete']\n[checks.severity]\nfuzzy = 'error'\n"
        "[checks.languages.eu]\ndisabled = ['untranslated']\n"
        "[checks.languages.eu.severity]\nfuzzy = 'info'\n"
    )
    assert not cfg.enabled("obsolete", "pl")
    assert not cfg.enabled("untranslated", "eu") and cfg.enabled("untranslated", "pl")
    assert cfg.severity_of("fuzzy", "pl") == "error"
    assert cfg.severity_of("fuzzy", "eu") == "info"
    assert cfg.severity_of("cps-max", "pl") is None


def test_no_checks_section_means_defaults():
    assert config("") == ChecksConfig()


def test_limits_in_whole_numbers_are_the_int_limits_of_a_profile():
    # `[checks.limits]` values become ints or floats by this list (Profile is a plain class).
    import inspect

    from pipeline.checks import profiles
    from pipeline.checks.config import LIMITS

    params = inspect.signature(profiles.Profile).parameters.values()
    ints = {p.name for p in params if p.annotation == "int"}
    assert ints == profiles._INTS and ints < set(LIMITS)
    overridden = resolve(config("[checks.limits]\nmax_lines = 3\ncps_max = 19\n"), "pl")
    assert overridden.max_lines == 3 and type(overridden.max_lines) is int
    assert overridden.cps_max == 19.0 and type(overridden.cps_max) is float


def test_the_settings_repr_that_salts_the_result_cache_names_every_setting():
    # The result cache's salt holds repr(ChecksConfig): every field, as a dataclass writes it.
    from pipeline.checks.config import LanguageConfig

    per = LanguageConfig(limits={"max_lines": 3}, disabled=frozenset({"c"}), severity={"d": "info"})
    full = ChecksConfig("ted", frozenset({"a"}), {"b": "info"}, {"cps_max": 19.0}, {"pl": per})
    assert repr(full) == (
        "ChecksConfig(profile='ted', disabled=frozenset({'a'}), severity={'b': 'info'}, "
        "limits={'cps_max': 19.0}, languages={'pl': LanguageConfig(limits={'max_lines': 3}, "
        "disabled=frozenset({'c'}), severity={'d': 'info'})})"
    )
    assert repr(ChecksConfig()) == (
        "ChecksConfig(profile='netflix', disabled=frozenset(), severity={}, limits={}, "
        "languages={})"
    )
    assert full == ChecksConfig(
        "ted", frozenset({"a"}), {"b": "info"}, {"cps_max": 19.0}, {"pl": per}
    )
    assert full != ChecksConfig()
