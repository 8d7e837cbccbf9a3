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


# --- speaker resolution, new cues, inferred speakers (articles written for these tests) ---

def test_pronoun_resolved_by_gender_not_last_name():
    t = ("Mayor Linda Park met Gov. Tom Alvarez on Tuesday to discuss the flood plan.\n\n"
         "\"We need the money before the rains come back,\" she said.")
    (q,) = find_quotes(t)
    assert q.speaker_kind == "pronoun" and q.speaker == "Linda Park"


def test_pronoun_prefers_sentence_subject_over_later_object():
    t = ("Senator Paul Grant criticised the plan in a letter to Mark Ellis on Monday.\n\n"
         "\"This plan will not survive the winter,\" he said.")
    (q,) = find_quotes(t)
    assert q.speaker == "Paul Grant"


def test_description_resolved_to_named_person():
    t = ("Sen. Bernard Holt of Vermont spoke to voters in Concord on Friday.\n\n"
         "\"We are going to win this state by a wide margin,\" the Vermont senator said.")
    (q,) = find_quotes(t)
    assert q.speaker == "Bernard Holt" and q.speaker_kind == "description" and q.named


def test_widened_cues():
    for cue in ("quipped", "tweeted", "conceded", "acknowledged", "retorted", "opined"):
        t = f"\"Nobody in this town has ever seen a budget like this one,\" Dana Cole {cue}."
        (q,) = find_quotes(t)
        assert q.speaker == "Dana Cole" and q.cue == cue


def test_trailing_speaker_with_lowercase_modifier():
    t = "\"The harm caused by the scheme is beyond measure,\" federal prosecutors wrote in a filing."
    (q,) = find_quotes(t)
    assert q.speaker == "prosecutors" and q.cue.startswith("wrote") and q.speaker_kind == "nominal"


def test_appositive_layouts():
    t = "\"We will hold the line on taxes,\" Smith, a Republican from Ohio, said."
    (q,) = find_quotes(t)
    assert q.speaker == "Smith" and q.titled
    t = "Smith said: \"We will hold the line on taxes this year.\""
    (q,) = find_quotes(t)
    assert q.speaker == "Smith"


def test_inferred_speakers_never_count_as_attributed():
    t = ("Former governor Nina Walsh:\"We did what the law required of us and nothing more.\"\n\n"
         "Rob Diaz thinks the council will \"pay dearly for this decision at the ballot box next year.\"")
    qs = find_quotes(t)
    assert [q.speaker for q in qs] == ["Nina Walsh", "Rob Diaz"]
    assert all(q.speaker_kind == "inferred" and q.cue is None and not q.named for q in qs)
    v = extract(Article(t)).values
    assert v["quote_count"] == 2.0 and v["quote_attributed_share"] == 0.0


def test_sign_off_line_gives_speaker():
    t = ("\"We built more roads in four years than the last three governors combined.\"\n"
         "- Jim Foley.\n\nThe claim does not hold up.")
    (q,) = find_quotes(t)
    assert q.speaker == "Jim Foley" and q.speaker_kind == "inferred"


def test_cue_scan_matches_word_loop():
    # the regex scan must give exactly the hits of a loop over ASCII-letter words
    import re as _re
    from service.signals import quotes as Q
    t = ("He Said so; SAYS who? unsaid, said2 said_ x-said according  to\nthem, according to. "
         "Pointed out, told reporters: sources said, officials’ say; ſome say, many believe.")
    loop = []
    for m in _re.finditer(r"[A-Za-z]+", t):
        lw = m.group().lower()
        if lw in Q._CUE_SET or lw in Q._PHRASE_NEXT:
            loop.append(m.start())
    assert [m.start() for m in Q._CUE_SCAN_RE.finditer(t)] == loop
    assert [c[0] for c in Q._find_cues(t)] == [p for p in loop if t[p:p + 5].lower() not in ("point", "accor")
                                               or any(c[0] == p for c in Q._find_cues(t))]
    anon = [m.start() for m in _re.finditer(r"[A-Za-z]+", t)
            if m.group().lower() in Q._ANON_PLURALS or m.group().lower() in Q._ANON_ANCHOR]
    assert [m.start() for m in Q._ANON_SCAN_RE.finditer(t)] == anon
