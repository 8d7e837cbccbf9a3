"""Quote-attribution signals: who is quoted, how, and how openly sources are named.

``find_quotes(text)`` finds direct quotations (text inside double quote marks,
straight ``"`` or curly ``“ ”``, or inside single ones where they are the text's own style:
``signals.plain_single_quotations``) and attributes each to a speaker through a
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

Speakers: each quotation's speaker is read from the phrase before or after its reporting verb
(``_quote_speakers``: names without their titles and roles, organisations, *nominal* speakers
such as "an Israeli official" or "the Clinton campaign").  A participle or coordinated verb
(``..., adding that "B"``, ``X said ... and insisted that "B"``) takes the subject of the main
clause: the first phrase, after any fronted phrase ("Hours later,", "Speaking in Salem, New
Hampshire,", "And after the court refused to act," -- also for an inferred speaker --, not
"Eight years ago," nor a first name such as "Carly" or "Kelly" that looks like an adverb), that
a verb follows, or a description ("The council voted ..., saying", "his campaign sent ...
saying"); in "..., with Sen. John McCain calling it ..." and "footage of Trump saying" the named
person speaks.  "and Clinton said" after another clause is a new subject, not a coordinated
verb.  "X said, according to CNN" gives the relaying outlet.

He / she speakers and definite descriptions of a person ("the Vermont senator said") are
resolved to a named person (``_quote_pronouns``; ``speaker_kind`` "pronoun" / "description"),
or a he / she to the unnamed person it stands for ('said one analyst. "...," he added': a
"nominal" speaker, not named); unresolvable ones fall back to the most recent named speaker or,
for he / she, the last capitalised sequence with a person in it ("they": any capitalised name).
A quotation with no reporting verb gets an *inferred* speaker when one is evident
(``_quote_inferred``: ``Name: "..."``, sign-offs and dash signatures, the subject of the
preceding sentences).  Inferred speakers have no cue and never count as attributed.

Supporting modules: ``_quote_text`` (quote-mark pairing, sentences, paragraphs),
``_quote_cues`` (reporting verbs and the anchor-word scan), ``_quote_speakers``,
``_quote_pronouns``, ``_quote_inferred``.

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
    aide", "Smith, who chairs the committee"; not "Smith, who lives nearby"),
    at the attribution or, for a named speaker, where the text introduces
    them ("Councilman Dale Fischer ..." then '"...," Fischer said'; ``_quote_titles``);
    0 when no quotes.
``quote_distinct_speakers``
    number of distinct named speakers (compared by surname / last token).
``quote_top_speaker_share``
    share of all quotations given to the single most-quoted named speaker;
    0 when no quotes.
``anonymous_sourcing_per_1k_words``
    vague or anonymous sourcing phrases ("analysts said", "experts say", "experts are now saying",
    "sources told", "officials said", "critics say", "some people say",
    "according to sources", "a source familiar with ...", "a doctor, who asked not
    to be named", "requested anonymity") per 1,000 words
    (words as for ``quotes_per_1k_words``).
``quoted_char_share``
    share of the text's characters (line breaks not counted) that lie inside quotations (0..1).

``extract`` puts every quotation (as a dict) in ``extra["quotes"]`` and gives
evidence snippets for the main features.

Speed: one lower-cased regex scan finds all reporting-verb and anonymous-sourcing
anchors; sentence and paragraph starts are computed once and looked up by
bisection; "Name said" mentions and the person/gender index used for pronouns
are built only when a quotation needs them.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from . import Article, Signals, plain_layout_same_length
from ._quote_text import (
    _ABBR_END_RE, _PARA_RE, _QMARKS, _QMARK_RE, _TITLE_SMALL, _WORD_RE, _mark_positions, _raw_segments, _rstrip,
    _sentence_start,
)
from ._quote_cues import _ANON_ANCHOR, _ANON_PLURALS, _CUE_NEAR_RE, _PLURAL_NOUN_CUES, _find_cues, _scan_words
from ._quote_cues import _CUE_SET, _PHRASE_NEXT  # noqa: F401  (the anchor vocabulary, read by the tests)
from ._quote_speakers import (
    _HONORIFICS, _LEFT_SKIP, _NOT_NAMES, _POST_MODIFIERS, _TITLE_ABBR, _clean_name, _speaker_after,
    _has_role, _speaker_before, _subject_start, _tokens, is_not_a_name, opens_with_verb,
    capital_only_by_position, is_bare_demonym, plural_head_after, _DEMONYMS, _NON_PERSON_LAST, _ORG_WORDS, _ROLE_WORDS,
    _UNISEX_FIRST, _strip_possessive, first_name_gender,
)
from ._quote_pronouns import (
    _DESCRIPTION_RE, _DESC_HEAD_AFTER_RE, _DESC_TAIL_RE, _FEMALE_WORDS, _MALE_WORDS, _Resolver, _in_headline,
    _surname, is_unnamed_person,
)
from ._quote_titles import mention_index, title_at_mention
from ._quote_inferred import _NOT_AUX, _NUMBER_WORDS, _implicit_speaker, _plausible_name, _signoff


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
    ``titled``: the speaker carries a title / role, at the attribution or, for a named
    speaker, at another mention (``title_span``: that mention; None when the title is at the
    attribution or there is none); ``speaker_kind``: "name",
    "pronoun" (resolved to a name; "it" to the organisation it stands for), "description"
    (a person description such as "the senator", resolved to a name), "nominal" (a
    description, e.g. "officials"; also "it" standing for "the company", "the email", and
    he / she standing for an unnamed person, "said one analyst ... he added"),
    "inferred" (no reporting verb; speaker inferred from layout or context), or
    None (unattributed).
    """

    content: tuple[int, int]
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None
    titled: bool = False
    speaker_kind: str | None = None
    title_span: tuple[int, int] | None = None

    @property
    def named(self) -> bool:
        return self.speaker_kind in ("name", "pronoun", "description") and self.speaker is not None


# anonymous / vague sourcing: anchored patterns, tried only at their anchor words
_ANON_VERBS = (r"(?:said|say|says|told|tell|believe|believes|argue|argued|warn|warned|claim|claimed|"
               r"suggest|suggested|noted|note|contend|contended|predict|predicted|insist|insisted)\b")
_ANON_AT = {
    # "analysts said", "officials close to the talks say", "critics, however, argue"
    "plural": re.compile(
        r"\w+(?:\s+(?:close\s+to|familiar\s+with|briefed\s+on|in|at|with|inside|within|from)\s+"
        r"[\w\s’'-]{0,40}?)?\s*,?\s+(?:(?:have\s+|had\s+|also\s+|who\s+|often\s+|privately\s+)?"
        + _ANON_VERBS
        # "experts are now saying", "analysts have been warning": the same vague sourcing
        + r"|(?:are|were|have\s+been)\s+(?:now\s+|increasingly\s+|also\s+|already\s+)?"
        r"(?:saying|warning|claiming|arguing|suggesting|predicting|insisting|speculating)\b)", re.IGNORECASE),
    "according": re.compile(
        r"according\s+to\s+(?:\w+\s+){0,3}?(?:sources|officials|analysts|experts|insiders|people|"
        r"source|official|person|someone)\b", re.IGNORECASE),
    "single": re.compile(
        r"\w+\s+(?:who\s+(?:spoke|asked|requested|declined)[^.]{0,60}?(?:anonymity|named|identified)|"
        r"familiar\s+with|close\s+to|briefed\s+on|speaking\s+on\s+(?:the\s+)?condition)", re.IGNORECASE),
    "condition": re.compile(r"condition\s+of\s+anonymity", re.IGNORECASE),
    "declined": re.compile(r"declined\s+to\s+be\s+(?:named|identified)", re.IGNORECASE),
    "authorized": re.compile(r"authorized\s+to\s+(?:speak|discuss|comment)", re.IGNORECASE),
    # "a doctor, who asked not to be named": the source's own request, whatever noun it follows
    "asked": re.compile(r"asked\s+not\s+to\s+be\s+(?:named|identified)", re.IGNORECASE),
    "requested": re.compile(r"requested\s+anonymity", re.IGNORECASE),
    "some": re.compile(r"\w+\s+(?:say|believe|argue|claim)\b", re.IGNORECASE),
}
_PEOPLE_Q_RE = re.compile(r"(?:some|many|other|most)\s+$")


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
# quotation finding


def find_quotes(text: str, _hits: list | None = None) -> list[Quote]:
    """Find the direct quotations in ``text`` with speaker, cue and title flag (``_hits``: the
    result of ``_scan_words(text)`` when the caller has it already).

    The text is read with its layout made plain character for character
    (``signals.plain_layout_same_length``: no-break and other odd spaces, line breaks, curly
    apostrophes, quotations in single marks), so offsets index ``text`` itself; speakers are spelt
    with straight apostrophes.
    Markdown markup is read as it stands (rendering it away would move offsets): for Markdown
    text, pass ``signals.plain_markup(text)``, as the scorer does."""
    folded = plain_layout_same_length(text) if text else text
    if folded is not text:
        text, _hits = folded, None
    if not text or not _QMARK_RE.search(text):
        return []
    return _find_quotes(text, _hits)


# cues whose quotation is usually a short label ("called it a 'disaster'")
_WEAK_CUES = {"called", "calling", "calls", "described", "describes", "dubbed", "labeled", "labelled",
              "labeling", "mocked", "mocking", "touted", "blasted", "slammed", "offered", "mentioned"}
_QUOTED_AS_RE = re.compile(r"\s+(?:was|were|is|has\s+been)\s+(?:quoted|cited)\s+(?:\w+\s+)?as\s+saying\b")
_PARTICIPLE_CUES = {"saying", "adding", "telling", "noting", "writing", "arguing", "asking",
                    "explaining", "warning", "declaring", "responding", "replying",
                    "insisting", "continuing", "claiming", "calling", "labeling", "tweeting",
                    "posting", "recalling", "joking", "quipping", "acknowledging", "conceding",
                    "admitting", "stating", "shouting", "chanting", "yelling", "mocking"}
_SHORT_MODS_RE = re.compile(r"(?:[a-z][\w’'\-]*\s+){1,3}")
# a verb right after a subject phrase (not a time adverb: 'Hours later, ...')
_SUBJ_VERB_RE = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+|also[ \t]+|then[ \t]+)?(?!later\b|ago\b|earlier\b|after\b|before\b|of\b|and\b|or\b"
                           r"|for\b|in\b|on\b|at\b|to\b|from\b|with\b)[a-z]{2,}\b")
_WITH_ABS_RE = re.compile(r"\bwith(?=\s+(?:[A-Z]|the\s|his\s|her\s|their\s)[^,;:!?\"“”]{1,60}$)"
                          r"|\b(?:footage|video|clip|audio|recording)\s+of(?=\s+[A-Z][^,;:!?\"“”]{1,40}$)")
_AGE_LEAD_RE = re.compile(r"\s*\d+-year-old\s+(?=[A-Z])")
# what may stand before a trailing speaker phrase that the parser reads from its role on: an age
# ('"...," 56-year-old Betsy Carr told') or an employer and its line of work ('"...," Morgan
# Stanley retailing analyst Bruce Missett said'), never a clause ('Trump tweeted and') nor a
# phrase the name belongs to ('Mr. Morgan of the Sierra Club said': the parser reads the club)
_SPEAKER_LEAD_RE = re.compile(r"\d+-year-old\s+|(?:[A-Z][\w&’'.\-]*\s+){1,4}"
                              r"(?:(?!(?:and|or|but|as|while|when|then|after|before|that|who|of|the|a|an|in|at|for|from|with|on|to|by)\b)"
                              r"[a-z][a-z\-]*(?<!ed)\s+){0,2}")
_REL_COMMA_RE = re.compile(r"[’'s]*\s*,\s*who\s")


@dataclass(slots=True)  # slots: one is made per quote segment, and read often
class _Spk:
    name: str | None
    span: tuple[int, int] | None
    kind: str | None  # name / pronoun / nominal
    titled: bool
    cue: str | None
    cue_span: tuple[int, int] | None
    clause: tuple[int, int] | None  # extent of the attribution clause


_NAME_MENTION_RE = re.compile(
    r"\b(?:(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][a-z\u00df-\u024f’'\-]+(?:[ \t]+(?:[A-Z]\.[ \t]+)?[A-Z][a-zA-Z\u00c0-\u024f’'\-]+)+")


def _person_in(toks: list[str]) -> list[str] | None:
    """The person in a capitalised sequence that a he / she with no attribution before it may
    stand for: the sequence from a title ("Mr.", "Sen.", "Sir", a role: "Chancellor Merkel") or a
    known first name on, after any nationality or role words ("British Governor Chris Patten");
    None when there is none ("Hong Kong", "National Day", "Air France", "Labour Party"). The
    fallback gave a speaker to 150 corpus quotations; this check changed 97 of them, 87 of which
    had got a place, an organisation, a holiday or a phrase (2026-12-07, nineteenth session)."""
    i, role = 0, False
    while i < len(toks) - 1 and (toks[i] in _DEMONYMS or toks[i].lower() in _ROLE_WORDS):
        role = role or toks[i].lower() in _ROLE_WORDS
        i += 1
    if _strip_possessive(toks[-1]).lower() in _NON_PERSON_LAST or toks[-1] in _DEMONYMS:
        return None  # "Justice Department", "Marshall Fund", "Donald Trump White House", "Han Chinese"
    t0 = toks[i]
    if role or t0 in _HONORIFICS or t0 in _TITLE_ABBR or t0 in _STYLE_TITLES:
        return toks[i:]  # ("Chancellor Merkel": a role is a title)
    first = t0.lower()
    if i < len(toks) - 1 and (first in _UNISEX_FIRST or first_name_gender(first) is not None):
        return toks[i:]
    return None


_STYLE_TITLES = frozenset(("Sir", "Dame", "Lord", "Lady"))


def _is_title_case_work(s: str) -> bool:
    words = _WORD_RE.findall(s)
    if not words or len(words) > 8:
        return False
    if re.search(r"[.!?,;]\s", s):
        return False
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    ok = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL)
    return caps >= 1 and ok == len(words)


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
# of those, cues never inverted: the name after them is the listener ('"...," one, who declined to
# be named, told Reuters'), never the speaker, as it can be after "asked" or "warned"
_LISTENER_AFTER_CUES = {"told", "tells", "tell", "informed", "assured"}
_OBJECT_RE = re.compile(r"\s+(?:reporters|him|her|them|me|us|voters|supporters|the\s+(?:crowd|audience)|"
                        r"an?\s+(?:crowd|audience|reporter|rally)|[A-Z][\w’'.\-]*)")
# a person description with a noun the lexicons do not know, right next to the cue of a
# trailing attribution ('"...," said the designer, who ...' / '"...," one user wrote')
_NOMINAL_AFTER_RE = re.compile(r"\s+((?:the|a|an|one|another)(?:\s+[\w’'\-]+){0,4}?\s+(?!(?:"
                               + "|".join(_POST_MODIFIERS + ("close",)) + r")\b)[a-z][\w’'\-]*"
                               r"|another\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})"
                               r"(?=\s*[,.;]|\s+(?:who|of|at|in|for|from|with|on|to)\b)")
_NOMINAL_BEFORE_RE = re.compile(r"((?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'\-]+\s+){0,3}[a-z][\w’'\-]*)"
                                # '"...," a trader in Shanghai said': where the speaker works
                                r"(?:\s+(?:in|at|from|with)\s+(?:(?:the|an?)\s+)?[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,2}"
                                r"(?:\s+[a-z]+)?)?\s+(?:\w+ly\s+)?")
# a determiner and up to two lower-case modifiers right before a nationality that a reporting verb
# follows: "the American said", "the 24-year-old Swiss added", "the anything-but-subtle Republican
# stated" (a described person, a nominal speaker); not "the Czech news agency CTK quoted", nor
# "the Western states" (a plural noun spelt like a verb)
_DEMONYM_DET_RE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Tt]his)(?:[ \t]+[\w\-]*[a-z][\w\-]*){0,2}[ \t]+$")
_DEMONYM_VERB_RE = re.compile(r"[ \t]+(?:(?:then|also|later|again)[ \t]+)?([a-z]+)")
_RELAYED_BY_RE = re.compile(r"[^.!?\n“”\"]{0,80}?,\s+according\s+to\s+((?:the\s+)?[A-Z][\w’'.&\-]*"
                            r"(?:[ \t]+(?:[A-Z][\w’'.&\-]*|of|for|and))*)")
_LOWER_WORD_RE = re.compile(r"[ \t]+[a-z]")
# what "it" can stand for when it speaks: documents, messages and organisations
_THING_NOUNS = frozenset("""
statement report release memo letter post tweet ad lawsuit complaint document study survey poll filing
website site editorial article story email e-mail message note company firm organization agency
department ministry group committee campaign administration government newspaper paper listing video
book sign caption bill ruling order petition page account network station magazine journal board
council party union court panel foundation institute center centre team coalition association alliance
affidavit indictment warrant transcript platform proposal resolution herald times tribune gazette globe
chronicle examiner inquirer register telegraph guardian
""".split())
_THING_SUBJ_RE = re.compile(r"\s*((?:The|the|Its|its|A|a|An|an)\s+(?:[\w’'\-]+\s+){0,3}?(?i:" + "|".join(sorted(_THING_NOUNS))
                            + r"))\b(?![’'])")


def _is_thing(name: str) -> bool:
    last = name.split()[-1].lower().rstrip(".")
    return last in _THING_NOUNS or last.endswith((".com", ".org", ".net"))
_ROLE_GAP_RE = re.compile(r"(?:[ \t]+[a-z][\w’'\-]*){1,4}[ \t]+")
# a subject noun phrase headed by a common noun, then a verb ("The billionaire businessman began")
_SUBJ_NP_RE = re.compile(rf"\s*((?:The|A|An|the|a|an|His|Her|Its|Their|his|her|its|their)\s+(?:{_NOT_AUX}[\w’'\-]+\s+){{0,4}}?{_NOT_AUX}[a-z][\w’'\-]*)"
                         r"\s+(?:(?:has|had|have)\s+)?(?:[a-z]+ly\s+)?([a-z]+(?:ed|s|an|ew|ok|ote|ent|ave|ame|ood|old|ent|ung|ose))\b")
# a capitalised name: a title, a word, then words (an initial allowed); the count of the words
# after the first is left to each use
_NAME_WORDS = r"(?:(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][\w’'\-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w’'\-]+)"
_NAME_APPOS_RE = re.compile(
    r"(" + _NAME_WORDS + r"{0,3}),\s+"
    r"(?:a|an|the|who|his|her|their|its|[a-z][\w\-]*|\d{1,3})\b[^.;!?\"“”]*$")
# a trailing subject phrase, then a description set off by commas, before the cue: the subject
# (group 1), and the description (no quotation mark in it, at most 140 characters)
# (a period in the subject only before a space: "fooled.One, Anita Ward, said" is two sentences)
_PARENTHETICAL_BEFORE_CUE_RE = re.compile(r"((?:[^,;:!?.\"“”\n]|\.(?![A-Za-z])){2,80}?)\s*,(?:([^;!?\"“”\n]{1,140}),)?\s*")
_LOWER_WORD_RE = re.compile(r"(?:^|\s)[a-z]")
# a person's name in full: two to four capitalised words (an initial or a title allowed)
_DESCRIBED_NAME_RE = re.compile(_NAME_WORDS + r"{1,3}")
_OPENS_QUOTE_RE = re.compile(r"\s*[,:]?\s*[\"“„«]")
_TRAIL_GAP_RE = re.compile(r"\s*(?:,|—|–|--|-)?\s*")
_SPLIT_GAP_RE = re.compile(r"[\s,;:—–-]*")
# a sentence break: [.!?] (a period not ending an initial or a title such as "Gov."), closing
# marks, space, then an opening mark, a capital or a digit. This is what follows the mark.
_SENT_BREAK_AFTER_MARK = (
    r"(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt)\.)(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Maj|Adm|Rev)\.)"
    r"(?<!\b(?:Capt|Prof|Sens|Reps|Govs|Gens)\.)[\"”’'»)\]]*\s+(?=[\"“‘'«(\[A-Z0-9])")
# One pattern per mark: a pattern opening with one literal character is searched with a fast
# character scan (three scans, "!" and "?" only when the text has them, cost less than one
# "[.!?]" scan). Together they find what one "[.!?]" pattern would: what a match consumes after
# its mark (closing marks, space) holds no other mark, so no match hides the start of another.
# The abbreviation lookbehinds end in "." so they never reject a "!" or "?".
_SENT_START_BY_MARK = {mark: re.compile(re.escape(mark) + _SENT_BREAK_AFTER_MARK) for mark in ".!?"}
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


@dataclass(slots=True)  # slots: one is made per quote segment, and read often
class _Cand:
    """A quotation candidate: content span, the quote segments in it and its attribution."""
    start: int
    end: int
    segs: list
    spk: _Spk | None
    where: str  # "trail" / "lead" / "final" / "" (how the attribution was found)
    att_end: int  # end of the attribution clause (or of the content when none follows)
    standalone: bool  # the content is the quotation itself (not a fragment in reported speech)


def _speaker_before_description(text: str, off: int, cs: int, ce: int, cue: str, limit: int):
    """The speaker of a trailing attribution whose subject a description set off by commas
    follows ('"...," a senior dealer at an Oslo bank, who declined to be identified, told Reuters',
    '"...," George Poste, SmithKline Beecham's chairman, told Reuters', '"...," the new chair of
    the IETF, Brian Carpenter, says'): (name, span, kind, titled), or None."""
    m = _PARENTHETICAL_BEFORE_CUE_RE.fullmatch(text, off, cs)
    lc = cue.lower()
    if m is None or lc in _PARTICIPLE_CUES:
        return None  # '"...," the insider shared, adding ...': a clause of its own
    if lc not in _LISTENER_AFTER_CUES and _speaker_after(text, ce, limit)[2] is not None:
        return None  # '"...," the short-term debt coming due, said Ted Koenig': the cue's own speaker
    subject_end = m.end(1)
    description = m.group(2) or ""
    nm, sp, kind, titled, start = _speaker_before(text, subject_end, off)
    if kind and not (start <= off + 2 or _SHORT_MODS_RE.fullmatch(text, off, start)):
        kind = None
    if kind == "name" and _strip_possessive(nm.split()[-1]).lower() in _NON_PERSON_LAST:
        kind = None  # '"Jody," an Arizona conservative who ...': a place, not the speaker
    titled = titled or _has_role(description.split())
    if kind == "name":
        return nm, sp, kind, titled
    # a description first, then the name: "the new chair of the IETF, Brian Carpenter,"
    first = description.split(",")[0].strip()
    # (the subject must be a description: 'However, Mr Haji-Ioannou, who ..., vowed' opens a
    # new sentence)
    if first and _LOWER_WORD_RE.search(m.group(1)) and _DESCRIBED_NAME_RE.fullmatch(first) \
            and _plausible_name(first) and not any(_strip_possessive(w).lower() in _ORG_WORDS for w in first.split()) \
            and first.split()[-1].lower() not in _ROLE_WORDS:  # "Robert Zoellick, US Trade Representative,"
        at = m.start(2) + m.group(2).index(first)
        return first, (at, at + len(first)), "name", titled or _has_role(m.group(1).split())
    if kind == "nominal" and " " in nm:
        return nm, sp, kind, titled
    mn = _NOMINAL_BEFORE_RE.fullmatch(text[off:subject_end] + " ")
    if mn:
        return mn.group(1), (off + mn.start(1), off + mn.end(1)), "nominal", _has_role(mn.group(1).split())
    return None


def _find_quotes(text: str, hits: list | None = None) -> list[Quote]:
    # a segment without a letter or digit can never be a quotation (and a page of bare quote
    # marks would otherwise cost a parse per pair)
    marks = _mark_positions(text)
    segs = [sg for sg in _raw_segments(text, marks) if _ALNUM_RE.search(text, sg[0], sg[1])]
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
    breaks = []  # ends of the sentence breaks (in no particular order: sorted below)
    for mark, pattern in _SENT_START_BY_MARK.items():
        if mark in text:
            breaks += [m.end() for m in pattern.finditer(text)]
    sent_starts = sorted(set(para_starts).union([b for b in breaks if not strictly_inside(b)]))

    def sent_start(pos: int) -> int:
        return sent_starts[bisect.bisect_right(sent_starts, pos) - 1]

    def next_sent(pos: int) -> int:
        k = bisect.bisect_right(sent_starts, pos)
        return sent_starts[k] if k < len(sent_starts) else n

    para_text_ends: dict[int, int] = {}  # paragraph index -> end of its text (memo: asked per quote)

    def para_bounds(pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(para_starts, pos) - 1
        pe = para_text_ends.get(k)
        if pe is None:
            pe = para_text_ends[k] = _rstrip(text, para_starts[k + 1] if k + 1 < len(para_starts) else n)
        return para_starts[k], pe

    def cues_in(lo: int, hi: int):
        a = bisect.bisect_left(cue_starts, lo)
        b = bisect.bisect_left(cue_starts, hi)
        return cues[a:b]

    def last_cues(lo: int, hi: int, k: int = 24):
        """The last ``k`` cues in lo..hi, latest first (bounded work on pathological texts)."""
        a = bisect.bisect_left(cue_starts, lo)
        b = bisect.bisect_left(cue_starts, hi)
        return cues[max(a, b - k):b][::-1]

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
            # (a cue right at ``off`` has nothing between: no mark, no break; _QMARK_RE is a bare
            # character class, so searching text[off:cs] in place finds what the slice would)
            if cs > off and (_QMARK_RE.search(text, off, cs) or has_break(off, cs)):
                break
            if cs == off:
                # cue first: 'said X'
                if cw.lower() in _LISTENER_AFTER_CUES:
                    continue
                nm, sp, kind, titled, end = _speaker_after(text, ce, pe_end)
                if not kind:
                    m = _NOMINAL_AFTER_RE.match(text, ce)  # 'said the designer, who ...'
                    if m:
                        nm, sp, kind, titled, end = m.group(1), m.span(1), "nominal", _has_role(m.group(1).split()), m.end(1)
                if kind:
                    spk = _Spk(nm, sp, kind, titled, cw, (cs, ce), (e, end))
                    break
                continue
            nm, sp, kind, titled, start = _speaker_before(text, cs, off)
            if kind and (start <= off + 2 or _SHORT_MODS_RE.fullmatch(text, off, start)
                         or (kind == "name" and inner_end != "." and _SPEAKER_LEAD_RE.fullmatch(text, off, start))):
                spk = _Spk(nm, sp, kind, titled, cw, (cs, ce), (e, ce))
                break
            m = _NOMINAL_BEFORE_RE.fullmatch(text, off, cs)  # '"...," one user wrote'
            if m:
                spk = _Spk(m.group(1), m.span(1), "nominal", _has_role(m.group(1).split()), cw, (cs, ce), (e, ce))
                break
            m = _NAME_APPOS_RE.match(text, off, cs)
            if m and _plausible_name(m.group(1)):
                # '"...," Nate Silver, the polling guru who founded the site tweeted' (no comma
                # closes the appositive)
                nt = _clean_name(_tokens(text, m.start(1), m.end(1)))
                if nt:
                    nm = " ".join(t[0] for t in nt)
                    spk = _Spk(nm, (nt[0][1], nt[-1][2]), "name", True, cw, (cs, ce), (e, ce))
            if spk is None and inner_end != "." and (
                    found := _speaker_before_description(text, off, cs, ce, cw, pe_end)):
                spk = _Spk(*found, cw, (cs, ce), (e, ce))
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
                            nm, sp, kind, titled = m.group(1), m.span(1), "nominal", _has_role(m.group(1).split())
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
                if cw.lower() in _LISTENER_AFTER_CUES:
                    continue
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

    merged = _frame_quotations(text, info, sent_start, next_sent, para_bounds, cues_in, lead_cue_end, final_clause)
    return _attribute_speakers(text, merged, cues, sent_starts, inside_quote, para_bounds, last_cues)


def _frame_quotations(text: str, info: list, sent_start, next_sent, para_bounds, cues_in, lead_cue_end,
                      final_clause) -> list[_Cand]:
    """The quotations of ``_find_quotes`` from its attributed quote segments ``info`` (given with
    that function's per-text helpers): each segment's content frame, fragments of one paraphrase
    grouped, fragments kept only when mostly quoted, continuations merged, scare quotes and
    titles dropped."""
    n = len(text)
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
    return final


def _attribute_speakers(text: str, merged: list, cues: list, sent_starts: list[int], inside_quote, para_bounds,
                        last_cues) -> list[Quote]:
    """The speaker of each merged quotation candidate of ``_find_quotes`` (given with that
    function's per-text helpers): its attribution resolved (pronouns, "it", person
    descriptions, outlets relaying a quotation), else a speaker inferred without a reporting
    verb, else an attribution inherited from the previous sentence."""
    n = len(text)
    mentions: list[tuple[int, str]] = []  # (position, name) of "Name said" attributions, built lazily
    mention_pos: list[int] = []
    mentions_built: list[bool] = []
    capital_index: list[dict] = []

    def capitals() -> dict:  # every capitalised word's starts, built when first asked
        if not capital_index:
            capital_index.append(mention_index(text))
        return capital_index[0]

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
            if kind == "name" and inside_quote(sp[0]):
                kind = None  # '"Thanks, Clarkston, for ...," said': a word of the quotation
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
                if kind == "name" and (sp[0] - ce < 3 or _ROLE_GAP_RE.fullmatch(text, ce, sp[0])):
                    mentions.append((sp[0], nm))  # (also 'said master of ceremonies Asab Al-Tabchi')
        # "the usually cautious Chinese reacted": a people, not a person pronouns can stand for
        mentions[:] = [mn for mn in mentions if not is_bare_demonym(text, (mn[0], mn[0] + len(mn[1])))]
        mentions.sort()
        mention_pos.extend(m[0] for m in mentions)

    caps: list[tuple[int, str]] = []
    caps_pos: list[int] = []
    caps_built: list[bool] = []
    caps_fit: dict[bool, dict[int, int]] = {True: {}, False: {}}  # (person only) -> index -> fitting index

    def resolve(pos: int, person_only: bool = True) -> str | None:
        """The latest "Name said" speaker before ``pos``, else the latest capitalised sequence
        (for he / she only one with a person in it, ``_person_in``; "they" may be a place's people
        or an organisation, which PolNeAR's sources are)."""
        ensure_mentions()
        k = bisect.bisect_left(mention_pos, pos) - 1
        # "China said ...": a place or organisation that said something is not the he / she
        # after it, so look further back for a person
        while k >= 0 and person_only and _strip_possessive(mentions[k][1].split()[-1]).lower() in _NON_PERSON_LAST:
            k -= 1
        if k >= 0:
            return mentions[k][1]
        if not caps_built:
            caps_built.append(True)
            caps.extend((m.start(), m.group()) for m in _NAME_MENTION_RE.finditer(text))
            caps_pos.extend(c[0] for c in caps)
        # the latest fitting sequence at or before index k, remembered for every index the scan
        # passes: a text of many pronouns after places ("Hong Kong ... he said", repeated) is
        # scanned once, not once per pronoun
        memo = caps_fit[person_only]
        k = bisect.bisect_left(caps_pos, pos) - 1
        passed = []
        found = -1
        while k >= 0:
            if k in memo:
                found = memo[k]
                break
            toks = caps[k][1].split()
            # a title-case headline ("What Big Pharma Doesn't Want You to Know About Fluoride")
            # is capitalised words, not a person the text goes on to call he or she
            if toks[0] not in _NOT_NAMES and not inside_quote(caps[k][0]) and not _in_headline(text, caps[k][0]) \
                    and (_person_in(toks) if person_only else toks):
                found = k
                break
            passed.append(k)
            k -= 1
        for j in passed:
            memo[j] = found
        if found < 0:
            return None
        toks = caps[found][1].split()
        person = _person_in(toks) if person_only else toks
        return " ".join(t for t in person if t not in _HONORIFICS and t not in _TITLE_ABBR)

    resolver: list[_Resolver] = []
    # speakers the mentions do not hold, for a later he / she: (position, pronoun or "*", name),
    # kept here until a pronoun needs the resolver, then handed to it as they come
    unheld: list[tuple[int, str, str]] = []

    def get_resolver() -> _Resolver:
        if not resolver:
            ensure_mentions()
            resolver.append(_Resolver(text, inside_quote, mentions, sent_starts))
            for entry in unheld:
                hold(*entry)
        return resolver[0]

    def hold(pos: int, pron: str, name: str) -> None:
        if resolver:
            resolver[0].remember(pos, pron, name if is_unnamed_person(name) else resolver[0].name_at(pos, name))
        else:
            unheld.append((pos, pron, name))

    out: list[Quote] = []

    def it_antecedent(pos: int) -> str | None:
        """'It added, "..."' / '"...," it reads': the latest thing that spoke in this or the two
        paragraphs before (the company that wrote, the email that read), else the subject of this
        sentence or of the previous one when it is such a thing ("The email, released by ..., was
        sent"), else the last such thing named in the previous sentence."""
        lo = para_bounds(pos)[0]
        for _ in range(2):
            if lo > 0:
                lo = para_bounds(lo - 1)[0]
        for q in reversed(out):
            if q.content[1] < lo:
                break
            if q.speaker and q.content[0] < pos and _is_thing(q.speaker):
                return q.speaker
        s0 = _sentence_start(text, pos, lo)
        m = _THING_SUBJ_RE.match(text, _subject_start(text, s0, pos), pos)
        if m:
            return m.group(1)  # 'The group seeks ... what it calls "..."'
        if s0 - 2 > lo:
            s1 = _sentence_start(text, s0 - 2, lo)
            m = _THING_SUBJ_RE.match(text, _subject_start(text, s1, s0), s0)
            if m:
                return m.group(1)
            last = None  # else the last such thing named in that sentence ("X wrote in the affidavit.")
            for m in _THING_SUBJ_RE.finditer(text, s1, s0):
                last = m.group(1)
            return last
        return None

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
                head = plural_head_after(text, sp) if nm and sp else None
                if head is not None:
                    nm, sp = head  # 'Private investors like X who ... are getting in: "..."'
                elif nm and sp and (opens_with_verb(text, sp) or is_not_a_name(text, sp) or is_bare_demonym(text, sp)
                                    or (nm == text[sp[0]:sp[1]] and capital_only_by_position(text, sp, capitals))):
                    # 'Read this excerpt: "..."', 'I'm sure X approves: "..."'; with no reporting verb
                    # a sentence's first word is a name only if the text capitalises it elsewhere
                    nm, sp = None, None
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
                if name and is_unnamed_person(name):
                    kind = "nominal"  # 'said one analyst. "...," he added': still nobody named
            elif lp == "it":
                name = it_antecedent(span[0])
                if name and not name.split()[-1][:1].isupper():
                    kind = "nominal"  # "the company", "the email": not a named speaker
            else:
                name = resolve(span[0], person_only=False) if lp == "they" else None
            if name is None:
                kind = None
        if kind == "name" and span and (opens_with_verb(text, span) or is_not_a_name(text, span)):
            name, span, kind = None, None, None  # 'Anoint the candle ... saying: "..."'
        titled = spk.titled
        if kind == "nominal" and spk.kind == "pronoun":
            titled = _has_role(name.split())  # as the attribution "said one analyst" is titled
        if kind == "name" and span:
            head = plural_head_after(text, span)
            if head is not None:  # 'Cruz backers stood ..., saying "..."'
                name, span, kind = head[0], head[1], "nominal"
                titled = titled or _has_role(name.split())
        if kind == "name" and span and span[0] >= 4 and text[span[0] - 4:span[0]] in ("the ", "The "):
            # "the Vermont senator": a capitalised modifier, not a name
            m = _DESC_HEAD_AFTER_RE.match(text, span[1])
            if m:
                name, kind, span = text[span[0] - 4:m.end()], "nominal", (span[0] - 4, m.end())
        if kind == "name" and span and is_bare_demonym(text, span):
            # "the American said", "French radio ... quoting": a nationality describes, it does not name
            det = _DEMONYM_DET_RE.search(text, max(0, span[0] - 40), span[0])
            verb = _DEMONYM_VERB_RE.match(text, span[1])
            if det and verb and verb.group(1) in _CUE_SET and verb.group(1) not in _PLURAL_NOUN_CUES:
                name, kind, span = text[det.start():span[1]], "nominal", (det.start(), span[1])
                described = det.group()[:1] in "Tt"  # "the American": the person the text has named
            else:
                name, kind, span = None, None, None
        else:
            described = False
        if kind == "nominal" and name and (described or _DESCRIPTION_RE.fullmatch(_DESC_TAIL_RE.sub("", name))):
            # a definite description of a person ("the Vermont senator"): the person it names
            ensure_mentions()
            head = name.split()[-1].lower()
            g = "she" if head in _FEMALE_WORDS else "he" if head in _MALE_WORDS else ""
            r = get_resolver().resolve_subject(span[0], g, mentions, mention_pos, max_sents=6)
            if r and not is_unnamed_person(r):
                name, kind = r, "description"
        if spk.cue_span and kind:
            relay = _RELAYED_BY_RE.match(text, max(spk.cue_span[1], span[1] if span else 0))
            if relay and not _LOWER_WORD_RE.match(text, relay.end()):
                # '"...," Sanders said, according to CNN.': PolNeAR's source is the outlet that
                # relays the quotation (5 of 5 such train quotations)
                name = relay.group(1).rstrip(".")
                name, span, kind = name, (relay.start(1), relay.start(1) + len(name)), "name"
        if span and spk.cue and kind == "nominal" and spk.kind != "pronoun" and is_unnamed_person(name) \
                and name[:1] not in "Tt":
            # "said one analyst": a he / she in the next sentences may be this person (but "said
            # the Factory Records founder" most often describes someone the story has named)
            head = name.split()[-1].lower()
            hold(span[0], "she" if head in _FEMALE_WORDS else "he" if head in _MALE_WORDS else "*", name)
        elif span and kind == "name" and spk.cue and _QUOTED_AS_RE.match(text, span[1]):
            hold(span[0], "*", name)  # "Dai was quoted as saying": the mentions hold no participle's speaker
        out.append(Quote((s, e), name, span, spk.cue, bool(titled), kind))
    return _titles_from_mentions(text, out, inside_quote)


def _titles_from_mentions(text: str, quotes: list[Quote], inside_quote) -> list[Quote]:
    """A named speaker untitled at the attribution but titled at another mention ("Councilman
    Dale Fischer ..." then '"...," Fischer said') is titled (``_quote_titles``)."""
    wanted = {q.speaker for q in quotes if not q.titled and q.cue and q.named}
    # one scan of the text per speaker is cheapest for a few; past that, one scan for all of
    # them keeps a text with thousands of speakers linear
    index = mention_index(text) if len(wanted) > 8 else None
    found = {speaker: title_at_mention(text, speaker, inside_quote, index) for speaker in wanted}
    return [replace(q, titled=True, title_span=found[q.speaker]) if found.get(q.speaker) and not q.titled
            and q.cue and q.named else q for q in quotes]


# ---------------------------------------------------------------------------
# features


def _word_count(text: str) -> int:
    """Words = whitespace-separated tokens (within 1 % of a regex word count on news text, and
    six times faster)."""
    return len(text.split())


def extract(article: Article) -> Signals:
    text = plain_layout_same_length(article.text or "")  # the scorer's text is plain already
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
    # Line breaks left out of both counts: one blank line or none between paragraphs is layout.
    quoted_chars = sum(q.content[1] - q.content[0] - text.count("\n", *q.content) for q in quotes)
    text_chars = len(text) - text.count("\n")
    values = {
        "quote_count": float(n),
        "quotes_per_1k_words": n * per_k,
        "quote_attributed_share": len(named) / n if n else 0.0,
        "quote_titled_share": len(titled) / n if n else 0.0,
        "quote_distinct_speakers": float(len(speakers)),
        "quote_top_speaker_share": (max(speakers.values()) / n) if (n and speakers) else 0.0,
        "anonymous_sourcing_per_1k_words": len(anon) * per_k,
        "quoted_char_share": min(1.0, quoted_chars / text_chars) if text_chars else 0.0,
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
        if q.title_span:
            evidence["quote_titled_share"] += " (" + snip(*q.title_span, width=100) + ")"
    if speakers:
        top, cnt = speakers.most_common(1)[0]
        evidence["quote_top_speaker_share"] = f"{full_of[top]}: {cnt} of {n} quotations"
        evidence["quote_distinct_speakers"] = ", ".join(full_of[s] for s in list(speakers)[:8])
    if anon:
        a0, a1 = anon[0]
        evidence["anonymous_sourcing_per_1k_words"] = snip(max(0, a0 - 40), min(len(text), a1 + 40))
    extra = {"quotes": [{"content": q.content, "speaker": q.speaker, "speaker_span": q.speaker_span,
                         "cue": q.cue, "titled": q.titled, "title_span": q.title_span,
                         "speaker_kind": q.speaker_kind,
                         "text": text[q.content[0]:q.content[1]][:300]} for q in quotes]}
    return Signals(values=values, evidence=evidence, extra=extra)
