"""Resolving he / she and person descriptions ("the Vermont senator") to a named person:
``_Resolver`` (person mentions grouped into gender-guessed entities), the gender lexicons, and
what a person description looks like.  Built lazily by ``quotes`` only when a quotation needs it.

Pronoun speakers (he / she) are resolved sentence by sentence backwards: in each earlier
sentence, the latest "Name said ..." speaker (quoted or not, also an inverted "..., said Katie
Harbath"), he / she speaker resolved before, or speaker of a quotation the mentions do not hold
(an unnamed person, "said one analyst"; a participle's subject, "Dai was quoted as saying");
else an unnamed person as the sentence's subject ("A spokesman for Nippon Life said ...": the
pronoun stands for that nominal; "The spokesman said ...": an earlier sentence's person, never a
name later in this one); else the sentence's first person mention that can be its subject (not
the object of a preposition, not a noun modifier such as "the Sanders campaign" or "Obama
consultant Cornell Belcher", not a US state; a possessive only when nothing else fits, and
"Christie's been" is not a possessive). A sentence whose subject is the same pronoun is skipped;
the speaker of a non-restrictive relative clause ("..., Bush and Christie, who say ...") is not
taken over the sentence's subject; in a sentence opening with a subordinate clause ("When Maddow
pointed out that Sanders calls it ..., Clinton seized ...") or a "Like X," phrase the main
clause after its comma is looked at first; a sentence whose subject is a person description
("The Wisconsin Republican did ...") stands for the person it describes; a name after the same
he / she in an earlier sentence is not the antecedent. Candidates must not contradict the
pronoun's gender (first names: our lists, then the US Census 1990 lists; Mr./Mrs., gendered role
nouns such as "spokeswoman" or "mother", the next he / she after a mention; unisex first names
such as "Lindsey" give no gender). Mentions with a first name are separate people ("Bill
Clinton" vs "Hillary Clinton"); a bare surname joins the most-mentioned gender-compatible one. A
definite description of a person ("the Vermont senator said", "the senator from Vermont said")
is resolved the same way (``speaker_kind`` "description")."""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from functools import lru_cache

from ._quote_text import _TITLE_SMALL, _WORD_RE
from ._quote_speakers import (
    _FEMALE_FIRST, _HONORIFICS, _MALE_FIRST, _NOMINAL_DETS, _NOT_NAMES, _ORG_WORDS, _PREPS, _ROLE_WORDS,
    _PERSON_NOUNS, _SPEAKER_MODS, _SPEAKER_NOUNS, _speaker_after, _strip_possessive, _subject_start,
    first_name_gender, is_bare_demonym,
)


_FEMALE_WORDS = {"mrs.", "ms.", "mrs", "ms", "miss", "madam", "congresswoman", "spokeswoman",
                 "chairwoman", "councilwoman", "businesswoman", "queen", "princess", "first lady",
                 "wife", "mother", "daughter", "sister", "grandmother", "actress", "woman"}
_MALE_WORDS = {"mr.", "mr", "congressman", "spokesman", "councilman", "businessman", "king",
               "prince", "husband", "father", "son", "brother", "grandfather", "actor", "man", "pope"}
# A capitalised name sequence: an optional title ("Sen. "), then capitalised words with a
# lower-case letter, joined by spaces, initials ("J. ") and particles ("de", "van"), at a word
# start.  Equivalent to
#   (?<![\w’'])(?:(?:Mr|Mrs|...|Maj)\.\s+)?NAME_WORD(?:[ \t]+(?:[A-Z]\.[ \t]+)?(?:(?:de|...)[ \t]+)?NAME_WORD)*
# but opening with the capital [A-Z] (the word-start test moved after it as "(?<![\w’'].)" and
# each title's first letter checked by a look-behind), so that the regex engine skips to
# capitals instead of trying the pattern at every position: nearly twice as fast, and the
# alternatives are tried in the same order, so every match is the same.
_CAPSEQ_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Rev", "Prof", "Capt",
                  "Adm", "Maj")
_NAME_WORD_REST = r"[a-zA-Z\u00c0-\u024f’'\-]*[a-z\u00df-\u024f][a-zA-Z\u00c0-\u024f’'\-]*"  # after the capital
_CAPSEQ_RE = re.compile(
    r"[A-Z](?<![\w’'].)"
    r"(?:(?:" + "|".join(f"(?<={t[0]}){t[1:]}" for t in _CAPSEQ_TITLES) + r")\.\s+[A-Z])?"
    + _NAME_WORD_REST
    + r"(?:[ \t]+(?:[A-Z]\.[ \t]+)?(?:(?:de|van|von|al|bin|del|la|le)[ \t]+)?[A-Z]" + _NAME_WORD_REST + ")*")
_DESCRIPTION_RE = re.compile(
    r"(?:the|The|this|This)\s+(?:[\w’'.\-]+\s+){0,3}(?:senator|governor|president|candidate|nominee|"
    r"spokesman|spokeswoman|congressman|congresswoman|businessman|businesswoman|billionaire|mogul|"
    r"mayor|secretary|chairman|chairwoman|front-runner|frontrunner|[\w\-]*year-old|lawmaker|"
    r"leader|senator-elect|host|commentator|candidate|contender|hopeful|challenger|speaker|"
    r"congressman|representative|pundit|strategist|adviser|advisor|director|chief|attorney|judge)")
# a person description opening a sentence as its subject, then a verb ("The Wisconsin Republican
# did give ...", "The former secretary of state said ...")
_DESC_SUBJECT_RE = re.compile(
    r"\s*(?:(?:But|And|Yet|Still|So)\s+)?((?:The|the)\s+(?:[\w’'.\-]+\s+){0,3}?"
    r"(?:senator|governor|president|candidate|nominee|congressman|congresswoman|businessman|"
    r"businesswoman|billionaire|mogul|mayor|secretary|front-runner|frontrunner|lawmaker|leader|"
    r"hopeful|contender|challenger|Republican|Democrat))"
    r"(?:\s+of\s+state)?\s+(?:[a-z]+ly\s+)?(?:did|does|has|had|was|is|[a-z]+(?:ed|s))\b")
_DESC_TAIL_RE = re.compile(r"\s+(?:from|of)\s+[A-Z][\w’'.\- ]*$")  # "the senator from Vermont"
_DESC_HEAD_AFTER_RE = re.compile(
    r"(?:\s+[a-z][\w\-]*){0,2}?\s+(?:senator|governor|president|candidate|nominee|congressman|"
    r"congresswoman|businessman|billionaire|mogul|mayor|lawmaker|front-runner|frontrunner|"
    r"[\w\-]*year-old|leader|hopeful|contender)\b")
_PERSON_TITLE_PREFIX = {"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.",
                        "Sgt.", "Rev.", "Prof.", "Capt.", "Adm.", "Maj.", "President", "Senator",
                        "Secretary", "Governor", "Mayor", "Judge", "Justice", "Speaker", "Chairman",
                        "Chairwoman", "Director", "Ambassador", "Minister", "Prime", "Congressman",
                        "Congresswoman", "Pope", "Chief", "Attorney", "General", "Leader"}


def _is_first_name_before_surname(toks: list[str], i: int) -> bool:
    """A first name that is also an organisation word, followed by a surname: "Bill Clinton",
    "Christian Christensen" (not the bill, not a Christian group)."""
    return i + 1 < len(toks) and toks[i].lower() in _MALE_FIRST and toks[i + 1][:1].isupper() \
        and toks[i + 1] not in _PERSON_TITLE_PREFIX


def _gender_of_words(words: list[str]) -> str | None:
    for w in words:
        lw = w.lower()
        if lw in _FEMALE_WORDS:
            return "f"
        if lw in _MALE_WORDS:
            return "m"
    return None


# he / she as a word (is the pronoun being resolved repeated earlier in a sentence?)
_SAME_PRON_RE = {"he": re.compile(r"\b[Hh]e\b"), "she": re.compile(r"\b[Ss]he\b")}
_APPOS_AFTER_RE = re.compile(
    r"(?:’s|'s)?,\s+(?:(?:\d{1,3}|who|whose)\b|(?:a|an|the|his|her|their|its|one|now|then|former|"
    r"longtime|[\w\-]+-year-old)\s+([^,.;:()\"“”]{0,60}))")
# he / him / his / himself (group 1 set) or she / her / hers / herself, as whole words.  Written
# as "\b(?:([Hh](?:e|im|is|imself))|([Ss]he|[Hh]er|[Hh]ers|[Hh]erself))\b" would be, but opening
# with the character class [HhSs] (the word boundary checked after it by "(?<!\w.)", the first
# letter by the look-behinds) lets the regex engine skip to candidate letters: about four times
# faster than trying the pattern at every position; the alternatives keep their order.
_GPRON2_RE = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])(e|im|is|imself)|(?<=[Ss])he|(?<=[Hh])(?:er|ers|erself))\b")
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
owner coach player detective agent diplomat ambassador minister premier chancellor commissioner
representative superintendent principal teacher nurse doctor physician surgeon neurosurgeon trooper
firebrand mogul billionaire entrepreneur pundit blogger comedian singer producer publisher lobbyist
donor fundraiser investor banker engineer farmer retiree customer plaintiff defendant witness
victim survivor protester volunteer immigrant refugee constituent graduate dean rabbi imam priest
bishop colonel sergeant captain lieutenant admiral soldier deputy trustee treasurer inspector
regulator negotiator envoy
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
    # a line running on for over 300 characters either side of s is prose, whatever its
    # capitals: read no further (a headline is short; the lines of a text without breaks are not)
    a = text.rfind("\n", max(0, s - 300), s)
    b = text.find("\n", s, s + 300)
    if (a < 0 and s > 300) or (b < 0 and len(text) - s > 300):
        return False
    words = _WORD_RE.findall(text[a + 1:b if b >= 0 else len(text)])
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
    bare surname joins the most-mentioned gender-compatible entity with that surname.  Gender comes
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
        headline_lines: dict[int, bool] = {}  # line start -> set in title case

        def in_headline(pos: int) -> bool:
            a = text.rfind("\n", 0, pos) + 1
            if a not in headline_lines:
                headline_lines[a] = _in_headline(text, pos)
            return headline_lines[a]

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
                                 or (_strip_possessive(toks[k - 1]).lower() in _ORG_WORDS
                                     and not _is_first_name_before_surname(toks, k - 1))):
                k -= 1
            if k < len(toks) and len(toks) >= 2 and toks[-1] in _MONTHS and k == len(toks) - 1:
                k = len(toks)  # nothing but the month before it: not a name
            pre, toks = toks[:k], toks[k:]
            if not toks or len(toks) > 4:
                continue
            last = _strip_possessive(toks[-1])
            sur = last.lower()
            if not sur or (not pre and len(toks) == 1 and is_bare_demonym(text, (s, s + len(last)))):
                continue  # "Chinese buyers", "the Canadian": a nationality, no person's name
            if pre:
                s = m.end() - len(m.group()) + _name_offset(m.group(), len(pre))
            first = toks[0].lower() if len(toks) >= 2 else None
            g = _gender_of_words(pre) if pre else None
            if g is None and first:
                g = first_name_gender(first)
            titled = any(p in _PERSON_TITLE_PREFIX or p in _HONORIFICS for p in pre)
            role_in_pre = not titled and any(p.lower() in _ROLE_WORDS for p in pre)
            rb = _role_before(text, s)
            if first is None and (role_in_pre or rb) and in_headline(s):
                role_in_pre, rb = False, None
            titled = titled or role_in_pre
            evid = titled or (first is not None and (first in _FEMALE_FIRST or first in _MALE_FIRST)) \
                or sur in known or s in speaker_at or (len(toks) >= 3 and len(toks[1]) == 2 and toks[1].endswith("."))
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
            # entity: a full name is its own entity; a bare surname joins an entity with that
            # surname whose gender does not contradict this mention
            ei = None
            cands = by_sur.get(sur, ())
            if first:
                for k in reversed(cands):
                    if ents[k]["first"] in (first, None):
                        ei = k
                        break
            else:
                # the most-mentioned compatible one: "Fiorina" after "her husband, Frank
                # Fiorina" is still Carly Fiorina, whom the story has named all along
                best = 0
                for k in reversed(cands):
                    eg = _vote(ents[k]["votes"])
                    if (g is None or eg is None or eg == g) and ents[k]["n"] > best:
                        ei, best = k, ents[k]["n"]
            if ei is None:
                if not evid:
                    continue
                ei = len(ents)
                ents.append({"name": " ".join(toks[:-1] + [last]), "sur": sur, "first": first,
                             "votes": Counter(), "n": 0})
                by_sur.setdefault(sur, []).append(ei)
            ent = ents[ei]
            if first and ent["first"] is None:
                ent["first"] = first
            if first and len(" ".join(toks)) > len(ent["name"]):
                ent["name"] = " ".join(toks[:-1] + [last])
            if g:
                ent["votes"][g] += 2
            ent["n"] += 1
            mentions.append((s, m.end(), ei))
        # pronoun votes: the next gendered pronoun after a mention, in the same sentence, within
        # 150 characters and before the next mention
        prons = [(m.start(), m.group(1) is not None) for m in _GPRON2_RE.finditer(text)]
        ppos = [p[0] for p in prons]
        for k, (s, e, ei) in enumerate(mentions):
            nxt = mentions[k + 1][0] if k + 1 < len(mentions) else len(text)
            j = bisect.bisect_left(ppos, e)
            if j < len(ppos) and ppos[j] < min(nxt, e + 150) and not inside_quote(ppos[j]) \
                    and bisect.bisect_right(sent_starts, e) == bisect.bisect_right(sent_starts, ppos[j]) \
                    and _mention_flag(text, s, e) != 2:
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
        self.pronouns_of: dict[str, set[str]] = {}  # resolved name -> the pronouns resolved to it
        self.inside_quote = inside_quote
        self._in_description = False  # resolving a description subject (no nested descriptions)
        self._unnamed_subjects: dict[int, str | None] = {}  # sentence start -> its unnamed subject

    def _pronoun_before(self, pron: str, a: int, b: int) -> bool:
        """Whether ``pron`` (he / she) occurs as a word in text[a:b] outside quotations."""
        for m in _SAME_PRON_RE[pron].finditer(self.text, a, b):
            if not self.inside_quote(m.start()):
                return True
        return False

    def remember(self, pos: int, pron: str, name: str) -> None:
        """Record a resolved pronoun speaker (quotations are resolved in text order). ``pron``
        "*": a speaker the mentions do not hold (an unnamed one, "said one analyst"; a
        participle's, "Dai was quoted as saying"), which a later he or she of either gender may
        stand for."""
        if not self.rpos or pos > self.rpos[-1]:
            self.resolved.append((pos, pron, name))
            self.rpos.append(pos)
            self.pronouns_of.setdefault(name, set()).add(pron)

    def unnamed_subject(self, a: int, b: int) -> str | None:
        """The sentence text[a:b]'s subject when it is one person not named ("A spokesman for
        Nippon Life said ...", "The Chinese Trade Ministry spokesman said ...")."""
        if a not in self._unnamed_subjects:
            m = _UNNAMED_OPENING_RE.match(self.text, _subject_start(self.text, a, b), b)
            nm, span, _kind, _titled, end = _speaker_after(self.text, m.start(1), b) if m else (None,) * 5
            # "The head of the plant, Mikhail Steklov, said": named after all; "A reporter asked
            # Sanders how he felt. He replied": the one asked answers
            named = nm and (_APPOSITIVE_NAME_RE.match(self.text, span[1], b) or _ASKED_RE.match(self.text, end, b))
            self._unnamed_subjects[a] = nm if nm and not named and is_unnamed_person(nm) else None
        return self._unnamed_subjects[a]

    def _other_gender(self, name: str, pron: str) -> bool:
        """Whether a pronoun other than ``pron`` was resolved to ``name`` ("a source said ...
        '...,' he said": that source is not a later "she")."""
        return bool(self.pronouns_of.get(name, set()) & ({"he", "she"} - {pron}))

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
            fg = first_name_gender(f)
            if fg is not None and fg != g:
                return False
        return True

    def name_at(self, pos: int, name: str) -> str:
        ei = self.start_to_ent.get(pos)
        return self.ents[ei]["name"] if ei is not None else name

    def resolve_subject(self, pos: int, pron: str, speakers, spos, max_sents: int = 8) -> str | None:
        """The person a he / she at ``pos`` refers to: sentence by sentence backwards, the latest
        gender-compatible speaker of a "Name said" attribution in the sentence (or one
        ``remember`` recorded), else the sentence's first gender-compatible person mention."""
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
                    rp, rname = self.resolved[r1][1], self.resolved[r1][2]
                    if pron and (rp == pron or (rp == "*" and not self._other_gender(rname, pron))):
                        return rname
                    continue
                i1 -= 1
                p, nm = speakers[i1]
                if self._speaker_ok(nm, p, g):
                    return self.name_at(p, nm)
            ss = _subject_start(self.text, a, b)
            if pron and _PRON_SUBJECT_RE.match(self.text, ss, b) and \
                    self.text[ss:b].lstrip()[:len(pron)].lower() == pron:
                continue  # "He lambasted X ...": the same he / she again, look further back
            if k < si and not self._in_description:
                md = _DESC_SUBJECT_RE.match(self.text, ss, b)
                if md:
                    # "The Wisconsin Republican did give Trump some credit ... '...,' he said": the
                    # described person, not a name inside the sentence
                    head = md.group(1).split()[-1].lower()
                    gd = "f" if head in _FEMALE_WORDS else "m" if head in _MALE_WORDS else None
                    if g is None or gd is None or gd == g:
                        self._in_description = True
                        try:
                            r = self.resolve_subject(md.start(1), pron, speakers, spos, max_sents=6)
                        finally:
                            self._in_description = False
                        if r:
                            return r
            if k < si and not self._in_description:
                nominal = self.unnamed_subject(a, b)
                head = nominal.split()[-1].lower() if nominal else ""
                if nominal and (g is None or g == ("f" if head in _FEMALE_WORDS else "m" if head in _MALE_WORDS else g)):
                    if nominal[:1] not in "Tt":
                        # "A spokesman for Nippon Life said on Monday that ... '...,' he said": the
                        # spokesman, not a name later in that sentence ("Washington's policy")
                        return nominal
                    # "The spokesman declined ...", "The defender added ...": most often someone
                    # an earlier sentence names or quotes (the player the story is about, the
                    # spokesman quoted above), never a name later in this sentence ("The Chinese
                    # Trade Ministry spokesman said Washington's policy ...")
                    continue
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
                        if k < si and pron in _SAME_PRON_RE and self._pronoun_before(pron, ss, self.mentions[j][0]):
                            # "... the first time she had been involved, and she doesn't think
                            # Clinton can ...": the same he / she earlier in that sentence refers
                            # further back, so a name after it is not the antecedent
                            break
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


# a sentence opening with a determiner (after a conjunction): where an unnamed person may be
# its subject; group 1 is where that subject starts
_UNNAMED_OPENING_RE = re.compile(r"\s*(?:(?:But|And|Yet|So|Still)\s+)?((?:A|An|One|Another|The)\s)")
# after an unnamed subject, a name in apposition: "One superdelegate, Alabama Democratic Party
# chairwoman Nancy Worley, pledged" (not "One analyst, who asked not to be named, said")
_APPOSITIVE_NAME_RE = re.compile(r"(?:\s+(?:of|for|at|in|with|from)\s+[^,.;:]{1,60})?,\s+(?:[^,.;:]{0,60}\s)?"
                                 r"[A-Z][a-z][\w’'.\-]*,")
_ASKED_RE = re.compile(r"\s*(?:asked|questioned|pressed|interviewed)\b")
_UNNAMED_DETS = frozenset({"a", "an", "one", "another", "the", "this", "that"})
# the person nouns of attributions, with the street voices of wire copy ("said one villager") that
# are nobody's role or relation (traders, dealers and brokers are roles: _ROLE_WORDS)
_UNNAMED_HEADS = _PERSON_NOUNS | frozenset(
    "villager shopkeeper driver policeman policewoman participant".split())


def is_unnamed_person(nominal: str) -> bool:
    """One person not named: "one analyst", "a senior official", "the economist" (not "officials",
    "the company", "his campaign")."""
    words = nominal.split()
    return len(words) >= 2 and words[0].lower() in _UNNAMED_DETS and words[-1].lower() in _UNNAMED_HEADS


_SUBORD_START_RE = re.compile(r"\s*(?:When|While|After|As|Although|Though|If|Because|Before|Since|Until|Once|"
                              r"Whereas|Like|Unlike|Despite)\s")
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
        if words[-1] in ("and", "or") and any(w in _PREPS for w in words[:-1]):
            return 2  # "split between Trump and Cruz": the second object too
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


_SPACES_RE = re.compile(r"\s+")


# memoised: extract asks for the surname of every named quotation, and an article quotes the
# same few people again and again
@lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    toks = [t for t in _SPACES_RE.split(name.strip()) if t]
    if not toks:
        return ""
    return _strip_possessive(toks[-1]).lower()
