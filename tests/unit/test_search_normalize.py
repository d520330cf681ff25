"""Tests of per-character normalization for search."""

from hypothesis import given, settings
from hypothesis import strategies as st

from archiveviewer.search.normalize import map_char, normalize, normalize_with_offsets, words

# A mix that exercises every rule: CJK (simplified and traditional), full-width
# forms, Latin case, whitespace of several kinds, format characters, expansions.
ALPHABET = "无锡總工會无锡总工会１９年Aa Bb\n\t\u3000\u200b\u00adß㎏①，,.-"


def test_full_width_folds_to_ascii():
    """Full-width digits and letters match their ASCII forms."""
    assert normalize("１９９８年") == "1998年"
    assert normalize("ＷＵＸＩ") == "wuxi"


def test_case_folding():
    """Latin text is case-folded, including ß."""
    assert normalize("Wuxi CITY") == "wuxi city"
    assert normalize("Straße") == normalize("STRASSE")


def test_traditional_folds_to_simplified():
    """Traditional characters normalize to their simplified forms."""
    assert normalize("無錫") == "无锡"
    assert normalize("總工會") == "总工会"


def test_whitespace_next_to_cjk_is_dropped():
    """OCR line breaks and spaces inside Chinese text vanish."""
    assert normalize("无\n锡市总\n工会") == "无锡市总工会"
    assert normalize("无锡 city") == "无锡city"
    assert normalize("1月 24日") == "1月24日"


def test_other_whitespace_collapses():
    """Whitespace between non-CJK characters becomes one space; ends are stripped."""
    assert normalize("  wuxi \n\t city  ") == "wuxi city"
    assert normalize("a\u3000b") == "a b"


def test_format_characters_vanish():
    """Zero-width spaces and soft hyphens are ignored."""
    assert normalize("无\u200b锡") == "无锡"
    assert normalize("co\u00adop") == "coop"


def test_lone_surrogates_vanish():
    """Broken UTF-16 leftovers do not reach the index, which stores UTF-8."""
    assert normalize("无\ud800锡") == "无锡"


def test_words_are_latin_runs():
    """Word tokens are runs of non-CJK letters and digits."""
    assert words(normalize("Wuxi city 2020年COVID-19")) == ["wuxi", "city", "2020", "covid", "19"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_fast_and_offset_paths_agree(text):
    """normalize() and normalize_with_offsets() give the same text."""
    assert normalize_with_offsets(text)[0] == normalize(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_offsets_point_at_the_source_character(text):
    """Each normalized character comes from the original character its offset names."""
    norm, origin = normalize_with_offsets(text)
    assert len(origin) == len(norm)
    assert origin == sorted(origin)
    for ch, i in zip(norm, origin):
        assert ch in map_char(text[i]) or (ch == " " and text[i].isspace())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_normalization_is_idempotent(text):
    """Normalizing twice changes nothing, so queries and texts meet in one form."""
    assert normalize(normalize(text)) == normalize(text)
