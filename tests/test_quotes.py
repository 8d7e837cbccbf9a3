"""Tests for the quote-attribution signal family (articles written for these tests)."""
import math

import pytest

from service.signals import Article, Signals
from service.signals.quotes import FEATURES, Quote, anonymous_sourcing, extract, find_quotes

WIRE = (
    "GENEVA (Wire) - The two delegations met on Monday.\n\n"
    "\u201cWe will not accept these terms under any circumstances,\u201d Foreign Ministry spokesperson "
    "Wang Wenbin said at a briefing. \u201cThe door remains open.\u201d\n\n"
    "\u201cIt is a serious matter,\u201d he said, \u201cand we expect answers soon.\u201d\n\n"
    "According to Sen. Mary Jones, \"the bill has no chance in the chamber this year.\"\n\n"
    "Jones told reporters: \"We have the votes to block it entirely.\"\n\n"
    "Critics say the so-called \"reset\" is a sham. Officials said the talks would go on.\n\n"
    "\u201cThe first thing we did was call the families. We told them everything.\n\n"
    "\u201cThen we waited for the rescue team to arrive,\u201d said Tom Reyes, a local firefighter.\n\n"
    "He wrote a book called \"The Long Night\" last year."
)


def _texts(text):
    return [text[q.content[0]:q.content[1]] for q in find_quotes(text)]


def test_wire_story_quotes_and_speakers():
    qs = find_quotes(WIRE)
    speakers = [q.speaker for q in qs]
    assert speakers == ["Wang Wenbin", "Wang Wenbin", "Mary Jones", "Jones", "Tom Reyes"]
    assert all(isinstance(q, Quote) for q in qs)


def test_titled_speaker():
    q = find_quotes(WIRE)[0]
    assert q.speaker == "Wang Wenbin" and q.titled and q.cue == "said"
    assert WIRE[q.speaker_span[0]:q.speaker_span[1]] == "Wang Wenbin"
    t = "\"The economy is slowing faster than expected,\" said Ana Ruiz, a senior fellow at the Lowy Institute."
    (q,) = find_quotes(t)
    assert q.speaker == "Ana Ruiz" and q.titled
    t = "\"I have nothing more to add on this,\" Smith said."
    (q,) = find_quotes(t)
    assert q.speaker == "Smith" and not q.titled


def test_split_quote_is_one_quotation():
    t = "\u201cIt is a serious matter,\u201d he said, \u201cand we expect answers soon.\u201d"
    (q,) = find_quotes("Ana Ruiz spoke first.\n\n" + t)
    assert q.content[1] - q.content[0] == len(t)


def test_pronoun_resolved_to_last_named_speaker():
    qs = find_quotes(WIRE)
    assert qs[1].speaker == "Wang Wenbin" and qs[1].speaker_kind == "pronoun"
    assert WIRE[qs[1].speaker_span[0]:qs[1].speaker_span[1]] == "he"


def test_according_to_and_colon_intro():
    qs = find_quotes(WIRE)
    acc = [q for q in qs if q.cue and q.cue.lower() == "according to"]
    assert len(acc) == 1 and acc[0].speaker == "Mary Jones" and acc[0].titled
    colon = [q for q in qs if q.cue == "told reporters"]
    assert len(colon) == 1 and colon[0].speaker == "Jones"
    assert WIRE[colon[0].content[0]] == '"'


def test_scare_quotes_and_titles_not_counted():
    texts = _texts(WIRE)
    assert not any("reset" in s for s in texts)
    assert not any("Long Night" in s for s in texts)
    assert find_quotes("The so-called \"reset\" failed, and the \"experts\" shrugged.") == []


def test_multi_paragraph_quote_is_one_quotation():
    qs = find_quotes(WIRE)
    last = qs[-1]
    body = WIRE[last.content[0]:last.content[1]]
    assert body.startswith("\u201cThe first thing") and body.endswith("arrive,\u201d")
    assert last.speaker == "Tom Reyes" and last.titled


def test_curly_and_straight_quotes():
    curly = "\u201cWe are ready for the vote tomorrow,\u201d Lee said."
    straight = '"We are ready for the vote tomorrow," Lee said.'
    for t in (curly, straight):
        (q,) = find_quotes(t)
        assert q.content == (0, 37) and q.speaker == "Lee"


@pytest.mark.parametrize("text", [
    '"', '\u201d\u201c', 'He said "this never ends', '"""', 'a " b \u201c c \u201d " d " "',
    '\u201cOpen one.\n\nNo close here "either', "", "no quotes at all",
])
def test_unbalanced_marks_never_crash(text):
    qs = find_quotes(text)
    for q in qs:
        assert 0 <= q.content[0] < q.content[1] <= len(text)
    sig = extract(Article(text))
    assert list(sig.values) == list(FEATURES)


def test_unclosed_quote_ends_at_paragraph():
    t = 'Mayor Kim said: "We will rebuild every house on this street\n\nThe storm left on Friday.'
    (q,) = find_quotes(t)
    assert t[q.content[0]:q.content[1]] == '"We will rebuild every house on this street'
    assert q.speaker == "Kim"


def test_anonymous_sourcing():
    t = ("Analysts said the plan would fail. According to sources close to the talks, it is done. "
         "A source familiar with the matter declined to comment. Some people say it is fine.")
    assert len(anonymous_sourcing(t)) == 4
    v = extract(Article(t)).values
    words = len(t.split())
    assert v["anonymous_sourcing_per_1k_words"] == pytest.approx(4 * 1000 / words, rel=0.05)
    assert anonymous_sourcing("Smith said the plan would fail.") == []


def test_feature_vector_contract_and_values():
    sig = extract(Article(WIRE))
    assert isinstance(sig, Signals)
    assert tuple(sig.values) == FEATURES
    assert all(isinstance(v, float) and math.isfinite(v) for v in sig.values.values())
    v = sig.values
    assert v["quote_count"] == 5.0
    assert v["quote_attributed_share"] == 1.0
    assert v["quote_titled_share"] == pytest.approx(3 / 5)
    assert v["quote_distinct_speakers"] == 3.0  # Wang Wenbin, Jones, Reyes
    assert v["quote_top_speaker_share"] == pytest.approx(2 / 5)
    assert v["anonymous_sourcing_per_1k_words"] > 0
    assert 0 < v["quoted_char_share"] < 1
    assert len(sig.extra["quotes"]) == 5 and sig.extra["quotes"][0]["speaker"] == "Wang Wenbin"
    assert "Wang Wenbin" in sig.evidence["quote_attributed_share"]


def test_no_quotes_gives_zeros():
    sig = extract(Article("The council met on Tuesday and approved the budget."))
    assert tuple(sig.values) == FEATURES
    assert all(v == 0.0 for v in sig.values.values())
    assert sig.extra["quotes"] == []


def test_unattributed_quote_lowers_attributed_share():
    t = ("The council met on Tuesday.\n\n\"Nobody here knows what will happen to the budget next year.\"\n\n"
         "\"We are ready for the vote tomorrow,\" Lee said.")
    v = extract(Article(t)).values
    assert v["quote_count"] == 2.0
    assert v["quote_attributed_share"] == 0.5
