"""Events: domain."""
