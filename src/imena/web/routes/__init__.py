"""The application's routers, one a page or responsibility, each with its page and its JSON under /api."""
