"""Caveats (service/applicability.py) on paragraphs we wrote ourselves, one story in several languages."""
from pathlib import Path

import pytest

from service import Scorer
from service.applicability import SHORT_TEXT_CHARS, caveats, whole_page
from service.signals import Article

FIXTURES = Path(__file__).parent / "fixtures"

# The same two sentences about a housing law, written for these tests in each language.
OTHER_LANGUAGES = {
    "Spanish": "El Gobierno aprobó el jueves una nueva ley de vivienda que limita la subida anual de los alquileres "
               "al dos por ciento, después de varias semanas de protestas en Madrid y Barcelona. La ministra dijo a "
               "los periodistas que la norma dará a las familias una certeza que no han tenido en una década.",
    "French": "Le gouvernement a adopté jeudi une nouvelle loi sur le logement qui plafonne la hausse annuelle des "
              "loyers à deux pour cent, après plusieurs semaines de manifestations à Paris et à Lyon. La ministre a "
              "déclaré aux journalistes que le texte donnera aux familles une certitude qu'elles n'ont pas eue depuis "
              "dix ans.",
    "German": "Die Regierung hat am Donnerstag ein neues Wohnungsgesetz beschlossen, das den jährlichen Anstieg der "
              "Mieten auf zwei Prozent begrenzt, nach wochenlangen Protesten in Berlin und München. Die Ministerin "
              "sagte den Journalisten, das Gesetz gebe den Familien eine Sicherheit, die sie seit zehn Jahren nicht "
              "gehabt hätten.",
    "Portuguese": "O governo aprovou na quinta-feira uma nova lei da habitação que limita o aumento anual das rendas "
                  "a dois por cento, depois de semanas de protestos em Lisboa e no Porto. A ministra disse aos "
                  "jornalistas que a lei dará às famílias uma certeza que não tiveram durante uma década.",
    "Italian": "Il governo ha approvato giovedì una nuova legge sulla casa che limita l'aumento annuale degli "
               "affitti al due per cento, dopo settimane di proteste a Roma e a Milano. La ministra ha detto ai "
               "giornalisti che la legge darà alle famiglie una certezza che non hanno avuto per un decennio.",
    "Dutch": "De regering heeft donderdag een nieuwe woonwet aangenomen die de jaarlijkse huurstijging beperkt tot "
             "twee procent, na weken van protesten in Amsterdam en Rotterdam. De minister zei tegen journalisten dat "
             "de wet gezinnen een zekerheid geeft die ze in tien jaar niet hebben gehad.",
}
RUSSIAN = ("Правительство в четверг приняло новый закон о жилье, который ограничивает ежегодный рост арендной "
           "платы двумя процентами после нескольких недель протестов в Москве и Санкт-Петербурге.")


def codes(text: str) -> list[str]:
    return [c["code"] for c in caveats(Article(text=text))]


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGES))
def test_other_languages_are_named(language):
    found = caveats(Article(text=OTHER_LANGUAGES[language]))
    assert [c["code"] for c in found] == ["not_english"]
    assert language in found[0]["message"]


def test_another_script_is_not_english():
    assert len(RUSSIAN) < SHORT_TEXT_CHARS and codes(RUSSIAN) == ["short_text", "not_english"]
    assert "another script" in caveats(Article(text=RUSSIAN))[1]["message"]
    assert codes(RUSSIAN + " " + RUSSIAN) == ["not_english"]


@pytest.mark.parametrize("name", ["wire_story.txt", "syndicated_copy.txt", "content_farm.txt", "state_media.txt"])
def test_our_english_fixtures_carry_no_caveat(name):
    assert codes((FIXTURES / name).read_text(encoding="utf-8")) == []


def test_english_with_foreign_names_and_a_quoted_phrase_stays_english():
    text = ("The mayor of San José, Ana de la Cruz, said the new tram line would open in May. Residents of the "
            "Rue de la Paix district, who had campaigned for it since 2019, called it \"a fine day for the city\". "
            "Critics in the council argued that the budget, now 40 per cent over the first estimate, should have "
            "gone to buses instead.")
    assert codes(text) == []


def test_short_text():
    assert codes("Council approves the budget after a long night of debate.") == ["short_text"]
    assert codes("x" * SHORT_TEXT_CHARS) == []


def test_short_text_agrees_with_the_training_floor():
    from training.corpus import MIN_CHARS
    assert SHORT_TEXT_CHARS == MIN_CHARS


def test_html_sent_as_text():
    page = ("<!DOCTYPE html><html><head><title>Budget</title></head><body><div class=\"story\">"
            + "".join(f"<p>Paragraph {i} of a story about the council budget and the long debate.</p>" for i in range(6))
            + "</div></body></html>")
    assert "html_as_text" in codes(page)
    # An article that mentions a tag or two is prose.
    prose = ("Web developers were told to stop using the <marquee> element years ago, and most browsers now warn "
             "about a <script> tag loaded without a secure connection, the report said. It found that a third of "
             "local news sites still did so in March.")
    assert codes(prose) == []


def test_scores_carry_caveats():
    scorer = Scorer.load()
    result = scorer.score(OTHER_LANGUAGES["French"])
    assert [c["code"] for c in result["caveats"]] == ["not_english"]
    assert scorer.score((FIXTURES / "wire_story.txt").read_text(encoding="utf-8"))["caveats"] == []
    many = scorer.score_many(["Too short to judge.", OTHER_LANGUAGES["German"]], explain=False)
    assert [[c["code"] for c in r["caveats"]] for r in many] == [["short_text"], ["not_english"]]


def test_a_short_text_is_banded_mixed_whatever_its_score():
    scorer = Scorer.load()
    brief = "LONDON (Reuters) - The Bank of England held rates on Thursday, officials said."
    farm = "Here is the important point: this is amazing. What is the purpose of this? Share it!"
    high, low = scorer.score(brief), scorer.score(farm)
    # The scores themselves stand (they would have been banded high and low) ...
    assert scorer.band(high["score"]) == "high" and scorer.band(low["score"]) == "low"
    # ... but the band is withheld, and the caveat says so.
    assert high["band"] == low["band"] == "mixed"
    assert "band is mixed" in high["caveats"][0]["message"]
    assert [r["band"] for r in scorer.score_many([brief, farm], explain=False)] == ["mixed", "mixed"]
    assert scorer.band(0.99, [{"code": "short_text"}]) == "mixed"
    assert scorer.band(0.99, [{"code": "not_english"}]) == scorer.band(0.99) == "high"
    # At the training floor and above, the band follows the score again.
    long_brief = brief + " " + "The decision was expected by most economists polled before the meeting." * 2
    assert len(long_brief) >= SHORT_TEXT_CHARS
    result = scorer.score(long_brief)
    assert result["caveats"] == [] and result["band"] == scorer.band(result["score"])


STORY = "".join(f"<p>The council voted on Tuesday to approve the budget after a debate of {i} hours, the clerk "
                f"said, and the mayor told reporters the vote was \"a relief for every school\".</p>" for i in range(6))
PAGE = ("<!DOCTYPE html><html><head><title>Budget</title><script>var ads = 1;</script></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>" + STORY + "</article>"
        "<footer>Subscribe for $4.99 a month. Share this story.</footer></body></html>")


@pytest.mark.parametrize("start, page", [
    ("<!DOCTYPE html>", True), ("  \n<!doctype HTML>", True), ("<html lang=\"en\">", True),
    ("\ufeff<!DOCTYPE html>", True), ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html>", True),
    ("<!-- saved from url=(0014)about:internet -->\n<!DOCTYPE html>", True),
    ("<div><p>", False), ("The <html> element opens every page", False), ("<!DOCTYPE svg>", False),
    ("<htmlx>", False),
])
def test_whole_page_is_told_by_its_start(start, page):
    assert whole_page(start + "<body><p>Story</p></body></html>") is page


def test_a_whole_page_sent_as_text_is_read_as_html():
    scorer = Scorer.load()
    as_text, as_html = scorer.score(PAGE), scorer.score(html=PAGE)
    # Scored exactly as the page sent as html (main text extracted), and the result says so.
    assert as_text["score"] == as_html["score"] and as_text["signals"] == as_html["signals"]
    assert as_text["signals"]["has_html"] == 1.0
    assert [c["code"] for c in as_text["caveats"]] == ["page_read_as_html"]
    assert as_html["caveats"] == []
    many = scorer.score_many([PAGE, {"text": PAGE}, {"text": "An article of its own.", "html": PAGE}], explain=False)
    assert [[c["code"] for c in r["caveats"]][:1] for r in many] == [["page_read_as_html"]] * 2 + [["short_text"]]
    assert many[0]["score"] == as_html["score"]


def test_a_fragment_of_markup_in_text_is_only_flagged():
    scorer = Scorer.load()
    fragment = STORY  # tags but no doctype or <html>: read as text, with the html_as_text caveat
    result = scorer.score(fragment)
    assert [c["code"] for c in result["caveats"]] == ["html_as_text"]
    assert result["signals"]["has_html"] == 0.0


def test_a_page_in_text_with_no_article_text_says_which_field():
    scorer = Scorer.load()
    with pytest.raises(ValueError, match="text field holds an HTML page"):
        scorer.score("<!DOCTYPE html><html><head><script>var x;</script></head><body></body></html>")
    out = scorer.score_many([{"text": "<html><body></body></html>"}], errors="return", explain=False)
    assert "text field holds an HTML page" in out[0]["error"]


# A release and two news stories that mention releases, written for these tests.
RELEASE_BODY = ("Harbor Robotics, Inc., a leading provider of warehouse automation, today announced the launch of "
                "its new picking arm, which it says doubles throughput in cold-storage sites.\n\n"
                "\"This is a milestone for our customers,\" said Lena Ortiz, Chief Executive Officer. \"We are "
                "proud of what our engineers have built.\"\n\n")
RELEASE_CLOSE = ("About Harbor Robotics\nHarbor Robotics designs and builds automation for warehouses in 14 countries.\n\n"
                 "Forward-Looking Statements\nThis release contains forward-looking statements that involve risks.\n\n"
                 "Media Contact: Sam Reed, press@harbor.example\n\n###")


@pytest.mark.parametrize("text, evidence", [
    ("BOSTON, June 2, 2026 /PRNewswire/ -- " + RELEASE_BODY, ["/PRNewswire/"]),
    ("BOSTON--(BUSINESS WIRE)--" + RELEASE_BODY, ["(BUSINESS WIRE)"]),
    # no distribution line: the closing sections say it
    ("BOSTON, June 2, 2026 -- " + RELEASE_BODY + RELEASE_CLOSE,
     ["About Harbor Robotics", "Forward-Looking Statements", "Media Contact", "###"]),
])
def test_a_press_release_is_named_with_what_marks_it(text, evidence):
    found = [c for c in caveats(Article(text=text)) if c["code"] == "press_release"]
    assert len(found) == 1
    assert all(repr(e) in found[0]["message"] for e in evidence)


@pytest.mark.parametrize("text", [
    # news that cites a release, and a page footer with one section of a release's close
    ("The city's water utility said in a press release on Tuesday that repairs would take a week. About 200 "
     "homes were without water.\n\nAbout 40 crews worked overnight, the utility said.\n\nMedia Contact: "
     "newsdesk@example.com"),
    # a company's forward-looking statements reported in a business story, with an "About" aside
    ("Shares of Harbor Robotics fell 8 percent after the company warned in its forward-looking statements that "
     "demand could slow.\n\nAbout the author\nAbout the author is a column we run every week."),
    # wires named in the news are not distribution lines
    ("The statement, carried by PR Newswire and Business Wire, was issued late on Friday, analysts said."),
])
def test_news_that_mentions_releases_is_not_one(text):
    assert "press_release" not in codes(text)


def test_our_press_release_fixture_carries_the_caveat_and_keeps_its_band():
    scorer = Scorer.load()
    result = scorer.score((FIXTURES / "genres" / "press_release.txt").read_text(encoding="utf-8"))
    assert [c["code"] for c in result["caveats"]] == ["press_release"]
    assert result["band"] == scorer.band(result["score"])
