"""The web side of thoisu: a REST API (OpenAPI at /docs) and HTML pages over a store, served by `thoisu serve`."""

from thoisu.web.app import create_app

__all__ = ["create_app"]
