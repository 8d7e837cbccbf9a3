"""Reporting verbs ("cues") for ``quotes``: the cue vocabulary, the one lower-cased scan that
finds every cue and anonymous-sourcing anchor word of a text, and the filter that tells a
reporting verb from a noun or a name ("Trump's comments", "the United States").

The anonymous-sourcing anchor words (``_ANON_PLURALS``, ``_ANON_ANCHOR``) are here because the
scan needs them; the phrases anchored at them are matched by ``quotes.anonymous_sourcing``."""
from __future__ import annotations

import re

from . import lowered


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
_ANON_PLURALS = {"analysts", "experts", "sources", "officials", "critics", "observers", "insiders",
                 "commentators", "pundits", "diplomats", "economists", "strategists", "people",
                 "others", "scientists", "researchers"}
_ANON_ANCHOR = {"according": "according", "source": "single", "official": "single",
                "insider": "single", "aide": "single", "person": "single", "condition": "condition",
                "declined": "declined", "authorized": "authorized", "some": "some", "many": "some",
                "asked": "asked", "requested": "requested"}


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


# one scan of the lower-cased text finds the anchors of both reporting verbs and anonymous
# sourcing phrases: whole words (ASCII), a case-sensitive scan of the lower-cased text being about
# twice as fast as an IGNORECASE one (``_SCAN_CI_RE`` is for texts whose offsets lower-casing moves)
_SCAN_TRIE = _trie_regex({w.lower() for w in _CUE_SET | set(_PHRASE_NEXT) | _ANON_PLURALS | set(_ANON_ANCHOR)})
_SCAN_CI_RE = re.compile(r"\b" + _SCAN_TRIE + r"\b", re.ASCII | re.IGNORECASE)
# The words found after a non-word character (group 1 is the word): a pattern that opens with a
# character class lets the regex engine skip ahead to candidate positions instead of trying the
# whole pattern at every character, which makes the scan about a fifth faster. With re.ASCII
# "\W" is exactly "not a word character", so "\W(word)" finds every "\bword" except one at
# offset 0, which ``_SCAN_AT_START_RE`` checks.
_SCAN_AFTER_NONWORD_RE = re.compile(r"\W(" + _SCAN_TRIE + r")\b", re.ASCII)
_SCAN_AT_START_RE = re.compile(_SCAN_TRIE + r"\b", re.ASCII)
# a reporting verb within the first words after a quotation ('" asked the boy', '" he said')
_CUE_NEAR_RE = re.compile(r"(?:(?:he|she|they|[A-Z][\w’'.\-]*)\s+){0,3}(?:" + _trie_regex(_CUE_SET) + r")(?![A-Za-z])")


def _scan_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) of every reporting-verb / anonymous-sourcing anchor word."""
    low = lowered(text)  # memoised: the provenance family has usually lower-cased this text already
    if len(low) == len(text):  # lower-casing kept the offsets
        # every \b-delimited anchor word, found faster (see _SCAN_AFTER_NONWORD_RE)
        first = _SCAN_AT_START_RE.match(low)
        hits = [(0, first.end(), first.group())] if first else []
        hits += [(m.start(1), m.end(1), m.group(1)) for m in _SCAN_AFTER_NONWORD_RE.finditer(low)]
        return hits
    return [(m.start(), m.end(), m.group().lower()) for m in _SCAN_CI_RE.finditer(text)]


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
