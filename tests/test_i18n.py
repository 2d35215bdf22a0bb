"""The interface language: how it is chosen, how messages are looked up, and that the catalogs are complete."""

import subprocess
import sys

import pytest

from factcheck import i18n


@pytest.fixture
def korean():
    i18n.use("ko")
    yield
    i18n.use("en")


# --------------------------------------------------------------------------- choosing the language


def test_a_korean_lang_speaks_korean():
    assert i18n.language_from({"LANG": "ko_KR.UTF-8"}) == "ko"


def test_no_locale_at_all_speaks_english():
    assert i18n.language_from({}) == "en"


def test_the_c_locale_speaks_english():
    assert i18n.language_from({"LANG": "C"}) == "en"


def test_lc_all_decides_before_lang():
    assert i18n.language_from({"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}) == "en"
    assert i18n.language_from({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}) == "ko"


def test_lc_messages_decides_before_lang():
    assert i18n.language_from({"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}) == "ko"


def test_an_empty_locale_variable_is_passed_over():
    assert i18n.language_from({"LC_ALL": "", "LANG": "ko_KR.UTF-8"}) == "ko"


def test_factcheck_lang_overrides_the_locale():
    assert i18n.language_from({"FACTCHECK_LANG": "en", "LANG": "ko_KR.UTF-8"}) == "en"
    assert i18n.language_from({"FACTCHECK_LANG": "ko", "LC_ALL": "C"}) == "ko"


def test_the_lang_option_overrides_factcheck_lang():
    assert i18n.language_from({"FACTCHECK_LANG": "ko"}, chosen="en") == "en"


def test_a_factcheck_lang_naming_no_supported_language_leaves_the_locale_to_decide():
    assert i18n.language_from({"FACTCHECK_LANG": "fr", "LANG": "ko_KR.UTF-8"}) == "ko"


def test_a_locale_of_another_language_starting_with_ko_is_not_korean():
    assert i18n.language_from({"LANG": "kok_IN.UTF-8"}) == "en"  # Konkani


def test_language_names_are_read_in_the_usual_spellings():
    values = ("ko", "KO", "ko-KR", "ko_KR.eucKR", "en_GB.UTF-8", "fr", "", None)
    assert [i18n.parse_language(v) for v in values] == ["ko", "ko", "ko", "ko", "en", None, None, None]


# --------------------------------------------------------------------------- looking messages up


def test_english_is_the_messages_themselves():
    assert i18n.gettext("Usage:") == "Usage:"


def test_korean_comes_from_the_catalog(korean):
    assert i18n.gettext("Monday") == "월요일"


def test_a_message_the_catalog_lacks_shows_as_written(korean):
    assert i18n.gettext("a message nobody wrote down") == "a message nobody wrote down"


def test_english_plurals_follow_the_count():
    assert [i18n.ngettext("{n} claim", "{n} claims", n) for n in (1, 2)] == ["{n} claim", "{n} claims"]


def test_the_click_domain_is_a_catalog_of_its_own(korean):
    assert i18n.translations("ko", "click").gettext("Usage:") == "사용법:"
    assert i18n.gettext("Usage:") == "Usage:"  # not a factcheck message


def test_an_unsupported_language_is_refused():
    with pytest.raises(ValueError):
        i18n.use("fr")


def test_no_catalog_is_read_until_a_message_is_translated():
    probe = """
import sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and str(args[0]).endswith(".mo") and opened.append(args[0]))
from factcheck import i18n
i18n.use("en"); i18n.gettext("Usage:")
i18n.use("ko")
print(len(opened))
i18n.gettext("Monday"); i18n.gettext("Sunday")
print(len(opened))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "1"]
