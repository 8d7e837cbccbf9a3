"""Synthetic news-like articles for the benchmarks: datelines, reporting verbs, attributed quotes.

Generated here from templates, so no benchmark needs data from outside the project.
"""
from __future__ import annotations

import random

_PLACES = ["OSLO", "LIMA", "NAIROBI", "HANOI", "OTTAWA", "LISBON", "SEOUL", "ACCRA", "QUITO", "PERTH"]
_PEOPLE = [("Maria Lindqvist", "the finance minister"), ("Daniel Osei", "a spokesman for the port authority"),
           ("Priya Raman", "chief economist at Harbour Bank"), ("Tomas Vidal", "the city's mayor"),
           ("Aiko Mori", "a senior analyst at Delta Research"), ("Samuel Okafor", "head of the transport union")]
_SUBJECTS = ["The government", "The central bank", "The regional council", "Port officials", "The ministry",
             "Union leaders", "The statistics office", "Investors", "The state utility", "Local residents"]
_VERBS = ["said on Tuesday that", "announced on Monday that", "warned on Thursday that", "confirmed that",
          "reported on Wednesday that", "told reporters that"]
_CLAUSES = ["fuel prices would rise by 4 percent next month", "the new rail line would open in March",
            "exports fell 2.3 percent in the third quarter", "the budget deficit narrowed to 1.8 percent of GDP",
            "talks with the contractors would resume next week", "the harbour would close for two days of repairs",
            "wages had grown faster than inflation for the first time since 2021",
            "a review of the tender process was under way", "the storm had damaged 120 homes on the coast",
            "the plan still needed approval from parliament"]
_QUOTES = ["We expect the situation to improve before the end of the year",
           "Nobody should be surprised by these numbers",
           "The decision was taken after months of consultation",
           "We will publish the full report in the coming weeks",
           "It is too early to say what the long-term effect will be"]


def make_article(rng: random.Random, size: int = 5000) -> str:
    """A synthetic news-like article of about ``size`` bytes (dateline, reporting, quotes)."""
    paragraphs = [f"{rng.choice(_PLACES)} (Wire) - {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} "
                  f"{rng.choice(_CLAUSES)}."]
    while sum(len(p) + 2 for p in paragraphs) < size:
        if rng.random() < 0.35:
            name, role = rng.choice(_PEOPLE)
            paragraphs.append(f"\u201c{rng.choice(_QUOTES)},\u201d said {name}, {role}.")
        else:
            paragraphs.append(" ".join(f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}."
                                       for _ in range(rng.randint(2, 3))))
    return "\n\n".join(paragraphs)[:size]
