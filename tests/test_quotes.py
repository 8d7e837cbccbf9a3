"""Tests for the quote-attribution signal family (articles written for these tests)."""
import math

import pytest

from service.signals import Article, Signals
from service.signals.quotes import FEATURES, Quote, anonymous_sourcing, extract, find_quotes

WIRE = (
    "GENEVA (Wire) - The two delegations met on Monday.\n\n"
    "\u201cWe will not accept these terms under any circumstances,\u201d Foreign Ministry spokesperson "
    "Wang Wenbin said at a briefing. \u201cThe door remains open.\u201d\n\n"
    "\u201cIt is a serious matter,\u201d he said, \u201cand we expect answers soon.\u201d\n\n"
    "According to Sen. Mary Jones, \"the bill has no chance in the chamber this year.\"\n\n"
    "Jones told reporters: \"We have the votes to block it entirely.\"\n\n"
    "Critics say the so-called \"reset\" is a sham. Officials said the talks would go on.\n\n"
    "\u201cThe first thing we did was call the families. We told them everything.\n\n"
    "\u201cThen we waited for the rescue team to arrive,\u201d said Tom Reyes, a local firefighter.\n\n"
    "He wrote a book called \"The Long Night\" last year."
)


def _texts(text):
    return [text[q.content[0]:q.content[1]] for q in find_quotes(text)]


def test_wire_story_quotes_and_speakers():
    qs = find_quotes(WIRE)
    speakers = [q.speaker for q in qs]
    assert speakers == ["Wang Wenbin", "Wang Wenbin", "Mary Jones", "Jones", "Tom Reyes"]
    assert all(isinstance(q, Quote) for q in qs)


def test_titled_speaker():
    q = find_quotes(WIRE)[0]
    assert q.speaker == "Wang Wenbin" and q.titled and q.cue == "said"
    assert WIRE[q.speaker_span[0]:q.speaker_span[1]] == "Wang Wenbin"
    t = "\"The economy is slowing faster than expected,\" said Ana Ruiz, a senior fellow at the Lowy Institute."
    (q,) = find_quotes(t)
    assert q.speaker == "Ana Ruiz" and q.titled
    t = "\"I have nothing more to add on this,\" Smith said."
    (q,) = find_quotes(t)
    assert q.speaker == "Smith" and not q.titled


@pytest.mark.parametrize("text, speaker, titled", [
    ("\u2018We will not back down,\u2019 said Cllr Ann Bell.", "Ann Bell", True),
    ("\u2018It is over,\u2019 said Prof Jane Doe.", "Jane Doe", True),
    ("\u2018We found the car,\u2019 Det Insp Raj Patel said.", "Raj Patel", True),
    ("\u2018Stay indoors,\u2019 said Supt Mark Hill of Avon Police.", "Mark Hill", True),
    ("\u2018No comment,\u2019 said councillor Ann Bell.", "Ann Bell", True),
    ("\u2018We will not back down,\u2019 said Ms Smith.", "Smith", False),  # an honorific, not a role
])
def test_british_copy_titles_without_a_period(text, speaker, titled):
    (q,) = find_quotes(text)
    assert (q.speaker, q.titled) == (speaker, titled)


def _titles(t):
    return [(q.speaker, q.titled, t[q.title_span[0]:q.title_span[1]] if q.title_span else None)
            for q in find_quotes(t)]


def test_title_given_where_the_person_is_introduced_carries_to_later_quotes():
    t = ("Harbor City coach Maria Lindqvist switched to a zone defence at half time.\n\n"
         "\u201cWe had to slow them down,\u201d Lindqvist said.")
    assert _titles(t) == [("Lindqvist", True, "coach Maria Lindqvist")]
    t = ("Councilman Dale Fischer voted against the measure.\n\n\"It is unfair,\" Fischer said.")
    assert _titles(t) == [("Fischer", True, "Councilman Dale Fischer")]
    t = ("Kirsten Traynor, a bee researcher at the institute, was not involved.\n\n"
         "\"It is close to a worst case,\" Traynor said.")
    assert _titles(t)[0][:2] == ("Traynor", True)
    t = "The team of coach Ana Holm’s rivals won.\n\n\"We lost,\" Holm said."  # a possessive mention
    assert _titles(t) == [("Holm", True, "coach Ana Holm")]
    # 'said NAME, Chief Executive Officer': a role in capitals at the attribution itself
    t = "\"This was an exceptional quarter,\" said Priya Natarajan, Chief Executive Officer."
    assert _titles(t) == [("Priya Natarajan", True, None)]


def test_many_speakers_are_titled_through_one_index_as_through_one_scan_each():
    from service.signals._quote_titles import mention_index, title_at_mention
    names = ["Holm", "Berg", "Lund", "Dahl", "Moen", "Vik", "Aas", "Ness", "Roe", "Hauge"]
    t = "".join(f"Coach Ana {n}\u2019s side won.\n\n\"We won,\" {n} said.\n\n" for n in names)
    t += "Smith-Berg spoke too.\n\n"
    assert [q.title_span is not None for q in find_quotes(t)] == [True] * len(names)  # (> 8: the index)
    index = mention_index(t)
    for n in names + ["Smith-Berg", "Nobody"]:
        assert title_at_mention(t, n, lambda p: False, index) == title_at_mention(t, n, lambda p: False)


def test_no_title_is_carried_from_a_description_a_verb_a_headline_or_another_person():
    quote = "\n\n\"We were not told,\" Jennings said."
    # a description without a role
    assert _titles("Martha Jennings, a grandmother of four, lives on the street." + quote)[0][1] is False
    # "host" as a verb
    assert _titles("The station will host Jennings next week." + quote)[0][1] is False
    # a title-case headline
    assert _titles("Coach Jennings Leads Harbor City To Its First Title" + quote)[0][1] is False
    # the role word ends the sentence before the name
    assert _titles("He thanked the President. Jennings left early." + quote)[0][1] is False
    # a possessive role noun names someone else
    assert _titles("They met the senator's Ruth Jennings at noon." + quote)[0][1] is False
    # another person with the surname
    t = "Mayor Tom Jennings spoke first.\n\n\"We were not told,\" said Martha Jennings."
    assert _titles(t) == [("Martha Jennings", False, None)]


def test_split_quote_is_one_quotation():
    t = "\u201cIt is a serious matter,\u201d he said, \u201cand we expect answers soon.\u201d"
    (q,) = find_quotes("Ana Ruiz spoke first.\n\n" + t)
    assert q.content[1] - q.content[0] == len(t)


def test_pronoun_resolved_to_last_named_speaker():
    qs = find_quotes(WIRE)
    assert qs[1].speaker == "Wang Wenbin" and qs[1].speaker_kind == "pronoun"
    assert WIRE[qs[1].speaker_span[0]:qs[1].speaker_span[1]] == "he"


def test_according_to_and_colon_intro():
    qs = find_quotes(WIRE)
    acc = [q for q in qs if q.cue and q.cue.lower() == "according to"]
    assert len(acc) == 1 and acc[0].speaker == "Mary Jones" and acc[0].titled
    colon = [q for q in qs if q.cue == "told reporters"]
    assert len(colon) == 1 and colon[0].speaker == "Jones"
    assert WIRE[colon[0].content[0]] == '"'


def test_scare_quotes_and_titles_not_counted():
    texts = _texts(WIRE)
    assert not any("reset" in s for s in texts)
    assert not any("Long Night" in s for s in texts)
    assert find_quotes("The so-called \"reset\" failed, and the \"experts\" shrugged.") == []


def test_multi_paragraph_quote_is_one_quotation():
    qs = find_quotes(WIRE)
    last = qs[-1]
    body = WIRE[last.content[0]:last.content[1]]
    assert body.startswith("\u201cThe first thing") and body.endswith("arrive,\u201d")
    assert last.speaker == "Tom Reyes" and last.titled


def test_curly_and_straight_quotes():
    curly = "\u201cWe are ready for the vote tomorrow,\u201d Lee said."
    straight = '"We are ready for the vote tomorrow," Lee said.'
    for t in (curly, straight):
        (q,) = find_quotes(t)
        assert q.content == (0, 37) and q.speaker == "Lee"


@pytest.mark.parametrize("text", [
    '"', '\u201d\u201c', 'He said "this never ends', '"""', 'a " b \u201c c \u201d " d " "',
    '\u201cOpen one.\n\nNo close here "either', "", "no quotes at all",
])
def test_unbalanced_marks_never_crash(text):
    qs = find_quotes(text)
    for q in qs:
        assert 0 <= q.content[0] < q.content[1] <= len(text)
    sig = extract(Article(text))
    assert list(sig.values) == list(FEATURES)


def test_unclosed_quote_ends_at_paragraph():
    t = 'Mayor Kim said: "We will rebuild every house on this street\n\nThe storm left on Friday.'
    (q,) = find_quotes(t)
    assert t[q.content[0]:q.content[1]] == '"We will rebuild every house on this street'
    assert q.speaker == "Kim"


def test_anonymous_sourcing():
    t = ("Analysts said the plan would fail. According to sources close to the talks, it is done. "
         "A source familiar with the matter declined to comment. Some people say it is fine.")
    assert len(anonymous_sourcing(t)) == 4
    v = extract(Article(t)).values
    words = len(t.split())
    assert v["anonymous_sourcing_per_1k_words"] == pytest.approx(4 * 1000 / words, rel=0.05)
    assert anonymous_sourcing("Smith said the plan would fail.") == []


def test_vague_sourcing_in_the_progressive():
    t = "A growing number of medical experts are now saying it works. Analysts have been warning for months."
    assert [t[a:b] for a, b in anonymous_sourcing(t)] == ["experts are now saying", "Analysts have been warning"]
    assert anonymous_sourcing("The analysts are meeting today. People are saying hello.") == []


def test_a_source_who_asked_not_to_be_named_is_anonymous_sourcing_once():
    t = "A doctor, who asked not to be named, said the clinic had closed."
    assert [t[a:b] for a, b in anonymous_sourcing(t)] == ["asked not to be named"]
    t = "An official who asked not to be identified said talks had stalled. A diplomat requested anonymity."
    assert [t[a:b] for a, b in anonymous_sourcing(t)] == [
        "official who asked not to be identified", "requested anonymity"]
    assert anonymous_sourcing("She asked not to be late for the vote.") == []


def test_he_or_she_with_no_person_in_the_text_is_not_given_the_headline():
    t = ("Why the Harbor Street Plan Will Cost You More\n\n"
         "For years the pipes have leaked. A resident, who asked not to be named, spoke to us.\n\n"
         "\u201cI see it every single day,\u201d she said.")
    [quote] = find_quotes(t)
    # the unnamed resident the sentence before speaks of: still nobody named
    assert quote.cue == "said" and quote.speaker == "A resident" and not quote.named
    unnamed = t.replace("A resident, who asked not to be named, spoke to us.", "The flooding has worsened.")
    assert find_quotes(unnamed)[0].speaker is None
    named = t.replace("A resident", "Martha Jennings, a resident")
    assert find_quotes(named)[0].speaker == "Martha Jennings"


def test_feature_vector_contract_and_values():
    sig = extract(Article(WIRE))
    assert isinstance(sig, Signals)
    assert tuple(sig.values) == FEATURES
    assert all(isinstance(v, float) and math.isfinite(v) for v in sig.values.values())
    v = sig.values
    assert v["quote_count"] == 5.0
    assert v["quote_attributed_share"] == 1.0
    # all five: "he" is the spokesperson, "Jones told" the senator named before
    assert v["quote_titled_share"] == pytest.approx(5 / 5)
    assert v["quote_distinct_speakers"] == 3.0  # Wang Wenbin, Jones, Reyes
    assert v["quote_top_speaker_share"] == pytest.approx(2 / 5)
    assert v["anonymous_sourcing_per_1k_words"] > 0
    assert 0 < v["quoted_char_share"] < 1
    assert len(sig.extra["quotes"]) == 5 and sig.extra["quotes"][0]["speaker"] == "Wang Wenbin"
    assert "Wang Wenbin" in sig.evidence["quote_attributed_share"]


def test_no_quotes_gives_zeros():
    sig = extract(Article("The council met on Tuesday and approved the budget."))
    assert tuple(sig.values) == FEATURES
    assert all(v == 0.0 for v in sig.values.values())
    assert sig.extra["quotes"] == []


def test_unattributed_quote_lowers_attributed_share():
    t = ("The council met on Tuesday.\n\n\"Nobody here knows what will happen to the budget next year.\"\n\n"
         "\"We are ready for the vote tomorrow,\" Lee said.")
    v = extract(Article(t)).values
    assert v["quote_count"] == 2.0
    assert v["quote_attributed_share"] == 0.5


# --- speaker resolution, new cues, inferred speakers (articles written for these tests) ---

def test_pronoun_resolved_by_gender_not_last_name():
    t = ("Mayor Linda Park met Gov. Tom Alvarez on Tuesday to discuss the flood plan.\n\n"
         "\"We need the money before the rains come back,\" she said.")
    (q,) = find_quotes(t)
    assert q.speaker_kind == "pronoun" and q.speaker == "Linda Park"


def test_description_resolved_to_named_person():
    t = ("Sen. Bernard Holt of Vermont spoke to voters in Concord on Friday.\n\n"
         "\"We are going to win this state by a wide margin,\" the Vermont senator said.")
    (q,) = find_quotes(t)
    assert q.speaker == "Bernard Holt" and q.speaker_kind == "description" and q.named


def test_widened_cues():
    for cue in ("quipped", "tweeted", "conceded", "acknowledged", "retorted", "opined"):
        t = f"\"Nobody in this town has ever seen a budget like this one,\" Dana Cole {cue}."
        (q,) = find_quotes(t)
        assert q.speaker == "Dana Cole" and q.cue == cue


def test_trailing_speaker_with_lowercase_modifier():
    t = "\"The harm caused by the scheme is beyond measure,\" federal prosecutors wrote in a filing."
    (q,) = find_quotes(t)
    assert q.speaker.endswith("prosecutors") and q.cue.startswith("wrote") and q.speaker_kind == "nominal"


def test_appositive_layouts():
    t = "\"We will hold the line on taxes,\" Smith, a Republican from Ohio, said."
    (q,) = find_quotes(t)
    assert q.speaker == "Smith" and q.titled
    t = "Smith said: \"We will hold the line on taxes this year.\""
    (q,) = find_quotes(t)
    assert q.speaker == "Smith"


def test_inferred_speakers_never_count_as_attributed():
    t = ("Former governor Nina Walsh:\"We did what the law required of us and nothing more.\"\n\n"
         "Rob Diaz thinks the council will \"pay dearly for this decision at the ballot box next year.\"")
    qs = find_quotes(t)
    assert [q.speaker for q in qs] == ["Nina Walsh", "Rob Diaz"]
    assert all(q.speaker_kind == "inferred" and q.cue is None and not q.named for q in qs)
    v = extract(Article(t)).values
    assert v["quote_count"] == 2.0 and v["quote_attributed_share"] == 0.0


def test_sign_off_line_gives_speaker():
    t = ("\"We built more roads in four years than the last three governors combined.\"\n"
         "- Jim Foley.\n\nThe claim does not hold up.")
    (q,) = find_quotes(t)
    assert q.speaker == "Jim Foley" and q.speaker_kind == "inferred"


def test_anchor_scan_matches_word_loop():
    # the one regex scan must give exactly the whole words of the anchor vocabulary, any case
    import re as _re
    from service.signals import quotes as Q
    t = ("He Said so; SAYS who? unsaid, said2 said_ x-said according  to\nthem, according to. "
         "Pointed out, told reporters: sources said, officials’ say; some say, many believe.")
    vocab = Q._CUE_SET | set(Q._PHRASE_NEXT) | Q._ANON_PLURALS | set(Q._ANON_ANCHOR)
    loop = [(m.start(), m.group().lower()) for m in _re.finditer(r"\b\w+\b", t, _re.ASCII)
            if m.group().lower() in vocab]
    assert [(a, w) for a, _b, w in Q._scan_words(t)] == loop


def test_cue_words_that_are_names_or_nouns_are_not_cues():
    from service.signals.quotes import _find_cues
    t = ("She moved to the United States in 1990. His comments were mild. OFFICIALS STATES RULE. "
         "The primary states vote in March. Kerr said the report was late.")
    words = [w for _a, _b, w in _find_cues(t)]
    assert words == ["said"]


def test_continuation_after_attribution_sentence_is_one_quotation():
    t = ("\"We opened the bridge two weeks early,\" said Lena Ortiz, the city engineer. "
         "\"Nobody believed we could do it.\"\n\nThe council will vote on Friday.")
    (q,) = find_quotes(t)
    assert t[q.content[0]:q.content[1]].endswith("do it.\"") and q.speaker == "Lena Ortiz"
    t = ("\"We opened the bridge two weeks early,\" Lena Ortiz said on Tuesday.\n\n"
         "\"Nobody believed we could do it, and now the whole town uses it.\"")
    (q,) = find_quotes(t)
    assert q.content == (0, len(t)) and q.speaker == "Lena Ortiz"


def test_quote_split_by_cue_with_and_is_one_quotation():
    t = "\"The budget must pass this week,\" she said, and \"nobody will be sent home until it does.\""
    (q,) = find_quotes("Mayor Ruth Alder spoke to reporters.\n\n" + t)
    assert q.content[1] - q.content[0] == len(t) and q.speaker == "Ruth Alder"


def test_new_sentence_after_full_quote_is_not_its_attribution():
    t = ("Gov. Paula Grant defended the plan.\n\n"
         "\"We feel good about the areas we cover and the time we spend there.\" "
         "She noted a planned visit to the coast on Saturday.")
    (q,) = find_quotes(t)
    assert q.cue != "noted"


def test_fragment_in_paraphrase_is_not_a_direct_quotation():
    t = ("The mayor said the new bridge plan was \"a costly mistake\" and would be dropped before the "
         "spring elections because the state had refused to pay its share.")
    assert find_quotes(t) == []
    t = "Tom Akers called the treaty \"the worst agreement this country has ever signed.\""
    (q,) = find_quotes(t)
    assert t[q.content[0]:q.content[1]] == "the treaty \"the worst agreement this country has ever signed.\""
    assert q.speaker == "Tom Akers" and q.cue == "called"


def test_participle_and_coordinated_verbs_take_the_main_subject():
    t = ("\"We will not sign this,\" said Ana Ruiz, adding that the unions \"will strike on Monday "
         "if the offer stays on the table.\"")
    qs = find_quotes(t)
    assert [q.speaker for q in qs] == ["Ana Ruiz", "Ana Ruiz"]
    t = ("Ana Ruiz said the unions were ready and warned that \"every port in the region will close "
         "on Monday morning.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "Ana Ruiz" and q.cue == "warned"


def test_nominal_and_description_speakers():
    t = "\"There will be no deal this year,\" a senior European diplomat said."
    (q,) = find_quotes(t)
    assert q.speaker_kind == "nominal" and q.speaker.endswith("diplomat") and not q.named
    t = "\"The port will reopen in a week,\" said the Harbor Workers Council."
    (q,) = find_quotes(t)
    assert q.speaker == "Harbor Workers Council" and q.named
    t = ("Former governor Dale Hooper campaigned in Ohio on Friday.\n\n"
         "\"We are going to take this state back,\" the former Ohio governor said.")
    (q,) = find_quotes(t)
    assert q.speaker == "Dale Hooper" and q.speaker_kind == "description"


def test_speaker_phrase_layouts():
    cases = [
        ("\"We expect a long night,\" said Democratic strategist Paul Verner.", "Paul Verner"),
        ("\"We expect a long night,\" Senate leader Tom Akers, R-Ky., said.", "Tom Akers"),
        ("\"We expect a long night,\" said Joel Marsh of the Harbor Institute.", "Joel Marsh"),
        ("\"We expect a long night,\" Lars Berg, the analyst who founded the site tweeted on Monday.",
         "Lars Berg"),
        ("\"We expect a long night,\" said former tech executive Carla Fenn.", "Carla Fenn"),
        ("The senator was asked by host Dana Cole, \"Will you run again next year?\"", "Dana Cole"),
        ("Her campaign manager, Robby Klein, said: \"We expect a long night at the count.\"", "Robby Klein"),
    ]
    for t, who in cases:
        (q,) = find_quotes(t)
        assert q.speaker == who, (t, q)


def test_pronoun_skips_prepositional_objects_and_same_pronoun_sentences():
    t = ("The rise of Ben Ortiz gave Mark Quinn a new cause.\n\n"
         "\"We will fight this plan in every court,\" he said.")
    (q,) = find_quotes(t)
    assert q.speaker == "Mark Quinn"
    t = ("Governor Ana Ruiz spoke first.\n\nShe attacked the plan drafted by Senator Maria Lopez. "
         "\"It is a mess from start to finish,\" she said.")
    (q,) = find_quotes(t)
    assert q.speaker == "Ana Ruiz"


def test_pronoun_chain_follows_resolved_speakers():
    t = ("Maria Lopez, a nurse from Ohio, joined the rally with her husband, Tom.\n\n"
         "\"We came because nobody else would,\" she said.\n\n"
         "Asked about the governor, Dale Hooper, she replied: \"He has not listened to us once.\"\n\n"
         "\"Really,\" she added, \"we just want to be heard.\"")
    qs = find_quotes(t)
    assert [q.speaker for q in qs] == ["Maria Lopez"] * 3


def test_headline_sign_off_and_statement_paragraph_speakers():
    t = "HOW VOTERS DECIDE IN THE FALL - Ruth Alder: \u201cMost voters make up their minds in the last week.\u201d"
    (q,) = find_quotes(t)
    assert q.speaker == "Ruth Alder" and q.speaker_kind == "inferred"
    t = ("When the vote failed, Mayor Lena Ortiz released the following statement:\n\n"
         "\u201cWe will keep working for every family in this city until the job is done.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Lena Ortiz" and q.speaker_kind == "inferred"


def test_long_pathological_input_is_fast():
    import time
    # each of these took minutes at 1 MB while some step was quadratic (a scan per cue to the end of
    # the paragraph, a walk over every earlier cue per quotation)
    for t in ('"a" ' * 50000, '"' * 200000, "\u201c" * 60000, ('He said "x said y, " said z. ' * 6000),
              '"a b c d e f," ' + "x said, " * 25000, '"We will win, he said today," ' * 7000):
        t0 = time.perf_counter()
        find_quotes(t)
        extract(Article(t))
        assert time.perf_counter() - t0 < 5.0


def test_word_count_is_whitespace_tokens():
    t = "\"We are ready for the vote tomorrow,\" Lee said — and left."
    v = extract(Article(t)).values
    assert v["quotes_per_1k_words"] == pytest.approx(1000 / len(t.split()))


def test_nominal_speaker_outside_lexicons():
    # a determiner + common noun not in any speaker lexicon is still the speaker phrase
    t = "Gardeners packed the hall on Friday. Another commenter said, \"The roses here are a disgrace to the county.\""
    (q,) = find_quotes(t)
    assert q.speaker == "Another commenter" and q.speaker_kind == "nominal"
    t = "Mary Lane has a new book out. In the excerpt, the author wrote, \"The summer of my youth was long.\""
    (q,) = find_quotes(t)
    assert q.speaker == "the author"


def test_speaker_before_a_relative_clause():
    t = ("The club met. A city official who spoke anonymously to discuss the plan said Wednesday, "
         "\"Certainly there are talks between the council and the club about it.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "A city official" and q.speaker_kind == "nominal"
    t = ("A city official who spoke anonymously said Wednesday, "
         "\"Certainly there are talks between the council and the club about it.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "A city official"
    # the object of a verb with a relative clause is not the speaker
    t = ("The plan helped convince some local farmers who thought the rules went too far. "
         "The mayor thought \"the rules were a burden on every farm in the county and must go.\"")
    assert [q.speaker for q in find_quotes(t)] != ["some local farmers"]


def test_participle_subject_after_fronted_phrase_or_description():
    t = ("Voters waited in line. Here in Dayton, Tom Baker stepped up his focus on farm prices, saying, "
         "\"We have got to make the markets fair for every grower in the state.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Baker"
    t = ("The council voted 6-1 for the plan, saying it \"condemns any and all delay in fixing the roads "
         "before the winter comes.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "The council" and q.speaker_kind == "nominal"


def test_dash_signed_quotations():
    # a quote collection: each quotation signed after a dash on its own line or the same line
    t = ("Ten things people said this year.\n\n"
         "\u201cThe best way to predict the future is to build it in your own garden.\u201d \u2015 Mary Lane\n\n"
         "\u201cEvery city deserves a library that stays open at night.\u201d \u2015 Tom Baker, mayor of Dayton\n\n"
         "\u201cWe never stop learning from the people we serve.\u201d \u2014 Ella Stone")
    qs = find_quotes(t)
    assert [q.speaker for q in qs] == ["Mary Lane", "Tom Baker", "Ella Stone"]
    assert all(q.speaker_kind == "inferred" and q.cue is None for q in qs)
    # the content ends at the closing mark, not at the signature
    assert all(t[q.content[1] - 1] == "\u201d" for q in qs)
    t = ("Quotes of the week:\n\n"
         "\u201cThe best way to predict the future is to build it in your own garden.\u201d\n\u2015 Mary Lane\n\n"
         "\u201cEvery city deserves a library that stays open at night.\u201d\n\u2014 Tom Baker, mayor of Dayton")
    assert [q.speaker for q in find_quotes(t)] == ["Mary Lane", "Tom Baker"]


def test_quote_after_named_subject_sentence_in_same_paragraph():
    t = ("Tom Baker touted his record as the author of the bill. \"We need to find ways to support farmers "
         "that want to sell to the city without fear of being shut out.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Baker" and q.speaker_kind == "inferred" and q.cue is None
    # the previous sentence's subject must be followed by its verb (not 'Baker's plan ...')
    t = ("The mayor of Dayton's plan, critics argue, came too late. \"We need to find ways to support farmers "
         "that want to sell to the city without fear of being shut out.\"")
    (q,) = find_quotes(t)
    assert q.speaker != "Dayton"


def test_pronoun_skips_relative_clause_speaker_and_plural_title_abbreviation():
    t = ("Marco Bell spoke to reporters Monday. Bell refrained from attacking his rivals, particularly Govs. "
         "Jim Bush and Chris Kent, who say the young senator lacks experience.\n\n"
         "He dismissed critique of his debate, saying Monday that it was \u201ca great night for all of us in "
         "the campaign.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Marco Bell" and q.speaker_kind == "pronoun"


def test_participle_subject_is_the_phrase_followed_by_a_verb():
    t = ("Hours later, Tom Gray returned the compliment to Adelson, telling reporters, \u201cSheldon and I have "
         "been friends for a long time and he is a fine man.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Gray"
    t = ("Speaking at a town hall event in Salem, New Hampshire, Tom Gray went after Bush, calling him "
         "\u201ca total stiff who cannot win anything.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Gray"
    t = ("Tom Gray, New Jersey\u2019s sitting governor, repeated the charge, calling him a \u201ctalented guy "
         "who reads the same speech every night.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Gray"


def test_role_noun_for_an_organisation_is_the_speaker():
    t = ("The vote was close. A spokesman for Platte River declined to comment but said in a statement that "
         "\"the firm did not, at any time, treat the data badly or in bad faith.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "A spokesman" and q.speaker_kind == "nominal"
    t = "The crowd ran. A reporter at Reuters called it \"absolute chaos in every street of the old town.\""
    (q,) = find_quotes(t)
    assert q.speaker == "A reporter"
    # a name after the role stays the speaker
    t = "\"We are done here,\" said Ana Ruiz of the Lowy Institute."
    (q,) = find_quotes(t)
    assert q.speaker == "Ana Ruiz"


def test_new_subject_after_and_is_not_a_coordinated_verb():
    t = ("Bill Gray spoke with voters outside. At one point, a woman asked for a photo and Gray said, "
         "\u201cas long as we are not breaking any election laws, sure.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Gray"
    t = "Tom Gray went to the fair and then said, \u201cWe love this county and we will be back next year.\u201d"
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Gray"


def test_with_absolute_participle_subject():
    t = ("Farmers were irritated by the lack of detail, with Sen. John Gray calling it a \u201cChinese menu with "
         "no prices on it at all.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "John Gray"
    t = ("Some of his fans shoved a protester, with Tom Gray reportedly yelling: \u201cGet him the hell out of "
         "here right now!\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Gray"


def test_fronted_number_phrase_is_not_the_subject():
    t = ("Tom Gray left no doubt that he would endorse this year. Eight years ago, he supported Bill Crane over "
         "Smith and said, \u201cSmith has never done anything for us.\u201d")
    (q,) = find_quotes(t)
    assert q.speaker == "Tom Gray" and q.speaker_kind == "pronoun"


def test_description_with_place_tail_is_resolved():
    t = ("Tom Gray spoke in Ohio. \"It is easy to say,\" Gray said. The senator from Vermont said the system was "
         "\"corrupt,\" noting that it is \"very strange that a major bank that pays a fine would then get a new "
         "deal.\"")
    qs = find_quotes(t)
    assert qs[-1].speaker == "Tom Gray" and qs[-1].speaker_kind == "description"


def test_signature_line_without_dash():
    t = ("Economists disagree.\n"
         "\"We are going to enter the next slump without the tools we need to fight it.\"\n"
         "Josh Bivens, Economic Policy Institute.\n"
         "\"I worry that we may see a return of the old line on tax cuts.\"\n"
         "Ruth Alder, Center for Economic and Policy Research")
    qs = find_quotes(t)
    assert [q.speaker for q in qs] == ["Josh Bivens", "Ruth Alder"]
    # an ordinary next paragraph opening with a name is not a signature
    t = ("The debate went on.\n\"If you noticed, he did not answer your question at all today.\"\n"
         "Trump, however, wasted no time responding.")
    (q,) = find_quotes(t)
    assert q.speaker != "Trump"


def test_possessive_description_subject_of_participle():
    t = ("Before Tom Gray took the stage, his campaign sent out a text message to supporters saying: \"With your "
         "help, we won tonight! Reply GIVE to keep going.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "his campaign" and q.speaker_kind == "nominal"


def test_description_subject_of_quoted_paraphrase_is_inferred():
    t = ("The mayor filed suit on Monday. The wide new petition accuses the county of \"attempting to bully the "
         "mayor into silence over the new roads.\"")
    (q,) = find_quotes(t)
    assert q.speaker == "The wide new petition" and q.speaker_kind == "inferred" and q.cue is None


def test_person_noun_between_name_and_person_after_cue():
    t = ("\u201cAnyone who ignores the rules puts the rest of us at risk,\u201d said Baker constituent Lena "
         "Holt when asked.")
    (q,) = find_quotes(t)
    assert q.speaker == "Lena Holt"
    t = "\u201cI hoped for a better field than this one,\u201d said Navy 2nd Lt. Omar Field."
    (q,) = find_quotes(t)
    assert q.speaker == "Omar Field"


def test_initials_are_a_modifier_in_a_nominal_speaker():
    t = ("\"He got off so lightly that there is little anyone can do now,\" said a former U.S. customs official "
         "who handled the file.")
    (q,) = find_quotes(t)
    assert q.speaker == "a former U.S. customs official"
    assert q.speaker_kind == "nominal"


def test_campaign_role_nouns_head_a_description():
    t = ("Dana Whitfield wants the port expanded.\n\nThe Republican frontrunner wrote for the Harbor Gazette that "
         "\"the port is too often forgotten when money is handed out\" because it has no lobby.")
    (q,) = find_quotes(t)
    assert q.speaker == "Dana Whitfield"
    assert q.speaker_kind == "description"


def test_name_particle_el_inside_a_name_before_cue():
    t = ("The shop closed early. \u201cWe spoke to him just before the flight and he sounded happy,\u201d his "
         "cousin Karim el Masri added.")
    (q,) = find_quotes(t)
    assert q.speaker is not None and q.speaker.split()[-1] == "Masri"


# Speaker layouts added in the fifth round (texts written for these tests): each text, the
# speaker of its LAST quotation.
@pytest.mark.parametrize("text, speaker", [
    # a post-modifier ends the phrase after the cue
    ("\"The talks stalled twice this week,\" said one well-connected Democrat familiar with the plans.",
     "one well-connected Democrat"),
    ("\"The plan was drafted in a hurry last spring,\" said a close friend of the family.", "a close friend"),
    ("\"I think it is coming soon,\" said a strategist for one of these campaigns, asking not to be named.",
     "a strategist"),
    # "Name of Place, ST.," before the cue: the state is not an appositive name
    ("Another delegate, Omar Bright of Washington, D.C., explained his vote.\n\n"
     "\u201cIt is time to stand behind our candidate,\u201d he declared.", "Omar Bright"),
    ("\"The county will not be paying for the wall,\" Sheriff Dale Prewitt of Coconino County, Ariz., said.",
     "Dale Prewitt"),
    # a name inside the quotation is never the speaker the pronoun refers back to
    ("\"Thanks, Riverton, for welcoming these families,\" said master of ceremonies Tarek Haddad, a local "
     "engineer who moved to Riverton decades ago. \"No thanks to the state senate,\" he added.", "Tarek Haddad"),
    # a bare surname stays with the person the story has named all along
    ("Carla Vennet ran the company for six years. Vennet said she never doubted the merger.\n\n"
     "She met her husband, Frank Vennet, at a trade fair. Vennet said she would fight. Vennet said she was "
     "sure the board would back her.\n\n\"This is a choice between taking the hill and retreating,\" she "
     "said at a conference.", "Carla Vennet"),
    # census first names give a gender ("Dexter" a man, "Monique" a woman)
    ("Monique Dalvy, a member of the congregation, was travelling to Cairo. Dexter Rowell, a minister with "
     "the church, told reporters that she was a regular. He said her family asked for privacy.\n\n"
     "\u201cShe is a very pleasant and outgoing woman,\u201d he added.", "Dexter Rowell"),
    # "Like X, the role, Y ...": the main clause's subject
    ("Pelkey, a former customer, sued the school in 2010, he said.\n\nLike Pelkey, the former customer, "
     "Arnold Ruffin doesn't want to fight the school anymore.\n\n\"I'm 76, and I don't feel like going "
     "through that again,\" he said.", "Arnold Ruffin"),
    # a description subject with a parenthetical before a colon-introduced quotation
    ("The Harmon campaign, in a Q&A on the email dispute, worded it even more carefully: \"Harmon's "
     "practice was to write to officials on their government accounts.\"", "The Harmon campaign"),
    # the same "she" earlier in a sentence refers further back: a name after it is not the antecedent
    ("Nadia Farooq, a volunteer from Hemet, is among those who will not back Sen. Carla Vance. The primary was "
     "the first time she had been involved, and she doesn't think Vance can fix what went wrong.\n\n"
     "Choosing between the two is a \u201cfalse choice for anyone who cares about the state,\u201d she said.",
     "Nadia Farooq"),
    # a second name joined by "and" to a preposition's object is an object too
    ("There, county chairman Omar Reddick declined to name the delegates. The county saw 30 applicants, which "
     "he said were evenly split between Sen. Pete Vance and Sen. Ted Carver.\n\n\"Vance has his share of "
     "support here,\" he said.", "Omar Reddick"),
    # "More from X:" / "More from X and Y:" names the source of a digest quotation (the second case
    # passed before this round; it guards the coordinated-object rule above, which first broke it)
    ("What that means for this year's election - More from Kell: \u201cThe partisanship of the state "
     "population is a starting point for any forecast.\u201d", "Kell"),
    ("POLLS NOT WRONG, JUST EARLY. Signs of a shift were there all along - More from Ann Bryce and Tom Kell: "
     "\u201cData collected by our firm helps confirm that both issues were in play this year.\u201d", "Tom Kell"),
    # a pronoun after a sentence whose subject is a person description: the described person
    ("Sen. Dale Harmon said the party must unite. \"I think the bulk of the burden falls on our nominee,\" he "
     "said.\n\nThe Ohio Republican did give Pete Vance some credit during the interview, but he suggested the "
     "businessman is no Abraham Lincoln.\n\n\"We don't always nominate a Lincoln every four years,\" he said.",
     "Dale Harmon"),
    # "Bill" before a surname is a first name, not an organisation word (a bill in Congress)
    ("Hillary Dorn spoke first in Concord. Dorn said she would win the state.\n\n"
     "Bill Dorn got in on the game, bashing Pete Vance during a rally on Monday. \"After he's been a "
     "Democrat a while longer, he'll get used to it,\" the former president said.\n\n"
     "\"He is running harder against me than against anyone,\" he said.", "Bill Dorn"),
])
def test_fifth_round_speaker_layouts(text, speaker):
    assert find_quotes(text)[-1].speaker == speaker


# One quotation each, written for these tests: its speaker.
SPEAKER_CASES = [
    pytest.param(
        "Senator Paul Grant criticised the plan in a letter to Mark Ellis on Monday.\n\n"
        "\"This plan will not survive the winter,\" he said.",
        "Paul Grant", id="pronoun_prefers_sentence_subject_over_later_object"),
    pytest.param(
        "Ella Stone took to Twitter to say thanks.\n\n"
        "\u201cTo everyone who turned out in every corner of the state, thank you,\u201d she wrote.",
        "Ella Stone", id="prepositional_object_is_not_the_speaker"),
    pytest.param(
        "Marcel Laz\u0103r Lehel, the hacker, said the server was open. \u201cIt was like an open door,\u201d he said.",
        "Marcel Laz\u0103r Lehel", id="non_ascii_names_are_kept_whole"),
    pytest.param(
        "Tom Gray won the state in 2008.\n\nGray consultant Cornell Belcher, the top pollster, picked up a "
        "similar thread at the time. \u201cFarmers are beginning to see and sense that, quite frankly, he can "
        "win,\u201d he said.",
        "Cornell Belcher", id="name_modifying_a_role_noun_is_not_the_person"),
    pytest.param(
        "Group Chairman Tim Butterfield of North Carolina said he was \"outraged\" by the idea, arguing that "
        "\"dropping the rule would hurt every small county in the state.\"",
        "Tim Butterfield", id="role_and_name_before_of_place"),
    pytest.param(
        "The ad then cuts to footage of Tom Gray saying, \u201cyou have to give them a path, you have to make "
        "it possible for them to stay.\u201d",
        "Tom Gray", id="speaker_shown_in_footage"),
    pytest.param(
        "At a June campaign event in St. Clairsville, Ohio, 62-year-old Brenda Johnson also railed against the "
        "plan. \u201cThey should speak up in public,\u201d she said.",
        "Brenda Johnson", id="state_name_is_not_a_person_for_pronouns"),
    pytest.param(
        "The talks stalled. Another source familiar with Gray's thinking said, \u201cI think he will certainly try "
        "to be more friendly with his colleagues.\u201d",
        "Another source", id="speaker_before_a_participial_modifier"),
    pytest.param(
        "The retired doctor has provided no details about the plan, saying in his statement only that he was "
        "\u201crefining some practices and streamlining some of the work.\u201d",
        "The retired doctor", id="description_subject_with_auxiliary"),
    pytest.param(
        "Tom Gray spoke first. When Ann Maddox pointed out that Gray calls it \"care for all,\" Jim Crane seized "
        "upon the reference, repeating his line. \"Care for all is not the same if you hand it to the states,\" "
        "he said.",
        "Jim Crane", id="pronoun_prefers_main_clause_after_subordinate_clause"),
    pytest.param(
        "Hillary Clinton has raised the most. The Clinton approach is made possible by its money, said Katie "
        "Harbath, a director at the firm. Others are \"having to be leaner, be more resourceful and deal with a "
        "smaller budget,\" she said.",
        "Katie Harbath", id="inverted_paraphrase_attribution_is_a_pronoun_antecedent"),
    pytest.param(
        "The group met.\n\n76-year-old Morton Blackwell, founder of the Leadership Institute, endorsed Cruz last "
        "week, saying he \u201chas consistently shown his deep commitment to conservative ideas.\u201d",
        "Morton Blackwell", id="age_before_participle_subject"),
    pytest.param(
        "\"Building a second stage is a real stretch for them at this point,\" Mark Olsen of the Harbor Center "
        "for Arms Control Studies wrote in March.",
        "Mark Olsen", id="person_of_the_organisation_before_cue"),
    pytest.param(
        "Ben Stroud, the press director for the Maine Green Party said in a statement. \u201cThere are no "
        "ballots left to count. The result stands as it is.\u201d",
        "Ben Stroud", id="unclosed_appositive_role_for_organisation_before_cue"),
    pytest.param(
        "The rally ended late. Kelly Dorsey backed Warren on Friday, saying: \u201cIt is time for a real change "
        "in how this state is run.\u201d",
        "Kelly Dorsey", id="first_name_ending_like_an_adverb_is_the_subject"),
    pytest.param(
        "\"The plain fact is that nothing in the record has changed at all,\" a spokeswoman for the House "
        "Republicans said.",
        "a spokeswoman", id="indefinite_role_for_the_organisation_before_cue"),
    pytest.param(
        "The probe widened.\n\nAnother banking source speaking to local radio said, \u201cThe auditors are "
        "looking at every transfer made since the spring.\u201d",
        "Another banking source", id="unknown_modifier_inside_a_determined_description"),
    pytest.param(
        "The pact was signed.\n\nMaria Ventoso, the European High Commissioner for Fisheries (EHCF), reacted "
        "coolly to the pact, \u201cI worry about any deal that sends every boat home without a hearing.\u201d",
        "Maria Ventoso", id="person_before_capitalised_title_appositive"),
    pytest.param(
        "\"Thank you all for coming out in this cold weather tonight,\" said master of ceremonies Ray Okafor.",
        "Ray Okafor", id="bare_role_phrase_before_name_after_cue"),
    pytest.param(
        "And after the board refused to meet, Mayor Lena Ortiz blamed the council's \"three absent members who "
        "walked out on the people of this city and left the budget unfinished.\"",
        "Lena Ortiz", id="conjunction_then_lowercase_fronted_clause_before_subject"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_CASES)
def test_speaker(text, speaker):
    (q,) = find_quotes(text)
    assert q.speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    ("A notice on the site said listings are checked.\n\n\"Mr. Dole never contacted anyone here,\" the company "
     "wrote in its statement.\n\nIt added, \"We want no part in the sale or in the publicity.\"", "the company"),
    ("The email, released by the watchdog, was sent at 7:19 p.m.\n\n\u201cI just tried you on the phone but the "
     "line was busy,\u201d it reads.", "The email"),
    ("\"He pushed her against the door,\" Deputy Ames wrote in the affidavit. It continued: \"Probable cause "
     "exists to charge Mr. Holt with one count of battery.\"", "the affidavit"),
])
def test_it_speaks_for_the_document_or_organisation(text, speaker):
    q = find_quotes(text)[-1]
    # a described thing is a nominal speaker, not a named one
    assert (q.speaker, q.speaker_kind, q.named) == (speaker, "nominal", False)


def test_it_speaks_for_a_named_outlet():
    t = ("The Herald reported that Klein was gathering material for a book. It added, \u201cthe visit comes as "
         "the senator promises new attacks on the stump.\u201d")
    q = find_quotes(t)[-1]
    assert (q.speaker, q.speaker_kind, q.named) == ("The Herald", "pronoun", True)


def test_no_break_spaces_and_curly_apostrophes_read_as_plain_layout():
    """Scraped pages carry no-break spaces and curly apostrophes where a writer typed plain ones:
    the quotations and speakers are the same, and offsets still index the text as given."""
    plain = ("Rents rose again in March. \"We can't keep up with this,\" said Maria O'Neill, a tenant "
             "organiser in Lisbon.\nThe council will vote in May. Its leader, Rui Costa, said: \"The cap "
             "stays.\"")
    odd = plain.replace("'", "\u2019").replace("said Maria", "said\u00a0Maria").replace(
        "said: ", "said:\u00a0").replace("\n", "\r\n")
    assert len(odd) == len(plain) + 1  # the one CRLF
    expected = [(q.speaker, plain[q.content[0]:q.content[1]]) for q in find_quotes(plain)]
    assert [s for s, _ in expected] == ["Maria O'Neill", "Rui Costa"]
    found = find_quotes(odd)
    assert [q.speaker for q in found] == [s for s, _ in expected]
    for q, (_, content) in zip(found, expected):
        assert odd[q.content[0]:q.content[1]].replace("\u2019", "'").replace("\r", "") == content
    # a sign-off line whose dash is followed by a no-break space
    signoff = "Residents were asked about the plan.\n\u201cThe cap stays and it will stay for years.\u201d \u2015\u00a0Rui Costa\n"
    assert [q.speaker for q in find_quotes(signoff)] == ["Rui Costa"]


@pytest.mark.parametrize("text, titled", [
    ('"It is fine," said Tom Reyes, who lives nearby.', False),
    ('Tom Reyes, who lives nearby, said: "It is fine."', False),
    ('"It is fine," said Tom Reyes, who has known the party\'s nominee for decades.', False),
    ('Michael Seaman, who lives outside the state capital, Sacramento, said: "No."', False),
    ('"It is fine," said Tom Reyes, who heads the parish council.', True),
    ('"It is fine," said Tom Reyes, who joined the club in 2009 and is now its vice president.', True),
    ('"It is fine," said Tom Reyes, who lives nearby and knows the mayor.', False),
    ('"It is fine," said Tom Reyes, who is a co-worker of the victim.', False),
    ('Tom Reyes, who chairs the parish council, said: "It is fine."', True),
    ('"It is fine," said Tom Reyes, who\'s now a co-host of the show.', True),
    ('"It is fine," said Tom Reyes, who has been the party\'s deputy leader since May.', True),
    ('Michael Seaman, who is mayor of the state capital, Sacramento, said: "No."', True),
])
def test_a_who_clause_titles_a_speaker_only_when_it_gives_a_role(text, titled):
    [quote] = find_quotes(text)
    assert quote.speaker in ("Tom Reyes", "Michael Seaman") and quote.titled is titled


@pytest.mark.parametrize("text, speaker, titled", [
    ('"It is fine," said co-founder Ana Lima.', "Ana Lima", True),
    ('Co-anchor Ana Lima said: "It is fine."', "Ana Lima", True),
    ('"It is fine," said Ana Lima, the vice-chair of the panel.', "Ana Lima", True),
    ('"It is fine," said ex-minister Ana Lima.', "Ana Lima", True),
])
def test_a_shared_or_former_office_is_a_title(text, speaker, titled):
    [quote] = find_quotes(text)
    assert quote.speaker == speaker and quote.titled is titled


def test_a_co_worker_holds_no_office():
    from service.signals._quote_speakers import _ROLE_WORDS
    assert {"co-founder", "vice-chair", "ex-minister", "co-anchor"} <= _ROLE_WORDS
    assert not {"co-worker", "ex-staffer", "co-star"} & _ROLE_WORDS


@pytest.mark.parametrize("text, speaker, titled", [
    # a relation or a prefixed person word names no office, but the name after it speaks
    ('"It is fine," said co-worker Ana Lima.', "Ana Lima", False),
    ('Co-worker Ana Lima said: "It is fine."', "Ana Lima", False),
    ('Neighbor Ana Lima said: "It is fine."', "Ana Lima", False),
    ('"It is fine," said team-mate Chris Reyes.', "Chris Reyes", False),
    ('"It is fine," said co-ordinator Chris Reyes.', "Chris Reyes", False),
    # a description, a comma, then the name: the name speaks; a role in the description titles it
    ('"It is fine," said his wife, Ana Lima, who lives nearby.', "Ana Lima", False),
    ('"It is fine," said the victim\'s brother, Tom Reyes.', "Tom Reyes", False),
    ('"It is fine," said his lawyer, Tom Reyes.', "Tom Reyes", True),
    ('"It is fine," said her husband, Sen. Tom Reyes.', "Tom Reyes", True),
    # what follows the name counts as after any name: an appositive, a "who" clause giving a role
    ('"It is fine," said her husband, Tom Reyes, a local builder.', "Tom Reyes", True),
    ('"It is fine," said his wife, Ana Lima, who chairs the council.', "Ana Lima", True),
    # not a person's description, or no name after it: as before
    ('"It is fine," said his lawyer.', "his lawyer", True),
    ('"It is fine," said the company, which declined to elaborate.', "the company", True),
    # a relation opens a name only with two more words after it
    ('Fan Bingbing said: "It is fine."', "Fan Bingbing", False),
])
def test_a_relation_or_description_before_the_name_is_not_the_name(text, speaker, titled):
    [quote] = find_quotes(text)
    assert quote.speaker == speaker and quote.titled is titled


@pytest.mark.parametrize("text, speaker, titled", [
    # a capitalised phrase before a title belongs to the title, not to the name
    ('Republican Sen. Ted Cruz said: "It is fine."', "Ted Cruz", True),
    ('Bank of England Governor Mark Carney said: "It is fine."', "Mark Carney", True),
    ('"It is fine," said Labour Leader Jane Smith.', "Jane Smith", True),
    # members of parliament, before and after the name
    ('"It is fine," said Labour MP Jane Smith.', "Jane Smith", True),
    ('Tory MP Jane Smith said: "It is fine."', "Jane Smith", True),
    ('Scottish Finance Minister, Tom McCabe MSP, said: "It is fine."', "Tom McCabe", True),
    ('"It is fine," said Tom Bell MP.', "Tom Bell", True),
    ('The MP, who is consulting his lawyers, told reporters: "It is fine."', "The MP", True),
    ('"It is fine," said the Ealing North MP.', "the Ealing North MP", True),
    # a role word that is also a first name stays in a two-word name
    ('New York Times Executive Editor Dean Baquet wrote: "It is fine."', "Dean Baquet", True),
])
def test_the_name_after_a_title_is_the_speaker(text, speaker, titled):
    [quote] = find_quotes(text)
    assert quote.speaker == speaker and quote.titled is titled


@pytest.mark.parametrize("text, speaker", [
    # men's names in French, Italian or Russian copy that the census lists give to women
    ('Prime Minister Tom Barker opened the debate. Later, Senator Jean Arthuis criticised the plan. '
     '"This budget cannot stand," he said.', "Jean Arthuis"),
    ('Officials met on Monday. General Valery Gerasimov, chief of the general staff, spoke afterwards. '
     '"The exercises will continue," he told reporters.', "Valery Gerasimov"),
    ('Prime Minister Mark Doyle praised the budget. Finance Minister Daniele Franco was more cautious. '
     '"We have won nothing yet," he said.', "Daniele Franco"),
    # the same names still take "she" when a woman carries them
    ('Sen. Jean Shaheen questioned the nominee. "We need answers on this," she said.', "Jean Shaheen"),
    ('Mark Doyle praised the squad. Nicola Sturgeon was more cautious. "We have won nothing yet," she said.',
     "Nicola Sturgeon"),
])
def test_a_first_name_of_either_sex_across_languages_gives_no_gender(text, speaker):
    [quote] = find_quotes(text)
    assert quote.speaker == speaker and quote.speaker_kind == "pronoun"


@pytest.mark.parametrize("text, speaker, titled", [
    # an organisation named with "of" is the speaker, whole, and carries no title
    ('"Crime is falling," the Association of Chief Police Officers said in a statement.',
     "Association of Chief Police Officers", False),
    ('"Crime is falling," said the Association of Chief Police Officers.', "Association of Chief Police Officers", False),
    ('The Royal College of Nursing said: "Staff are leaving."', "Royal College of Nursing", False),
    ('"Rates will stay where they are," the Bank of England said.', "Bank of England", False),
    ('"The exercise is over," said the Ministry of Defence.', "Ministry of Defence", False),
    ('"It was approved," the Department of Health and Human Services said.',
     "Department of Health and Human Services", False),
    # a person named after "of", or before it, still speaks
    ('"Rates will stay where they are," said Bank of England Governor Mark Carney.', "Mark Carney", True),
    ('"It is fine," said Secretary of State John Kerry.', "John Kerry", True),
    ('"It is fine," said John Smith of the Brookings Institution.', "John Smith", False),
    # as does the spokesman for one
    ('"Crime is falling," a spokesman for the Association of Chief Police Officers said.', "a spokesman", True),
])
def test_an_organisation_named_with_of_speaks_whole(text, speaker, titled):
    [quote] = find_quotes(text)
    assert quote.speaker == speaker and quote.titled is titled


@pytest.mark.parametrize("text, speaker, titled", [
    # a "which" clause describes a thing: it is never the speaker's title
    ('"Crime is falling," the Association of Chief Police Officers, which represents senior officers, said.',
     "Association of Chief Police Officers", False),
    ('Harbor City Council, which has worked with the river authority, said the bridge "will last".',
     "Harbor City Council", False),
    ('"It is incomplete," Northgate, which owns half of the mine, says.', "Northgate", False),
    ('"It is over," Acme, which makes widgets in Ohio, Texas and Maine, said.', "Acme", False),
    # a "who" clause titles when it gives a role, as before
    ('"It is over," John Smith, who heads the union, said.', "John Smith", True),
    ('"It is over," John Smith, who lives nearby, said.', "John Smith", False),
    # an appositive noun phrase still titles
    ('"It is over," said Acme Corp, a maker of widgets.', "Acme Corp", True),
])
def test_a_which_clause_is_no_title(text, speaker, titled):
    [quote] = find_quotes(text)
    assert quote.speaker == speaker and quote.titled is titled


@pytest.mark.parametrize("text, speaker", [
    # professions and sports positions are roles: the name after one speaks and is titled
    ('"We played well tonight and deserved the win," Harbor City midfielder Tomas Berg said.', "Tomas Berg"),
    ('"We played well," Harbor City coach Tomas Berg said.', "Tomas Berg"),
    ('"It was a good night," said Rovers striker Ian Holt.', "Ian Holt"),
    ('"We played well," Defender Luca Moretti said.', "Luca Moretti"),
    ('"It hurts," said hospital doctor Ann Bell.', "Ann Bell"),
    ('"It will sell," Singer Rosa Vale said.', "Rosa Vale"),
    # a role without a determiner after a name and its comma is the name's appositive
    ('Ken Dale, investor, recently commented: "She has friends everywhere."', "Ken Dale"),
    ('Ken Dale, investor recently commented "She has friends everywhere."', "Ken Dale"),
])
def test_professions_and_sports_positions_title_the_name_they_precede(text, speaker):
    [quote] = find_quotes(text)
    assert quote.speaker == speaker and quote.titled is True


@pytest.mark.parametrize("text, speaker", [
    # an imperative verb opening the sentence, followed by its object, is nobody
    ("Light the lamp. Anoint the candle with oil, saying: \"May this light guide me home tonight.\"", None),
    ("Share this story and say: \"I stand with the farmers of this valley.\"", None),
    ("The mayor refused. Read this excerpt: \"When the river rises, nobody here is ever safe.\"", None),
    ("It was long. Follow us on the site, where we said: \"Breaking news from the valley every day.\"", None),
    # a surname opening a sentence is followed by its verb, "on" or a time: still the speaker
    ("\"We will rebuild the bridge by the spring,\" Read said on Monday.", "Read"),
    ("The vote came late. Read said: \"We will rebuild the bridge by the spring.\"", "Read"),
    ("The vote came late. Obama this week said: \"We will rebuild the bridge by the spring.\"", "Obama"),
    ("The vote came late. Obama on Sunday said: \"We will rebuild the bridge by the spring.\"", "Obama"),
    ("The vote came late. Mike Read told the council: \"We will rebuild the bridge by spring.\"", "Mike Read"),
])
def test_imperative_opening_a_sentence_is_not_a_speaker(text, speaker):
    (q,) = find_quotes(text)
    assert q.speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    # a contracted pronoun is never a name
    ('It was a long night. I\'m sure the council approves: "The bridge opens in May."', None),
    ('The crowd cheered. They\'re all saying "the bridge opens in May."', None),
    # the first word of a fixed opener ("Due to", "Prior to", "Needless to") is nobody
    ('Nobody expected it.\nDue to his odd refusal to criticise the rival, Ruiz handed the mayor her line '
     'of the night: "He would rather close the bridge."', None),
    ('Many bands played.\n\nPrior to the show, Vale shared photos with the caption: "We are ready for tonight!"',
     None),
    ('Needless to say, Ruiz was pleased and thanked the crew for "keeping the bridge open."', None),
    # an indefinite pronoun is an object: "Soup anyone?"
    ('The town is divided. Soup anyone?But writing in the local paper, Ruiz sums it up: '
     '"We cannot pay for the bridge."', None),
    # a word opening a sentence before a plural person noun modifies it: the noun phrase speaks
    ('The vote came. Dutch farmers have blocked the road for a week, calling it "a fight for our land."',
     "Dutch farmers"),
    ('Shares rose. Small investors like Tomasz who have seen it before are buying early. '
     '"Now there is a chance to earn money."', "Small investors"),
    # ... but a verb spelt like a plural role takes an object: the name stays
    ('The board met on Monday. Ruiz heads the panel and said: "We will rebuild the bridge by spring."', "Ruiz"),
    ('The board met on Monday. Ruiz chairs Acme and told reporters: "We will rebuild the bridge by spring."',
     "Ruiz"),
    ('The board met on Monday. Ruiz coaches youngsters on weekends and said: "We will rebuild the bridge by spring."',
     "Ruiz"),
    # with no reporting verb, a sentence's first word capitalised nowhere else is no name
    ('Prices rose all year. Fear mongering before the vote was: "The pound will collapse by spring."', None),
    # surnames that are also words keep their speaker, as do a verb's subject and a label
    ('The town hall was packed. Harder said: "We will rebuild the bridge by the spring."', "Harder"),
    ('The town hall was packed. Heard said: "We will rebuild the bridge by the spring."', "Heard"),
    ('The town hall was packed. Eager said: "We will rebuild the bridge by the spring."', "Eager"),
    ('The town hall was packed. Held said: "We will rebuild the bridge by the spring."', "Held"),
    ('The town hall was packed. Prior said: "We will rebuild the bridge by the spring."', "Prior"),
    ('The town hall was packed. Petro recently wrote: "We will rebuild the bridge by the spring."', "Petro"),
    ('The town hall was packed. Bernie allegedly told his brother: "We will rebuild the bridge by spring."',
     "Bernie"),
    ('The town hall was packed. Toner was then asked: "Will you rebuild the bridge by spring?"', "Toner"),
    ('The town hall was packed. Orban went on, "We will rebuild the bridge by the spring."', "Orban"),
    ('The mayor, Ann Vale, spoke last. Vale points this out: "The bridge will open in May."', "Vale"),
    ('Our readers wrote in.\nKevin: "The bridge will never open in May."', "Kevin"),
])
def test_sentence_opening_word_that_is_no_name_is_not_a_speaker(text, speaker):
    (q,) = find_quotes(text)
    assert q.speaker == speaker


@pytest.mark.parametrize("label", ["Title", "Headline", "Summary"])
def test_a_documents_part_label_is_not_a_speaker(label):
    # how chat assistants set out an article: 'Title: "..."' labels the headline; nobody says it
    text = (f'{label}: "Council Votes to Reopen the Old Bridge After Years of Delays"\n\nBy Ann Vale\n\n'
            'The council voted on Monday to reopen the bridge.')
    (q,) = find_quotes(text)
    assert q.speaker is None


@pytest.mark.parametrize("text, speaker, kind", [
    # a nationality is no pronoun's antecedent: the people it stands for are no person
    ('The mint prints as many foreign banknotes as Australian notes.\n'
     '"The banknote I left in my jeans came out shrunken," he wrote.', None, None),
    ('The sugar trade slowed as the usually cautious Chinese reacted to prices.\n'
     '"So we are right on target," he said.', None, None),
    # ... and the person named behind it is the antecedent
    ('Poverty could explain the spy\'s actions, according to North Korean political expert Andrew Lee Gibbons.\n'
     '"Food supplies are frequently lacking in the provinces," he explains.', "Andrew Lee Gibbons", "pronoun"),
    # the name after a nationality and a role speaks
    ('"It looks pretty grim for the workers," said Swedish trades union official Ulf Berg.', "Ulf Berg", "name"),
    ('"Luckily the rain stopped before the final," said Spanish teenager Nadal.', "Nadal", "name"),
    # a described person: the person the text named before, else the description, as a nominal
    ('Mary Cole lost the final on Saturday.\nAsked about the prize money, the American said: '
     '"I think it is highly insulting."', "Mary Cole", "description"),
    ('The final was played on Saturday.\nAsked about the prize money, the American said: '
     '"I think it is highly insulting."', "the American", "nominal"),
    ('Speaking to a paper, the 24-year-old Swiss added: "There will not be as many people at Pattaya."',
     "the 24-year-old Swiss", "nominal"),
    ('The queue was long. "We cannot wait any longer for the bridge," an American said.', "an American",
     "nominal"),
    # a nationality that no reporting verb follows is nobody
    ('The Czech news agency CTK quoted the surgeon as saying it was "a medium-serious operation, as would be '
     'any lung surgery".', None, None),
    ('The Welsh beauty, 46, sat down: "You have got to keep the home fires burning, always."', None, None),
    # a surname spelt like a nationality stays a name where the text gives a first name or a title
    ('Mark Cuban spoke on Sunday.\n"It is too early to tell," said Cuban, a host on the show.', "Cuban", "name"),
    ('Gadgets sold out early. "The iPod mini is likely to be this year\'s hit," said Mr Irish.', "Irish", "name"),
])
def test_a_nationality_describes_a_speaker_and_does_not_name_one(text, speaker, kind):
    (q,) = find_quotes(text)
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


@pytest.mark.parametrize("text, speaker", [
    # a person noun in -s before "that" is a verb after a surname ...
    ('The board met on Monday. Ruiz judges that "the board acted far too fast on the bridge."', "Ruiz"),
    # ... and a plural after a nationality, which the relative clause follows
    ('The case was old. Russian prosecutors that handled it are now sure: "The board acted far too fast on the bridge."',
     "Russian prosecutors"),
])
def test_a_role_noun_in_s_before_that_is_a_verb_after_a_surname(text, speaker):
    (q,) = find_quotes(text)
    assert q.speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    # a he / she with no attribution before it stands for a person the text named, never for a
    # place, an organisation or a holiday
    ('Hong Kong traders were busy on Monday.\n"It is very quiet out there today," he said.', None),
    ('Labour Party delegates met in Brighton on Monday.\n"It is very quiet out there today," he said.', None),
    ('Justice Department lawyers filed on Monday.\n"It felt great to be back at work," he said.', None),
    ('Father\'s Day sales were slow this year.\n"It felt great to be back at work," she said.', None),
    # a known first name or a title makes the person, nationality and role words dropped
    ('Curtis Granderson hit two home runs on Monday.\n"It felt great to be back," he said.', "Curtis Granderson"),
    ('British Governor Chris Patten arrived on Monday.\n"It felt great to be back," he said.', "Chris Patten"),
])
def test_a_pronoun_with_no_attribution_before_it_stands_for_a_person(text, speaker):
    (q,) = find_quotes(text)
    assert q.speaker == speaker


@pytest.mark.parametrize("text, speaker, kind", [
    # the unnamed speaker of the quotation before: still nobody named, and as titled as there
    ('"Copper is not moving at all," said one analyst in Sydney. "Buyers will wait for the holiday," he added.',
     "one analyst", "nominal"),
    ('"Margins are thin," a Rotterdam grain trader said. "Nobody wants to hold stock," she said.',
     "a Rotterdam grain trader", "nominal"),
    # an unnamed person as the subject of the sentence before ...
    ('A spokesman for Harbor Mutual said on Friday that the branch would close by March.\n'
     '"We looked at every option before deciding," he said.', "A spokesman", "nominal"),
    # ... but not one of the other gender, nor one a name stands beside
    ('A spokeswoman for Harbor Mutual said on Friday that the branch would close.\n'
     '"We looked at every option before deciding," he said.', None, None),
    ('One trustee, retired schoolteacher Nora Quill, voted against the budget.\n'
     '"We looked at every option before deciding," she said.', "Nora Quill", "pronoun"),
    # a named person between the unnamed speaker and the pronoun is the antecedent
    ('"Copper is flat," said one analyst. Analyst Dev Amin of Calder Securities said demand had slowed.\n'
     '"Buyers will wait for the holiday," he said.', "Dev Amin", "pronoun"),
    # "was quoted as saying": the participle's subject, whom "Name said" mentions do not hold
    ('"Inflation is under control," Qiu was quoted as saying in the Evening Post.\n'
     '"Rates can now come down slowly," he said.', "Qiu", "pronoun"),
    # the one a reporter asked answers; a source resolved as "he" is not a later "she"
    ('Daniel Okafor toured the plant on Friday. A reporter asked Okafor how the sale went.\n'
     'He replied: "We sold every unit we had."', "Daniel Okafor", "pronoun"),
    ('"Copper is flat," said one analyst. "Buyers will wait," he said.\n'
     '"It could be good for exports," she said.', None, None),
    # a definite description as the subject: never a name later in its own sentence
    ('Talks resumed in Geneva on Monday.\nThe trade ministry spokesman said Ottawa\'s quotas were to blame. '
     '"These rulings hold back exports," he said.', None, None),
])
def test_a_pronoun_after_an_unnamed_speaker_stands_for_that_speaker(text, speaker, kind):
    q = find_quotes(text)[-1]
    assert (q.speaker, q.speaker_kind) == (speaker, kind)
    if kind == "nominal":
        assert not q.named
        first = find_quotes(text)[0]
        if first.speaker == speaker:
            assert q.titled == first.titled


@pytest.mark.parametrize("text, speaker, kind, titled", [
    # the subject, then a description set off by commas, then the cue: the subject speaks
    ('Prices fell. "They have been selling all morning," a senior dealer at a Tokyo bank, who declined '
     'to be identified, told Reuters. The yen rose.', "a senior dealer", "nominal", True),
    ('Shops were quiet. "If a family has savings this will hurt," shop owner Ana Ruiz, told the '
     'Associated Press. Others agreed.', "Ana Ruiz", "name", True),
    ('The vote was close. "People still vote on local grounds," former assembly leader, Jean Amadou, '
     'another defeated hopeful, told Reuters.', "Jean Amadou", "name", True),
    # a name after "told" is the listener, never an inverted speaker
    ('She sang. "I do not like meat and most things I like are healthy," told Radar magazine in 2013.',
     None, None, False),
    # ... nor does a clause with its own verb before the cue speak
    ('it was a warm night. "They are falling for each other," the insider shared, adding that the pair met twice.',
     None, None, False),
])
def test_a_trailing_subject_described_between_commas_speaks(text, speaker, kind, titled):
    (q,) = find_quotes(text)
    assert (q.speaker, q.speaker_kind, q.titled) == (speaker, kind, titled)


def test_a_cue_inside_a_clause_after_a_finished_quotation_does_not_take_it():
    text = ('The mayor spoke on Monday. "We will not apologise," said Mayor Dana Reyes. "Let us move on now." '
            'Council leader Michael Hall, asked about the remark by reporters, said it was time to move on.')
    assert [q.speaker for q in find_quotes(text)] == ["Dana Reyes"]


@pytest.mark.parametrize("text", [
    'Dry weather hurt crops. One plantation manager in central Ivory Coast said arrivals could be lower '
    'than expected. "We need a couple of rains," he added.',
    'Dry weather hurt crops. A buyer from Hong Kong said arrivals could be lower than expected. '
    '"We need a couple of rains," he added.',
])
def test_a_place_that_said_something_is_no_he_or_she(text):
    (q,) = find_quotes(text)
    assert q.speaker is None or not any(w in q.speaker for w in ("Coast", "Kong"))


@pytest.mark.parametrize("text, speaker", [
    ('Markets were calm. Broker Dev Amin said demand had slowed. "Buyers will wait for the holiday," he said.',
     "Dev Amin"),
    ('"Buyers will wait for the holiday," one trader said.', "one trader"),
])
def test_traders_dealers_and_brokers_carry_a_role(text, speaker):
    q = find_quotes(text)[-1]
    assert (q.speaker, q.titled) == (speaker, True)


@pytest.mark.parametrize("text, speaker", [
    # an employer and its line of work, or an age, before the role and the name
    ('Sales rose. "It is confirmation that the holiday was one of moderate growth," Harbor Stanley '
     'retailing analyst Bruce Missel said in an interview. Sales rose again.', "Bruce Missel"),
    ('It burned. "I am just in tears every night," 56-year-old Betsy Carr told a local station.', "Betsy Carr"),
    # never a clause, nor a phrase the name belongs to
    ('It burned. "I am just in tears every night and so is my daughter," Trump tweeted and analyst '
     'Bruce Missel said in an interview.', "Trump"),
])
def test_a_trailing_speaker_after_an_employer_or_an_age(text, speaker):
    (q,) = find_quotes(text)
    assert q.speaker == speaker


def test_a_finished_quotation_does_not_take_the_next_sentences_described_speaker():
    text = ('In appealing for the inquiry, Attorney General Lisa M. Madden (D) asserted that "trust in the '
            'city police department is broken." Democratic presidential candidate Ana Ruiz said Wednesday she, '
            'too, wants an inquiry.')
    (q,) = find_quotes(text)
    assert q.speaker == "Lisa M. Madden"
