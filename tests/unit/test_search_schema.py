"""Tests of the terms an item is indexed under."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from archiveviewer.search.items import SearchItem
from archiveviewer.search.normalize import normalize, words
from archiveviewer.search.schema import content_terms, date_number, is_indexed_gram, item_fields

ALPHABET = "无锡總工会年月ab Z9_,.-◆\n１"


def _is_word_char(c: str) -> bool:
    return c.isalnum() and not ("\u2e80" <= c <= "\u9fff")


def naive_terms(n: str) -> Counter:
    """Reference: grams hold a character that is neither a space nor a word character."""

    def gram(c):
        return c != " " and not _is_word_char(c)

    terms = Counter(c for c in n if gram(c))
    terms.update(a + b for a, b in zip(n, n[1:]) if " " not in (a, b) and (gram(a) or gram(b)))
    terms.update(words(n))
    return terms


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=25))
def test_content_terms_match_the_reference(text):
    """Unigrams, bigrams and words are exactly those the scheme defines."""
    n = normalize(text)
    assert content_terms(n) == naive_terms(n)


def test_bigrams_and_unigrams_of_chinese():
    """Chinese text gives every character and every adjacent pair."""
    assert content_terms("无锡市") == Counter({"无": 1, "锡": 1, "市": 1, "无锡": 1, "锡市": 1})


def test_latin_is_indexed_as_words():
    """Latin letters give words, not letter grams."""
    assert content_terms("wuxi city") == Counter({"wuxi": 1, "city": 1})
    assert not is_indexed_gram("wu") and is_indexed_gram("x,") and is_indexed_gram("锡")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=10), st.text(alphabet=ALPHABET, max_size=20))
def test_title_is_a_prefix_of_the_searched_text(title, text):
    """The normalized title is the start of the normalized title + text, so title: can slice it."""
    fields = item_fields(SearchItem("a:1", "article", title, text))
    assert fields["ntext"][: fields["tlen"]] == normalize(title)


def test_date_number():
    """Dates become YYYYMMDD; missing or bad ones 0."""
    assert date_number("2020-01-24") == 20200124
    assert date_number(None) == date_number("2020-13-01") == date_number("soon") == 0
