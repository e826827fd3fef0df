"""Instrument pages. Each view asks the access funnel for objects, calls one domain function, renders."""
