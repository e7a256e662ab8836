"""Influence-weighted PageRank: power that flows from listeners to the people they listen to.

Kept small and separate so it can be swapped for a compiled kernel: the input is
plain integer edge lists, the output a list of floats. It runs in pure Python
because ``nx.pagerank`` imports scipy (about 0.8 s cold), far more than the whole
analysis of a 10,000-person account may cost.

>>> [round(v, 4) for v in flow(3, [(0, 1, 1.0)], [1.0, 0.0, 0.5])]
[0.15, 0.1275, 0.075]
"""

from __future__ import annotations

from operator import mul, sub

__all__ = ["flow", "DAMPING"]

# The PageRank damping factor: how much of a person's power passes on to those they listen to.
DAMPING = 0.85


def flow(
    n: int,
    edges: list[tuple[int, int, float]],
    base: list[float],
    *,
    damping: float = DAMPING,
    tol: float = 1e-7,
    max_iter: int = 500,
) -> list[float]:
    """Solve ``x = (1 - damping)·base + damping·Σ share·x[giver]`` over ``(giver, receiver, share)`` edges.

    Each giver's shares must sum to at most 1; whatever a giver keeps is not
    passed on (unlike textbook PageRank, it is not spread over everyone), so a
    person nobody listens to keeps exactly ``(1 - damping)·base``. The sweep
    updates in place (Gauss–Seidel), which converges about twice as fast as
    textbook power iteration and to the same fixed point; it stops when no value
    moves by more than ``tol``.
    """
    keep = 1.0 - damping
    x = [keep * b for b in base]
    receivers: dict[int, tuple[list[int], list[float]]] = {}
    for giver, receiver, share in edges:
        givers, shares = receivers.setdefault(receiver, ([], []))
        givers.append(giver)
        shares.append(damping * share)
    rows = [(receiver, keep * base[receiver], givers, shares) for receiver, (givers, shares) in sorted(receivers.items())]
    value_of = x.__getitem__
    for _ in range(max_iter):
        before = x[:]
        for receiver, own, givers, shares in rows:
            x[receiver] = own + sum(map(mul, map(value_of, givers), shares))
        if max(map(abs, map(sub, x, before)), default=0.0) <= tol:
            break
    return x
