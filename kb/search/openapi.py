"""The OpenAPI 3 description of the public search API, served at /api/schema/."""

from .query import DEFAULT_PAGE_SIZE, DOC_TYPES, FILTER_FACETS, MAX_PAGE_SIZE, SORTS

FACET_DESCRIPTIONS = {
    "type": f"Entry type: {', '.join(DOC_TYPES)}",
    "country": "ISO 3166-1 alpha-2 country code, e.g. TH",
    "city": "City slug, e.g. bangkok",
    "domain": "Domain slug, e.g. mobility",
    "technology": "Technology slug, e.g. cctv",
    "theme": "Theme slug, e.g. data-governance",
    "status": "Status of a case study or agreement, e.g. ongoing, signed",
}


def _facet_parameter(facet: str) -> dict:
    return {
        "name": facet,
        "in": "query",
        "required": False,
        "description": FACET_DESCRIPTIONS[facet]
        + ". Repeat the parameter or separate values with commas; values of one facet combine with OR, facets with AND.",
        "schema": {"type": "array", "items": {"type": "string", "maxLength": 120}, "maxItems": 30},
        "style": "form",
        "explode": True,
    }


def schema(server_url: str) -> dict:
    error = {"$ref": "#/components/responses/BadRequest"}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "ASEAN-China Smart City Knowledge Base search API",
            "version": "1.0.0",
            "description": "Full-text search over published case studies, cooperation agreements, vendor solutions, "
            "organisations, cities and themes, with facets, highlighted snippets and suggestions. Drafts and restricted entries are never returned.",
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "Search the knowledge base",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "description": (
                                'Search text: words (all must match), "quoted phrases", -excluded words, OR between alternatives. Chinese works.'
                            ),
                            "schema": {"type": "string", "maxLength": 1000},
                        },
                        *[_facet_parameter(facet) for facet in FILTER_FACETS],
                        {"name": "year_from", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1900, "maximum": 2100}},
                        {"name": "year_to", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1900, "maximum": 2100}},
                        {"name": "sort", "in": "query", "required": False, "schema": {"type": "string", "enum": SORTS, "default": "relevance"}},
                        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "default": 1}},
                        {
                            "name": "page_size",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of results",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}},
                        },
                        "400": error,
                    },
                }
            },
            "/api/search/suggest/": {
                "get": {
                    "operationId": "suggest",
                    "summary": "Titles completing what is being typed",
                    "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 200}}],
                    "responses": {
                        "200": {
                            "description": "Suggestions",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SuggestResponse"}}},
                        },
                        "400": error,
                    },
                }
            },
            "/api/schema/": {
                "get": {
                    "operationId": "schema",
                    "summary": "This OpenAPI document",
                    "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}},
                }
            },
        },
        "components": {
            "responses": {
                "BadRequest": {
                    "description": "A parameter is invalid; the reason is given",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}, "field": {"type": "string", "nullable": True}},
                },
                "Hit": {
                    "type": "object",
                    "required": ["type", "slug", "title", "url", "summary", "highlights"],
                    "properties": {
                        "type": {"type": "string", "enum": DOC_TYPES},
                        "slug": {"type": "string"},
                        "title": {"type": "string"},
                        "url": {"type": "string", "description": "Path of the entry's page on this site"},
                        "summary": {"type": "string"},
                        "highlights": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "HTML-escaped fragments; matched words are wrapped in <mark> elements",
                        },
                    },
                },
                "FacetValue": {
                    "type": "object",
                    "required": ["value", "label", "count", "selected"],
                    "properties": {
                        "value": {"type": "string"},
                        "label": {"type": "string"},
                        "count": {"type": "integer", "description": "Matches with this value, counted under every other facet's selection"},
                        "selected": {"type": "boolean"},
                    },
                },
                "SearchResponse": {
                    "type": "object",
                    "required": ["engine", "total", "results", "facets", "suggestions", "page", "page_size", "pages"],
                    "properties": {
                        "engine": {"type": "string", "enum": ["elasticsearch", "database"]},
                        "query": {"type": "string"},
                        "corrected_query": {
                            "type": "string",
                            "nullable": True,
                            "description": "Set when nothing matched as typed and a correction was searched",
                        },
                        "fallback_reason": {"type": "string", "nullable": True},
                        "total": {"type": "integer"},
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "next": {"type": "string", "nullable": True},
                        "previous": {"type": "string", "nullable": True},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                        "facets": {
                            "type": "object",
                            "properties": {
                                facet: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}} for facet in [*FILTER_FACETS, "year"]
                            },
                        },
                        "suggestions": {"type": "array", "items": {"type": "string"}, "description": "Did-you-mean alternatives"},
                    },
                },
                "SuggestResponse": {
                    "type": "object",
                    "required": ["query", "suggestions"],
                    "properties": {
                        "query": {"type": "string"},
                        "suggestions": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {"text": {"type": "string"}, "url": {"type": "string"}, "type": {"type": "string", "enum": DOC_TYPES}},
                            },
                        },
                    },
                },
            },
        },
    }
