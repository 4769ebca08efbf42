#!/usr/bin/env python3
"""Independent B-theta DC-OPF in MATPOWER's conventions, solved with HiGHS.

This is the cross-check for the MATPOWER `rundcopf` references (dcopf_matpower.m).
It shares no code with MATPOWER or with ComputeGrid: it parses the case file itself,
builds the B-theta QP/LP and reads LMPs from the duals of the nodal balance rows.

Conventions (MATPOWER DC-OPF):
  * lossless; branch susceptance b = 1 / (x * tap), tap = 0 meaning 1;
  * flow (MW, from end) = baseMVA * b * (theta_f - theta_t - shift), shift in radians,
    so a phase shifter adds injections -/+ baseMVA*b*shift at the from/to buses;
  * bus demand = PD (* load scale) + GS (GS at 1 p.u. voltage, counted as load, not scaled);
  * PMIN <= Pg <= PMAX, |flow| <= RATE_A * rate scale (RATE_A = 0: unlimited);
  * angle-difference limits on branches where ANGMIN > -360 or ANGMAX < 360 (MATPOWER's
    makeAang rule: a bound of exactly 0 on both sides, or one at +-360, is treated as unset);
  * gencost model 2 (polynomial, up to quadratic) or model 1 (piecewise linear, epigraph);
  * out-of-service generators and branches removed, isolated (type 4) buses removed;
  * reference bus angle fixed at 0 (bus type 3).
  * LMP_i ($/MWh) = d(total cost $/h) / d(demand at bus i) = dual of balance row i
    (HiGHS row duals are d(objective)/d(row bound); the balance row is
    sum(Pg at i) - sum(flows out of i) = demand_i; checked on a one-bus example by --selftest).
  * multi-period (--profile): period t multiplies every bus PD by profile[t]; the periods
    are independent (no coupling), each one solve; the fixture keeps them in "periods".

Usage (from the repo root, inside the venv from README.md):
  python benchmarks/reference/dcopf_highs.py CASE.m [--load-scale S] [--rate-scale R]
        [--matpower MP.json] [--fixture OUT.json --variant NAME] [--quiet]
  python benchmarks/reference/dcopf_highs.py CASE.m --scan 0.3 0.9 0.05   # binding lines vs R
  python benchmarks/reference/dcopf_highs.py CASE.m --profile 0.62,0.58,... [--rate-scale R]
        [--matpower MP_p%02d.json --fixture OUT.json --variant 24h]   # independent periods
  python benchmarks/reference/dcopf_highs.py --selftest
"""
import argparse
import json
import math
import os
import re
import sys
import time

import numpy as np
import highspy

# MATPOWER column indices (0-based)
BUS_I, BUS_TYPE, PD, QD, GS = 0, 1, 2, 3, 4
GEN_BUS, PG, GEN_STATUS, PMAX, PMIN = 0, 1, 7, 8, 9
F_BUS, T_BUS, BR_X, RATE_A, TAP, SHIFT, BR_STATUS, ANGMIN, ANGMAX = 0, 1, 3, 5, 8, 9, 10, 11, 12


THETA_SCALE = 1.0                  # HiGHS column = theta (rad) * THETA_SCALE
THETA_SCALE_RETRIES = (10.0, 100.0, 1000.0)


def _highs_version():
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return f"{h.versionMajor()}.{h.versionMinor()}.{h.versionPatch()}"


def parse_case(path):
    """Minimal MATPOWER v2 case reader: baseMVA, bus, gen, branch, gencost."""
    txt = open(path).read()
    base = float(re.search(r"mpc\.baseMVA\s*=\s*([0-9.eE+-]+)\s*;", txt).group(1))
    out = {"baseMVA": base}
    for name in ("bus", "gen", "branch", "gencost"):
        m = re.search(r"mpc\." + name + r"\s*=\s*\[(.*?)\];", txt, re.S)
        rows = []
        for line in m.group(1).split("\n"):
            for part in line.split("%")[0].split(";"):
                part = part.strip()
                if part:
                    rows.append([float(v) for v in part.split()])
        out[name] = rows
    return out


def solve(case, load_scale=1.0, rate_scale=1.0, ptol=1e-7, dtol=1e-10, qp_reg=0.0,
          theta_scale=THETA_SCALE, solver=None):
    base = case["baseMVA"]
    bus = case["bus"]
    gen = case["gen"]
    br = case["branch"]
    gc = case["gencost"]
    nb_all, ng_all, nl_all = len(bus), len(gen), len(br)

    buses = [i for i in range(nb_all) if bus[i][BUS_TYPE] != 4]
    bidx = {int(bus[i][BUS_I]): k for k, i in enumerate(buses)}
    nb = len(buses)
    gens = [g for g in range(ng_all) if gen[g][GEN_STATUS] > 0 and int(gen[g][GEN_BUS]) in bidx]
    lines = [l for l in range(nl_all) if br[l][BR_STATUS] != 0
             and int(br[l][F_BUS]) in bidx and int(br[l][T_BUS]) in bidx]
    ng = len(gens)
    refs = [bidx[int(bus[i][BUS_I])] for i in buses if bus[i][BUS_TYPE] == 3]
    if not refs:
        raise ValueError("no reference bus")

    # variables: theta (nb), Pg (ng, MW), then one epigraph var per piecewise-linear gen
    pwl = [g for g in gens if gc[g][0] == 1]
    nv = nb + ng + len(pwl)
    inf = highspy.kHighsInf
    col_lo = np.full(nv, -inf)
    col_hi = np.full(nv, inf)
    cost = np.zeros(nv)
    hess_diag = np.zeros(nv)
    const = 0.0
    for r in refs:
        col_lo[r] = col_hi[r] = 0.0
    for k, g in enumerate(gens):
        col_lo[nb + k] = gen[g][PMIN]
        col_hi[nb + k] = gen[g][PMAX]
    rows = []  # (dict col->coef, lo, hi, tag)
    for k, g in enumerate(gens):
        c = gc[g]
        if c[0] == 2:
            n = int(c[3])
            coef = c[4:4 + n]
            # highest order first; support degree <= 2
            coef = [0.0] * (3 - n) + list(coef) if n <= 3 else None
            if coef is None:
                raise ValueError("polynomial cost above quadratic not supported")
            c2, c1, c0 = coef
            hess_diag[nb + k] = 2.0 * c2
            cost[nb + k] = c1
            const += c0
        elif c[0] == 1:
            j = nb + ng + pwl.index(g)
            n = int(c[3])
            pts = c[4:4 + 2 * n]
            xs, ys = pts[0::2], pts[1::2]
            cost[j] = 1.0
            for s in range(n - 1):
                m = (ys[s + 1] - ys[s]) / (xs[s + 1] - xs[s])
                # y >= m*(p - xs) + ys  <=>  m*p - y <= m*xs - ys
                rows.append(({nb + k: m, j: -1.0}, -inf, m * xs[s] - ys[s], "pwl"))
        else:
            raise ValueError("unknown gencost model")

    # balance rows
    demand = np.zeros(nb)
    for i in buses:
        demand[bidx[int(bus[i][BUS_I])]] = bus[i][PD] * load_scale + bus[i][GS]
    bal = [dict() for _ in range(nb)]
    for k, g in enumerate(gens):
        b = bidx[int(gen[g][GEN_BUS])]
        bal[b][nb + k] = bal[b].get(nb + k, 0.0) + 1.0
    shift_inj = np.zeros(nb)
    line_coef = []
    for l in lines:
        x = br[l][BR_X]
        tap = br[l][TAP] if br[l][TAP] != 0 else 1.0
        bl = base / (x * tap)  # MW per radian
        sh = math.radians(br[l][SHIFT])
        f, t = bidx[int(br[l][F_BUS])], bidx[int(br[l][T_BUS])]
        line_coef.append((f, t, bl, sh))
        # flow = bl*(th_f - th_t) - bl*sh leaves f and enters t
        for (a, s) in ((f, -1.0), (t, 1.0)):
            bal[a][f] = bal[a].get(f, 0.0) + s * bl
            bal[a][t] = bal[a].get(t, 0.0) - s * bl
        shift_inj[f] += bl * sh   # -(-bl*sh): constant part moved to the rhs
        shift_inj[t] -= bl * sh
    bal_row0 = len(rows)
    for b in range(nb):
        rhs = demand[b] - shift_inj[b]
        rows.append((bal[b], rhs, rhs, "bal"))
    flow_row0 = len(rows)
    flow_rows = []
    for idx, l in enumerate(lines):
        f, t, bl, sh = line_coef[idx]
        ra = br[l][RATE_A] * rate_scale
        if ra != 0:
            flow_rows.append((idx, len(rows)))
            rows.append(({f: bl, t: -bl}, -ra + bl * sh, ra + bl * sh, "flow"))
        amin, amax = br[l][ANGMIN], br[l][ANGMAX]
        if (amin != 0 and amin > -360) or (amax != 0 and amax < 360):
            lo = math.radians(amin) if amin > -360 else -inf
            hi = math.radians(amax) if amax < 360 else inf
            rows.append(({f: 1.0, t: -1.0}, lo, hi, "ang"))

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("primal_feasibility_tolerance", ptol)  # MW: theta coefficients reach 4e4 MW/rad
    h.setOptionValue("dual_feasibility_tolerance", dtol)
    # HiGHS' QP solver adds a 1e-7 proximal regularization by default, which shifts duals
    # by ~1e-6; switch it off so the LMPs are exact to solver precision.
    h.setOptionValue("qp_regularization_value", qp_reg)
    lp = highspy.HighsLp()
    lp.num_col_ = nv
    lp.num_row_ = len(rows)
    lp.col_cost_ = cost
    lp.col_lower_ = col_lo
    lp.col_upper_ = col_hi
    lp.row_lower_ = np.array([r[1] for r in rows])
    lp.row_upper_ = np.array([r[2] for r in rows])
    lp.offset_ = const
    # column-wise sparse matrix
    cols = [[] for _ in range(nv)]
    for ri, (coefs, _, _, _) in enumerate(rows):
        for c, v in coefs.items():
            if v != 0.0:
                cols[c].append((ri, v / theta_scale if c < nb else v))
    start, index, value = [0], [], []
    for c in range(nv):
        for ri, v in sorted(cols[c]):
            index.append(ri)
            value.append(v)
        start.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(start, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value)
    model = highspy.HighsModel()
    model.lp_ = lp
    if np.any(hess_diag != 0):
        hs = highspy.HighsHessian()
        hs.dim_ = nv
        hs.format_ = highspy.HessianFormat.kTriangular
        nz = [c for c in range(nv) if hess_diag[c] != 0]
        st, ix, vl = [0], [], []
        for c in range(nv):
            if hess_diag[c] != 0:
                ix.append(c)
                vl.append(hess_diag[c])
            st.append(len(ix))
        hs.start_ = np.array(st, dtype=np.int32)
        hs.index_ = np.array(ix, dtype=np.int32)
        hs.value_ = np.array(vl)
        model.hessian_ = hs
    if solver:
        h.setOptionValue("solver", solver)
    h.passModel(model)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        if status == "Solve error" and qp_reg == 0.0:
            # HiGHS' active-set QP sometimes claims optimality with primal infeasibilities
            # (the theta columns carry coefficients up to 2e5 MW/rad).  First retry with the
            # angles in scaled units (theta*10, *100, *1000: same problem, other pivots),
            # still unregularized; last resort its default 1e-7 regularization (duals ~1e-6 off).
            nxt = [k for k in THETA_SCALE_RETRIES if k > theta_scale]
            if nxt:
                return solve(case, load_scale, rate_scale, ptol, dtol, 0.0, nxt[0], solver)
            r = solve(case, load_scale, rate_scale, ptol, dtol, 1e-7, THETA_SCALE, solver)
            r["regularized"] = True
            return r
        return {"status": status}
    sol = h.getSolution()
    x = np.array(sol.col_value)
    x[:nb] /= theta_scale  # back to radians
    ydual = np.array(sol.row_dual)
    obj = h.getInfo().objective_function_value

    lmp = {}
    for i in buses:
        b = bidx[int(bus[i][BUS_I])]
        lmp[int(bus[i][BUS_I])] = float(ydual[bal_row0 + b])
    pg = [0.0] * ng_all
    for k, g in enumerate(gens):
        pg[g] = float(x[nb + k])
    flow = [0.0] * nl_all
    for idx, l in enumerate(lines):
        f, t, bl, sh = line_coef[idx]
        flow[l] = float(bl * (x[f] - x[t] - sh))
    flow_dual = [0.0] * nl_all
    for idx, ri in flow_rows:
        flow_dual[lines[idx]] = float(ydual[ri])
    return {"status": status, "regularized": qp_reg != 0.0, "theta_scale": theta_scale,
            "run_seconds": h.getRunTime(),
            "objective": float(obj), "lmp": lmp, "pg": pg, "flow": flow,
            "flow_dual": flow_dual,
            "rate_a": [br[l][RATE_A] * rate_scale for l in range(nl_all)]}


def binding(res, rel=1e-7):
    out = []
    for l, (f, ra) in enumerate(zip(res["flow"], res["rate_a"])):
        if ra != 0 and abs(f) >= ra * (1 - rel):
            out.append(l + 1)
    return out


def selftest():
    """One bus, one quadratic generator: cost 0.5*P^2 + 2P, demand 10 -> LMP = P + 2 = 12."""
    case = {"baseMVA": 100.0,
            "bus": [[1, 3, 10.0, 0, 0]],
            "gen": [[1, 0, 0, 0, 0, 1, 100, 1, 100.0, 0.0]],
            "branch": [],
            "gencost": [[2, 0, 0, 3, 0.5, 2.0, 0.0]]}
    r = solve(case)
    assert abs(r["lmp"][1] - 12.0) < 1e-7, r
    # two buses, cheap gen limited by a line: LMP at bus 2 = expensive gen's marginal cost
    case = {"baseMVA": 100.0,
            "bus": [[1, 3, 0.0, 0, 0], [2, 1, 50.0, 0, 0]],
            "gen": [[1, 0, 0, 0, 0, 1, 100, 1, 100.0, 0.0], [2, 0, 0, 0, 0, 1, 100, 1, 100.0, 0.0]],
            "branch": [[1, 2, 0.0, 0.1, 0.0, 30.0, 0, 0, 0, 0, 1, -360, 360]],
            "gencost": [[2, 0, 0, 3, 0.0, 10.0, 0.0], [2, 0, 0, 3, 0.0, 30.0, 0.0]]}
    r = solve(case)
    assert abs(r["lmp"][1] - 10.0) < 1e-7 and abs(r["lmp"][2] - 30.0) < 1e-7, r
    assert abs(r["flow"][0] - 30.0) < 1e-7 and abs(r["objective"] - (300 + 600)) < 1e-6, r
    # finite difference on demand at bus 2 confirms the sign convention
    case["bus"][1][PD] = 51.0
    r2 = solve(case)
    assert abs((r2["objective"] - r["objective"]) - r["lmp"][2]) < 1e-6
    print("selftest ok: LMP = +dual of balance row = d cost / d demand")


def timed_solve(case, load_scale, rate_scale):
    """solve() plus wall time (model build in Python, HiGHS, any retries)."""
    t0 = time.perf_counter()
    res = solve(case, load_scale, rate_scale)
    res["wall_seconds"] = time.perf_counter() - t0
    return res


def highs_note(res):
    n = f"HiGHS run time {res['run_seconds']:.3f} s (wall incl. model build {res['wall_seconds']:.3f} s)"
    if res["theta_scale"] != THETA_SCALE:
        n += f", solved with angles scaled by {res['theta_scale']:g}"
    if res["regularized"]:
        n += ", solved with qp_regularization 1e-7"
    return n


def compare(mp, res, label=""):
    """Agreement of a MATPOWER solution (JSON of dcopf_matpower.m) with a HiGHS solve."""
    mp_lmp = {int(b): v for b, v in zip(mp["bus_i"], mp["lmp"])}
    c = {
        "dl": max(abs(mp_lmp[b] - res["lmp"][b]) for b in res["lmp"]),
        "dobj": abs(mp["objective"] - res["objective"]) / abs(mp["objective"]),
        "dpg": max(abs(x - y) for x, y in zip(mp["pg"], res["pg"])),
        "dfl": max(abs(x - y) for x, y in zip(mp["flow"], res["flow"])),
        "bind": [l + 1 for l, (f, ra) in enumerate(zip(mp["flow"], mp["rate_a"]))
                 if ra != 0 and abs(f) >= ra * (1 - 1e-7)],
        "mu": [l + 1 for l in range(len(mp["mu_sf"])) if mp["mu_sf"][l] + mp["mu_st"][l] > 1e-6],
    }
    hb = binding(res)
    print(f"{label}MATPOWER: obj={mp['objective']!r} binding(|flow|>=RATE_A(1-1e-7))={c['bind']} "
          f"mu>1e-6={c['mu']}; rundcopf {mp['solve_seconds']:.3f} s")
    print(f"{label}HiGHS:    obj={res['objective']!r} binding={hb}; {highs_note(res)}")
    print(f"{label}max|dLMP|={c['dl']:.3e} $/MWh  rel dobj={c['dobj']:.3e}  "
          f"max|dPg|={c['dpg']:.3e} MW  max|dflow|={c['dfl']:.3e} MW")
    if hb != c["bind"] or c["mu"] != hb:
        print(f"{label}WARNING: binding sets differ (or a line at its limit has a zero multiplier)")
    return c


def solution_fields(mp, res, c):
    """The per-instance (or per-period) fixture fields; values are MATPOWER's."""
    b = c["bind"]
    return {
        "objective_usd_per_h": mp["objective"],
        "lmp_usd_per_mwh": {str(int(bi)): v for bi, v in zip(mp["bus_i"], mp["lmp"])},
        "pg_mw": mp["pg"],
        "flow_mw": mp["flow"],
        "binding_branches": b,
        # MATPOWER's flow-limit multipliers ($/MWh) on the binding rows: mu_sf for
        # flow <= RATE_A (from end), mu_st for -flow <= RATE_A; the other one is 0.
        "binding_mu_sf_usd_per_mwh": {str(l): mp["mu_sf"][l - 1] for l in b},
        "binding_mu_st_usd_per_mwh": {str(l): mp["mu_st"][l - 1] for l in b},
        "highs_flow_dual_usd_per_mwh": {str(l): res["flow_dual"][l - 1] for l in b},
        "max_lmp_diff_between_references": c["dl"],
        "relative_objective_diff_between_references": c["dobj"],
        "highs_objective_usd_per_h": res["objective"],
    }


def write_json(path, obj):
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1)
        fh.write("\n")
    print("wrote", path)


def fd_check(case, res, load_scale, rate_scale):
    """LMP check by finite differences of the optimal cost in bus demand.  The one-sided
    slopes s+ and s- both tend to the dual when the LMP is unique; their gap is
    curvature*eps for a smooth point and stays finite at a kink (dual degeneracy)."""
    eps = 1e-5
    worst_c, worst_gap = 0.0, 0.0
    skipped = []  # buses where a perturbed HiGHS QP solve failed (HiGHS "Solve error")
    base_obj = res["objective"]
    for bi in res["lmp"]:
        slopes = []
        for sgn in (1.0, -1.0):
            c = json.loads(json.dumps(case))
            for row in c["bus"]:
                if int(row[BUS_I]) == bi:
                    row[PD] += sgn * eps / load_scale
            r2 = solve(c, load_scale, rate_scale)
            if r2["status"] != "Optimal":
                break
            slopes.append((r2["objective"] - base_obj) / (sgn * eps))
        if len(slopes) < 2:
            skipped.append(bi)
            continue
        worst_c = max(worst_c, abs(0.5 * (slopes[0] + slopes[1]) - res["lmp"][bi]))
        worst_gap = max(worst_gap, abs(slopes[0] - slopes[1]))
    print(f"finite differences (eps={eps} MW): max |central - dual| = {worst_c:.3e} $/MWh, "
          f"max |s+ - s-| = {worst_gap:.3e} $/MWh"
          + (f"; skipped buses {skipped} (perturbed HiGHS solve failed)" if skipped else ""))


def source_text(mp, dl, dobj, dpg, dfl, solver_note=None, what="max"):
    return (f"MATPOWER {mp['matpower_version']} rundcopf ({solver_note or mp['solver']}) "
            f"under GNU Octave {mp['octave_version']}; "
            f"cross-checked with an independent B-theta DC-OPF solved by HiGHS "
            f"{HIGHS_VERSION} (benchmarks/reference/dcopf_highs.py): "
            f"{what} |dLMP| {dl:.2e} $/MWh, relative objective difference {dobj:.2e}, "
            f"max |dPg| {dpg:.2e} MW, max |dflow| {dfl:.2e} MW")


def main_profile(a, case, base_case):
    """Independent periods: period t scales every bus PD by profile[t] (GS unchanged)."""
    prof = [float(v) for v in a.profile.split(",")]
    if a.matpower and "%" not in a.matpower:
        sys.exit("--matpower must be a printf pattern for the 1-based period, e.g. mp_p%02d.json")
    periods, cs, highs_total, mp_total = [], [], 0.0, 0.0
    t_mp, t_h, t_hw = 0.0, 0.0, 0.0
    for t, s in enumerate(prof, start=1):
        res = timed_solve(case, s, a.rate_scale)
        if res["status"] != "Optimal":
            print(f"period {t} (PD x {s}): HiGHS status {res['status']}")
            sys.exit(1)
        t_h += res["run_seconds"]
        t_hw += res["wall_seconds"]
        highs_total += res["objective"]
        if a.fd:
            fd_check(case, res, s, a.rate_scale)
        if not a.matpower:
            lm = list(res["lmp"].values())
            print(f"period {t:2d} (PD x {s}): obj={res['objective']:.6f} binding={binding(res)} "
                  f"LMP [{min(lm):.4f}, {max(lm):.4f}]; {highs_note(res)}")
            continue
        mp = json.load(open(a.matpower % t))
        if abs(mp["load_scale"] - s) > 1e-15 or abs(mp["rate_scale"] - a.rate_scale) > 1e-15:
            sys.exit(f"{a.matpower % t} was computed for other scales")
        c = compare(mp, res, label=f"period {t:2d} (PD x {s}): ")
        cs.append((mp, c))
        t_mp += mp["solve_seconds"]
        mp_total += mp["objective"]
        f = solution_fields(mp, res, c)
        periods.append(f)
    if not a.matpower:
        print(f"HiGHS total objective {highs_total!r} $; HiGHS run time {t_h:.3f} s (wall {t_hw:.3f} s)")
        return
    dl = max(c["dl"] for _, c in cs)
    dobj_total = abs(mp_total - highs_total) / abs(mp_total)
    dobj_max = max(c["dobj"] for _, c in cs)
    dpg = max(c["dpg"] for _, c in cs)
    dfl = max(c["dfl"] for _, c in cs)
    solvers = sorted(set(mp["solver"] for mp, _ in cs))
    its = [mp["iterations"] for mp, _ in cs]
    print(f"total: MATPOWER {mp_total!r} $, HiGHS {highs_total!r} $, rel diff {dobj_total:.3e}; "
          f"max over periods: |dLMP| {dl:.3e}, rel dobj {dobj_max:.3e}")
    print(f"timing over {len(prof)} periods: MATPOWER rundcopf {t_mp:.3f} s, "
          f"HiGHS run time {t_h:.3f} s (wall incl. model build {t_hw:.3f} s)")
    if a.fixture:
        mp0 = cs[0][0]
        src = (f"{len(prof)} independent periods (period t: every bus PD x load_profile[t], GS "
               f"unchanged, RATE_A x rate_scale), each solved separately. "
               + source_text(mp0, dl, dobj_max, dpg, dfl,
                             solver_note=f"{' / '.join(solvers)}, {min(its)}-{max(its)} iterations",
                             what="over all periods max")
               + f"; relative difference of the summed objective {dobj_total:.2e}")
        fx = {
            "case": base_case,
            "variant": a.variant,
            "rate_scale": a.rate_scale,
            "load_profile": prof,
            "source": src,
            "objective_usd": mp_total,
            "periods": periods,
            "max_lmp_diff_between_references": dl,
            "relative_objective_diff_between_references": dobj_total,
            "max_period_relative_objective_diff_between_references": dobj_max,
            "highs_objective_usd": highs_total,
        }
        write_json(a.fixture, fx)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case", nargs="?")
    ap.add_argument("--load-scale", type=float, default=1.0)
    ap.add_argument("--rate-scale", type=float, default=1.0)
    ap.add_argument("--profile", help="comma-separated PD multipliers, one independent period each "
                    "(multi-period fixture; --matpower is then a printf pattern for the period)")
    ap.add_argument("--matpower", help="JSON written by dcopf_matpower.m for the same instance")
    ap.add_argument("--fixture", help="write the fixture JSON here (values from MATPOWER)")
    ap.add_argument("--variant", default="")
    ap.add_argument("--scan", nargs=3, type=float, metavar=("R0", "R1", "STEP"))
    ap.add_argument("--fd", action="store_true", help="also check LMPs by finite differences")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--selftest", action="store_true", help="check the LMP sign convention")
    a = ap.parse_args()
    global HIGHS_VERSION
    HIGHS_VERSION = _highs_version()
    if a.selftest or a.case is None:
        selftest()
        return
    case = parse_case(a.case)
    base_case = os.path.splitext(os.path.basename(a.case))[0]
    if a.scan:
        r = a.scan[0]
        while r <= a.scan[1] + 1e-12:
            res = solve(case, a.load_scale, r)
            if res["status"] != "Optimal":
                print(f"R={r:.3f}: {res['status']}")
            else:
                b = binding(res)
                lm = list(res["lmp"].values())
                print(f"R={r:.3f}: obj={res['objective']:.4f} binding={b} LMP range "
                      f"[{min(lm):.4f}, {max(lm):.4f}]")
            r = round(r + a.scan[2], 10)
        return
    if a.profile:
        main_profile(a, case, base_case)
        return
    res = timed_solve(case, a.load_scale, a.rate_scale)
    if res["status"] != "Optimal":
        print("HiGHS status:", res["status"])
        sys.exit(1)
    if a.fd:
        fd_check(case, res, a.load_scale, a.rate_scale)
    if not a.matpower:
        print(f"HiGHS: obj={res['objective']!r} binding={binding(res)}; {highs_note(res)}")
        if not a.quiet:
            print(json.dumps(res, indent=1))
        return
    mp = json.load(open(a.matpower))
    c = compare(mp, res)
    if a.fixture:
        src = source_text(mp, c["dl"], c["dobj"], c["dpg"], c["dfl"],
                          solver_note=f"{mp['solver']}, {mp['iterations']} iterations")
        fx = {
            "case": base_case,
            "variant": a.variant,
            "load_scale": a.load_scale,
            "rate_scale": a.rate_scale,
            "source": src,
        }
        fx.update(solution_fields(mp, res, c))
        write_json(a.fixture, fx)


if __name__ == "__main__":
    main()
