"""Signal families: each module turns one article into named numbers plus evidence.

Contract shared by every family (``provenance``, ``quotes``, ``boilerplate``, ``style``, ``stylometry``):

* one entry function ``extract(article: Article) -> Signals``;
* ``Signals.values`` maps feature name -> float, always the same names in the same
  order for every article (the module's ``FEATURES`` tuple), never NaN or inf;
* ``Signals.evidence`` maps some of those names -> a short snippet of the text that
  explains the value (used for the "reasons" a score comes with);
* modules are pure: no I/O, no global state that changes between calls.

Every family reads text whose layout ``plain_encoding``, ``plain_entities``, ``plain_apostrophes``,
``plain_markup``, ``plain_spacing``, ``unwrapped`` and ``plain_single_quotations`` have made plain
(service/features.py does it once, as an article comes in, for training and scoring alike).

Helpers shared by the families (``lowered``, ``lower_words``, ``lower_word_counts``): pure
functions of the text, memoised for the last few texts, so one article's text is lower-cased
and split into words once however many families look at it. Callers must not modify what
they return.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Article:
    """What a caller sends: the article text, and optionally its title, URL and raw HTML page.

    ``page_sent_as_text``: the caller sent the page in the text field and ``service.scorer.validate``
    read it as the html (the caveats say so)."""

    text: str
    title: str | None = None
    url: str | None = None
    html: str | None = None
    page_sent_as_text: bool = False


@dataclass
class Signals:
    values: dict[str, float]
    evidence: dict[str, str] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # structured results (e.g. provenance class) for the API


# Runs of spaces, tabs, no-break and other Unicode spaces, carriage returns: how a page was
# typed, exported or scraped, not what it says. The families' phrase markers are written with
# single spaces ("Here is the important point", "(AP) --", "only the headline"), so such a run
# hid them: "Here  is" doubled every space in our content-farm fixture and its eight AI-style
# markers were lost (score 0.08 -> 0.47). In the corpus 867 texts from 9 collections carry runs
# of spaces and 364 from 4 no-break spaces, a mark of each dataset's scraping (like typography).
# Line breaks as str.splitlines sees them (the furniture lines are its lines), each made "\n".
_ODD_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # besides "\r" and "\n"
_LINE_BREAK = re.compile(f"\r\n|[\r{_ODD_LINE_BREAKS}]")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_SPACE_AT_LINE_EDGE = re.compile(r" ?\n ?")
# What plain_spacing would change. Absent from most texts, and str's "in" settles that ~20x
# faster than one regex search (0.17 ms on 5 KB).
_ODD_ASCII_SPACING = ("  ", " \n", "\n ", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
# Every character above ASCII that str.isspace() and the regex \s call white space (a test
# checks the list against all of Unicode; computing it at import would take ~0.1 s per process).
_NON_ASCII_SPACES = tuple("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                          "\u2028\u2029\u202f\u205f\u3000")


# Mojibake: UTF-8 text decoded as Windows-1252 or Latin-1 somewhere between the page and us
# ("â€œ" for "“", "Ã©" for "é"). Like the references below it hid quotation marks: 880 corpus
# articles so damaged changed band 1.7% of the time and half of them moved some signal; undone,
# 99.5% keep every signal and none changes band (training/eval_layout.py). The corpus has 25 such texts (L2R 12, PolNeAR 10, SemEval 2,
# LLMFake 1). ftfy (a well-kept library for exactly this) undoes it, and leaves alone text it
# does not judge to be mojibake. Its checks take about 2 ms on a 5 KB text, so they run only on
# a text with a mark of mojibake: the lead byte of a Latin-1 letter or sign, of punctuation and
# symbols, or of an emoji (C2, C3, E2, F0) read as Windows-1252, then a continuation byte (80-BF)
# read so ("â€", "Ã©", "ðŸ"), or "Â " (a no-break space so read, then made a space); "château"
# and "SÃO" have none.
_MOJIBAKE_MARK = re.compile("[ÂÃâð][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|Â ")
# A mark starts with one of these; str's "in" rules most texts out ~50x faster than the search
# (0.0014 against 0.07 ms on a 5 KB text with curly quotes or dashes).
_MOJIBAKE_LEADS = ("Â", "Ã", "â", "ð")


def plain_encoding(text: str) -> str:
    """``text`` with mojibake (UTF-8 read as Windows-1252 or Latin-1) undone by ``ftfy.fix_encoding``.

    Where ftfy leaves a mark of mojibake in a text with no-break or other Unicode spaces, it is
    tried again on the text with its spacing made plain (``plain_spacing``)."""
    if text.isascii() or not any(lead in text for lead in _MOJIBAKE_LEADS) or not _MOJIBAKE_MARK.search(text):
        return text
    import ftfy  # here, not at the top: importing it takes 0.16 s and most processes never need it

    fixed = ftfy.fix_encoding(text)
    # ftfy declines "a\u00a0\u00c2\u00a35" (UTF-8 "\u00a35" read as Windows-1252, beside a no-break
    # space: "\u00a0\u00c2" is itself a mojibake-like pair), and fixes "a \u00c2\u00a35". Every
    # family reads the spacing made plain anyway (features._plain), so nothing is lost by it.
    if any(space in fixed for space in _NON_ASCII_SPACES) and _MOJIBAKE_MARK.search(fixed):
        fixed = ftfy.fix_encoding(plain_spacing(fixed))
    return fixed


# HTML character references left in scraped text ("&quot;", "&#8220;", "&amp;", "&nbsp;"): how a
# page was scraped, not what it says. Left in, they hide every quotation mark ("&quot;",
# "&#8220;"), so no quotation is found: 880 corpus articles escaped as a careless scraper does
# changed band 4.8% of the time, by 0.020 in score on average, and all but 7% moved some signal
# (training/eval_layout.py, with this fold switched off). The corpus has them too, from its own
# scrapes: "&amp;" in 831 of 4,498 Reuters C50 texts (89% of that collection's semicolons were
# theirs), "&amp;" / "&lt;" in 82 SemEval texts, "&#233;" and the like in 21 BBC texts, "&nbsp;"
# in 2 Golbeck texts. Only references with their semicolon are read: html.unescape alone also
# reads legacy names without one ("&not sure" would become "¬ sure").
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def plain_entities(text: str) -> str:
    """``text`` with its HTML character references ("&amp;", "&#8220;", "&quot;" ...) read as
    the characters they stand for; twice, for text escaped twice ("&amp;quot;"). A reference
    HTML does not define stays as written."""
    for _ in range(2):
        if "&" not in text or ";" not in text:
            break
        unescaped = _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
        if unescaped == text:
            break
        text = unescaped
    return text


# Quotations set in single quotation marks: British and Irish house style, tabloids above all
# (‘We will not back down,’ said Ms Smith; the plan is ‘a disgrace’). Every family reads double
# marks, so such a text had no quotations at all, where the same article typed the American way
# had all of them. A pair is taken only where it cannot be apostrophes: the opening mark follows
# no word character and comes before a letter or digit; inside, a single mark only within a word
# ("I'm") or after a digit ("Radio 1's", "the 1990's"). Then either the closing mark comes right
# after the quotation's own . , ? ! or … (a plural possessive may come before it: ‘The players'
# union will fight,’ he said), or the pair is a quoted phrase: at least 2 and at most
# FRAGMENT_MAX_CHARS characters, no sentence end inside, the closing mark after a letter or digit
# and before a space, punctuation or the line's end. Either way the closing mark comes before no
# word character. "rock 'n' roll", "the '90s", "the boys' club"
# pair nothing; "'Tis the players' union" would pair wrongly, which we accept. Only where single
# marks are the text's own style (American copy sets quotations in headlines and subheads in them:
# plain_single_quotations), and only on a line with no double quotation mark (there single marks
# are quotations inside a quotation).
# In the training corpus this sets 570 pairs in double marks (232 quotations, 338 phrases: scare
# quotes, show and song titles) in 159 of 9,191 texts, 74 of them in the Perez-Rosas collection; a
# random 50 of those pairs read by hand were all quotations or quoted phrases. On PolNeAR (American
# copy) quote attribution is the same to 6 decimals on dev; train gains 4 quotations in interview
# transcripts that its annotators did not mark.
FRAGMENT_MAX_CHARS = 120  # a scare-quoted phrase or title; longer pairs without an end are not taken
_OPENING = "(?<![\\w'\"\u201c\u201d])'(?=[^\\W_])"
_INSIDE = "[^\n'\"\u201c\u201d]|(?<=[A-Za-z0-9])'(?=[A-Za-z])"
# words that begin with an apostrophe ('em, 'til, 'cause): no quoted phrase starts with one
_ELISIONS = "(?i:em|til|tis|twas|cause|cos|bout|round|n|ello|im|er|ere)\\b"


def _single_quotation_pattern(after_end: str = "") -> re.Pattern:
    """The pattern of a pair of single marks around a quotation or quoted phrase (above);
    ``after_end`` may stand between a quotation's closing punctuation and its closing mark."""
    return re.compile(
        _OPENING + "(?:(?:" + _INSIDE + "|(?<=s)'(?= ))*?[.,?!\u2026]" + after_end +
        "|(?=[^\\W\\d_])(?!" + _ELISIONS + ")(?=[^.?!\u2026\n'\"\u201c\u201d]{2})"
        "(?:(?![.?!\u2026])(?:" + _INSIDE + ")){2," + str(FRAGMENT_MAX_CHARS) + "}?"
        "(?<=[^\\W_])(?=['](?:[\\s.,;:?!)\u2014\u2013-]|$)))'(?![\\w'])")


_SINGLE_QUOTATION = _single_quotation_pattern()

# British copy nests the other way round: a quotation inside a quotation takes double marks
# (‘They told me "it cannot be done", and I did not believe them,’ she said). Left as it was,
# such a line kept its single marks, because it has double ones, and the whole quotation was lost
# (a whole paragraph's, when the paragraph is one line). On a line where every double mark lies
# inside a pair of single marks, an even number to a pair, the pairs are the quotations: each
# double mark stands in as _NESTED_STAND_IN while the pairs are sought (so a pair may hold one, and
# one may come between a quotation's closing punctuation and its mark: ."’), and is then set
# as a single mark, as American copy types the quotation inside. A line with a double mark
# outside every pair (American nesting, or both styles) keeps all its marks as before. In the
# training corpus 7 lines in 5 texts nest so (18 pairs): 11 quotations are found that were lost,
# and 2 that were cut at the inner quotation are whole; 3 of the 11 got a wrong speaker (a spell's
# imperatives, "Anoint the candle ... saying:", and a citation, "See also David Holland, "), 1
# since an imperative opening a sentence is no speaker (quotes: opens_with_verb) and, with no
# reporting verb, nor is a sentence's first word that the text capitalises nowhere else
# (capital_only_by_position); the rest are right or have none. PolNeAR dev and train are
# unchanged to 6 decimals.
_NESTED_STAND_IN = "\x00"
_SINGLE_AROUND_DOUBLE = _single_quotation_pattern(_NESTED_STAND_IN + "?")

# A quotation over several paragraphs opens each one with a mark and closes only in the last
# (‘We have waited long enough. ¶ ‘Now we act,’ she said.): a paragraph that opens with a mark and
# has no other single mark outside a word (none that could close it) opens a quotation that goes
# on, when the next paragraph opens with a mark too; quotes.py then reads the paragraphs as one
# quotation, as it does with double marks. 16 paragraphs in 6 training corpus texts open so.
_PARAGRAPH_OPENS = re.compile(r"[^\S\n]*'(?=[^\W_])(?!" + _ELISIONS + ")")
_PARAGRAPH_OPENED = re.compile(_PARAGRAPH_OPENS.pattern + r"(?:[^'\n]|(?<=[A-Za-z0-9])'(?=[A-Za-z]))*$")

# double quotation marks, the doubled single marks of some wire and newspaper copy ('' and ``) among them
_DOUBLE_MARKS = re.compile("[\"\u201c\u201d]|''|``")


def _has_opening_mark(text: str) -> bool:
    """Whether ``text`` has a mark _OPENING matches (the regex's \\w is str.isalnum or "_"). Nine
    texts in ten have apostrophes only inside words, and this rules them out in 0.004 ms against
    0.07 for a search with the regex (corpus texts, mean)."""
    i = text.find("'")
    while i >= 0:
        if text[i + 1:i + 2].isalnum() and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_'\"\u201c\u201d")):
            return True
        i = text.find("'", i + 1)
    return False


def _nested_british(line: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The pairs of single marks on a line that has double marks, (opening, closing) offsets, and
    the offsets of the double marks inside them, when every double mark lies inside a pair, an
    even number to a pair (British nesting: _SINGLE_AROUND_DOUBLE); else nothing."""
    if "''" in line or "``" in line:  # doubled single marks: American wire copy
        return [], []
    masked = line.replace('"', _NESTED_STAND_IN).replace("\u201c", _NESTED_STAND_IN).replace("\u201d", _NESTED_STAND_IN)
    pairs = [(m.start(), m.end() - 1) for m in _SINGLE_AROUND_DOUBLE.finditer(masked)]
    if not pairs:
        return [], []
    doubles = [m.start() for m in _DOUBLE_MARKS.finditer(line)]  # (no '' or `` on this line)
    inside = iter(pairs)
    pair = next(inside, None)
    held = dict.fromkeys(pairs, 0)
    for i in doubles:
        while pair is not None and pair[1] < i:
            pair = next(inside, None)
        if pair is None or i < pair[0]:
            return [], []
        held[pair] += 1
    if any(count % 2 for count in held.values()):
        return [], []
    return pairs, doubles


def plain_single_quotations(text: str) -> str:
    """``text`` (with straight apostrophes: ``plain_apostrophes``) with each quotation or quoted
    phrase set in single quotation marks ('...') set in curly double ones (\u201c...\u201d), character
    for character (see _SINGLE_QUOTATION for which pairs count), when single marks are the text's
    own style: it has at least as many such pairs as pairs of double marks. An American text keeps
    its single marks, which there mark quotations in headlines and subheads (PolNeAR does not count
    those as quotations: a headline repeats one from the body) and quotations inside quotations.
    A quotation that runs over paragraphs (_PARAGRAPH_OPENED) gets its opening marks so too.
    Apostrophes stay as they are, and so do single marks on a line with double ones, unless the
    line nests British style (_SINGLE_AROUND_DOUBLE): then its double marks become single ones."""
    if not _has_opening_mark(text):
        return text
    found, continued, nested, offset = [], [], [], 0
    waiting = None  # the opening mark of a quotation that ran past the last line with text
    for line in text.split("\n"):  # a pair never crosses a line
        if waiting is not None and line.strip():
            if _PARAGRAPH_OPENS.match(line) and not _DOUBLE_MARKS.search(line):  # it goes on here
                continued.append(waiting)
            waiting = None
        if "'" in line and not _DOUBLE_MARKS.search(line):
            found.extend((offset + m.start(), offset + m.end() - 1) for m in _SINGLE_QUOTATION.finditer(line))
            if _PARAGRAPH_OPENED.match(line):  # (no mark on it can close, so it is in no pair)
                waiting = offset + len(line) - len(line.lstrip())
        elif "'" in line and _has_opening_mark(line):  # (most such lines: American, "don't")
            pairs, inner = _nested_british(line)
            found.extend((offset + opening, offset + closing) for opening, closing in pairs)
            nested.extend(offset + i for i in inner)
        offset += len(line) + 1
    if not found or 2 * len(found) < len(_DOUBLE_MARKS.findall(text)) - len(nested):
        return text
    out = list(text)
    for opening, closing in found:
        out[opening], out[closing] = "\u201c", "\u201d"
    for mark in nested:
        out[mark] = "'"
    for opening in continued:
        out[opening] = "\u201c"
    return "".join(out)


def plain_apostrophes(text: str) -> str:
    """``text`` with curly single quotes and apostrophes (\u2018, \u2019) made straight.

    Which of them a page has says which software typed it. The families' word patterns are
    mostly written for the straight one ("[A-Za-z']+"), so "don\u2019t" was two words where
    "don't" is one. Curly *double* quotes stay: their direction tells an opening quotation mark
    from a closing one, which quotes.py uses, and every family already reads both kinds."""
    if "\u2019" in text or "\u2018" in text:
        return text.replace("\u2019", "'").replace("\u2018", "'")
    return text


def plain_spacing(text: str) -> str:
    """``text`` with every line break made ``"\\n"`` (CRLF, CR and the other breaks
    ``str.splitlines`` knows), every run of other white space (spaces, tabs, no-break and other
    Unicode spaces) made one plain space, and no space at either end of a line. The lines stay
    as they were: they delimit paragraphs and the page's furniture."""
    if not (any(odd in text for odd in _ODD_ASCII_SPACING)
            or (not text.isascii() and any(space in text for space in _NON_ASCII_SPACES))):
        return text
    text = _LINE_BREAK.sub("\n", text)
    return _SPACE_AT_LINE_EDGE.sub("\n", _HORIZONTAL_SPACE.sub(" ", text))


# Markdown markup: chat assistants write it, and pages exported as Markdown (trafilatura's
# Markdown output, note-taking apps) carry it. Like spacing it says how a text was typed, not
# what it says, and the training corpus has almost none (l2r's machine rewrites had theirs
# stripped when the corpus was built, so the model never learned it as a mark of machine text).
# Left in, it hid signals and moved scores: "**WASHINGTON (AP) --**" lost its dateline,
# "**Here is** the important point" its AI-style marker (the content-farm fixture, the first
# words of its paragraphs in bold, kept 3 of its 8),
# "[said](https://...)" its quotation's attribution, and the character view read brackets and
# asterisks it had never seen (our state-media fixture with three linked words: 0.76 -> 0.48).
# Only markup that Markdown itself would render away goes: emphasis on one line ("**x**",
# "__x__", "*x*", "_x_"), links (their text stays), images (gone, as an HTML extractor drops
# them), "#" heading marks.
# Bullets ("- ", "* ") stay: plain-text lists use them too, and they moved no signal.
# Every pattern scans in time linear in the text: what a mark's span may contain stops at the
# next opening mark, so a mark that never closes costs one scan to the next one, not one to the
# end of the line (before, a 40 KB line of "**a " took 5 s and 1 MB would have taken hours: a
# denial of service). bench/hardening.py's extreme texts hold such lines.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_MD_HEADING = re.compile(r"^#{1,6}[^\S\n]+([^\n]*)", re.MULTILINE)
# A mark opens only before a word or a quotation mark and closes only after something other
# than a space, and neither touches a word outside: so censored words ("f***ing", "d***k"),
# snake_case and "\\_(ツ)_/" stay as they are (the corpus has all three).
_MD_STRONG = re.compile(r"(?<![\w*])\*\*\*(?=[\w\"'\u201c])((?:[^*\n]|\*(?!\*\*))*?[^\s*])\*\*\*(?![\w*])"
                        r"|(?<![\w*])\*\*(?=[\w\"'\u201c])((?:[^*\n]|\*(?!\*))*?[^\s*])\*\*(?![\w*])"
                        r"|(?<![\w_])__(?=[\w\"'\u201c])((?:[^_\n]|_(?!_))*?[^\s_])__(?![\w_])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[\w\"'\u201c])([^*\n]*?[^\s*])\*(?![\w*])"
                          r"|(?<![\w_])_(?=[\w\"'\u201c])([^_\n]*?[^\s_])_(?![\w_])")


def _marked_text(match: re.Match) -> str:
    return next(group for group in match.groups() if group is not None)


def _heading_text(match: re.Match) -> str:
    """A heading line's text without its optional closing "#"s ("## Title ##" -> "Title")."""
    text = match.group(1).rstrip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1].isspace()) else text


def plain_markup(text: str) -> str:
    """``text`` with its Markdown markup rendered away: emphasis marks, link targets (the link
    text stays), images and heading marks. Lines stay lines; a text without "*", "_", "](" or
    "#" is returned as it is."""
    if "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    if "#" in text:
        text = _MD_HEADING.sub(_heading_text, text)
    if "*" in text or "_" in text:
        text = _MD_EMPHASIS.sub(_marked_text, _MD_STRONG.sub(_marked_text, text))
    return text


# The same folds character for character, for readers that return offsets into the text they
# were given (quotes.find_quotes): line breaks other than "\n" become "\n" (CRLF " \n"),
# other spaces " ", curly apostrophes "'"; runs are left as they are.
_SAME_LENGTH = {**{c: "\n" for c in _ODD_LINE_BREAKS},
                **{c: " " for c in "\t\x1f" + "".join(_NON_ASCII_SPACES) if c not in _ODD_LINE_BREAKS},
                "\u2018": "'", "\u2019": "'"}
_SAME_LENGTH_ASCII = tuple((c, r) for c, r in _SAME_LENGTH.items() if c.isascii())
_SAME_LENGTH_OTHER = tuple((c, r) for c, r in _SAME_LENGTH.items() if not c.isascii())


# A handful of texts is enough: the families of one article run one after another.
_MEMO = 8


# Memoised: quotes.extract folds the article's text and find_quotes folds what it is handed again
# (it is public, and raw text may reach it); with plain_single_quotations the second fold cost
# about 0.02 ms a corpus text (quotes.extract 0.73 -> 0.71 ms). It is handed the same string back.
@lru_cache(maxsize=_MEMO)
def plain_layout_same_length(text: str) -> str:
    """``plain_apostrophes``, ``plain_spacing`` and ``plain_single_quotations`` without changing any
    character's position: every line break becomes ``"\\n"`` and every other white space one ``" "``
    (runs stay runs), curly apostrophes become straight, single-quoted quotations double-quoted.
    Offsets into the result are offsets into ``text``."""
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    # One str.replace per character present: several times faster than str.translate on
    # non-ASCII text, and most texts have one or two of them (a curly apostrophe, a no-break space).
    for odd, plain in _SAME_LENGTH_ASCII if text.isascii() else _SAME_LENGTH_ASCII + _SAME_LENGTH_OTHER:
        if odd in text:
            text = text.replace(odd, plain)
    return plain_single_quotations(text)


# Hard-wrapped text (plain-text e-mail and newsletters, old wire feeds, text taken from PDFs)
# breaks every paragraph into lines of at most a fixed width. Left so, a quotation or sentence
# crosses lines and the furniture rules see dozens of short lines: our wire-story fixture,
# wrapped at 72 columns, lost both its quotations and read as 60 % furniture.
# Widths in use are 60-80 columns (e-mail 72-78, Usenet 80, 1980s wire copy about 65); no
# wrapped text has lines longer than this, while nearly every unwrapped news text has some
# (all but 102 of the 9,191 corpus texts, 90 of those Reuters-21578 results tables and briefs):
WRAP_MAX_WIDTH = 120
# ... and none is narrower than 60; tables of short lines are (in the corpus, earnings briefs
# "Shr 59 cents versus 48 cents" / "Net 3,244,000 versus 2,584,000" are 35-47 wide).
WRAP_MIN_WIDTH = 55
# Fewer lines than this cannot tell a wrapped paragraph from a short list.
WRAP_MIN_LINES = 4
# A line broken by wrapping stops short of the width by less than the next word's length, so
# by less than this many characters (English words are rarely longer than 14 letters) ...
WRAP_SLACK = 15
# ... and in wrapped text most lines that a non-blank line follows are such lines; a list of
# headlines or one-sentence paragraphs has lengths spread far wider. 0.6 leaves room for the
# short last line of each paragraph when paragraphs are only a few lines long.
WRAP_SHARE = 0.6
# A wrapped sentence goes on in lower case on the next line more often than not (only names and
# "I" are capitalised inside a sentence); headlines or list items of similar length each start
# with a capital. Measured 2026-12-06 on 880 corpus texts wrapped at 60, 72 and 80 columns with
# blank lines between paragraphs: 94-95% came back exactly without this check, 96-97% with it.
WRAP_LOWER_SHARE = 0.5


def unwrapped(text: str) -> str:
    """``text`` (with plain spacing) with hard-wrapped paragraphs joined back into one line each,
    if it is hard-wrapped (see the WRAP_* thresholds); otherwise ``text`` itself.

    A line joins the next one when the next line's first word would not have fitted after it
    within the text's width (so the break was the wrapper's, not the writer's); a line ending
    in a word's hyphen ("US-") joins without a space."""
    lines = text.split("\n")
    lengths = [len(line) for line in lines]
    width = max(lengths)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH or len(lines) < WRAP_MIN_LINES:
        return text
    followed = [n for n, after in zip(lengths, lengths[1:]) if n and after]
    if (len(followed) + 1 < WRAP_MIN_LINES
            or sum(n > width - WRAP_SLACK for n in followed) < WRAP_SHARE * len(followed)):
        return text
    joins = [bool(previous and line and len(previous) + 1 + len(line.split(" ", 1)[0]) > width)
             for previous, line in zip(lines, lines[1:])]
    continued = [line for line, join in zip(lines[1:], joins) if join]
    if sum(not line[0].isupper() for line in continued) < WRAP_LOWER_SHARE * len(continued):
        return text  # lines of similar length that each start a new thing (a list of headlines)
    out = [lines[0]]
    for previous, line, join in zip(lines, lines[1:], joins):
        if join:
            out[-1] += line if previous.endswith("-") and previous[-2:-1].isalnum() else " " + line
        else:
            out.append(line)
    return "\n".join(out)


_LOWER_WORD = re.compile(r"\w+")


@lru_cache(maxsize=_MEMO)
def lowered(text: str) -> str:
    """``text.lower()``."""
    return text.lower()


# A fast path for lower_words. In ASCII text ``\w`` is exactly [A-Za-z0-9_], so mapping every
# other ASCII character to a space and calling str.split() gives the same words as the regex
# findall, ~3x faster (str.translate has a fast path for ASCII in and out). Most news text is
# ASCII except for a few typographic marks; these are not word characters, so they are turned
# into spaces first, and only text still not ASCII afterwards takes the regex.
_ASCII_NON_WORD = str.maketrans({c: " " for c in range(128) if not _LOWER_WORD.fullmatch(chr(c))})
_COMMON_NON_ASCII = tuple("\u201c\u201d\u2019\u2018\u2014\u2013\u2026\u00a0\u2122\u00a3\u00a9\u2022\u00bb\u00ab\u2009")
assert not any(_LOWER_WORD.match(c) for c in _COMMON_NON_ASCII)


@lru_cache(maxsize=_MEMO)
def lower_words(text: str) -> list[str]:
    """The ``\\w+`` words of ``text.lower()``, in order (do not modify the list)."""
    lower = lowered(text)
    if not lower.isascii():
        for mark in _COMMON_NON_ASCII:
            if mark in lower:
                lower = lower.replace(mark, " ")
        if not lower.isascii():
            return _LOWER_WORD.findall(lower)  # replacing non-word marks by spaces keeps the words
    return lower.translate(_ASCII_NON_WORD).split()


@lru_cache(maxsize=_MEMO)
def lower_word_counts(text: str) -> Counter:
    """How often each ``\\w+`` word of ``text.lower()`` occurs (do not modify the Counter)."""
    return Counter(lower_words(text))
