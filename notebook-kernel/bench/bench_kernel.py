"""Benchmark the Jotter Java kernel against Debian's ipykernel, in one run, over the real wire.

Run with Debian's Python (it has jupyter_client):  /usr/bin/python3 notebook-kernel/bench/bench_kernel.py
`./jotter bench kernel` does that, with JUPYTER_PATH pointing at the installed jotter-java kernelspec.

Measures, for each kernel: cold start (launch to kernel_info_reply), the round trip of a
trivial cell (execute_request to execute_reply plus idle) fresh and after thousands of
cells, and the kernel's resident memory; for Jotter also a 1024x1024 TensorFlow matmul
timed inside a cell against the same code as a plain Java program (MatmulBench.java).
Prints one table with each goal and PASS/MISS.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

# KernelSpecManager imports ipykernel, whose debugger warns about frozen modules on stderr.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tests"))  # the wire client is shared with the kernel tests

from wire_client import KernelTimeout, WireClient, kernel_pid, stop_kernel, tree_rss_bytes  # noqa: E402

MATMUL_SOURCE = HERE / "MatmulBench.java"
# The launcher honours JOTTER_KERNEL_LIB too, so both sides can run from a snapshot of the build.
KERNEL_LIB = Path(os.environ.get("JOTTER_KERNEL_LIB", REPO / "notebook-kernel" / "kernel" / "target" / "lib"))

TF_CELL = """\
import org.tensorflow.*;
import org.tensorflow.op.*;
import org.tensorflow.types.*;
var tfSession = EagerSession.create();
var tf = Ops.create(tfSession);
var tfA = tf.constant(new float[][]{{1, 2}, {3, 4}});
tf.linalg.matMul(tfA, tfA).asTensor()
"""


@dataclass
class Subject:
    """A kernel under test and the cells that mean the same thing in its language."""

    label: str
    kernel_name: str
    env: dict
    setup: str
    statement: str
    expression: str
    distinct: str  # a statement whose text differs each time ({n}): never a re-run of the same cell
    fillers: list
    is_java: bool


JOTTER = Subject(
    label="jotter",
    kernel_name="jotter-java",
    env={},
    setup="int x = 0;",
    statement="x = x + 1;",
    expression="1 + 1",
    distinct="x = x + {n};",
    fillers=["x = x + 1;", "x * 2", "int v{i} = {i};", '"s" + x', "System.out.println(x);", "Math.max(x, {i})"],
    is_java=True,
)

IPYKERNEL = Subject(
    label="ipykernel",
    kernel_name="python3",
    env={"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    setup="x = 0",
    statement="x = x + 1",
    expression="1 + 1",
    distinct="x = x + {n}",
    fillers=["x = x + 1", "x * 2", "v{i} = {i}", "'s' + str(x)", "print(x)", "max(x, {i})"],
    is_java=False,
)


@dataclass
class Plan:
    cold_starts: int
    round_trips: int  # per cell kind, per measurement
    warmup_cells: int
    rss_late_cells: int  # "after 1,500 cells"
    late_cells: int  # "after 2,000 cells"
    matmul_warmup: int
    matmul_runs: int
    matmul_rounds: int  # rounds of matmul_runs each; the best round's median counts (2 noisy cores)


FULL = Plan(cold_starts=5, round_trips=300, warmup_cells=40, rss_late_cells=1500, late_cells=2000,
            matmul_warmup=5, matmul_runs=30, matmul_rounds=3)
QUICK = Plan(cold_starts=2, round_trips=40, warmup_cells=20, rss_late_cells=200, late_cells=300,
             matmul_warmup=2, matmul_runs=5, matmul_rounds=1)


@dataclass
class Results:
    cold_start_s: list = field(default_factory=list)
    first_result_s: list = field(default_factory=list)
    fresh: dict = field(default_factory=dict)  # kind -> list of seconds
    late: dict = field(default_factory=dict)
    rss: dict = field(default_factory=dict)  # moment -> bytes
    matmul_cell_ns: list = field(default_factory=list)  # one list of timings per round
    matmul_plain_ns: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- measuring ---------------------------------------------------------------------------------


def cold_start(subject: Subject) -> tuple:
    """Seconds from launching the process to kernel_info_reply, and to the first cell's result."""
    started = time.monotonic()
    km = KernelManager(kernel_name=subject.kernel_name)
    km.start_kernel(env=dict(os.environ, **subject.env))
    client = WireClient(km)
    try:
        info_at = None
        deadline = started + 180
        while info_at is None:
            if time.monotonic() > deadline:
                raise KernelTimeout(f"{subject.label}: no kernel_info_reply within 180 s")
            if not km.is_alive():
                raise RuntimeError(f"{subject.label}: kernel died during start-up")
            msg_id = client.send("shell", "kernel_info_request", {})
            try:
                reply = client.wait_for(lambda m: m.channel == "shell" and m.parent_id == msg_id, 2.0, "kernel_info")
                info_at = reply.at
            except KernelTimeout:
                continue
        client.wait_for_ready(60)  # iopub joined, so the first cell's output is not lost
        ex = client.execute(subject.expression, timeout_s=120)
        return info_at - started, max(ex.reply.at, ex.idle_at) - started
    finally:
        stop_kernel(km, client, now=True)


class Session:
    """One long-lived kernel: counts the cells it has run."""

    def __init__(self, subject: Subject):
        self.subject = subject
        self.km = KernelManager(kernel_name=subject.kernel_name)
        self.km.start_kernel(env=dict(os.environ, **subject.env))
        self.client = WireClient(self.km)
        self.client.wait_for_ready(180)
        # kernel_info may come before the evaluator is up; an empty silent cell waits for it.
        self.client.execute("", silent=True, store_history=False, timeout_s=180)
        self.cells = 0
        self.distinct_cells = 0

    def run(self, code: str, timeout_s: float = 60):
        ex = self.client.execute(code, timeout_s=timeout_s)
        self.cells += 1
        if ex.status != "ok":
            raise RuntimeError(f"{self.subject.label}: cell failed\n{ex.summary()}")
        return ex

    def round_trip(self, code: str) -> float:
        ex = self.run(code)
        return max(ex.reply.at, ex.idle_at) - ex.sent_at

    def fill_to(self, total: int) -> None:
        fillers = self.subject.fillers
        while self.cells < total:
            self.run(fillers[self.cells % len(fillers)].format(i=self.cells))

    def rss(self) -> int:
        return tree_rss_bytes(kernel_pid(self.km))

    def close(self) -> None:
        stop_kernel(self.km, self.client)


def measure_round_trips(session: Session, n: int) -> dict:
    """Alternate the kinds of cell so all see the same conditions.

    The same cell run again is what Jupyter benchmarks usually time (and Jotter re-runs an
    unchanged cell without compiling it); a cell whose text is new each time shows the cost of
    compiling Java, which every edited cell pays.
    """
    times = {"statement": [], "expression": [], "distinct": []}
    for _ in range(n):
        times["statement"].append(session.round_trip(session.subject.statement))
        times["expression"].append(session.round_trip(session.subject.expression))
        session.distinct_cells += 1
        times["distinct"].append(session.round_trip(session.subject.distinct.format(n=session.distinct_cells)))
    return times


def parse_matmul(text: str) -> list:
    found = re.search(r"MATMUL_NS \[([\d, ]+)\]", text)
    if not found:
        raise RuntimeError(f"no MATMUL_NS line in output:\n{text[-2000:]}")
    return [int(v) for v in found.group(1).split(",")]


def matmul_cell_code(plan: Plan) -> str:
    source = MATMUL_SOURCE.read_text()
    body = source.split("// BEGIN CELL", 1)[1].split("// END CELL", 1)[0]
    imports = "\n".join(line for line in source.splitlines() if line.startswith("import "))
    return f"{imports}\nint warmup = {plan.matmul_warmup};\nint runs = {plan.matmul_runs};\n{body}"


def measure_kernel(subject: Subject, plan: Plan) -> Results:
    res = Results()
    for i in range(plan.cold_starts):
        info_s, first_s = cold_start(subject)
        res.cold_start_s.append(info_s)
        res.first_result_s.append(first_s)
        log(f"[{subject.label}] cold start {i + 1}/{plan.cold_starts}: "
            f"kernel_info {info_s:.2f} s, first result {first_s:.2f} s")

    session = Session(subject)
    try:
        time.sleep(2)
        res.rss["idle"] = session.rss()
        session.run(subject.setup)
        session.fill_to(10)
        res.rss["after 10 cells"] = session.rss()
        session.fill_to(10 + plan.warmup_cells)
        log(f"[{subject.label}] measuring {plan.round_trips} round trips of each kind (fresh)")
        res.fresh = measure_round_trips(session, plan.round_trips)
        log(f"[{subject.label}] filling to {plan.rss_late_cells} cells")
        session.fill_to(plan.rss_late_cells)
        res.rss[f"after {plan.rss_late_cells} cells"] = session.rss()
        session.fill_to(plan.late_cells)
        log(f"[{subject.label}] measuring {plan.round_trips} round trips of each kind after {session.cells} cells")
        res.late = measure_round_trips(session, plan.round_trips)
        if subject.is_java:
            log(f"[{subject.label}] loading TensorFlow")
            session.run(TF_CELL, timeout_s=300)
            res.rss["after TensorFlow"] = session.rss()
            for r in range(plan.matmul_rounds):
                log(f"[{subject.label}] matmul in a cell, round {r + 1}/{plan.matmul_rounds}")
                ex = session.run(matmul_cell_code(plan), timeout_s=300)
                res.matmul_cell_ns.append(parse_matmul(ex.stdout))
    finally:
        session.close()
    if subject.is_java:
        # Right after the kernel is gone, so both sides see the same machine.
        res.matmul_plain_ns = [plain_java_matmul(plan) for _ in range(plan.matmul_rounds)]
    return res


def plain_java_matmul(plan: Plan) -> list:
    classpath = str(KERNEL_LIB / "*")
    cmd = ["java", "-cp", classpath, str(MATMUL_SOURCE), str(plan.matmul_warmup), str(plan.matmul_runs)]
    log("[plain java] " + " ".join(cmd))
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"plain Java matmul failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return parse_matmul(done.stdout)


# -- reporting ---------------------------------------------------------------------------------


def median(values):
    return statistics.median(values) if values else None


def pct(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


@dataclass
class Row:
    metric: str
    jotter: Optional[float]
    ipykernel: Optional[float]
    unit: str
    goal: str = ""
    verdict: str = ""


def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value * 1000:.1f} ms" if value < 10 else f"{value * 1000:.0f} ms"
    if unit == "MB":
        return f"{value / 1e6:.0f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    return str(value)


def verdict(ok: Optional[bool]) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def best_median(rounds: list) -> Optional[float]:
    return min(statistics.median(r) for r in rounds) if rounds else None


def build_rows(plan: Plan, j: Optional[Results], p: Optional[Results]) -> list:
    rows = []
    jv = lambda f: f(j) if j else None  # noqa: E731
    pv = lambda f: f(p) if p else None  # noqa: E731

    js, ps = jv(lambda r: median(r.cold_start_s)), pv(lambda r: median(r.cold_start_s))
    rows.append(Row(f"cold start to kernel_info_reply (median of {plan.cold_starts})", js, ps, "s",
                    "<= 1.5x ipykernel", verdict(js / ps <= 1.5 if js and ps else None)))
    rows.append(Row("cold start to first cell result (median)", jv(lambda r: median(r.first_result_s)),
                    pv(lambda r: median(r.first_result_s)), "s"))

    late_label = f"after {plan.late_cells} cells"
    for kind, cell in (("statement", "x = x + 1"), ("expression", "1 + 1"), ("distinct", "x = x + N, new N each time")):
        j50, p50 = jv(lambda r: pct(r.fresh[kind], 50)), pv(lambda r: pct(r.fresh[kind], 50))
        rows.append(Row(f"round trip `{cell}` p50 (fresh)", j50, p50, "ms", "<= 10 ms",
                        verdict(j50 <= 0.010 if j50 is not None else None)))
        rows.append(Row(f"round trip `{cell}` p99 (fresh)", jv(lambda r: pct(r.fresh[kind], 99)),
                        pv(lambda r: pct(r.fresh[kind], 99)), "ms"))
        jl, pl = jv(lambda r: pct(r.late[kind], 50)), pv(lambda r: pct(r.late[kind], 50))
        rows.append(Row(f"round trip `{cell}` p50 ({late_label})", jl, pl, "ms",
                        "<= 1.1x fresh p50 (noise margin)",
                        verdict(jl <= 1.1 * j50 if jl is not None and j50 else None)))
        rows.append(Row(f"round trip `{cell}` p99 ({late_label})", jv(lambda r: pct(r.late[kind], 99)),
                        pv(lambda r: pct(r.late[kind], 99)), "ms"))

    late_rss = f"after {plan.rss_late_cells} cells"
    ji, pi = jv(lambda r: r.rss.get("idle")), pv(lambda r: r.rss.get("idle"))
    rows.append(Row("RSS idle after start (ready, 2 s settled)", ji, pi, "MB", "<= 150 MB",
                    verdict(ji <= 150e6 if ji else None)))
    j10 = jv(lambda r: r.rss.get("after 10 cells"))
    rows.append(Row("RSS after 10 cells", j10, pv(lambda r: r.rss.get("after 10 cells")), "MB"))
    jlate = jv(lambda r: r.rss.get(late_rss))
    rows.append(Row(f"RSS {late_rss}", jlate, pv(lambda r: r.rss.get(late_rss)), "MB",
                    "<= 1.5x RSS after 10 cells", verdict(jlate <= 1.5 * j10 if jlate and j10 else None)))
    rows.append(Row("RSS after TensorFlow loaded", jv(lambda r: r.rss.get("after TensorFlow")), None, "MB"))

    cell_ns = jv(lambda r: best_median(r.matmul_cell_ns))
    plain_ns = jv(lambda r: best_median(r.matmul_plain_ns))
    cell_s = cell_ns / 1e9 if cell_ns else None
    plain_s = plain_ns / 1e9 if plain_ns else None
    how = f"best of {plan.matmul_rounds} medians of {plan.matmul_runs}"
    rows.append(Row(f"1024x1024 matmul in a cell ({how})", cell_s, None, "ms"))
    rows.append(Row(f"1024x1024 matmul, plain Java program ({how})", plain_s, None, "ms"))
    speed = plain_s / cell_s if cell_s and plain_s else None
    rows.append(Row("matmul speed in cell / plain Java", speed, None, "x", ">= 0.95x",
                    verdict(speed >= 0.95 if speed else None)))
    return rows


def print_table(rows: list) -> None:
    header = ("metric", "jotter", "ipykernel", "ratio", "goal", "verdict")
    lines = []
    for r in rows:
        ratio = r.jotter / r.ipykernel if r.jotter and r.ipykernel and r.unit != "x" else None
        lines.append((r.metric, fmt(r.jotter, r.unit), fmt(r.ipykernel, r.unit),
                      f"{ratio:.2f}x" if ratio else "", r.goal, r.verdict))
    widths = [max(len(str(x[i])) for x in lines + [header]) for i in range(len(header))]
    fmt_line = lambda cols: "  ".join(str(c).ljust(w) for c, w in zip(cols, widths)).rstrip()  # noqa: E731
    print(fmt_line(header))
    print(fmt_line(["-" * w for w in widths]))
    for line in lines:
        print(fmt_line(line))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run with few iterations")
    parser.add_argument("--only", choices=("jotter", "ipykernel"), help="measure one kernel only")
    parser.add_argument("--json", metavar="FILE", help="also write the raw measurements as JSON")
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL

    run_jotter = args.only in (None, "jotter")
    run_ipykernel = args.only in (None, "ipykernel")
    if run_jotter:
        try:
            KernelSpecManager().get_kernel_spec(JOTTER.kernel_name)
        except NoSuchKernel:
            log(f"kernelspec {JOTTER.kernel_name!r} not found; set JUPYTER_PATH (JUPYTER_PATH="
                f"{os.environ.get('JUPYTER_PATH')!r}) or run via `./jotter bench kernel`")
            return 2

    started = time.monotonic()
    j = measure_kernel(JOTTER, plan) if run_jotter else None
    p = measure_kernel(IPYKERNEL, plan) if run_ipykernel else None
    elapsed = time.monotonic() - started

    rows = build_rows(plan, j, p)
    print(f"\nKernel benchmark ({'quick' if args.quick else 'full'} run, {os.cpu_count()} CPUs, {elapsed:.0f} s)\n")
    print_table(rows)
    if args.json:
        raw = {"plan": plan.__dict__, "jotter": j.__dict__ if j else None,
               "ipykernel": p.__dict__ if p else None,
               "rows": [r.__dict__ for r in rows]}
        Path(args.json).write_text(json.dumps(raw, indent=1))
    missed = [r.metric for r in rows if r.verdict == "MISS"]
    return 1 if missed and args.fail_on_miss else 0


if __name__ == "__main__":
    sys.exit(main())
