"""Provenance: who wrote this text, and how did it reach the page?

Entry function: ``extract(article, domain_ratings=None) -> Signals``.

Features (counts are per article; ``*_per_1k_words`` are per 1,000 words):

- ``wire_dateline``: 1 if the text opens with a wire dateline ("BEIJING (AP) —",
  "LONDON (Reuters) -", "PARIS (AFP) -", "TORONTO (CP) -", "LONDON (PA) -", with a date too:
  "LONDON, March 3 (Reuters) -", or a date alone: "Dec 29 (Reuters) -"), else 0.
- ``wire_credit_count``: wire agencies named anywhere, as author, credit or source: "(AP)",
  "Associated Press", "Reuters", "Agence France-Presse"/"AFP", "UPI", "The Canadian Press",
  "PA Media"/"Press Association", "Australian Associated Press", "Deutsche Presse-Agentur", "Kyodo
  News", "Press Trust of India", their dateline tags ("(CP) -", "(PA) -"), credit lines such as
  "AP Beijing", "Reporting by …; Editing by …", "contributed to this report". A newsroom citing
  an agency ("told Reuters") counts too; the provenance class reads only credits (below).
- ``syndication_note``: 1 if the page says the text came from a syndicated/wire feed
  ("auto-generated from a syndicated feed", "only the headline … may have been reworked",
  "has not been edited by … staff", "published from a wire agency feed"), else 0.
- ``state_media_count``: a state-controlled or state-affiliated outlet (Global Times, Xinhua,
  CGTN, China Daily, People's Daily, RT, Sputnik, TASS, PressTV, KCNA, …) named as publisher,
  byline or source ("(Global Times)", "told the Global Times", "Xinhua reported").
- ``state_publisher``: 1 if the text names such an outlet as its own publisher, else 0: a
  byline or dateline credit ("By Xu Li (Global Times)", "BEIJING, May 3 (Xinhua) --"), its staff
  ("a Global Times reporter"), its own interviews ("told the Global Times", "told RT", "the
  Global Times learned"), a "Source:" or "Publisher:" line, its sign-off ("Subscribe to RT").
  Citing one ("Xinhua reported", "according to TASS") does not count: newsrooms do that all
  the time (45 reliable corpus articles from Reuters, BBC and others name a state outlet, none
  as its publisher), while these publisher marks are in 39 of RT's 216 articles and in no
  other corpus text.
- ``second_hand_sourcing_count``: the story is relayed from other outlets rather than reported:
  "as reported by", "according to a report by/in", "Source: X, Y" footers, "citing a report".
- ``ai_style_marker_count``: formulaic content-farm scaffolding: "Here is the important point",
  "What is the purpose of …?", "Do you like the article? Share it", "In conclusion,",
  "It is important to note", "plays a crucial role", "In today's fast-paced world", share-begging
  in the prose ("Share this with everyone you know", "Please share", "Share it before …"), …;
  plus one for a template's unfilled placeholder ("[Your Name]", "[Insert date]", "[City]") and
  one for a writing assistant's part labels ("Headline: ...", "Byline: ...", "Date: ...").
- ``clickbait_headline``: 1 if the title (or, without one, the first short line) is numbered or
  teasing clickbait ("1 Important Question", "You Won't Believe", "Here's Why"), else 0.
- ``repeated_opening_share``: share of sentences whose first two words open another
  sentence too (content farms reuse one template).
- ``domain_rated``: 1 if a URL was given and its domain appears in the public ratings compiled
  into the model, else 0.
- ``domain_reliability``: that rating as +1 (reliable), 0 (mixed or unrated), -1 (unreliable or
  state-controlled).

``classify`` gives the provenance class (wire / syndicated / state-affiliated / ai-style /
unknown) and the evidence snippets that decided it. It reads what says whose copy the text *is*:
an agency's dateline or credit (``wire_agency_credit``: a dateline's "(AP) —", "By Jane Doe,
Associated Press", "Reporting by …", "Associated Press writer … contributed to this report"), a state
outlet as publisher (``state_publisher``), never an agency or outlet merely cited, which
newsrooms do all the time. Precision and recall against each corpus text's known origin:
artifacts/report/provenance.md (``python -m training.eval_provenance``).
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from . import Article, Signals, lower_word_counts, lowered

FEATURES = (
    "wire_dateline",
    "wire_credit_count",
    "syndication_note",
    "state_media_count",
    "state_publisher",
    "second_hand_sourcing_count",
    "ai_style_marker_count",
    "clickbait_headline",
    "repeated_opening_share",
    "domain_rated",
    "domain_reliability",
)

# Only the first part of a page carries a dateline; 400 chars covers a headline plus byline.
DATELINE_WINDOW = 400

# Scan speed: `re` skips ahead to the characters that can start a match only when a pattern opens
# with a literal or an alternation of literals; a leading \b (or ^, or a lookbehind) makes it try
# every position (2-3x slower over a whole text). _word_start(a) is \b + a for an alternative `a`
# that opens with a word character, written as that character followed by "(?<!\w.)" (the
# character before it is no word character, which is what \b means there): same matches.
_AFTER_NON_WORD = r"(?<!\w.)"


def _word_start(alternative: str) -> str:
    assert alternative[0].isalnum() and alternative[1:2] not in ("?", "*", "+", "{"), alternative
    return alternative[0] + _AFTER_NON_WORD + alternative[1:]


def _word_starts(*alternatives: str) -> str:
    # one flat alternation: an alternative that is itself a group would stop the skipping ahead
    return "(?:" + "|".join(map(_word_start, alternatives)) + ")"


# The news agencies whose copy other outlets run: AP, Reuters, AFP and UPI, which the corpus has,
# and the national agencies of the UK (PA Media, formerly the Press Association), Canada (The
# Canadian Press), Australia (AAP), Germany (dpa), Japan (Kyodo), Italy (ANSA) and India (PTI),
# which it hardly has (31 of its 31,433 texts name one, none as a credit it could be checked on):
# their copy reads as wire copy to the class and to the model's features alike. Their short tags
# count only in a dateline ("LONDON (PA) -"): "(PA)" or "(CP)" alone is also an abbreviation.
_AGENCY_TAGS = r"AP|Reuters|AFP|UPI"
_OTHER_AGENCY_TAGS = r"CP|PA|AAP|dpa|Kyodo|ANSA|PTI"
# "Press Association" only after "the" or at a line's start: "the Hollywood Foreign Press
# Association" (a BBC text in the corpus) is no agency. Written to open with its literal "P".
_PRESS_ASSOCIATION = r"P(?:(?<![^\n]P)|(?<=[Tt]he P))ress Association"
_OTHER_AGENCY_NAMES = (r"Canadian Press", r"PA Media", _PRESS_ASSOCIATION, r"Australian Associated Press",
                       r"Deutsche Presse-Agentur", r"Kyodo News", r"Press Trust of India")
_WIRE_TAG = r"(?:" + _AGENCY_TAGS + r"|Xinhua|Bloomberg|" + _OTHER_AGENCY_TAGS + r")"
# A place, a place with its region or date, or a date alone, then the agency's tag: "BEIJING (AP) —",
# "BRUSSELS/LONDON (Reuters) -", "LONDON, March 3 (Reuters) -", "WASHINGTON, Jan. 5, 2017 (AP) —",
# "Dec 29 (Reuters) -" (as two PolNeAR Reuters texts open, with no place). Digits and "/" were not
# allowed before 2026-12-07: 24 PolNeAR wire texts opened with such a dateline and set no feature.
_DATELINE = re.compile(
    r"(?m)^\s*[A-Z][A-Za-z0-9 .'/\-]{1,40}(?:,\s*[A-Z0-9][A-Za-z0-9. ]{1,25}){0,2}\s*\(" + _WIRE_TAG
    + r"\)\s*[-\u2014\u2013:]"
)
# Wire credits inside the text, in alternation order around the credit-line alternative.
_CREDITS_BEFORE_LINE = [r"\((?:" + _AGENCY_TAGS + r")\)", r"\((?:" + _OTHER_AGENCY_TAGS + r")\)\s*[-\u2014\u2013:]"] + [
    _word_start(a) for a in (
        *(name + r"\b" for name in _OTHER_AGENCY_NAMES),  # before "Associated Press": "Australian Associated Press"
        r"Associated Press\b", r"Thomson Reuters\b", r"Reuters\b", r"Agence France[- ]Presse\b", r"AFP\b",
        r"United Press International\b")]
_CREDITS_AFTER_LINE = [_word_start(a) for a in (
    r"Reporting by [A-Z]", r"Editing by [A-Z]", r"contributed to this report\b")]
_CREDIT_LINE_ALTERNATIVE = r"(?m:^\s*(?:AP|AFP|PTI|IANS|Reuters)\s+[A-Z][a-z]+\s*$)"  # credit line "AP Beijing"
_WIRE_CREDIT = re.compile("|".join(_CREDITS_BEFORE_LINE + [_CREDIT_LINE_ALTERNATIVE] + _CREDITS_AFTER_LINE))
# The same without the credit-line alternative, whose ^ stops the engine skipping ahead: used
# when no line starts with a credit tag, where that alternative cannot match anywhere.
_WIRE_CREDIT_INLINE = re.compile("|".join(_CREDITS_BEFORE_LINE + _CREDITS_AFTER_LINE))
# A line (after a line break, or the first) opening with a credit tag: needed for "AP Beijing".
_CREDIT_LINE = re.compile(r"\n\s*(?:AP|AFP|PTI|IANS|Reuters)\s")
_CREDIT_FIRST_LINE = re.compile(r"\s*(?:AP|AFP|PTI|IANS|Reuters)\s")
# Credit forms (classify; the provenance class rests on them, not on wire_credit_count): what says
# the text *is* an agency's copy. A dateline's tag anywhere (pages put furniture first); Reuters'
# "(Reporting by …" or a line "Reporting by …; Editing by …"; a credit line "AP Beijing". Then, per
# agency named (_agency_line_credit): an interview the agency did itself ("told Reuters", "in an
# interview with AFP"; not "told the Reuters news agency" or "told the Associated Press", which is
# how others cite one: in the corpus texts of known origin, training/eval_provenance.py, "told
# <agency>" without "the" is in 554 wire texts and 35 others, "told the …" or "… news agency" in
# none and 50), a line that credits it ("Associated Press writer … contributed to this report",
# "Copyright … Reuters", "this Reuters article"), or a short line naming it not as a cited source
# ("By Jane Doe, Associated Press", "Source: AFP"; not "according to AP.", "Reuters said." or a
# photo's "Handout/Reuters").
# Each form is looked for only where it can be: the tags open with "(", which lets `re` skip
# ahead; the line forms open with ^, which makes it try every position (0.09 ms on a 3 KB text).
_CREDIT_TAG = re.compile(
    # a dateline's tag, not "Agence France-Presse (AFP) said"
    r"\((?:" + _AGENCY_TAGS + "|" + _OTHER_AGENCY_TAGS + r")\)\s*[-\u2014\u2013:]"
    r"|\(\s*(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting) by [A-Z]"
)
_CREDIT_BY_LINE = re.compile(r"(?m:^[^\S\n]*(?:Additional )?(?:Reporting|Writing) by [A-Z][^\n;]{0,120};[^\S\n]*"
                             r"(?:Additional reporting|Editing|Writing) by [A-Z])")
_CREDIT_LINE_FORM = re.compile(_CREDIT_LINE_ALTERNATIVE)
_AGENCY_NAMES = (*_OTHER_AGENCY_NAMES, "AAP", "Associated Press", "AP", "Thomson Reuters", "Reuters",
                 "Agence France[- ]Presse", "AFP", "United Press International", "UPI")
_AGENCY = re.compile(_word_starts(*(f"The {name}\\b" for name in _AGENCY_NAMES),
                                  *(f"{name}\\b" for name in _AGENCY_NAMES)))
_CREDITING_LINE = re.compile(r"contributed|copyright|all rights reserved|\u00a9|\(c\)", re.IGNORECASE)
_THIS_AGENCY_STORY = re.compile(r"\bthis\s+$", re.IGNORECASE)
_STORY_WORD = re.compile(r"\s+(?:article|story|report)\b")
# A short line naming an agency is a byline or credit unless the agency is cited: the word before
# it says so ("told Reuters", "according to AP", "via AFP") or the word after it ("Reuters said").
_INTERVIEWED = frozenset({"told", "with"})
_NEWS_AGENCY = re.compile(r"\s+news agency\b", re.IGNORECASE)
CREDIT_LINE_MAX_WORDS = 10  # "By JOSH BOAK and KEN THOMAS, Associated Press" has 8
CREDIT_LINE_MAX_CHARS = 120
_CITING_BEFORE = frozenset({"told", "to", "according", "via", "with", "from", "in", "on", "by", "and", "for"})
# "Handout/Reuters", "(Darron Cummings/Associated Press)": a photo's credit, not the text's.
_PHOTO_CREDIT = re.compile(r"/\s*$")
_CITING_AFTER = re.compile(r"[\s,]*(?:said|says|reported|reports|learned|quoted|cited|found|confirmed|"
                           r"wrote|writes|news agency|poll|survey|tally|count|estimated?|'s?\b|\u2019s?\b)",
                           re.IGNORECASE)


def _credit_form(text: str) -> re.Match | None:
    """The first dateline tag, "(Reporting by" or credit line of the text (see the comment above)."""
    found = [m for m in (_CREDIT_TAG.search(text),
                         _CREDIT_BY_LINE.search(text) if "Reporting by" in text or "Writing by" in text else None,
                         _CREDIT_LINE_FORM.search(text) if _has_credit_line(text) else None) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _agency_line_credit(text: str) -> re.Match | None:
    """The first agency named in a crediting line or as a short credit line (see the credit forms above).

    Linear in the text: each line's bounds and its crediting words are found once, however many
    agencies it names, and only a few words before each name are read."""
    line_end = -1
    for match in _AGENCY.finditer(text):
        if match.start() >= line_end:  # the first name on this line
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line_end = len(text) if line_end < 0 else line_end
            if _CREDITING_LINE.search(text, line_start, line_end):
                return match
            short = (line_end - line_start <= CREDIT_LINE_MAX_CHARS
                     and len(text[line_start:line_end].split()) <= CREDIT_LINE_MAX_WORDS)
        if _THIS_AGENCY_STORY.search(text, max(line_start, match.start() - 6), match.start()) \
                and _STORY_WORD.match(text, match.end(), line_end):
            return match
        window = max(line_start, match.start() - 40)
        words = [w.lower().strip(",:;\"'(") for w in text[window:match.start()].split()]
        if words and words[-1] in _INTERVIEWED and not match.group(0).startswith("The ") \
                and not _NEWS_AGENCY.match(text, match.end(), line_end):
            return match
        if not short:
            continue
        while words and words[-1] == "the":  # "according to the Associated Press"
            words.pop()
        byline = words == ["by"] and window == line_start  # "By The Associated Press"
        cited = (words and words[-1] in _CITING_BEFORE and not byline) \
            or _PHOTO_CREDIT.search(text, window, match.start())
        if not cited and not _CITING_AFTER.match(text, match.end(), line_end):
            return match
    return None


_SYNDICATION = re.compile(
    r"\b(?:auto-generated from a syndicated feed|syndicated feed|"
    r"only the headline(?: and picture)?(?: of this report)? (?:may|might) have been reworked|"
    r"has not been edited by .{0,40}staff|published from a (?:wire agency|syndicated) feed|"
    r"\bthis (?:story|article) (?:was|is) (?:syndicated|distributed) (?:by|from)\b)",
)
_STATE_OUTLET = (
    r"(?:Global Times|Xinhua(?: News Agency)?|CGTN|China Global Television Network|China Daily|"
    r"People'?s Daily|CCTV|China Central Television|China News Service|China Radio International|"
    r"Sputnik(?: News)?|TASS|RIA Novosti|Russia Today|RT\.com|Rossiyskaya Gazeta|Ruptly|"
    r"Press ?TV|IRNA|Tasnim(?: News Agency)?|Fars News(?: Agency)?|Mehr News(?: Agency)?|KCNA|"
    r"Korean Central News Agency|Rodong Sinmun|TRT World|Anadolu(?: Agency)?|teleSUR|Granma|"
    r"Prensa Latina|SANA|Syrian Arab News Agency|BelTA|Saudi Press Agency)"
)
_STATE_MEDIA = re.compile((
    r"\(\s*" + _STATE_OUTLET + r"\s*\)"  # byline credit "(Global Times)"
    r"|\b(?:told|said to|according to|reported by|by|via|source:|from) (?:the )?" + _STATE_OUTLET + r"\b"
    r"|\b(?:the )?" + _STATE_OUTLET + r" (?:reported|said|learned|quoted|reporter|correspondent|editor)"
    r"|(?m:^\s*(?:Source|Publisher)\s*:\s*" + _STATE_OUTLET + r")"
    r"|\b(?:told|said to|according to) RT\b|\bRT (?:reported|learned)\b"
    r"|\b(?:Subscribe to|on) RT\b(?!-)"  # not "on RT-PCR tests"
    ).lower()  # matched against the lower-cased text: much faster than IGNORECASE in `re`
)
# The part of _STATE_MEDIA that makes the outlet the text's own publisher (see state_publisher):
# every match of it is also a match of _STATE_MEDIA, so it is looked for only when that found one.
_STATE_PUBLISHER = re.compile((
    r"\(\s*" + _STATE_OUTLET + r"\s*\)"  # byline or dateline credit
    r"|\btold (?:the )?" + _STATE_OUTLET + r"\b"
    r"|\b(?:the )?" + _STATE_OUTLET + r" (?:learned|reporter|correspondent|editor)"
    r"|(?m:^\s*(?:Source|Publisher)\s*:\s*" + _STATE_OUTLET + r")"
    r"|\btold RT\b|\bRT learned\b|\bSubscribe to RT\b"  # not "on RT": guests appear on it
    ).lower()
)
# Second-hand sourcing (matched on the lower-cased text), in alternation order around the
# "Source:" line alternative. That alternative is lower-cased as it always was, which turns its
# \S into \s (kept for output parity: "Source:Reuters" without a space is missed).
_SECOND_HAND_BEFORE_LINE = [_word_start(a) for a in (
    r"as (?:first )?reported by\b", r"according to (?:a |an )?(?:report|story|article) (?:by|in|from)\b",
    r"citing (?:a |an )?(?:report|story|article)\b")]
_SECOND_HAND_AFTER_LINE = [_word_start(a) for a in (
    r"first (?:reported|published) (?:by|in|on)\b", r"originally (?:reported|published) (?:by|in|on)\b")]
_SOURCES_LINE_ALTERNATIVE = r"(?m:^\s*sources?\s*:\s*\S)".lower()
_SECOND_HAND = re.compile("|".join(_SECOND_HAND_BEFORE_LINE + [_SOURCES_LINE_ALTERNATIVE] + _SECOND_HAND_AFTER_LINE))
# The same without the "Source:" line alternative: used when no line starts with "source(s):".
_SECOND_HAND_INLINE = re.compile("|".join(_SECOND_HAND_BEFORE_LINE + _SECOND_HAND_AFTER_LINE))
# Literal-led alternatives (see _word_start); an alternative's own leading \b was redundant.
_AI_STYLE = re.compile(_word_starts(
    r"here (?:is|are) the (?:important|key|main) points?\b", r"what is the purpose of\b",
    r"do you like (?:the|this) article", r"share it now\b", r"in conclusion,",
    r"it is (?:important|worth) (?:to note|noting)", r"it'?s (?:important|worth) (?:to note|noting)",
    r"plays? a (?:crucial|pivotal|vital) role", r"in today'?s fast-paced", r"delve into\b", r"a testament to\b",
    r"in summary,", r"overall, (?:the|this)\b", r"navigat(?:e|ing) the (?:complex|ever)", r"stay tuned\b",
    r"frequently asked questions\b", r"final thoughts\b", r"key takeaways?\b", r"important question\b",
    r"as an ai\b",
    # Share-begging inside the prose (not a page's share button, which boilerplate counts): in the
    # corpus these three forms are in 17 texts, all labelled unreliable, from four collections.
    r"share (?:this|it)(?: (?:article|post|story|video|news|message|information))? (?:with|to) "
    r"(?:everyone|all|your|anyone|friends|family)\b",
    r"please (?:share|spread|repost|forward)\b",
    r"share (?:this|it)(?: \w+)? (?:if|before|widely|everywhere)\b",
))
# A template's unfilled placeholder ("[Your Name]", "[Insert date]", "[City, State]", "[Lead
# researcher's name]"): a chat assistant's article drafted for someone to complete and published
# as it came. Counted once per text however many there are (one draft, one marker). The forms:
# a bracket opening with "insert", "your" or "enter", one ending in "name", "name of ...", or a
# bare category noun (or two joined by "/" or ","); a bare place or organisation noun, or a bare
# "[Name]", only when capitalised ("[County]"), since an editor's insertion into a quotation or
# redaction is written lower-case ('"many [county] boards"', "my daughter [name] said"). Chosen by reading every bracketed phrase of up to 40 characters in
# the 31,433 texts of ../shared/data (2026-12-07): these forms are in 72 LLMFake misinformation
# texts and one L2R model rewrite, and in no other text (without the capital rule, in one more:
# that PTC editor's "[county]"), whose brackets are an editor's ("[Trump]", "[the president]",
# "[sic]"). Known limits, in none of them: an editor's capitalised category noun or redaction,
# and a story quoting a template (a phishing email's "Dear [Customer Name]").
_PLACEHOLDER_CATEGORY = (r"(?:(?:current |today'?s )?date|datetime|city|town|village|county|state|country|region"
                         r"|location|venue|number|email|phone(?: number)?|website|institution|institute"
                         r"|organi[sz]ation|company|university|hospital)")
_PLACEHOLDER = re.compile(
    r"\[(?:(?:insert|your|enter) [^\[\]\n]{1,40}|[^\[\]\n]{0,40}\bname(?:'s|\u2019s)?|name of [^\[\]\n]{1,30}"
    r"|" + _PLACEHOLDER_CATEGORY + r"(?:\s*[/,]\s*" + _PLACEHOLDER_CATEGORY + r")*(?: [ab])?)\]")
_BARE_PLACE_OR_BODY = re.compile(r"\[(?:city|town|village|county|state|country|region|location|venue|institution"
                                 r"|institute|organi[sz]ation|company|university|hospital)\b|\[name\]")


def _placeholder(text: str, lowered_text: str) -> re.Match | None:
    """The first unfilled placeholder in the text, or None."""
    aligned = len(text) == len(lowered_text)  # else lower-casing changed a length ("İ"): case unread
    for match in _PLACEHOLDER.finditer(lowered_text):
        if aligned and text[match.start() + 1].islower() and _BARE_PLACE_OR_BODY.match(lowered_text, match.start()):
            continue  # "[county]", "[name]": an editor's insertion or redaction
        return match
    return None


# An article set out as a writing assistant's draft: two or more part labels opening lines
# ("Headline: ...", "Subheadline: ...", "Byline: By ...", "Date: ..."), one of them a newsroom
# draft's own (headline, subheadline, subtitle, byline, dateline). Counted once per text. A
# lone label is not enough (a user may paste "Title: ..." above the text), nor are "Title",
# "Date" and "Author" alone, which a scraper's metadata header also writes. In the training
# corpus (2026-12-07) two or more such labels open lines in 84 LLMFake misinformation texts and
# in no other text; with the draft-label condition, in 51, and in no other of the 31,433 texts
# of ../shared/data.
_PART_LABEL = re.compile(r"^[*# \t]*(headline|title|sub-?headline|subtitle|byline|dateline|date|author)[* \t]*:",
                         re.MULTILINE)
_DRAFT_PART_LABELS = frozenset(("headline", "subheadline", "sub-headline", "subtitle", "byline", "dateline"))
_DRAFT_LABEL_WORDS = frozenset(("headline", "subheadline", "sub", "subtitle", "byline", "dateline"))  # word gate
# A news database's export sets an article out under the same labels ("Byline:", "Dateline:" in
# Nexis Uni's and LexisNexis's text exports, which researchers score in bulk), always beside
# fields of its own that no writing assistant's draft has: none of the 51 drafts above has one.
_NEWS_DATABASE_FIELD = re.compile(r"^[ \t]*(?:length:[ \t]*[\d,]+[ \t]+words|section:|load-date:|publication-type:"
                                  r"|language:)", re.MULTILINE)


def _draft_layout(lowered_text: str) -> re.Match | None:
    """The first part label of a text set out under a draft's part labels, or None."""
    labels = list(_PART_LABEL.finditer(lowered_text))
    if len(labels) >= 2 and _NEWS_DATABASE_FIELD.search(lowered_text):
        return None
    found = {m.group(1) for m in labels}
    if len(found) >= 2 and not found.isdisjoint(_DRAFT_PART_LABELS):
        return labels[0]
    return None


_CLICKBAIT = re.compile(
    r"^\s*\d+\s+(?:important|things|reasons|ways|facts|questions?|signs|secrets)\b|[;|:]\s*\d+\s+important"
    r"|you won'?t believe|here'?s why|will shock you|what happens next|this is why|the truth about"
    r"|\bshocking\b|\bmust see\b|\bgoes viral\b",
    re.IGNORECASE,
)

# Substrings without which a pattern cannot match: a cheap `in` test skips most regex scans.
# (State media has none: its word gate below is already exact, and a substring list that also
# caught "RT" at a line's end would have to hold "rt", which nearly every text contains.)
_TRIGGERS = {
    "wire_credit_count": ("AP", "Reuter", "AFP", "UPI", "Associated", "Agence", "United Press", "Reporting",
                          "Editing", "contributed", "PTI", "IANS", "(CP)", "(PA)", "(dpa)", "(Kyodo)", "(ANSA)",
                          "Canadian Press", "PA Media", "Press Association", "Presse-Agentur", "Kyodo News",
                          "Press Trust"),
    "syndication_note": ("syndicat", "reworked", "edited by", "wire agency", "distributed"),
    "second_hand_sourcing_count": ("reported", "according to a", "according to an", "citing", "source",
                                   "published"),
    "ai_style_marker_count": ("here is", "here are", "purpose of", "like the article", "like this article",
                              "share it", "conclusion", "important to", "worth ", "important noting",
                              "crucial role", "pivotal role", "vital role", "fast-paced", "delve",
                              "testament", "summary", "overall", "navigat", "tuned", "frequently asked",
                              "final thoughts", "takeaway", "important question", "as an ai", "share ",
                              "please "),
}

# Word gates: a cheaper test than _TRIGGERS, run first. Every match of a pattern starts, ends or
# is made of whole words of the lower-cased text (its ``\w+`` words, see signals.lower_words),
# so a pattern cannot match unless its gate finds those words (and, where a gate also names
# substrings, one of them); False means "cannot match", True means "run the pattern".
# Lower-casing never turns a non-word character into a word character, so this holds for the
# case-sensitive patterns over the original text too.
def _any(words: dict, wanted: frozenset) -> bool:
    return not words.keys().isdisjoint(wanted)


def _has(lower: str, needles: tuple[str, ...]) -> bool:
    return any(n in lower for n in needles)


_WIRE_WORDS = frozenset("ap reuters afp upi associated thomson agence pti ians reporting editing contributed "
                        "cp pa aap dpa kyodo ansa presse".split())


def _gate_wire(words: dict, lower: str) -> bool:
    return (_any(words, _WIRE_WORDS) or ("united" in words and "international" in words)
            or ("press" in words and ("canadian" in words or "association" in words or "trust" in words)))


def _gate_syndication(words: dict, lower: str) -> bool:
    return ("syndicated" in words or "headline" in words or "distributed" in words
            or ("edited" in words and "been" in words) or ("published" in words and "wire" in words))


# First word of each outlet in _STATE_OUTLET (then the substrings the rest of the name needs).
_STATE_SINGLE = frozenset("xinhua cgtn cctv sputnik tass ruptly presstv irna tasnim kcna anadolu telesur granma "
                          "sana belta rt".split())
_STATE_MULTI = {
    "global": ("global times",), "china": ("china global", "china daily", "china central", "china news",
                                          "china radio"),
    "people": ("people's daily",), "peoples": ("peoples daily",), "ria": ("ria novosti",),
    "russia": ("russia today",), "rossiyskaya": ("rossiyskaya gazeta",), "press": ("press tv",),
    "fars": ("fars news",), "mehr": ("mehr news",), "korean": ("korean central",), "rodong": ("rodong sinmun",),
    "trt": ("trt world",), "prensa": ("prensa latina",), "syrian": ("syrian arab",), "saudi": ("saudi press",),
}
# "Source: <outlet>" at a line start is the one form where the outlet may run on into a longer word.
_SOURCE_LINE = re.compile(r"\n\s*(?:source|publisher)\s*:")
_SOURCE_FIRST_LINE = re.compile(r"\s*(?:source|publisher)\s*:")


def _source_line(words: dict, lower: str, names: tuple[str, ...] = ("source", "publisher")) -> bool:
    return (any(n in words for n in names)
            and (_SOURCE_FIRST_LINE.match(lower) is not None or _SOURCE_LINE.search(lower) is not None))


def _gate_state(words: dict, lower: str) -> bool:
    if _any(words, _STATE_SINGLE):
        return True
    for first, rest in _STATE_MULTI.items():
        if first in words and _has(lower, rest):
            return True
    return _source_line(words, lower)


_REPORT_WORDS = frozenset(("report", "story", "article"))
_SOURCES_LINE = re.compile(r"\n\s*sources?\s*:")
_SOURCES_FIRST_LINE = re.compile(r"\s*sources?\s*:")


def _has_sources_line(lower: str) -> bool:
    return _SOURCES_FIRST_LINE.match(lower) is not None or _SOURCES_LINE.search(lower) is not None


def _gate_second_hand(words: dict, lower: str) -> bool:
    return (("as" in words and "reported" in words and "by" in words and "reported by" in lower)
            or (("according" in words or "citing" in words) and _any(words, _REPORT_WORDS))
            or (("source" in words or "sources" in words) and _has_sources_line(lower))
            or (("first" in words or "originally" in words) and ("reported" in words or "published" in words)
                and _has(lower, ("first reported", "first published", "originally reported",
                                 "originally published"))))


_AI_WORDS = frozenset("purpose conclusion crucial pivotal vital fast delve testament summary overall navigate "
                      "navigating tuned frequently thoughts takeaway takeaways ai".split())


_SHARE_BEGGING_WORDS = frozenset("now with to if before widely everywhere".split())
_PLEASE_SHARE_WORDS = frozenset("share spread repost forward".split())


def _gate_ai_style(words: dict, lower: str) -> bool:
    return (_any(words, _AI_WORDS)
            or ("here" in words and ("point" in words or "points" in words))
            or ("like" in words and "you" in words)
            or ("share" in words and not words.keys().isdisjoint(_SHARE_BEGGING_WORDS))
            or ("please" in words and not words.keys().isdisjoint(_PLEASE_SHARE_WORDS))
            or (("important" in words or "worth" in words) and ("is" in words or "s" in words or "its" in words))
            or ("important" in words and "question" in words))


def _has_credit_line(text: str) -> bool:
    return _CREDIT_FIRST_LINE.match(text) is not None or _CREDIT_LINE.search(text) is not None


# Patterns with a line-start alternative: (the faster pattern without it, a test that is False
# only when no line start could open that alternative).
_INLINE = {
    "wire_credit_count": (_WIRE_CREDIT_INLINE, _has_credit_line),
    "second_hand_sourcing_count": (_SECOND_HAND_INLINE, _has_sources_line),
}

_GATES = {
    "wire_credit_count": _gate_wire,
    "syndication_note": _gate_syndication,
    "state_media_count": _gate_state,
    "state_publisher": _gate_state,
    "second_hand_sourcing_count": _gate_second_hand,
    "ai_style_marker_count": _gate_ai_style,
}

# A rating of +1/-1 says more than a domain's mere presence; "mixed" adds nothing either way.
RATING_SCORE = {"reliable": 1.0, "mixed": 0.0, "unreliable": -1.0, "state": -1.0}


def registered_domain(url: str | None) -> str | None:
    """Host of ``url`` without "www."/"m." prefixes, lower-cased; None when there is none."""
    if not url or not isinstance(url, str):
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    host = host.lower().rstrip(".")
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def lookup_rating(url: str | None, domain_ratings: dict[str, str] | None) -> tuple[str | None, str | None]:
    """(domain, rating) for the URL, trying parent domains too ("edition.cnn.com" -> "cnn.com")."""
    domain = registered_domain(url)
    if not domain or not domain_ratings:
        return domain, None
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in domain_ratings:
            return domain, domain_ratings[candidate]
    return domain, None


# Evidence is the line the marker stands on, cut to this many characters around the marker.
SNIPPET_CHARS = 240


def _snippet(text: str, match: re.Match) -> str:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    end = len(text) if end < 0 else end
    room = max(0, SNIPPET_CHARS - (match.end() - match.start())) // 2
    line_start, line_end = start, end
    start = max(start, match.start() - room)
    end = min(end, max(match.end() + room, start + SNIPPET_CHARS))  # unused left room goes right
    # A window cut inside the line ends at whole words, marked "…", so that the evidence never
    # opens with "ur houseplants"; the cut never reaches into the match itself.
    if start > line_start and not text[start - 1].isspace():
        space = text.find(" ", start, match.start())
        start = space + 1 if space >= 0 else start
    if end < line_end and not text[end].isspace():
        space = text.rfind(" ", match.end(), end)
        end = space if space >= 0 else end
    shown = " ".join(text[start:end].split())
    return ("… " if start > line_start else "") + shown + (" …" if end < line_end else "")


def _headline(article: Article) -> str:
    if article.title:
        return article.title
    for line in article.text.splitlines():
        if line.strip():
            return line if len(line) < 200 else ""
    return ""


# Sentence openings in one pass: a sentence's first two words ([A-Za-z']+), when it has at least
# four. Sentences are cut at line breaks and after [.!?] followed by whitespace, so between two
# words of one sentence lies neither.
_GAP = r"(?:[^A-Za-z'\n.!?]|[.!?](?!\s))"
_FOUR_WORDS = rf"{_GAP}*([A-Za-z']+){_GAP}+([A-Za-z']+){_GAP}+[A-Za-z']+{_GAP}+[A-Za-z']"
_FIRST_OPENING = re.compile(_FOUR_WORDS)
# after a cut: "[.!?]\s+" or "\n+", written to start with one character class (a fast scan). A
# run of line breaks is entered at its first one only and taken whole (possessive "*+"): entered
# at each, a run of n breaks cost n^2 / 2 steps (13,500 breaks took 8 s).
_NEXT_OPENING = re.compile(r"[.!?\n](?:(?<=\n)(?<!\n\n)\n*+|(?<=[.!?])\s+)" + _FOUR_WORDS)


# The only characters whose lower-case form differs in length or in being [A-Za-z'], [.!?], \n
# or \s (checked over all of Unicode): without them the text's lower-cased copy has the same
# openings at the same places, lower-cased (lower-casing ASCII letters needs no context), so
# they are taken from that copy (already made for the other patterns), not lower-cased one by one.
_LOWER_CHANGES_CLASS = ("\u0130", "\u212a")


def _openings(text: str) -> list[str]:
    if any(c in text for c in _LOWER_CHANGES_CLASS):
        found = _NEXT_OPENING.findall(text)
        head = _FIRST_OPENING.match(text)
        if head is not None:
            found.insert(0, head.groups())
        return [f"{a} {b}".lower() for a, b in found]
    lower = lowered(text)
    found = _NEXT_OPENING.findall(lower)
    head = _FIRST_OPENING.match(lower)
    if head is not None:
        found.insert(0, head.groups())
    return [f"{a} {b}" for a, b in found]


def _repeated_openings(text: str) -> float:
    """``repeated_opening_share`` of the text's sentences."""
    openings = _openings(text)
    if len(openings) < 3:
        return 0.0
    return sum(c for c in Counter(openings).values() if c > 1) / len(openings)


def extract(article: Article, domain_ratings: dict[str, str] | None = None) -> Signals:
    text = article.text
    evidence: dict[str, str] = {}

    lowered_text = lowered(text)
    words = lower_word_counts(text)  # used as the set of words

    def first(pattern: re.Pattern, name: str, haystack: str = lowered_text) -> int:
        gate = _GATES.get(name)
        if gate is not None and not gate(words, lowered_text):
            return 0
        triggers = _TRIGGERS.get(name)
        probe = text if haystack is text else lowered_text
        if triggers and not any(t in probe for t in triggers):
            return 0
        inline = _INLINE.get(name)
        if inline is not None and not inline[1](haystack):
            pattern = inline[0]
        matches = list(pattern.finditer(haystack))
        if matches:
            # Show the original casing; lower() keeps offsets unless a character changes length.
            shown = text if haystack is lowered_text and len(lowered_text) == len(text) else haystack
            evidence[name] = _snippet(shown, matches[0])
        return len(matches)

    dateline = 1.0 if first(_DATELINE, "wire_dateline", text[:DATELINE_WINDOW]) else 0.0
    wire_credits = first(_WIRE_CREDIT, "wire_credit_count", text)
    if wire_credits:  # the class reads credits only (classify); not a model feature
        credit = _credit_form(text) or _agency_line_credit(text)
        if credit is not None:
            evidence["wire_agency_credit"] = _snippet(text, credit)
    syndication = 1.0 if first(_SYNDICATION, "syndication_note") else 0.0
    state = first(_STATE_MEDIA, "state_media_count")
    state_publisher = 1.0 if state and first(_STATE_PUBLISHER, "state_publisher") else 0.0
    second_hand = first(_SECOND_HAND, "second_hand_sourcing_count")
    ai_markers = first(_AI_STYLE, "ai_style_marker_count")
    shown = text if len(lowered_text) == len(text) else lowered_text
    drafted = {"ai_style_placeholder": _placeholder(text, lowered_text) if "[" in text else None,
               "ai_style_part_labels": _draft_layout(lowered_text) if _any(words, _DRAFT_LABEL_WORDS) else None}
    for name, match in drafted.items():
        if match is not None:
            ai_markers += 1
            evidence[name] = _snippet(shown, match)  # each marker counted is shown in the class's evidence
    if "ai_style_marker_count" not in evidence and (found := [m for m in drafted.values() if m is not None]):
        evidence["ai_style_marker_count"] = _snippet(shown, min(found, key=lambda m: m.start()))
    headline = _headline(article)
    clickbait = 1.0 if first(_CLICKBAIT, "clickbait_headline", headline) else 0.0
    repeated = _repeated_openings(text)

    domain, rating = lookup_rating(article.url, domain_ratings)
    if rating is not None:
        evidence["domain_reliability"] = f"{domain} is rated {rating} by public ratings"

    values = {
        "wire_dateline": dateline,
        "wire_credit_count": float(wire_credits),
        "syndication_note": syndication,
        "state_media_count": float(state),
        "state_publisher": state_publisher,
        "second_hand_sourcing_count": float(second_hand),
        "ai_style_marker_count": float(ai_markers),
        "clickbait_headline": clickbait,
        "repeated_opening_share": repeated,
        "domain_rated": 1.0 if rating is not None else 0.0,
        "domain_reliability": RATING_SCORE.get(rating, 0.0) if rating else 0.0,
    }
    return Signals(values=values, evidence=evidence, extra={"domain": domain, "domain_rating": rating})


# How provenance classes are decided (see classify): an explicit marker always beats style, and
# only a mark of whose copy the text is counts: a state outlet as publisher (state_publisher), an
# agency's dateline or credit (wire_agency_credit). Until 2026-12-06 any outlet or agency named
# counted, and a Reuters story quoting Xinhua was "state-affiliated": on the corpus texts of known
# origin that class had precision 0.53 (recall 0.23), now 0.98 (0.18); wire 0.85 (0.23), now 0.92
# (0.23). artifacts/report/provenance.md has the tables.
# AI_STYLE_MIN_MARKERS: two independent scaffolding phrases; one alone occurs in ordinary
# journalism ("In conclusion," in an op-ed), two almost never did in the newsroom collections.
AI_STYLE_MIN_MARKERS = 2
# Wire copy at a URL outside the agencies' own sites is another outlet republishing it: the
# "syndicated" class, whatever the page says of it (an AP story on a newspaper's or an
# aggregator's site).
WIRE_AGENCY_DOMAINS = frozenset({"apnews.com", "ap.org", "reuters.com", "thomsonreuters.com", "afp.com", "upi.com",
                                 "thecanadianpress.com", "pa.media", "aap.com.au", "dpa.com", "dpa-international.com",
                                 "kyodonews.net", "ansa.it", "ptinews.com"})
# Wire house style without a credit line (wire copy stripped of its dateline): every condition
# below at once. On the training corpus this rule fired for 3.3% of reliable articles (10.8% of
# Reuters C50) and 0.18% of unreliable ones, so when it fires it is strong evidence, and when
# it does not it says nothing.
WIRE_STYLE_RULE = (
    ("first_person_rate", "<", 0.003),      # no "I"/"we" outside quotes' speakers' own words
    ("second_person_rate", "<", 0.002),     # never addresses the reader
    ("quote_count", ">=", 2),
    ("quote_attributed_share", ">=", 0.75),  # quotes are attributed through "said"-type verbs
    ("said_rate", ">=", 0.2),               # reported speech throughout
    ("weekday_rate", ">", 0),               # pegged to a day ("on Monday")
    ("exclamation_rate", "==", 0),
    ("ai_style_marker_count", "==", 0),
    ("loaded_word_rate", "<", 0.004),
)
_OPS = {"<": float.__lt__, ">=": float.__ge__, ">": float.__gt__, "==": float.__eq__}


def wire_house_style(values: dict[str, float]) -> bool:
    return all(_OPS[op](float(values.get(name, 0.0)), float(limit)) for name, op, limit in WIRE_STYLE_RULE)


def classify(values: dict[str, float], evidence: dict[str, str], rating: str | None = None,
             domain: str | None = None, index_match: dict | None = None) -> dict:
    """Provenance class, what it rests on ("marker", "domain", "house style" or "reference index")
    and the evidence.

    ``rating`` and ``domain``: the URL's public rating and registered domain, when a URL was given.
    ``index_match``: the reference index's answer for the article body (``ReferenceIndex.query``),
    when the service has an index. Every way to ``syndicated`` is decided here: a syndication note,
    wire copy on a domain other than an agency's own, or a copy of a known wire story in the index.
    """
    found = _classify_text(values, evidence, rating, domain)
    if index_match and index_match.get("kind", "none") != "none":
        found["evidence"] = list(found.get("evidence") or []) + [
            f"{index_match['kind']} copy of {index_match['origin']} story {index_match['match_id']} in the "
            f"reference index ({index_match['containment']:.0%} of the shorter text shared)"]
        # A known wire story found again is a copy (syndicated) unless the text is state media,
        # ai-style or already syndicated (those classes say more about the copy than its origin),
        # or it is on an agency's own site: there the match is the original finding itself.
        if found["class"] in ("unknown", "wire") and domain not in WIRE_AGENCY_DOMAINS:
            found["class"], found["basis"] = "syndicated", "reference index"
    return found


def _classify_text(values: dict[str, float], evidence: dict[str, str], rating: str | None,
                   domain: str | None) -> dict:
    def pick(*names: str) -> list[str]:
        return list(dict.fromkeys(evidence[n] for n in names if n in evidence))  # one line may carry two markers

    def wire(basis: str, found: list[str]) -> dict:
        if domain and domain not in WIRE_AGENCY_DOMAINS:
            return {"class": "syndicated", "basis": basis,
                    "evidence": found + [f"wire copy published on {domain}, not on an agency's own site"]}
        return {"class": "wire", "basis": basis, "evidence": found}

    if values["state_publisher"] > 0:
        return {"class": "state-affiliated", "basis": "marker", "evidence": pick("state_publisher")}
    if rating == "state":
        return {"class": "state-affiliated", "basis": "domain", "evidence": pick("domain_reliability")}
    if values["syndication_note"] > 0:
        return {"class": "syndicated", "basis": "marker", "evidence": pick("syndication_note", "wire_agency_credit")}
    if values["wire_dateline"] > 0 or "wire_agency_credit" in evidence:
        return wire("marker", pick("wire_dateline", "wire_agency_credit"))
    ai_score = values["ai_style_marker_count"] + values["clickbait_headline"]
    if ai_score >= AI_STYLE_MIN_MARKERS:
        return {"class": "ai-style", "basis": "marker", "evidence": pick("ai_style_marker_count", "ai_style_placeholder",
                                                                      "ai_style_part_labels", "clickbait_headline")}
    if wire_house_style(values):
        return wire("house style", ["no credit line; wire house style: every quote attributed with a reporting verb, "
                                    "reported speech throughout, dated to a weekday, no first or second person, "
                                    "no loaded wording"])
    return {"class": "unknown", "basis": None, "evidence": pick("second_hand_sourcing_count")}
