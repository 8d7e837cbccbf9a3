"""The scoring core: signal families on articles we wrote, the Pipeline round trip, the artifact
integrity check, the Python API and its input validation."""
from __future__ import annotations

import json
import math
import textwrap
import shutil
from pathlib import Path

import joblib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service import Scorer
from service.artifacts import ArtifactError, load_verified, save
from service.features import FEATURE_NAMES, SignalExtractor, to_article
from service.text_views import N_VIEW_COLUMNS, VIEWS
from service.model import build_pipeline
from service.scorer import MAX_TEXT_BYTES
from service.signals import Article, provenance, quotes, style, stylometry
from training.eval_layout import LAYOUTS

FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


# --- provenance -------------------------------------------------------------------------------

def test_wire_story_has_dateline_and_credit():
    s = provenance.extract(Article(text=fixture("wire_story.txt")))
    assert s.values["wire_dateline"] == 1.0
    assert s.values["wire_credit_count"] >= 2  # "(AP)" and "Associated Press"
    assert provenance.classify(s.values, s.evidence)["class"] == "wire"
    assert "(AP)" in s.evidence["wire_dateline"]


@pytest.mark.parametrize("opening", [
    "LONDON (Reuters) -", "BRUSSELS/LONDON (Reuters) -", "LONDON, March 3 (Reuters) -",
    "WASHINGTON, Jan. 5, 2017 (AP) \u2014", "Dec 29 (Reuters) -", "SYDNEY, March 3 (AAP) -",
    "NEW DELHI, 12 May (PTI) -",
])
def test_dateline_forms(opening):
    text = f"Storm Hits Coast\n\n{opening} The storm reached the coast on Tuesday, officials said."
    s = provenance.extract(Article(text=text))
    assert s.values["wire_dateline"] == 1.0 and opening.split(" (")[0] in s.evidence["wire_dateline"]


@pytest.mark.parametrize("text", [
    "In a statement released late on Tuesday evening the agency (AP) - said it would appeal.",  # not opening a line
    "He said the 2017 report, 45 pages long (Reuters) was wrong.",  # no dash after the tag
])
def test_not_a_dateline(text):
    assert provenance.extract(Article(text=text)).values["wire_dateline"] == 0.0


def test_syndicated_copy_is_syndicated_not_plain_wire():
    s = provenance.extract(Article(text=fixture("syndicated_copy.txt")))
    assert s.values["syndication_note"] == 1.0
    result = provenance.classify(s.values, s.evidence)
    assert result["class"] == "syndicated"
    assert any("syndicated feed" in e for e in result["evidence"])


def test_content_farm_markers():
    farm = provenance.extract(Article(text=fixture("content_farm.txt")))
    wire = provenance.extract(Article(text=fixture("wire_story.txt")))
    assert farm.values["ai_style_marker_count"] >= 4
    assert wire.values["ai_style_marker_count"] == 0
    assert farm.values["clickbait_headline"] == 1.0
    assert farm.values["repeated_opening_share"] > wire.values["repeated_opening_share"]
    assert provenance.classify(farm.values, farm.evidence)["class"] == "ai-style"


def test_share_begging_in_the_prose_is_a_content_farm_marker_and_sharing_in_the_news_is_not():
    begging = ["Share this with everyone you know before they take it down!",
               "Please share this article so the truth gets out.",
               "Share this article with your friends and family.",
               "Share it before it disappears."]
    news = ["The company did not share it with investors until March.",
            "Residents were urged to share their views with the council.",
            "Officials said they would share the data with researchers.",
            "Share prices fell 3 percent on Tuesday."]
    for text in begging:
        s = provenance.extract(Article(text=text))
        assert s.values["ai_style_marker_count"] == 1.0 and s.evidence["ai_style_marker_count"], text
    for text in news:
        assert provenance.extract(Article(text=text)).values["ai_style_marker_count"] == 0.0, text


def test_an_unfilled_template_placeholder_is_one_content_farm_marker_and_an_editors_bracket_is_none():
    drafts = ["By [Your Name]\n\nThe council approved the new budget on Tuesday.",
              "[City, State] \u2014 A new clinic opened its doors this week.",
              "Dr. [Lead Researcher\u2019s Name], who led the study, called the result remarkable.",
              "The vaccine will be available from [insert date] at every pharmacy.",
              "Contact [Name] at [email] or [Phone Number] for details."]  # several: still one draft
    edited = ["\"He [Trump] will never back down,\" the senator said.",
              "\"We need [the bill] passed this year,\" she said.",
              "The letter called it \"a grave misstake [sic]\" and demanded a reply.",
              "\"I told them [the board] that the [state] budget was short,\" he said.",
              "\"My daughter [name] was in the car,\" the witness said."]
    for text in drafts:
        s = provenance.extract(Article(text=text))
        assert s.values["ai_style_marker_count"] == 1.0 and "[" in s.evidence["ai_style_marker_count"], text
    for text in edited:  # the last two: an editor writes a bare noun or "[name]" lower-case, a template capitalised
        assert provenance.extract(Article(text=text)).values["ai_style_marker_count"] == 0.0, text
    assert provenance.extract(Article(text="Residents of [County] met on Tuesday.")).values["ai_style_marker_count"] == 1.0
    both = provenance.extract(Article(text="In conclusion, the plan failed. [Your Name]"))
    assert both.values["ai_style_marker_count"] == 2.0
    assert both.evidence["ai_style_marker_count"].startswith("In conclusion")  # the first phrase found is shown


def test_an_article_set_out_under_a_drafts_part_labels_is_one_content_farm_marker():
    body = "The council approved the new budget on Tuesday after a long debate over school funding."
    drafts = [f"Headline: Council Approves Budget\n\nByline: Jane Doe, Staff Writer\n\n{body}",
              f"**Headline:** Council Approves Budget\n**Subheadline:** A long night\n\n{body}",
              f"Title: Council Approves Budget\nDate: March 3, 2025\nByline: Jane Doe\n\n{body}"]
    plain = [f"Title: Council Approves Budget\n\n{body}",                      # a pasted title line
             f"Title: Council Approves Budget\nAuthor: Jane Doe\nDate: March 3, 2025\n\n{body}",  # a scraper's header
             f"Headline: Council Approves Budget\n\n{body}",
             f"{body} The headline: taxes stay flat. Byline: none given.",            # labels inside lines
             # a news database's text export (researchers score these in bulk)
             f"Council Approves Budget\nThe Springfield Courier\nMarch 4, 2025 Tuesday\n\nCopyright 2025 The Courier\n"
             f"Section: LOCAL; Pg. A1\nLength: 412 words\nByline: Jane Doe\nDateline: SPRINGFIELD\n\nBody\n\n{body}\n\n"
             f"Load-Date: March 5, 2025"]
    for text in drafts:
        s = provenance.extract(Article(text=text))
        assert s.values["ai_style_marker_count"] == 1.0, text
        assert s.evidence["ai_style_marker_count"].lstrip("*").startswith(("Headline", "Title")), text
    for text in plain:
        assert provenance.extract(Article(text=text)).values["ai_style_marker_count"] == 0.0, text


def test_a_writing_assistants_unedited_draft_is_classed_ai_style_and_scores_below_the_same_story_edited(scorer):
    story = ("The city council voted 7-2 on Tuesday to approve a new budget that expands funding for public parks "
             "and recreation programs across the city. \"This is a good day for our families,\" said council member "
             "Ana Ruiz, who sponsored the measure. The plan adds two new playgrounds and extends pool hours through "
             "September. Opponents said the money should have gone to road repairs. \"We have potholes on every "
             "street,\" said council member Tom Hale, who voted against it. The budget takes effect on July 1.")
    draft = scorer.score("Headline: City Council Approves New Budget for Parks\n\nByline: [Your Name], Staff Writer"
                         "\n\n[City, State] \u2014 " + story)
    edited = scorer.score("By Jane Doe, Staff Writer\n\nSPRINGFIELD, Ill. \u2014 " + story)
    assert draft["provenance"]["class"] == "ai-style" and edited["provenance"]["class"] != "ai-style"
    shown = draft["provenance"]["evidence"]  # each of the two markers, once
    assert len(shown) == 2 and shown[0].startswith("Headline:") and "[Your Name]" in shown[1]
    assert draft["signals"]["ai_style_marker_count"] == 2.0 and edited["signals"]["ai_style_marker_count"] == 0.0
    assert draft["score"] < edited["score"]
    farm = [r for r in draft["reasons"] if r["signal"] == "content_farm_markers"]
    assert farm and farm[0]["direction"] == "lowers" and farm[0]["evidence"].startswith("Headline:")


def test_evidence_cut_from_a_long_line_keeps_whole_words_and_marks_the_cuts():
    words = " ".join(f"word{i}" for i in range(80))
    text = f"{words} Here is the important point. {words}"
    snippet = provenance.extract(Article(text=text)).evidence["ai_style_marker_count"]
    assert snippet.startswith("\u2026 word") and snippet.endswith(" \u2026")
    assert "Here is the important point." in snippet
    inner = snippet[2:-2].split()
    assert all(w in text.split() for w in inner[:1] + inner[-1:])  # no word cut in half at either end
    assert len(snippet) <= provenance.SNIPPET_CHARS + 4


def test_state_media_byline():
    s = provenance.extract(Article(text=fixture("state_media.txt")))
    assert s.values["state_media_count"] >= 2  # "(Xinhua)" byline and "told Xinhua"
    assert provenance.classify(s.values, s.evidence)["class"] == "state-affiliated"


def test_state_outlet_as_publisher_or_only_cited():
    assert provenance.extract(Article(text=fixture("state_media.txt"))).values["state_publisher"] == 1.0
    publisher = ["SHANGHAI, May 3 (Xinhua) -- Port traffic rose in April, officials said.",
                 "The plan is sound, analyst Wang Lei told the Global Times on Monday.",
                 "Turnout was low, political commentator Anna Reyes told RT.",
                 "A Global Times reporter visited the plant on Friday.",
                 "Port traffic rose in April.\nSource: Xinhua"]
    cited = ["China's exports rose 8 percent in April, the official Xinhua news agency reported on Monday.",
             "According to TASS, the talks will resume in June.",
             "The Global Times, a tabloid run by the ruling party's People's Daily, said the move was a provocation.",
             "Two of the patients tested positive on RT-PCR tests, the hospital said."]
    for text in publisher:
        s = provenance.extract(Article(text=text))
        assert s.values["state_publisher"] == 1.0 and s.values["state_media_count"] >= 1, text
        assert s.evidence["state_publisher"], text
    for text in cited:
        assert provenance.extract(Article(text=text)).values["state_publisher"] == 0.0, text
    assert provenance.extract(Article(text=cited[0])).values["state_media_count"] == 1.0
    assert provenance.extract(Article(text=cited[-1])).values["state_media_count"] == 0.0


def _class_of(text: str) -> str:
    s = provenance.extract(Article(text=text))
    return provenance.classify(s.values, s.evidence)["class"]


def test_an_agency_credited_makes_wire_an_agency_cited_does_not():
    credited = [
        "The council approved the budget on Tuesday, officials said.\n\nBy Jane Doe, Associated Press",
        "Shares fell 3 percent, the company said.\n(Reporting by Jane Doe; Editing by John Roe)",
        "The mill will close in May, its owner said.\nAssociated Press writer John Roe in Lima contributed to this "
        "report.",
        "Exports rose in March, the chief executive told Reuters in an interview on Monday.",
        "The vote was close, the mayor said.\nCopyright 2026 The Associated Press. All rights reserved.",
        "Our editors supplemented this Reuters article with reporting from the scene.",
        "By The Associated Press\nThe storm reached the coast on Sunday, forecasters said.",
        # the national agencies of the UK, Canada, Australia, Germany, Japan, Italy and India
        "TORONTO (CP) \u2014 The Bank of Canada held rates on Wednesday, officials said.",
        "LONDON (PA) - Rail fares will rise in March, the operator said.",
        "SYDNEY, March 3 (AAP) - Fires burned near the coast, officials said.",
        "The council approved the plan, the mayor said.\n\nBy Jane Doe, The Canadian Press",
        "Rail fares will rise, the operator said.\nPA Media",
        "Rail fares will rise, the operator said.\nPress Association",
        "Fires burned in Victoria on Sunday.\n\nAustralian Associated Press",
        "BERLIN (dpa) - The coalition agreed on a budget, officials said.",
    ]
    cited = [
        "The minister told the Reuters news agency that the sale would go ahead.",
        "Clinton leads with 520 superdelegates, according to the Associated Press.",
        "The plant will close, Reuters reported on Friday, citing two people familiar with the plan.",
        "The senator told the Associated Press that he would vote no.",
        "Jane Doe contributed to this report.",
        "Prices rose.\nAccording to AP.",
        "The figures were first reported by the Associated Press.",
        "The protesters marched on the capitol.\nJohn Vizcaino/Reuters",
        "Riots flared in the east, Agence France-Presse (AFP) reported on Monday, citing witnesses at the scene.",
        "A reporter for Agence France-Presse called it chaos.",
        "The minister told the Press Association that the sale would go ahead.",
        "Fares rose 4 percent, the Canadian Press reported.",
        "The party, known as the Communist Party (CP) since 1921, met on Monday.",
        "Harrisburg (PA) has a deficit, the mayor said.",
        "She won a Golden Globe, awarded by the Hollywood Foreign Press Association.",
    ]
    for text in credited:
        assert _class_of(text) == "wire", text
        assert provenance.extract(Article(text=text)).evidence["wire_agency_credit"], text
    for text in cited:
        s = provenance.extract(Article(text=text))
        assert "wire_agency_credit" not in s.evidence, text
        assert _class_of(text) != "wire", text
    # the model's feature still counts every agency named (it was trained so)
    assert provenance.extract(Article(text=cited[0])).values["wire_credit_count"] == 1.0


_PROVENANCE_PIECES = [
    "(AP) -", "(CP) \u2014", "(PA) -", "(AAP) -", "(dpa) -", "(Kyodo) -", "(Xinhua) --", "(Reuters) -",
    "Associated Press", "Australian Associated Press", "The Canadian Press", "PA Media", "Press Association",
    "Deutsche Presse-Agentur", "Kyodo News", "Press Trust of India", "Reporting by Jo Doe;", "Editing by Al Roe",
    "contributed to this report", "AP Beijing", "Global Times", "told RT", "Source: Xinhua", "as reported by",
    "Here is the important point", "Please share", "in conclusion,", "LONDON", "SYDNEY, March 3", "By",
    "the mayor said.", "told", "the", "\n", "\n\n", " ", ", ",
]


@given(st.lists(st.sampled_from(_PROVENANCE_PIECES), min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_provenance_gates_and_triggers_never_change_a_signal(pieces):
    """The cheap word gates and substring triggers in front of each pattern only skip scans that
    could not match: with them switched off every value and every piece of evidence is the same."""
    text = " ".join(pieces)
    gated = provenance.extract(Article(text=text))
    saved = dict(provenance._GATES), dict(provenance._TRIGGERS)
    provenance._GATES.clear()
    provenance._TRIGGERS.clear()
    try:
        ungated = provenance.extract(Article(text=text))
    finally:
        provenance._GATES.update(saved[0])
        provenance._TRIGGERS.update(saved[1])
    assert gated.values == ungated.values and gated.evidence == ungated.evidence


def test_wire_copy_on_another_outlets_site_is_syndicated(scorer):
    story = fixture("wire_story.txt")
    assert scorer.score(story)["provenance"]["class"] == "wire"
    assert scorer.score(story, url="https://apnews.com/article/x")["provenance"]["class"] == "wire"
    elsewhere = scorer.score(story, url="https://www.example-gazette.com/news/2026/storm")["provenance"]
    assert elsewhere["class"] == "syndicated" and elsewhere["basis"] == "marker"
    assert any("example-gazette.com" in e for e in elsewhere["evidence"])


def test_state_outlet_cited_is_not_state_affiliated():
    cited = "Exports rose 8 percent in April, the official Xinhua news agency reported on Monday."
    assert _class_of(cited) == "unknown"
    assert _class_of("SHANGHAI, May 3 (Xinhua) -- Port traffic rose in April, officials said.") == "state-affiliated"


def test_state_publisher_prior_moves_log_odds_as_a_state_rating_does(scorer):
    from service.model import PRIOR_COLUMNS, STATE_PUBLISHER_WEIGHT, _layout
    model = scorer.model
    names = list(model.feature_names)
    column, domain = names.index("state_publisher"), names.index("domain_reliability")
    import scipy.sparse as sp

    from service.features import model_input
    rows = sp.vstack([model_input([scorer.extractor.analyse(fixture("wire_story.txt"))])] * 4).tolil()
    rows[1, column] = 1.0                           # text names a state outlet as publisher
    rows[2, column], rows[2, domain] = 1.0, -1.0    # ... and its URL is rated state: counted once
    rows[3, domain] = -1.0
    logits = model.decision_function(rows.tocsr())
    assert logits[0] - logits[1] == pytest.approx(STATE_PUBLISHER_WEIGHT)
    assert logits[2] == pytest.approx(logits[3])
    # the trees never see the column: the prior alone carries it
    seen = {names[i] for i in _layout(model.feature_names)[0]}
    assert not seen & set(PRIOR_COLUMNS)


def test_second_hand_sourcing():
    text = "As reported by the Daily Planet on Monday, the mayor will resign.\n\nSource: Daily Planet, Metro Wire"
    assert provenance.extract(Article(text=text)).values["second_hand_sourcing_count"] == 2


def test_a_reference_index_match_makes_wire_or_unknown_text_syndicated_and_leaves_other_classes():
    match = {"kind": "near-verbatim", "origin": "AP", "match_id": "ap-1", "containment": 0.9}
    plain = provenance.extract(Article(text="The council approved the budget on Tuesday."))
    wire = provenance.extract(Article(text=(FIXTURES / "wire_story.txt").read_text()))
    state = provenance.extract(Article(text=(FIXTURES / "state_media.txt").read_text()))
    for s, before, after in ((plain, "unknown", "syndicated"), (wire, "wire", "syndicated"),
                             (state, "state-affiliated", "state-affiliated")):
        assert provenance.classify(s.values, s.evidence)["class"] == before
        found = provenance.classify(s.values, s.evidence, index_match=match)
        assert found["class"] == after
        assert found["evidence"][-1].startswith("near-verbatim copy of AP story ap-1 in the reference index")
    on_agency_site = provenance.classify(wire.values, wire.evidence, domain="apnews.com", index_match=match)
    assert on_agency_site["class"] == "wire" and "reference index" in on_agency_site["evidence"][-1]
    no_match = dict(match, kind="none")
    assert provenance.classify(wire.values, wire.evidence, index_match=no_match)["class"] == "wire"


def test_domain_rating_lookup_uses_parent_domains():
    ratings = {"example-news.com": "reliable", "junk.example": "unreliable", "rt.com": "state"}
    ok = provenance.extract(Article(text="x", url="https://edition.example-news.com/a/b"), ratings)
    bad = provenance.extract(Article(text="x", url="http://www.junk.example/story"), ratings)
    state = provenance.extract(Article(text="x", url="https://rt.com/news/1"), ratings)
    none = provenance.extract(Article(text="x", url="https://unrated.org/"), ratings)
    assert (ok.values["domain_rated"], ok.values["domain_reliability"]) == (1.0, 1.0)
    assert bad.values["domain_reliability"] == -1.0
    assert provenance.classify(state.values, state.evidence, "state")["class"] == "state-affiliated"
    assert (none.values["domain_rated"], none.values["domain_reliability"]) == (0.0, 0.0)


# --- style and stylometry --------------------------------------------------------------------

def test_style_loaded_wording_and_shouting():
    calm = style.extract(Article(text=fixture("wire_story.txt"))).values
    loud = style.extract(Article(text="This is OUTRAGEOUS! The corrupt elites lied to you again! "
                                      "You won't believe this disgusting hoax! Share it now!")).values
    assert loud["loaded_word_rate"] > 0.1 and calm["loaded_word_rate"] == 0
    assert loud["exclamation_rate"] >= 1.0 and calm["exclamation_rate"] == 0
    assert loud["second_person_rate"] > 0 and loud["all_caps_rate"] > 0
    assert calm["said_rate"] > 0


def test_stylometry_rates():
    values = stylometry.extract(Article(text="The cat and the dog, the end.")).values
    assert values["fw_the"] == pytest.approx(3 / 7)
    assert values["fw_and"] == pytest.approx(1 / 7)
    assert values["punct_comma"] == pytest.approx(1 / 7)


# --- layout and typography do not move a score ---------------------------------------------------

def test_plain_spacing():
    from service.signals import plain_spacing
    assert plain_spacing("Here  is\tthe\u00a0important \u2003point.\r\nNext line \n\n Last") == \
        "Here is the important point.\nNext line\n\nLast"
    already = "Plain text.\n\nSecond paragraph, \u201ccurly\u201d."
    assert plain_spacing(already) == already


def test_plain_spacing_knows_every_unicode_space():
    import re as regex

    from service.signals import _NON_ASCII_SPACES
    spaces = [c for c in map(chr, range(0x80, 0x110000)) if c.isspace() or regex.fullmatch(r"\s", c)]
    assert sorted(_NON_ASCII_SPACES) == spaces


def test_plain_apostrophes_keep_double_quotes_curly():
    from service.signals import plain_apostrophes
    assert plain_apostrophes("\u201cWe don\u2019t,\u201d the \u2018experts\u2019 said.") == \
        "\u201cWe don't,\u201d the 'experts' said."


@pytest.mark.parametrize("typed, read", [
    ("'We will not back down,' said Ms Smith. 'It is right.'",
     "\u201cWe will not back down,\u201d said Ms Smith. \u201cIt is right.\u201d"),
    ("'I'm sure the players' union will fight,' he said.",
     "\u201cI'm sure the players' union will fight,\u201d he said."),
    ("She called it 'a disgrace' and said: 'Really?'",
     "She called it \u201ca disgrace\u201d and said: \u201cReally?\u201d"),
    # an apostrophe after a digit inside a quotation
    ("'Radio 1's listeners loved the 1990's sound,' said Cllr Ann Bell.",
     "\u201cRadio 1's listeners loved the 1990's sound,\u201d said Cllr Ann Bell."),
    # apostrophes pair nothing
    ("rock 'n' roll in the '90s and '80s, the boys' club", None),
    ("They beat 'em at the Smiths' place, goin' home.", None),
    # single marks on a line with double ones are quotations inside a quotation
    ("\"He said 'no way,' and left,\" she said.", None),
    ("'Yes,' she said.\n\u201cNo,\u201d he said of the 'plan.'",
     "\u201cYes,\u201d she said.\n\u201cNo,\u201d he said of the 'plan.'"),
    # American copy: single marks in a headline, double ones in the body
    ("Mayor: 'We will rebuild.'\n\"It is over,\" she said. \"We start Monday,\" he said.", None),
    # a quotation over paragraphs: each opens with a mark, only the last closes
    ("'We waited long enough. The council knew.\n\n'Now we act,' she said.",
     "\u201cWe waited long enough. The council knew.\n\n\u201cNow we act,\u201d she said."),
    ("'First.\n'Second, it's true.\n\n'Third,' he said.",
     "\u201cFirst.\n\u201cSecond, it's true.\n\n\u201cThird,\u201d he said."),
    # ... not where the next paragraph opens without a mark, or with an elision
    ("'We waited long enough.\n\nThen she left. 'Now,' she said.",
     "'We waited long enough.\n\nThen she left. \u201cNow,\u201d she said."),
    ("'Tis the season.\n\n'Now,' she said.", "'Tis the season.\n\n\u201cNow,\u201d she said."),
    # British nesting: a quotation inside a quotation in double marks, even where it ends the
    # outer one; it is then typed as American copy types it
    ("'When they said \"it cannot be done\", I laughed,' said Ms Smith. 'We will,' she added.",
     "\u201cWhen they said 'it cannot be done', I laughed,\u201d said Ms Smith. \u201cWe will,\u201d she added."),
    ("'They told me \u201cno.\u201d' She left.\n'Yes,' he said.",
     "\u201cThey told me 'no.'\u201d She left.\n\u201cYes,\u201d he said."),
    # ... not where a double mark stands outside every pair (both styles on one line), nor where
    # a pair holds an odd number of them
    ("'It was \"fine\",' she said, calling it \"absurd\".", None),
    ("'It was \"fine,' she said.", None),
])
def test_plain_single_quotations(typed, read):
    from service.signals import plain_single_quotations
    assert plain_single_quotations(typed) == (typed if read is None else read)
    # quotes.find_quotes folds again what it is handed, already folded: nothing more may change
    assert plain_single_quotations(read or typed) == (read or typed)


@given(st.text(alphabet="'\"\u201c\u201d ab.,\n", max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_single_mark_fold_changes_only_marks_in_place_and_once(text):
    """Offsets into the folded text are offsets into the text sent (quotes and evidence point
    back into it), and folding again changes nothing (find_quotes folds what it is handed)."""
    from service.signals import plain_single_quotations
    out = plain_single_quotations(text)
    assert len(out) == len(text)
    assert all(a == b or (a in "'\"\u201c\u201d" and b in "'\u201c\u201d") for a, b in zip(text, out))
    assert plain_single_quotations(out) == out


def test_a_british_quotation_over_paragraphs_is_one_attributed_quote():
    text = ("Residents met on Monday.\n\n'We have waited long enough for the council to act. "
            "Nobody has told us anything.\n\n'Now we will act ourselves,' said Ann Bell, chair of the "
            "residents' association.\n\nThe council declined to comment.")
    found = quotes.find_quotes(to_article(text).text)
    assert len(found) == 1 and found[0].speaker == "Ann Bell"
    start, end = found[0].content
    assert "waited long enough" in to_article(text).text[start:end]


@given(st.text(alphabet="'\"\u201c\u201d_a1\u00e9\u00b2 \n.", max_size=12))
@settings(max_examples=500, deadline=None)
def test_the_quick_check_for_an_opening_mark_is_the_regex(text):
    import re

    from service.signals import _OPENING, _has_opening_mark
    assert _has_opening_mark(text) == bool(re.search(_OPENING, text))


def test_a_british_quotation_holding_one_in_double_marks_is_found_as_american_copy_would_be():
    american = ("The minister defended the plan on Tuesday.\n\n\u201cWhen officials told me 'it cannot be "
                "done', I did not believe them,\u201d said Health Secretary Jane Porter. \u201cWe will deliver "
                "it on time,\u201d she added. Critics said the budget was too small.")
    british = american.replace("'", '"').replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    found = [(q.content, q.speaker, q.titled) for q in quotes.find_quotes(to_article(british).text)]
    assert found == [(q.content, q.speaker, q.titled) for q in quotes.find_quotes(to_article(american).text)]
    assert [speaker for _, speaker, _ in found] == ["Jane Porter", "Jane Porter"]
    assert quotes.extract(to_article(british)).values == quotes.extract(to_article(american)).values


def test_quotations_typed_british_style_are_found_with_their_speakers():
    from service.signals.quotes import find_quotes
    text = ("The council voted 5-2 on Monday. \u2018We will not back down on this,\u2019 said council member "
            "Ana Ruiz. \u2018The pipes are older than I am.\u2019\nResidents were split.")
    found = find_quotes(text)
    assert [(text[q.content[0]:q.content[1]], q.speaker) for q in found] == [
        ("\u2018We will not back down on this,\u2019 said council member Ana Ruiz. "
         "\u2018The pipes are older than I am.\u2019", "Ana Ruiz")]



def test_plain_markup_renders_markdown_away():
    from service.signals import plain_markup
    marked = ("# Storm closes schools ##\n\n**WASHINGTON (AP) \u2014** Schools *will* stay shut, "
              "[the mayor](https://example.com/mayor_(office) \"Mayor\") __said__ on _Tuesday_.\n"
              "![a flooded street](https://example.com/a.jpg)\n***Update:*** roads reopened.")
    assert plain_markup(marked) == ("Storm closes schools\n\nWASHINGTON (AP) \u2014 Schools will stay shut, "
                                    "the mayor said on Tuesday.\n\nUpdate: roads reopened.")
    # A closing mark pairs with the nearest opening one, as CommonMark renders it (and what keeps
    # the scan linear: a mark that never closes is not searched for to the end of its line).
    assert plain_markup("**a **b** c, __d __e__ f") == "**a b c, __d e f"
    assert plain_markup("## C#\n**Bold *and italic* words**") == "C#\nBold and italic words"


def test_plain_markup_leaves_plain_text_alone():
    """Asterisks and underscores that are not Markdown emphasis stay: censored words, footnote
    marks, snake_case, a shrug, separators, bullets, hashtags, bracketed asides."""
    from service.signals import plain_markup
    for text in ["What the f***ing hell, and s**t happens to such as**oles.",
                 "Price 9.99*\n*** UPDATE ***\n******",
                 "The file_name_here and \u00af\\_(\u30c4)_/\u00af and 2*3*4.",
                 "* first point\n- second point\n#MeToo trended, # of votes: 12",
                 "He [sic] said (twice) it was fine."]:
        assert plain_markup(text) == text

def test_plain_entities_reads_character_references():
    from service.signals import plain_entities
    assert plain_entities("&quot;We are ready,&quot; she said &#8212; &#x201C;today&#x201D; &amp; not later.") == \
        "\"We are ready,\" she said \u2014 \u201ctoday\u201d & not later."
    assert plain_entities("&amp;quot;twice&amp;quot;") == '"twice"'  # escaped twice
    # Ampersands that are not references stay, and so do legacy names without their semicolon,
    # which html.unescape alone would read ("&not" is the sign "\u00ac").
    for text in ["AT&T and S&P 500; R&D", "I am &not sure", "a &bogus; name", "Tom & Jerry;"]:
        assert plain_entities(text) == text


def test_plain_encoding_undoes_mojibake_only():
    from service.signals import plain_encoding
    text = "\u201cIt\u2019s na\u00efve,\u201d she said \u2014 \u00a35 a caf\u00e9 \U0001F389"
    damaged = text.encode("utf-8").decode("cp1252", errors="ignore")
    assert damaged.startswith("\u00e2\u20ac\u0153It\u00e2\u20ac\u2122s") and plain_encoding(damaged) != damaged
    from training.eval_layout import _mojibake
    assert plain_encoding(_mojibake(text)) == text
    # Mojibake beside no-break spaces, which ftfy declines as they are: the spacing is made plain first.
    assert plain_encoding("It\u00a0cost\u00a0a\u00a0\u00c2\u00a3113m\u00a0plan.") == \
        "It cost a \u00a3113m plan."
    assert plain_encoding(_mojibake(text).replace(" ", "\u00a0")) == text
    # Clean text stays as it is, accents and all, and so do words that only look like it.
    for clean in [text, "S\u00c3O PAULO (Reuters) - Brazil's central bank", "The ch\u00e2teau's owner, Ren\u00e9e",
                  "Plain ASCII text."]:
        assert plain_encoding(clean) == clean


def test_unwrapped_joins_wrapped_paragraphs_only():
    from service.signals import unwrapped
    paragraphs = [p for p in fixture("wire_story.txt").splitlines() if len(p) > 150]
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
    assert len(paragraphs) >= 3 and wrapped.count("\n") >= 3 * len(paragraphs)
    assert unwrapped(wrapped) == "\n\n".join(paragraphs)
    # A word broken at its hyphen is joined back without a space.
    paragraph = ("The plan drew support on Tuesday from most parties and from the US-led coalition, "
                 "officials said, but the vote itself was delayed until the autumn because two of the "
                 "smaller parties asked for more time to read the draft and to consult their members.")
    widths = [w for w in range(60, 81) if "US-\nled" in textwrap.fill(paragraph, w)]
    assert widths
    assert unwrapped(textwrap.fill(paragraph, widths[0])) == paragraph
    three_lines = "The plan drew support from the coalition\nand from several of its members,\nofficials said."
    assert unwrapped(three_lines) == three_lines  # too few lines to call it wrapped
    # Short lines of similar length that are not wrapped prose stay as they are: a results
    # table narrower than any wrapping width, and headlines whose next first word would fit.
    table = "Shr 59 cents versus 48 cents\nNet 3,244,000 versus 2,584,000\nRevs 169.3 million versus 156.0 million\n" * 2
    assert unwrapped(table) == table
    headlines = "\n".join(["Council approves the budget after a long night of debate",
                           "Mayor says the new tram line will open in the spring of next year",
                           "Storm closes schools across the county on Tuesday morning",
                           "Local team wins the regional final in extra time"])
    assert unwrapped(headlines) == headlines


@pytest.mark.parametrize("name", ["wire_story.txt", "syndicated_copy.txt", "content_farm.txt", "state_media.txt"])
def test_layout_and_typography_leave_signals_and_score_alone(scorer, name):
    """How a page was typed or scraped (quote marks and apostrophes, spaced dashes, spaces, line
    endings, blank lines, hard wrapping, Markdown markup, HTML character references, mojibake) is not
    evidence about the article: every signal and the score stay the same."""
    text = fixture(name)
    base = scorer.score(text)
    for layout, change in LAYOUTS.items():
        other = scorer.score(change(text))
        moved = {k: (v, other["signals"][k]) for k, v in base["signals"].items()
                 if not math.isclose(v, other["signals"][k], rel_tol=1e-9, abs_tol=1e-9)}
        assert not moved, f"{layout}: {moved}"
        assert other["score"] == base["score"], layout


def test_british_typing_nests_quotations_the_other_way_round_and_moves_no_signal(scorer):
    british = LAYOUTS["quotations in single quotation marks (British style)"]
    american = ("The council voted on Monday.\n\n\u201cWhen they told me 'it cannot be done', I did not "
                "believe them,\u201d said council member Ana Ruiz. \u201cIt's the residents' money,\u201d she added.")
    typed = british(american)
    assert typed == ("The council voted on Monday.\n\n\u2018When they told me \"it cannot be done\", I did "
                     "not believe them,\u2019 said council member Ana Ruiz. \u2018It's the residents' money,\u2019 she added.")
    base, other = scorer.score(american), scorer.score(typed)
    assert other["signals"] == base["signals"] and other["score"] == base["score"]
    assert base["signals"]["quote_count"] == 2


# --- the transformer and the Pipeline --------------------------------------------------------


def test_scorer_gives_what_the_pipeline_gives_on_the_raw_text(scorer):
    """No training/serving skew: the service reads each text once (scorer.validate) and passes it
    on as read; the Pipeline, as training fits it, reads the raw text itself. The scores are the
    same for texts in every layout the reading makes plain, titles included."""
    texts = [change(fixture(name)) for name in ("wire_story.txt", "syndicated_copy.txt", "content_farm.txt")
             for change in LAYOUTS.values()]
    items = [{"text": t, "title": "Storm &amp; **flood** ’warning’"} for t in texts]
    expected = [round(p, 4) for p in scorer.pipeline.predict_proba(items)[:, 1].tolist()]
    assert len(set(expected)) == 3  # one score per article, whatever its layout
    assert [r["score"] for r in scorer.score_many(items, explain=False)] == expected
    assert [scorer.score(**item)["score"] for item in items[:6]] == expected[:6]

def test_extractor_contract():
    ex = SignalExtractor().fit()
    X = ex.transform([fixture("wire_story.txt"), {"text": fixture("content_farm.txt"), "title": "t"}])
    assert X.shape == (2, len(FEATURE_NAMES) + N_VIEW_COLUMNS)
    names = list(ex.get_feature_names_out())
    assert names[:len(FEATURE_NAMES)] == list(FEATURE_NAMES) and len(names) == X.shape[1]
    assert np.isfinite(X.data).all()
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    # the signals come first, the same numbers analyse() gives; the view counts after them
    np.testing.assert_array_equal(X[0, :len(FEATURE_NAMES)].toarray()[0], ex.analyse(fixture("wire_story.txt")).vector)
    assert X[:, len(FEATURE_NAMES):].nnz > 0


def _tiny_pipeline():
    texts = [fixture(n) for n in ("wire_story.txt", "syndicated_copy.txt", "content_farm.txt", "state_media.txt")] * 6
    y = np.array([1, 1, 0, 0] * 6)
    pipe = build_pipeline(domain_ratings={"example-news.com": "reliable"}, calibration_folds=2)
    pipe.fit(texts, y)
    return pipe, texts


def test_pipeline_joblib_round_trip(tmp_path):
    pipe, texts = _tiny_pipeline()
    save(pipe, {"version": "test"}, tmp_path)
    loaded, manifest = load_verified(tmp_path)
    assert manifest["version"] == "test"
    np.testing.assert_allclose(loaded.predict_proba(texts[:4]), pipe.predict_proba(texts[:4]))
    assert loaded.named_steps["signals"].domain_ratings == {"example-news.com": "reliable"}


def _varied_training_rows():
    """24 articles from our four fixtures, each cut to a different number of paragraphs, in three
    pseudo-collections that mix the labels: enough variety that every calibration fold gets its
    own log-odds."""
    texts, y, groups = [], [], []
    for i, (name, label) in enumerate([("wire_story.txt", 1), ("syndicated_copy.txt", 1),
                                       ("content_farm.txt", 0), ("state_media.txt", 0)] * 6):
        paragraphs = [p for p in fixture(name).split("\n\n") if p.strip()]
        texts.append("\n\n".join(paragraphs[: 2 + i % max(1, len(paragraphs) - 1)]))
        y.append(label)
        groups.append(f"collection-{i % 3}")
    return texts, np.array(y), np.array(groups)


def test_parallel_fit_gives_the_serial_model():
    texts, y, groups = _varied_training_rows()
    X = SignalExtractor().fit().transform(texts)
    serial = build_pipeline(calibration_folds=2).named_steps["model"].fit(X, y, groups=groups)
    parallel = build_pipeline(calibration_folds=2, n_jobs=2).named_steps["model"].fit(X, y, groups=groups)
    np.testing.assert_allclose(parallel.calibrator_.coef_, serial.calibrator_.coef_, rtol=1e-9)
    np.testing.assert_allclose(parallel.decision_function(X), serial.decision_function(X), rtol=1e-9, atol=1e-9)


def test_calibrator_is_fitted_on_out_of_fold_log_odds():
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from service.model import linear_base

    texts, y, groups = _varied_training_rows()
    signals = SignalExtractor().fit().transform(texts)[:, :len(FEATURE_NAMES)].toarray()  # no views: one member
    model = build_pipeline(calibration_folds=2, base=linear_base()).named_steps["model"].fit(signals, y, groups=groups)
    columns = model._split(signals)
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=2).split(columns, y, groups):
        oof[test] = clone(linear_base()).fit(columns[train], y[train]).decision_function(columns[test])
    expected = LogisticRegression(C=1e6).fit(oof.reshape(-1, 1), y)
    np.testing.assert_allclose(model.calibrator_.coef_, expected.coef_, rtol=1e-6)
    np.testing.assert_allclose(model.calibrator_.intercept_, expected.intercept_, rtol=1e-6)


def test_calibrator_with_outlets_is_fitted_on_both_fold_sets():
    """Outlets add a second set of folds; the calibrator sees both sets' out-of-fold log-odds."""
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from service.model import linear_base

    texts, y, groups = _varied_training_rows()
    outlets = np.array([f"outlet-{i % 4}" for i in range(len(y))])
    signals = SignalExtractor().fit().transform(texts)[:, :len(FEATURE_NAMES)].toarray()
    model = build_pipeline(calibration_folds=2, base=linear_base()).named_steps["model"].fit(
        signals, y, groups=groups, outlets=outlets)
    columns = model._split(signals)
    oof = np.zeros((2, len(y)))
    for k, by in enumerate((groups, outlets)):
        for train, test in GroupKFold(n_splits=2).split(columns, y, by):
            oof[k, test] = clone(linear_base()).fit(columns[train], y[train]).decision_function(columns[test])
    expected = LogisticRegression(C=1e6).fit(oof.reshape(-1, 1), np.tile(y, 2))
    np.testing.assert_allclose(model.calibrator_.coef_, expected.coef_, rtol=1e-6)
    np.testing.assert_allclose(model.calibrator_.intercept_, expected.intercept_, rtol=1e-6)
    collection_only = LogisticRegression(C=1e6).fit(oof[0].reshape(-1, 1), y)
    assert not np.allclose(model.calibrator_.intercept_, collection_only.intercept_)

def test_tampered_model_is_refused_before_unpickling(tmp_path, monkeypatch):
    for name in ("model.joblib", "manifest.json"):
        shutil.copy(ARTIFACTS / name, tmp_path / name)
    with open(tmp_path / "model.joblib", "r+b") as f:
        f.seek(100)
        byte = f.read(1)
        f.seek(100)
        f.write(bytes([byte[0] ^ 0xFF]))
    called = []
    monkeypatch.setattr(joblib, "load", lambda *a, **k: called.append(a))
    with pytest.raises(ArtifactError, match="model.joblib"):
        Scorer.load(tmp_path)
    assert called == []


def test_missing_manifest_and_model(tmp_path):
    with pytest.raises(ArtifactError, match="manifest"):
        Scorer.load(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"model_sha256": "0" * 64}))
    with pytest.raises(ArtifactError, match="missing"):
        Scorer.load(tmp_path)


def test_committed_manifest_describes_the_model():
    manifest = json.loads((ARTIFACTS / "manifest.json").read_text())
    assert manifest["feature_names"] == list(FEATURE_NAMES)
    assert set(manifest["feature_definitions"]) == set(FEATURE_NAMES)
    assert all(manifest["feature_definitions"][n].split("] ", 1)[1] for n in FEATURE_NAMES)
    # the views: every one the model reads, defined, with its column range after the signals
    assert [v["name"] for v in manifest["views"]] == [name for name, _ in VIEWS]
    assert manifest["views"][0]["columns"][0] == len(FEATURE_NAMES)
    assert manifest["views"][-1]["columns"][1] == len(FEATURE_NAMES) + N_VIEW_COLUMNS
    assert all(v["definition"] and v["member"] for v in manifest["views"])
    assert len(manifest["training_data"]["fingerprint_sha256"]) == 64
    assert manifest["bands"]["high"]["threshold"] > manifest["bands"]["low"]["threshold"]
    for key in ("loco", "grouped"):
        assert 0.5 < manifest["metrics"][key]["macro_roc_auc_model"] <= 1.0


# --- the Python API --------------------------------------------------------------------------

def test_score_shape_and_range(scorer):
    r = scorer.score(fixture("wire_story.txt"), title="Portugal caps rents", url="https://apnews.com/article/x")
    assert 0.0 <= r["score"] <= 1.0 and math.isfinite(r["score"])
    assert r["band"] in ("high", "mixed", "low")
    assert r["provenance"]["class"] == "wire"
    assert r["provenance"]["domain"] == "apnews.com" and r["provenance"]["domain_rating"] == "reliable"
    assert set(r["signals"]) == set(FEATURE_NAMES)
    assert r["model_version"] == scorer.manifest["version"]
    assert 1 <= len(r["reasons"]) <= 5
    for reason in r["reasons"]:
        assert reason["direction"] in ("raises", "lowers")
        assert (reason["weight"] > 0) == (reason["direction"] == "raises")


def test_committed_model_reads_every_ngram_view(scorer):
    from service.features import model_input
    from service.text_views import VIEW_OFFSETS, VIEWS, view_ngrams

    analysis = scorer.extractor.analyse(fixture("content_farm.txt"))
    X = model_input([analysis])
    assert [name for name, _ in scorer.model.view_models_] == ["word_ngrams", "function_word_pattern", "char_ngrams"]
    without_views = X.tolil()
    without_views[:, len(FEATURE_NAMES):] = 0
    # the views carry weight: blanking them moves the score
    assert scorer.model.decision_function(X)[0] != scorer.model.decision_function(without_views.tocsr())[0]
    contributions = scorer.model.contributions_many(X)[0]
    assert {"word_ngrams", "function_word_pattern", "char_ngrams"} <= set(contributions)
    # the n-grams named as evidence are the article's own, from the right view
    for view, width in VIEWS[1:]:
        counts = analysis.views[:, VIEW_OFFSETS[view]:VIEW_OFFSETS[view] + width]
        for raises in (True, False):
            grams = scorer.model.view_evidence(view, counts, analysis.body, raises=raises)
            assert grams and set(grams) <= {g for g, _ in view_ngrams(analysis.body)[view]}


def test_evidence_of_a_row_with_no_weighed_ngram_is_empty(scorer):
    """The views weigh only n-grams that several training collections use (idf 0 for the
    rest): a row holding only unweighed columns has no evidence, and no division by zero."""
    import warnings

    import scipy.sparse as sp

    from service.text_views import WORD_BUCKETS

    word_model = dict(scorer.model.view_models_)["word_ngrams"]
    unweighed = np.flatnonzero(word_model[0].idf_ == 0)[:3]
    assert len(unweighed) == 3
    counts = sp.csr_matrix((np.ones(3), (np.zeros(3, dtype=int), unweighed)), shape=(1, WORD_BUCKETS))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for raises in (True, False):
            assert scorer.model.view_evidence("word_ngrams", counts, "any text", raises=raises) == []


def test_domain_rating_moves_the_score(scorer):
    text = fixture("wire_story.txt")
    plain = scorer.score(text)["score"]
    assert scorer.score(text, url="https://www.reuters.com/world/x")["score"] > plain
    assert scorer.score(text, url="https://www.rt.com/news/1")["score"] < plain


def test_content_farm_scores_below_wire(scorer):
    wire = scorer.score(fixture("wire_story.txt"))["score"]
    farm = scorer.score(fixture("content_farm.txt"))["score"]
    assert wire > farm


def test_html_only_article(scorer):
    body = "".join(f"<p>{p}</p>" for p in fixture("wire_story.txt").split("\n\n"))
    html = f"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article>{body}</article></body></html>"
    r = scorer.score(html=html)
    assert r["provenance"]["class"] == "wire"


def test_score_many_keeps_order_and_slots_errors(scorer):
    out = scorer.score_many([fixture("wire_story.txt"), {"text": "  "}, {"text": 5},
                             {"id": "x", "text": fixture("content_farm.txt")}], errors="return")
    assert len(out) == 4
    assert "score" in out[0] and "score" in out[3]
    assert out[1]["error_type"] == "ValueError" and out[2]["error_type"] == "TypeError"
    assert out[0]["score"] == scorer.score(fixture("wire_story.txt"))["score"]
    with pytest.raises(ValueError):
        scorer.score_many(["ok text here", ""])


@pytest.mark.parametrize("bad", ["", "   \n\t "])
def test_empty_text_is_a_value_error(scorer, bad):
    with pytest.raises(ValueError, match="empty"):
        scorer.score(bad)


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["list"]])
def test_non_string_text_is_a_type_error(scorer, bad):
    with pytest.raises(TypeError, match="text"):
        scorer.score(bad)


def test_non_string_title_is_a_type_error(scorer):
    with pytest.raises(TypeError, match="title"):
        scorer.score("some text", title=3)


def test_oversized_text_names_the_limit(scorer):
    with pytest.raises(ValueError, match=str(MAX_TEXT_BYTES)):
        scorer.score("a" * (MAX_TEXT_BYTES + 1))
