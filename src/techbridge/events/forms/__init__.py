"""Events: forms."""
