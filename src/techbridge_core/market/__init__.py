"""The technology trade market's rules in pure Python: listing lifecycle, expiry dates, quality checks.

The Django app (techbridge.market) turns rows into these value objects and stores the results.
"""
