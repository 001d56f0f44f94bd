"""Public search: one interface (query.py, service.py), two engines (engines/database.py, engines/elasticsearch.py).

Documents come from documents.py; indexing.py keeps both indexes in step with publishing (signals.py) and
`manage.py rebuild_search_index` rebuilds them; `manage.py search_relevance` measures them.
"""
