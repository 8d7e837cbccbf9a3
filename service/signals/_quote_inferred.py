"""Speakers of quotations that have no reporting verb ("inferred" speakers), for ``quotes``.

A quotation with no reporting verb gets an *inferred* speaker when one is evident:
``Name: "..."``; ``Name verb ... "fragment"`` (also a description subject: ``The petition
accuses X of "..."``); a ``- Name.`` sign-off; a dash signature on the same or the next line as
in quote collections and pull quotes (``“...” ― Name`` / ``“...”\\n— Name, role``, or ``Name,
Affiliation`` alone on the next line; the quotation then ends at its closing mark); a ``Name
released this statement:`` paragraph; the subject of the preceding sentences for a quotation
paragraph; or the named subject of the previous sentence for a quotation opening a sentence
inside a paragraph ("Bolton distanced himself ... “...”").  Inferred names must look like names
(``_plausible_name``: not a headline in capitals, not a sentence-opening word).  Names keep
accented letters ("Lazăr", "Calderón") and particles ("Michery el Soheil")."""
from __future__ import annotations

import re

from ._quote_text import _QMARK_RE, _rstrip, _sentence_start
from ._quote_speakers import (
    _HONORIFICS, _NOT_NAMES, _ORG_WORDS, _ROLE_WORDS, _TITLE_ABBR, _speaker_after, _speaker_before,
    _subject_start,
)
from ._quote_pronouns import _Resolver, _mention_flag, _prev_words


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
# The labels of a document's parts ('Title: "..."', the way chat assistants set out an article:
# 5 machine-written corpus texts gave their title to a speaker "Title") are no speaker either.
_NOT_SPEAKER_WORDS = {"According", "Likewise", "Name", "Honor", "It", "Its", "Article", "Section", "Chapter",
                      "Photo", "Video", "Getty", "Reuters", "Image", "Images", "Source", "Note", "Update", "Editor",
                      "From", "Title", "Subtitle", "Headline", "Subheadline", "Caption", "Summary", "Subject",
                      "Keywords", "Tags", "Category"}


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
        if kind == "name" and _plausible_name(nm) and (_mention_flag(text, sp[0], sp[1]) != 2
                                                        or "from" in _prev_words(text, sp[0], 5)):
            return nm, sp  # (also 'More from Blumenthal and Cohen: "..."': the source)
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


_VERB_NEXT_RE = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+)?(?!of\b|and\b|or\b|for\b|in\b|on\b|at\b|to\b)[a-z]+\b")
# a word that is not an auxiliary verb (the head of a noun phrase never is)
_NOT_AUX = r"(?!(?:has|had|have|is|was|were|are|will|would|could|can|may|might|should|did|does|do|been)\b)"
# (a possessive determiner opens it too: "her Twitter account posted:"; a parenthetical may
# separate it from its verb: "The Clinton campaign, in a Q&A on the e-mail controversy, worded")
_SUBJ_NP_S_RE = re.compile(rf"\s*((?:The|A|An|His|Her|Their|Its|his|her|their|its)\s+(?:{_NOT_AUX}[\w’'\-]+\s+){{0,4}}?"
                           rf"{_NOT_AUX}[a-z][\w’'\-]*[a-z])(?:,[^,.;:\"“”]{{3,80}},)?"
                           r"\s+(?:[a-z]+ly\s+)?(?!is\b|was\b|has\b|as\b|its\b|this\b|thus\b|us\b|his\b|less\b|plus\b)"
                           r"[a-z]+(?:s|ed)\b")
