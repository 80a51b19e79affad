"""Benchmarks: programs that print figures (``make bench``). Not tests; nothing is asserted."""
