from __future__ import annotations

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"

    def ready(self) -> None:
        # The start page's work queue (portal) learns of the privacy officer's reviews here.
        from privacy import work_queue

        work_queue.register()
