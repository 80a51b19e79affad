"""Lockout per network as well as per account: password spraying from one range is stopped.

django-axes locks an account from one address after AXES_FAILURE_LIMIT failures. Spraying
tries one or two passwords against many accounts, often from many addresses of one range, and
never reaches that limit for any account. This handler adds a second lock: when the failures of
all accounts from one network (an IPv4 /24 or an IPv6 /64 by default) within the cool-off
reach LOGIN_FAILURES_PER_NETWORK, every login from that network is refused until the cool-off
has passed. The counts are axes' own attempt rows, so every worker process sees the same.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.utils import timezone

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def network_of(address: str | None) -> IpNetwork | None:
    """The range an address counts in; None for a missing or malformed address."""
    if not address:
        return None
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = (
        settings.LOCKOUT_NETWORK_PREFIX_IPV4
        if ip.version == 4
        else settings.LOCKOUT_NETWORK_PREFIX_IPV6
    )
    return ipaddress.ip_network(f"{ip}/{prefix}", strict=False)


def _in_network(address: str | None, network: IpNetwork) -> bool:
    found = network_of(address)
    return found is not None and found == network


def network_failures(network: IpNetwork) -> int:
    """Failures of any account from ``network`` within the cool-off (counted up to the limit)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    limit = settings.LOGIN_FAILURES_PER_NETWORK
    counted = 0
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since).values_list(
        "ip_address", "failures_since_start"
    )
    for address, failures in attempts.iterator(chunk_size=2000):
        if _in_network(address, network):
            counted += failures
            if counted >= limit:
                break
    return counted


def is_network_locked(address: str | None) -> bool:
    network = network_of(address)
    if network is None:
        return False
    return network_failures(network) >= settings.LOGIN_FAILURES_PER_NETWORK


class NetworkLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with the lock per network added to its lock per account.

    axes asks ``is_locked`` before a login (the backend refuses a locked request) and decides
    after a failure, from its own counts, whether to answer with the lockout page; both places
    get the network's count as well.
    """

    def is_locked(self, request: Any, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if self.is_whitelisted(request, credentials):
            return False
        return is_network_locked(getattr(request, "axes_ip_address", None))

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.is_whitelisted(request, credentials):
            return
        if not is_network_locked(getattr(request, "axes_ip_address", None)):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
