"""The HTTP application (Flask test client): every endpoint, every error, the OpenAPI document.

Articles here are written for these tests.
"""
from __future__ import annotations

import io
import json
import logging
import re
import threading

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import Scorer
from service.app import create_app
from service.openapi import document

WIRE = (
    "OSLO (Wire) - Norway's central bank held its policy rate at 4.5 percent on Thursday, as expected, "
    "and said it would probably keep it there until the autumn.\n\n"
    "\u201cThe krone is weaker than we projected, and inflation is still too high,\u201d Governor Ida "
    "Wolden Bache told a news conference in Oslo.\n\n"
    "Economists polled last week had unanimously forecast no change. Core inflation eased to 5.8 percent "
    "in March from 6.0 percent in February, the statistics office said on Monday.\n\n"
    "\u201cWe see the first cut in September at the earliest,\u201d said Kjersti Haugland, chief economist "
    "at DNB Markets. The bank will publish new forecasts in June."
)
FARM = (
    "You Won't Believe What The Bank Just Did! 1 Important Question\n\n"
    "It is important to note that banks play a crucial role in today's fast-paced world. "
    "Here is the important point: rates are very important. Rates are truly amazing. "
    "Rates are absolutely everything. What is the purpose of rates? In conclusion, rates matter a lot!\n\n"
    "Do you like the article? Share it now!"
)
PAGE = (
    "<html><head><title>Bank holds rates</title></head><body><nav>Home | World | Business</nav>"
    "<article><h1>Bank holds rates</h1>" + "".join(f"<p>{p}</p>" for p in WIRE.split("\n\n"))
    + "</article><footer>Subscribe for $4.99/month</footer></body></html>"
)
PROBLEM_MIME = "application/problem+json"


@pytest.fixture(scope="module")
def scorer():
    return Scorer.load()


@pytest.fixture(scope="module")
def app(scorer):
    return create_app({"SCORER": scorer, "MAX_BODY_BYTES": 200_000, "MAX_TEXT_BYTES": 50_000,
                       "MAX_BATCH_ARTICLES": 4})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def spec():
    return document()


def check(spec, name: str, instance) -> None:
    """Validate ``instance`` against ``#/components/schemas/<name>`` of the OpenAPI document."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(instance)


def check_problem(spec, response, status: int, *needles: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_MIME
    body = response.get_json(force=True)
    check(spec, "Problem", body)
    assert body["status"] == status
    for needle in needles:
        assert needle in body["detail"], body["detail"]
    return body


# --------------------------------------------------------------------------- POST /v1/score

def test_score_json(client, spec, scorer):
    r = client.post("/v1/score", json={"text": WIRE, "title": "Bank holds rates", "url": "https://example.com/a"})
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    check(spec, "ScoreResult", body)
    assert 0 <= body["score"] <= 1 and body["band"] in ("high", "mixed", "low")
    assert body["model"]["version"] == scorer.model_version
    assert body["model"]["sha256"] == scorer.manifest["model_sha256"]
    assert body == {**{k: v for k, v in scorer.score(text=WIRE, title="Bank holds rates",
                                                     url="https://example.com/a").items()
                       if k != "model_version"}, "model": body["model"]}


def test_score_orders_wire_above_farm(client):
    wire = client.post("/v1/score", json={"text": WIRE}).get_json()["score"]
    farm = client.post("/v1/score", json={"text": FARM}).get_json()["score"]
    assert wire > farm


def test_score_text_plain_with_query_fields(client, spec, scorer):
    r = client.post("/v1/score?title=Bank%20holds&url=https://example.com/x", data=WIRE.encode(),
                    content_type="text/plain; charset=utf-8")
    assert r.status_code == 200
    check(spec, "ScoreResult", r.get_json())
    assert r.get_json()["score"] == scorer.score(text=WIRE, title="Bank holds", url="https://example.com/x")["score"]


def test_score_text_html(client, spec, scorer):
    r = client.post("/v1/score", data=PAGE.encode(), content_type="text/html")
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    check(spec, "ScoreResult", body)
    assert body["signals"]["has_html"] == 1.0
    assert body["score"] == scorer.score(html=PAGE)["score"]


@pytest.mark.parametrize("send", [
    lambda client: client.post("/v1/score", data=PAGE.encode(), content_type="text/plain"),
    lambda client: client.post("/v1/score", json={"text": PAGE}),
])
def test_a_page_sent_as_text_is_read_as_html_and_says_so(client, spec, scorer, send):
    r = send(client)
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    check(spec, "ScoreResult", body)
    assert body["score"] == scorer.score(html=PAGE)["score"]
    assert body["caveats"][0]["code"] == "page_read_as_html"


def test_score_json_html_only(client, spec):
    r = client.post("/v1/score", json={"html": PAGE})
    assert r.status_code == 200
    check(spec, "ScoreResult", r.get_json())


def test_unknown_json_fields_are_ignored(client):
    plain = client.post("/v1/score", json={"text": WIRE}).get_json()
    extra = client.post("/v1/score", json={"text": WIRE, "id": 17, "meta": {"a": [1]}}).get_json()
    assert plain == extra


def test_ascii_charset_accepted(client):
    r = client.post("/v1/score", data=b"Plain ascii news text. Officials said it rained on Monday.",
                    content_type="text/plain; charset=US-ASCII")
    assert r.status_code == 200


# --------------------------------------------------------------------------- POST /v1/score/batch

def test_batch_order_and_per_article_errors(client, spec, scorer):
    articles = [{"text": WIRE}, {"text": 5}, {"text": "   "}, {"text": FARM, "title": "Farm"}]
    r = client.post("/v1/score/batch", json={"articles": articles})
    assert r.status_code == 200
    body = r.get_json()
    check(spec, "BatchResponse", body)
    results = body["results"]
    assert len(results) == 4
    assert results[0]["score"] == scorer.score(text=WIRE)["score"]
    assert results[3]["score"] == scorer.score(text=FARM, title="Farm")["score"]
    assert results[1]["status"] == 400 and "articles[1].text must be a string" in results[1]["detail"]
    assert results[2]["status"] == 422 and "empty" in results[2]["detail"]
    for bad in (results[1], results[2]):
        check(spec, "Problem", bad)


def test_batch_non_object_items_and_missing_fields(client, spec):
    r = client.post("/v1/score/batch", json={"articles": ["just a string", None, {"title": "no text"}, {"text": WIRE}]})
    results = r.get_json()["results"]
    assert [x.get("status") for x in results[:3]] == [400, 400, 400]
    assert "articles[0] must be an object" in results[0]["detail"]
    assert "text (a string) is required" in results[2]["detail"]
    assert "score" in results[3]
    check(spec, "BatchResponse", r.get_json())


def test_batch_empty(client):
    r = client.post("/v1/score/batch", json={"articles": []})
    assert r.status_code == 200 and r.get_json()["results"] == []


def test_batch_too_many_articles(client, spec):
    r = client.post("/v1/score/batch", json={"articles": [{"text": WIRE}] * 5})
    body = check_problem(spec, r, 413, "5 articles", "limit is 4")
    assert body["limit"] == 4


@pytest.mark.parametrize("payload, needle", [
    ({}, "articles (an array of article objects) is required"),
    ({"articles": {"text": "x"}}, "not object"),
    ([{"text": "x"}], "must be an object, not array"),
])
def test_batch_bad_shapes(client, spec, payload, needle):
    check_problem(spec, client.post("/v1/score/batch", json=payload), 400, needle)


def test_batch_wrong_content_type(client, spec):
    check_problem(spec, client.post("/v1/score/batch", data=WIRE, content_type="text/plain"), 415)


def test_batch_text_over_limit_is_per_article(client):
    r = client.post("/v1/score/batch", json={"articles": [{"text": "word " * 12_000}, {"text": WIRE}]})
    results = r.get_json()["results"]
    assert results[0]["status"] == 422 and "limit is 50000 bytes" in results[0]["detail"]
    assert "score" in results[1]


# --------------------------------------------------------------------------- GET /v1/model and ops

def test_model_card(client, spec, scorer):
    r = client.get("/v1/model")
    assert r.status_code == 200
    card = r.get_json()
    check(spec, "ModelCard", card)
    m = scorer.manifest
    assert card["version"] == m["version"] and card["sha256"] == m["model_sha256"]
    assert card["sklearn_version"] == m["sklearn_version"]
    assert [f["name"] for f in card["features"]] == m["feature_names"]
    assert all(f["definition"] == m["feature_definitions"].get(f["name"], "") for f in card["features"])
    assert card["views"] == m["views"]
    assert card["metrics"] == m["metrics"]
    assert card["bands"]["high"]["min_score"] == m["bands"]["high"]["threshold"]
    assert card["bands"]["high"]["false_positive_rate"] == m["bands"]["high"]["false_positive_rate"]
    assert card["bands"]["low"]["below"] == m["bands"]["low"]["threshold"]
    assert card["bands"]["low"]["false_low_rate"] == m["bands"]["low"]["false_low_rate"]
    assert card["bands"]["mixed"]["whatever_the_score_under_caveats"] == ["short_text"]


def test_a_short_article_over_http_is_banded_mixed_with_its_score(client):
    brief = "LONDON (Reuters) - The Bank of England held rates on Thursday, officials said."
    body = client.post("/v1/score", json={"text": brief}).get_json()
    assert body["score"] >= client.get("/v1/model").get_json()["bands"]["high"]["min_score"]
    assert body["band"] == "mixed" and [c["code"] for c in body["caveats"]] == ["short_text"]


def test_healthz_and_readyz(client, spec):
    r = client.get("/healthz")
    assert r.status_code == 200
    check(spec, "Health", r.get_json())
    r = client.get("/readyz")
    assert r.status_code == 200
    check(spec, "Ready", r.get_json())


def test_readyz_503_with_reason_when_artifacts_missing(tmp_path, spec):
    client = create_app({"ARTIFACTS_DIR": str(tmp_path)}).test_client()
    assert client.get("/healthz").status_code == 200
    body = check_problem(spec, client.get("/readyz"), 503, "no manifest")
    assert body["ready"] is False
    check_problem(spec, client.post("/v1/score", json={"text": WIRE}), 503, "no manifest")
    check_problem(spec, client.get("/v1/model"), 503, "no manifest")
    assert "reliability_workers_ready 0" in client.get("/metrics").get_data(as_text=True)


def test_readyz_503_with_reason_when_tampered(tmp_path, spec):
    import shutil
    from service.artifacts import default_artifacts_dir
    for name in ("manifest.json", "model.joblib"):
        shutil.copy(default_artifacts_dir() / name, tmp_path / name)
    with open(tmp_path / "model.joblib", "ab") as f:
        f.write(b"tampered")
    client = create_app({"ARTIFACTS_DIR": str(tmp_path)}).test_client()
    check_problem(spec, client.get("/readyz"), 503, "does not match", "refusing to unpickle")


def test_readyz_503_when_model_cannot_score(monkeypatch, spec):
    """A model that verifies and unpickles but fails the smoke test is not ready."""
    class Incompatible:
        manifest = {"version": "x"}

        def score(self, **fields):
            raise AttributeError("'ReliabilityClassifier' object has no attribute 'reference_'")

    monkeypatch.setattr(Scorer, "load", staticmethod(lambda path=None, **kw: Incompatible()))
    client = create_app().test_client()
    check_problem(spec, client.get("/readyz"), 503, "model failed to load", "reference_")


def test_readyz_503_while_loading(monkeypatch, scorer, spec):
    release = threading.Event()

    def slow_load(path=None, **kwargs):
        release.wait(10)
        return scorer

    monkeypatch.setattr(Scorer, "load", staticmethod(slow_load))
    app = create_app({"LOAD_MODEL_AT_START": False})
    client = app.test_client()
    r = client.get("/readyz")
    check_problem(spec, r, 503, "loading")
    assert r.headers["Retry-After"] == "1"
    check_problem(spec, client.post("/v1/score", json={"text": WIRE}), 503, "loading")
    release.set()
    for _ in range(3000):  # the smoke test scores one article: allow a slow, busy machine
        if app.extensions["reliability.model"].scorer is not None:
            break
        threading.Event().wait(0.01)
    assert client.get("/readyz").status_code == 200
    assert client.post("/v1/score", json={"text": WIRE}).status_code == 200


def test_metrics(scorer):
    client = create_app({"SCORER": scorer}).test_client()
    client.post("/v1/score", json={"text": WIRE})
    client.post("/v1/score", json={"text": FARM})
    client.post("/v1/score", json={"text": ""})
    client.get("/nowhere")
    r = client.get("/metrics")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    text = r.get_data(as_text=True)
    assert 'reliability_http_requests_total{route="/v1/score",method="POST",status="200"} 2' in text
    assert 'reliability_http_requests_total{route="/v1/score",method="POST",status="422"} 1' in text
    assert 'reliability_http_requests_total{route="unmatched",method="GET",status="404"} 1' in text
    assert 'reliability_http_request_duration_seconds_count{route="/v1/score"} 3' in text
    assert 'reliability_http_request_duration_seconds_bucket{route="/v1/score",le="+Inf"} 3' in text
    bands = dict(re.findall(r'reliability_scores_total\{band="(\w+)"\} (\d+)', text))
    assert sum(int(v) for v in bands.values()) == 2
    assert "reliability_workers_ready 1" in text
    assert "# TYPE reliability_http_request_duration_seconds histogram" in text
    # exposition format: every sample line is `name{labels} value`
    for line in text.splitlines():
        assert line.startswith("#") or re.fullmatch(r'[a-z_]+(\{[^}]*\})? -?[0-9.e+-]+', line), line


def test_metrics_summed_across_workers(tmp_path, scorer):
    """With METRICS_DIR, /metrics adds other workers' snapshots (a dead worker's counters stay)."""
    other = {"requests": [["/v1/score", "POST", "200", 5]], "scores": {"high": 5},
             "latency": {"/v1/score": [5] + [0] * 13 + [0.004]}, "ready": 1}
    (tmp_path / "worker-999999999.json").write_text(json.dumps(other))
    client = create_app({"SCORER": scorer, "METRICS_DIR": str(tmp_path)}).test_client()
    client.post("/v1/score", json={"text": WIRE})
    text = client.get("/metrics").get_data(as_text=True)
    assert 'reliability_http_requests_total{route="/v1/score",method="POST",status="200"} 6' in text
    assert 'reliability_http_request_duration_seconds_count{route="/v1/score"} 6' in text
    assert "reliability_workers_ready 1" in text  # the dead one is not counted as ready


# --------------------------------------------------------------------------- errors

@pytest.mark.parametrize("data, needle", [
    (b'{"text": "unterminated', "malformed JSON"),
    (b"", "empty"),
    (b"[1, 2", "malformed JSON"),
    (b"[" * 100_000, "malformed JSON"),
    (b'{"text": 1' + b"1" * 5000 + b"}", "malformed JSON"),
    (b'{"text": NaN}', "text must be a string"),
])
def test_malformed_json(client, spec, data, needle):
    check_problem(spec, client.post("/v1/score", data=data, content_type="application/json"), 400, needle)


@pytest.mark.parametrize("payload, needle", [
    ({"text": 5}, "text must be a string, not number"),
    ({"text": WIRE, "title": ["a"]}, "title must be a string, not array"),
    ({"text": WIRE, "url": {"x": 1}}, "url must be a string, not object"),
    ({"text": True}, "text must be a string, not boolean"),
    ({"html": 3.5}, "html must be a string, not number"),
    ({"title": "no text"}, "text (a string) is required"),
    ({"text": None}, "text (a string) is required"),
    ([WIRE], "must be an object, not array"),
    ("just a string", "must be an object, not string"),
])
def test_wrong_field_types(client, spec, payload, needle):
    body = check_problem(spec, client.post("/v1/score", json=payload), 400, needle)
    if isinstance(payload, dict) and "field" in body:
        assert body["field"] in payload or body["field"] == "text"


def test_invalid_utf8_text_plain(client, spec):
    data = "Caf\u00e9 news. ".encode() + b"\xff\xfe bad bytes"
    offset = data.index(b"\xff")
    check_problem(spec, client.post("/v1/score", data=data, content_type="text/plain"), 400,
                  "not valid UTF-8", "0xff", f"offset {offset}")


def test_invalid_utf8_json(client, spec):
    check_problem(spec, client.post("/v1/score", data=b'{"text": "caf\xe9"}', content_type="application/json"),
                  400, "not valid UTF-8", "0xe9")


def test_lone_surrogate_in_json(client, spec):
    body = check_problem(spec, client.post("/v1/score", data=b'{"text": "news \\ud800 text"}',
                                           content_type="application/json"), 400, "text is not valid Unicode")
    assert body["field"] == "text"


def test_413_by_content_length(client, spec):
    body = check_problem(spec, client.post("/v1/score", data=b"x" * 200_001, content_type="text/plain"), 413,
                         "200001 bytes", "limit is 200000")
    assert body["limit"] == 200_000


def test_413_while_reading_chunked_body(client, spec):
    """No Content-Length (chunked): the limit is enforced while reading."""
    r = client.post("/v1/score", input_stream=io.BytesIO(b"word " * 50_000),
                    headers={"Content-Type": "text/plain", "Transfer-Encoding": "chunked"})
    check_problem(spec, r, 413, "over the limit of 200000 bytes")


def test_body_shorter_than_content_length(client, spec):
    class Broken(io.BytesIO):
        def read(self, n=-1):
            raise OSError("connection reset by peer")

        readline = read

    r = client.post("/v1/score", data=b"x" * 100, content_type="text/plain",
                    environ_overrides={"wsgi.input": Broken()})
    check_problem(spec, r, 400, "could not be read")


def test_chunked_body_under_limit(client):
    r = client.post("/v1/score", input_stream=io.BytesIO(WIRE.encode()),
                    headers={"Content-Type": "text/plain", "Transfer-Encoding": "chunked"})
    assert r.status_code == 200


@pytest.mark.parametrize("content_type, needle", [
    ("application/xml", "application/xml"),
    ("multipart/form-data; boundary=x", "multipart/form-data"),
    (None, "(none)"),
    ("text/plain; charset=latin-1", "charset 'latin-1'"),
    ("application/json; charset=utf-16", "charset 'utf-16'"),
])
def test_415(client, spec, content_type, needle):
    headers = {"Content-Type": content_type} if content_type else {}
    check_problem(spec, client.post("/v1/score", data=b"<x>news</x>", headers=headers), 415, needle)


@pytest.mark.parametrize("payload, needle", [
    ({"text": ""}, "empty"),
    ({"text": " \n\t "}, "empty"),
    ({"text": "word " * 10_001}, "limit is 50000 bytes"),
    ({"html": "<html><body><script>var x = 1;</script></body></html>"}, "no article text"),
])
def test_422(client, spec, payload, needle):
    check_problem(spec, client.post("/v1/score", json=payload), 422, needle)


def test_422_empty_text_plain(client, spec):
    check_problem(spec, client.post("/v1/score", data=b"", content_type="text/plain"), 422, "empty")


def test_404_and_405(client, spec):
    check_problem(spec, client.get("/v1/nope"), 404, "/v1/nope")
    r = client.get("/v1/score")
    check_problem(spec, r, 405, "GET is not allowed")
    assert "POST" in r.headers["Allow"]
    check_problem(spec, client.delete("/healthz"), 405)


def test_unexpected_error_is_a_logged_500_problem(scorer, spec, monkeypatch, caplog):
    app = create_app({"SCORER": scorer})
    monkeypatch.setattr(scorer, "score", lambda **kw: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="service.app"):
        r = app.test_client().post("/v1/score", json={"text": WIRE})
    body = check_problem(spec, r, 500)
    assert "ZeroDivisionError" not in body["detail"]  # no internals leak
    assert any("unhandled error" in rec.getMessage() for rec in caplog.records)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(st.binary(max_size=300),
                      st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
                                   lambda c: st.lists(c, max_size=4) | st.dictionaries(
                                       st.sampled_from(["text", "title", "url", "html", "articles", "x"]), c,
                                       max_size=4), max_leaves=12).map(lambda v: json.dumps(v).encode())),
       content_type=st.sampled_from(["application/json", "text/plain", "text/html", "image/png"]),
       path=st.sampled_from(["/v1/score", "/v1/score/batch"]))
def test_no_client_input_gives_500(client, spec, body, content_type, path):
    r = client.post(path, data=body, content_type=content_type)
    assert r.status_code < 500, r.get_data(as_text=True)
    if r.status_code >= 400:
        assert r.mimetype == PROBLEM_MIME
        check(spec, "Problem", r.get_json(force=True))


# --------------------------------------------------------------------------- OpenAPI

def test_openapi_document_is_valid(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    doc = r.get_json()
    assert doc["openapi"].startswith("3.1")
    try:
        from openapi_spec_validator import validate
    except ImportError:  # pragma: no cover - structural checks only
        validate = None
    if validate is not None:
        validate(doc)
    for name, schema in doc["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
    assert doc["components"]["schemas"]["BatchRequest"]["properties"]["articles"]["maxItems"] == 4


def test_openapi_covers_every_route(app, spec):
    routes = {(rule.rule, method.lower()) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert routes == documented
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert "200" in op["responses"] and "404" in op["responses"], (path, method)
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")):
                    assert "application/problem+json" in response["content"], (path, status)


def test_every_response_matches_its_documented_schema(client, spec):
    """Each documented (path, status) we can provoke returns a body matching the document's schema."""
    calls = [
        ("post", "/v1/score", {"json": {"text": WIRE}}, 200),
        ("post", "/v1/score", {"json": {"text": 1}}, 400),
        ("post", "/v1/score", {"data": b"x", "content_type": "image/png"}, 415),
        ("post", "/v1/score", {"json": {"text": ""}}, 422),
        ("post", "/v1/score/batch", {"json": {"articles": [{"text": WIRE}]}}, 200),
        ("get", "/v1/model", {}, 200),
        ("get", "/healthz", {}, 200),
        ("get", "/readyz", {}, 200),
        ("get", "/openapi.json", {}, 200),
    ]
    for method, path, kwargs, status in calls:
        r = getattr(client, method)(path, **kwargs)
        assert r.status_code == status, (path, r.get_data(as_text=True))
        content = spec["paths"][path][method]["responses"][str(status)]["content"]
        assert r.mimetype in content, (path, r.mimetype)
        schema = dict(content[r.mimetype]["schema"], components=spec["components"])
        jsonschema.Draft202012Validator(schema).validate(r.get_json(force=True))



@pytest.fixture(scope="module")
def api_schema(scorer):
    import schemathesis
    return schemathesis.openapi.from_wsgi("/openapi.json", create_app({"SCORER": scorer}))


try:  # schemathesis 4 API (pyproject: schemathesis>=4,<5); skipped with older or missing versions
    import schemathesis
    from schemathesis.specs.openapi import checks as _st_checks
    _st_from_fixture = schemathesis.pytest.from_fixture
    _st_excluded = [_st_checks.positive_data_acceptance, _st_checks.negative_data_rejection]
except (ImportError, AttributeError):  # pragma: no cover
    schemathesis = None

if schemathesis is not None:
    @_st_from_fixture("api_schema").parametrize()
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    def test_schemathesis_fuzz(case):
        """Calls generated from the document: no 5xx, every response matches its documented schema.

        Two checks are off by design: a schema-valid but blank article is 422 (the schema does not
        express "not blank"), and a batch answers 200 with per-article problems for bad articles.
        """
        case.call_and_validate(excluded_checks=_st_excluded)
