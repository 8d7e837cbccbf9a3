"""Tests for service.signals.boilerplate (all pages and texts below are written for these tests)."""
from __future__ import annotations

import math
import time

import pytest

from service.signals import Article, Signals
from service.signals import boilerplate as bp

WIRE_STORY = """\
Harbour authority approves dredging plan for northern channel

The regional harbour authority on Tuesday approved a plan to dredge the northern shipping channel, \
a project that officials said would allow larger cargo vessels to dock without waiting for high tide.

The board voted seven to two in favour of the proposal after a public hearing that lasted more than \
four hours, according to minutes released by the authority.

Fishing groups had argued that the work would disturb spawning grounds near the mouth of the river, \
and two board members said they wanted an independent environmental review before any contract is signed.

"We have listened to every concern raised tonight, and the plan includes monitoring at each stage," \
the authority's chair told reporters after the vote.

Work is expected to begin in the spring and to take about eighteen months, the authority said in a statement.
"""

SUBSCRIPTION_BLOCK = """\
Subscribe to continue reading
Choose your plan
Digital Monthly
₹900
$4.99/month
3 Months
SAVE 25%
Annual Plan
$39.99/year
- Unlimited access to all premium articles
- Ad-free reading on all devices
- Daily e-paper and newsletters
- Exclusive subscriber-only puzzles
Renews automatically, cancel anytime
Already a subscriber? Sign in
More From This Section
Council delays vote on new bus depot
Rail operator posts record summer ridership
Port workers end week-long strike
Next Story
City budget gap narrows after tax receipts rise
"""

HIGHLIGHTS_STORY = """\
Volunteers restore storm-damaged dunes
- More than 300 volunteers planted grass along two miles of coast
- The project cost less than half the original estimate
- Work will continue through the autumn

More than three hundred volunteers spent the weekend planting dune grass along two miles of shoreline \
that was flattened by last winter's storms, the county parks department said on Monday.

The department had estimated that the restoration would cost about forty thousand dollars, but donated \
plants and labour brought the final bill to less than half of that, a spokeswoman said.

Coastal scientists say the grass roots bind the sand and help the dunes rebuild naturally, which protects \
the homes and roads behind them from future flooding.

Organisers said they plan to hold three more planting days before the end of the autumn season.
"""

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Library extends opening hours</title>
<script>var tracking = "do not extract me";</script>
<style>body { font-family: serif; }</style></head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/contact">Contact us</a></li>
</ul></nav></header>
<main><article>
<h1>Library extends opening hours</h1>
<p>The central library will stay open until nine in the evening on weekdays from next month, the city \
council announced on Wednesday, after a survey found strong demand for later hours among students.</p>
<p>The change will be paid for by moving two staff positions from the closed branch in the old market \
building, so the library budget will not rise, a council spokesman said.</p>
<p>Students' union officers welcomed the decision and said many members work during the day and can only \
study in the evening, when the reading rooms have until now been closed.</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Bridge closed for repairs</a></li>
<li><a href="/b">Bakery wins national award</a></li></ul></aside>
<footer><p>Copyright 2024 Example Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""


def _ratio(text: str) -> float:
    return bp.extract(Article(text=text)).values["boilerplate_ratio"]


# ------------------------------------------------------------------ contract
def test_feature_contract_text_and_html():
    for art in (Article(text=WIRE_STORY), Article(text=""), Article(text="x"),
                Article(text=WIRE_STORY + SUBSCRIPTION_BLOCK, html=ARTICLE_HTML),
                Article(text="", html="<html><<<>>"), Article(text="\n\n \n")):
        sig = bp.extract(art)
        assert isinstance(sig, Signals)
        assert tuple(sig.values) == bp.FEATURES
        for name, v in sig.values.items():
            assert isinstance(v, float), name
            assert math.isfinite(v), name
        assert set(sig.evidence) <= set(bp.FEATURES)
        assert isinstance(sig.extra["article_text"], str)


def test_every_feature_is_defined_in_the_module_docstring():
    for name in bp.FEATURES:
        assert f"``{name}``" in bp.__doc__, name


def test_classify_lines_one_flag_per_line_and_blank_lines_false():
    text = "Headline here\n\n\nBody line one.\r\nSubscribe\n"
    flags = bp.classify_lines(text)
    assert len(flags) == len(text.splitlines())
    assert flags[1] is False and flags[2] is False
    assert bp.classify_lines("") == []


# ------------------------------------------------------------------ acceptance cases
def test_syndicated_copy_with_subscription_block_scores_much_higher():
    alone = _ratio(WIRE_STORY)
    pasted = _ratio(WIRE_STORY + "\n" + SUBSCRIPTION_BLOCK)
    assert alone < 0.05
    assert pasted >= alone + 0.3
    sig = bp.extract(Article(text=WIRE_STORY + "\n" + SUBSCRIPTION_BLOCK))
    assert sig.values["subscription_marker_count"] >= 8
    assert sig.values["navigation_marker_count"] >= 2
    # the furniture is gone from article_text, the story is kept whole
    kept = sig.extra["article_text"]
    assert "Renews automatically" not in kept and "$4.99/month" not in kept and "Next Story" not in kept
    assert "Council delays vote" not in kept
    for para in WIRE_STORY.strip().split("\n\n"):
        assert para.strip() in kept


def test_subscription_block_lines_are_each_flagged():
    text = WIRE_STORY + "\n" + SUBSCRIPTION_BLOCK
    flags = bp.classify_lines(text)
    lines = text.splitlines()
    start = lines.index("Subscribe to continue reading")
    assert all(flags[start:]), [l for l, f in zip(lines[start:], flags[start:]) if not f]
    assert not any(flags[:start])


def test_clean_story_with_headline_and_highlight_bullets_is_near_zero():
    assert _ratio(HIGHLIGHTS_STORY) <= 0.02
    flags = bp.classify_lines(HIGHLIGHTS_STORY)
    assert not any(flags)


def test_plain_story_without_headline_is_zero():
    assert _ratio(WIRE_STORY.split("\n", 2)[2]) == 0.0


# ------------------------------------------------------------------ marker families
def test_share_prompts_counted_and_removed():
    text = WIRE_STORY + "\nShare this\nFollow us on Twitter\n16.8k SHARES\nWhatsApp\nEmail\n"
    sig = bp.extract(Article(text=text))
    assert sig.values["share_prompt_count"] >= 4
    assert sig.evidence["share_prompt_count"] == "Share this"
    assert "SHARES" not in sig.extra["article_text"]
    assert sig.values["boilerplate_ratio"] > 0.02
    assert bp.extract(Article(text=WIRE_STORY)).values["share_prompt_count"] == 0.0


def test_editor_and_source_footers():
    text = WIRE_STORY + "\nSource: Xinhua, Reuters\nEditor: Zhang Wei\n(Web editor: Li Na)\n" \
        "Copyright 2024 Example News. All rights reserved.\n"
    sig = bp.extract(Article(text=text))
    assert sig.values["footer_marker_count"] == 4.0
    assert sig.evidence["footer_marker_count"].startswith("Source: Xinhua")
    flags = bp.classify_lines(text)
    assert flags[-4:] == [True, True, True, True]
    assert "Editor: Zhang Wei" not in sig.extra["article_text"]


def test_navigation_run_after_body_is_furniture_but_topics_and_dates_counted():
    text = ("2 min read\nFirst Published: 12 March 2024\n" + WIRE_STORY
            + "\nTopics : Harbour, Shipping\nRelated Stories\nLatest News\n"
              "Storm warning issued for coast\nSchool meals price to rise\nNew ferry enters service\n"
              "Read more\nLast Updated: 12 March 2024\n")
    sig = bp.extract(Article(text=text))
    assert sig.values["navigation_marker_count"] >= 6
    flags = bp.classify_lines(text)
    lines = text.splitlines()
    for line in ("Storm warning issued for coast", "School meals price to rise", "2 min read",
                 "Latest News", "Topics : Harbour, Shipping"):
        assert flags[lines.index(line)], line
    assert not flags[lines.index("Harbour authority approves dredging plan for northern channel")]


def test_cookie_newsletter_advertisement_lines():
    body = WIRE_STORY.split("\n", 2)[2].strip().split("\n\n")
    text = "\n".join([body[0], "Advertisement", body[1], body[2],
                      "Sign up for our morning newsletter", body[3], body[4],
                      "We use cookies to improve your experience. Accept all cookies"])
    flags = bp.classify_lines(text)
    lines = text.splitlines()
    assert [l for l, f in zip(lines, flags) if f] == [
        "Advertisement", "Sign up for our morning newsletter",
        "We use cookies to improve your experience. Accept all cookies"]


def test_user_comments_after_story_are_furniture():
    text = WIRE_STORY + (
        "\n12 Comments\n"
        "I have lived near the harbour for thirty years and the channel has always silted up in winter, "
        "so this is long overdue in my view.\n"
        "Posted by: seaview on March 12, 2024 10:14 AM\n"
        "The fishing groups are right to worry about the spawning grounds and nobody seems to listen to them.\n"
        "Posted by: riverwatch on March 12, 2024 11:02 AM\n")
    flags = bp.classify_lines(text)
    lines = text.splitlines()
    start = lines.index("12 Comments")
    assert all(flags[start:])
    assert not any(flags[:start])


def test_gate_never_changes_marker_results():
    samples = (WIRE_STORY + SUBSCRIPTION_BLOCK + HIGHLIGHTS_STORY).splitlines() + [
        "X", "Share", "16.8k SHARES", "(c) 2023 Foo", "© Bar", "Copyrighted material",
        "5 comments so far", "Jane (3/4/08 10:22)", "₹ 499", "Rs. 900 only", "2min read",
        "e-paper", "Autorenews yearly", "Reporting by A; Editing by B", "Top Stories",
        "Editor's Picks", "Don't miss", "Posted on 2/2/2024 at 10:22", "Comment No. 4"]
    for line in samples:
        line = line.strip()
        if line:
            assert bp._line_cues(line) == bp._line_cues_ungated(line), line


# ------------------------------------------------------------------ HTML path
def test_main_text_returns_article_not_nav_or_footer():
    mt = bp.main_text(ARTICLE_HTML)
    assert "central library will stay open until nine" in mt
    assert "Students' union officers welcomed the decision" in mt
    assert "two staff positions" in mt
    for furniture in ("Weather", "Contact us", "Bakery wins national award", "Privacy policy",
                      "do not extract me", "font-family"):
        assert furniture not in mt, furniture


@pytest.mark.parametrize("junk", ["", "   ", "<", "<html><<<>>", "\x00\x01\x02", "<p>", "no tags at all",
                                  "<html><body></body></html>", "<?xml version='1.0'?><a>", None, b"<p>bytes</p>"])
def test_main_text_junk_does_not_crash(junk):
    out = bp.main_text(junk)
    assert isinstance(out, str)
    sig = bp.extract(Article(text="", html=junk if isinstance(junk, str) else None))
    assert all(math.isfinite(v) for v in sig.values.values())


def test_extract_with_html_page_ratio():
    sig = bp.extract(Article(text="", html=ARTICLE_HTML))
    v = sig.values
    assert v["has_html"] == 1.0
    assert "central library" in sig.extra["main_text"]
    # visible text = article + nav + aside + footer; the article is most of it but not all
    assert 0.1 < v["page_boilerplate_ratio"] < 0.5
    assert v["boilerplate_ratio"] == max(v["text_boilerplate_ratio"], v["page_boilerplate_ratio"])
    no_html = bp.extract(Article(text=WIRE_STORY)).values
    assert no_html["has_html"] == 0.0 and no_html["page_boilerplate_ratio"] == 0.0
    assert no_html["boilerplate_ratio"] == no_html["text_boilerplate_ratio"]


# ------------------------------------------------------------------ speed
def test_text_path_is_fast():
    text = (WIRE_STORY * 4 + SUBSCRIPTION_BLOCK)[:5000]
    art = Article(text=text)
    bp.extract(art)
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        bp.extract(art)
    per_call_ms = (time.perf_counter() - t0) * 1000 / n
    assert per_call_ms < 1.0  # target well under 0.5 ms; loose bound for slow CI machines
