"""Signals accounts sends for layers above it (the processing log listens)."""

from django.dispatch import Signal

# Sent with request and user when the second factor completes a login.
second_factor_verified = Signal()
