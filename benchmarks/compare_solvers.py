#!/usr/bin/env python3
"""Time HiGHS and Clarabel on the files written by `computegrid bench --export OUTDIR` and compare with ours.

Reads OUTDIR/ours.json, OUTDIR/NAME.qps (HiGHS) and OUTDIR/NAME.clarabel.json (Clarabel); prints a table and
writes benchmarks/results/<date>-<host>.csv and .md. See benchmarks/README.md for the meaning of every column.
"""
import argparse, csv, datetime, json, math, os, platform, socket, statistics, sys, time

import numpy as np
import scipy.sparse as sp
import highspy
import clarabel

TOL = 1e-8


def repeats_for(n):
    """(warm-up runs, timed runs) by size: fewer for the largest instances."""
    if n <= 2000:
        return 1, 5
    if n <= 20000:
        return 1, 2
    return 0, 1


def run_highs(mps_path, time_limit, tol=TOL, extra=None):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    for option in ("primal_feasibility_tolerance", "dual_feasibility_tolerance", "optimality_tolerance"):
        h.setOptionValue(option, tol)
    for option, value in (extra or {}).items():
        if h.setOptionValue(option, value) != highspy.HighsStatus.kOk:
            raise RuntimeError(f"HiGHS rejected option {option} = {value}")
    h.setOptionValue("time_limit", float(time_limit))
    status = h.readModel(mps_path)
    if status != highspy.HighsStatus.kOk:
        raise RuntimeError(f"HiGHS could not read {mps_path}: {status}")
    h.run()  # HiGHS's own run time: excludes readModel
    info = h.getInfo()
    lp = h.getLp()
    return {
        "status": h.modelStatusToString(h.getModelStatus()),
        "time": h.getRunTime(),
        "objective": info.objective_function_value,
        "iterations": max(info.qp_iteration_count, info.ipm_iteration_count, info.simplex_iteration_count),
        "row_names": list(lp.row_names_),
        "row_duals": list(h.getSolution().row_dual),
    }


def clarabel_settings(time_limit, tol=TOL, max_iter=None):
    s = clarabel.DefaultSettings()
    s.verbose = False
    s.max_threads = 1
    s.direct_solve_method = "qdldl"
    s.tol_gap_abs = s.tol_gap_rel = s.tol_feas = tol
    if max_iter is not None:
        s.max_iter = max_iter
    s.time_limit = float(time_limit)
    return s


def clarabel_data(json_path):
    with open(json_path) as f:
        d = json.load(f)

    def csc(m):
        return sp.csc_matrix((np.array(m["nzval"], float), np.array(m["rowval"]), np.array(m["colptr"])),
                             shape=(m["m"], m["n"]))

    cones = []
    for cone in d["cones"]:
        (kind, dim), = cone.items()
        cones.append({"ZeroConeT": clarabel.ZeroConeT, "NonnegativeConeT": clarabel.NonnegativeConeT}[kind](dim))
    return csc(d["P"]), np.array(d["q"], float), csc(d["A"]), np.array(d["b"], float), cones


def run_clarabel(json_path, data, time_limit, from_file, tol=TOL, max_iter=None):
    """Clarabel time = setup (DefaultSolver construction: equilibration, KKT assembly, AMD, symbolic + first numeric
    factorisation, wall clock) + its own solve_time. `from_file` builds the solver with load_from_file instead (that
    setup time includes JSON parsing, so it is used for the warm-up only)."""
    settings = clarabel_settings(time_limit, tol, max_iter)
    start = time.perf_counter()
    if from_file:
        solver = clarabel.load_from_file(json_path, settings)
    else:
        P, q, A, b, cones = data
        solver = clarabel.DefaultSolver(P, q, A, b, cones, settings)
    setup = time.perf_counter() - start
    sol = solver.solve()
    return {
        "status": str(sol.status),
        "setup": setup,
        "solve_time": sol.solve_time,
        "time": setup + sol.solve_time,
        "objective": sol.obj_val,
        "iterations": sol.iterations,
        "z": np.array(sol.z),
    }


def median_run(fn, warmups, repeats):
    """Median over the timed runs; a run that stops at the time limit ends the series (its time is a lower bound)."""
    for _ in range(warmups):
        if "limit" in fn(True)["status"].lower():
            repeats = 1
            break
    runs = []
    for _ in range(repeats):
        runs.append(fn(False))
        if "limit" in runs[-1]["status"].lower():
            break
    best = runs[-1]
    best = dict(best)
    for key in ("time", "setup", "solve_time"):
        if key in best:
            best[key] = statistics.median(r[key] for r in runs)
    return best


def rel_diff(a, b):
    return abs(a - b) / max(1.0, abs(b))


def geomean(values):
    values = [v for v in values if v and v > 0 and math.isfinite(v)]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", help="directory written by computegrid bench --export")
    parser.add_argument("--results", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
    parser.add_argument("--time-limit", type=float, default=600, help="per reference run, seconds")
    parser.add_argument("--accuracy", action="store_true",
                        help="accuracy pass instead of timing: OUTDIR from `computegrid bench --price-grade --export`, "
                             "Clarabel and HiGHS at tight tolerances, one run each (see benchmarks/README.md)")
    parser.add_argument("--highs-max-n", type=int, default=20000,
                        help="accuracy pass: run HiGHS only up to this many variables (default 20000)")
    parser.add_argument("--no-probe", action="store_true", help="accuracy pass: skip the rhs probe of the worst row")
    args = parser.parse_args()
    if args.accuracy:
        return accuracy_main(args)

    with open(os.path.join(args.outdir, "ours.json")) as f:
        ours = json.load(f)["instances"]

    rows = []
    for inst in ours:
        name, n = inst["name"], inst["variables"]
        warmups, repeats = repeats_for(n)
        qps = os.path.join(args.outdir, name + ".qps")
        mps = os.path.join(args.outdir, name + ".mps")  # HiGHS picks the reader by extension and rejects .qps
        if not os.path.exists(mps):
            os.symlink(os.path.basename(qps), mps)
        print(f"[{name}] HiGHS: {warmups} warm-up + {repeats} timed", file=sys.stderr, flush=True)
        highs = median_run(lambda warm: run_highs(mps, args.time_limit), warmups, repeats)
        print(f"[{name}] HiGHS {highs['status']} {highs['time']:.3f} s; Clarabel …", file=sys.stderr, flush=True)
        json_path = os.path.join(args.outdir, name + ".clarabel.json")
        data = clarabel_data(json_path)
        # The warm-up (or, without warm-ups, one extra untimed run) goes through load_from_file to check the file.
        run_clarabel(json_path, data, args.time_limit, from_file=True)
        cl = median_run(lambda warm: run_clarabel(json_path, data, args.time_limit, from_file=False),
                        max(0, warmups - 1), repeats)
        print(f"[{name}] Clarabel {cl['status']} {cl['time']:.3f} s", file=sys.stderr, flush=True)

        obj_ours = inst["objective"]
        const = inst.get("objective_constant", 0.0)
        ours_duals = dict(zip(inst["row_names"], inst["row_duals"]))
        # Our shadow prices and HiGHS row_dual are both ∂f*/∂rhs of a minimisation: compared with no sign change.
        dual_highs = max((rel_diff(ours_duals[k], d) for k, d in zip(highs["row_names"], highs["row_duals"])),
                         default=float("nan"))
        # Clarabel's z is canonical: π_c = −senseSign·(side_u z_u + side_l z_l).
        z = cl["z"]
        sense = inst.get("sense_sign", 1.0)
        cl_prices = [-sense * ((su * z[ru] if ru >= 0 else 0.0) + (sl * z[rl] if rl >= 0 else 0.0))
                     for ru, su, rl, sl in inst["canonical_rows"]]
        dual_cl = max((rel_diff(p, c) for p, c in zip(inst["row_duals"], cl_prices)), default=float("nan"))
        rows.append({
            "instance": name, "kind": inst["kind"], "n": n, "rows": inst["constraints"],
            "ours_status": inst["status"], "highs_status": highs["status"], "clarabel_status": cl["status"],
            "ours_iter": inst["iterations"], "highs_iter": highs["iterations"], "clarabel_iter": cl["iterations"],
            "ours_s": inst["solve_seconds"], "ours_setup_s": inst["setup_seconds"],
            "ours_factor_s": inst["factor_seconds"], "ours_other_s": inst["other_seconds"],
            "highs_s": highs["time"], "clarabel_s": cl["time"], "clarabel_setup_s": cl["setup"],
            "clarabel_solve_time_s": cl["solve_time"],
            "ratio_highs": inst["solve_seconds"] / highs["time"], "ratio_clarabel": inst["solve_seconds"] / cl["time"],
            "objdiff_highs": abs(obj_ours - highs["objective"]) / max(1.0, abs(highs["objective"])),
            "objdiff_clarabel": abs(obj_ours - (cl["objective"] + const)) / max(1.0, abs(cl["objective"] + const)),
            "dualdiff_highs": dual_highs, "dualdiff_clarabel": dual_cl,
            "ours_nnz_L": inst["factor_nonzeros"], "ours_peak_mib": inst["peak_rss_mib"],
            "ours_objective": obj_ours, "highs_objective": highs["objective"],
            "clarabel_objective": cl["objective"] + const, "repeats": repeats,
        })

    cols = [("instance", "instance", "{}"), ("n", "n", "{}"), ("ours [s]", "ours_s", "{:.4f}"),
            ("HiGHS [s]", "highs_s", "{:.4f}"), ("Clarabel [s]", "clarabel_s", "{:.4f}"),
            ("ours/HiGHS", "ratio_highs", "{:.2f}"), ("ours/Clar.", "ratio_clarabel", "{:.2f}"),
            ("|Δf|/|f| HiGHS", "objdiff_highs", "{:.1e}"), ("|Δf|/|f| Clar.", "objdiff_clarabel", "{:.1e}"),
            ("max Δπ rel HiGHS", "dualdiff_highs", "{:.1e}"), ("max Δπ rel Clar.", "dualdiff_clarabel", "{:.1e}"),
            ("iter ours/H/C", None, None)]

    def cells(r):
        out = [fmt.format(r[key]) for _, key, fmt in cols if key]
        # A reference stopped by its time limit: its time is a lower bound and the ratio an upper bound.
        if "limit" in r["highs_status"].lower():
            out[3], out[5] = "≥" + out[3], "≤" + out[5]
        if "limit" in r["clarabel_status"].lower():
            out[4], out[6] = "≥" + out[4], "≤" + out[6]
        out.append(f"{r['ours_iter']}/{r['highs_iter']}/{r['clarabel_iter']}")
        return out

    table = [[c[0] for c in cols]] + [cells(r) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    for row in table:
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths)))
    gm_h = geomean([r["ratio_highs"] for r in rows])
    gm_c = geomean([r["ratio_clarabel"] for r in rows])
    print(f"geometric-mean ratio ours/HiGHS = {gm_h:.2f}, ours/Clarabel = {gm_c:.2f}")

    os.makedirs(args.results, exist_ok=True)
    stem = os.path.join(args.results, f"{datetime.date.today().isoformat()}-{socket.gethostname()}")
    with open(stem + ".csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with open(stem + ".md", "w") as f:
        f.write(f"# Solver benchmark {datetime.date.today().isoformat()} on {socket.gethostname()}\n\n")
        f.write(f"CPU: {cpu}; Python {platform.python_version()}; highspy {highspy.__version__ if hasattr(highspy, '__version__') else '?'}; "
                f"clarabel {clarabel.__version__}; all single-threaded, tolerances 1e-8.\n\n")
        f.write("Times are medians (ours: whole `QPSolver.solve`, no model build or lowering; HiGHS: `getRunTime()`; "
                "Clarabel: solver construction + `solve_time`). Ratios > 1 mean we are slower.\n\n")
        f.write("| " + " | ".join(c[0] for c in cols) + " |\n")
        f.write("|" + "---|" * len(cols) + "\n")
        for r in rows:
            f.write("| " + " | ".join(cells(r)) + " |\n")
        f.write(f"\nGeometric-mean ratio ours/HiGHS = {gm_h:.2f}, ours/Clarabel = {gm_c:.2f}.\n\n")
        f.write("Our phases (median seconds): setup = equilibration + KKT + AMD + symbolic; factor = all numeric "
                "factorisations; other = solves, refinement, IPM vector work.\n\n")
        f.write("| instance | setup [s] | factor [s] | other [s] | nnz(L) | peak RSS [MiB] | Clarabel setup [s] | Clarabel solve_time [s] |\n|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            f.write(f"| {r['instance']} | {r['ours_setup_s']:.4f} | {r['ours_factor_s']:.4f} | {r['ours_other_s']:.4f} | "
                    f"{r['ours_nnz_L']} | {r['ours_peak_mib']:.1f} | {r['clarabel_setup_s']:.4f} | {r['clarabel_solve_time_s']:.4f} |\n")
    print(f"wrote {stem}.csv and {stem}.md")


# ---------------------------------------------------------------------------------------------------------------------
# Accuracy pass (--accuracy): how far apart are the duals once every solver is run to tight tolerances?

TIGHT_TOLS = (1e-10, 1e-9)   # Clarabel: the first that ends Solved is used
TIGHT_MAX_ITER = 1000
HIGHS_TIGHT = 1e-10          # HiGHS: primal/dual feasibility and optimality tolerance (its smallest allowed value)
FD_STEPS = (1e-2, 1e-4, 1e-6)


def clarabel_prices(inst, z):
    """Clarabel's canonical z mapped to shadow prices ∂f*/∂rhs per user row (see canonical_rows in ours.json)."""
    sense = inst.get("sense_sign", 1.0)
    return np.array([-sense * ((su * z[ru] if ru >= 0 else 0.0) + (sl * z[rl] if rl >= 0 else 0.0))
                     for ru, su, rl, sl in inst["canonical_rows"]])


def clarabel_tight(json_path, data, time_limit):
    """Clarabel at the tightest tolerance of TIGHT_TOLS that it solves to (status Solved)."""
    last = None
    for tol in TIGHT_TOLS:
        last = run_clarabel(json_path, data, time_limit, from_file=False, tol=tol, max_iter=TIGHT_MAX_ITER)
        last["tol"] = tol
        if last["status"] == "Solved":
            return last
    return last


def highs_tight(mps_path, time_limit):
    extra = {"qp_regularization_value": 0.0}
    result = run_highs(mps_path, time_limit, tol=HIGHS_TIGHT, extra=extra)
    result["options"] = f"tol {HIGHS_TIGHT:g}, qp_regularization_value 0"
    return result


def max_rel(a, b):
    """max_i |a_i − b_i| / max(1, |b_i|) and the row where it is attained."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = np.abs(a - b) / np.maximum(1.0, np.abs(b))
    i = int(np.argmax(d))
    return float(d[i]), i


def rhs_probe(inst, data, row, time_limit, tol):
    """Shadow price of user row `row` from Clarabel after moving its rhs by ±h (h in FD_STEPS).

    f*(rhs) is convex, so its subgradients are monotone: π(rhs − h) ≤ every optimal π(rhs) ≤ π(rhs + h), and
    π(rhs ± h) tend to the one-sided derivatives as h → 0. A gap π(rhs + h) − π(rhs − h) that does not shrink with h
    is a kink of f*: the dual of that row is not unique, and every point of the interval is a correct price."""
    P, q, A, b, cones = data
    ru, su, rl, sl = inst["canonical_rows"][row]
    out = []
    for h in FD_STEPS:
        prices = []
        for sign in (-1.0, 1.0):
            bb = b.copy()
            # canonical row = side·(user row) ≤ side·rhs (or = for equalities); a range moves both of its sides
            if ru >= 0:
                bb[ru] += su * sign * h
            if rl >= 0:
                bb[rl] += sl * sign * h
            settings = clarabel_settings(time_limit, tol, TIGHT_MAX_ITER)
            sol = clarabel.DefaultSolver(P, q, A, bb, cones, settings).solve()
            prices.append(float(clarabel_prices(inst, np.array(sol.z))[row]) if str(sol.status) == "Solved"
                          else float("nan"))
        out.append({"h": h, "minus": prices[0], "plus": prices[1], "gap": prices[1] - prices[0]})
    return out


def highs_version():
    h = highspy.Highs()
    return f"{h.versionMajor()}.{h.versionMinor()}.{h.versionPatch()}"


def accuracy_main(args):
    with open(os.path.join(args.outdir, "ours.json")) as f:
        ours = json.load(f)["instances"]
    if any(inst.get("settings") != "price-grade" for inst in ours):
        print("warning: ours.json was not written by `computegrid bench --price-grade`", file=sys.stderr)

    rows, probes = [], {}
    for inst in ours:
        name, n = inst["name"], inst["variables"]
        qps = os.path.join(args.outdir, name + ".qps")
        mps = os.path.join(args.outdir, name + ".mps")
        if not os.path.exists(mps):
            os.symlink(os.path.basename(qps), mps)
        json_path = os.path.join(args.outdir, name + ".clarabel.json")
        data = clarabel_data(json_path)
        print(f"[{name}] Clarabel tight …", file=sys.stderr, flush=True)
        cl = clarabel_tight(json_path, data, args.time_limit)
        const = inst.get("objective_constant", 0.0)
        f_cl = cl["objective"] + const
        pi_cl = clarabel_prices(inst, cl["z"])
        pi_ours = np.array([float("nan") if v is None else v for v in inst["row_duals"]])
        print(f"[{name}] Clarabel {cl['status']} at {cl['tol']:g} in {cl['iterations']} it, {cl['time']:.2f} s",
              file=sys.stderr, flush=True)

        hi = None
        if n <= args.highs_max_n:
            print(f"[{name}] HiGHS tight (limit {args.time_limit:g} s) …", file=sys.stderr, flush=True)
            hi = highs_tight(mps, args.time_limit)
            print(f"[{name}] HiGHS {hi['status']} in {hi['time']:.1f} s", file=sys.stderr, flush=True)
        highs_ok = hi is not None and hi["status"] == "Optimal"
        if highs_ok:
            index = {k: i for i, k in enumerate(inst["row_names"])}
            pi_hi = np.full(len(pi_ours), np.nan)
            for k, d in zip(hi["row_names"], hi["row_duals"]):
                pi_hi[index[k]] = d
        f_ours = inst["objective"]
        d_oc, worst_oc = max_rel(pi_ours, pi_cl)
        row = {
            "instance": name, "kind": inst["kind"], "n": n, "rows": inst["constraints"],
            "ours_status": inst["status"], "ours_polish": inst.get("polish", "?"),
            "ours_dual_degenerate": inst.get("dual_degenerate"),
            "clarabel_status": cl["status"], "clarabel_tol": cl["tol"], "clarabel_iter": cl["iterations"],
            "highs_status": hi["status"] if hi else "not run", "highs_s": hi["time"] if hi else float("nan"),
            "objdiff_ours_clarabel": rel_diff(f_ours, f_cl),
            "objdiff_ours_highs": rel_diff(f_ours, hi["objective"]) if highs_ok else float("nan"),
            "objdiff_clarabel_highs": rel_diff(f_cl, hi["objective"]) if highs_ok else float("nan"),
            "dualdiff_ours_clarabel": d_oc, "worst_row_ours_clarabel": inst["row_names"][worst_oc],
            "dualdiff_ours_highs": max_rel(pi_ours, pi_hi)[0] if highs_ok else float("nan"),
            "dualdiff_clarabel_highs": max_rel(pi_cl, pi_hi)[0] if highs_ok else float("nan"),
            "pi_ours_worst": float(pi_ours[worst_oc]), "pi_clarabel_worst": float(pi_cl[worst_oc]),
            "pi_highs_worst": float(pi_hi[worst_oc]) if highs_ok else float("nan"),
            "ours_objective": f_ours, "clarabel_objective": f_cl,
            "highs_objective": hi["objective"] if highs_ok else float("nan"),
        }
        if not args.no_probe:
            print(f"[{name}] rhs probe of {row['worst_row_ours_clarabel']} …", file=sys.stderr, flush=True)
            probe = rhs_probe(inst, data, worst_oc, args.time_limit, cl["tol"])
            probes[name] = probe
            for p in probe:
                row[f"probe_gap_h{p['h']:g}"] = p["gap"]
            small, mid = probe[-1], probe[-2]
            # The continuous part of the gap is linear in h (f* is piecewise quadratic); what is left at h = 0 is
            # the jump of the one-sided derivatives, i.e. the width of the set of optimal duals of this row.
            row["probe_kink"] = (small["gap"] * mid["h"] - mid["gap"] * small["h"]) / (mid["h"] - small["h"])
        rows.append(row)
        print(f"[{name}] Δf ours/Clar {row['objdiff_ours_clarabel']:.1e}  Δπ ours/Clar {d_oc:.1e} "
              f"ours/HiGHS {row['dualdiff_ours_highs']:.1e} Clar/HiGHS {row['dualdiff_clarabel_highs']:.1e}",
              file=sys.stderr, flush=True)

    write_accuracy(rows, probes, args)


def write_accuracy(rows, probes, args):
    def e(v):
        return "—" if v is None or (isinstance(v, float) and not math.isfinite(v)) else f"{v:.1e}"

    os.makedirs(args.results, exist_ok=True)
    stem = os.path.join(args.results, f"{datetime.date.today().isoformat()}-accuracy")
    fields = list(dict.fromkeys([k for r in rows for k in r]))
    with open(stem + ".csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    lines = [
        f"# Solver accuracy {datetime.date.today().isoformat()} on {socket.gethostname()}", "",
        f"highspy {highs_version()}; clarabel {clarabel.__version__}; "
        f"Python {platform.python_version()}. Ours: `computegrid bench --price-grade` (QPSettings.priceGrade: "
        f"gap/feasibility 1e-9 + active-set polish). Clarabel: tol_gap_abs = tol_gap_rel = tol_feas = the first of "
        f"{', '.join(f'{t:g}' for t in TIGHT_TOLS)} that ends Solved, max_iter {TIGHT_MAX_ITER}, qdldl. HiGHS "
        f"(default QP solver, active set): feasibility/optimality tolerances {HIGHS_TIGHT:g}, "
        f"qp_regularization_value 0, only up to n = {args.highs_max_n}, time limit {args.time_limit:g} s.", "",
        "Δf = |f_a − f_b| / max(1, |f_b|); Δπ = max over rows |π_a − π_b| / max(1, |π_b|), π = ∂f*/∂rhs "
        "(b = the second solver named).", "",
        "| instance | n | Clarabel tol / iter | HiGHS | Δf ours–Clar. | Δf ours–HiGHS | Δf Clar.–HiGHS | "
        "Δπ ours–Clar. | Δπ ours–HiGHS | Δπ Clar.–HiGHS | polish | dual_degenerate |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        highs = r["highs_status"] if r["highs_status"] == "not run" else f"{r['highs_status']} {r['highs_s']:.0f} s"
        polish = r["ours_polish"] if len(r["ours_polish"]) < 20 else r["ours_polish"].split(":")[0] + ": " + \
            r["ours_polish"].split(":")[1].split(">")[0].strip()
        lines.append(
            f"| {r['instance']} | {r['n']} | {r['clarabel_tol']:g} / {r['clarabel_iter']} ({r['clarabel_status']}) "
            f"| {highs} | {e(r['objdiff_ours_clarabel'])} | {e(r['objdiff_ours_highs'])} "
            f"| {e(r['objdiff_clarabel_highs'])} | {e(r['dualdiff_ours_clarabel'])} | {e(r['dualdiff_ours_highs'])} "
            f"| {e(r['dualdiff_clarabel_highs'])} | {polish} | {r['ours_dual_degenerate']} |")
    if probes:
        lines += ["", "## Right-hand-side probe of the worst row (ours vs Clarabel)", "",
                  "Clarabel re-solved (same tight tolerance) with the rhs of that row moved by ±h. f*(rhs) is convex, "
                  "so π(rhs − h) ≤ every optimal dual of the row ≤ π(rhs + h); a gap that stays put as h shrinks "
                  "is a kink of f*, i.e. the row's dual is not unique and any value inside is a correct price. "
                  "A gap proportional to h (curvature of f*) means a unique dual. \"jump at h → 0\" extrapolates the "
                  "two smallest h linearly to h = 0. (Clarabel's own bias moves π(±h) together; it does not change "
                  "the gap.)", "",
                  "| instance | worst row | π ours | π Clarabel | π HiGHS | "
                  + " | ".join(f"π(+h) − π(−h), h = {h:g}" for h in FD_STEPS)
                  + " | jump at h → 0 | \\|π ours − π Clar.\\| |",
                  "|---|---|---|---|---|" + "---|" * len(FD_STEPS) + "---|---|"]
        for r in rows:
            if r["instance"] not in probes:
                continue
            gaps = " | ".join(e(p["gap"]) for p in probes[r["instance"]])
            lines.append(
                f"| {r['instance']} | {r['worst_row_ours_clarabel']} | {r['pi_ours_worst']:.9g} | "
                f"{r['pi_clarabel_worst']:.9g} | "
                f"{'—' if not math.isfinite(r['pi_highs_worst']) else format(r['pi_highs_worst'], '.9g')} | {gaps} | "
                f"{e(r['probe_kink'])} | {e(abs(r['pi_ours_worst'] - r['pi_clarabel_worst']))} |")
    with open(stem + ".md", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"wrote {stem}.csv and {stem}.md")


if __name__ == "__main__":
    main()
