"""The techbridge Django project: persistence, pages, API and adapters around techbridge_core."""
