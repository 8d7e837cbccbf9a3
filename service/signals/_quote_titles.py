"""A quoted person's title or role given at another mention of them.

News style names a person in full with their role once ("Harbor City coach Maria Lindqvist
switched ...", "Councilman Dale Fischer, who voted against ...", "Kirsten Traynor, a bee
researcher at ...") and quotes them by surname later ('"...," Lindqvist said').  The
attribution itself then carries no title, though the person has one.

``title_at_mention(text, speaker, inside_quote)`` returns the (start, end) span of the first
mention of ``speaker``'s surname, outside quotations and off headline lines, that carries a title
or role, else None.  A mention carries one when
- a title or role word is part of the capitalised run that ends in the surname ("Councilman
  Dale Fischer", "Sen. Ted Cruz", "Coach Lindqvist"; not a first name such as "Dean");
- the word right before that run is a role noun ("coach Maria Lindqvist", "the agency's
  spokeswoman Ana Ruiz"; not "the senator's Ana Ruiz"), unless it follows "to" or a modal
  ("will host Smith": a verb);
- an appositive right after the surname names a role: a determiner phrase with a role noun
  ("Traynor, a bee researcher at ...", "Ruiz, 58, the chairwoman of ...") or a capitalised role
  ("Natarajan, Chief Executive Officer").
A mention whose first name differs from the speaker's is another person ("Bill Clinton" for
"Hillary Clinton"); one followed by a further name word is not the surname ("Gov. Jack Dalrymple"
for a speaker "Jack").  The appositive rule is stricter than the one at an attribution (where any
"Smith, a ..." counts): away from the quotation a description without a role ("Jennings, a
grandmother of four") is not taken as a title."""
from __future__ import annotations

import re

from ._quote_pronouns import _ROLE_BEFORE_F, _ROLE_BEFORE_M, _ROLE_BEFORE_N, _in_headline
from ._quote_speakers import (
    _CAP_APPOS_AFTER_NAME_RE, _FEMALE_FIRST, _MALE_FIRST, _NOT_NAMES, _ROLE_WORDS, _TITLE_ABBR, _strip_possessive,
)

# kinship and bare "man" / "woman" are relations, not roles
_KIN = {"mother", "wife", "daughter", "sister", "grandmother", "widow", "girlfriend", "woman", "lady", "father",
        "husband", "son", "brother", "grandfather", "widower", "boyfriend", "man"}
_ROLES = frozenset((_ROLE_WORDS | _ROLE_BEFORE_N | _ROLE_BEFORE_F | _ROLE_BEFORE_M) - _KIN)
_FIRST_NAMES = _FEMALE_FIRST | _MALE_FIRST
# a role noun after these is a verb ("to head", "will host")
_VERB_BEFORE = {"to", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "did", "does",
                "do", "cannot"}
# the capitalised run before a surname on its line: titles, first names, initials
# (a period only after a short word, "Sen." / "J.": "the President. Fischer" is two sentences)
_RUN_BEFORE_RE = re.compile(r"(?<![\w’'\-])(?:(?:[A-Z][\w’'\-]*|[A-Z][a-z]{0,3}\.)[ \t]+){1,4}$")
# the word before, not a possessive ("the president's aide Ana Ruiz" is the aide)
_WORD_BEFORE_RE = re.compile(r"(?<![\w’'\-])([A-Za-z][\w\-]*)[ \t]+$")
_NEXT_NAME_RE = re.compile(r"[ \t]+([A-Z][a-z’'\-]+)(?![\w])")
_DET_APPOS_RE = re.compile(
    r"(?:’s|'s)?,[ \t]+(?:\d{1,3},[ \t]+)?(?:a|an|the|his|her|their|its|now|then|former|longtime)[ \t]+"
    r"([^,.;:()\"“”\n]{0,60})")


def _has_role_word(words) -> bool:
    # (wider than _quote_speakers._has_role: also the role nouns the pronoun resolver reads)
    return any(w.lower().strip(".,") in _ROLES or w in _TITLE_ABBR for w in words)


def title_at_mention(text: str, speaker: str, inside_quote,
                     index: dict[str, list[int]] | None = None) -> tuple[int, int] | None:
    """``index``: ``mention_index(text)``, for a text with many speakers (one scan of the text
    for all of them instead of one per speaker)."""
    toks = speaker.split()
    if not toks:
        return None
    surname = _strip_possessive(toks[-1])
    if len(surname) < 2 or not surname[:1].isupper():
        return None
    first = toks[0] if len(toks) >= 2 else None
    n = len(surname)
    for s in (index.get(surname, ()) if index is not None else _occurrences(text, surname)):
        e = s + n
        if not inside_quote(s):
            span = _titled_mention(text, s, e, first)
            # (the headline test reads the line: only for a mention that has a title)
            if span is not None and not _in_headline(text, s):
                return span
    return None


def _occurrences(text: str, surname: str):
    n = len(surname)
    s = text.find(surname)
    while s >= 0:
        e = s + n
        # (a possessive may follow the surname: "Lindqvist's")
        if (s == 0 or not _is_word_char(text[s - 1])) and \
                (e == len(text) or not (text[e].isalnum() or text[e] in "_-")):
            yield s
        s = text.find(surname, e)


_CAP_WORD_RE = re.compile(r"[A-Z](?<![\w’'\-].)[\w’'\-]*|^[A-Z][\w’'\-]*")


def mention_index(text: str) -> dict[str, list[int]]:
    """Start offsets of each capitalised word (possessive stripped) in ``text``."""
    index: dict[str, list[int]] = {}
    for m in _CAP_WORD_RE.finditer(text):
        index.setdefault(_strip_possessive(m.group()), []).append(m.start())
    return index


def _is_word_char(c: str) -> bool:  # (before a surname; after it a possessive may follow)
    return c.isalnum() or c in "_’'-"


def _titled_mention(text: str, s: int, e: int, first: str | None) -> tuple[int, int] | None:
    nxt = _NEXT_NAME_RE.match(text, e)
    if nxt and nxt.group(1) not in _NOT_NAMES:
        return None  # a first name here ("Gov. Jack Dalrymple" for a speaker parsed as "Jack")
    line0 = text.rfind("\n", max(0, s - 80), s) + 1
    run_m = _RUN_BEFORE_RE.search(text, max(line0, s - 80), s)
    run = run_m.group().split() if run_m else []
    names = [w for w in run if not _has_role_word([w]) and w not in _NOT_NAMES and not w.endswith(".")]
    if first and names and first not in names:
        return None  # another person with that surname ("Rep. Alan Grayson" for "Lolita Grayson")
    if _has_role_word(w for w in run if w.lower() not in _FIRST_NAMES):
        return (run_m.start(), e)  # ("Dean Boyd" is a first name, not an academic dean)
    at = run_m.start() if run_m else s
    wb = _WORD_BEFORE_RE.search(text, max(line0, at - 40), at)
    if wb and wb.group(1).lower() in _ROLES:
        pw = _WORD_BEFORE_RE.search(text, max(line0, wb.start(1) - 20), wb.start(1))
        if not (pw and pw.group(1).lower() in _VERB_BEFORE):
            return (wb.start(1), e)
    for appositive in (_DET_APPOS_RE, _CAP_APPOS_AFTER_NAME_RE):
        ap = appositive.match(text, e)
        if ap and _has_role_word(ap.group(1).split()):
            return (at, ap.end())
    return None
