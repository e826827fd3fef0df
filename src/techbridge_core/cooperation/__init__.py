"""The cooperation pipeline's rules in pure Python: case stages, agreement and project statuses,
technology-contract categories and their party roles, amount checks, overdue and stale rules.

The Django app (techbridge.cooperation) turns rows into these value objects and stores the results.
"""
