"""Maintenance scripts, run from the repository root; a package so that tests can import them."""
