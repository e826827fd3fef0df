"""Events: views."""
