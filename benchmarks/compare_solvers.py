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


def run_highs(mps_path, time_limit):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    for option in ("primal_feasibility_tolerance", "dual_feasibility_tolerance", "optimality_tolerance"):
        h.setOptionValue(option, TOL)
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


def clarabel_settings(time_limit):
    s = clarabel.DefaultSettings()
    s.verbose = False
    s.max_threads = 1
    s.direct_solve_method = "qdldl"
    s.tol_gap_abs = s.tol_gap_rel = s.tol_feas = TOL
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


def run_clarabel(json_path, data, time_limit, from_file):
    """Clarabel time = setup (DefaultSolver construction: equilibration, KKT assembly, AMD, symbolic + first numeric
    factorisation, wall clock) + its own solve_time. `from_file` builds the solver with load_from_file instead (that
    setup time includes JSON parsing, so it is used for the warm-up only)."""
    settings = clarabel_settings(time_limit)
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
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
