from wagtail import hooks

from .downloads import serve_index_pages_as_csv

hooks.register("on_serve_page", serve_index_pages_as_csv)
