"""Pure algorithms on signed graphs: triads, triangle balance, the exact frustration index and every
minimum-frustration partition. No data access: edges in, numbers out.

Balance theory
--------------
Heider (1946): a triad is balanced when the product of its three signs is positive ("the friend of my
friend is my friend, the enemy of my enemy is my friend"): ``+++`` and ``+--`` are balanced, ``++-`` and
``---`` are not. Cartwright & Harary (1956) generalised this to whole graphs: a signed graph is balanced
iff every cycle has positive sign product, iff its nodes split into two blocs with every positive tie
inside a bloc and every negative tie between the blocs. Davis (1967) called ``---`` triads *weakly*
balanced (clusterable into three or more mutually hostile blocs); we report that flag too.

*Triangle balance score* (Cartwright & Harary's degree of balance restricted to 3-cycles): balanced
triangles / all triangles. With ``A`` the signed adjacency matrix, ``T = tr(|A|^3)/6`` triangles of which
``T_bal = (tr(|A|^3) + tr(A^3))/12`` are balanced.

*Frustration index* ``L(G)`` (Harary 1959's line index of balance): the minimum number of edges whose
removal (equivalently, sign change) makes the graph balanced. Computed exactly with the binary linear
program of Aref, Mason & Wilson (2018), "Computing the line index of balance using integer programming
optimisation", in Goldengorin (ed.), *Optimization Problems in Graph Theory*, Springer, 65-84
(the "AND" model): node colours ``x_i ∈ {0,1}`` and edge variables ``x_ij = x_i ∧ x_j``::

    min  Σ_{(i,j)∈E+} (x_i + x_j − 2 x_ij)  +  Σ_{(i,j)∈E−} (1 − x_i − x_j + 2 x_ij)
    s.t. x_ij ≤ x_i,  x_ij ≤ x_j               (i,j) ∈ E+
         x_ij ≥ x_i + x_j − 1                   (i,j) ∈ E−
         x_i ∈ {0,1},  0 ≤ x_ij ≤ 1

A positive edge is frustrated iff its ends get different colours, a negative edge iff they get the same.
For binary ``x_i`` the optimum sets ``x_ij`` to ``x_i ∧ x_j`` so the edge variables can stay continuous.
One node per connected component is fixed to colour 1 (the colouring is symmetric), and nodes that lie
on no cycle are pruned first (their edges can always be satisfied), as Aref et al. recommend. Solved with
HiGHS (Huangfu & Hall 2018) through :func:`scipy.optimize.milp`.

*Every minimum partition* (:func:`minimum_partitions`): when several two-bloc partitions reach the same
minimum frustration the data do not choose between them, and a report must say so. For up to
:data:`ENUMERATE_MAX` nodes every colouring is enumerated (``2^(n-1)`` with one node fixed); above that only
the solver's partition is returned.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations, product

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from amity.errors import AmityError

ENUMERATE_MAX = 16



def _edge_arrays(edges: pd.DataFrame | Iterable[tuple]) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """(node labels, u index, v index, sign) from a DataFrame with ccode1/ccode2/sign or (u, v, sign) tuples."""
    if isinstance(edges, pd.DataFrame):
        u_lab, v_lab, signs = edges["ccode1"].tolist(), edges["ccode2"].tolist(), edges["sign"].to_numpy()
    else:
        triples = list(edges)
        u_lab = [t[0] for t in triples]
        v_lab = [t[1] for t in triples]
        signs = np.array([t[2] for t in triples])
    signs = np.asarray(signs, dtype=int)
    if len(signs) and not np.isin(signs, (-1, 1)).all():
        raise AmityError("edge signs must be +1 or -1")
    nodes = list(dict.fromkeys(u_lab + v_lab))
    index = {n: i for i, n in enumerate(nodes)}
    u = np.array([index[x] for x in u_lab], dtype=int)
    v = np.array([index[x] for x in v_lab], dtype=int)
    if (u == v).any():
        raise AmityError("self-loops are not allowed in a signed network")
    key = np.minimum(u, v) * len(nodes) + np.maximum(u, v)
    if len(np.unique(key)) != len(key):
        raise AmityError("each pair of nodes may have at most one signed edge")
    return nodes, u, v, signs


def triangle_balance(edges: pd.DataFrame | Iterable[tuple]) -> dict:
    """Triangles, balanced triangles and the triangle balance score (balanced / all) of a signed graph.

    ``T = tr(|A|^3)/6``, ``T_bal = (tr(|A|^3) + tr(A^3))/12`` (Cartwright & Harary 1956, restricted to
    3-cycles). The score is ``None`` when the graph has no triangle.
    """
    nodes, u, v, s = _edge_arrays(edges)
    n = len(nodes)
    if n == 0:
        return {"triangles": 0, "balanced_triangles": 0, "triangle_balance": None}
    a = sparse.coo_matrix((np.r_[s, s].astype(float), (np.r_[u, v], np.r_[v, u])), shape=(n, n)).tocsr()
    a_abs = abs(a)
    tr_signed = (a @ a).multiply(a).sum()
    tr_abs = (a_abs @ a_abs).multiply(a_abs).sum()
    total = int(round(tr_abs / 6))
    balanced = int(round((tr_abs + tr_signed) / 12))
    return {"triangles": total, "balanced_triangles": balanced, "triangle_balance": balanced / total if total else None}


def triad_balance(edges: pd.DataFrame | Iterable[tuple], nodes: Sequence | None = None) -> pd.DataFrame:
    """Every closed triad (all three ties present) of a signed network, with its signs and balance.

    Columns: ``node1, node2, node3`` (as in the edges; for a DataFrame from :func:`signed_network` the COW
    codes, plus ``state1..3`` labels), ``signs`` (e.g. ``"+-−"`` in the order 12, 13, 23), ``product``,
    ``balanced`` (Heider / Cartwright–Harary: product positive), ``weakly_balanced`` (Davis 1967: also
    ``---``). ``nodes`` restricts the triads to those among the given nodes.
    """
    labels_df = isinstance(edges, pd.DataFrame) and {"state1", "state2"} <= set(edges.columns)
    names, u, v, s = _edge_arrays(edges)
    sign = {}
    for i, j, k in zip(u, v, s):
        sign[(names[i], names[j])] = int(k)
        sign[(names[j], names[i])] = int(k)
    keep = set(nodes) if nodes is not None else None
    adj: dict = {}
    for i, j in zip(u, v):
        adj.setdefault(names[i], set()).add(names[j])
        adj.setdefault(names[j], set()).add(names[i])
    order = {n: i for i, n in enumerate(sorted(adj, key=lambda x: (str(type(x)), x)))}
    rows = []
    for a in adj:
        for b, c in combinations(sorted(adj[a], key=order.get), 2):
            if order[b] <= order[a] or c not in adj[b]:
                continue
            if keep is not None and not {a, b, c} <= keep:
                continue
            trio = (a, b, c)
            sg = (sign[(a, b)], sign[(a, c)], sign[(b, c)])
            prod = sg[0] * sg[1] * sg[2]
            rows.append(
                {
                    "node1": trio[0],
                    "node2": trio[1],
                    "node3": trio[2],
                    "signs": "".join("+" if x > 0 else "-" for x in sg),
                    "product": prod,
                    "balanced": prod > 0,
                    "weakly_balanced": prod > 0 or sg == (-1, -1, -1),
                }
            )
    out = pd.DataFrame(rows, columns=["node1", "node2", "node3", "signs", "product", "balanced", "weakly_balanced"])
    if labels_df and len(out):
        lab = dict(zip(edges["ccode1"], edges["state1"])) | dict(zip(edges["ccode2"], edges["state2"]))
        for k in (1, 2, 3):
            out[f"state{k}"] = out[f"node{k}"].map(lab)
    return out.sort_values(["node1", "node2", "node3"]).reset_index(drop=True)


@dataclass
class Frustration:
    """The exact frustration index of a signed network and one optimal two-bloc partition."""

    index: int  # L(G): minimum number of edges to delete/flip for balance
    edges: int  # m
    nodes: int  # n (nodes with at least one edge)
    normalized: float  # 1 - 2 L / m (Aref & Wilson 2018); 1 = balanced, None when m = 0
    blocs: tuple[list, list]  # one optimal partition; bloc of each node within its component
    frustrated: list[tuple]  # (u, v, sign) edges frustrated by that partition
    components: int  # connected components (bloc labels are comparable only within one)
    seconds: float  # wall time of the integer program(s)
    solver: str = "HiGHS via scipy.optimize.milp (Aref, Mason & Wilson 2018 AND model)"
    colour: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["blocs"] = [list(b) for b in self.blocs]
        d["frustrated"] = [list(e) for e in self.frustrated]
        d["colour"] = {str(k): v for k, v in self.colour.items()}
        return d


def _prune_acyclic(n: int, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """Repeatedly strip degree-1 nodes (they lie on no cycle). Returns the mask of kept edges and the
    removal order as (leaf, neighbour, edge index) for colouring the leaves back in afterwards."""
    alive = np.ones(len(u), dtype=bool)
    incident: list[list[int]] = [[] for _ in range(n)]
    for e, (a, b) in enumerate(zip(u, v)):
        incident[a].append(e)
        incident[b].append(e)
    degree = np.array([len(x) for x in incident])
    stack = [i for i in range(n) if degree[i] == 1]
    removed = []
    while stack:
        leaf = stack.pop()
        if degree[leaf] != 1:
            continue
        e = next(e for e in incident[leaf] if alive[e])
        other = v[e] if u[e] == leaf else u[e]
        alive[e] = False
        degree[leaf] -= 1
        degree[other] -= 1
        removed.append((leaf, int(other), e))
        if degree[other] == 1:
            stack.append(int(other))
    return alive, removed


def _solve_and_model(
    n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, fixed: list[int], time_limit: float | None
) -> np.ndarray:
    """Optimal node colours (0/1) for the edges (u, v, s) by the AND binary program (module docstring)."""
    m = len(u)
    pos, neg = s > 0, s < 0
    c = np.zeros(n + m)
    np.add.at(c, u, np.where(pos, 1.0, -1.0))
    np.add.at(c, v, np.where(pos, 1.0, -1.0))
    c[n:] = np.where(pos, -2.0, 2.0)
    rows, cols, vals, upper = [], [], [], []
    r = 0
    for e in np.flatnonzero(pos):  # x_e - x_u <= 0 and x_e - x_v <= 0
        for end in (u[e], v[e]):
            rows += [r, r]
            cols += [n + e, end]
            vals += [1.0, -1.0]
            upper.append(0.0)
            r += 1
    for e in np.flatnonzero(neg):  # x_u + x_v - x_e <= 1
        rows += [r, r, r]
        cols += [u[e], v[e], n + e]
        vals += [1.0, 1.0, -1.0]
        upper.append(1.0)
        r += 1
    a = sparse.csr_matrix((vals, (rows, cols)), shape=(r, n + m))
    lower_b = np.zeros(n + m)
    upper_b = np.ones(n + m)
    lower_b[fixed] = 1.0  # symmetry breaking: one node per component in colour 1
    integrality = np.r_[np.ones(n), np.zeros(m)]
    options = {"disp": False, "mip_rel_gap": 0.0}
    if time_limit is not None:
        options["time_limit"] = time_limit
    res = milp(
        c,
        constraints=[LinearConstraint(a, -np.inf, upper)],
        integrality=integrality,
        bounds=Bounds(lower_b, upper_b),
        options=options,
    )
    if res.status != 0 or res.x is None:
        raise AmityError(f"frustration index: the integer program did not reach optimality ({res.message})")
    return np.round(res.x[:n]).astype(int)


def frustration_index(edges: pd.DataFrame | Iterable[tuple], time_limit: float | None = None) -> Frustration:
    """Exact frustration index (line index of balance) of a signed graph, with an optimal partition.

    ``edges``: a DataFrame from :func:`signed_network` (``ccode1, ccode2, sign``) or ``(u, v, sign)``
    tuples with ``sign`` in {+1, -1}. ``L(G) = min over colourings x of Σ_{E+} [x_u ≠ x_v] + Σ_{E−}
    [x_u = x_v]``, solved exactly by the Aref, Mason & Wilson (2018) binary program with HiGHS.
    Raises :class:`~amity.errors.AmityError` if the solver stops before proving optimality
    (``time_limit`` seconds).
    """
    from scipy.sparse.csgraph import connected_components

    names, u, v, s = _edge_arrays(edges)
    n, m = len(names), len(u)
    t0 = time.perf_counter()
    if m == 0:
        return Frustration(0, 0, 0, None, ([], []), [], 0, 0.0)
    graph = sparse.coo_matrix((np.ones(m), (u, v)), shape=(n, n))
    ncomp, comp = connected_components(graph, directed=False)
    alive, removed = _prune_acyclic(n, u, v)
    colour = np.full(n, -1)
    core_nodes = np.unique(np.r_[u[alive], v[alive]])
    if len(core_nodes):
        local = {g: i for i, g in enumerate(core_nodes)}
        cu = np.array([local[x] for x in u[alive]])
        cv = np.array([local[x] for x in v[alive]])
        first_in_comp = {}
        for g in core_nodes:
            first_in_comp.setdefault(comp[g], local[g])
        colour[core_nodes] = _solve_and_model(
            len(core_nodes), cu, cv, s[alive], list(first_in_comp.values()), time_limit
        )
    for i in range(n):  # trees hanging off nothing: anchor one node per such component
        if colour[i] < 0 and not any(colour[comp == comp[i]] >= 0):
            colour[i] = 1
    for leaf, other, e in reversed(removed):  # colour pruned leaves so their edge is satisfied
        if colour[other] < 0:
            colour[other] = 1
        colour[leaf] = colour[other] if s[e] > 0 else 1 - colour[other]
    frustrated_mask = np.where(s > 0, colour[u] != colour[v], colour[u] == colour[v])
    index = int(frustrated_mask.sum())
    blocs = ([names[i] for i in range(n) if colour[i] == 1], [names[i] for i in range(n) if colour[i] == 0])
    frustrated = [(names[u[e]], names[v[e]], int(s[e])) for e in np.flatnonzero(frustrated_mask)]
    return Frustration(
        index=index,
        edges=m,
        nodes=n,
        normalized=1 - 2 * index / m,
        blocs=blocs,
        frustrated=frustrated,
        components=int(ncomp),
        seconds=time.perf_counter() - t0,
        colour={names[i]: int(colour[i]) for i in range(n)},
    )




def minimum_partitions(edges: pd.DataFrame | Iterable[tuple]) -> dict:
    """Every two-bloc partition of the nodes with the minimum frustration (module docstring).

    Returns ``{"index": L, "partitions": [(bloc, bloc), ...], "complete": bool}``: blocs as lists of
    node labels (the first bloc holds the first node), ``complete`` False when the graph has more than
    :data:`ENUMERATE_MAX` nodes and only the solver's optimum is listed. An empty graph has no partition.
    """
    names, u, v, s = _edge_arrays(edges)
    n = len(names)
    if n == 0:
        return {"index": 0, "partitions": [], "complete": True}
    if n > ENUMERATE_MAX:
        fr = frustration_index(edges)
        return {"index": fr.index, "partitions": [fr.blocs], "complete": False}
    colourings = np.array([(0, *rest) for rest in product((0, 1), repeat=n - 1)], dtype=np.int8)
    cu, cv = colourings[:, u], colourings[:, v]
    frustrated = np.where(s > 0, cu != cv, cu == cv).sum(axis=1)
    best = int(frustrated.min())
    out = []
    for row in colourings[frustrated == best]:
        out.append(([names[i] for i in range(n) if row[i] == 0], [names[i] for i in range(n) if row[i] == 1]))
    return {"index": best, "partitions": out, "complete": True}
