#!/usr/bin/env python3
"""DC-OPF benchmark: `computegrid opf` against HiGHS (same QP) and pandapower's DC-OPF, in one run.

Issue 4, item 6 and Targets:
  * case_ACTIVSg2000, one period: our build + solve faster than pandapower's `rundcopp` and within
    2x of HiGHS on the same QP;
  * case300 over 24 periods in under 24x the single-period time.

For every instance (case_ACTIVSg2000 x1, case300 x1, case300 x24) the script
  1. exports the exact QP we solve (`computegrid opf CASE --export-qps`; HiGHS wants the `.mps`
     ending, the file is free MPS with a QUADOBJ section);
  2. repeats, interleaved so that all three see the same machine load:
       - ours: `computegrid opf CASE [--periods T] --json -` as a fresh process; we take
         build_seconds + solve_seconds from its JSON, the process wall time, and the peak RSS
         (JSON peak_memory_mib = VmHWM, and /usr/bin/time -f %M);
       - HiGHS: a fresh `highspy.Highs()`, `readModel` (timed apart), threads = 1,
         primal/dual feasibility tolerance 1e-8, default QP solver (active set), its own run time
         (`getRunTime()` after `run()`);
       - pandapower (single-period instances only): `from_mpc` of the same .m file once
         (conversion excluded), then the wall time of `pp.rundcopp(net)`;
  3. reports medians, ratios, relative objective differences and status.

Usage (normally through benchmarks/opf_benchmark.sh, which makes the venv and builds):
  benchmarks/.venv/bin/python benchmarks/opf_benchmark.py --computegrid PATH [--repeats 5]
"""
import argparse
import csv
import datetime
import io
import json
import logging
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES_DIR = os.path.join(REPO, "Sources", "PowerGrid", "Resources", "cases")

# (label, case, periods)
INSTANCES = [
    ("case_ACTIVSg2000 x1", "case_ACTIVSg2000", 1),
    ("case300 x1", "case300", 1),
    ("case300 x24", "case300", 24),
]


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def rel(a, b):
    if a is None or b is None:
        return None
    return abs(a - b) / max(abs(b), 1e-300)


# ---------------------------------------------------------------- ours
def run_ours(exe, case, periods, extra=()):
    """One fresh `computegrid opf` process. Returns dict with times (s), objective, memory (MiB)."""
    args = [exe, "opf", case, "--json", "-"] + (["--periods", str(periods)] if periods > 1 else []) + list(extra)
    # Peak RSS from GNU time's %M (KiB) when available. Not ru_maxrss from wait4 here: Linux carries the
    # forked Python parent's RSS (hundreds of MiB with pandapower loaded) into the child's maxrss across exec.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as tfile:
        wrapped = ([GNU_TIME, "-f", "%M", "-o", tfile.name] if GNU_TIME else []) + args
        t0 = time.perf_counter()
        code = subprocess.run(wrapped, stdout=out, stderr=err).returncode
        wall = time.perf_counter() - t0
        out.seek(0)
        text = out.read().decode()
        err.seek(0)
        errtext = err.read().decode()
        maxrss = tfile.read().strip().splitlines()[-1] if GNU_TIME else ""
    if code != 0:
        raise RuntimeError(f"{' '.join(args)} exited {code}: {errtext}")
    d = json.loads(text)
    return {
        "status": d["status"],
        "objective": d["objective"],
        "build": d["build_seconds"],
        "solve": d["solve_seconds"],
        "total": d["build_seconds"] + d["solve_seconds"],
        "wall": wall,
        "peak_mib_json": d.get("peak_memory_mib"),
        "peak_mib_time": float(maxrss) / 1024.0 if maxrss else None,
    }


def export_qps(exe, case, periods, path):
    args = [exe, "opf", case, "--export-qps", path, "--json", os.devnull] + (
        ["--periods", str(periods)] if periods > 1 else [])
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ---------------------------------------------------------------- HiGHS
def run_highs(path, tol):
    import highspy
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("primal_feasibility_tolerance", tol)
    h.setOptionValue("dual_feasibility_tolerance", tol)
    t0 = time.perf_counter()
    st = h.readModel(path)
    read = time.perf_counter() - t0
    if st == highspy.HighsStatus.kError:
        raise RuntimeError(f"HiGHS could not read {path}")
    t0 = time.perf_counter()
    h.run()
    wall = time.perf_counter() - t0
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return {
        "status": status,
        "objective": info.objective_function_value if optimal else None,
        "run": h.getRunTime(),
        "wall": wall,
        "read": read,
        "qp_iterations": info.qp_iteration_count,
    }


def highs_version():
    import highspy
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return f"{h.versionMajor()}.{h.versionMinor()}.{h.versionPatch()}"


# ---------------------------------------------------------------- pandapower
def pp_convert(case):
    from pandapower.converter.matpower import from_mpc
    with warnings.catch_warnings(), _quiet():
        warnings.simplefilter("ignore")
        return from_mpc(os.path.join(CASES_DIR, case + ".m"), f_hz=60)


def run_pandapower(net):
    import pandapower as pp
    with warnings.catch_warnings(), _quiet():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        pp.rundcopp(net)
        wall = time.perf_counter() - t0
    return {
        "status": "optimal" if net.OPF_converged else "not converged",
        "objective": float(net.res_cost) if net.OPF_converged else None,
        "wall": wall,
    }


class _quiet:
    """Silence pandapower's logging and prints (voltage-limit notes) during a call."""

    def __enter__(self):
        self._level = logging.root.manager.disable
        logging.disable(logging.WARNING)
        self._stdout = sys.stdout
        sys.stdout = io.StringIO()

    def __exit__(self, *exc):
        sys.stdout = self._stdout
        logging.disable(self._level)


# ---------------------------------------------------------------- main
def fmt(x, spec=".4f"):
    return "—" if x is None else format(x, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--computegrid", required=True, help="path of the release computegrid executable")
    ap.add_argument("--repeats", type=int, default=5, help="timed repeats per tool and instance (median; ≥3)")
    ap.add_argument("--highs-tolerance", type=float, default=1e-8)
    ap.add_argument("--out-dir", default=os.path.join(REPO, "benchmarks", "results"))
    ap.add_argument("--no-write", action="store_true", help="print only, write no result files")
    a = ap.parse_args()
    if a.repeats < 3:
        ap.error("--repeats must be at least 3")
    import highspy  # noqa: F401  (fail early when the venv is missing)
    import pandapower

    host = socket.gethostname()
    stamp = datetime.datetime.now().astimezone()
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip() != ""
    load_before = os.getloadavg()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
               platform.processor())

    tmp = tempfile.mkdtemp(prefix="opfbench-")
    rows = []
    single_total = {}
    for label, case, periods in INSTANCES:
        qps = os.path.join(tmp, f"{case}_{periods}.mps")
        export_qps(a.computegrid, case, periods, qps)
        net = pp_convert(case) if periods == 1 else None
        # one untimed warm-up of each tool (page cache, imports, lazy initialisation)
        run_ours(a.computegrid, case, periods)
        run_highs(qps, a.highs_tolerance)
        if net is not None:
            run_pandapower(net)
        ours, highs, pand = [], [], []
        for _ in range(a.repeats):
            ours.append(run_ours(a.computegrid, case, periods))
            highs.append(run_highs(qps, a.highs_tolerance))
            if net is not None:
                pand.append(run_pandapower(net))
        o_total = median([r["total"] for r in ours])
        h_run = median([r["run"] for r in highs])
        p_wall = median([r["wall"] for r in pand]) if pand else None
        o_obj = ours[-1]["objective"]
        h_obj = highs[-1]["objective"]
        p_obj = pand[-1]["objective"] if pand else None
        h_statuses = sorted({r["status"] for r in highs})
        row = {
            "instance": label,
            "case": case,
            "periods": periods,
            "columns_rows": _qps_size(qps),
            "ours_status": ours[-1]["status"],
            "ours_build_s": median([r["build"] for r in ours]),
            "ours_solve_s": median([r["solve"] for r in ours]),
            "ours_build_solve_s": o_total,
            "ours_build_solve_min_s": min(r["total"] for r in ours),
            "ours_process_wall_s": median([r["wall"] for r in ours]),
            "ours_peak_mib_vmhwm": max(r["peak_mib_json"] or 0 for r in ours) or None,
            "ours_peak_mib_time": max((r["peak_mib_time"] or 0) for r in ours) or None,
            "ours_objective": o_obj,
            "highs_status": "/".join(h_statuses),
            "highs_run_s": h_run,
            "highs_run_min_s": min(r["run"] for r in highs),
            "highs_read_s": median([r["read"] for r in highs]),
            "highs_qp_iterations": highs[-1]["qp_iterations"],
            "highs_objective": h_obj,
            "pandapower_status": pand[-1]["status"] if pand else "not run",
            "pandapower_rundcopp_s": p_wall,
            "pandapower_objective": p_obj,
            "ratio_ours_over_highs": o_total / h_run if h_run else None,
            "ratio_ours_over_pandapower": o_total / p_wall if p_wall else None,
            "rel_obj_diff_highs": rel(o_obj, h_obj),
            "rel_obj_diff_pandapower": rel(o_obj, p_obj),
            "repeats": a.repeats,
            "ours_build_solve_all_s": " ".join(f"{r['total']:.6f}" for r in ours),
            "highs_run_all_s": " ".join(f"{r['run']:.6f}" for r in highs),
            "pandapower_all_s": " ".join(f"{r['wall']:.6f}" for r in pand),
        }
        rows.append(row)
        if periods == 1:
            single_total[case] = (o_total, h_run, highs[-1]["status"])
        print(f"… {label}: ours {o_total:.4f} s, HiGHS {h_run:.4f} s ({row['highs_status']}), "
              f"pandapower {fmt(p_wall)} s", file=sys.stderr)
    load_after = os.getloadavg()

    # 24-period / single-period ratios (case300)
    multi = next(r for r in rows if r["case"] == "case300" and r["periods"] == 24)
    one = next(r for r in rows if r["case"] == "case300" and r["periods"] == 1)
    ratio24_ours = multi["ours_build_solve_s"] / one["ours_build_solve_s"]
    ratio24_highs = multi["highs_run_s"] / one["highs_run_s"]
    # Also from the fastest repeat of each: less sensitive to other jobs on a shared machine.
    ratio24_ours_min = multi["ours_build_solve_min_s"] / one["ours_build_solve_min_s"]
    highs24_ok = multi["highs_status"] == "Optimal"

    big = rows[0]
    targets = [
        ("case_ACTIVSg2000 x1: ours (build + solve) faster than pandapower rundcopp",
         big["ratio_ours_over_pandapower"] is not None and big["ratio_ours_over_pandapower"] < 1,
         f"{big['ours_build_solve_s']:.4f} s vs {fmt(big['pandapower_rundcopp_s'])} s "
         f"(ratio {fmt(big['ratio_ours_over_pandapower'], '.3f')})"),
        ("case_ACTIVSg2000 x1: ours within 2x of HiGHS on the same QP",
         big["ratio_ours_over_highs"] is not None and big["ratio_ours_over_highs"] <= 2,
         f"{big['ours_build_solve_s']:.4f} s vs {big['highs_run_s']:.4f} s "
         f"(ratio {fmt(big['ratio_ours_over_highs'], '.3f')})"),
        ("case300: 24 periods in under 24x the single-period time (ours)",
         ratio24_ours < 24, f"{multi['ours_build_solve_s']:.4f} s / {one['ours_build_solve_s']:.4f} s = {ratio24_ours:.2f}x"),
    ]

    # ------------------------------------------------------------ table
    env = (f"host {host}, {cpu}, {os.cpu_count()} CPUs, load average {load_before[0]:.2f} → {load_after[0]:.2f}; "
           f"ComputeGrid {commit}{' (dirty)' if dirty else ''}; HiGHS {highs_version()} (highspy), "
           f"pandapower {pandapower.__version__}, Python {platform.python_version()}; "
           f"{a.repeats} repeats, medians; {stamp.isoformat(timespec='seconds')}")
    hdr = ["instance", "cols×rows", "ours b+s s", "(build)", "ours wall s", "peak MiB", "HiGHS s", "HiGHS status",
           "pandapower s", "ours/HiGHS", "ours/pp", "Δobj HiGHS", "Δobj pp"]
    table = []
    for r in rows:
        table.append([
            r["instance"], r["columns_rows"], fmt(r["ours_build_solve_s"]), fmt(r["ours_build_s"]),
            fmt(r["ours_process_wall_s"], ".3f"), fmt(r["ours_peak_mib_time"] or r["ours_peak_mib_vmhwm"], ".1f"), fmt(r["highs_run_s"]),
            r["highs_status"], fmt(r["pandapower_rundcopp_s"]), fmt(r["ratio_ours_over_highs"], ".3f"),
            fmt(r["ratio_ours_over_pandapower"], ".3f"), fmt(r["rel_obj_diff_highs"], ".1e"),
            fmt(r["rel_obj_diff_pandapower"], ".1e")])
    md = ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
    md += ["| " + " | ".join(str(c) for c in t) + " |" for t in table]
    widths = [max(len(str(x)) for x in col) for col in zip(hdr, *table)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(hdr, widths)))
    for t in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(t, widths)))
    print()
    r24 = (f"case300 24-period / 1-period time: ours {ratio24_ours:.2f}x (build + solve, medians; "
           f"{ratio24_ours_min:.2f}x from the fastest repeats); HiGHS "
           f"{ratio24_highs:.2f}x" + ("" if highs24_ok else f" — HiGHS did not solve the 24-period QP "
                                      f"({multi['highs_status']}); its time is time to failure"))
    print(r24)
    for name, ok, detail in targets:
        print(f"[{'PASS' if ok else 'MISS'}] {name}: {detail}")
    print(env)

    if a.no_write:
        return
    os.makedirs(a.out_dir, exist_ok=True)
    base = os.path.join(a.out_dir, f"opf-{stamp.date().isoformat()}-{host}")
    with open(base + ".csv", "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    with open(base + ".md", "w") as fh:
        fh.write(f"# DC-OPF benchmark, {stamp.date().isoformat()}, {host}\n\n")
        fh.write(env + "\n\n")
        fh.write("Times in seconds, medians. *ours b+s* = build_seconds + solve_seconds from our JSON; *ours wall* = "
                 "whole `computegrid opf … --json -` process (reading the case, LMP split, JSON); *peak MiB* = "
                 "max RSS of our process (`/usr/bin/time -f %M`; the CSV also has VmHWM from our JSON); *HiGHS* = `getRunTime()` of `run()` on the exported QP (read excluded), "
                 "threads 1, feasibility tolerances "
                 f"{a.highs_tolerance:g}; *pandapower* = wall time of `pp.rundcopp` (conversion excluded); "
                 "Δobj = relative objective difference of ours against the other.\n\n")
        fh.write("\n".join(md) + "\n\n")
        fh.write(r24 + "\n\n")
        fh.write("Targets (issue 4):\n\n")
        for name, ok, detail in targets:
            fh.write(f"- **{'PASS' if ok else 'MISS'}** {name}: {detail}\n")
        fh.write("\nObjectives ($/h): " + "; ".join(
            f"{r['instance']}: ours {r['ours_objective']!r}, HiGHS {r['highs_objective']!r}, "
            f"pandapower {r['pandapower_objective']!r}" for r in rows) + "\n")
    print(f"wrote {base}.csv and {base}.md")


def _qps_size(path):
    cols, rows, section, seen = 0, 0, None, set()
    with open(path) as fh:
        for line in fh:
            if line and not line[0].isspace():
                section = line.split()[0]
                continue
            f = line.split()
            if section == "ROWS" and f and f[0] != "N":
                rows += 1
            elif section == "COLUMNS" and f and f[0] not in seen and "MARKER" not in line:
                seen.add(f[0])
    return f"{len(seen)}×{rows}"


if __name__ == "__main__":
    main()
