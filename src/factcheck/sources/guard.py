"""The address guard: every connection, first and each redirect hop, goes to a public address checked by us."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Callable, Iterable
from urllib.parse import urlsplit

from factcheck.errors import FactcheckError, SaysMessage
from factcheck.i18n import Message

# --------------------------------------------------------------------------- the address guard


# Checked in this order, so an address is named by its most specific range.
# The names are messages: "a loopback address" is said in the user's language.
REFUSED_RANGES = (
    ("is_unspecified", Message("unspecified")),
    ("is_loopback", Message("loopback")),
    ("is_link_local", Message("link-local")),
    ("is_multicast", Message("multicast")),
    ("is_reserved", Message("reserved")),
    ("is_private", Message("private")),
)
NON_PUBLIC = Message("non-public")


def address_refusal(address: str, allow_networks: Iterable[str] = ()) -> str | None:
    """Why this IP address must not be fetched from ("loopback", "private"...), or None when it is public.

    An IPv4 address wrapped in IPv6 (::ffff:127.0.0.1, or 6to4 2002:7f00:1::) is judged as IPv4.
    `allow_networks` (CIDR strings) are let through: a newsroom's own intranet, or a test's loopback.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id (fe80::1%eth0)
    if ip.version == 6:
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    if any(ip in ipaddress.ip_network(net, strict=False) for net in allow_networks):
        return None
    for attribute, name in REFUSED_RANGES:
        if getattr(ip, attribute):
            return name
    return None if ip.is_global else NON_PUBLIC


def scheme_refusal(url: str) -> str | None:
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return None
    if not scheme:
        return Message("only http and https addresses are fetched, not this:")
    return Message("only http and https addresses are fetched, not {scheme}:", scheme=scheme)


async def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    import httpcore

    try:
        return [str(ipaddress.ip_address(host))]  # an address already: no lookup, no thread
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout)
    except asyncio.TimeoutError:
        raise httpcore.ConnectTimeout(f"DNS lookup for {host} timed out") from None
    except (socket.gaierror, UnicodeError):
        raise httpcore.ConnectError(f"DNS lookup failed: no address for {host}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


class AddressBlocked(SaysMessage):
    """A connection the guard refused. Not an httpcore error, so httpx passes it through untouched."""


class _GuardedBackend:
    """An httpcore network backend that resolves the host, refuses non-public addresses, and connects
    to the very address it checked (so a second DNS answer cannot slip a private address in)."""

    def __init__(self, refusal: Callable[[str], str | None]):
        import httpcore

        self._inner = httpcore.AnyIOBackend()
        self._refusal = refusal

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        import httpcore

        addresses = await _resolve(host, port, timeout)
        for address in addresses:
            reason = self._refusal(address)
            if reason:
                raise AddressBlocked(
                    "{host} resolves to {address}, a {reason} address", host=host, address=address, reason=reason)
        error: Exception | None = None
        for address in addresses:  # happy-eyeballs lite: the next address when one refuses
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise AddressBlocked("unix sockets are never used")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def _refusal_policy(allow_private: bool, allow_networks: Iterable[str]) -> Callable[[str], str | None]:
    networks = tuple(allow_networks)
    for net in networks:
        try:
            ipaddress.ip_network(net, strict=False)
        except ValueError:
            raise FactcheckError("not a network: {net!r} (use CIDR, e.g. 10.0.0.0/8)", net=net) from None
    if allow_private:
        return lambda address: None
    return lambda address: address_refusal(address, networks)
