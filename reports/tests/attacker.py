"""An attacker who knows the suppression rule, written apart from reports.suppression.

Given what a published period shows, it enumerates (with sum-reachability bitsets) every
value each figure could have: shown figures are exact, "< t" lies in 1..t-1, "hidden" in
0..cap, and the tables of one population add up to the same total. The cap only makes the
attacker stronger (fewer possibilities) as long as it is above every true value.
"""

from __future__ import annotations

from reports.suppression import SHOWN, SMALL, PublishedCell, PublishedPeriod


def _domain(cell: PublishedCell, threshold: int, cap: int) -> int:
    if cell.state == SHOWN:
        assert cell.value is not None
        return 1 << cell.value
    if cell.state == SMALL:
        return sum(1 << v for v in range(1, threshold))
    return (1 << (cap + 1)) - 1


def _add(a: int, b: int, cap: int) -> int:
    """Bitset of every x + y with x in a and y in b (up to cap)."""
    result = 0
    shift = 0
    while b >> shift:
        if (b >> shift) & 1:
            result |= a << shift
        shift += 1
    return result & ((1 << (cap + 1)) - 1)


def _sums(domains: list[int], cap: int) -> int:
    reachable = 1
    for domain in domains:
        reachable = _add(reachable, domain, cap)
    return reachable


def _values(bits: int) -> set[int]:
    return {v for v in range(bits.bit_length()) if (bits >> v) & 1}


def feasible(
    period: PublishedPeriod, population: str, threshold: int, cap: int
) -> dict[tuple[str, str], set[int]]:
    """Every value each figure of the population could have, as the attacker sees it."""
    tables = [t for t in period.tables if t.population == population]
    domains = {t.key: [_domain(c, threshold, cap) for c in t.cells] for t in tables}
    totals = _domain(tables[0].total, threshold, cap)
    for table in tables:
        totals &= _sums(domains[table.key], cap)
    result: dict[tuple[str, str], set[int]] = {("total", population): _values(totals)}
    for table in tables:
        cells = domains[table.key]
        for index, cell in enumerate(table.cells):
            others = _sums(cells[:index] + cells[index + 1 :], cap)
            options = set()
            for value in _values(cells[index]):
                # x = N - (sum of the others) for some feasible N
                if any((others >> (n - value)) & 1 for n in _values(totals) if n >= value):
                    options.add(value)
            result[(table.key, cell.key)] = options
    return result
