"""Boilerplate signal family: how much of what was sent is page furniture, not article.

"Furniture" is everything a web page wraps around a story: subscription and price
blocks, plan lists and their benefit bullets, share / follow prompts, "Read more",
"Related Stories", "More From This Section", "Next Story", "Latest News", "Topics :",
"First Published:", "Last Updated", "2 min read", editor / source footers, cookie
notices, newsletter sign-ups, copyright lines, "Advertisement", and runs of short
navigation-like lines (menus, lists of other headlines).  Copy-pasted or scraped text
that keeps this furniture is a (weak) sign of low-effort republishing.

Text path (``classify_lines``): every line of ``text.splitlines()`` gets a flag
(True = furniture) from line cues (marker regexes, length, sentence punctuation,
price / number density) and context: the article body is found as the
maximum-scoring contiguous run of lines (prose lines score +, short / marker lines -);
short lines inside it are kept (sub-heads), short lines outside it are furniture,
except a headline at the very top (or just before the body) and "- bullet"
highlight lines that sit next to the headline / body and carry no marker.
Blank lines get False and are ignored in every ratio.

User comments after the story are furniture too: once at least 300 characters of prose
have been seen, the first comment heading ("12 Comments", "Post a comment") followed by a
comment signature ("Posted by: X on <date> 10:14 AM", "Report abuse"), or the second
signature, opens a comment section; the body is sought only before it.

HTML path (``main_text``): trafilatura (``favor_precision=True, include_comments=False``),
chosen on the Scrapinghub benchmark over trafilatura's defaults and over resiliparse (faster,
less precise), which is only the fallback if trafilatura cannot be imported or raises; ''
on empty or junk input.

Features emitted by ``extract`` (all finite floats, order = ``FEATURES``):

* ``boilerplate_ratio`` -- the headline number.  Without HTML it equals
  ``text_boilerplate_ratio``.  With HTML it is
  ``max(text_boilerplate_ratio, page_boilerplate_ratio)``: the larger of the two
  furniture shares, so furniture is counted whether it came in the text or the page.
* ``text_boilerplate_ratio`` -- share of non-whitespace characters of the analysed text
  that lie on furniture lines (``classify_lines``); 0 for an empty text.  The analysed
  text is ``article.text``, or the page's visible text when ``text`` is empty and
  ``html`` is given.
* ``page_boilerplate_ratio`` -- with HTML: ``1 - min(1, C(main_text(html)) / C(visible
  text of the page))`` where ``C`` counts non-whitespace characters and the visible text
  is resiliparse's full-page plain text (no main-content filter, no alt texts, no form
  fields); 0 when ``html`` is absent or has no visible text.
* ``has_html`` -- 1 when a non-empty ``article.html`` was given, else 0 (tells the two
  cases above apart).
* ``boilerplate_line_share`` -- furniture lines / non-blank lines of the analysed text.
* ``subscription_marker_count`` -- non-blank lines matching a subscription / paywall /
  price / plan marker ("Subscribe", "$4.99/month", "3 Months", "SAVE 25%", "Renews
  automatically", "free trial", ...).
* ``share_prompt_count`` -- lines matching a share / follow prompt ("Share this",
  "Follow us on", "16.8k SHARES", "Tweet", "WhatsApp", ...).
* ``navigation_marker_count`` -- lines matching a navigation marker ("Read more",
  "Related", "More From This Section", "Next Story", "Latest News", "Topics :",
  "First Published:", "Last Updated", "2 min read", "You may also like", ...).
* ``footer_marker_count`` -- lines matching an editor / source / copyright / cookie /
  newsletter / advertisement footer ("Editor: X", "Source: X, Y", "(Web editor: ...)",
  "(c) 2024", "All rights reserved", "Advertisement", ...).

Evidence: the first furniture line found (``boilerplate_ratio``) and the first line
matching each marker family.  ``extra["article_text"]`` is the analysed text with
furniture lines removed; with HTML, ``extra["main_text"]`` is ``main_text(html)``.
Marker counts are taken over lines of at most ``_MARKER_MAX_CHARS`` characters (markers
inside long prose lines are not furniture).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import compress

from . import Article, Signals

FEATURES: tuple[str, ...] = (
    "boilerplate_ratio",
    "text_boilerplate_ratio",
    "page_boilerplate_ratio",
    "has_html",
    "boilerplate_line_share",
    "subscription_marker_count",
    "share_prompt_count",
    "navigation_marker_count",
    "footer_marker_count",
)

_MARKER_MAX_CHARS = 160
_SHORT_BASE = 10.0  # body-score penalty of a short line, times its position in a run of short lines
_RUN_CAP = 6
_EVIDENCE_CHARS = 120

# --- marker families ---------------------------------------------------------------
# Each family is a pair of regexes over the lower-cased line (bullet stripped, at most
# _MARKER_MAX_CHARS chars): ``start`` is tried with ``.match`` (anchored at the line start),
# ``any`` with ``.search``.  Split this way, and without IGNORECASE, they run ~10x faster.
def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_SUBSCRIPTION = (
    _rx(r"\d{1,2}\s+(?:months?|years?|weeks?|days?)$"),
    _rx(r"\b(?:subscri(?:be|ption|ber)s?\b|sign[ -]?(?:up|in)\b|log[ -]?in\b|register\b"
        r"|unlimited (?:digital )?access\b|digital (?:access|edition|subscription)\b"
        r"|free trial\b|cancel (?:at )?any ?time\b|renews? automatically\b|auto[- ]?renew"
        r"|billed (?:monthly|annually|yearly)\b|per (?:month|year|week|day)\b"
        r"|(?:rs\.?|inr|usd)\s?\d|save\s+\d{1,3}\s?%"
        r"|(?:monthly|annual|yearly|quarterly|premium|basic|digital|print) plan\b"
        r"|premium (?:content|articles?|stories|member)|ad[- ]free\b|e-?paper\b"
        r"|become a (?:member|subscriber|supporter)\b|support (?:our|independent) journalism\b"
        r"|already (?:a )?(?:subscriber|member)\b|paywall\b|best value\b|most popular plan\b)"
        r"|[$€£₹¥]\s?\d|\d\s?(?:[$€£₹¥]|rs\b|inr\b|usd\b|eur\b|% off\b)"),
)
_SHARE = (
    _rx(r"(?:share|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|email|print|x|"
        r"copy link|comments?|messenger|flipboard|instagram|youtube)$"),
    _rx(r"\b(?:share (?:this|on|via|the|article|story|post)\b|shares?\s*:?$"
        r"|follow (?:us|me|@|on)\b|like us on\b|join us on\b|tweet(?: this)?\b"
        r"|(?:email|print|save) this (?:article|story|page)\b|click to (?:share|tweet|print|email)\b"
        r"|copy link\b|share (?:with|to) (?:a )?friends?\b)|\d\s?[km]?\s+shares\b"),
)
_NAVIGATION = (
    _rx(r"(?:read|see|view|load|show) (?:more|also|all|full)\b|also read\b"
        r"|related(?: (?:stories|articles|news|posts|coverage|content|topics|links|videos?))?\s*:?$"
        r"|more (?:from|on|in|stories)\b|(?:next|previous|prev) (?:story|article|post|page)\b"
        r"|latest(?: news| stories| headlines)?\s*:?$"
        r"|(?:top|trending|popular|recommended|featured|editor'?s'? picks?|must read|don'?t miss)"
        r"(?: (?:stories|news|articles|now|videos?))?\s*:?$|most (?:read|popular|viewed|shared|emailed|commented)\b"
        r"|(?:topics?|tags?|keywords?|categories|category|filed under|section)\s*:"
        r"|first published\b|(?:last )?updated\s*(?:on|at|:)?|published\s*(?:on|at|:)"
        r"|posted\s*(?:on|at|:)|you (?:may|might) (?:also )?like\b"
        r"|(?:see also|also see|further reading|more stories|in other news|elsewhere)\b"
        r"|(?:back to top|skip to (?:main )?content|home|menu|search|sections?|close|next|previous|more)$"
        r"|(?:watch|listen|video|photos?|gallery)\s*:?$|continue reading\b"),
    _rx(r"\b(?:read more\b|more (?:from|in|on) (?:this|the) section\b|click here\b)"
        r"|\d\s*min(?:ute)?s? read\b"),
)
_FOOTER = (
    _rx(r"\(?\s*(?:web |copy |sub[- ]?)?editor(?:s|ed by)?\s*:|\(?\s*sources?\s*:"
        r"|\(?\s*(?:reporting|writing|editing|compiled|translated) by\b|\(?\s*with inputs? from\b"
        r"|(?:advertisement|advertising|ad|sponsored(?: content)?|(?:contact|about) us)$|story continues below\b"
        r"|\(?\s*(?:ap|afp|reuters|ians|pti|ani|xinhua|upi|dpa|efe)\s*\)?\s*$"),
    _rx(r"\b(?:all rights reserved\b|privacy (?:policy|notice)\b"
        r"|terms (?:of|and) (?:use|service|conditions)\b|cookies?\b|newsletter\b"
        r"|this (?:article|story|report) (?:was|has been|is) (?:originally )?"
        r"(?:published|posted|produced|updated|edited)\b|reproduction\b|redistribut)"
        r"|copyright|©|\(c\)\s*\d{4}"),
)
# comment-section signatures and headings (user comments are furniture)
_COMMENT_SIG = (
    _rx(r"(?:posted|written|submitted|comment(?:ed)?) by\b.{0,60}(?:\d{1,2}:\d{2}|\d{4}|\bago\b)"
        r"|posted (?:on|at)\b.{0,40}\d{1,2}:\d{2}|comment (?:no\.?|#)\s*\d+|#?\d{1,3}\.?\s*(?:posted|comment)"
        r"|reply$|(?:\d+\s+)?repl(?:y|ies)\b|.{1,60}\(\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}\)$"
        r"|\W*(?:recommend|like|dislike)\s*\(?\d*\)?\W*$"),
    _rx(r"\b(?:report (?:this comment|abuse)\b|report this\b|alert us\b|(?:says|said|wrote)\s*:\s*$"
        r"|permalink\b)"),
)
_COMMENT_HEAD = (
    _rx(r"\W*(?:\d+\s+)?(?:reader |user |your )?(?:comments?|responses?|replies|discussion|reactions?)"
        r"(?:\s*\(\d+\))?(?:\s+(?:on|to|for)\b.{0,80})?\W*$"
        r"|\W*(?:post|add|leave|write|make|submit) (?:a |your )?(?:comment|reply|response)\b"
        r"|\W*(?:comments|discussion) (?:are|is) closed\b|\W*\d+\s+comments?\b"
        r"|\W*(?:what do you think|have your say|join the (?:discussion|conversation))\b"),
    _rx(r"\bcomments? per page\b"),
)


def _hit(family, core: str) -> bool:
    return family[0].match(core) is not None or family[1].search(core) is not None


_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦–—✓✔]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CLOSERS = "\"'”’)]"
_SENT_END_CHARS = frozenset(".!?…")
_DIGIT = re.compile(r"\d")
_PIPE = re.compile(r"\s[|•·»›>/]\s")
_PIPE_CHAR = re.compile(r"[|•·»›>/]")  # cheap test first: most lines hold none of these
_NO_MARKERS = (False, False, False, False)


def _nonws_len(s: str) -> int:
    """Number of non-whitespace characters."""
    return len("".join(s.split()))


# Speed gate: each marker family's regex can only match a line that holds one of the family's
# trigger words (lower-cased ``_WORD`` tokens) or trigger characters, so lines without them
# skip that regex.  ``_line_cues_ungated`` is the reference without the gate; the eval script
# and the tests check that both agree.
def _words(spec: str) -> frozenset:
    return frozenset(spec.split())


_GATES = (
    (_SUBSCRIPTION, _words("""subscribe subscribes subscription subscriptions subscriber subscribers
        sign signin signup log login register unlimited digital free cancel renew renews auto autorenew
        autorenewal autorenews autorenewing billed per rs inr usd eur save off months month years year weeks week days day monthly
        annual yearly quarterly premium basic print plan ad paper epaper become support already paywall
        best most"""), frozenset("$€£₹¥%")),
    (_SHARE, _words("""share shares follow like join tweet facebook twitter whatsapp linkedin pinterest
        reddit telegram email print comments comment messenger flipboard instagram youtube save click copy x
        link"""), frozenset()),
    (_NAVIGATION, _words("""read see view load show also related more next previous prev latest top
        trending popular recommended featured editor editors must don picks pick most topics topic tags
        tag keywords keyword categories category filed section sections first updated last published
        posted min mins minute minutes you further in elsewhere back skip home menu search close watch
        listen video videos photo photos gallery click continue"""), frozenset()),
    (_FOOTER, _words("""editor editors edited subeditor subeditors web copy sub source sources reporting
        writing editing compiled translated with copyright copyrights copyrighted all privacy terms cookie cookies newsletter
        newsletters advertisement advertising ad sponsored story contact about this reproduction
        redistribution redistributed redistribute redistributing ap afp reuters ians pti ani xinhua
        upi dpa efe"""), frozenset("©(")),
    (_COMMENT_SIG, _words("""posted written submitted comment comments commented by report reply replies says
        said wrote recommend like dislike permalink alert"""), frozenset("(")),
    (_COMMENT_HEAD, _words("""comment comments response responses replies discussion reaction reactions
        reader user your post add leave write make submit are is per what have join"""), frozenset()),
)


# Second gate, tried only once a family's first gate is open: the trigger words above include
# common words ("said", "day", "in", "with", ...) that can only start a match next to other
# words or characters; each ``_maybe_*`` asks for those (a condition every match of the
# family's two regexes satisfies, so it never hides a match). ``low``: the line's lower-cased
# _WORD words; ``lowline``: the whole line lower-cased; ``first``: its first _WORD word, lower-
# cased (the start regexes are anchored at the line start, after any bullet, which holds no
# letters).
_SUBSCRIPTION_WORDS = _words("""subscribe subscribes subscription subscriptions subscriber subscribers sign
    signup signin log login register unlimited cancel billed plan premium paper epaper become journalism
    already paywall auto""")
_SUBSCRIPTION_WITH_DIGIT = _words("month months year years week weeks day days rs inr usd eur")
_SUBSCRIPTION_CHARS = re.compile("[$€£₹¥%]")


def _maybe_subscription(low: set, line: str, lowline: str, first: str) -> bool:
    return (not low.isdisjoint(_SUBSCRIPTION_WORDS) or _SUBSCRIPTION_CHARS.search(line) is not None
            or "autorenew" in lowline  # "auto-?renew" may run on into a longer word ("autorenewed")
            or (not low.isdisjoint(_SUBSCRIPTION_WITH_DIGIT) and _DIGIT.search(line) is not None)
            or ("digital" in low and not low.isdisjoint(("access", "edition", "subscription")))
            or ("free" in low and ("trial" in low or "ad" in low))
            or (("renew" in low or "renews" in low) and "automatically" in low)
            or ("per" in low and not low.isdisjoint(("month", "year", "week", "day")))
            or ("best" in low and "value" in low))


def _maybe_share(low: set, line: str, lowline: str, first: str) -> bool:
    return (len(low) <= 2  # the start regex: the whole line is one button ("Share", "Copy link", "X")
            or not low.isdisjoint(("share", "shares", "tweet"))
            or ("follow" in low and (not low.isdisjoint(("us", "me", "on")) or "@" in line))
            or ("us" in low and ("like" in low or "join" in low))
            or ("this" in low and not low.isdisjoint(("article", "story", "page")))
            or ("click" in low and "to" in low)
            or ("copy" in low and "link" in low))


_NAVIGATION_FIRST = _words("""read see view load show also related more next previous prev latest top
    trending popular recommended featured editor editors must don dont most topics topic tags tag keywords
    keyword categories category filed section sections first last you further in elsewhere back skip
    home menu search close watch listen video videos photo photos gallery continue""")
_MINUTES = _words("min mins minute minutes")


def _maybe_navigation(low: set, line: str, lowline: str, first: str) -> bool:
    return (first in _NAVIGATION_FIRST or first.startswith(("updated", "published", "posted"))
            or ("read" in low and ("more" in low or not low.isdisjoint(_MINUTES)))
            or ("more" in low and "section" in low)
            or ("click" in low and "here" in low))


_FOOTER_FIRST = _words("""web copy sub subeditor subeditors subeditored editor editors edited editored source
    sources reporting writing editing compiled translated with advertisement advertising ad sponsored contact
    about story ap afp reuters ians pti ani xinhua upi dpa efe""")
_FOOTER_WORDS = _words("privacy terms cookie cookies newsletter reproduction")


def _maybe_footer(low: set, line: str, lowline: str, first: str) -> bool:
    return (first in _FOOTER_FIRST or not low.isdisjoint(_FOOTER_WORDS) or "(" in line or "©" in line
            or ("all" in low and "rights" in low)
            or ("this" in low and not low.isdisjoint(("article", "story", "report")))
            or "copyright" in lowline or "redistribut" in lowline)


_SIGNATURE_WORDS = _words("""posted written submitted comment commented reply replies recommend like dislike
    report alert permalink""")


def _maybe_comment_signature(low: set, line: str, lowline: str, first: str) -> bool:
    return (not low.isdisjoint(_SIGNATURE_WORDS) or "(" in line or "posted" in lowline or "comment" in lowline
            or (":" in line and not low.isdisjoint(("says", "said", "wrote"))))


_HEADING_WORDS = _words("""comment comments response responses reply replies discussion reaction reactions
    conversation""")


def _maybe_comment_heading(low: set, line: str, lowline: str, first: str) -> bool:
    return (not low.isdisjoint(_HEADING_WORDS) or ("what" in low and "think" in low)
            or ("have" in low and "say" in low))


_MAYBE = (_maybe_subscription, _maybe_share, _maybe_navigation, _maybe_footer, _maybe_comment_signature,
          _maybe_comment_heading)
# _GATES as _line_cues walks them: (index, regexes, trigger words, trigger characters as one
# character-class regex or None, second gate).
_GATE_STEPS = tuple((k, rx, words, re.compile("[" + re.escape("".join(sorted(chars))) + "]") if chars else None,
                     _MAYBE[k]) for k, (rx, words, chars) in enumerate(_GATES))
# Every family's trigger words and characters together: _line_cues intersects a line's words
# with these once, and then tests each family on the few words found (not on all of them).
_ANY_TRIGGER_WORD = frozenset().union(*(words for _, words, _ in _GATES))
_ANY_TRIGGER_CHAR = re.compile("[" + re.escape("".join(sorted(set().union(*(chars for _, _, chars in _GATES))))) + "]")


def _line_cues(line: str):
    """(chars, words, ends, prose, markers, comment_signature, comment_heading) of one
    stripped, non-blank line; ``markers`` = (subscription, share, navigation, footer)."""
    n = len(line)
    hits = [False] * 6
    if n > _MARKER_MAX_CHARS:
        # long line: no marker counts; whitespace-separated word count is enough (and fast)
        words = len(line.split())
    else:
        toks = _WORD.findall(line)
        words = len(toks)
        low = set(map(str.lower, toks))
        if n == 1:
            low.add(line.lower())  # "X" (the share button)
        core = lowline = None
        first = ""
        refine = True
        triggers = low.intersection(_ANY_TRIGGER_WORD)
        any_char = _ANY_TRIGGER_CHAR.search(line) is not None
        steps = _GATE_STEPS if triggers or any_char else ()  # no trigger at all: no family can match
        for k, rx, trig_w, trig_c, maybe in steps:
            if triggers.isdisjoint(trig_w) and (not any_char or trig_c is None or trig_c.search(line) is None):
                continue
            if lowline is None:
                lowline = line.lower()
                first = toks[0].lower() if toks else ""
                # "İ" is the one letter whose lower case is not all letters ("i" + a combining
                # dot), so it can end a word in ``core`` where ``low`` sees none: no second gate.
                refine = "\u0130" not in line
            if refine and not maybe(low, line, lowline, first):
                continue
            if core is None:
                core = _BULLET.sub("", line).lower()
            hits[k] = _hit(rx, core)
    ends = line.rstrip(_CLOSERS)[-1:] in _SENT_END_CHARS
    prose = (words >= 10 and ends) or words >= 20
    return n, words, ends, prose, (hits[0], hits[1], hits[2], hits[3]), hits[4], hits[5]


def _line_cues_ungated(line: str):
    """Reference version of ``_line_cues`` without the speed gate (used by tests)."""
    n = len(line)
    words = len(line.split()) if n > _MARKER_MAX_CHARS else len(_WORD.findall(line))
    markers = _NO_MARKERS
    csig = chead = False
    if n <= _MARKER_MAX_CHARS:
        core = _BULLET.sub("", line).lower()
        markers = tuple(_hit(rx, core) for rx in (_SUBSCRIPTION, _SHARE, _NAVIGATION, _FOOTER))
        csig = _hit(_COMMENT_SIG, core)
        chead = _hit(_COMMENT_HEAD, core)
    ends = line.rstrip(_CLOSERS)[-1:] in _SENT_END_CHARS
    prose = (words >= 10 and ends) or words >= 20
    return n, words, ends, prose, markers, csig, chead


def _score(n: int, words: int, ends: bool, prose: bool, marked: bool, pipes: int, run: int) -> float:
    """Body score of one line; ``run`` = its 1-based position in a run of non-prose lines."""
    if prose and not marked:
        return float(n) - 30.0 * pipes
    w = min(run, _RUN_CAP)
    if marked:
        return -40.0 * w
    if words >= 6 and ends:
        return n * 0.5
    return -(_SHORT_BASE + 0.1 * n) * w


def _kadane(scores: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    best = -math.inf
    best_a = best_b = lo
    run = 0.0
    a = lo
    for j in range(lo, hi):
        s = scores[j]
        if run <= 0:
            run = s
            a = j
        else:
            run += s
        if run > best:
            best, best_a, best_b = run, a, j
    return best, best_a, best_b


def classify_lines(text: str) -> list[bool]:
    """One flag per line of ``text.splitlines()``: True = furniture, False = article or blank."""
    return list(_analysed(text)[1])


@lru_cache(maxsize=8)
def _analysed(text: str):
    """``_analyse(text)``, kept for the last few texts (callers must not modify the result):
    features.analyse asks again for the furniture lines of the text ``extract`` just read."""
    return _analyse(text)


def _analyse(text: str):
    """(lines, flags, idx, cues): ``cues[j]`` describes non-blank line ``lines[idx[j]]``."""
    lines = text.splitlines()
    flags = [False] * len(lines)
    idx: list[int] = []
    cues = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if line:
            idx.append(i)
            cues.append((line,) + _line_cues(line))
    m = len(idx)
    if m == 0:
        return lines, flags, idx, cues

    # 1. per-line scores; comment section start (user comments are furniture)
    scores = []
    marked_l = []
    zone = m
    prose_chars = 0
    sigs = 0
    first_head = -1
    run = 0
    for j, (line, n, words, ends, prose, markers, csig, chead) in enumerate(cues):
        marked = any(markers) or csig or chead
        marked_l.append(marked)
        pipes = (len(_PIPE.findall(line)) if prose and not marked and n < 600 and _PIPE_CHAR.search(line) is not None
                 else 0)  # only counted for unmarked prose (see _score)
        run = 0 if (prose and not marked) else run + 1
        scores.append(_score(n, words, ends, prose, marked, pipes, run))
        if prose and not marked:
            prose_chars += n
        if prose_chars >= 300 and zone == m:
            if chead and first_head < 0:
                first_head = j
            if csig:
                sigs += 1
                if sigs >= 2 or first_head >= 0:
                    zone = first_head if 0 <= first_head < j else j
    best, best_a, best_b = _kadane(scores, 0, zone)
    if best <= 0 and zone < m:
        zone = m
        best, best_a, best_b = _kadane(scores, 0, m)
    if best <= 0:
        # no prose at all: marker lines are furniture, the rest is kept
        for j in range(m):
            flags[idx[j]] = marked_l[j]
        return lines, flags, idx, cues

    # 2. inside the body keep everything but marker lines; outside, everything is furniture
    #    except the headline / dek / highlight bullets just before the body (or at the top)
    for j in range(m):
        flags[idx[j]] = marked_l[j] if best_a <= j <= best_b else True
    j = best_a - 1
    kept = 0
    while j >= 0 and kept < 4:
        line, n, words, ends, prose, markers, csig, chead = cues[j]
        if marked_l[j] or words < 2:
            break
        if kept >= 2 and _BULLET.match(line) is None:
            break
        flags[idx[j]] = False
        kept += 1
        j -= 1
    if best_a > 0 and flags[idx[0]]:
        line, n, words, ends, prose, markers, csig, chead = cues[0]
        if not marked_l[0] and 2 <= words <= 25 and not ends:
            flags[idx[0]] = False
    return lines, flags, idx, cues


def _ratio(text: str, lines: list[str], flags: list[bool], n_nonblank: int) -> tuple[float, float, str]:
    """(furniture share of the non-whitespace characters, furniture share of the non-blank
    lines, first furniture line) of ``text``, whose lines are ``lines`` (``text.splitlines()``,
    ``n_nonblank`` of them not blank) flagged by ``flags`` (a blank line is never flagged)."""
    if not any(flags):  # nothing flagged: both ratios are 0 (or 0 for want of text)
        return 0.0, 0.0, ""
    # Every line break of splitlines() is whitespace to str.split(), so the text's non-whitespace
    # characters are exactly its lines': one count over the text, not one per line.
    tot = _nonws_len(text)
    furniture = list(compress(lines, flags))
    bp = sum(map(_nonws_len, furniture))
    return bp / tot, len(furniture) / n_nonblank, furniture[0].strip()


# --------------------------------------------------------------------------- HTML path
def _trafilatura_extract(html: str) -> str | None:
    try:
        import trafilatura  # imported lazily: heavy, and only the HTML path needs it
    except Exception:  # pragma: no cover - missing optional dependency
        return None
    try:
        return trafilatura.extract(
            html, favor_precision=True, include_comments=False, include_tables=True,
            deduplicate=False, with_metadata=False,
        ) or ""
    except Exception:
        return None


def _resiliparse_text(html: str, main_content: bool) -> str:
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except Exception:  # pragma: no cover
        return ""
    try:
        tree = HTMLTree.parse(html)
        return extract_plain_text(
            tree, main_content=main_content, alt_texts=False, links=True,
            form_fields=False, noscript=False, list_bullets=False,
        ) or ""
    except Exception:
        return ""


def main_text(html: str) -> str:
    """Main article text of an HTML page ('' for empty or junk input, never raises)."""
    if not isinstance(html, str) or not html.strip():
        return ""
    return _main_text_cached(html)


# A page sent without text is extracted once for the article text and again here for the page
# ratio; trafilatura costs ~14 ms a page, so the last few results are kept.
@lru_cache(maxsize=8)
def _main_text_cached(html: str) -> str:
    out = _trafilatura_extract(html)
    if out is None:
        out = _resiliparse_text(html, main_content=True)
    return out.strip()


def visible_text(html: str) -> str:
    """All visible text of an HTML page (resiliparse full-page plain text), '' on junk."""
    if not isinstance(html, str) or not html.strip():
        return ""
    return _resiliparse_text(html, main_content=False)


# --------------------------------------------------------------------------- entry point
def _finite(x: float) -> float:
    x = float(x)
    return x if math.isfinite(x) else 0.0


def extract(article: Article) -> Signals:
    text = article.text or ""
    html = article.html or ""
    has_html = bool(html.strip())
    extra: dict = {}
    page_ratio = 0.0
    vis = ""
    if has_html:
        mt = main_text(html)
        extra["main_text"] = mt
        vis = visible_text(html)
        cv = _nonws_len(vis)
        if cv:
            page_ratio = 1.0 - min(1.0, _nonws_len(mt) / cv)
    analysed = text if text.strip() else vis
    lines, flags, idx, cues = _analysed(analysed)
    text_ratio, line_share, first = _ratio(analysed, lines, flags, len(idx))
    counts = [0, 0, 0, 0]
    firsts = ["", "", "", ""]
    for cue in cues:
        markers = cue[5]
        if not any(markers):
            continue
        for k in range(4):
            if markers[k]:
                counts[k] += 1
                if not firsts[k]:
                    firsts[k] = cue[0]
    ratio = max(text_ratio, page_ratio) if has_html else text_ratio
    values = {
        "boilerplate_ratio": _finite(ratio),
        "text_boilerplate_ratio": _finite(text_ratio),
        "page_boilerplate_ratio": _finite(page_ratio),
        "has_html": 1.0 if has_html else 0.0,
        "boilerplate_line_share": _finite(line_share),
        "subscription_marker_count": float(counts[0]),
        "share_prompt_count": float(counts[1]),
        "navigation_marker_count": float(counts[2]),
        "footer_marker_count": float(counts[3]),
    }
    evidence = {}
    if first:
        evidence["boilerplate_ratio"] = first[:_EVIDENCE_CHARS]
    for k, name in enumerate(("subscription_marker_count", "share_prompt_count",
                              "navigation_marker_count", "footer_marker_count")):
        if firsts[k]:
            evidence[name] = firsts[k][:_EVIDENCE_CHARS]
    extra["article_text"] = "\n".join(l for l, f in zip(lines, flags) if not f).strip()
    return Signals(values=values, evidence=evidence, extra=extra)
