"""The web application: search, persons, sources and the operation, as pages (Russian and English) and JSON."""

from imena.web.app import create_app

__all__ = ["create_app"]
