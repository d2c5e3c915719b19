#!/usr/bin/python3
"""Plots and tabulates tiaodu-bench results (docs/performance.md).

    /usr/bin/python3 bench/plot.py RESULTS.json [MORE.json ...] [--png OUT.png] [--table]

RESULTS are Google Benchmark JSON files (--benchmark_out). With repetitions, the median
of each benchmark is used. --png draws the time per org-year against the org count;
--table prints the targets of the issue with the measured figures (Markdown).
Needs matplotlib for --png only (Debian: python3-matplotlib).
"""
import argparse
import json
import re
import sys


def load(paths):
    """{run name: entry}, the median where there are repetitions; and the context."""
    runs, context = {}, {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        context = context or doc.get("context", {})
        medians = {}
        for b in doc.get("benchmarks", []):
            name = b.get("run_name", b["name"])
            if b.get("error_occurred"):
                runs.setdefault(name, {"error": b.get("error_message", "error")})
                continue
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") == "median":
                    medians[name] = b
            else:
                runs.setdefault(name, b)  # the first repetition, unless a median follows
        runs.update(medians)
    return runs, context


def family(runs, prefix):
    """[(orgs, entry)] of the runs named prefix/orgs:N..., ascending by N."""
    out = []
    for name, b in runs.items():
        m = re.match(re.escape(prefix) + r"/orgs:(\d+)(/|$)", name)
        if m and "error" not in b:
            out.append((int(m.group(1)), b))
    return sorted(out, key=lambda x: x[0])


def find(runs, pattern):
    for name, b in runs.items():
        if re.match(pattern, name) and "error" not in b:
            return b
    return None


def seconds(b):
    """Wall seconds per iteration of an entry."""
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
    return b["real_time"] * scale


def per_org_year(b):
    return b["s/org_year"]


def national_orgs(b):
    """The org count of a sharded run: its rate times its (manual) time."""
    return round(b["org_years/s"] * b["evaluate_s"])


def fmt_time(s):
    for unit, f in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= f:
            return f"{s / f:.3g} {unit}"
    return f"{s:.3g} s"


def table(runs, context):
    rows = []

    def row(target, measured, verdict):
        rows.append(f"| {target} | {measured} | {verdict} |")

    def met(ok):
        return "met" if ok else "**missed**"

    town = find(runs, r"town_year/evaluate_compact")
    if town:
        t = seconds(town)
        row("one town-year (50 orgs, indexed) ≤ 100 µs", fmt_time(t), f"{met(t <= 100e-6)} ({t / 100e-6:.2f}× the target)")
    town_ix = find(runs, r"town_year/index_and_evaluate_compact")
    if town_ix:
        row("(the same, indexing included)", fmt_time(seconds(town_ix)), "—")
    town_full = find(runs, r"town_year/evaluate$|town_year/evaluate/")
    if town_full:
        row("(the same into a rendered Result: ids, facts, zh/en sentences)", fmt_time(seconds(town_full)), "—")
    town_floor = find(runs, r"town_year/result_copy")
    if town_floor:
        row("(copying the town's rendered Result)", fmt_time(seconds(town_floor)), "—")

    def by_workers(prefix):
        runs_ = family(runs, prefix)
        one = [(n, b) for n, b in runs_ if "/workers:1" in b.get("run_name", b["name"])]
        more = [(n, b) for n, b in runs_ if "/workers:1" not in b.get("run_name", b["name"])]
        return one, more

    serial1, parallel = by_workers("evaluate_compact")
    rendered1, _ = by_workers("evaluate")
    if serial1:
        for n, b in serial1:
            rate = b["org_years/s"]
            row(f"≥ 1 M org-years/s per core in memory ({n:,} orgs, 1 thread)", f"{rate / 1e6:.3f} M/s",
                f"{met(rate >= 1e6)} ({1e6 / rate:.1f}× short)" if rate < 1e6 else "met")
    base = dict(family(runs, "baseline"))
    rendered = dict(rendered1)
    for n, b in serial1:
        if n in base:
            r = seconds(b) / seconds(base[n])
            extra = ""
            if n in rendered:
                extra = f"; into a rendered Result {seconds(rendered[n]) / seconds(base[n]):.0f}×"
            row(f"evaluate ≤ 10× the baseline pass ({n:,} orgs)",
                f"{fmt_time(per_org_year(b))} vs {fmt_time(per_org_year(base[n]))} per org-year",
                f"{met(r <= 10)} ({r:.1f}×{extra})")
    sharded1 = [(n, b) for n, b in family(runs, "sharded") if "/workers:1" in b.get("run_name", b["name"])]
    if serial1 and sharded1:
        # Like with like: the in-memory runs repeat their evaluation, so the shards' second
        # evaluation (memory already mapped) is the comparable figure; the first is beside it.
        (n0, b0), (n1, b1) = serial1[0], sharded1[-1]
        if "evaluate_again_s" in b1:
            again = b1["evaluate_again_s"] / n1
            g = again / per_org_year(b0) - 1
            row(f"cost per org-year grows ≤ 30 % from {n0:,} to {n1:,} orgs",
                f"{fmt_time(per_org_year(b0))} → {fmt_time(again)}", f"{met(g <= 0.30)} ({g * 100:+.0f} %)")
        g = per_org_year(b1) / per_org_year(b0) - 1
        row(f"(the same, with each shard's first evaluation, which also touches its memory first)",
            f"{fmt_time(per_org_year(b0))} → {fmt_time(per_org_year(b1))}", f"{g * 100:+.0f} %")
    if len(serial1) >= 2:
        (n0, b0), (n1, b1) = serial1[0], serial1[-1]
        g = per_org_year(b1) / per_org_year(b0) - 1
        row(f"(the same from {n0:,} to {n1:,} orgs in one snapshot)",
            f"{fmt_time(per_org_year(b0))} → {fmt_time(per_org_year(b1))}", f"{g * 100:+.0f} %")
    for n, b in family(runs, "read_json"):
        mbs = b["bytes_per_second"] / 1e6
        row(f"JSON read ≥ 200 MB/s ({n:,} orgs, {b['json_bytes/org_year'] * n / 1e6:.0f} MB)", f"{mbs:.0f} MB/s",
            f"{met(mbs >= 200)} ({mbs / 200:.2f}× the target)")
    nat = find(runs, r"national")
    if nat:
        t, n = nat["evaluate_s"], national_orgs(nat)
        full = n >= 5.18e6
        row(f"national year ({n / 1e6:.2f} M orgs) in memory ≤ 10 s on both cores "
            f"({nat['shards']:.0f} shards of {nat['shard_orgs']:,.0f})",
            f"{t:.1f} s (index {nat['index_s']:.1f} s, generation {nat['generate_s']:.1f} s)",
            f"{met(t <= 10)} ({t / 10:.1f}× the target)" if full else "not the national size")
        if "evaluate_again_s" in nat:
            again = nat["evaluate_again_s"]
            row("(the same shards evaluated a second time, their memory already mapped)",
                f"{again:.1f} s", f"{met(again <= 10)} ({again / 10:.2f}× the target)" if full else "—")
    for n, b in parallel:
        one = dict(serial1).get(n)
        if one:
            row(f"(2 threads vs 1, {n:,} orgs)", f"{fmt_time(seconds(b))} vs {fmt_time(seconds(one))}",
                f"speed-up {seconds(one) / seconds(b):.2f}×")
    for n, b in rendered1:
        row(f"(evaluate into a rendered Result, {n:,} orgs, 1 thread)", f"{fmt_time(per_org_year(b))} per org-year", "—")
    for name, b in sorted(runs.items()):
        if name.startswith("memory/") and "error" not in b:
            row(f"peak memory per org-year ({re.sub(r'/(iterations|repeats):1', '', name.split('/', 1)[1])})",
                f"{b['peak_rss_B/org_year'] / 1e3:.1f} KB peak; snapshot {b['snapshot_B/org_year'] / 1e3:.1f}, "
                f"index {b['index_B/org_year'] / 1e3:.1f}, compact result {b['compact_B/org_year'] / 1e3:.2f}, "
                f"rendered Result {b['result_B/org_year'] / 1e3:.1f} KB", "—")
    errors = [f"- `{name}`: {b['error']}" for name, b in sorted(runs.items()) if "error" in b]
    out = ["| target | measured | verdict |", "|---|---|---|"] + rows
    if errors:
        out += ["", "Not measured:"] + errors
    return "\n".join(out)


def plot(runs, context, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5), dpi=120)
    series = [("evaluate_compact", "/workers:1", "evaluate, 1 thread", "o-"),
              ("evaluate_compact", "/workers:2", "evaluate, 2 threads", "s-"),
              ("evaluate", "/workers:1", "evaluate into a rendered Result, 1 thread", "x--"),
              ("index", "", "build the index (validation included)", "^--"),
              ("result_copy", "", "copy a rendered Result", "v:"),
              ("baseline", "", "baseline: read every record once", "d:")]
    for prefix, tag, label, style in series:
        pts = [(n, per_org_year(b) * 1e6) for n, b in family(runs, prefix) if tag in b.get("run_name", b["name"])]
        if pts:
            ax.plot(*zip(*pts), style, label=label)
    sharded = [(n, per_org_year(b) * 1e6, "workers:1" in b.get("run_name", b["name"]))
               for n, b in family(runs, "sharded")]
    for n, y, one in sharded:
        ax.plot([n], [y], "o" if one else "s", mfc="none", color="C0" if one else "C1",
                label=f"evaluate in shards, {'1 thread' if one else '2 threads'}")
    nat = find(runs, r"national")
    if nat:
        n = national_orgs(nat)
        ax.plot([n], [nat["evaluate_s"] / n * 1e6], "*", ms=12, color="C3",
                label="national year in shards, 2 threads")
    ax.axhline(1.0, color="grey", lw=0.8, ls="--")
    ax.text(1.1e3, 1.08, "target: 1 µs per org-year (1 M/s per core)", color="grey", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("organizations in the snapshot (one year each)")
    ax.set_ylabel("wall time per org-year (µs)")
    cpu = context.get("num_cpus", "?")
    ax.set_title(f"tiaodu: time per org-year against org count ({cpu} CPUs, Release)", fontsize=10)
    ax.grid(True, which="both", lw=0.3)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    fig.savefig(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+")
    ap.add_argument("--png")
    ap.add_argument("--table", action="store_true")
    args = ap.parse_args()
    runs, context = load(args.results)
    if not runs:
        sys.exit("plot.py: no benchmark in " + ", ".join(args.results))
    if args.table:
        print(table(runs, context))
    if args.png:
        plot(runs, context, args.png)
        print(f"plot.py: wrote {args.png}", file=sys.stderr)


if __name__ == "__main__":
    main()
