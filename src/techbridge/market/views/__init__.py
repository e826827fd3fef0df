"""Market pages. Each view asks market.access for objects, calls one domain function, renders."""
