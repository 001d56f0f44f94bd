"""The public JSON read API (/api/...), declared with django-ninja so that /api/schema/ is generated from the code."""
