"""Style: how the text is written, using cues that studies of unreliable news found useful
(Horne & Adali 2017; Rashkin et al. 2017; Pérez-Rosas et al. 2018).

Entry function: ``extract(article) -> Signals``. Rates are per word unless named otherwise;
sentences are split on . ! ? and line breaks.

- ``sentence_length_mean``: mean words per sentence.
- ``sentence_length_cv``: standard deviation / mean of words per sentence (machine text is
  often more uniform).
- ``long_sentence_share``: share of sentences over 40 words.
- ``type_token_ratio``: distinct / total words over the first 400 words (length-stable).
- ``mean_word_length``: mean characters per word.
- ``flesch_reading_ease``: Flesch reading ease with a vowel-group syllable count, clipped to
  [-50, 120].
- ``loaded_word_rate``: emotionally loaded or derogatory words ("outrageous", "smears",
  "regime", "hoax", "reckless", …).
- ``subjective_word_rate``: opinion and intensifier words ("very", "truly", "absolutely",
  "amazing", "terrible", …).
- ``hedge_rate``: hedges ("reportedly", "allegedly", "might", "perhaps", "appears", …).
- ``first_person_rate``, ``second_person_rate``: I/me/my/we/us/our and you/your.
- ``exclamation_rate``, ``question_rate``: "!" and "?" per sentence.
- ``all_caps_rate``: words of 3+ letters in capitals, excluding a list of common acronyms.
- ``digit_rate``: tokens containing a digit (figures, dates, amounts) per word.
- ``said_rate``: "said"/"says"/"told" per sentence (reported speech, the newsroom's verb).
- ``weekday_rate``: weekday names per sentence (news reports anchor events in days).
- ``repeated_trigram_share``: share of word trigrams that occur more than once.
- ``log_word_count``: natural log of 1 + words.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import chain, compress
from operator import mul

import numpy as np

from . import Article, Signals

FEATURES = (
    "sentence_length_mean",
    "sentence_length_cv",
    "long_sentence_share",
    "type_token_ratio",
    "mean_word_length",
    "flesch_reading_ease",
    "loaded_word_rate",
    "subjective_word_rate",
    "hedge_rate",
    "first_person_rate",
    "second_person_rate",
    "exclamation_rate",
    "question_rate",
    "all_caps_rate",
    "digit_rate",
    "said_rate",
    "weekday_rate",
    "repeated_trigram_share",
    "log_word_count",
)

# Type-token ratio falls with length; a fixed window keeps short and long texts comparable.
TTR_WINDOW = 400
# Sentences past 40 words are rare in edited news (AP style) and common in run-on opinion text.
LONG_SENTENCE_WORDS = 40

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*|\d[\d,.:%/]*")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n+")
# The same cuts, but taking the [.!?] before them too ("[.!?]<closers>*\s+|\n+", written to
# start with one character class: ~5x faster to scan). Dropping a sentence's final [.!?] neither
# adds nor removes a _TOKEN (words never hold one; a figure such as "2.5." only loses its last
# dot), so the tokens per sentence are counted the same; and tokens never cross a cut, so a
# text's tokens are its sentences' tokens.
_SENTENCE_CUT = re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<=[.!?])[\"'\u201d\u2019)]*\s+)")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# _TOKEN with its words captured: findall gives each word, and '' for each figure.
_TOKEN_WORD = re.compile(r"([A-Za-z][A-Za-z'\u2019\-]*)|\d[\d,.:%/]*")

LOADED_WORDS = frozenset("""
outrage outrageous outraged disgusting disgrace disgraceful shameful shameless smear smears
smeared hoax hoaxes lie lies lying liar liars corrupt corruption crooked evil sick insane crazy
idiot idiots idiotic stupid moron morons pathetic ridiculous absurd treason traitor traitors
tyranny tyrant regime puppet puppets clique propaganda brainwashed slam slams slammed blast
blasts blasted destroy destroys destroyed destroying annihilate obliterate rips ripped shocking
shocked bombshell exposed expose explosive scandal scandalous horrific horrible terrifying
vicious savage thug thugs radical radicals extremist extremists fascist fascists communist
communists socialist marxist globalist globalists elites elite deep-state sheeple reckless
hysteria hysterical meltdown unhinged deranged lunatic nutjob treasonous betray betrayed
betrayal cover-up coverup rigged fraud fraudulent scam scams fake hateful hatred bigot bigots
racist racists vile despicable atrocious catastrophe catastrophic disaster disastrous doom
slaughter massacre invasion invaders hegemony imperialist imperialism stigmatization
""".split())

SUBJECTIVE_WORDS = frozenset("""
very really truly absolutely totally completely utterly extremely incredibly amazing awesome
wonderful fantastic terrible awful worst best greatest beautiful ugly horrible brilliant
genius obviously clearly certainly definitely undoubtedly surely simply literally actually
honestly frankly unbelievable incredible remarkable outstanding magnificent tremendous huge
massive enormous disgusting shocking sad happy love hate loved hated adore
""".split())

HEDGE_WORDS = frozenset("""
reportedly allegedly apparently supposedly perhaps maybe possibly probably likely unlikely
might may could seems seemed appear appears appeared suggest suggests suggested rumored
rumoured purportedly presumably somewhat arguably
""".split())

FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
SAID_WORDS = frozenset("said says told".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Acronyms common in straight news: capitals here are names, not shouting.
COMMON_ACRONYMS = frozenset("""
USA NATO FBI CIA NSA GOP CEO CFO UN EU UK US USSR BBC CNN NBC ABC CBS NPR AFP UPI NYT COVID
AIDS HIV GDP IMF WTO WHO OPEC NASA ISIS IRS DOJ EPA FDA SEC FCC DNC RNC MSNBC ESPN NFL NBA MLB
NHL USD EUR AM PM TV DNA LGBT LGBTQ APEC ASEAN BRICS SCO CPC PLA CCP UAE IRA ATM CDC NHS MPS
""".split())


@lru_cache(maxsize=1 << 16)  # news vocabulary repeats: most words are counted once per process
def _syllables(word: str) -> int:
    groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and groups > 1 and not word.endswith(("le", "ee")):
        groups -= 1
    return max(1, groups)


def _repeated_trigram_share(lower: list[str], counts: Counter) -> float:
    """Share of word trigrams that occur more than once: (all - those seen once) / all."""
    n = len(lower) - 2
    if n <= 0:
        return 0.0
    # Each trigram as one integer (word ids in base len(counts)), sorted: a trigram seen once
    # differs from both neighbours.
    size = len(counts)
    if size >= 2_000_000:  # the integers would overflow int64: count the trigrams themselves
        return (n - list(Counter(zip(lower, lower[1:], lower[2:])).values()).count(1)) / n
    ids = np.fromiter(map(dict(zip(counts, range(size))).__getitem__, lower), dtype=np.int64, count=len(lower))
    codes = (ids[:-2] * size + ids[1:-1]) * size + ids[2:]
    codes.sort()
    differs = np.empty(n + 1, dtype=bool)
    differs[0] = differs[n] = True
    np.not_equal(codes[1:], codes[:-1], out=differs[1:n])
    once = int(np.count_nonzero(differs[:-1] & differs[1:]))
    return (n - once) / n


def extract(article: Article) -> Signals:
    text = article.text
    per_sentence = [found for found in map(_TOKEN_WORD.findall, _SENTENCE_CUT.split(text)) if found]
    words = list(filter(None, chain.from_iterable(per_sentence)))
    lower = list(map(str.lower, words))
    n_words = len(words)
    lengths = [len(found) for found in per_sentence]
    n_tokens = sum(lengths)
    n_sent = max(1, len(lengths))
    denom = max(1, n_words)

    mean_len = sum(lengths) / n_sent if lengths else 0.0
    if len(lengths) > 1 and mean_len > 0:
        var = sum([(n - mean_len) ** 2 for n in lengths]) / (len(lengths) - 1)
        cv = math.sqrt(var) / mean_len
    else:
        cv = 0.0
    window = lower[:TTR_WINDOW]
    ttr = len(set(window)) / len(window) if window else 0.0
    mean_word_len = len("".join(words)) / denom
    counts = Counter(lower)
    head = counts if n_words <= 2000 else Counter(lower[:2000])
    syllables = sum(map(mul, map(_syllables, head), head.values()))
    sample = max(1, min(n_words, 2000))
    flesch = 206.835 - 1.015 * mean_len - 84.6 * (syllables / sample) if n_words else 0.0
    flesch = min(120.0, max(-50.0, flesch))

    vocabulary = set(counts)

    def occurrences(lexicon: frozenset) -> int:
        return sum(counts[w] for w in lexicon.intersection(vocabulary))

    loaded, subjective, hedges = occurrences(LOADED_WORDS), occurrences(SUBJECTIVE_WORDS), occurrences(HEDGE_WORDS)
    first, second = occurrences(FIRST_PERSON), occurrences(SECOND_PERSON)
    said, weekdays = occurrences(SAID_WORDS), occurrences(WEEKDAYS)
    shouted = [w for w in compress(words, map(str.isupper, words)) if len(w) >= 3 and w not in COMMON_ACRONYMS]
    caps = len(shouted)
    digits = n_tokens - n_words
    repeated = _repeated_trigram_share(lower, counts)

    values = {
        "sentence_length_mean": mean_len,
        "sentence_length_cv": cv,
        "long_sentence_share": sum(1 for n in lengths if n > LONG_SENTENCE_WORDS) / n_sent,
        "type_token_ratio": ttr,
        "mean_word_length": mean_word_len,
        "flesch_reading_ease": flesch,
        "loaded_word_rate": loaded / denom,
        "subjective_word_rate": subjective / denom,
        "hedge_rate": hedges / denom,
        "first_person_rate": first / denom,
        "second_person_rate": second / denom,
        "exclamation_rate": text.count("!") / n_sent,
        "question_rate": text.count("?") / n_sent,
        "all_caps_rate": caps / denom,
        "digit_rate": digits / max(1, n_tokens),
        "said_rate": said / n_sent,
        "weekday_rate": weekdays / n_sent,
        "repeated_trigram_share": repeated,
        "log_word_count": math.log1p(n_words),
    }
    evidence = {}
    if loaded:
        found = sorted(LOADED_WORDS.intersection(vocabulary))[:6]
        evidence["loaded_word_rate"] = "loaded words: " + ", ".join(found)
    if caps:
        evidence["all_caps_rate"] = "capitalised words: " + ", ".join(sorted(set(shouted))[:6])
    return Signals(values=values, evidence=evidence)
