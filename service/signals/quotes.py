"""Quote-attribution signals: who is quoted, how, and how openly sources are named.

``find_quotes(text)`` finds direct quotations (text inside double quote marks,
straight ``"`` or curly ``“ ”``) and attributes each to a speaker through a
reporting verb ("cue"): ``"...," X said`` / ``said X`` / ``X told ...`` /
``X said: "..."`` / ``according to X, "..."``.  A quotation split by its cue
(``"A," he said, "B."``) is one quotation spanning both parts, and a quotation
running over several paragraphs (opening mark on each new paragraph, no closing
mark on the previous one) is one quotation.  Content offsets include the quote
marks, as PolNeAR's Content annotation does.  Pronoun speakers (he / she) are
resolved sentence by sentence backwards: in each earlier sentence, a speaker
of a "Name said ..." attribution (quoted or not), else the sentence's first
person mention, whose gender (first name, Mr./Mrs./spokeswoman, the pronouns
that follow its mentions) does not contradict the pronoun; "they" and
unresolvable pronouns fall back to the most recent named speaker or the last
capitalised name.  A definite description of a person ("the Vermont senator
said") is resolved the same way (``speaker_kind`` "description").  A quotation
with no reporting verb gets an *inferred* speaker when one is evident
(``Name: "..."``, ``Name verb ... "fragment"``, a ``- Name.`` sign-off, or the
subject of the preceding sentences for a quotation paragraph); inferred
speakers have no cue and never count as attributed.
Scare quotes (1-3 words, no cue) and titles of works (Title Case, no cue) are
not quotations.  Unbalanced marks never raise: an unclosed quotation ends at
its paragraph's end.

Features emitted by ``extract`` (``FEATURES``, always in this order):

``quote_count``
    number of direct quotations found by ``find_quotes``.
``quotes_per_1k_words``
    ``quote_count`` per 1,000 words of article text (0 for an empty text).
``quote_attributed_share``
    share of quotations attributed through a reporting verb to a *named*
    speaker (a proper name, or a pronoun or person description resolved to
    one); 0 when no quotes.
``quote_titled_share``
    share of quotations whose speaker carries a title or role ("Sen.",
    "spokesperson Wang Wenbin", "Smith, a senior fellow at ...", "a campaign
    aide"); 0 when no quotes.
``quote_distinct_speakers``
    number of distinct named speakers (compared by surname / last token).
``quote_top_speaker_share``
    share of all quotations given to the single most-quoted named speaker;
    0 when no quotes.
``anonymous_sourcing_per_1k_words``
    vague or anonymous sourcing phrases ("analysts said", "experts say",
    "sources told", "officials said", "critics say", "some people say",
    "according to sources", "a source familiar with ...") per 1,000 words.
``quoted_char_share``
    share of the text's characters that lie inside quotations (0..1).

``extract`` puts every quotation (as a dict) in ``extra["quotes"]`` and gives
evidence snippets for the main features.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache

from . import Article, Signals

FEATURES: tuple[str, ...] = (
    "quote_count",
    "quotes_per_1k_words",
    "quote_attributed_share",
    "quote_titled_share",
    "quote_distinct_speakers",
    "quote_top_speaker_share",
    "anonymous_sourcing_per_1k_words",
    "quoted_char_share",
)


@dataclass(frozen=True)
class Quote:
    """One direct quotation.

    ``content``: (start, end) character offsets into the text, quote marks included;
    ``speaker``: the speaker's name (or nominal phrase such as "the spokesman"),
    pronouns resolved; ``speaker_span``: offsets of the speaker mention in the text
    (for a resolved pronoun, the pronoun itself); ``cue``: the reporting verb;
    ``titled``: the speaker carries a title / role; ``speaker_kind``: "name",
    "pronoun" (resolved to a name), "description" (a person description such as
    "the senator", resolved to a name), "nominal" (a description, e.g. "officials"),
    "inferred" (no reporting verb; speaker inferred from layout or context), or
    None (unattributed).
    """

    content: tuple[int, int]
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None
    titled: bool = False
    speaker_kind: str | None = None

    @property
    def named(self) -> bool:
        return self.speaker_kind in ("name", "pronoun", "description") and self.speaker is not None


# ---------------------------------------------------------------------------
# lexicons

_CUE_WORDS = """
said says say told tells tell added adds warned warns stated states explained explains
noted notes asked asks wrote writes argued argues claimed claims insisted insists
continued continues recalled recalls declared declares replied replies responded responds
remarked remarks tweeted tweets posted acknowledged acknowledges admitted admits announced
announces observed observes countered counters quipped joked jokes exclaimed shouted yelled
concluded concludes suggested suggests predicted predicts emphasized emphasised stressed
stresses cautioned cautions conceded concedes complained complains boasted boasts lamented
laments mused reiterated reiterates testified contended contends maintained maintains
asserted asserts vowed vows promised promises urged urges charged charges scoffed
answered answers reported reports read reads chanted wondered wonders pleaded pledged
thundered snapped fumed conceded confirmed confirms denied commented comments agreed agrees
saying adding telling noting writing arguing asking explaining warning declaring responding
replying insisting continuing claiming calling called calls described describes dubbed
proclaimed proclaims interjected retorted opined labeled labelled labeling mentioned thanked
tweeting posting recalling joking quipping acknowledging conceding admitting stating shouting
chanting yelling recounted recounts demanded demands echoed mocked mocking bragged touted
marveled gushed griped blasted slammed cried exclaims texted emailed retweeted reminded
reasoned speculated surmised informed offered begged pleaded reacted retaliated demurred
""".split()
_CUE_PHRASES = [
    "according to", "pointed out", "points out", "shot back", "went on to say",
    "went on", "put it", "wrote in", "said in", "told reporters",
]
# cues whose quotation is usually a short label ("called it a 'disaster'")
_WEAK_CUES = {"called", "calling", "calls", "described", "describes", "dubbed", "labeled", "labelled",
              "labeling", "mocked", "mocking", "touted", "blasted", "slammed", "offered", "mentioned"}
_PARTICIPLE_CUES = {"saying", "adding", "telling", "noting", "writing", "arguing", "asking",
                    "explaining", "warning", "declaring", "responding", "replying",
                    "insisting", "continuing", "claiming", "calling", "labeling", "tweeting",
                    "posting", "recalling", "joking", "quipping", "acknowledging", "conceding",
                    "admitting", "stating", "shouting", "chanting", "yelling", "mocking"}

_PRONOUNS = {"he": "he", "she": "she", "they": "they", "He": "he", "She": "she",
             "They": "they"}
_FIRST_PERSON = {"i", "we", "I", "We", "you", "You", "it", "It"}

# role / title words (lower-case); multi-word roles are matched on the phrase text
_ROLE_WORDS = set("""
president vice sen. senator rep. representative gov. governor mayor secretary gen. general
adm. admiral dr. prof. professor judge justice chairman chairwoman chair speaker leader
minister ambassador director chief officer commissioner attorney rev. spokesman spokeswoman
spokesperson spokespeople aide adviser advisor analyst strategist manager ceo founder
economist fellow researcher official executive lawyer candidate nominee pollster consultant
strategist organizer chairperson treasurer counsel editor reporter correspondent columnist
scientist expert historian head deputy coordinator lt. col. capt. sgt. maj. cmdr. sheriff
prosecutor congressman congresswoman councilman councilwoman lawmaker legislator delegate
mr.president superintendent principal activist host anchor pastor bishop pope king queen
prince dean scholar member partner owner instructor teacher commander detective inspector
agent diplomat envoy emir sheikh premier chancellor sen rep gov supporter volunteer voter
resident student worker veteran
""".split())
_HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms"}
_TITLE_ABBR = {"Sen.", "Rep.", "Gov.", "Gen.", "Adm.", "Dr.", "Prof.", "Rev.", "Lt.", "Col.",
               "Capt.", "Sgt.", "Maj.", "Cmdr.", "Gen", "Sen", "Rep", "Gov", "Dr"}
_NAME_CONNECTORS = {"de", "van", "von", "der", "bin", "al", "la", "le", "da", "del", "du", "di",
                    "of", "the", "and", "for", "St.", "Jr.", "Sr.", "&"}
# capitalised words that start a sentence or are otherwise never a speaker's name
_NOT_NAMES = set("""
The A An This That These Those It Its In On At For But And Or So If When While As After
Before Then Now Still Yet Also Asked Meanwhile However Later Earlier Instead Last Next
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
June July August September October November December I We You He She They His Her Their
Our My Your Some Many Most Several Both Each Every One Two Three Other Another Such What
Who Whom Which Where Why How There Here Today Tonight Yesterday Tomorrow Even Only Just
Not No Yes Well Oh
""".split())
_NOMINAL_DETS = {"the", "a", "an", "one", "two", "three", "some", "many", "several", "other",
                 "his", "her", "their", "its", "another", "both", "most", "few", "these",
                 "those", "top", "senior", "all"}
_SPEAKER_NOUNS = set("""
spokesman spokeswoman spokesperson spokespeople official officials aide aides adviser advisers
advisor advisors analyst analysts expert experts source sources critic critics observer
observers insider insiders statement report release campaign memo letter post tweet ad
group committee lawsuit complaint people person voter voters resident residents supporter
supporters protester protesters leader leaders lawmaker lawmakers strategist strategists
member members staff staffer staffers representative representatives agency department
ministry company firm organization spokespersons witness witnesses officer officers
economist economists researchers researcher scholar scholars activist activists observer
document documents study survey poll filing website editorial article story crowd man
woman men women friend friends judge candidate nominee governor senator mayor president
attorney lawyer lawyers prosecutors prosecutor police authorities administration
government teacher student official democrats republicans officials
""".split())
_ANON_HEADS = {"analysts", "experts", "sources", "source", "officials", "critics", "observers",
               "insiders", "aides", "people", "some", "many", "others", "diplomats",
               "economists", "strategists", "commentators", "pundits", "scientists",
               "researchers", "official"}

# ---------------------------------------------------------------------------
# compiled regexes

_QMARKS = '"“”„‟″«»'
_QMARK_RE = re.compile(r'["“”„‟″«»]')
_OPENERS = set("“„‟«")
_CLOSERS = set("”»")
_PARA_RE = re.compile(r"\n\s*")
_WORD_RE = re.compile(r"\w+(?:[’'\-.]\w+)*", re.UNICODE)
_CUE_RE = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(p) for p in _CUE_PHRASES), key=len, reverse=True))
    + r"|" + "|".join(sorted(_CUE_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Adm|Rev|Prof|St|Jr|Sr|Cmdr|[A-Z])\.(?=\s+[A-Z])"
    r"|[A-Za-z0-9À-ÿ][\w’'\-]*|[,;:.!?()\[\]—–]|--", re.UNICODE)
_SENT_END_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“A-Z])")
# anonymous / vague sourcing: anchored patterns, tried only at their anchor words
_ANON_VERBS = (r"(?:said|say|says|told|tell|believe|believes|argue|argued|warn|warned|claim|claimed|"
               r"suggest|suggested|noted|note|contend|contended|predict|predicted|insist|insisted)\b")
_ANON_PLURALS = {"analysts", "experts", "sources", "officials", "critics", "observers", "insiders",
                 "commentators", "pundits", "diplomats", "economists", "strategists", "people",
                 "others", "scientists", "researchers"}
_ANON_AT = {
    # "analysts said", "officials close to the talks say", "critics, however, argue"
    "plural": re.compile(
        r"\w+(?:\s+(?:close\s+to|familiar\s+with|briefed\s+on|in|at|with|inside|within|from)\s+"
        r"[\w\s’'-]{0,40}?)?\s*,?\s+(?:have\s+|had\s+|also\s+|who\s+|often\s+|privately\s+)?"
        + _ANON_VERBS, re.IGNORECASE),
    "according": re.compile(
        r"according\s+to\s+(?:\w+\s+){0,3}?(?:sources|officials|analysts|experts|insiders|people|"
        r"source|official|person|someone)\b", re.IGNORECASE),
    "single": re.compile(
        r"\w+\s+(?:who\s+(?:spoke|asked|requested|declined)[^.]{0,60}?(?:anonymity|named|identified)|"
        r"familiar\s+with|close\s+to|briefed\s+on|speaking\s+on\s+(?:the\s+)?condition)", re.IGNORECASE),
    "condition": re.compile(r"condition\s+of\s+anonymity", re.IGNORECASE),
    "declined": re.compile(r"declined\s+to\s+be\s+(?:named|identified)", re.IGNORECASE),
    "authorized": re.compile(r"authorized\s+to\s+(?:speak|discuss|comment)", re.IGNORECASE),
    "some": re.compile(r"\w+\s+(?:say|believe|argue|claim)\b", re.IGNORECASE),
}
_ANON_ANCHOR = {"according": "according", "source": "single", "official": "single",
                "insider": "single", "aide": "single", "person": "single", "condition": "condition",
                "declined": "declined", "authorized": "authorized", "some": "some", "many": "some"}
_ALPHA_RE = re.compile(r"[A-Za-z]+")


# ---------------------------------------------------------------------------
# quote-mark pairing

def _mark_role(text: str, i: int, open_now: bool) -> str:
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left_free = prev.isspace() or prev in "([{—–-/\u00a0" or prev in _QMARKS
    right_free = nxt.isspace() or nxt in ".,;:!?)]}—–-\u00a0" or nxt in _QMARKS
    if ch in _OPENERS:
        if right_free and not left_free and open_now:
            return "close"
        return "open"
    if ch in _CLOSERS:
        if left_free and not right_free and not open_now:
            return "open"
        return "close"
    # straight / ambiguous marks: decide by context, then by state
    if left_free and not right_free:
        return "open"
    if right_free and not left_free:
        return "close"
    return "close" if open_now else "open"


def _raw_segments(text: str) -> list[tuple[int, int, bool]]:
    """Pair quote marks into (start, end, closed) segments, paragraph by paragraph.

    A quotation left open at the end of a paragraph continues if the next paragraph
    starts with an opening mark (multi-paragraph convention); otherwise it ends at
    the paragraph end (``closed`` = False).
    """
    segs: list[tuple[int, int, bool]] = []
    marks = [m.start() for m in _QMARK_RE.finditer(text)]
    if not marks:
        return segs
    # paragraph boundaries
    para_ends = [m.start() for m in _PARA_RE.finditer(text)] + [len(text)]
    open_pos: int | None = None
    carry_start: int | None = None  # start of a multi-paragraph quotation
    pi = 0
    mi = 0
    n = len(marks)
    while mi < n:
        i = marks[mi]
        while pi < len(para_ends) and para_ends[pi] <= i:
            # paragraph ended before this mark
            pend = para_ends[pi]
            if open_pos is not None:
                # does the next paragraph start with an opening mark?
                j = pend
                while j < len(text) and text[j].isspace():
                    j += 1
                if j == i and _mark_role(text, i, False) == "open":
                    if carry_start is None:
                        carry_start = open_pos
                    open_pos = None
                else:
                    start = carry_start if carry_start is not None else open_pos
                    segs.append((start, _rstrip(text, pend), False))
                    open_pos = None
                    carry_start = None
            elif carry_start is not None:
                carry_start = None
            pi += 1
        role = _mark_role(text, i, open_pos is not None)
        if role == "open":
            if open_pos is not None and carry_start is None:
                # stray opening mark earlier in the paragraph: restart here
                pass
            open_pos = i
        else:
            if open_pos is not None:
                start = carry_start if carry_start is not None else open_pos
                segs.append((start, i + 1, True))
                open_pos = None
                carry_start = None
            # a closing mark with nothing open is ignored
        mi += 1
    if open_pos is not None:
        start = carry_start if carry_start is not None else open_pos
        # end at this paragraph's end
        k = bisect.bisect_right(para_ends, open_pos)
        pend = para_ends[k] if k < len(para_ends) else len(text)
        segs.append((start, _rstrip(text, pend), False))
    return segs


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# ---------------------------------------------------------------------------
# speaker parsing

@dataclass
class _Spk:
    name: str | None
    span: tuple[int, int] | None
    kind: str | None  # name / pronoun / nominal
    titled: bool
    cue: str | None
    cue_span: tuple[int, int] | None
    clause: tuple[int, int] | None  # extent of the attribution clause


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """Tokens of ``text[lo:hi]`` with offsets into ``text`` (``_TOKEN_RE`` has no look-behind,
    so scanning with pos/endpos gives the same tokens as scanning the slice, without copying it)."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, lo, hi)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:2] in ("Mc", "O’", "O'") and tok[2:3].isupper())


def _has_role(words: list[str]) -> bool:
    for w in words:
        lw = w.lower()
        if lw in _ROLE_WORDS or w in _TITLE_ABBR:
            return True
    return False


def _clean_name(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Strip leading titles / honorifics / roles and trailing connectors from a name run."""
    while toks and (toks[0][0] in _HONORIFICS or toks[0][0] in _TITLE_ABBR
                    or toks[0][0].lower() in _ROLE_WORDS or toks[0][0] in _NOT_NAMES
                    or toks[0][0].lower() in _NAME_CONNECTORS):
        toks = toks[1:]
    while toks and (toks[-1][0].lower() in _NAME_CONNECTORS and toks[-1][0] not in ("Jr.", "Sr.")):
        toks = toks[:-1]
    return toks


_POSS_RE = re.compile(r"[’']s?$")


@lru_cache(maxsize=4096)
def _strip_possessive(name: str) -> str:
    return _POSS_RE.sub("", name).rstrip(".,")


def _speaker_after(text: str, pos: int, limit: int) -> tuple[str | None, tuple[int, int] | None, str | None, bool, int]:
    """Parse a speaker phrase starting at ``pos`` ("said John Smith, a senior fellow ...")."""
    toks = _tokens(text, pos, min(limit, pos + 160))
    if not toks:
        return None, None, None, False, pos
    t0 = toks[0][0]
    if t0 in _PRONOUNS or t0.lower() in _PRONOUNS:
        return t0, (toks[0][1], toks[0][2]), "pronoun", False, toks[0][2]
    # collect a run: determiners / role words / capitalised tokens
    run: list[tuple[str, int, int]] = []
    for tok in toks:
        w = tok[0]
        if w in ",;:.!?()[]—–--":
            if w == "." and run and len(run[-1][0]) == 1:
                continue
            break
        if _is_cap(w) or w.lower() in _NAME_CONNECTORS or w.lower() in _ROLE_WORDS \
                or w.lower() in _NOMINAL_DETS or w.lower() in _SPEAKER_NOUNS or w in _TITLE_ABBR:
            if w.lower() in ("in", "on", "at", "during", "to", "that", "about"):
                break
            run.append(tok)
            if len(run) >= 9:
                break
        else:
            break
    if not run:
        return None, None, None, False, pos
    end = run[-1][2]
    words = [t[0] for t in run]
    titled = _has_role(words)
    # appositive after a comma: ", a senior fellow at ..." / ", the campaign's spokeswoman"
    rest = text[end:min(limit, end + 120)]
    m = re.match(r"\s*,\s*(?:(?:a|an|the|who|its|his|her|their)\b|[a-z][\w-]*\s+(?:of|at|for)\b|"
                 r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*[’']s\s)", rest)
    if m:
        titled = True
    name_toks = _clean_name([t for t in run if _is_cap(t[0]) or t[0].lower() in ("de", "van", "von", "bin", "al")])
    # keep only the first contiguous capitalised run (stop at connectors like "of")
    if name_toks and any(_is_cap(t[0]) and t[0] not in _NOT_NAMES for t in name_toks):
        contig = [name_toks[0]]
        for t in name_toks[1:]:
            if t[1] - contig[-1][2] > 1:
                break
            contig.append(t)
        # drop org-ish trailing parts after "of": handled by contiguity
        nm = " ".join(_strip_possessive(t[0]) if k == len(contig) - 1 else t[0] for k, t in enumerate(contig))
        return nm, (contig[0][1], contig[-1][2]), "name", titled, end
    if any(w.lower() in _SPEAKER_NOUNS for w in words):
        nom = " ".join(words)
        return nom, (run[0][1], end), "nominal", titled or _has_role(words), end
    return None, None, None, False, pos


_LEFT_SKIP = set("""
also later previously recently then once repeatedly often has had have would will
had has later again further already reportedly who which
""".split())


def _speaker_before(text: str, end: int, floor: int) -> tuple[str | None, tuple[int, int] | None, str | None, bool, int]:
    """Parse a speaker phrase ending at ``end`` ("John Smith, a senior fellow at X, said")."""
    lo = max(floor, end - 300)
    toks = _tokens(text, lo, end)
    # skip adverbs / auxiliaries immediately before the cue
    k = len(toks) - 1
    while k >= 0 and (toks[k][0].lower() in _LEFT_SKIP or (toks[k][0].endswith("ly") and toks[k][0].islower())):
        k -= 1
    if k < 0:
        return None, None, None, False, end
    titled = False
    # parenthetical after the name: "Gov. John Kasich (R-OH), said"
    if toks[k][0] == ")" or (toks[k][0] == "," and k > 0 and toks[k - 1][0] == ")"):
        j = k if toks[k][0] == ")" else k - 1
        while j >= 0 and toks[j][0] != "(" and k - j < 8:
            j -= 1
        if j > 0 and toks[j][0] == "(":
            k = j - 1
    # appositive: "Smith, a senior fellow at X, said"
    if toks[k][0] == ",":
        j = k - 1
        depth = 0
        while j >= 0 and toks[j][0] != "," and toks[j][0] not in ".;:!?" and k - j < 45:
            j -= 1
        if j >= 0 and toks[j][0] == "," and k - j > 1:
            appo = [t[0] for t in toks[j + 1:k]]
            if appo and all(w.isdigit() for w in appo):  # age: "Ramos, 58, said"
                k = j - 1
                appo = []
            titled = True if (appo and (appo[0].lower() in _NOMINAL_DETS or _has_role(appo)
                                        or appo[0].islower() or appo[-1].lower() in _ROLE_WORDS
                                        or any(w.endswith(("’s", "'s")) for w in appo))) else False
            if appo and not titled:
                return None, None, None, False, end
            k = j - 1
        else:
            return None, None, None, False, end
    if k < 0:
        return None, None, None, False, end
    w = toks[k][0]
    if w in _PRONOUNS:
        return w, (toks[k][1], toks[k][2]), "pronoun", titled, toks[k][1]
    # collect run backwards
    run: list[tuple[str, int, int]] = []
    j = k
    while j >= 0:
        w = toks[j][0]
        if w == "." or w in ",;:!?()[]—–--":
            break
        if _is_cap(w) or w.lower() in _NAME_CONNECTORS or w.lower() in _ROLE_WORDS \
                or w.lower() in _NOMINAL_DETS or w.lower() in _SPEAKER_NOUNS or w in _TITLE_ABBR \
                or w.lower() in ("campaign", "press", "communications", "national", "state",
                                 "former", "senior", "deputy", "political", "white", "house"):
            run.insert(0, toks[j])
            if len(run) >= 10:
                break
            j -= 1
            if w.lower() in _NOMINAL_DETS and w.lower() not in ("top", "senior", "former"):
                break
        else:
            break
    if not run:
        return None, None, None, False, end
    words = [t[0] for t in run]
    titled = titled or _has_role(words)
    name_toks = _clean_name([t for t in run if _is_cap(t[0])])
    if name_toks:
        # last contiguous capitalised run
        contig = [name_toks[-1]]
        for t in reversed(name_toks[:-1]):
            if contig[0][1] - t[2] > 1:
                break
            contig.insert(0, t)
        contig = _clean_name(contig)
        if contig and all(t[0].lower() in _ANON_HEADS for t in contig):
            return " ".join(words), (run[0][1], run[-1][2]), "nominal", titled, run[0][1]
        if contig and not all(t[0] in _NOT_NAMES for t in contig):
            nm = " ".join(_strip_possessive(t[0]) if i == len(contig) - 1 else t[0]
                          for i, t in enumerate(contig))
            # role words before the name ("spokesperson Wang Wenbin", "Sen. Ted Cruz")
            if run[0][1] < contig[0][1]:
                titled = titled or _has_role([t[0] for t in run if t[1] < contig[0][1]])
            return nm, (contig[0][1], contig[-1][2]), "name", titled, run[0][1]
    if any(w.lower() in _SPEAKER_NOUNS for w in words):
        return " ".join(words), (run[0][1], run[-1][2]), "nominal", titled or _has_role(words), run[0][1]
    return None, None, None, False, end


# ---------------------------------------------------------------------------
# main API

_NAME_MENTION_RE = re.compile(
    r"\b(?:(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][a-z’'\-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zA-Z’'\-]+)+")


def _word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _is_title_case_work(s: str) -> bool:
    words = _WORD_RE.findall(s)
    if not words or len(words) > 8:
        return False
    if re.search(r"[.!?,;]\s", s):
        return False
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    small = sum(1 for w in words if w.lower() in ("a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "or", "vs"))
    return caps >= 1 and caps + small == len(words)


_ABBR_END_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Adm|Rev|Prof|St|Jr|Sr)|\b[A-Z])\.$")


def _sentence_start(text: str, pos: int, floor: int) -> int:
    lo = max(floor, pos - 400)
    last = lo
    for m in _SENT_END_RE.finditer(text, lo, min(len(text), pos + 1)):
        if m.end() <= pos and not _ABBR_END_RE.search(text, max(0, m.start() - 6), m.start() + 1):
            last = m.end()
    return last


_CUE_SET = {w.lower() for w in _CUE_WORDS}
_PHRASE_NEXT = {}
for _p in _CUE_PHRASES:
    _a, _b = _p.split(" ", 1)
    _PHRASE_NEXT.setdefault(_a, []).append(re.compile(r"\s+" + r"\s+".join(map(re.escape, _b.split())) + r"\b"))


def _trie_regex(words) -> str:
    """A regex matching exactly ``words`` (lower-case ASCII letters), as a character trie so the
    engine rejects most positions at the first letter."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        end = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return emit(trie)


def _word_scan(words) -> re.Pattern:
    """Whole ASCII-letter runs equal (case-insensitively) to one of ``words``: the same hits as
    looping over ``_ALPHA_RE`` tokens and testing ``token.lower() in words``."""
    return re.compile(r"(?<![A-Za-z])" + _trie_regex({w.lower() for w in words}) + r"(?![A-Za-z])",
                      re.IGNORECASE | re.ASCII)


_CUE_SCAN_RE = _word_scan(_CUE_SET | set(_PHRASE_NEXT))
_ANON_SCAN_RE = _word_scan(_ANON_PLURALS | set(_ANON_ANCHOR))
_PEOPLE_Q_RE = re.compile(r"(?:some|many|other|most)\s+$")


def _find_cues(text: str) -> list[tuple[int, int, str]]:
    """Reporting-verb occurrences (start, end, text): one regex scan for the candidate words
    (whole ASCII-letter runs, case-insensitive), phrases ("according to") completed in place."""
    out = []
    for m in _CUE_SCAN_RE.finditer(text):
        lw = m.group().lower()
        nxt = _PHRASE_NEXT.get(lw)
        if nxt:
            hit = None
            for rx in nxt:
                mm = rx.match(text, m.end())
                if mm:
                    hit = mm
                    break
            if hit:
                out.append((m.start(), hit.end(), text[m.start():hit.end()]))
                continue
        if lw in _CUE_SET:
            out.append((m.start(), m.end(), m.group()))
    return out


def anonymous_sourcing(text: str) -> list[tuple[int, int]]:
    """Spans of vague / anonymous sourcing phrases ("analysts said", "a source familiar with")."""
    out: list[tuple[int, int]] = []
    last_end = -1
    for m in _ANON_SCAN_RE.finditer(text):
        lw = m.group().lower()
        kind = "plural" if lw in _ANON_PLURALS else _ANON_ANCHOR.get(lw)
        if kind is None or m.start() < last_end:
            continue
        mm = _ANON_AT[kind].match(text, m.start())
        if mm:
            if kind == "plural" and lw in ("people", "others"):
                # "people say" only with a vague quantifier before it ("some people say")
                before = text[max(0, m.start() - 12):m.start()].lower()
                if not _PEOPLE_Q_RE.search(before) and lw == "people":
                    continue
            out.append((m.start(), mm.end()))
            last_end = mm.end()
    return out


# ---------------------------------------------------------------------------
# pronoun / description resolution (gender-aware, person mentions only)

_FEMALE_FIRST = set("""
hillary melania ivanka chelsea michelle nancy elizabeth sarah carly nikki kellyanne hope huma
debbie donna jennifer jane mary patricia linda barbara susan jessica karen lisa betty margaret
sandra ashley kimberly emily carol amanda melissa deborah stephanie rebecca laura sharon cynthia
kathleen amy shirley angela helen anna brenda pamela nicole katherine samantha christine
catherine virginia rachel carolyn janet maria heather diane julie joyce victoria kelly christina
joan evelyn lauren judith megyn martha andrea cheryl hannah jacqueline gloria teresa ann sara
janice julia marie madison grace judy theresa beverly denise marilyn amber danielle rose brittany
diana abigail natalie jasmine jill kathy katie kate dana tammy tara tina rosa jodi jody loretta
condoleezza madeleine dianne kirsten tammy claire lindsey susana mia emma olivia sophia isabella
ava charlotte abby paula valerie wendy sheila gail ruth irene alice jean frances doris joy
peggy sally sonia elena kamala tulsi maxine jeanne marsha suzanne hilary theresa angela marine
sandy katy taylor kim erin molly megan meghan caroline alexandra alexis dena roxanne ellen
""".split())
_MALE_FIRST = set("""
donald bernie bernard ted marco jeb ben john mike michael paul chris christopher rand rick scott
barack joe joseph bill william george jim james robert bob david dave richard thomas tom charles
mark steven steve kevin brian jason jeff jeffrey ryan gary eric stephen larry frank jonathan
justin raymond gregory greg samuel sam patrick jack dennis jerry tyler aaron henry adam douglas
nathan peter pete zachary kyle walter harold jeremy ethan carl keith roger gerald christian terry
sean arthur austin noah lawrence jesse joshua dylan bryan louis alan albert randy ralph roy eugene
wayne russell bobby philip phil johnny howard newt reince mitch harry lindsey jon corey paul
reince sean kasich martin chuck marty tim timothy reid dick al ed edward fred franklin lee hank
mitt jared eric marco luis jose carlos juan jorge pedro antonio manuel francisco vladimir
benjamin bibi boris nigel emmanuel francois justin matt matthew andrew andy tony anthony kenneth
ken ron ronald dan daniel jimmy rudy rudolph rob roberto willie vince vincent barry bruce craig
todd travis glenn glen hugh ian neil norm norman oliver owen phillip ray rex seth shawn stan
stanley stuart ted terrence tommy trey wade warren wes wesley zach bret brett clint cory curt
darrell dick dwight earl elijah elliot evan floyd grant guy hal herman jay jeb joel kirk lamar
lincoln lyndon mack marion max mel milton murray ned nelson omar orrin otto pat perry preston
quentin reggie rodney ross rush sid sonny spencer thad trent troy tucker ty vic walt ward
""".split())
_FEMALE_WORDS = {"mrs.", "ms.", "mrs", "ms", "miss", "madam", "congresswoman", "spokeswoman",
                 "chairwoman", "councilwoman", "businesswoman", "queen", "princess", "first lady",
                 "wife", "mother", "daughter", "sister", "grandmother", "actress", "woman"}
_MALE_WORDS = {"mr.", "mr", "congressman", "spokesman", "councilman", "businessman", "king",
               "prince", "husband", "father", "son", "brother", "grandfather", "actor", "man", "pope"}
_CAPSEQ_RE = re.compile(
    r"(?<![\w’'])(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Rev|Prof|Capt|Adm|Maj)\.\s+)?"
    r"[A-Z][a-zA-Z’'\-]*[a-z][a-zA-Z’'\-]*(?:[ \t]+(?:[A-Z]\.[ \t]+)?(?:(?:de|van|von|al|bin|del|la|le)[ \t]+)?"
    r"[A-Z][a-zA-Z’'\-]*[a-z][a-zA-Z’'\-]*)*")
_DESCRIPTION_RE = re.compile(
    r"(?:the|The|this|This)\s+(?:[\w’'.\-]+\s+){0,3}(?:senator|governor|president|candidate|nominee|"
    r"spokesman|spokeswoman|congressman|congresswoman|businessman|businesswoman|billionaire|mogul|"
    r"mayor|secretary|chairman|chairwoman|front-runner|frontrunner|[\w\-]*year-old|lawmaker|"
    r"leader|senator-elect|host|commentator|candidate|contender|hopeful|challenger|speaker|"
    r"congressman|representative|pundit|strategist|adviser|advisor|director|chief|attorney|judge)")
_DESC_HEAD_AFTER_RE = re.compile(
    r"(?:\s+[a-z][\w\-]*){0,2}?\s+(?:senator|governor|president|candidate|nominee|congressman|"
    r"congresswoman|businessman|billionaire|mogul|mayor|lawmaker|front-runner|frontrunner|"
    r"[\w\-]*year-old|leader|hopeful|contender)\b")
_SHORT_MODS_RE = re.compile(r"(?:[a-z][\w’'\-]*\s+){1,3}")
_SENT_BREAK_RE = re.compile(r"[.!?][\"”’)]*\s+|\n\s*")
_NO_BREAK_BEFORE_RE = re.compile(r"(?:[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St))$")
_GENDER_BEFORE_RE = re.compile(
    r"\b(?:((?:congress|spokes|chair|council|business)woman|madam|first\s+lady|wife|mother|daughter|"
    r"sister|grandmother|actress|woman)|((?:congress|spokes|council|business)man|husband|father|son|"
    r"brother|grandfather|actor|man|pope))\s+(?:[\w.’'\-]+\s+)?$", re.IGNORECASE)
_GPRON_RE = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.IGNORECASE)
_PERSON_TITLE_PREFIX = {"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.",
                        "Sgt.", "Rev.", "Prof.", "Capt.", "Adm.", "Maj.", "President", "Senator",
                        "Secretary", "Governor", "Mayor", "Judge", "Justice", "Speaker", "Chairman",
                        "Chairwoman", "Director", "Ambassador", "Minister", "Prime", "Congressman",
                        "Congresswoman", "Pope", "Chief", "Attorney", "General", "Leader"}
_NON_PERSON_LAST = set("""
states house party committee department university college school street city county state
republicans democrats republican democratic times post journal news network magazine
court congress senate council agency administration campaign foundation institute center
centre association union company corp inc group press review daily weekly tribune
fund bank office ministry commission board church island islands river valley coast
america europe africa asia china russia mexico canada iowa hampshire carolina york
""".split())


def _gender_of_words(words: list[str]) -> str | None:
    for w in words:
        lw = w.lower()
        if lw in _FEMALE_WORDS:
            return "f"
        if lw in _MALE_WORDS:
            return "m"
    return None


class _Resolver:
    """Person mentions (outside quotations) with a gender guess, for pronoun resolution."""

    def __init__(self, text: str, inside_quote, speaker_names: list[str]):
        self.text = text
        known = {_surname(n) for n in speaker_names if n}
        raw = []  # (start, end, tokens, title_prefix_words)
        for m in _CAPSEQ_RE.finditer(text):
            if inside_quote(m.start()):
                continue
            toks = m.group().split()
            pre = []
            while toks and (toks[0] in _PERSON_TITLE_PREFIX or toks[0] in _NOT_NAMES
                            or toks[0] in _HONORIFICS):
                pre.append(toks.pop(0))
            if not toks:
                continue
            raw.append((m.start(), m.end(), toks, pre))
        gender: dict[str, Counter] = {}
        full: dict[str, str] = {}
        persons: set[str] = set(known)
        for s, e, toks, pre in raw:
            sur = _strip_possessive(toks[-1]).lower()
            if sur in _NON_PERSON_LAST or not sur:
                continue
            first = toks[0].lower()
            g = _gender_of_words(pre) if pre else None
            if g is None and len(toks) >= 2:
                g = "f" if first in _FEMALE_FIRST else "m" if first in _MALE_FIRST else None
            is_person = sur in known or bool(pre and any(p not in _NOT_NAMES for p in pre)) \
                or (len(toks) >= 2 and (first in _FEMALE_FIRST or first in _MALE_FIRST))
            if g is None and is_person:
                mb = _GENDER_BEFORE_RE.search(text, max(0, s - 30), s)
                if mb:
                    g = "f" if mb.group(1) else "m"
            if is_person:
                persons.add(sur)
                if len(toks) >= 2 and len(" ".join(toks)) > len(full.get(sur, "")):
                    full[sur] = " ".join(toks[:-1] + [_strip_possessive(toks[-1])])
            if g:
                gender.setdefault(sur, Counter())[g] += 2
        self.mentions = []  # (start, end, surname)
        for s, e, toks, pre in raw:
            sur = _strip_possessive(toks[-1]).lower()
            if sur in persons:
                self.mentions.append((s, e, sur))
                if sur not in full:
                    full[sur] = _strip_possessive(toks[-1]) if len(toks) == 1 else \
                        " ".join(toks[:-1] + [_strip_possessive(toks[-1])])
        # pronoun votes: the next gendered pronoun after a mention, in the same sentence
        # and before the next mention
        for k, (s, e, sur) in enumerate(self.mentions):
            nxt = self.mentions[k + 1][0] if k + 1 < len(self.mentions) else len(text)
            lim = min(nxt, e + 150)
            m = _SENT_BREAK_RE.search(text, e, lim)
            while m and text[m.start()] != "\n" and _NO_BREAK_BEFORE_RE.search(text, max(0, m.start() - 4), m.start()):
                m = _SENT_BREAK_RE.search(text, m.end(), lim)
            if m:
                lim = m.start()
            m = _GPRON_RE.search(text, e, lim)
            if m and not inside_quote(m.start()):
                gender.setdefault(sur, Counter())["m" if m.group(1) else "f"] += 1
        self.gender = {k: (v.most_common(1)[0][0] if len(v) == 1 or v.most_common(2)[0][1] > v.most_common(2)[1][1]
                           else None) for k, v in gender.items()}
        self.full = full
        self.pos = [m[0] for m in self.mentions]
        self.sent_starts = [0] + [m.end() for m in _SENT_BREAK_RE.finditer(text)
                                  if text[m.start()] == "\n"
                                  or not _NO_BREAK_BEFORE_RE.search(text, max(0, m.start() - 4), m.start())]

    def sent_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def resolve_subject(self, pos: int, pron: str, speakers, spos, max_sents: int = 8) -> str | None:
        g = "m" if pron == "he" else "f" if pron == "she" else None

        def ok(sur):
            sg = self.gender.get(sur)
            return g is None or sg is None or sg == g

        si = self.sent_of(pos)
        lo_s = max(0, si - max_sents)
        for k in range(si, lo_s - 1, -1):
            a = self.sent_starts[k]
            b = min(pos, self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.text))
            # speakers attributed in this sentence (latest first)
            i0 = bisect.bisect_left(spos, a)
            i1 = bisect.bisect_left(spos, b)
            for j in range(i1 - 1, i0 - 1, -1):
                if ok(_surname(speakers[j][1])):
                    return speakers[j][1]
            # else the first (subject) person mention of the sentence
            i0 = bisect.bisect_left(self.pos, a)
            i1 = bisect.bisect_left(self.pos, b)
            for j in range(i0, i1):
                sur = self.mentions[j][2]
                if ok(sur):
                    return self.full.get(sur, sur)
        return None

    def resolve_speaker(self, pos: int, pron: str, speakers, spos, window: int = 3000) -> str | None:
        g = "m" if pron == "he" else "f" if pron == "she" else None
        k = bisect.bisect_left(spos, pos) - 1
        while k >= 0 and speakers[k][0] >= pos - window:
            sur = _surname(speakers[k][1])
            sg = self.gender.get(sur)
            if g is None or sg is None or sg == g:
                return speakers[k][1]
            k -= 1
        return None

    def resolve(self, pos: int, pron: str, window: int = 3000) -> str | None:
        g = "m" if pron == "he" else "f" if pron == "she" else None
        k = bisect.bisect_left(self.pos, pos) - 1
        while k >= 0 and self.mentions[k][0] >= pos - window:
            sur = self.mentions[k][2]
            sg = self.gender.get(sur)
            if g is None or sg is None or sg == g:
                return self.full.get(sur, sur)
            k -= 1
        return None


_DASH_SIG_RE = re.compile(r"\s*\n\s*[-—–]\s*((?:[A-Z][\w’'.\-]*\s?){1,4})[.\n]")


def _implicit_speaker(text: str, s: int, e: int, ps: int, resolver: "_Resolver", mentions, mention_pos):
    """Speaker of a quotation with no reporting verb: 'Name: "..."', 'Name verb ... "fragment"',
    a sign-off paragraph ('- Sanders.'), or the subject of the preceding sentences."""
    sent0 = _sentence_start(text, s, ps)
    lead = text[sent0:s]
    if lead.rstrip().endswith(":"):
        cpos = sent0 + len(lead.rstrip()) - 1
        nm, sp, kind, _t, _st = _speaker_before(text, cpos, sent0)
        if kind == "name":
            return nm, sp
    if sent0 < s and re.search(r"[A-Za-z]{2,}", lead):
        nm, sp, kind, _t, _e = _speaker_after(text, sent0, s)
        if kind == "name":
            return nm, sp
        if kind == "pronoun" and nm.lower() in ("he", "she"):
            r = resolver.resolve_subject(sp[0], nm.lower(), mentions, mention_pos)
            return (r, sp) if r else (None, None)
    m = _DASH_SIG_RE.match(text, e)
    if m:
        nm = m.group(1).strip().rstrip(".")
        return nm, (m.start(1), m.start(1) + len(nm))
    if s == ps:
        r = resolver.resolve_subject(s, "", mentions, mention_pos, max_sents=3)
        if r:
            return r, None
    return None, None


def find_quotes(text: str) -> list[Quote]:
    """Find the direct quotations in ``text`` with speaker, cue and title flag."""
    if not text or not _QMARK_RE.search(text):
        return []
    return _find_quotes(text)


def _find_quotes(text: str) -> list[Quote]:
    segs = _raw_segments(text)
    if not segs:
        return []
    para_starts = [0] + [m.end() for m in _PARA_RE.finditer(text)]
    para_start_set = set(para_starts)
    cues = _find_cues(text)
    cue_starts = [c[0] for c in cues]

    def para_bounds(pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(para_starts, pos) - 1
        ps = para_starts[k]
        pe = para_starts[k + 1] if k + 1 < len(para_starts) else len(text)
        return ps, _rstrip(text, pe)

    def cues_in(lo: int, hi: int):
        a = bisect.bisect_left(cue_starts, lo)
        b = bisect.bisect_left(cue_starts, hi)
        return cues[a:b]

    # named speaker mentions from any "Name said" attribution (used to resolve pronouns)
    seg_mask_starts = [s for s, _, _ in segs]
    seg_ends = [e for _, e, _ in segs]

    def inside_quote(pos: int) -> bool:
        k = bisect.bisect_right(seg_mask_starts, pos) - 1
        return k >= 0 and seg_ends[k] > pos

    mentions: list[tuple[int, str]] = []  # (position, name)
    for cs, ce, cw in cues:
        if inside_quote(cs):
            continue
        lw = cw.lower()
        if lw in _PARTICIPLE_CUES or lw == "according to":
            if lw == "according to":
                nm, sp, kind, _, _ = _speaker_after(text, ce, len(text))
                if kind == "name":
                    mentions.append((sp[0], nm))
            continue
        nm, sp, kind, _, _ = _speaker_before(text, cs, max(0, cs - 200))
        if kind == "name":
            mentions.append((sp[0], nm))
        else:
            nm, sp, kind, _, _ = _speaker_after(text, ce, len(text))
            if kind == "name" and sp[0] - ce < 3:
                mentions.append((sp[0], nm))
    mentions.sort()
    mention_pos = [m[0] for m in mentions]
    # fallback: capitalised multi-word names outside quotes
    caps: list[tuple[int, str]] = []  # built on first use (only when no speaker precedes)
    caps_pos: list[int] = []
    caps_built: list[bool] = []

    def resolve(pos: int) -> str | None:
        k = bisect.bisect_left(mention_pos, pos) - 1
        if k >= 0:
            return mentions[k][1]
        if not caps_built:
            caps_built.append(True)
            caps.extend((m.start(), m.group()) for m in _NAME_MENTION_RE.finditer(text))
            caps_pos.extend(c[0] for c in caps)
        k = bisect.bisect_left(caps_pos, pos) - 1
        while k >= 0:
            nm = caps[k][1]
            toks = nm.split()
            if toks[0] not in _NOT_NAMES and not inside_quote(caps[k][0]):
                return " ".join(t for t in toks if t not in _HONORIFICS and t not in _TITLE_ABBR)
            k -= 1
        return None

    def attribution(s: int, e: int) -> _Spk | None:
        ps, pe = para_bounds(s)
        _, pe_end = para_bounds(max(s, e - 1))
        # 1) trailing: '"...," X said' / '"...," said X'
        after = text[e:min(pe_end, e + 200)]
        m = re.match(r"\s*(?:,|—|–|--|-)?\s*", after)
        off = e + (m.end() if m else 0)
        for cs, ce, cw in cues_in(off, min(pe_end, off + 260)):
            between = text[off:cs]
            if _QMARK_RE.search(between) or re.search(r"[.!?;]\s", between):
                break
            if cs == off:
                # cue first: 'said X' ; participle cues never start a trailing clause
                nm, sp, kind, titled, end = _speaker_after(text, ce, pe_end)
                if kind:
                    return _Spk(nm, sp, kind, titled, cw, (cs, ce), (e, end))
                continue
            nm, sp, kind, titled, start = _speaker_before(text, cs, off)
            if kind and (start <= off + 2 or _SHORT_MODS_RE.fullmatch(text, off, start)):
                return _Spk(nm, sp, kind, titled, cw, (cs, ce), (e, ce))
            break
        # 2) leading: 'X said: "..."' / 'X said, "..."' / 'according to X, "..."'
        sent0 = _sentence_start(text, s, ps)
        lead = cues_in(sent0, s)
        for cs, ce, cw in reversed(lead):
            if inside_quote(cs):
                continue
            lw = cw.lower()
            gap = text[ce:s]
            if lw == "according to":
                nm, sp, kind, titled, end = _speaker_after(text, ce, s)
                if kind:
                    return _Spk(nm, sp, kind, titled, cw, (cs, ce), (cs, end))
                continue
            if lw in _WEAK_CUES and len(gap) > 60:
                continue
            if len(gap) > 250:
                continue
            nm, sp, kind, titled, start = _speaker_before(text, cs, sent0)
            if kind:
                return _Spk(nm, sp, kind, titled, cw, (cs, ce), (start, ce))
            # 'said Smith: "..."' / 'Continued Stone: "..."'
            nm, sp, kind, titled, end = _speaker_after(text, ce, s)
            if kind and sp and sp[0] - ce < 3 and re.match(r"\s*[,:]", text[end:s]):
                return _Spk(nm, sp, kind, titled, cw, (cs, ce), (cs, end))
            if lw in _PARTICIPLE_CUES:
                if True:
                    nm, sp, kind, titled, _e = _speaker_after(text, sent0, cs)
                    if kind:
                        return _Spk(nm, sp, kind, titled, cw, (cs, ce), (sent0, ce))
        # 3) colon-introduced quotation in its own paragraph: 'Cruz continued:\n\n"..."'
        if s == ps and ps > 0:
            pprev_end = _rstrip(text, ps)
            if pprev_end > 0 and text[pprev_end - 1] == ":":
                pps, _ = para_bounds(pprev_end - 1)
                sent1 = _sentence_start(text, pprev_end - 1, pps)
                for cs, ce, cw in reversed(cues_in(sent1, pprev_end)):
                    if inside_quote(cs):
                        continue
                    nm, sp, kind, titled, start = _speaker_before(text, cs, sent1)
                    if not kind:
                        nm, sp, kind, titled, _e = _speaker_after(text, ce, pprev_end)
                    if kind:
                        return _Spk(nm, sp, kind, titled, cw, (cs, ce), (sent1, ce))
        return None

    raw: list[tuple[int, int, bool, _Spk | None]] = []
    for s, e, closed in segs:
        raw.append((s, e, closed, attribution(s, e)))

    # merge "A," he said, "B." and "A." Smith said. "B." (same paragraph, second part unattributed)
    merged: list[list] = []
    for s, e, closed, spk in raw:
        s0 = s
        # a partial quotation inside reported speech ('X said that Y was "a disaster"'):
        # PolNeAR's content starts right after the cue, so the span does too
        if spk is not None and spk.clause is not None and spk.clause[1] <= s:
            gap = text[spk.clause[1]:s]
            if re.search(r"[A-Za-z]{2,}", gap) and ":" not in gap and not _QMARK_RE.search(gap):
                m = re.search(r"\bthat\b", gap)
                if m:
                    s = spk.clause[1] + m.start()
                else:
                    m = re.match(r"\s*(?:,\s*)?(?:(?:on|last|this|in\s+a\s+statement|in\s+an\s+interview|"
                                 r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                                 r"today|yesterday|recently|repeatedly|again|also)\b[,\s]*)*", gap)
                    s = spk.clause[1] + (m.end() if m else 0)
        if merged:
            ps_, pe_, pclosed, pspk, _ps0 = merged[-1]
            if pspk is not None and spk is not None and spk.cue_span == pspk.cue_span \
                    and not re.search(r"[.!?][\"”’]?\s", text[pe_ - 1:s]):
                merged[-1] = [ps_, e, closed, pspk, merged[-1][4]]
                continue
            if pspk is not None and (spk is None or spk.cue_span == pspk.cue_span) and pspk.clause is not None \
                    and pspk.clause[0] >= pe_ - 1 and para_bounds(ps_)[0] == para_bounds(s)[0]:
                gap = text[pspk.clause[1]:s]
                if len(gap) < 120 and not _QMARK_RE.search(gap):
                    merged[-1] = [ps_, e, closed, pspk, merged[-1][4]]
                    continue
            # a following paragraph that opens with an unattributed quotation continues
            # the previous speaker (PolNeAR annotates it as the same content)
            if pspk is not None and spk is None and s in para_start_set:
                tail = pspk.clause[1] if pspk.clause and pspk.clause[1] > pe_ else pe_
                gap = text[tail:s]
                if len(gap) < 40 and not _QMARK_RE.search(gap) and not re.search(r"\w{3,}", gap):
                    merged[-1] = [ps_, e, closed, pspk, merged[-1][4]]
                    continue
        merged.append([s, e, closed, spk, s0])

    out: list[Quote] = []
    last_named: str | None = None
    resolver: _Resolver | None = None
    for s, e, closed, spk, s0 in merged:
        inner = text[s0:e].strip(_QMARKS + " \n\t")
        nwords = len(_WORD_RE.findall(inner))
        if nwords == 0:
            continue
        if spk is None:
            # unattributed: scare quotes and titles of works are not quotations
            if nwords <= 3 or _is_title_case_work(inner):
                continue
            if nwords < 6 and not re.search(r"[.!?,]$", inner):
                continue
            # a full-sentence quotation right after an attribution ("X said in a
            # statement. \"...\"") belongs to that speaker
            ps, _ = para_bounds(s)
            lo = ps if s > ps else para_bounds(max(0, ps - 2))[0]
            inh = None
            for cs, ce, cw in reversed(cues_in(lo, s)):
                if inside_quote(cs) or cw.lower() in _WEAK_CUES:
                    continue
                nm, sp, kind, titled, _st = _speaker_before(text, cs, max(lo, cs - 200))
                if kind:
                    inh = (nm, sp, kind, titled, cw)
                break
            if inh is None:
                # no reporting verb: infer the speaker (never counted as attributed)
                if resolver is None:
                    resolver = _Resolver(text, inside_quote, [m[1] for m in mentions])
                nm, sp = _implicit_speaker(text, s, e, para_bounds(s)[0], resolver, mentions, mention_pos)
                out.append(Quote((s, e), nm, sp, None, False, "inferred" if nm else None))
                continue
            spk = _Spk(inh[0], inh[1], inh[2], inh[3], inh[4], None, None)
        weak = bool(spk.cue) and spk.cue.lower() in _WEAK_CUES
        if (weak or nwords <= 3) and _is_title_case_work(inner):
            continue  # a title of a work ("a book called 'The Long Night'")
        if nwords <= 3 and spk.clause is not None and spk.clause[1] <= s0 \
                and re.search(r"[A-Za-z]{2,}", text[spk.clause[1]:s0]):
            continue  # a scare quote inside reported speech, not a quotation
        name, kind, span = spk.name, spk.kind, spk.span
        if kind == "pronoun":
            lp = name.lower()
            if lp in ("he", "she"):
                if resolver is None:
                    resolver = _Resolver(text, inside_quote, [m[1] for m in mentions])
                name = resolver.resolve_subject(span[0], lp, mentions, mention_pos) or resolve(span[0])
            else:
                name = resolve(span[0]) if lp == "they" else None
            if name is None:
                kind = None
        if kind == "name" and span and span[0] >= 4 and text[span[0] - 4:span[0]] in ("the ", "The "):
            # "the Vermont senator": a capitalised modifier, not a name
            m = _DESC_HEAD_AFTER_RE.match(text, span[1])
            if m:
                name, kind, span = text[span[0] - 4:m.end()], "nominal", (span[0] - 4, m.end())
        if kind == "nominal" and name and _DESCRIPTION_RE.fullmatch(name):
            # a definite description of a person ("the Vermont senator"): the person it names
            if resolver is None:
                resolver = _Resolver(text, inside_quote, [m[1] for m in mentions])
            head = name.split()[-1].lower()
            g = "she" if head in _FEMALE_WORDS else "he" if head in _MALE_WORDS else ""
            r = resolver.resolve_subject(span[0], g, mentions, mention_pos, max_sents=6)
            if r:
                name, kind = r, "description"
        if kind == "name" and name:
            last_named = name
        out.append(Quote((s, e), name, span, spk.cue, bool(spk.titled), kind))
    return out


def _surname(name: str) -> str:
    toks = [t for t in re.split(r"\s+", name.strip()) if t]
    if not toks:
        return ""
    return _strip_possessive(toks[-1]).lower()


def extract(article: Article) -> Signals:
    text = article.text or ""
    quotes = find_quotes(text)
    words = _word_count(text)
    per_k = 1000.0 / words if words else 0.0
    n = len(quotes)
    named = [q for q in quotes if q.named and q.cue]
    titled = [q for q in quotes if q.titled]
    speakers = Counter(_surname(q.speaker) for q in named if q.speaker)
    speakers.pop("", None)
    anon = anonymous_sourcing(text)
    quoted_chars = sum(q.content[1] - q.content[0] for q in quotes)
    values = {
        "quote_count": float(n),
        "quotes_per_1k_words": n * per_k,
        "quote_attributed_share": len(named) / n if n else 0.0,
        "quote_titled_share": len(titled) / n if n else 0.0,
        "quote_distinct_speakers": float(len(speakers)),
        "quote_top_speaker_share": (max(speakers.values()) / n) if (n and speakers) else 0.0,
        "anonymous_sourcing_per_1k_words": len(anon) * per_k,
        "quoted_char_share": min(1.0, quoted_chars / len(text)) if text else 0.0,
    }
    values = {k: (float(values[k]) if math.isfinite(values[k]) else 0.0) for k in FEATURES}

    def snip(a: int, b: int, width: int = 160) -> str:
        s = text[a:b]
        s = " ".join(s.split())
        return s if len(s) <= width else s[: width - 1] + "…"

    evidence: dict[str, str] = {}
    if quotes:
        q0 = quotes[0]
        evidence["quote_count"] = snip(*q0.content)
    if named:
        q = named[0]
        evidence["quote_attributed_share"] = f"{q.speaker} ({q.cue}): {snip(*q.content, width=120)}"
    if titled:
        q = titled[0]
        lo = min(q.content[0], q.speaker_span[0]) if q.speaker_span else q.content[0]
        hi = max(q.content[1], q.speaker_span[1]) if q.speaker_span else q.content[1]
        evidence["quote_titled_share"] = snip(lo, min(hi + 60, len(text)))
    if speakers:
        top, cnt = speakers.most_common(1)[0]
        full = next(q.speaker for q in named if _surname(q.speaker or "") == top)
        evidence["quote_top_speaker_share"] = f"{full}: {cnt} of {n} quotations"
        evidence["quote_distinct_speakers"] = ", ".join(
            next(q.speaker for q in named if _surname(q.speaker or "") == s) for s in list(speakers)[:8])
    if anon:
        a0, a1 = anon[0]
        evidence["anonymous_sourcing_per_1k_words"] = snip(max(0, a0 - 40), min(len(text), a1 + 40))
    extra = {"quotes": [dict(asdict(q), text=text[q.content[0]:q.content[1]][:300]) for q in quotes]}
    return Signals(values=values, evidence=evidence, extra=extra)
