"""Side-by-side benchmarks: xfactor vs DuckDB (npm @duckdb/node-api) vs pandas (Debian
python3-pandas), same machine, same files, one run.

    /usr/bin/python3 bench/compare/run.py [--scale S] [--reps N] [--only a,b] [--threads T]

For each workload: generate the input files deterministically (cached by scale), run every engine
once and compare their outputs (equal within a relative tolerance of 1e-9 for floats, exactly
otherwise) — a workload whose outputs differ reports no times — then run the engines interleaved
(A B C A B C …) `--reps` times and report the median wall time, the median peak RSS, and the
ratios xfactor / DuckDB and xfactor / pandas. Results go to build/bench/compare/results.{json,md}.
"""
import argparse
import csv
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# name → (what it measures, input files, output files of the workload)
WORKLOADS = {
    "ingest": ("ingest a 1 GB mixed-type CSV (UTF-8)", ["mixed.csv"], ["summary.csv"]),
    "ingest_gb18030": ("ingest a 1 GB mixed-type CSV (GB18030)", ["mixed_gb18030.csv"], ["summary.csv"]),
    "groupby_1k": ("group-by 10M rows, 1k groups", ["readings.csv"], ["groups.csv"]),
    "groupby_1m": ("group-by 10M rows, 1M groups", ["readings.csv"], ["groups.csv"]),
    "join": ("hash join 10M × 1M, totals per category", ["readings.csv", "dims.csv"], ["totals.csv"]),
    "rolling": ("rolling mean/std over 96 readings per key, 14.4M rows", ["meters.csv"], ["per_meter.csv"]),
    "quality": ("20 quality rules on 10M rows", ["quality.csv", "register.csv"], ["rule_failures.csv"]),
    "power_status": ("power-production-status core at its large scale (7.3M daily readings)",
                     ["users.csv", "daily_kwh.csv"], ["city_daily.csv", "region_daily.csv"]),
}
ENGINES = ["xfactor", "duckdb", "pandas"]
REL_TOL = 1e-9


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def build(build_dir):
    sh(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DXF_BENCH=ON",
        "-DXF_TESTS=OFF"], stdout=subprocess.DEVNULL)
    sh(["ninja", "-C", build_dir, "xfactor", "bench/xf_gen_csv"], stdout=subprocess.DEVNULL)


def generate(build_dir, data, scale):
    os.makedirs(data, exist_ok=True)
    xf = os.path.join(build_dir, "xfactor")
    if not os.path.exists(os.path.join(data, "quality.csv")):
        print(f"generating the tables at scale {scale} in {data}", flush=True)
        sh([xf, "gen", os.path.join(HERE, "data", "tables.yaml"), "--out", data, "--scale", str(scale)],
           stdout=subprocess.DEVNULL)
    if not os.path.exists(os.path.join(data, "daily_kwh.csv")):
        print(f"generating power-production-status at scale {20 * scale:g} (its large scale is 20)", flush=True)
        sh([xf, "gen", os.path.join(ROOT, "scenarios", "green", "power-production-status"), "--out", data,
            "--scale", f"{20 * scale:g}"], stdout=subprocess.DEVNULL)
    mb = max(1, round(1000 * scale))
    gen_csv = os.path.join(build_dir, "bench", "xf_gen_csv")
    for name, extra in (("mixed.csv", []), ("mixed_gb18030.csv", ["gb18030"])):
        if not os.path.exists(os.path.join(data, name)):
            print(f"generating {name} ({mb} MB)", flush=True)
            sh([gen_csv, os.path.join(data, name), str(mb)] + extra, stdout=subprocess.DEVNULL)


def command(engine, workload, data, out, build_dir, threads):
    if engine == "xfactor":
        xf = os.path.join(build_dir, "xfactor")
        if workload == "quality":
            return [xf, "validate", os.path.join(data, "quality.csv"), "--standard",
                    os.path.join(HERE, "workloads", "quality_standard.yaml"), "--ref",
                    "register=" + os.path.join(data, "register.csv"), "--json"]
        return [xf, "exec", os.path.join(HERE, "workloads", workload + ".yaml"), "--data", data, "--out", out, "-q"]
    if engine == "duckdb":
        return ["node", os.path.join(HERE, "duckdb_run.mjs"), workload, data, out, str(threads)]
    return ["/usr/bin/python3", os.path.join(HERE, "pandas_run.py"), workload, data, out]


def run_once(engine, workload, data, out, build_dir, threads):
    """Runs one engine on one workload; returns (seconds, peak RSS in bytes)."""
    os.makedirs(out, exist_ok=True)
    cmd = command(engine, workload, data, out, build_dir, threads)
    env = dict(os.environ, XF_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    stdout = open(os.path.join(out, "stdout.txt"), "wb")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stdout.close()
    err = proc.stderr.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{engine} {workload} failed (exit {proc.returncode}):\n{err[-2000:]}")
    if engine == "xfactor" and workload == "quality":
        xfactor_rule_failures(os.path.join(out, "stdout.txt"), os.path.join(out, "rule_failures.csv"))
    return seconds, usage.ru_maxrss * 1024


def xfactor_rule_failures(report_json, out_csv):
    """`xfactor validate --json` → rule,failing (evaluated − conforming) sorted by rule id."""
    with open(report_json, encoding="utf-8") as f:
        report = json.load(f)
    # The standard's 20 rules; xfactor also scores the file's readability (its own rule `readable`).
    rules = sorted((r for r in report["rules"] if r["id"] != "readable"), key=lambda r: r["id"])
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["rule", "failing"])
        for r in rules:
            w.writerow([r["id"], r["evaluated"] - r["conforming"]])


def cells_equal(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return normalise_text(a) == normalise_text(b)
    return math.isclose(x, y, rel_tol=REL_TOL, abs_tol=1e-9)


def normalise_text(v):
    # Booleans and dates as each engine prints them.
    v = v.strip()
    return {"True": "true", "False": "false"}.get(v, v)


def compare_outputs(files):
    """Every engine's output equals the first one's (same header, rows in the same order)."""
    tables = {}
    for engine, path in files.items():
        with open(path, newline="", encoding="utf-8") as f:
            tables[engine] = list(csv.reader(f))
    ref_engine = next(iter(tables))
    ref = tables[ref_engine]
    problems = []
    for engine, rows in tables.items():
        if engine == ref_engine:
            continue
        if len(rows) != len(ref):
            problems.append(f"{engine}: {len(rows) - 1} rows, {ref_engine}: {len(ref) - 1}")
            continue
        for i, (r, s) in enumerate(zip(ref, rows)):
            if len(r) != len(s) or not all(cells_equal(a, b) for a, b in zip(r, s)):
                problems.append(f"{engine} row {i}: {s} vs {ref_engine} {r}")
                break
    return problems


def compare_in_child(files):
    """compare_outputs in a child process: reading big outputs would grow this process, and a child
    starts from a copy of it, so every later engine's peak RSS would include that growth."""
    args = [sys.executable, os.path.abspath(__file__), "--compare"] + [f"{e}={p}" for e, p in files.items()]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def machine():
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "os": platform.platform(), "load_before": os.getloadavg()}


def versions(build_dir):
    xf = subprocess.run([os.path.join(build_dir, "xfactor"), "version"], capture_output=True, text=True).stdout.strip()
    duck = json.load(open(os.path.join(HERE, "node_modules", "@duckdb", "node-api", "package.json")))["version"]
    pd = subprocess.run(["/usr/bin/python3", "-c", "import pandas, numpy; print(pandas.__version__, numpy.__version__)"],
                        capture_output=True, text=True).stdout.split()
    return {"xfactor": xf, "duckdb_node_api": duck, "pandas": pd[0], "numpy": pd[1],
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()}


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--compare":
        print(json.dumps(compare_outputs(dict(a.split("=", 1) for a in sys.argv[2:]))))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="size of every workload (1 = the sizes named above)")
    ap.add_argument("--reps", type=int, default=3, help="timed repetitions per engine (interleaved)")
    ap.add_argument("--only", default="", help="comma-separated workloads (default: all)")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="threads for every engine")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench"), help="Release build folder")
    args = ap.parse_args()
    chosen = [w for w in args.only.split(",") if w] or list(WORKLOADS)
    for w in chosen:
        if w not in WORKLOADS:
            sys.exit(f"unknown workload {w}; known: {', '.join(WORKLOADS)}")

    build(args.build)
    data = os.path.join(args.build, "compare-data", f"scale-{args.scale:g}")
    generate(args.build, data, args.scale)
    work = os.path.join(args.build, "compare")
    results = {"scale": args.scale, "reps": args.reps, "threads": args.threads, "machine": machine(),
               "versions": versions(args.build), "workloads": {}}
    for w in chosen:
        title, inputs, outputs = WORKLOADS[w]
        size = sum(os.path.getsize(os.path.join(data, f)) for f in inputs)
        print(f"== {w}: {title} ({size / 1e6:.0f} MB of input)", flush=True)
        outs = {e: os.path.join(work, w, e) for e in ENGINES}
        times = {e: [] for e in ENGINES}
        rss = {e: [] for e in ENGINES}
        # The first round is the correctness check (and warms the page cache); it is not timed.
        for e in ENGINES:
            run_once(e, w, data, outs[e], args.build, args.threads)
        problems = []
        for output in outputs:
            problems += compare_in_child({e: os.path.join(outs[e], output) for e in ENGINES})
        entry = {"title": title, "input_mb": round(size / 1e6, 1), "outputs_equal": not problems}
        if problems:
            entry["problems"] = problems
            print("   outputs differ, no times reported:\n   " + "\n   ".join(problems), flush=True)
            results["workloads"][w] = entry
            continue
        for _ in range(args.reps):
            for e in ENGINES:
                s, m = run_once(e, w, data, outs[e], args.build, args.threads)
                times[e].append(s)
                rss[e].append(m)
        for e in ENGINES:
            entry[e] = {"median_s": statistics.median(times[e]), "runs_s": times[e],
                        "peak_rss_mb": statistics.median(rss[e]) / 1e6}
        entry["ratio_vs_duckdb"] = entry["xfactor"]["median_s"] / entry["duckdb"]["median_s"]
        entry["ratio_vs_pandas"] = entry["xfactor"]["median_s"] / entry["pandas"]["median_s"]
        results["workloads"][w] = entry
        print("   " + "  ".join(f"{e} {entry[e]['median_s']:.2f} s ({entry[e]['peak_rss_mb']:.0f} MB)" for e in ENGINES)
              + f"  xfactor/DuckDB {entry['ratio_vs_duckdb']:.2f}  xfactor/pandas {entry['ratio_vs_pandas']:.3f}",
              flush=True)
    results["machine"]["load_after"] = os.getloadavg()
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    with open(os.path.join(work, "results.md"), "w") as f:
        f.write(markdown(results))
    print(markdown(results))


def markdown(results):
    lines = ["| workload | input | xfactor | DuckDB | pandas | xfactor ÷ DuckDB | xfactor ÷ pandas |",
             "|---|---|---|---|---|---|---|"]
    for w, e in results["workloads"].items():
        if not e["outputs_equal"]:
            lines.append(f"| {e['title']} | {e['input_mb']:.0f} MB | outputs differ | | | | |")
            continue
        cell = lambda k: f"{e[k]['median_s']:.2f} s, {e[k]['peak_rss_mb']:.0f} MB"
        lines.append(f"| {e['title']} | {e['input_mb']:.0f} MB | {cell('xfactor')} | {cell('duckdb')} | {cell('pandas')} "
                     f"| {e['ratio_vs_duckdb']:.2f} | {e['ratio_vs_pandas']:.3f} |")
    m, v = results["machine"], results["versions"]
    lines.append("")
    lines.append(f"scale {results['scale']:g}, {results['reps']} interleaved runs each (medians), {results['threads']} threads; "
                 f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; load {m['load_before'][0]:.1f} before, "
                 f"{m['load_after'][0]:.1f} after; {v['xfactor']}, DuckDB {v['duckdb_node_api']} (node {v['node']}), "
                 f"pandas {v['pandas']} (numpy {v['numpy']}).")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
