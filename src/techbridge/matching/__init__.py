"""Matching in the platform: stored listing vectors, best matches, feedback and broker decisions."""
