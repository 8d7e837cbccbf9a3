"""Quote-attribution signals: who is quoted, how, and how openly sources are named.

``find_quotes(text)`` finds direct quotations (text inside double quote marks,
straight ``"`` or curly ``“ ”``) and attributes each to a speaker through a
reporting verb ("cue"): ``"...," X said`` / ``said X`` / ``X told ...`` /
``X said: "..."`` / ``according to X, "..."`` / ``X was asked by Y, "..."``.

What one quotation is (content offsets include the quote marks, as PolNeAR's
Content annotation does):

* a quotation split by its cue (``"A," he said, "B."``, ``"A," she said, and
  "B."``) is one quotation spanning both parts;
* an unattributed quotation that starts the sentence right after the
  attribution sentence continues it (``"A," Smith said Tuesday. "B."``, also
  into the next paragraph), as does a quotation running over several
  paragraphs (opening mark on each new paragraph, no closing mark on the
  previous one);
* a quoted fragment inside reported speech (``X said that Y was "a disaster"
  for Z``) is judged with the clause around it: the content runs from after the
  reporting verb (from "that" when there is one) to the end of the clause, and
  it is a direct quotation only when at least half of its non-space characters
  are quoted (PolNeAR's rule); otherwise it is a paraphrase and not returned;
* scare quotes (1-3 words, no cue) and titles of works (Title Case, no cue or a
  labelling cue such as "called") are not quotations.  Unbalanced marks never
  raise: an unclosed quotation ends at its paragraph's end.

Speakers: the name in the speaker phrase (titles, roles and organisation words
before it dropped: "Democratic strategist David Axelrod", "Secretary of State
John Kerry", "Jake Sullivan" in "Clinton's aide, Jake Sullivan, said"; the
person before "of" in "Joel Pollak of Breitbart California", also over several
links and a comma-less appositive: "Jeffrey Lewis of the James Martin Center for
Nonproliferation Studies wrote", "Sam Lau, the communications director for the Iowa
Democratic Party said", "Filippo Grandi, the United Nations High Commissioner for
Refugees (UNHCR), reacted"; the name after a noun or rank: "said Cruz constituent Dan
Golvach", "said Air Force 1st Lt. Tyler Livingston", "said master of ceremonies Ray
Okafor"; an organisation when no person is named: "the Democratic National
Committee").  A phrase headed
by a common noun is a *nominal* speaker ("an Israeli official", "the Clinton
campaign", "federal prosecutors", "another commenter", "the author", "the
Democratic frontrunner", "Another intelligence source", "a former U.S. law
enforcement official"; "a spokesman for X", "a spokeswoman for the House
Republicans" and "a reporter at X" are the role noun phrase, not X).  A
phrase before a relative clause without commas speaks ("a city official who
spoke on condition of anonymity said"); a name that is the object of a
preposition does not ("took to Twitter to say").  A participle or coordinated
verb (``..., adding that "B"``, ``X said ... and insisted that "B"``) takes the
subject of the main clause: the first phrase, after any fronted phrase ("Hours
later,", "Speaking in Salem, New Hampshire,", "And after the court refused to act,"
-- also for an inferred speaker --, not "Eight years ago," nor a first
name such as "Carly" or "Kelly" that looks like an adverb), that a
verb follows, or a description ("The council voted ..., saying", "his campaign
sent ... saying"); in "..., with Sen. John McCain calling it ..." and "footage
of Trump saying" the named person speaks.  "and Clinton said" after another
clause is a new subject, not a coordinated verb.

Pronoun speakers (he / she) are resolved sentence by sentence backwards: in
each earlier sentence, the latest "Name said ..." speaker (quoted or not, also
an inverted "..., said Katie Harbath") or he / she speaker resolved before,
else the sentence's first person mention that can be its subject (not the
object of a preposition, not a noun modifier such as "the Sanders campaign" or
"Obama consultant Cornell Belcher", not a US state; a possessive only when
nothing else fits, and "Christie's been" is not a possessive).  A sentence whose
subject is the same pronoun is skipped; the speaker of a non-restrictive
relative clause ("..., Bush and Christie, who say ...") is not taken over the
sentence's subject; in a sentence opening with a subordinate clause ("When
Maddow pointed out that Sanders calls it ..., Clinton seized ...") the main
clause after its comma is looked at first.  Candidates must not contradict the
pronoun's gender (first names, Mr./Mrs., gendered role nouns such as
"spokeswoman" or "mother", the next he / she after a mention).  Mentions with a
first name are separate people ("Bill Clinton" vs "Hillary Clinton"); a bare
surname joins the latest gender-compatible one.  "they" and unresolvable
pronouns fall back to the most recent named speaker or the last capitalised
name.  A definite description of a person ("the Vermont senator said", "the
senator from Vermont said") is resolved the same way (``speaker_kind``
"description").

A quotation with no reporting verb gets an *inferred* speaker when one is
evident: ``Name: "..."``; ``Name verb ... "fragment"`` (also a description
subject: ``The petition accuses X of "..."``); a ``- Name.`` sign-off; a dash
signature on the same or the next line as in quote collections and pull quotes
(``“...” ― Name`` / ``“...”\\n— Name, role``, or ``Name, Affiliation`` alone on
the next line; the quotation then ends at its closing mark); a ``Name released
this statement:`` paragraph; the subject of the preceding sentences for a
quotation paragraph; or the named subject of the previous sentence for a
quotation opening a sentence inside a paragraph ("Bolton distanced himself ...
“...”").  Inferred speakers have no cue and never count as attributed.  Names
keep accented letters ("Lazăr", "Calderón") and particles ("Michery el Soheil").

Features emitted by ``extract`` (``FEATURES``, always in this order):

``quote_count``
    number of direct quotations found by ``find_quotes``.
``quotes_per_1k_words``
    ``quote_count`` per 1,000 words of article text (words = whitespace-separated
    tokens; 0 for an empty text).
``quote_attributed_share``
    share of quotations attributed through a reporting verb to a *named*
    speaker (a proper name of a person or organisation, or a pronoun or person
    description resolved to one; not nominal speakers such as "officials" and
    not inferred speakers); 0 when no quotes.
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
    "according to sources", "a source familiar with ...") per 1,000 words
    (words as for ``quotes_per_1k_words``).
``quoted_char_share``
    share of the text's characters that lie inside quotations (0..1).

``extract`` puts every quotation (as a dict) in ``extra["quotes"]`` and gives
evidence snippets for the main features.

Speed: one lower-cased regex scan finds all reporting-verb and anonymous-sourcing
anchors; sentence and paragraph starts are computed once and looked up by
bisection; "Name said" mentions and the person/gender index used for pronouns
are built only when a quotation needs them.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
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
remembered sings sang chimed pressed questioned quip whispered murmured screamed roared sighed
""".split()
_CUE_PHRASES = [
    "according to", "pointed out", "points out", "shot back", "went on to say",
    "went on", "put it", "puts it", "wrote in", "said in", "told reporters", "fired back",
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
resident student worker veteran whip ally confidant friend operative surrogate backer donor
insider staffer lobbyist contestant protester organiser
frontrunner front-runner hopeful contender challenger incumbent co-host moderator emcee narrator
author commentator pundit billionaire businessman businesswoman mogul tycoon constituent superdelegate
""".split())
_HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms"}
_TITLE_ABBR = {"Sen.", "Rep.", "Gov.", "Gen.", "Adm.", "Dr.", "Prof.", "Rev.", "Lt.", "Col.",
               "Capt.", "Sgt.", "Maj.", "Cmdr.", "Gen", "Sen", "Rep", "Gov", "Dr"}
_NAME_CONNECTORS = {"de", "van", "von", "der", "bin", "al", "el", "la", "le", "da", "del", "du", "di",
                    "of", "the", "and", "for", "St.", "Jr.", "Sr.", "&"}
# capitalised words that start a sentence or are otherwise never a speaker's name
_NOT_NAMES = set("""
The A An This That These Those It Its In On At For But And Or So If When While As After
Before Then Now Still Yet Also Asked Meanwhile However Later Earlier Instead Last Next
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
June July August September October November December I We You He She They His Her Their
Our My Your Some Many Most Several Both Each Every One Two Three Other Another Such What
Who Whom Which Where Why How There Here Today Tonight Yesterday Tomorrow Even Only Just
Not No Yes Well Oh Like Unlike Despite Although Though Because Since Until During Among Amid Following
According Without Within Under Over Through Given Unless Whether Once Upon Via Per Dear Thanks Please
Rather Indeed Instead Perhaps Maybe Sometimes Often Again Already Ultimately Finally First Second Third
Wait Nobody Nothing
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
government teacher student official democrats republicans officials email e-mail message note
headline ad video card sign banner caption column op-ed blog interview transcript commission
committee council board court panel newspaper paper magazine network union office ruling order
affidavit petition footnote analysis editorial radioman spokesmen employee employees worker workers
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
    r"[RDI]-[A-Z][A-Za-z.]*|No\.(?=\s*\d)|(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Adm|Rev|Prof|St|Jr|Sr|Cmdr|[A-Z])\.(?=\s+[A-Z])"
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


_INTRO_WORD_RE = re.compile(r"\s*(?:[A-Z][a-z]+(?:ly|ing|ed)|After|Before|Outside|Amid|Amidst|Among|Inside|During|In|On|At|From|"
                            r"With|Without|Despite|Since|Until|When|While|As|Although|Though|If|Because|"
                            r"Earlier|Later|However|after|before|during|while|when|despite|since|amid)\b")


def _subject_start(text: str, lo: int, hi: int) -> int:
    """Where the subject of the sentence starting at ``lo`` begins: after introductory phrases
    ("Shortly after the call ended, Rubio's campaign ...", "On Thursday, after remaining
    neutral, Warren ...") and sentence adverbs ("And then Trump went ...")."""
    for _ in range(3):
        m = _CONJ_START_RE.match(text, lo, hi)
        if m:
            lo = m.end()
            continue
        mi = _INTRO_WORD_RE.match(text, lo, hi)
        if mi and not (_FIRST_NAME_LEAD_RE.match(text, mi.end(), hi) and (
                mi.group().strip().lower() in _FEMALE_FIRST or mi.group().strip().lower() in _MALE_FIRST)):
            # (a first name ending like an adverb or participle is no intro word: "Carly Fiorina")
            c = text.find(",", lo, hi)
            if c >= 0 and c - lo < 90:
                lo = c + 1
                continue
        break
    return lo


_FIRST_NAME_LEAD_RE = re.compile(r"[ \t]+[A-Z]")
_CONJ_START_RE = re.compile(r"\s*(?:And|But|So|Yet|Still|Then|Also|Now|Meanwhile)\s+(?:then\s+|also\s+)?"
                            r"(?=[A-Z]|(?:after|before|during|while|when|since|amid|despite)\s[^,]{1,80},)")


def _cap_groups(toks: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Contiguous runs of capitalised tokens (name particles de / van / al ... included)."""
    groups: list[list[tuple[str, int, int]]] = []
    for t in toks:
        if _is_cap(t[0]) or (groups and t[0].lower() in ("de", "van", "von", "bin", "al", "el", "la", "le", "del")):
            if groups and t[1] - groups[-1][-1][2] <= 1 and (_is_cap(groups[-1][-1][0]) or _is_cap(t[0])):
                groups[-1].append(t)
            else:
                groups.append([t])
    return groups


def _name_in_run(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The person's name in a speaker phrase after a cue: within the head (before "of", "for",
    "at" ...: "John Smith of the Brookings Institution") the last capitalised run ("Democratic
    strategist David Axelrod", "Ayotte campaign manager Jon Kohan"), without leading titles,
    roles and organisation words ("Secretary of State John Kerry" -> "John Kerry")."""
    head: list[tuple[str, int, int]] = []
    for t in run:
        if head and t[0].lower() in ("of", "for", "at", "the", "and", "&", "from", "with"):
            break
        head.append(t)
    for toks in (head, run):
        for g in reversed(_cap_groups(toks)):
            g = _clean_name(g)
            while g and (g[0][0].lower() in _ORG_WORDS or g[0][0].lower() in _ROLE_WORDS) and len(g) > 1:
                g = g[1:]
            if g and not all(t[0] in _NOT_NAMES for t in g) and not (len(g) == 1 and (
                    g[0][0].lower() in _ORG_WORDS or g[0][0].lower() in _ROLE_WORDS)):
                return g
    return []


def _speaker_after(text: str, pos: int, limit: int) -> tuple[str | None, tuple[int, int] | None, str | None, bool, int]:
    """Parse a speaker phrase starting at ``pos`` ("said John Smith, a senior fellow ...")."""
    it = _TOKEN_RE.finditer(text, pos, min(limit, pos + 160))  # lazily: the run is short
    m0 = next(it, None)
    if m0 is None:
        return None, None, None, False, pos
    t0 = m0.group()
    if t0 in _PRONOUNS or t0.lower() in _PRONOUNS:
        return t0, m0.span(), "pronoun", False, m0.end()
    # collect a run: determiners / role words / capitalised tokens
    run: list[tuple[str, int, int]] = []
    toks = [(mm.group(), mm.start(), mm.end()) for mm in itertools.chain((m0,), itertools.islice(it, 11))]
    for q, tok in enumerate(toks):
        w = tok[0]
        if w in _RUN_PUNCT:
            if w == "." and run and len(run[-1][0]) == 1:
                continue
            break
        lw = w.lower()
        if lw in _RUN_STOP:
            break
        if lw in _RUN_WORDS or w in _TITLE_ABBR or _is_cap(w):
            run.append(tok)
            if len(run) >= 9:
                break
        elif run and w[:1].islower() and q + 1 < len(toks) and toks[q + 1][0] not in _RUN_PUNCT \
                and lw not in ("who", "which", "that", "whose") and not lw.endswith("ed") \
                and not any(_is_cap(t[0]) and t[0].lower() not in _ORG_WORDS and t[0] not in _TITLE_ABBR
                            and t[0].lower() not in _ROLE_WORDS and t[0].lower() not in _SPEAKER_MODS
                            and not _INITIALS_RE.match(t[0]) for t in run) \
                and any(_is_cap(t[0]) or t[0].lower() in _ROLE_WORDS for t in toks[q + 1:q + 3]):
            # an unknown modifier inside the phrase: "former tech executive Carly Fiorina",
            # "Republican party boss Reince Priebus"
            run.append(tok)
        elif run and _is_cap(run[-1][0]) and _NOUN_MOD_RE.match(w) and lw not in _NOT_NOUN_MODS \
                and q + 2 < len(toks) and _is_cap(toks[q + 1][0]) and _is_cap(toks[q + 2][0]) \
                and toks[q + 1][0] not in _NOT_NAMES and toks[q + 2][0] not in _NOT_NAMES \
                and (q + 3 >= len(toks) or not _is_cap(toks[q + 3][0])):
            # a person noun after a name or organisation, then the person's name: "said Cruz
            # constituent Dan Golvach", "mused Blaze co-host Stu Burguiere"
            run.append(tok)
        elif not run and w.isalpha() and w.islower() and not w.endswith("ly") and lw not in _LEFT_SKIP \
                and lw not in _PREPS and lw not in _NOT_NOUN_MODS and _bare_role_before_name(toks, q + 1):
            run.append(tok)  # a bare role phrase before the name: "said master of ceremonies John Doe"
        elif run and _ORDINAL_RE.match(w) and q + 1 < len(toks) and (
                _is_cap(toks[q + 1][0]) or toks[q + 1][0] in _TITLE_ABBR):
            run.append(tok)  # a rank: "said Air Force 1st Lt. Tyler Livingston"
        else:
            break
    if not run:
        return None, None, None, False, pos
    end = run[-1][2]
    words = [t[0] for t in run]
    titled = _has_role(words)
    # appositive after a comma: ", a senior fellow at ..." / ", the campaign's spokeswoman"
    if _APPOS_AFTER_NAME_RE.match(text, end, min(limit, end + 120)):
        titled = True
    lw_last = words[-1].lower()
    q = None
    if words[0] in _INDEF_DETS and ("for" in words or "of" in words):
        q = next(i for i, w in enumerate(words) if w in ("for", "of"))
    if q is not None and q >= 2 and q + 1 < len(words) \
            and all(w[:1].islower() for w in words[1:q]) and _is_cap(words[q + 1]) \
            and (words[q - 1] in _ROLE_WORDS or words[q - 1] in _SPEAKER_NOUNS):
        # "A spokesman for Platte River declined ... but said": the role noun phrase speaks
        return " ".join(words[:q]), (run[0][1], run[q - 1][2]), "nominal", True, end
    if words[0].lower() in ("a", "an", "one", "another") and len(words) >= 2 and (
            words[-1][:1].islower() or all(_is_cap(w) for w in words[1:])):
        # "said a Mexican official", "said one Trump confidant", "said a New Hampshire Republican"
        return " ".join(words), (run[0][1], end), "nominal", True, end
    if words[-1][:1].islower() and (lw_last in _SPEAKER_NOUNS or lw_last in _ROLE_WORDS) \
            and words[0].lower() in _NOMINAL_DETS:
        return " ".join(words), (run[0][1], end), "nominal", True, end
    contig = _name_in_run(run)
    if not contig:
        # an organisation: "The Democratic National Committee", "the FBI"
        groups = [g for g in _cap_groups(run) if len(g) >= 2 or (len(g[0][0]) >= 2 and g[0][0].isupper())]
        if groups and not all(t[0] in _NOT_NAMES for t in groups[-1]):
            contig = _clean_name(groups[-1]) or groups[-1]
    if contig:
        nm = " ".join(_strip_possessive(t[0]) if k == len(contig) - 1 else t[0] for k, t in enumerate(contig))
        return nm, (contig[0][1], contig[-1][2]), "name", titled, end
    if any(w.lower() in _SPEAKER_NOUNS or w.lower() in _ROLE_WORDS for w in words):
        nom = " ".join(words)
        return nom, (run[0][1], end), "nominal", titled or _has_role(words), end
    return None, None, None, False, pos


_RUN_PUNCT = frozenset(",;:.!?()[]—–") | {"--"}
_NOUN_MOD_RE = re.compile(r"[a-z]+(?:-[a-z]+)+$|[a-z]{3,}(?:er|or|ist|ent|ant|ian|an|ee)$")
_NOT_NOUN_MODS = frozenset(("after", "over", "under", "never", "ever", "either", "neither", "other", "whether",
                            "rather", "later", "for", "before", "earlier", "than", "then", "can", "an",
                            "remember", "consider", "enter", "offer", "deliver", "urgent", "meant", "want",
                            "went", "sent", "spent", "began", "ran", "won", "answer", "whenever", "wherever",
                            "however", "together", "further", "instant", "recent", "current"))
_INITIALS_RE = re.compile(r"(?:[A-Z]\.){2,}$|[A-Z]\.[A-Z]$")  # "U.S." (a modifier, not a name)
def _bare_role_before_name(toks, i: int) -> bool:
    """Whether tokens from ``i`` are at most two more lower-case words (or "of") and then a
    name of two capitalised words."""
    for q in range(i, min(i + 3, len(toks) - 1)):
        w = toks[q][0]
        if _is_cap(w):
            return _is_cap(toks[q + 1][0]) and w not in _NOT_NAMES and toks[q + 1][0] not in _NOT_NAMES
        if not (w.isalpha() and w.islower()) or w in _RUN_STOP:
            return False
    return False


_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)$")
_RUN_STOP = frozenset(("in", "on", "at", "during", "to", "that", "about"))
_APPOS_AFTER_NAME_RE = re.compile(r"\s*,\s*(?:(?:a|an|the|who|its|his|her|their)\b|[a-z][\w-]*\s+(?:of|at|for)\b|"
                                  r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*[’']s\s)")

# lower-case modifiers inside a speaker phrase ("said former Massachusetts congressman Barney Frank")
_SPEAKER_MODS = {"campaign", "press", "communications", "national", "state", "former", "senior", "deputy",
                 "political", "white", "house", "then", "longtime", "retired", "veteran", "late", "current",
                 "outgoing", "incoming", "acting", "interim", "top", "chief", "local", "federal", "county",
                 "city", "district", "executive", "general", "managing", "assistant", "associate",
                 "vice", "founding", "legal", "foreign", "policy", "economic", "party", "majority", "minority",
                 "ranking", "lead", "leading", "prominent", "fellow", "republican", "democratic", "conservative",
                 "liberal", "progressive"}

_PARTY_ID_RE = re.compile(r"[RDI]-[A-Z]")
# time expressions between a speaker and the cue ("Priebus later Thursday told Fox News")
_TIME_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "night", "morning",
               "afternoon", "evening", "week", "weekend", "month", "year", "today", "yesterday", "tonight",
               "earlier", "last", "this", "recently"}
# lower-case words that may continue a speaker phrase after a cue ("said the former party chairman")
_RUN_WORDS = frozenset(_NAME_CONNECTORS) | _ROLE_WORDS | _NOMINAL_DETS | _SPEAKER_NOUNS | _SPEAKER_MODS

_LEFT_SKIP = set("""
also later previously recently then once repeatedly often has had have would will
had has later again further already reportedly who which to on goes go went continued continues
wanted wants tried tries appeared seemed did does do could might may must should can
quoted as is was are were being
""".split())


_CLAUSE_OPEN_RE = re.compile(r"(?:^|[.;:!?,—–\n(\"“”]|\b(?:and|but|while|as))\s*$")
_REL_MARK_RE = re.compile(r" (?:who|familiar|close|involved|speaking|with\s+knowledge) ")
_REL_WHO_RE = re.compile(r"[^\W\d_][\w’'.\-]*(\s+(?:who|familiar\s+with|close\s+to|involved\s+in|speaking\s+(?:to|on|with)|"
                         r"with\s+knowledge\s+of)\s)[^.;:!?,\"“”]{3,140}$")


def _speaker_before(text: str, end: int, floor: int) -> tuple[str | None, tuple[int, int] | None, str | None, bool, int]:
    """Parse a speaker phrase ending at ``end`` ("John Smith, a senior fellow at X, said"); when
    none ends there, the phrase before a relative clause without commas ("a city official who
    spoke on condition of anonymity said", "the groups who wrote to her say")."""
    r = _speaker_before_core(text, end, floor)
    if r[2] is None or (r[2] == "nominal" and " who " in r[0]):
        lo = max(floor, end - 170)
        w = _REL_MARK_RE.search(text, lo, end)
        m = _REL_WHO_RE.search(text, max(lo, w.start() - 40), end) if w else None
        if m:
            r2 = _speaker_before_core(text, m.start(1), floor)
            if r2[2] in ("name", "nominal") and _CLAUSE_OPEN_RE.search(text, max(0, r2[4] - 12), r2[4]):
                return r2  # the phrase opens its clause (not the object of "convince")
    return r


def _speaker_before_core(text: str, end: int, floor: int) -> tuple[str | None, tuple[int, int] | None, str | None, bool, int]:
    lo = max(floor, end - 300)
    toks = _tokens(text, lo, end)
    # skip adverbs / auxiliaries immediately before the cue
    k = len(toks) - 1
    while k >= 0 and (toks[k][0].lower() in _LEFT_SKIP or toks[k][0] in _TIME_WORDS
                      or (toks[k][0].endswith("ly") and toks[k][0].islower())):
        k -= 1
    if k < 0:
        return None, None, None, False, end
    if toks[k][0] == "," and k + 1 < len(toks) and toks[k + 1][0] in ("who", "which") and k >= 1:
        k -= 1  # "Mike Lee, who declared": the antecedent speaks
    titled = False
    # parenthetical after the name: "Gov. John Kasich (R-OH), said"
    if toks[k][0] == ")" or (toks[k][0] == "," and k > 0 and toks[k - 1][0] == ")"):
        j = k if toks[k][0] == ")" else k - 1
        while j >= 0 and toks[j][0] != "(" and k - j < 8:
            j -= 1
        if j > 0 and toks[j][0] == "(":
            k = j - 1
    # a parenthetical between dashes: "Gingrich — mentioned as a running mate — told"
    if toks[k][0] in ("—", "–", "--") and k > 0:
        j = k - 1
        while j >= 0 and toks[j][0] not in ("—", "–", "--") and toks[j][0] not in ".;:!?" and k - j < 40:
            j -= 1
        if j > 0 and toks[j][0] in ("—", "–", "--"):
            k = j - 1
            titled = True
    # a long appositive with commas: "Dean Johnson, a salesman from Sumter, South Carolina, says" /
    # "Michael Seaman, who lives outside the state capital, Sacramento, said"
    if toks[k][0] == "," and k > 0:
        chunks = []  # token index ranges (lo, hi) between commas, nearest first
        j = k
        while len(chunks) < 5:
            i = j - 1
            while i >= 0 and toks[i][0] != "," and toks[i][0] not in ".;:!?" and j - i < 30:
                i -= 1
            chunks.append((i + 1, j))
            if i < 0 or toks[i][0] != ",":
                break
            j = i
        if len(chunks) >= 3:
            for ci in range(len(chunks) - 1, 0, -1):
                lo_i, hi_i = chunks[ci]
                nlo, nhi = chunks[ci - 1]
                if hi_i - lo_i < 1 or hi_i - lo_i > 7 or nhi <= nlo or not _is_cap(toks[hi_i - 1][0]) \
                        or not all(_is_cap(t[0]) or t[0] in _TITLE_ABBR or t[0].lower() in _NAME_CONNECTORS
                                   for t in toks[lo_i:hi_i]):
                    continue
                nxt = toks[nlo][0]
                if nxt.lower() in _NOMINAL_DETS or nxt[:1].islower() or nxt[:1].isdigit() \
                        or nxt.lower() in ("who", "whose") or _PARTY_ID_RE.match(nxt):
                    k = hi_i - 1
                    titled = True
                    break
    # appositive: "Smith, a senior fellow at X, said"
    if toks[k][0] == ",":
        j = k - 1
        depth = 0
        while j >= 0 and toks[j][0] != "," and toks[j][0] not in ".;:!?" and k - j < 45:
            j -= 1
        if j >= 0 and toks[j][0] == "," and k - j > 1:
            appo = [t[0] for t in toks[j + 1:k]]
            if appo and (all(w.isdigit() for w in appo) or (_PARTY_ID_RE.match(appo[0]) and len(appo) <= 3)):
                k = j - 1  # age or party: "Ramos, 58, said", "McConnell, R-Ky., said"
                appo = []
            titled = True if (appo and (appo[0].lower() in _NOMINAL_DETS or _has_role(appo)
                                        or appo[0].islower() or appo[-1].lower() in _ROLE_WORDS
                                        or any(w.endswith(("’s", "'s")) for w in appo))) else False
            if appo and not titled:
                # 'One of its executives, Michael Sexton, testified': the name is the appositive
                if len(appo) <= 4 and all(_is_cap(w) and w not in _NOT_NAMES for w in appo) and j > 0 \
                        and toks[j - 1][0] not in ".;:!?":
                    nt = toks[j + 1:k]
                    nm = " ".join(_strip_possessive(t[0]) if q == len(nt) - 1 else t[0] for q, t in enumerate(nt))
                    d = j - 1  # the description before the name starts the clause
                    while d > 0 and toks[d - 1][0] not in ",;:.!?()[]—–" and j - d < 12:
                        d -= 1
                    return nm, (nt[0][1], nt[-1][2]), "name", True, toks[d][1]
                return None, None, None, False, end
            k = j - 1
            # 'Sen. Ted Cruz (R-Tex.), a Republican candidate ..., tweeted'
            if k >= 0 and toks[k][0] == ")":
                j2 = k
                while j2 >= 0 and toks[j2][0] != "(" and k - j2 < 8:
                    j2 -= 1
                if j2 > 0 and toks[j2][0] == "(":
                    k = j2 - 1
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
                or w.lower() in _SPEAKER_MODS:
            run.insert(0, toks[j])
            if len(run) >= 10:
                break
            j -= 1
            if w.lower() in _NOMINAL_DETS and w.lower() not in ("top", "senior", "former"):
                break
        elif run and run[-1][0][:1].islower() and (run[-1][0] in _SPEAKER_NOUNS or run[-1][0] in _ROLE_WORDS) \
                and w.isalpha() and w.islower() and not w.endswith("ly") and w not in _LEFT_SKIP \
                and w not in _PREPS and j >= 1 and (toks[j - 1][0].lower() in _NOMINAL_DETS or (
                    j >= 2 and toks[j - 1][0].isalpha() and toks[j - 1][0].islower()
                    and toks[j - 1][0] not in _PREPS and toks[j - 2][0].lower() in _NOMINAL_DETS)):
            # unknown modifiers of a determined description: "Another intelligence source"
            run.insert(0, toks[j])
            j -= 1
        else:
            break
    if not run:
        return _nominal_before(text, toks, k, end)
    words = [t[0] for t in run]
    titled = titled or _has_role(words)
    lw_last = words[-1].lower()
    if words[-1][:1].islower() and (lw_last in _SPEAKER_NOUNS or lw_last in _ROLE_WORDS):
        # a description headed by a common noun: "An Israeli official", "the former Florida
        # governor", "The Clinton campaign" (its capitalised words are modifiers, not a name)
        return " ".join(words), (run[0][1], run[-1][2]), "nominal", titled, run[0][1]
    if j >= 1 and toks[j][0] in ("from", "of") and toks[j - 1][0][:1].islower() \
            and toks[j - 1][0].lower() in _ROLE_WORDS:
        # "The senator from Vermont said": the place belongs to a description
        jj = j - 1
        while jj > 0 and (toks[jj - 1][0].lower() in _RUN_WORDS or _is_cap(toks[jj - 1][0])) \
                and toks[jj - 1][0] not in _RUN_PUNCT and j - jj < 6:
            jj -= 1
            if toks[jj][0].lower() in _NOMINAL_DETS:
                break
        desc = toks[jj:k + 1]
        return " ".join(t[0] for t in desc), (desc[0][1], desc[-1][2]), "nominal", True, desc[0][1]
    if run[0][0][:1].islower() and run[0][0].lower() in _ROLE_WORDS and j >= 1 and toks[j][0] == "," \
            and _is_cap(toks[j - 1][0]) and any(t[0].lower() == "of" for t in run):
        # "Anthony Anton, president and CEO of the Restaurant Association stated"
        g = _cap_groups(toks[max(0, j - 5):j])
        if g and g[-1][-1] is toks[j - 1]:
            nt = _clean_name(g[-1])
            if nt and not any(t[0].lower() in _ORG_WORDS for t in nt):
                nm = " ".join(_strip_possessive(t[0]) if q == len(nt) - 1 else t[0] for q, t in enumerate(nt))
                return nm, (nt[0][1], nt[-1][2]), "name", True, nt[0][1]
    # "A spokesman for Platte River said", "a reporter at Reuters called": the role noun phrase
    # speaks, not the organisation or person it is attached to
    q = next((i for i, t in enumerate(run) if t[0] in ("for", "of")), None)
    if q is not None and q >= 2 and run[0][0].lower() in ("a", "an", "one", "another") \
            and all(t[0][:1].islower() for t in run[1:q]) and _is_cap(run[q + 1][0] if q + 1 < len(run) else "x") \
            and (run[q - 1][0] in _ROLE_WORDS or run[q - 1][0] in _SPEAKER_NOUNS):
        return " ".join(t[0] for t in run[:q]), (run[0][1], run[q - 1][2]), "nominal", True, run[0][1]
    if j >= 1 and (toks[j][0] in ("at", "with") and _is_cap(run[0][0])
                   or toks[j][0] == "for" and _is_cap(run[-1][0])) and (
            toks[j - 1][0] in _ROLE_WORDS or toks[j - 1][0] in _SPEAKER_NOUNS):
        d = j - 1
        while d > 0 and toks[d - 1][0][:1].islower() and toks[d - 1][0].isalpha() and j - d < 4 \
                and toks[d - 1][0] not in ("a", "an", "one", "another"):
            d -= 1
        if d > 0 and toks[d - 1][0].lower() in ("a", "an", "one", "another"):
            desc = toks[d - 1:j]
            return " ".join(t[0] for t in desc), (desc[0][1], desc[-1][2]), "nominal", True, desc[0][1]
    if j >= 1 and toks[j][0] in _OBJ_PREPS and _is_cap(run[0][0]) and toks[j - 1][0].isalpha() \
            and toks[j - 1][0].islower() and toks[j - 1][0] != "more":
        # "took to Twitter to say", "went on Fox News to argue": the object of a preposition
        # does not speak (the subject is found by pronoun-style resolution instead)
        return None, None, None, False, end
    if _is_cap(run[-1][0]) and j >= 1:
        r = _person_before_org(toks, j + 2 if toks[j][0] == "," and run[0][0] in ("the", "The") else j + 1, k + 1)
        if r is not None:
            return r[0], r[1], "name", True, r[2]
    name_toks = _clean_name([t for t in run if _is_cap(t[0])])
    if name_toks:
        # last contiguous capitalised run
        contig = [name_toks[-1]]
        for t in reversed(name_toks[:-1]):
            if contig[0][1] - t[2] > 1:
                break
            contig.insert(0, t)
        contig = _clean_name(contig)
        # "Joel Pollak of Breitbart California": the person before "of" / "at" / "from"
        if contig:
            ci = next((q for q, t in enumerate(run) if t is contig[0]), None)
            if ci is not None and ci >= 2 and run[ci - 1][0].lower() in ("of", "at", "from"):
                before = _clean_name([t for t in run[:ci - 1] if _is_cap(t[0])])
                g = _cap_groups(before)
                if g:
                    # "CBC Chairman G.K. Butterfield of North Carolina": the name after the role
                    gl = g[-1]
                    r_i = max((q for q, t in enumerate(gl) if t[0].lower() in _ROLE_WORDS or t[0] in _TITLE_ABBR),
                              default=-1)
                    if 0 <= r_i < len(gl) - 1:
                        g[-1] = gl[r_i + 1:]
                if g and not any(t[0].lower() in _ORG_WORDS or t[0].lower() in _ROLE_WORDS for t in g[-1]) \
                        and g[-1][-1][2] + 1 >= run[ci - 1][1]:
                    contig = g[-1]
        if contig and all(t[0].lower() in _ANON_HEADS for t in contig):
            return " ".join(words), (run[0][1], run[-1][2]), "nominal", titled, run[0][1]
        if contig and not all(t[0] in _NOT_NAMES for t in contig):
            nm = " ".join(_strip_possessive(t[0]) if i == len(contig) - 1 else t[0]
                          for i, t in enumerate(contig))
            # role words before the name ("spokesperson Wang Wenbin", "Sen. Ted Cruz")
            if run[0][1] < contig[0][1]:
                titled = titled or _has_role([t[0] for t in run if t[1] < contig[0][1]])
            return nm, (contig[0][1], contig[-1][2]), "name", titled, run[0][1]
    if any(w.lower() in _SPEAKER_NOUNS or w.lower() in _ROLE_WORDS for w in words):
        return " ".join(words), (run[0][1], run[-1][2]), "nominal", titled or _has_role(words), run[0][1]
    if len(words) == 1 and words[0].lower() in ("another", "others"):
        return words[0], (run[0][1], run[0][2]), "nominal", False, run[0][1]
    return _nominal_before(text, toks, k, end)


_ORG_PREPS = frozenset(("of", "at", "for", "from"))
_CLAUSE_PUNCT = frozenset(".;:!?\"“”—–(") | {"--"}


def _person_name_group(toks, hi: int):
    """The capitalised group ending at token ``hi - 1`` when it is a person's name (no
    organisation or role word; titles dropped), with the index where the group starts."""
    i = hi
    while i > 0 and hi - i < 5 and (_is_cap(toks[i - 1][0]) or toks[i - 1][0] in _TITLE_ABBR
                                    or (i < hi and toks[i - 1][0].lower() in _NAME_CONNECTORS)):
        i -= 1
    g = toks[i:hi]
    nt = _clean_name(g)
    if len(nt) < 2 or any(t[0].lower() in _ORG_WORDS or t[0].lower() in _ROLE_WORDS or t[0] in _NOT_NAMES
                          for t in nt):
        return None
    return nt, i


def _person_before_org(toks, p: int, hi: int):
    """A speaker phrase "Person of / at / for the Organisation", "Person, the role for the
    Organisation" or "Person, the Capitalised Role Title" ending at the cue (token ``hi``), whose
    backward run starts at token ``p``: walk back over "of the X for Y" links; the person's name
    (at least two capitalised words, at the start of its clause) speaks.  Returns (name, span,
    phrase start) or None."""
    for _ in range(4):
        if p < 2:
            return None
        q = p - 1
        if toks[q][0] in ("the", "The"):
            q -= 1
            if toks[q][0] == "," and q >= 2 and any(t[0].lower() in _ROLE_WORDS for t in toks[q + 2:hi]):
                # "Filippo Grandi, the United Nations High Commissioner for Refugees (UNHCR), said"
                r = _person_name_group(toks, q)
                if r is not None and (r[1] == 0 or toks[r[1] - 1][0] in _CLAUSE_PUNCT):
                    nt = r[0]
                    return " ".join(t[0] for t in nt), (nt[0][1], nt[-1][2]), toks[r[1]][1]
                return None
        if q < 1 or toks[q][0] not in _ORG_PREPS:
            return None
        # "Sam Lau, the communications director for the Iowa Democratic Party said"
        d = q - 1
        while d >= 0 and toks[d][0][:1].islower() and toks[d][0].isalpha() and q - d < 7:
            d -= 1
        if d < q - 1 and d >= 1 and toks[d][0] == "," and toks[d + 1][0] in ("the", "a", "an") \
                and any(t[0].lower() in _ROLE_WORDS or t[0].lower() in _SPEAKER_NOUNS for t in toks[d + 1:q]):
            r = _person_name_group(toks, d)
            if r is not None and (r[1] == 0 or toks[r[1] - 1][0] in _CLAUSE_PUNCT):
                nt = r[0]
                nm = " ".join(t[0] for t in nt)
                return nm, (nt[0][1], nt[-1][2]), toks[r[1]][1]
            return None
        r = _person_name_group(toks, q)
        if r is not None:
            if r[1] == 0 or toks[r[1] - 1][0] in _CLAUSE_PUNCT or toks[r[1] - 1][0] in (",", "as", "and", "but"):
                nt = r[0]
                return " ".join(t[0] for t in nt), (nt[0][1], nt[-1][2]), toks[r[1]][1]
            return None
        # another organisation link: "of the James Martin Center for Nonproliferation Studies"
        i = q
        while i > 0 and q - i < 6 and _is_cap(toks[i - 1][0]):
            i -= 1
        if i == q:
            return None
        p = i
    return None


_INDEF_DETS = frozenset(("a", "an", "one", "another", "A", "An", "One", "Another"))
_OBJ_PREPS = frozenset(("to", "on", "at", "in", "into", "onto", "via", "from", "with"))


def _nominal_before(text: str, toks, k: int, end: int):
    """A determiner and up to three words ending in a common noun right before the cue, the
    lexicons notwithstanding ("The radioman pointed out", "one employee told")."""
    if k < 1:
        return None, None, None, False, end
    j = k
    while j >= 0 and k - j < 4 and toks[j][0][:1].islower() and toks[j][0].lower() not in _NOMINAL_DETS \
            and toks[j][0].lower() not in _PREPS and toks[j][0].isalpha():
        j -= 1
    if j >= 0 and j < k and toks[j][0].lower() in ("the", "a", "an", "one", "another", "his", "her", "their", "its") \
            and (j == 0 or toks[j - 1][0] in ",;:—–" or not toks[j - 1][0][:1].isalpha()
                 or toks[j - 1][0].lower() in ("as", "and", "but", "while")) \
            and toks[k][0].lower() not in _LEFT_SKIP:
        desc = toks[j:k + 1]
        return " ".join(t[0] for t in desc), (desc[0][1], desc[-1][2]), "nominal", False, desc[0][1]
    return None, None, None, False, end


# ---------------------------------------------------------------------------
# main API

_NAME_MENTION_RE = re.compile(
    r"\b(?:(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][a-z\u00df-\u024f’'\-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zA-Z\u00c0-\u024f’'\-]+)+")


def _word_count(text: str) -> int:
    """Words = whitespace-separated tokens (within 1 % of a regex word count on news text, and
    six times faster)."""
    return len(text.split())


def _is_title_case_work(s: str) -> bool:
    words = _WORD_RE.findall(s)
    if not words or len(words) > 8:
        return False
    if re.search(r"[.!?,;]\s", s):
        return False
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    ok = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL)
    return caps >= 1 and ok == len(words)


_TITLE_SMALL = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "or", "vs", "from", "by"}


_ABBR_END_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Adm|Rev|Prof|St|Jr|Sr|Sens|Reps|Govs|Gens)"
                          r"|\b[A-Z])\.$")


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
    """Whole words (``\\b``-delimited, ASCII) equal to one of ``words``, matched on the
    *lower-cased* text (a case-sensitive scan of lower-cased text is about twice as fast as an
    IGNORECASE scan; ``_scan_words`` checks that the offsets stay aligned)."""
    return re.compile(r"\b" + _trie_regex({w.lower() for w in words}) + r"\b", re.ASCII)


# one scan of the lower-cased text finds the anchors of both reporting verbs and anonymous
# sourcing phrases
_SCAN_RE = _word_scan(_CUE_SET | set(_PHRASE_NEXT) | _ANON_PLURALS | set(_ANON_ANCHOR))
_SCAN_CI_RE = re.compile(_SCAN_RE.pattern, re.ASCII | re.IGNORECASE)
# a reporting verb within the first words after a quotation ('" asked the boy', '" he said')
_CUE_NEAR_RE = re.compile(r"(?:(?:he|she|they|[A-Z][\w’'.\-]*)\s+){0,3}(?:" + _trie_regex(_CUE_SET) + r")(?![A-Za-z])")


def _scan_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) of every reporting-verb / anonymous-sourcing anchor word."""
    low = text.lower()
    if len(low) == len(text):  # lower-casing kept the offsets
        return [(m.start(), m.end(), m.group()) for m in _SCAN_RE.finditer(low)]
    return [(m.start(), m.end(), m.group().lower()) for m in _SCAN_CI_RE.finditer(text)]


_PEOPLE_Q_RE = re.compile(r"(?:some|many|other|most)\s+$")


# cue words that are also nouns, and what marks them as nouns ("his remarks", "Trump's comments")
_NOUN_CUES = {"comments", "remarks", "reports", "notes", "claims", "charges", "states", "answers", "writes",
              "promises", "pledges", "warns", "calls", "reads", "posts", "tweets", "counters", "jokes",
              "demands", "denies", "concerns", "responses", "replies", "statement", "posted", "report",
              "comment", "answer", "reply", "call", "promise", "pledge", "tweet", "post", "warning", "claim",
              "charge", "demand", "note", "remark"}
# third-person verbs that are more often plural nouns: a verb only after a subject ("Trump states",
# "she notes") or before a clause or quotation ("reports that", "claims: ")
_PLURAL_NOUN_CUES = {"states", "reports", "notes", "claims", "charges", "remarks", "comments", "concerns",
                     "demands", "promises", "pledges", "calls", "posts", "tweets", "jokes", "answers",
                     "counters", "reads", "warns"}
_VERB_CONTEXT_RE = re.compile(r"\s*(?:[,:\"“]|that\b|in\s+a\b)")
_SUBJECT_BEFORE_RE = re.compile(r"(?:\b(?:he|she|it|they|who|which|also|then|later)|[A-Z][\w’'.\-]*[a-z)])\s+$")
# a verb right after the word makes it the subject noun ("Harsh comments are earning")
_VERB_AFTER_NOUN_RE = re.compile(r"\s+(?:are|were|have|had|will|would|could|can|may|might|must|should|"
                                 r"from|about|of|and|made|by)\b")
_DET_BEFORE_RE = re.compile(r"(?:[’']s?|\b(?:the|his|her|their|its|a|an|these|those|my|our|your|this|that))\s+$",
                            re.IGNORECASE)


def _find_cues(text: str, hits: list | None = None) -> list[tuple[int, int, str]]:
    """Reporting-verb occurrences (start, end, text) among the scanned anchor words (whole words,
    case-insensitive), phrases ("according to") completed in place."""
    out = []
    for a, b, lw in (hits if hits is not None else _scan_words(text)):
        nxt = _PHRASE_NEXT.get(lw)
        if nxt:
            hit = None
            for rx in nxt:
                mm = rx.match(text, b)
                if mm:
                    hit = mm
                    break
            if hit:
                out.append((a, hit.end(), text[a:hit.end()]))
                continue
        if lw in _CUE_SET:
            w = text[a:b]
            if w[:1].isupper():
                if len(w) > 1 and w.isupper():
                    continue  # a headline in capitals ("... IN OTHER STATES")
                j = a - 1
                while j >= 0 and text[j] in " \t":
                    j -= 1
                if j >= 0 and (text[j].isalnum() or text[j] in ",;’'"):
                    continue  # "the United States", "Men Telling Us": part of a name or title
            if lw in _NOUN_CUES and _DET_BEFORE_RE.search(text, max(0, a - 8), a):
                continue  # "Trump's comments", "the reports": a noun, not a reporting verb
            if lw in _PLURAL_NOUN_CUES and not _VERB_CONTEXT_RE.match(text, b) \
                    and (not _SUBJECT_BEFORE_RE.search(text, max(0, a - 20), a) or _VERB_AFTER_NOUN_RE.match(text, b)):
                continue  # "the primary states", "news reports", "Harsh comments are": a plural noun
            out.append((a, b, w))
    return out


def anonymous_sourcing(text: str, hits: list | None = None) -> list[tuple[int, int]]:
    """Spans of vague / anonymous sourcing phrases ("analysts said", "a source familiar with")."""
    out: list[tuple[int, int]] = []
    last_end = -1
    for a, b, lw in (hits if hits is not None else _scan_words(text)):
        kind = "plural" if lw in _ANON_PLURALS else _ANON_ANCHOR.get(lw)
        if kind is None or a < last_end:
            continue
        mm = _ANON_AT[kind].match(text, a)
        if mm:
            if kind == "plural" and lw == "people":
                # "people say" only with a vague quantifier before it ("some people say")
                if not _PEOPLE_Q_RE.search(text[max(0, a - 12):a].lower()):
                    continue
            out.append((a, mm.end()))
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
# first names given to women and men alike: evidence of a person, not of a gender ("Sen.
# Lindsey Graham", "Kim Jong Un")
_UNISEX_FIRST = {"lindsey", "taylor", "kim", "pat"}
_FEMALE_WORDS = {"mrs.", "ms.", "mrs", "ms", "miss", "madam", "congresswoman", "spokeswoman",
                 "chairwoman", "councilwoman", "businesswoman", "queen", "princess", "first lady",
                 "wife", "mother", "daughter", "sister", "grandmother", "actress", "woman"}
_MALE_WORDS = {"mr.", "mr", "congressman", "spokesman", "councilman", "businessman", "king",
               "prince", "husband", "father", "son", "brother", "grandfather", "actor", "man", "pope"}
_CAPSEQ_RE = re.compile(
    r"(?<![\w’'])(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Rev|Prof|Capt|Adm|Maj)\.\s+)?"
    r"[A-Z][a-zA-Z\u00c0-\u024f’'\-]*[a-z\u00df-\u024f][a-zA-Z\u00c0-\u024f’'\-]*(?:[ \t]+(?:[A-Z]\.[ \t]+)?"
    r"(?:(?:de|van|von|al|bin|del|la|le)[ \t]+)?[A-Z][a-zA-Z\u00c0-\u024f’'\-]*[a-z\u00df-\u024f][a-zA-Z\u00c0-\u024f’'\-]*)*")
_DESCRIPTION_RE = re.compile(
    r"(?:the|The|this|This)\s+(?:[\w’'.\-]+\s+){0,3}(?:senator|governor|president|candidate|nominee|"
    r"spokesman|spokeswoman|congressman|congresswoman|businessman|businesswoman|billionaire|mogul|"
    r"mayor|secretary|chairman|chairwoman|front-runner|frontrunner|[\w\-]*year-old|lawmaker|"
    r"leader|senator-elect|host|commentator|candidate|contender|hopeful|challenger|speaker|"
    r"congressman|representative|pundit|strategist|adviser|advisor|director|chief|attorney|judge)")
_DESC_TAIL_RE = re.compile(r"\s+(?:from|of)\s+[A-Z][\w’'.\- ]*$")  # "the senator from Vermont"
_DESC_HEAD_AFTER_RE = re.compile(
    r"(?:\s+[a-z][\w\-]*){0,2}?\s+(?:senator|governor|president|candidate|nominee|congressman|"
    r"congresswoman|businessman|billionaire|mogul|mayor|lawmaker|front-runner|frontrunner|"
    r"[\w\-]*year-old|leader|hopeful|contender)\b")
_SHORT_MODS_RE = re.compile(r"(?:[a-z][\w’'\-]*\s+){1,3}")
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
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
vermont wisconsin wyoming
germany france britain england scotland ireland italy spain japan korea india pakistan iran iraq
syria israel egypt turkey ukraine afghanistan libya brazil australia cuba venezuela kazakhstan
beijing moscow london paris berlin tokyo brussels tehran baghdad damascus kabul
""".split())


def _gender_of_words(words: list[str]) -> str | None:
    for w in words:
        lw = w.lower()
        if lw in _FEMALE_WORDS:
            return "f"
        if lw in _MALE_WORDS:
            return "m"
    return None


# words that make a capitalised sequence an organisation, place or thing rather than a person
_ORG_WORDS = _NON_PERSON_LAST | set("""
affairs rights security services program act bill plan initiative project council coalition alliance
network channel station airport hotel building highway avenue
corporation company co inc llc ltd partners capital holdings group industries bureau agency
organization organisation society federation league conference summit forum convention caucus
primary primaries debate election elections poll polls survey report study court jury police army navy
force marines prison jail hospital clinic museum library gallery theatre theater
festival awards series olympics championship tournament fc
war revolution movement republic kingdom empire union nations world international national global
federal american americans european europeans muslim muslims christian christians jewish jews
democrat gop senators representatives governors mayors voters supporters
north south east west northern southern eastern western new old great greater united
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())
_APPOS_AFTER_RE = re.compile(
    r"(?:’s|'s)?,\s+(?:(?:\d{1,3}|who|whose)\b|(?:a|an|the|his|her|their|its|one|now|then|former|"
    r"longtime|[\w\-]+-year-old)\s+([^,.;:()\"“”]{0,60}))")
_GPRON2_RE = re.compile(r"\b(?:([Hh](?:e|im|is|imself))|([Ss]he|[Hh]er|[Hh]ers|[Hh]erself))\b")
_ROLE_BEFORE_F = {"spokeswoman", "chairwoman", "congresswoman", "councilwoman", "businesswoman", "actress",
                  "mother", "wife", "daughter", "sister", "grandmother", "widow", "girlfriend", "woman", "lady"}
_ROLE_BEFORE_M = {"spokesman", "chairman", "congressman", "councilman", "businessman", "actor", "father",
                  "husband", "son", "brother", "grandfather", "widower", "boyfriend", "man"}
_ROLE_BEFORE_N = set("""
spokesperson lawyer attorney strategist director manager adviser advisor aide analyst professor
economist consultant pollster senator governor president secretary leader candidate nominee founder
executive officer official reporter host anchor columnist writer author editor judge prosecutor
sheriff mayor chief expert historian scientist researcher activist organizer supporter voter resident
student worker veteran delegate lawmaker commentator pastor ceo chair head member fellow partner
owner coach player detective agent diplomat ambassador
""".split())


_AFTER_PLACE_RE = re.compile(r"[A-Z][\w.’'\-]*,[ \t]+$")


def _at_sentence_start(text: str, s: int) -> bool:
    j = s - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j < 0 or text[j] in "\n.!?\"”"


def _in_headline(text: str, s: int) -> bool:
    """Whether the line around ``s`` is set in title case (a headline or a caption): a role word
    there ("Most Qualified Presidential Candidate Ever") says nothing of the word after it."""
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", s)
    words = _WORD_RE.findall(text[a:b if b >= 0 else len(text)])
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in _TITLE_SMALL)
    return caps >= 0.8 * len(words)


def _role_before(text: str, s: int) -> str | None:
    """For a name at ``s``: "f" / "m" when the word right before it is a gendered role noun
    ("spokeswoman Ana Ruiz"), "n" for another role noun ("lawyer Ana Ruiz"), else None."""
    j = s - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if j >= 0 and text[j] == ",":  # "Kazakhstan's foreign minister, Erlan Idrissov"
        j -= 1
    k = j
    while k >= 0 and (text[k].isalnum() or text[k] in "-'’"):
        k -= 1
    if k == j:
        return None
    w = text[k + 1:j + 1].lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w in _ROLE_BEFORE_F:
        return "f"
    if w in _ROLE_BEFORE_M:
        return "m"
    return "n" if w in _ROLE_BEFORE_N else None


class _Resolver:
    """Person mentions outside quotations, grouped into entities with a gender guess, for
    resolving he / she and person descriptions ("the Vermont senator").

    A capitalised sequence is a person when it has a title (Sen., Mr., President ...), a known
    first name, a middle initial, a role noun right before it ("spokeswoman Ana Ruiz"), an
    appositive right after it ("Ruiz, 58," / "Ruiz, the chairwoman of ...") or is the speaker
    of a "Name said" attribution; never when a word of it is an organisation / place word.
    Mentions with a first name are separate entities ("Bill Clinton" vs "Hillary Clinton"); a
    bare surname joins the latest gender-compatible entity with that surname.  Gender comes
    from titles, first names, role nouns and appositives (weight 2) and from the next he/she
    pronoun in the same sentence (weight 1)."""

    def __init__(self, text: str, inside_quote, speakers: list[tuple[int, str]], sent_starts: list[int]):
        self.text = text
        self.sent_starts = sent_starts
        known = {_surname(n) for _, n in speakers if n}
        speaker_at = {p for p, _ in speakers}
        ents: list[dict] = []  # {"name", "sur", "first", "votes": Counter, "person"}
        by_sur: dict[str, list[int]] = {}
        mentions: list[tuple[int, int, int]] = []  # (start, end, entity index)
        for m in _CAPSEQ_RE.finditer(text):
            s = m.start()
            if inside_quote(s):
                continue
            toks = m.group().split()
            # the name is the trailing run of words that are neither titles / roles nor
            # organisation words ("Senate Majority Whip John Cornyn" -> "John Cornyn")
            k = len(toks)
            if k >= 2 and toks[-1] in _MONTHS and toks[-2] not in _NOT_NAMES:
                k -= 1  # "Theresa May", "Yin Myint May": a surname, not a month
            while k > 0 and not (toks[k - 1] in _PERSON_TITLE_PREFIX or toks[k - 1] in _NOT_NAMES
                                 or toks[k - 1] in _HONORIFICS or toks[k - 1].lower() in _ROLE_WORDS
                                 or _strip_possessive(toks[k - 1]).lower() in _ORG_WORDS):
                k -= 1
            if k < len(toks) and len(toks) >= 2 and toks[-1] in _MONTHS and k == len(toks) - 1:
                k = len(toks)  # nothing but the month before it: not a name
            pre, toks = toks[:k], toks[k:]
            if not toks or len(toks) > 4:
                continue
            last = _strip_possessive(toks[-1])
            sur = last.lower()
            if not sur:
                continue
            if pre:
                s = m.end() - len(m.group()) + _name_offset(m.group(), len(pre))
            first = toks[0].lower() if len(toks) >= 2 else None
            g = _gender_of_words(pre) if pre else None
            if g is None and first:
                g = None if first in _UNISEX_FIRST else "f" if first in _FEMALE_FIRST \
                    else "m" if first in _MALE_FIRST else None
            headline = first is None and _in_headline(text, s)
            titled = any(p in _PERSON_TITLE_PREFIX or p in _HONORIFICS
                         or (p.lower() in _ROLE_WORDS and not headline) for p in pre)
            evid = titled or (first is not None and (first in _FEMALE_FIRST or first in _MALE_FIRST)) \
                or sur in known or s in speaker_at or (len(toks) >= 3 and len(toks[1]) == 2 and toks[1].endswith("."))
            rb = None if headline else _role_before(text, s)
            if rb:
                evid = True
                if g is None and rb in ("f", "m"):
                    g = rb
            ma = _APPOS_AFTER_RE.match(text, m.end())
            if ma:
                # a lone capitalised word opening a sentence ("Nevertheless, the incident made")
                # or following "Place, " ("Aspen, Colo., the graduate ended") takes a comma
                # phrase as an appositive only when a comma closes it ("Davis, a liberal, said")
                if first is None and not text.startswith(",", ma.end()) and \
                        (_at_sentence_start(text, s) or _AFTER_PLACE_RE.search(text, max(0, s - 40), s)):
                    ma = None
            if ma:
                evid = True
                if g is None and ma.group(1):
                    g = _gender_of_words(ma.group(1).split())
            # entity: a full name is its own entity; a bare surname joins the latest entity with
            # that surname whose gender does not contradict this mention
            ei = None
            cands = by_sur.get(sur, ())
            if first:
                for k in reversed(cands):
                    if ents[k]["first"] in (first, None):
                        ei = k
                        break
            else:
                for k in reversed(cands):
                    eg = _vote(ents[k]["votes"])
                    if g is None or eg is None or eg == g:
                        ei = k
                        break
            if ei is None:
                if not evid:
                    continue
                ei = len(ents)
                ents.append({"name": " ".join(toks[:-1] + [last]), "sur": sur, "first": first,
                             "votes": Counter()})
                by_sur.setdefault(sur, []).append(ei)
            ent = ents[ei]
            if first and ent["first"] is None:
                ent["first"] = first
            if first and len(" ".join(toks)) > len(ent["name"]):
                ent["name"] = " ".join(toks[:-1] + [last])
            if g:
                ent["votes"][g] += 2
            mentions.append((s, m.end(), ei))
        # pronoun votes: the next gendered pronoun after a mention, in the same sentence, within
        # 150 characters and before the next mention
        prons = [(m.start(), m.group(1) is not None) for m in _GPRON2_RE.finditer(text)]
        ppos = [p[0] for p in prons]
        for k, (s, e, ei) in enumerate(mentions):
            nxt = mentions[k + 1][0] if k + 1 < len(mentions) else len(text)
            j = bisect.bisect_left(ppos, e)
            if j < len(ppos) and ppos[j] < min(nxt, e + 150) and not inside_quote(ppos[j]) \
                    and bisect.bisect_right(sent_starts, e) == bisect.bisect_right(sent_starts, ppos[j]):
                ents[ei]["votes"]["m" if prons[j][1] else "f"] += 1
        self.ents = ents
        self.gender = [_vote(en["votes"]) for en in ents]
        self.mentions = mentions
        # 0: can be a sentence subject, 1: possessive ("Trump's"), 2: object of a preposition
        # or a modifier of a noun ("the Sanders campaign")
        self.flags: dict[int, int] = {}  # computed on first use (see flag())
        self.pos = [m[0] for m in mentions]
        self.start_to_ent = {m[0]: m[2] for m in mentions}
        self.resolved: list[tuple[int, str, str]] = []  # (pronoun position, he / she, resolved name)
        self.rpos: list[int] = []

    def remember(self, pos: int, pron: str, name: str) -> None:
        """Record a resolved pronoun speaker (quotations are resolved in text order)."""
        if not self.rpos or pos > self.rpos[-1]:
            self.resolved.append((pos, pron, name))
            self.rpos.append(pos)

    def sent_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def _ok(self, ei: int, g: str | None) -> bool:
        eg = self.gender[ei]
        return g is None or eg is None or eg == g

    def _speaker_ok(self, name: str, pos: int, g: str | None) -> bool:
        ei = self.start_to_ent.get(pos)
        if ei is not None:
            return self._ok(ei, g)
        toks = name.split()
        if any(_strip_possessive(t).lower() in _ORG_WORDS for t in toks):
            return g is None
        if g and len(toks) >= 2:
            f = toks[0].lower()
            if f not in _UNISEX_FIRST and ((f in _FEMALE_FIRST and g == "m") or (f in _MALE_FIRST and g == "f")):
                return False
        return True

    def name_at(self, pos: int, name: str) -> str:
        ei = self.start_to_ent.get(pos)
        return self.ents[ei]["name"] if ei is not None else name

    def resolve_subject(self, pos: int, pron: str, speakers, spos, max_sents: int = 8) -> str | None:
        """The person a he / she at ``pos`` refers to: sentence by sentence backwards, the latest
        gender-compatible speaker of a "Name said" attribution in the sentence, else the
        sentence's first gender-compatible person mention."""
        g = "m" if pron == "he" else "f" if pron == "she" else None
        si = self.sent_of(pos)
        lo_s = max(0, si - max_sents)
        n = len(self.text)
        for k in range(si, lo_s - 1, -1):
            a = self.sent_starts[k]
            b = min(pos, self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else n)
            # "When Maddow pointed out that Sanders calls it ..., Clinton seized upon it": the
            # subordinate clause before the first comma is looked at after the main clause
            participial = _PARTICIPLE_START_RE.match(self.text, a, b) is not None
            c_main = self.text.find(",", a, b) if participial or _SUBORD_START_RE.match(self.text, a, b) else -1
            i0 = bisect.bisect_left(spos, max(a, c_main))
            i1 = bisect.bisect_left(spos, b)
            r0 = bisect.bisect_left(self.rpos, a)
            r1 = bisect.bisect_left(self.rpos, b)
            # the latest attribution in the sentence: a "Name said" speaker, or a he / she
            # speaker resolved before (a chain of '"...," he said' paragraphs)
            while i1 > i0 or r1 > r0:
                if r1 > r0 and (i1 == i0 or self.rpos[r1 - 1] > spos[i1 - 1]):
                    r1 -= 1
                    if self.resolved[r1][1] == pron and pron:
                        return self.resolved[r1][2]
                    continue
                i1 -= 1
                p, nm = speakers[i1]
                if self._speaker_ok(nm, p, g):
                    return self.name_at(p, nm)
            if pron and _PRON_SUBJECT_RE.match(self.text, _subject_start(self.text, a, b), b) and \
                    self.text[_subject_start(self.text, a, b):b].lstrip()[:len(pron)].lower() == pron:
                continue  # "He lambasted X ...": the same he / she again, look further back
            i0 = bisect.bisect_left(self.pos, a)
            i1 = bisect.bisect_left(self.pos, b)
            # the sentence's first person mention that can be its subject: not the object of a
            # preposition ("the rise of Bannon"), not a modifier ("the Sanders campaign"), a
            # possessive ("Kazakhstan's minister") only when nothing else fits
            fallback = None
            order = range(i0, i1)
            if c_main > 0:
                im = bisect.bisect_left(self.pos, c_main)
                # "Asked about Clinton's plan, she replied": the participle's subject is the
                # pronoun itself, so a name inside that clause is never its antecedent
                order = range(im, i1) if participial and k == si else itertools.chain(range(im, i1), range(i0, im))
            for j in order:
                ei = self.mentions[j][2]
                if self._ok(ei, g):
                    fl = self.flags.get(j)
                    if fl is None:
                        fl = self.flags[j] = _mention_flag(self.text, self.mentions[j][0], self.mentions[j][1])
                    if fl == 0:
                        return self.ents[ei]["name"]
                    if fl == 1 and fallback is None:
                        fallback = ei
            if fallback is not None:
                return self.ents[fallback]["name"]
        # nothing that can be a subject: the latest compatible mention of any kind
        k = bisect.bisect_left(self.pos, pos) - 1
        lo = self.sent_starts[lo_s]
        while k >= 0 and self.pos[k] >= lo:
            ei = self.mentions[k][2]
            if self._ok(ei, g):
                return self.ents[ei]["name"]
            k -= 1
        return None


_SUBORD_START_RE = re.compile(r"\s*(?:When|While|After|As|Although|Though|If|Because|Before|Since|Until|Once|Whereas)\s")
# a sentence opened by a participial clause ("Asked about ...,", "Speaking to reporters,"):
# prepositions that end in -ing or -ed ("During", "According") are left out
_PARTICIPLE_START_RE = re.compile(
    r"\s*(?!(?:During|According|Including|Regarding|Concerning|Following|Notwithstanding)\b)"
    r"[A-Z][a-z]+(?:ed|ing)\s+(?:about|on|by|to|whether|if|why|what|how|which|who|at|with|in|for|during)\b")


def _name_offset(seq: str, skip: int) -> int:
    """Offset in ``seq`` of its word number ``skip`` (words separated by spaces / tabs)."""
    i = 0
    for _ in range(skip):
        while i < len(seq) and not seq[i].isspace():
            i += 1
        while i < len(seq) and seq[i].isspace():
            i += 1
    return i


_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}
_PREPS = {"of", "to", "with", "for", "from", "by", "about", "against", "at", "in", "on", "into", "over",
          "under", "than", "like", "between", "behind", "toward", "towards", "upon", "via", "named"}
_MODIFIED_NOUNS = _SPEAKER_NOUNS | {"campaign", "supporters", "administration", "aides", "voters", "camp",
                                    "team", "foundation", "era", "presidency", "rally", "rallies", "speech",
                                    "victory", "win", "loss", "plan", "policy", "policies", "tower", "university",
                                    "organization", "family", "allies", "backers", "critics", "surrogates"}
_PRON_SUBJECT_RE = re.compile(r"\s*(?:He|She|he|she)\b")


def _mention_flag(text: str, s: int, e: int) -> int:
    """0: the mention can be a sentence subject; 1: possessive; 2: object of a preposition
    or a noun modifier."""
    words = _prev_words(text, s, 4)
    if words:
        if words[-1] in _PREPS:
            return 2
        # "about the governor, Dale Hooper": an appositive of a preposition's object
        if len(words) >= 2 and words[-1] in _ROLE_WORDS:
            pi = max((q for q, w in enumerate(words) if w in _PREPS), default=-1)
            if pi >= 0 and all(w in _NOMINAL_DETS or w in _ROLE_WORDS or w in _SPEAKER_MODS
                               for w in words[pi + 1:]):
                return 2
    m = _NEXT_WORD_RE.match(text, e)
    if text[e - 2:e] in ("'s", "’s") or text[e - 1:e] in ("'", "’"):
        # "Christie's been making the case": a contraction of "has", not a possessive
        return 0 if m and m.group(1) in _HAS_PARTICIPLES and text[e - 1] in "s" else 1
    if m and (m.group(1) in _MODIFIED_NOUNS or (m.group(1) in _ROLE_WORDS and _CAP_NEXT_RE.match(text, m.end()))):
        return 2  # "the Sanders campaign", "Obama consultant Cornell Belcher"
    return 0


_HAS_PARTICIPLES = {"been", "got", "gotten", "had", "done", "made", "taken", "gone", "become", "said", "told"}
_CAP_NEXT_RE = re.compile(r"[ \t]+[A-Z][a-z]")


_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z]+)")


def _prev_words(text: str, s: int, n: int) -> list[str]:
    """Up to ``n`` lower-cased letter words right before ``s`` (commas between them allowed),
    in text order; stops at any other character."""
    out: list[str] = []
    j = s - 1
    while len(out) < n:
        while j >= 0 and text[j] in " \t,":
            j -= 1
        k = j
        while k >= 0 and text[k].isalpha():
            k -= 1
        if k == j or (k >= 0 and not (text[k] in " \t,")):
            if k != j and k < 0:
                out.append(text[k + 1:j + 1].lower())
            break
        out.append(text[k + 1:j + 1].lower())
        j = k
    out.reverse()
    return out


def _vote(c: Counter) -> str | None:
    if not c:
        return None
    f, m = c.get("f", 0), c.get("m", 0)
    return "f" if f > m else "m" if m > f else None


_DASH_SIG_RE = re.compile(r"\s*\n\s*[-—–]\s*((?:[A-Z][\w’'.\-]*\s?){1,4})[.,\n]")
# a quotation signed after a dash on the same line or the next ('“...” ― Mary Lane', '“...”\n— Tom
# Baker, mayor of Dayton'): quote collections, pull quotes, epigraphs
_SIGNOFF_RE = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:[―—–]|--?)[ \t]*((?:[A-Z][\w’'.\-]*)(?:[ \t](?:[A-Z][\w’'.\-]*|de|van|von|al|bin|del|la|le)){0,4})"
                         r"(?=[ \t]*(?:[,;(]|\.?[ \t]*(?:\n|$)))"
                         # no dash: 'Josh Bivens, Economic Policy Institute.' alone on the next line
                         r"|[ \t]*\n[ \t]*((?:[A-Z][\w’'.\-]*)(?:[ \t](?:[A-Z][\w’'.\-]*|de|van|von|al|bin|del|la|le)){1,3})"
                         r"(?=,[ \t]*(?:[A-Z][\w’'.&\-]*|of|for|and|the|at|on)(?:[ \t]+(?:[A-Z][\w’'.&\-]*|of|for|and|the|at|on)){0,8}"
                         r"\.?[ \t]*(?:\n|$))")


def _signoff(text: str, e: int) -> tuple[str, tuple[int, int]] | None:
    """The name signing a quotation that ends at ``e`` ('“...” ― Mary Lane'), titles dropped."""
    m = _SIGNOFF_RE.match(text, e)
    if not m:
        return None
    gi = 1 if m.group(1) else 2
    nm = m.group(gi).rstrip(".")
    toks = nm.split()
    while len(toks) > 1 and (toks[0] in _TITLE_ABBR or toks[0].lower() in _ROLE_WORDS or toks[0] in _HONORIFICS):
        toks = toks[1:]
    nm2 = " ".join(toks)
    if not _plausible_name(nm2):
        return None
    a = m.start(gi) + nm.index(nm2)
    return nm2, (a, a + len(nm2))


_NUMBER_WORDS = set("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred thousand million""".split())
_NOT_SPEAKER_WORDS = {"According", "Likewise", "Name", "Honor", "It", "Its", "Article", "Section", "Chapter",
                      "Photo", "Video", "Getty", "Reuters", "Image", "Images", "Source", "Note", "Update", "Editor"}


def _plausible_name(nm: str | None) -> bool:
    """A speaker inferred without a reporting verb must look like a name: not a headline in
    capitals, not a sentence-opening word ("According", "Likewise", "Thirteen years ...")."""
    if not nm:
        return False
    toks = nm.split()
    if all(len(t) > 1 and t.isupper() for t in toks):
        return False
    t0 = toks[0]
    if t0 in _NOT_SPEAKER_WORDS or t0 in _NOT_NAMES or t0.lower() in _NUMBER_WORDS:
        return False
    if len(toks) == 1 and (t0.lower() in _ORG_WORDS or t0.endswith(("ly", "ing"))):
        return False
    return True


def _implicit_speaker(text: str, s: int, e: int, ps: int, resolver: "_Resolver", mentions, mention_pos):
    """Speaker of a quotation with no reporting verb: 'Name: "..."', 'Name verb ... "fragment"',
    a sign-off paragraph ('- Sanders.'), or the subject of the preceding sentences."""
    sent0 = _sentence_start(text, s, ps)
    lead = text[sent0:s]
    if lead.rstrip().endswith(":"):
        # 'Rep. Trey Gowdy (R-S.C.): "..."', '... - Philip Bump: "..."' (but not '... delivered a
        # message to Trump: "..."': the object of a preposition does not speak)
        cpos = sent0 + len(lead.rstrip()) - 1
        nm, sp, kind, _t, st = _speaker_before(text, cpos, sent0)
        if kind == "name" and _plausible_name(nm) and _mention_flag(text, sp[0], sp[1]) != 2:
            return nm, sp
    if sent0 < s and re.search(r"[A-Za-z]{2,}", lead):
        slo = _subject_start(text, sent0, s)
        nm, sp, kind, _t, _e = _speaker_after(text, slo, s)
        if kind == "name" and _plausible_name(nm):
            return nm, sp
        if kind == "pronoun" and nm.lower() in ("he", "she"):
            r = resolver.resolve_subject(sp[0], nm.lower(), mentions, mention_pos)
            return (r, sp) if r else (None, None)
        if kind in (None, "nominal"):
            # 'The petition accuses the campaign of "..."': a description as the subject
            m = _SUBJ_NP_S_RE.match(text, slo, s)
            if m:
                return m.group(1), m.span(1)
    m = _DASH_SIG_RE.match(text, e)
    if m and _plausible_name(m.group(1).strip().rstrip(".")):
        nm = m.group(1).strip().rstrip(".")
        toks = nm.split()
        while len(toks) > 1 and (toks[0] in _TITLE_ABBR or toks[0].lower() in _ROLE_WORDS or toks[0] in _HONORIFICS):
            toks = toks[1:]  # "- President Obama, tweeting ..."
        nm2 = " ".join(toks)
        a = m.start(1) + nm.index(nm2)
        return nm2, (a, a + len(nm2))
    # a quotation paragraph after 'President Clinton released the following statement:'
    if s == ps and ps > 0:
        pe = _rstrip(text, ps)
        if pe > 0 and text[pe - 1] == ":":
            s1 = _sentence_start(text, pe - 1, max(0, pe - 400))
            nm, sp, kind, _t, _e = _speaker_after(text, _subject_start(text, s1, pe), pe)
            if kind == "name" and _plausible_name(nm):
                return nm, sp
    if s == ps:
        r = resolver.resolve_subject(s, "", mentions, mention_pos, max_sents=3)
        if r:
            return r, None
    elif sent0 > ps + 1 and not re.search(r"[A-Za-z]{2,}", lead):
        # a quotation opening a sentence after 'Bolton distanced himself from ...' in the same
        # paragraph: the named subject of the previous sentence
        s1 = _sentence_start(text, sent0 - 2, ps)
        slo = _subject_start(text, s1, sent0)
        if not _QMARK_RE.search(text, s1, sent0):
            nm, sp, kind, _t, end = _speaker_after(text, slo, sent0)
            if kind == "name" and _plausible_name(nm) and sp[0] - slo < 3 and _VERB_NEXT_RE.match(text, end):
                return nm, sp
    return None, None


# a verb right after a subject phrase (not a time adverb: 'Hours later, ...')
_SUBJ_VERB_RE = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+|also[ \t]+|then[ \t]+)?(?!later\b|ago\b|earlier\b|after\b|before\b|of\b|and\b|or\b"
                           r"|for\b|in\b|on\b|at\b|to\b|from\b|with\b)[a-z]{2,}\b")
_WITH_ABS_RE = re.compile(r"\bwith(?=\s+(?:[A-Z]|the\s|his\s|her\s|their\s)[^,;:!?\"“”]{1,60}$)"
                          r"|\b(?:footage|video|clip|audio|recording)\s+of(?=\s+[A-Z][^,;:!?\"“”]{1,40}$)")
_AGE_LEAD_RE = re.compile(r"\s*\d+-year-old\s+(?=[A-Z])")
_REL_COMMA_RE = re.compile(r"[’'s]*\s*,\s*who\s")
_VERB_NEXT_RE = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+)?(?!of\b|and\b|or\b|for\b|in\b|on\b|at\b|to\b)[a-z]+\b")


def find_quotes(text: str, _hits: list | None = None) -> list[Quote]:
    """Find the direct quotations in ``text`` with speaker, cue and title flag (``_hits``: the
    result of ``_scan_words(text)`` when the caller has it already)."""
    if not text or not _QMARK_RE.search(text):
        return []
    return _find_quotes(text, _hits)


# what may follow a trailing "X said" after a quotation that ends its own sentence ("...?"
# Smith asked.): punctuation or an adverbial, not an object ("She noted a plan ...")
_AFTER_FULL_CLAUSE_RE = re.compile(
    r"\s*(?:[.,;!?)\]—–]|-|$|(?:on|in|at|to|during|after|before|while|when|from|with|as|about|"
    r"last|this|yesterday|today|tonight|then|later|again|also|afterward|afterwards|recently|"
    r"earlier|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|simply|flatly|quietly|"
    r"bluntly|softly|firmly|emphatically|angrily|laughing|smiling)\b)")
# cues that take a listener ('" Trump told CNN on Sunday.', '" she asked reporters.')
_OBJECT_CUES = {"told", "tells", "tell", "asked", "asks", "reminded", "assured", "informed", "warned",
                "urged", "begged", "thanked"}
_OBJECT_RE = re.compile(r"\s+(?:reporters|him|her|them|me|us|voters|supporters|the\s+(?:crowd|audience)|"
                        r"an?\s+(?:crowd|audience|reporter|rally)|[A-Z][\w’'.\-]*)")
# a person description with a noun the lexicons do not know, right next to the cue of a
# trailing attribution ('"...," said the designer, who ...' / '"...," one user wrote')
_NOMINAL_AFTER_RE = re.compile(r"\s+((?:the|a|an|one|another)(?:\s+[\w’'\-]+){0,4}?\s+[a-z][\w’'\-]*|another\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})(?=\s*[,.;]|\s+(?:who|of|at|in|for|from|with|on|to)\b)")
_NOMINAL_BEFORE_RE = re.compile(r"((?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'\-]+\s+){0,3}[a-z][\w’'\-]*)\s+(?:\w+ly\s+)?")
# a word that is not an auxiliary verb (the head of a noun phrase never is)
_RELAYED_BY_RE = re.compile(r"[^.!?\n“”\"]{0,80}?,\s+according\s+to\s+((?:the\s+)?[A-Z][\w’'.&\-]*"
                            r"(?:[ \t]+(?:[A-Z][\w’'.&\-]*|of|for|and))*)")
_LOWER_WORD_RE = re.compile(r"[ \t]+[a-z]")
_NOT_AUX = r"(?!(?:has|had|have|is|was|were|are|will|would|could|can|may|might|should|did|does|do|been)\b)"
# a subject noun phrase headed by a common noun, then a verb ("The billionaire businessman began")
_SUBJ_NP_RE = re.compile(rf"\s*((?:The|A|An|the|a|an|His|Her|Its|Their|his|her|its|their)\s+(?:{_NOT_AUX}[\w’'\-]+\s+){{0,4}}?{_NOT_AUX}[a-z][\w’'\-]*)"
                         r"\s+(?:(?:has|had|have)\s+)?(?:[a-z]+ly\s+)?([a-z]+(?:ed|s|an|ew|ok|ote|ent|ave|ame|ood|old|ent|ung|ose))\b")
_SUBJ_NP_S_RE = re.compile(rf"\s*((?:The|A|An)\s+(?:{_NOT_AUX}[\w’'\-]+\s+){{0,4}}?{_NOT_AUX}[a-z][\w’'\-]*[a-z])"
                           r"\s+(?:[a-z]+ly\s+)?(?!is\b|was\b|has\b|as\b|its\b|this\b|thus\b|us\b|his\b|less\b|plus\b)"
                           r"[a-z]+(?:s|ed)\b")
_NAME_APPOS_RE = re.compile(
    r"((?:(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][\w’'\-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w’'\-]+){0,3}),\s+"
    r"(?:a|an|the|who|his|her|their|its|[a-z][\w\-]*|\d{1,3})\b[^.;!?\"“”]*$")
_OPENS_QUOTE_RE = re.compile(r"\s*[,:]?\s*[\"“„«]")
_TRAIL_GAP_RE = re.compile(r"\s*(?:,|—|–|--|-)?\s*")
_SPLIT_GAP_RE = re.compile(r"[\s,;:—–-]*")
# a sentence break: [.!?] (a period not ending an initial or a title such as "Gov."), closing
# marks, space, then an opening mark, a capital or a digit
_SENT_START_RE = re.compile(
    r"(?:[!?]|\.(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt)\.)(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Maj|Adm|Rev)\.)"
    r"(?<!\b(?:Capt|Prof|Sens|Reps|Govs|Gens)\.))[\"”’'»)\]]*\s+(?=[\"“‘'«(\[A-Z0-9])")
_HAS_WORD_RE = re.compile(r"[A-Za-z]{2,}")
_THAT_RE = re.compile(r"\bthat\b")
_LEAD_ADV_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:on|last|this|in\s+a\s+statement|in\s+an\s+interview|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|today|yesterday|recently|repeatedly|again|also)\b[,\s]*)*")
_COMMA_BEFORE_RE = re.compile(r",[\"”’]?\s*$")
_COORD_BEFORE_RE = re.compile(r"\b(?:and|but)\s+(?:(?!(?:he|she|they|we|I|it)\s)[a-z]\w*\s+)?$")
_BY_RE = re.compile(r"\s+by\s+")
_SPLIT_AND_RE = re.compile(r"[\s,;:—–-]*(?:(?:and|but|then)\b[\s,]*)?")
_CONJ_BEFORE_RE = re.compile(r",?\s+(?:and|but|while|then)\s+(?:(?:also|later|then|has|had|have|he|she|they)\s+)?$")
_SENT_BREAK_IN_RE = re.compile(r"[.!?;]\s")


_ALNUM_RE = re.compile(r"[^\W_]")


def _nonspace(text: str, a: int, b: int) -> int:
    sub = text[a:b]
    return len(sub) - sub.count(" ") - sub.count("\n") - sub.count("\t") - sub.count("\u00a0")


@dataclass
class _Cand:
    """A quotation candidate: content span, the quote segments in it and its attribution."""
    start: int
    end: int
    segs: list
    spk: _Spk | None
    where: str  # "trail" / "lead" / "final" / "" (how the attribution was found)
    att_end: int  # end of the attribution clause (or of the content when none follows)
    standalone: bool  # the content is the quotation itself (not a fragment in reported speech)


def _find_quotes(text: str, hits: list | None = None) -> list[Quote]:
    # a segment without a letter or digit can never be a quotation (and a page of bare quote
    # marks would otherwise cost a parse per pair)
    segs = [sg for sg in _raw_segments(text) if _ALNUM_RE.search(text, sg[0], sg[1])]
    if not segs:
        return []
    n = len(text)
    para_starts = [0] + [m.end() for m in _PARA_RE.finditer(text)]
    para_start_set = set(para_starts)
    cues = _find_cues(text, hits)
    cue_starts = [c[0] for c in cues]
    seg_starts = [s for s, _, _ in segs]
    seg_ends = [e for _, e, _ in segs]

    def inside_quote(pos: int) -> bool:
        k = bisect.bisect_right(seg_starts, pos) - 1
        return k >= 0 and seg_ends[k] > pos

    def strictly_inside(pos: int) -> bool:
        k = bisect.bisect_left(seg_starts, pos) - 1
        return k >= 0 and seg_ends[k] > pos

    # sentence starts (paragraph starts and sentence breaks outside quotations)
    breaks = [m.end() for m in _SENT_START_RE.finditer(text)]
    sent_starts = sorted(set(para_starts).union([b for b in breaks if not strictly_inside(b)]))

    def sent_start(pos: int) -> int:
        return sent_starts[bisect.bisect_right(sent_starts, pos) - 1]

    def next_sent(pos: int) -> int:
        k = bisect.bisect_right(sent_starts, pos)
        return sent_starts[k] if k < len(sent_starts) else n

    def para_bounds(pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(para_starts, pos) - 1
        ps = para_starts[k]
        pe = para_starts[k + 1] if k + 1 < len(para_starts) else n
        return ps, _rstrip(text, pe)

    def cues_in(lo: int, hi: int):
        a = bisect.bisect_left(cue_starts, lo)
        b = bisect.bisect_left(cue_starts, hi)
        return cues[a:b]

    def last_cues(lo: int, hi: int, k: int = 24):
        """The last ``k`` cues in lo..hi, latest first (bounded work on pathological texts)."""
        a = bisect.bisect_left(cue_starts, lo)
        b = bisect.bisect_left(cue_starts, hi)
        return cues[max(a, b - k):b][::-1]

    marks = [m.start() for m in _QMARK_RE.finditer(text)]

    def has_mark(a: int, b: int) -> bool:
        return bisect.bisect_left(marks, a) < bisect.bisect_left(marks, b)

    def has_break(a: int, b: int) -> bool:
        """A sentence break in text[a:b] ('Gov. Kasich', 'Harry M. Reid' are not breaks)."""
        for m in _SENT_BREAK_IN_RE.finditer(text, a, b):
            if text[m.start()] != "." or not _ABBR_END_RE.search(text, max(0, m.start() - 6), m.start() + 1):
                return True
        return False

    def trailing(s: int, e: int) -> _Spk | None:
        """'"...," X said' / '"...," said X' right after the quotation."""
        _, pe_end = para_bounds(max(s, e - 1))
        m = _TRAIL_GAP_RE.match(text, e)
        off = m.end()
        inner_end = text[e - 2] if e - s >= 2 and text[e - 1] in _QMARKS else ""
        full = inner_end in ".?!"
        spk = None
        for cs, ce, cw in cues_in(off, min(pe_end, off + 260)):
            between = text[off:cs]
            if _QMARK_RE.search(between) or has_break(off, cs):
                break
            if cs == off:
                # cue first: 'said X'
                nm, sp, kind, titled, end = _speaker_after(text, ce, pe_end)
                if not kind:
                    m = _NOMINAL_AFTER_RE.match(text, ce)  # 'said the designer, who ...'
                    if m:
                        nm, sp, kind, titled, end = m.group(1), m.span(1), "nominal", False, m.end(1)
                if kind:
                    spk = _Spk(nm, sp, kind, titled, cw, (cs, ce), (e, end))
                    break
                continue
            nm, sp, kind, titled, start = _speaker_before(text, cs, off)
            if kind and (start <= off + 2 or _SHORT_MODS_RE.fullmatch(text, off, start)):
                spk = _Spk(nm, sp, kind, titled, cw, (cs, ce), (e, ce))
                break
            m = _NOMINAL_BEFORE_RE.fullmatch(text, off, cs)  # '"...," one user wrote'
            if m:
                spk = _Spk(m.group(1), m.span(1), "nominal", False, cw, (cs, ce), (e, ce))
                break
            m = _NAME_APPOS_RE.match(text, off, cs)
            if m and _plausible_name(m.group(1)):
                # '"...," Nate Silver, the polling guru who founded the site tweeted' (no comma
                # closes the appositive)
                nt = _clean_name(_tokens(text, m.start(1), m.end(1)))
                if nt:
                    nm = " ".join(t[0] for t in nt)
                    spk = _Spk(nm, (nt[0][1], nt[-1][2]), "name", True, cw, (cs, ce), (e, ce))
            break
        if spk is None:
            return None
        if full:
            # a quotation ending its own sentence takes a trailing clause only when the clause
            # ends there too ('"Why now?" Clinton asked.'), not when it opens the next quotation
            # or goes on with an object ('... .” She noted a planned visit')
            tail = max(spk.clause[1], spk.cue_span[1])
            if _OPENS_QUOTE_RE.match(text, tail):
                return None
            if not _AFTER_FULL_CLAUSE_RE.match(text, tail) and not (
                    spk.cue.lower() in _OBJECT_CUES and _OBJECT_RE.match(text, tail)):
                return None
        return spk

    def leading(s: int, lo: int, prev: _Spk | None = None) -> _Spk | None:
        """'X said: "..."' / 'X said that ... "..."' / 'according to X, "..."' before the quotation.
        ``prev``: the attribution of a quotation earlier in the same sentence, whose speaker is the
        subject of a participle cue ('"A," said Scott, adding that "B"')."""
        cl = cues_in(lo, s)
        for idx in range(len(cl) - 1, -1, -1):
            cs, ce, cw = cl[idx]
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
            if lw in _PARTICIPLE_CUES or _COORD_BEFORE_RE.search(text, max(lo, cs - 12), cs):
                mw = _WITH_ABS_RE.search(text, max(lo, cs - 90), cs) if lw in _PARTICIPLE_CUES else None
                if mw:
                    # '..., with Sen. John McCain calling it "..."': the subject of the participle
                    nm, sp, kind, titled, _e = _speaker_after(text, mw.end(), cs)
                    if kind and not _HAS_WORD_RE.search(text, _e, cs) or (kind and re.fullmatch(
                            r"\s+[a-z]+ly\s+", text[_e:cs])):
                        return _Spk(nm, sp, kind, titled, cw, (cs, ce), (mw.start(), ce))
                # a participle or coordinated verb ('..., adding that "B"', 'X said ... and
                # insisted that "B"') has the subject of the main clause: the speaker of the
                # previous reporting verb of the sentence, else the sentence's subject
                for pcs, pce, pcw in reversed(cl[max(0, idx - 24):idx]):
                    if inside_quote(pcs) or pcw.lower() in _PARTICIPLE_CUES:
                        continue
                    nm, sp, kind, titled, _st = _speaker_before(text, pcs, lo)
                    if kind:
                        return _Spk(nm, sp, kind, titled, cw, (cs, ce), (cs, ce))
                    break
                if prev is not None:
                    return _Spk(prev.name, prev.span, prev.kind, prev.titled, cw, (cs, ce), (cs, ce))
                if not _HAS_WORD_RE.search(text, lo, cs) and lo > 0:
                    # a sentence opening with the participle ('... Maher stated. Adding, "..."')
                    ps0 = sent_start(lo - 1)
                    for pcs, pce, pcw in last_cues(ps0, lo):
                        if inside_quote(pcs) or pcw.lower() in _PARTICIPLE_CUES:
                            continue
                        nm, sp, kind, titled, _st = _speaker_before(text, pcs, ps0)
                        if kind:
                            return _Spk(nm, sp, kind, titled, cw, (cs, ce), (cs, ce))
                        break
                slo = _subject_start(text, lo, cs)
                m_age = _AGE_LEAD_RE.match(text, slo, cs)  # '76-year-old Morton Blackwell, ...'
                if m_age:
                    slo = m_age.end()
                nm, sp, kind, titled, _e = _speaker_after(text, slo, cs)
                numeric = kind == "name" and nm.split()[0].lower() in _NUMBER_WORDS  # 'Eight years ago, he ...'
                if numeric:
                    kind = None
                if (kind or numeric) and not _SUBJ_VERB_RE.match(text, _e) or numeric:
                    # 'Hours later, Trump returned ...', 'Speaking in Salem, New Hampshire, Trump
                    # went after Bush, calling': the first phrase before a comma that a verb follows
                    c1 = slo
                    for _ in range(4):
                        c1 = text.find(",", c1 + 1, min(cs, slo + 150))
                        if c1 < 0:
                            break
                        r = _speaker_after(text, c1 + 1, cs)
                        if r[2] and _SUBJ_VERB_RE.match(text, r[4]) and text[r[4] - 2:r[4]] not in ("'s", "’s") \
                                and text[r[1][1]:r[1][1] + 2] not in ("'s", "’s"):
                            nm, sp, kind, titled, _e = r
                            break
                if not kind:
                    # 'Here in Dayton, Baker stepped up ...': a short fronted phrase before the
                    # subject; 'The billionaire businessman began ..., saying': a description
                    c1 = text.find(",", slo, min(cs, slo + 40))
                    if c1 > 0 and not text[slo:c1].strip().lower().startswith(("he ", "she ", "they ")):
                        nm, sp, kind, titled, _e = _speaker_after(text, c1 + 1, cs)
                    if not kind:
                        m = _SUBJ_NP_RE.match(text, c1 + 1 if c1 > 0 else slo, cs)
                        if m and m.group(2).lower() not in _LEFT_SKIP:
                            nm, sp, kind, titled = m.group(1), m.span(1), "nominal", False
                if kind:
                    return _Spk(nm, sp, kind, titled, cw, (cs, ce), (lo, ce))
                if lw in _PARTICIPLE_CUES:
                    continue
            mby = _BY_RE.match(text, ce)
            if mby and lw in ("asked", "told", "questioned", "pressed", "reminded", "urged", "warned"):
                # 'Sanders was asked by host Bill Maher, "..."': the agent speaks
                nm, sp, kind, titled, end = _speaker_after(text, mby.end(), s)
                if kind:
                    return _Spk(nm, sp, kind, titled, cw, (cs, ce), (cs, end))
            nm, sp, kind, titled, start = _speaker_before(text, cs, lo)
            if kind:
                return _Spk(nm, sp, kind, titled, cw, (cs, ce), (start, ce))
            # 'said Smith: "..."' / 'Continued Stone: "..."' (not 'told Smith ...': a listener)
            if lw not in _OBJECT_CUES:
                nm, sp, kind, titled, end = _speaker_after(text, ce, s)
                if kind and sp and sp[0] - ce < 3 and re.match(r"\s*[,:]", text[end:s]):
                    return _Spk(nm, sp, kind, titled, cw, (cs, ce), (cs, end))
        return None

    def lead_cue_end(s: int, lo: int) -> int | None:
        """End of the last reporting verb before ``s`` in its sentence (the speaker unread)."""
        for cs, ce, cw in last_cues(lo, s):
            if not inside_quote(cs) and s - ce < 120:
                return ce
        return None

    def colon_paragraph(s: int) -> _Spk | None:
        """A quotation in its own paragraph introduced by 'Cruz continued:' in the previous one."""
        ps, _ = para_bounds(s)
        if s != ps or ps == 0:
            return None
        pprev_end = _rstrip(text, ps)
        if pprev_end == 0 or text[pprev_end - 1] != ":":
            return None
        sent1 = sent_start(pprev_end - 1)
        for cs, ce, cw in last_cues(sent1, pprev_end):
            if inside_quote(cs):
                continue
            nm, sp, kind, titled, start = _speaker_before(text, cs, sent1)
            if not kind:
                nm, sp, kind, titled, _e = _speaker_after(text, ce, pprev_end)
            if kind:
                return _Spk(nm, sp, kind, titled, cw, (cs, ce), (sent1, ce))
        return None

    def final_clause(lo: int, hi: int) -> tuple[int, _Spk] | None:
        """A sentence-final attribution ('..., said Paul Beck.' / '..., Beck said.') in lo..hi."""
        for cs, ce, cw in cues_in(lo, hi):
            if inside_quote(cs) or cw.lower() in _PARTICIPLE_CUES:
                continue
            comma = text.rfind(",", lo, cs)
            if comma < 0 or has_mark(ce, hi):
                continue
            if not text[comma + 1:cs].strip():
                nm, sp, kind, titled, end = _speaker_after(text, ce, hi)
                if kind:
                    return comma, _Spk(nm, sp, kind, titled, cw, (cs, ce), (comma, end))
                continue
            nm, sp, kind, titled, start = _speaker_before(text, cs, comma + 1)
            if kind and start <= comma + 3 and not _HAS_WORD_RE.search(text, ce, min(hi, ce + 1)):
                return comma, _Spk(nm, sp, kind, titled, cw, (cs, ce), (start, ce))
        return None

    # pass 1: attribution of every quote segment
    info = []  # (s, e, closed, spk, where)
    prev_end = 0
    prev_att = None
    for k, (s, e, closed) in enumerate(segs):
        spk = trailing(s, e)
        where = "trail" if spk else ""
        if spk is None:
            s0 = sent_start(s)
            spk = leading(s, max(s0, prev_end),
                          prev_att if prev_att is not None and prev_att.cue_span[0] >= s0 else None)
            where = "lead" if spk else ""
        if spk is None:
            spk = colon_paragraph(s)
            where = "lead" if spk else ""
        info.append((s, e, closed, spk, where))
        prev_end = e
        prev_att = spk

    # pass 2: content frame of every segment.  A quotation that fills its own sentence (or
    # follows 'X said,' / 'X said:') is its own content; a quoted fragment inside reported
    # speech ('X said that Y was "a disaster" for Z') has the clause around it as content
    cands: list[_Cand] = []
    prev_end = 0
    for k, (s, e, closed, spk, where) in enumerate(info):
        s0 = max(sent_start(s), prev_end)
        nxt_s = info[k + 1][0] if k + 1 < len(info) else n
        start, standalone = s, True
        if where == "lead" and spk.clause[1] <= s:
            gap_lo = spk.clause[1]
            if k > 0 and info[k - 1][4] == "trail" and info[k - 1][3].cue_span == spk.cue_span \
                    and _SPLIT_AND_RE.fullmatch(text, gap_lo, s):
                pass  # '"A," she said, and "B."': one quotation split by its cue
            elif _HAS_WORD_RE.search(text, gap_lo, s) and not (spk.cue_span[0] >= s):
                gap = text[gap_lo:s]
                if ":" in gap or _QMARK_RE.search(gap):
                    pass
                else:
                    m = _THAT_RE.search(gap)
                    start = gap_lo + (m.start() if m else _LEAD_ADV_RE.match(gap).end())
                    standalone = False
        elif where != "lead" and _HAS_WORD_RE.search(text, s0, s) and text[s0:s].rstrip()[-1:] != ":":
            ce = lead_cue_end(s, s0) if where == "" else None
            if ce is not None and not _HAS_WORD_RE.search(text, ce, s):
                pass  # 'Her manager, Robby Mook, said "..."': a standalone quotation, speaker unread
            else:
                if ce is not None:
                    gap = text[ce:s]
                    m = _THAT_RE.search(gap)
                    start = ce + (m.start() if m else _LEAD_ADV_RE.match(gap).end())
                else:
                    start = _SPLIT_GAP_RE.match(text, s0).end()
                standalone = False
        end, att_end = e, e
        if where == "trail":
            att_end = max(spk.clause[1], spk.cue_span[1])
        elif not (where == "lead" and standalone):
            hi = min(_rstrip(text, next_sent(e - 1)), nxt_s)
            m = _TRAIL_GAP_RE.match(text, e)
            if spk is None and (_CUE_NEAR_RE.match(text, m.end()) or (standalone and _signoff(text, e))):
                # '"..." asked the boy, who ...': an attribution this parser cannot read;
                # '“...” ― Mary Lane': a signed quotation ends at its closing mark
                hi = e
            for cs, ce, cw in cues_in(e, hi):
                mc = _CONJ_BEFORE_RE.search(text, max(e, cs - 30), cs)
                if mc is None and cw.lower() in _PARTICIPLE_CUES:
                    mc = _COMMA_BEFORE_RE.search(text, max(e - 2, cs - 5), cs)
                if mc is not None:
                    # 'calls her "a liar" but argues that ...', '..., claiming that ...': the
                    # paraphrase ends before the next reporting clause
                    hi = _rstrip(text, mc.start())
                    break
            if hi > e and _HAS_WORD_RE.search(text, e, hi):
                fc = final_clause(e, hi)
                if fc is not None:
                    if spk is None:
                        spk, where = fc[1], "final"
                    att_end = fc[1].clause[1]
                    hi = fc[0]
                end = hi
                while end > e and text[end - 1] in " \t\n.;,:":
                    end -= 1
                if end < e:
                    end = e
                standalone = standalone and end == e
        cands.append(_Cand(start, end, [(s, e)], spk, where, att_end, standalone))
        prev_end = max(e, att_end if where == "trail" else e)

    # group candidates whose frames overlap (several fragments of one paraphrase)
    grouped: list[_Cand] = []
    for c in cands:
        if grouped and c.start < grouped[-1].end and not c.standalone and not grouped[-1].standalone:
            g = grouped[-1]
            g.end = max(g.end, c.end)
            g.segs += c.segs
            if g.spk is None and c.spk is not None:
                g.spk, g.where = c.spk, c.where
            g.att_end = max(g.att_end, c.att_end)
            continue
        grouped.append(c)

    # a fragment inside reported speech is a direct quotation only when most of its content
    # is quoted text (PolNeAR's rule)
    kept: list[_Cand | None] = []
    for c in grouped:
        if not c.standalone:
            quoted = sum(_nonspace(text, a, b) for a, b in c.segs)
            total = _nonspace(text, c.start, c.end)
            if total <= 0 or quoted / total < 0.5:
                kept.append(None)
                continue
        kept.append(c)

    # continuations: '"A," he said, "B."' and '"A," he said. "B."' (an unattributed quotation
    # right after the attribution sentence continues it)
    merged: list[_Cand] = []
    last = None  # index into kept of the previous candidate (kept or not)
    for i, c in enumerate(kept):
        if c is None:
            last = i
            continue
        prev_kept = last
        while prev_kept is not None and prev_kept >= 0 and kept[prev_kept] is None \
                and grouped[prev_kept].start >= sent_start(max(0, c.start - 1)):
            prev_kept -= 1  # a dropped fragment inside the attribution sentence
        if merged and prev_kept is not None and prev_kept >= 0 and kept[prev_kept] is merged[-1]:
            g = merged[-1]
            same_par = para_bounds(g.end)[0] == para_bounds(c.start)[0]
            join = False
            if c.standalone and g.spk is not None and g.where == "trail" and same_par \
                    and c.spk is not None and c.spk.cue_span == g.spk.cue_span:
                join = True  # '"A," he said, "B."'
            elif g.spk is not None and c.spk is None and c.start == sent_start(c.start) \
                    and (c.standalone or len(_WORD_RE.findall(text, c.start, c.segs[0][0])) <= 2) \
                    and sent_start(c.start - 1) <= max(g.att_end, g.end):
                join = True  # '"A," he said Tuesday. "B."' (also into the next paragraph)
            elif c.standalone and g.spk is None and g.standalone and c.spk is not None and c.where == "trail" \
                    and same_par and not text[g.end:c.start].strip():
                join = True  # '"A." "B," he said.'
                g.spk, g.where = c.spk, c.where
            if join:
                g.end = max(g.end, c.end)
                g.segs += c.segs
                g.att_end = max(g.att_end, c.att_end)
                kept[i] = g
                last = i
                continue
        merged.append(c)
        last = i

    # scare quotes (a few words, no reporting verb) and titles of works are not quotations
    final: list[_Cand] = []
    for c in merged:
        inner = " ".join(text[a:b].strip(_QMARKS + " \n\t") for a, b in c.segs)
        nwords = len(_WORD_RE.findall(inner))
        if nwords == 0:
            continue
        weak = c.spk is not None and c.spk.cue is not None and c.spk.cue.lower() in _WEAK_CUES
        if len(c.segs) == 1 and (c.spk is None or weak or (nwords <= 3 and not c.standalone)) \
                and _is_title_case_work(inner):
            continue
        if c.spk is None and (nwords <= 3 or (nwords < 6 and not re.search(r"[.!?,]$", inner))):
            continue
        final.append(c)
    merged = final

    # speakers
    mentions: list[tuple[int, str]] = []  # (position, name) of "Name said" attributions, built lazily
    mention_pos: list[int] = []
    mentions_built: list[bool] = []

    def ensure_mentions() -> None:
        if mentions_built:
            return
        mentions_built.append(True)
        for cs, ce, cw in cues:
            if inside_quote(cs):
                continue
            lw = cw.lower()
            if lw in _PARTICIPLE_CUES or lw == "according to":
                if lw == "according to":
                    nm, sp, kind, _, _ = _speaker_after(text, ce, n)
                    if kind == "name":
                        mentions.append((sp[0], nm))
                continue
            nm, sp, kind, _, _ = _speaker_before(text, cs, max(0, cs - 120))
            if kind == "name":
                if _REL_COMMA_RE.match(text, sp[1], cs) and not _QMARK_RE.search(text, max(0, cs - 4), cs):
                    # 'Rubio attacked his rivals, Bush and Christie, who say ...': the speaker of a
                    # relative clause is not the sentence's main person (pronouns look past it)
                    continue
                mentions.append((sp[0], nm))
            elif _QMARK_RE.search(text, max(0, cs - 4), cs) or text[cs - 2:cs] == ", ":
                # '"...," said Smith' / '..., said Katie Harbath, a director' (but 'tell Clinton'
                # names the listener and 'said Trump continued ...' the subject of the reported
                # clause, not a speaker)
                nm, sp, kind, _, _ = _speaker_after(text, ce, n)
                if kind == "name" and sp[0] - ce < 3:
                    mentions.append((sp[0], nm))
        mentions.sort()
        mention_pos.extend(m[0] for m in mentions)

    caps: list[tuple[int, str]] = []
    caps_pos: list[int] = []
    caps_built: list[bool] = []

    def resolve(pos: int) -> str | None:
        ensure_mentions()
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

    resolver: list[_Resolver] = []

    def get_resolver() -> _Resolver:
        if not resolver:
            ensure_mentions()
            resolver.append(_Resolver(text, inside_quote, mentions, sent_starts))
        return resolver[0]

    out: list[Quote] = []
    def inherited(lo: int, s: int):
        """A full-sentence quotation after an attribution in the same or the previous paragraph
        ('X said in a statement. "..."') belongs to that speaker: (name, span, kind, titled, cue)."""
        tries = 0
        for cs, ce, cw in last_cues(lo, s):
            if inside_quote(cs) or cw.lower() in _WEAK_CUES:
                continue
            tries += 1
            if tries > 2:
                break
            if cw.lower() in _PARTICIPLE_CUES:
                continue
            nm, sp, kind, titled, _st = _speaker_before(text, cs, max(lo, cs - 200))
            if not kind and _QMARK_RE.search(text, max(lo, cs - 4), cs):
                # '"...," said Cuban, who is a host. "..."'
                nm, sp, kind, titled, _e = _speaker_after(text, ce, s)
            if kind:
                return nm, sp, kind, titled, cw
        return None

    for c in merged:
        s, e, spk = c.start, c.end, c.spk
        if spk is None and c.standalone:
            so = _signoff(text, c.segs[-1][1])
            if so is not None:
                out.append(Quote((s, e), so[0], so[1], None, False, "inferred"))
                continue
        if spk is None:
            ps, _ = para_bounds(s)
            lo = ps if s > ps else para_bounds(max(0, ps - 2))[0]
            own = -1
            if s > ps:
                sent0 = _sentence_start(text, s, ps)
                if sent0 > lo and text[sent0:s].rstrip().endswith(":") and _HAS_WORD_RE.search(text, sent0, s):
                    own = sent0  # 'Kasich resisted: "..."': a colon hands the quotation to its own sentence
            inh = inherited(max(lo, own), s)
            implicit = None
            if inh is None:
                # no reporting verb: infer the speaker (never counted as attributed)
                ensure_mentions()
                q0 = c.segs[0][0]
                implicit = _implicit_speaker(text, q0, c.segs[-1][1], para_bounds(q0)[0], get_resolver(),
                                             mentions, mention_pos)
                if implicit[0] is None and own >= 0:
                    inh = inherited(lo, s)  # nobody in the colon's sentence: the earlier attribution
            if inh is None:
                nm, sp = implicit
                out.append(Quote((s, e), nm, sp, None, False, "inferred" if nm else None))
                continue
            spk = _Spk(inh[0], inh[1], inh[2], inh[3], inh[4], None, None)
        name, kind, span = spk.name, spk.kind, spk.span
        if kind == "pronoun":
            lp = name.lower()
            if lp in ("he", "she"):
                ensure_mentions()
                name = get_resolver().resolve_subject(span[0], lp, mentions, mention_pos) or resolve(span[0])
                if name:
                    get_resolver().remember(span[0], lp, name)
            else:
                name = resolve(span[0]) if lp == "they" else None
            if name is None:
                kind = None
        if kind == "name" and span and span[0] >= 4 and text[span[0] - 4:span[0]] in ("the ", "The "):
            # "the Vermont senator": a capitalised modifier, not a name
            m = _DESC_HEAD_AFTER_RE.match(text, span[1])
            if m:
                name, kind, span = text[span[0] - 4:m.end()], "nominal", (span[0] - 4, m.end())
        if kind == "nominal" and name and _DESCRIPTION_RE.fullmatch(_DESC_TAIL_RE.sub("", name)):
            # a definite description of a person ("the Vermont senator"): the person it names
            ensure_mentions()
            head = name.split()[-1].lower()
            g = "she" if head in _FEMALE_WORDS else "he" if head in _MALE_WORDS else ""
            r = get_resolver().resolve_subject(span[0], g, mentions, mention_pos, max_sents=6)
            if r:
                name, kind = r, "description"
        if spk.cue_span and kind:
            relay = _RELAYED_BY_RE.match(text, max(spk.cue_span[1], span[1] if span else 0))
            if relay and not _LOWER_WORD_RE.match(text, relay.end()):
                # '"...," Sanders said, according to CNN.': PolNeAR's source is the outlet that
                # relays the quotation (5 of 5 such train quotations)
                name = relay.group(1).rstrip(".")
                name, span, kind = name, (relay.start(1), relay.start(1) + len(name)), "name"
        out.append(Quote((s, e), name, span, spk.cue, bool(spk.titled), kind))
    return out



def _surname(name: str) -> str:
    toks = [t for t in re.split(r"\s+", name.strip()) if t]
    if not toks:
        return ""
    return _strip_possessive(toks[-1]).lower()


def extract(article: Article) -> Signals:
    text = article.text or ""
    hits = _scan_words(text)
    quotes = find_quotes(text, hits)
    words = _word_count(text)
    per_k = 1000.0 / words if words else 0.0
    n = len(quotes)
    named = [q for q in quotes if q.named and q.cue]
    titled = [q for q in quotes if q.titled]
    full_of: dict[str, str] = {}  # surname -> the first full speaker name with it
    speakers: Counter = Counter()
    for q in named:
        if q.speaker:
            sur = _surname(q.speaker)
            if sur:
                speakers[sur] += 1
                full_of.setdefault(sur, q.speaker)
    anon = anonymous_sourcing(text, hits)
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
        evidence["quote_top_speaker_share"] = f"{full_of[top]}: {cnt} of {n} quotations"
        evidence["quote_distinct_speakers"] = ", ".join(full_of[s] for s in list(speakers)[:8])
    if anon:
        a0, a1 = anon[0]
        evidence["anonymous_sourcing_per_1k_words"] = snip(max(0, a0 - 40), min(len(text), a1 + 40))
    extra = {"quotes": [{"content": q.content, "speaker": q.speaker, "speaker_span": q.speaker_span,
                         "cue": q.cue, "titled": q.titled, "speaker_kind": q.speaker_kind,
                         "text": text[q.content[0]:q.content[1]][:300]} for q in quotes]}
    return Signals(values=values, evidence=evidence, extra=extra)
