"""Shared test fixtures: personas (DESIGN §4) and a logged-in client helper."""

pytest_plugins = ["tests.personas"]
