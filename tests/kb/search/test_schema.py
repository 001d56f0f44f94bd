"""One declared schema: documents, both engines' fields and the facet list all come from kb.search.schema."""

import pytest

from kb.search import schema
from kb.search.engines.es_mapping import es_document, index_settings, weighted_fields
from kb.search.models import SearchDocument


def test_a_document_has_every_declared_field_and_only_its_types_facets():
    document = schema.document(
        "theme", source="theme:1", slug="privacy", title="Privacy", url="/themes/privacy/", summary="Who sees what.", facets={"theme": ["privacy"]}
    )
    assert set(schema.TEXT) - {"title"} <= set(document)
    assert document["summary"] == "Who sees what." and document["lessons"] == ""
    assert document["facets"] == {"type": ["theme"], "theme": ["privacy"]}


def test_a_builder_cannot_fill_a_field_its_type_does_not_declare():
    with pytest.raises(ValueError, match="theme documents declare no field controversies"):
        schema.document("theme", source="theme:1", slug="t", title="T", url="/t/", facets={}, controversies="none")
    with pytest.raises(ValueError, match="country"):
        schema.document("theme", source="theme:1", slug="t", title="T", url="/t/", facets={"country": ["TH"]})


def test_both_engines_weigh_each_field_as_declared():
    database = {field.field_name: field.boost for field in SearchDocument.search_fields if hasattr(field, "boost")}
    elasticsearch = dict(field.split("^") for field in weighted_fields(subfields=False))
    for text in schema.TEXT_FIELDS:
        assert database[text.name] == text.boost
        assert float(elasticsearch[text.name]) == text.boost
        assert SearchDocument._meta.get_field(text.name)


def test_the_elasticsearch_mapping_has_a_field_for_every_declared_field_and_facet():
    properties = index_settings([])["mappings"]["properties"]
    for text in schema.TEXT_FIELDS:
        assert set(text.also) <= set(properties[text.name]["fields"])
        assert ("plain" in properties[text.name]["fields"]) is (text.fuzzy is not None)
    assert {name: properties[name]["type"] for name in schema.FACETS} == {
        "type": "keyword", "country": "keyword", "city": "keyword", "domain": "keyword",
        "technology": "keyword", "theme": "keyword", "kind": "keyword", "vendor": "keyword", "status": "keyword",
        "year": "integer",
    }  # fmt: skip
    document = schema.document("city", source="city:1", slug="hue", title="Hue", url="/cities/hue/", facets={"country": ["VN"], "city": ["hue"]})
    assert set(es_document(document)) <= set(properties)


def test_the_facet_list_is_the_schemas():
    assert schema.facet_names() == ["type", "country", "city", "domain", "technology", "theme", "kind", "vendor", "status", "year"]
    assert all(str(facet.label) and facet.description for facet in schema.FACETS.values())
