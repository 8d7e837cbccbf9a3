"""The OpenAPI 3.1 description of the HTTP service (served at ``GET /openapi.json``).

Schemas are JSON Schema 2020-12 (OpenAPI 3.1 dialect); tests validate real responses against them.
"""
from __future__ import annotations

import copy

from . import __version__

_PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _problem(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {"schema": _PROBLEM}}}


def _json(ref: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


_ARTICLE = {
    "type": "object",
    "description": "One article. `text` or `html` is required; with only `html`, the text is extracted from "
                   "the page. Unknown fields are ignored (callers may carry their own ids).",
    "properties": {
        "text": {"type": "string", "description": "The article text (UTF-8, at most MAX_TEXT_BYTES bytes)."},
        "title": {"type": "string", "description": "The headline."},
        "url": {"type": "string", "description": "Where it was published; its domain is looked up in ratings."},
        "html": {"type": "string", "description": "The raw page, when available."},
    },
    "anyOf": [{"required": ["text"]}, {"required": ["html"]}],
}

_SCHEMAS = {
    "Problem": {
        "type": "object",
        "description": "RFC 7807 problem details.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "field": {"type": "string", "description": "The request field at fault, when there is one."},
            "limit": {"type": "integer", "description": "The limit that was exceeded (413)."},
            "ready": {"type": "boolean"},
        },
    },
    "Article": _ARTICLE,
    "BatchRequest": {
        "type": "object",
        "required": ["articles"],
        "properties": {"articles": {"type": "array", "maxItems": 256,
                                    "description": "At most MAX_BATCH_ARTICLES (default 256) articles.",
                                    "items": {"$ref": "#/components/schemas/Article"}}},
    },
    "ModelRef": {
        "type": "object",
        "required": ["version", "sha256"],
        "properties": {"version": {"type": "string"},
                       "sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
                       "sklearn_version": {"type": ["string", "null"]}},
    },
    "Reason": {
        "type": "object",
        "required": ["signal", "direction", "weight"],
        "properties": {
            "signal": {"type": "string", "description": "A signal name, or a group of signals "
                       "(stylometry_profile), an n-gram view (word_ngrams, function_word_pattern, char_ngrams; its "
                       "evidence lists the n-grams that moved it most) or a prior (domain_reliability, "
                       "content_farm_markers, state_publisher)."},
            "value": {"type": "number", "description": "The signal's value; absent for groups and priors."},
            "direction": {"enum": ["raises", "lowers"]},
            "weight": {"type": "number", "description": "Contribution to the log-odds of 'reliable'."},
            "evidence": {"description": "Snippets of the article behind the signal."},
        },
    },
    "Provenance": {
        "type": "object",
        "required": ["class", "evidence", "domain", "domain_rating"],
        "properties": {
            "class": {"enum": ["wire", "syndicated", "state-affiliated", "ai-style", "unknown"]},
            "basis": {"enum": ["marker", "domain", "house style", "reference index", None]},
            "syndication": {"type": "object", "description": "Present only when a reference index is loaded.",
                            "properties": {"match_id": {"type": ["string", "null"]},
                                           "origin": {"type": ["string", "null"]},
                                           "containment": {"type": "number"},
                                           "kind": {"enum": ["verbatim", "rewrite", "none"]}}},
            "evidence": {"type": "array", "items": {"type": "string"}},
            "domain": {"type": ["string", "null"]},
            "domain_rating": {"type": ["string", "null"]},
        },
    },
    "Caveat": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"enum": ["page_read_as_html", "short_text", "not_english", "press_release", "html_as_text"]},
            "message": {"type": "string"},
        },
    },
    "ScoreResult": {
        "type": "object",
        "required": ["score", "band", "provenance", "signals", "reasons", "caveats", "model"],
        "properties": {
            "score": {"type": "number", "minimum": 0, "maximum": 1,
                      "description": "Calibrated probability that the article comes from a reliable source."},
            "band": {"enum": ["high", "mixed", "low"]},
            "provenance": {"$ref": "#/components/schemas/Provenance"},
            "signals": {"type": "object", "additionalProperties": {"type": "number"}},
            "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}},
            "caveats": {"type": "array", "items": {"$ref": "#/components/schemas/Caveat"},
                        "description": "Why the score may mean less for this article (empty for most): "
                                       "page_read_as_html (a whole page sent as text was read "
                                       "as html), short_text, not_english, press_release, html_as_text."},
            "model": {"$ref": "#/components/schemas/ModelRef"},
        },
    },
    "BatchResponse": {
        "type": "object",
        "required": ["results", "model"],
        "properties": {
            "results": {"type": "array", "description": "One entry per article, in request order: a result, or a "
                                                        "problem object for an article that failed validation.",
                        "items": {"oneOf": [{"$ref": "#/components/schemas/ScoreResult"}, _PROBLEM]}},
            "model": {"$ref": "#/components/schemas/ModelRef"},
        },
    },
    "ModelCard": {
        "type": "object",
        "required": ["version", "sha256", "sklearn_version", "features", "metrics", "bands"],
        "properties": {
            "version": {"type": "string"},
            "sha256": {"type": ["string", "null"]},
            "sklearn_version": {"type": ["string", "null"]},
            "created": {"type": ["string", "null"]},
            "features": {"type": "array", "items": {
                "type": "object", "required": ["name", "definition"],
                "properties": {"name": {"type": "string"}, "definition": {"type": "string"}}}},
            "views": {"type": "array", "description": "The hashed n-gram views read after the signals.", "items": {
                "type": "object", "required": ["name", "columns", "definition"],
                "properties": {"name": {"type": "string"},
                               "columns": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2,
                                           "description": "First column and one past the last in the model input."},
                               "definition": {"type": "string"}, "member": {"type": "string"}}}},
            "metrics": {"type": "object", "description": "Evaluation metrics from the manifest."},
            "metrics_per_collection": {"type": "object"},
            "bands": {"type": "object", "required": ["high", "mixed", "low"], "properties": {
                "high": {"type": "object", "properties": {
                    "min_score": {"type": ["number", "null"]},
                    "false_positive_rate": {"type": ["number", "null"],
                                            "description": "Share of unreliable articles scored high."},
                    "reliable_recall": {"type": ["number", "null"]}}},
                "mixed": {"type": "object", "properties": {
                    "whatever_the_score_under_caveats": {
                        "type": "array", "items": {"type": "string"},
                        "description": "Caveat codes under which an article is banded mixed whatever its score."}}},
                "low": {"type": "object", "properties": {
                    "below": {"type": ["number", "null"]},
                    "false_low_rate": {"type": ["number", "null"],
                                       "description": "Share of reliable articles scored low."},
                    "unreliable_recall": {"type": ["number", "null"]}}},
                "chosen_on": {"type": ["string", "null"]}}},
            "training_data": {"type": "object"},
        },
    },
    "Health": {"type": "object", "required": ["status"],
               "properties": {"status": {"const": "ok"}, "pid": {"type": "integer"}}},
    "Ready": {"type": "object", "required": ["status", "model"],
              "properties": {"status": {"const": "ready"}, "model": {"$ref": "#/components/schemas/ModelRef"}}},
}

_COMMON = {
    "404": _problem("No such endpoint."),
    "405": _problem("Method not allowed (the Allow header lists the allowed ones)."),
    "500": _problem("Internal error (logged; no client input should produce it)."),
}
_SCORING_ERRORS = {
    "400": _problem("Malformed JSON, a field of the wrong type, a missing text/html, or a body that is not "
                    "UTF-8 (the detail says which field or byte)."),
    "408": _problem("The body did not arrive in full within BODY_TIMEOUT seconds; the connection is closed."),
    "413": _problem("Body over MAX_BODY_BYTES (or, for a batch, more than MAX_BATCH_ARTICLES articles)."),
    "415": _problem("Content type (or charset) not supported."),
    "503": _problem("The model is not loaded (yet, or loading failed: see detail)."),
}

_TITLE_URL_PARAMS = [
    {"name": "title", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "The headline (text/plain and text/html bodies only)."},
    {"name": "url", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "The article's URL (text/plain and text/html bodies only)."},
]

_DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Source reliability scoring",
        "version": __version__,
        "description": "Calibrated source-reliability scores for news articles, with the evidence behind them. "
                       "Every error is application/problem+json (RFC 7807).",
    },
    "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
    "paths": {
        "/v1/score": {"post": {
            "operationId": "score",
            "summary": "Score one article",
            "parameters": _TITLE_URL_PARAMS,
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Article"}},
                "text/plain": {"schema": {"type": "string", "minLength": 1,
                                          "description": "The body is the article text (UTF-8)."}},
                "text/html": {"schema": {"type": "string", "minLength": 1,
                                         "description": "The body is the page (UTF-8); the article is "
                                                        "extracted from it."}},
            }},
            "responses": {"200": _json("ScoreResult", "The score, band, provenance, signals and reasons."),
                          **_SCORING_ERRORS,
                          "422": _problem("Empty or whitespace-only text, text over MAX_TEXT_BYTES, or no "
                                          "text extractable from the html."),
                          **_COMMON},
        }},
        "/v1/score/batch": {"post": {
            "operationId": "scoreBatch",
            "summary": "Score many articles in one model call",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}}}},
            "responses": {"200": _json("BatchResponse", "Results in request order; invalid articles get a "
                                                        "problem object in their own slot."),
                          **_SCORING_ERRORS, **_COMMON},
        }},
        "/v1/model": {"get": {
            "operationId": "modelCard",
            "summary": "The model card",
            "responses": {"200": _json("ModelCard", "Version, hash, features, metrics and band thresholds."),
                          "503": _SCORING_ERRORS["503"], **_COMMON},
        }},
        "/healthz": {"get": {
            "operationId": "health", "summary": "Liveness: the process answers",
            "responses": {"200": _json("Health", "Alive."), **_COMMON},
        }},
        "/readyz": {"get": {
            "operationId": "ready", "summary": "Readiness: the model is loaded",
            "responses": {"200": _json("Ready", "Ready to score."),
                          "503": _problem("Not ready: still loading (Retry-After) or loading failed (detail)."),
                          **_COMMON},
        }},
        "/metrics": {"get": {
            "operationId": "metrics", "summary": "Prometheus metrics (text exposition format 0.0.4)",
            "responses": {"200": {"description": "Metrics.",
                                  "content": {"text/plain": {"schema": {"type": "string"}}}}, **_COMMON},
        }},
        "/openapi.json": {"get": {
            "operationId": "openapi", "summary": "This document",
            "responses": {"200": {"description": "OpenAPI 3.1 document.",
                                  "content": {"application/json": {"schema": {"type": "object"}}}}, **_COMMON},
        }},
    },
    "components": {"schemas": _SCHEMAS},
}


def document(max_batch_articles: int | None = None) -> dict:
    """A fresh copy of the OpenAPI document (with this server's batch limit, when given)."""
    doc = copy.deepcopy(_DOCUMENT)
    if max_batch_articles is not None:
        doc["components"]["schemas"]["BatchRequest"]["properties"]["articles"]["maxItems"] = max_batch_articles
    return doc
