"""The [translate] settings: defaults, validation, and no place for a key."""

from __future__ import annotations

import pytest

from pipeline.errors import ProjectError
from pipeline.mt.options import translate_settings
from pipeline.project import parse_settings

BASE = '[project]\nname = "T"\n'


def test_defaults_without_a_section():
    settings = translate_settings(parse_settings(BASE).raw["translate"])
    assert settings.provider == "mymemory"
    assert settings.cache == ".msm-cache/translations.sqlite"
    assert settings.providers["mymemory"].max_chars == 499
    assert settings.providers["google"].max_chars == 4999
    assert settings.providers["libre"].api_key_env == "LIBRE_API_KEY"
    assert settings.providers["deepl"].plan == "free"


def test_options_are_read():
    text = BASE + (
        '[translate]\nprovider = "libre"\nsave_every = 3\n'
        '[translate.libre]\nurl = "http://localhost:5000/"\nrequests_per_second = 5\n'
        '[translate.mymemory]\nemail = "team@example.org"\n'
        '[translate.deepl]\nplan = "pro"\n'
    )
    settings = translate_settings(parse_settings(text).raw["translate"])
    assert settings.provider == "libre" and settings.save_every == 3
    assert settings.providers["libre"].url == "http://localhost:5000/"
    assert settings.providers["libre"].requests_per_second == 5.0
    assert settings.providers["mymemory"].email == "team@example.org"
    assert settings.providers["deepl"].plan == "pro"


BAD = [
    ('[translate]\nprovider = "bing"\n', "unknown provider"),
    ("[translate.libre]\nrequests_per_second = 0\n", "greater than 0"),
    ('[translate.libre]\nurl = "localhost:5000"\n', "http(s) URL"),
    ('[translate.deepl]\nplan = "team"\n', "'free' or 'pro'"),
    ("[translate.mymemory]\nmax_chars = 5\n", "at least 20"),
    ('[translate.mymemory]\nemail = "nobody"\n', "not an email"),
    ('[translate.google]\nproxy = "proxy:3128"\n', "proxy URL"),
]


@pytest.mark.parametrize(("section", "message"), BAD)
def test_bad_values_are_refused(section, message):
    with pytest.raises(ProjectError) as caught:
        parse_settings(BASE + section)
    assert message in str(caught.value)


def test_a_key_in_the_settings_is_refused_without_echoing_it():
    secret = "sk-live-0123456789abcdef"
    with pytest.raises(ProjectError) as caught:
        parse_settings(BASE + f'[translate.deepl]\napi_key = "{secret}"\n')
    message = str(caught.value)
    assert "unknown key 'api_key'" in message and "api_key_env" in message
    assert secret not in message


def test_a_key_pasted_as_the_variable_name_is_refused_without_echoing_it():
    secret = "sk-live-0123456789abcdef"
    with pytest.raises(ProjectError) as caught:
        parse_settings(BASE + f'[translate.libre]\napi_key_env = "{secret}"\n')
    message = str(caught.value)
    assert "NAME of an environment variable" in message
    assert secret not in message
