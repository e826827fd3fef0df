"""techbridge's algorithms in pure Python: no Django, no database, no HTTP.

Inputs are immutable value objects; outputs are plain data. Everything here can be
tested and benchmarked without a web server (import-linter forbids Django imports).
"""
