"""`reliability explain`: one article from a file or stdin, the same result the Python API gives."""
import io
import json
from pathlib import Path

import pytest

from service import Scorer
from service.cli import main as cli_main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def scorer():
    return Scorer.load()


def test_json_is_the_python_result(scorer, capsys):
    path = FIXTURES / "wire_story.txt"
    assert cli_main(["explain", str(path), "--json", "--title", "Rates held", "--url", "https://apnews.com/a"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == scorer.score(path.read_text(encoding="utf-8"), title="Rates held", url="https://apnews.com/a")


def test_text_shows_score_provenance_reasons_and_caveats(scorer, capsys):
    path = FIXTURES / "content_farm.txt"
    assert cli_main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    result = scorer.score(path.read_text(encoding="utf-8"))
    assert out.startswith(f"score {result['score']:.3f}  band {result['band']}")
    assert f"provenance: {result['provenance']['class']}" in out
    assert all(r["signal"] in out for r in result["reasons"]) and result["reasons"]
    assert "caveat" not in out


def test_stdin_and_html(monkeypatch, capsys, scorer):
    page = ("<html><head><title>Rates</title></head><body><nav>Home | World</nav><article>"
            + "".join(f"<p>{p}</p>" for p in (FIXTURES / "wire_story.txt").read_text(encoding="utf-8").split("\n\n"))
            + "</article></body></html>")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(page.encode("utf-8"))))
    assert cli_main(["explain", "-", "--html", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == scorer.score(html=page)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Too short to judge.")))
    assert cli_main(["explain", "-"]) == 0
    assert "caveat short_text:" in capsys.readouterr().out


@pytest.mark.parametrize("content, message", [(b"", "text is empty or whitespace only"),
                                              (b"\xff\xfeabc", "invalid UTF-8 at byte 0")])
def test_input_it_cannot_score_exits_2_with_a_message(tmp_path, capsys, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert cli_main(["explain", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == f"reliability explain: {path}: {message}"


def test_missing_file(tmp_path, capsys):
    assert cli_main(["explain", str(tmp_path / "nope.txt")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
