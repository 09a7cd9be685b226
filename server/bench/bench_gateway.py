"""Benchmark the kernel WebSocket gateway (/api/kernels/{id}/channels) of a running Jotter server.

Run with Debian's Python (jupyter_client, websocket-client, websockets):
    /usr/bin/python3 server/bench/bench_gateway.py --url http://127.0.0.1:PORT --token T \
        --home JOTTER_HOME --server-pid PID
`./jotter bench gateway` starts a scratch server and does that.

Two parts, each printed as a table with its goals:
- Round trip: a trivial request (kernel_info_request; execute_request `1` to reply + idle) sent
  sequentially over the gateway's WebSocket, and over ZeroMQ straight to the same kernel (from the
  connection file the server wrote), for jotter-java and Debian's ipykernel. Both clients are
  blocking Python clients, so the difference is the gateway's own cost.
- Load: many WebSocket clients spread over several kernels, each sending a kernel_info_request
  once a second (asyncio, one event loop): replies lost, relay latency, the server's memory per
  idle connection and under the load (RSS, and live heap after a full GC). The same load runs over
  jotter-java kernels and then over Debian's ipykernel, side by side in one table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import websocket  # websocket-client (python3-websocket): blocking, for the sequential round trips
import websockets  # python3-websockets: asyncio, for the many-client load
import zmq  # pyzmq, with jupyter_client (python3-zmq)
from jupyter_client.session import Session


@dataclass
class Plan:
    round_trips: int  # per request kind, per path, per kernel
    warmup: int
    blocks: int  # the paths alternate in this many blocks, so both see the same conditions
    load_kernels: int
    load_clients: int
    load_seconds: float
    grace_s: float
    load_warmup_s: float  # the same load, not counted, so the JIT of the server and kernels has done its work


FULL = Plan(round_trips=300, warmup=60, blocks=10, load_kernels=20, load_clients=500, load_seconds=30, grace_s=10,
            load_warmup_s=10)
QUICK = Plan(round_trips=50, warmup=20, blocks=5, load_kernels=5, load_clients=100, load_seconds=10, grace_s=5,
             load_warmup_s=3)

KERNELS = ("jotter-java", "python3")
GOAL_OVERHEAD_P50_S = 0.0005
GOAL_LOAD_P99_S = 0.020
GOAL_IDLE_CONN_BYTES = 100 * 1024


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


def request_message(session: str, msg_type: str, content: dict, channel: str = "shell") -> dict:
    """A client message in the kernel WebSocket's JSON form (as @jupyterlab/services sends it)."""
    return {
        "channel": channel,
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "bench",
                   "date": now_iso(), "version": "5.3"},
        "parent_header": {},
        "metadata": {},
        "content": content,
        "buffers": [],
    }


EXECUTE_CONTENT = {"code": "1", "silent": False, "store_history": False, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}


# -- the server's REST API and process ---------------------------------------------------------


class Server:
    def __init__(self, url: str, token: str, home: Path, pid: int):
        self.url = url.rstrip("/")
        self.token = token
        self.home = home
        self.pid = pid

    def api(self, method: str, path: str, body: Optional[dict] = None, timeout: float = 120):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def start_kernel(self, name: str) -> str:
        return self.api("POST", "/api/kernels", {"name": name})["id"]

    def stop_kernel(self, kernel_id: str) -> None:
        try:
            self.api("DELETE", f"/api/kernels/{kernel_id}")
        except Exception as e:  # noqa: BLE001 - best effort; the server stops its kernels when it ends
            log(f"could not shut down kernel {kernel_id}: {e}")

    def channels_url(self, kernel_id: str, session: str) -> str:
        return self.url.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?session_id={session}"

    def connection_file(self, kernel_id: str) -> Path:
        return self.home / "runtime" / f"kernel-{kernel_id}.json"

    def rss_bytes(self) -> int:
        status = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024

    def cpu_seconds(self) -> float:
        return process_cpu_seconds(self.pid)

    def jcmd(self, *command: str) -> str:
        done = subprocess.run(["jcmd", str(self.pid), *command], capture_output=True, text=True, timeout=60)
        return done.stdout

    def settled_memory(self) -> tuple:
        """RSS and live heap after a full GC, once allocation has calmed down."""
        time.sleep(2)
        self.jcmd("GC.run")
        time.sleep(2)
        heap = self.jcmd("GC.heap_info")
        used = re.search(r"used (\d+)K", heap)
        return self.rss_bytes(), int(used.group(1)) * 1024 if used else None


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def kernel_pids(home: Path) -> list:
    """Processes whose command line names a connection file in the server's runtime folder."""
    marker = str(home / "runtime" / "kernel-")
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


# -- the two blocking clients: through the gateway, and straight to the kernel -------------------


class Timeout(Exception):
    pass


class GatewayClient:
    """A blocking WebSocket client on /api/kernels/{id}/channels."""

    def __init__(self, server: Server, kernel_id: str):
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(server.channels_url(kernel_id, self.session),
                                              header=[f"Authorization: token {server.token}"],
                                              timeout=120, enable_multithread=False)

    def send(self, msg_type: str, content: dict) -> str:
        msg = request_message(self.session, msg_type, content)
        self.ws.send(json.dumps(msg))
        return msg["header"]["msg_id"]

    def wait(self, done: Callable[[dict], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.001, deadline - time.monotonic()))
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                raise Timeout("no answer through the gateway") from None
            if done(msg):
                return

    def drain(self, quiet_s: float = 0.2) -> None:
        """Reads what is left (the other client's outputs, late statuses) until the socket is quiet."""
        self.ws.settimeout(quiet_s)
        try:
            while True:
                self.ws.recv()
        except websocket.WebSocketTimeoutException:
            pass

    def close(self) -> None:
        self.ws.close()


class DirectClient:
    """A blocking client on the kernel's own ZeroMQ sockets: pyzmq, with jupyter_client's Session for the
    wire format (signing, JSON), as lean as the WebSocket client. (jupyter_client's BlockingKernelClient
    runs an asyncio loop per call, which would hide the gateway's cost under the client's.)"""

    def __init__(self, connection_file: Path):
        info = json.loads(connection_file.read_text())
        self.session = Session(key=info["key"].encode(), signature_scheme=info.get("signature_scheme", "hmac-sha256"))
        base = f"{info.get('transport', 'tcp')}://{info['ip']}:"
        self.context = zmq.Context()
        self.shell = self.context.socket(zmq.DEALER)
        self.shell.connect(base + str(info["shell_port"]))
        self.iopub = self.context.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(base + str(info["iopub_port"]))
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)
        self.channels = {self.shell: "shell", self.iopub: "iopub"}
        self.await_iopub()

    def await_iopub(self) -> None:
        """A SUB socket misses what is published before its subscription reaches the kernel: kernel_info
        until the kernel's status for one of them comes through."""
        for _ in range(100):
            msg_id = self.send("kernel_info_request", {})
            try:
                self.wait(lambda m: m["channel"] == "iopub" and m["parent_header"].get("msg_id") == msg_id, 0.5)
                self.drain(0.1)
                return
            except Timeout:
                continue
        raise Timeout("the kernel's iopub never came through")

    def send(self, msg_type: str, content: dict) -> str:
        msg = self.session.msg(msg_type, content)
        self.session.send(self.shell, msg)
        return msg["header"]["msg_id"]

    def wait(self, done: Callable[[dict], bool], timeout: float = 60) -> None:
        """Reads both sockets as messages arrive; `channel` is added to each, as the WebSocket has it."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Timeout("no answer over ZeroMQ")
            for socket, _ in self.poller.poll(remaining * 1000):
                while True:
                    _, msg = self.session.recv(socket, mode=zmq.NOBLOCK)
                    if msg is None:
                        break
                    msg["channel"] = self.channels[socket]
                    if done(msg):
                        return

    def drain(self, quiet_s: float = 0.2) -> None:
        while self.poller.poll(quiet_s * 1000):
            for socket in (self.shell, self.iopub):
                while self.session.recv(socket, mode=zmq.NOBLOCK)[1] is not None:
                    pass

    def close(self) -> None:
        self.context.destroy(linger=0)


def reply_to(msg_id: str) -> Callable[[dict], bool]:
    return lambda m: m.get("channel") == "shell" and m["parent_header"].get("msg_id") == msg_id


def request_round_trip(client, msg_type: str, content: dict) -> tuple:
    """Seconds from sending to the shell reply, and to the end of both the reply and the idle status
    (which may come first: the kernel sends them on different sockets)."""
    started = time.perf_counter()
    msg_id = client.send(msg_type, content)
    reply_at = None
    idle = False

    def done(m: dict) -> bool:
        nonlocal reply_at, idle
        if m["parent_header"].get("msg_id") != msg_id:
            return False
        if m.get("channel") == "shell":
            reply_at = time.perf_counter()
            if m["content"].get("status", "ok") != "ok":
                raise RuntimeError(f"{msg_type} failed: {m['content']}")
        elif m["msg_type"] == "status" and m["content"].get("execution_state") == "idle":
            idle = True
        return reply_at is not None and idle

    client.wait(done)
    return reply_at - started, time.perf_counter() - started


def kernel_info_round_trip(client) -> float:
    """To the kernel_info_reply (the idle status after it is waited for, not counted)."""
    return request_round_trip(client, "kernel_info_request", {})[0]


def execute_round_trip(client) -> float:
    """To both the execute_reply and the idle status, as a notebook waits for a cell."""
    return request_round_trip(client, "execute_request", EXECUTE_CONTENT)[1]


def wait_until_ready(server: Server, kernel_id: str, timeout: float = 180) -> None:
    """kernel_info through the gateway until the kernel answers (it may still be starting)."""
    client = GatewayClient(server, kernel_id)
    try:
        deadline = time.monotonic() + timeout
        while True:
            msg_id = client.send("kernel_info_request", {})
            try:
                client.wait(reply_to(msg_id), timeout=2)
                break
            except Timeout:
                if time.monotonic() > deadline:
                    raise
        # The evaluator may come up after kernel_info: one cell waits for it.
        execute_round_trip(client)
    finally:
        client.close()


@dataclass
class RoundTrips:
    kernel: str
    times: dict = field(default_factory=dict)  # (kind, path) -> [seconds]


def measure_round_trips(server: Server, kernel_name: str, plan: Plan) -> RoundTrips:
    log(f"[{kernel_name}] starting a kernel through the server")
    kernel_id = server.start_kernel(kernel_name)
    result = RoundTrips(kernel_name)
    try:
        wait_until_ready(server, kernel_id)
        clients = {"gateway": GatewayClient(server, kernel_id), "direct": DirectClient(server.connection_file(kernel_id))}
        try:
            kinds = {"kernel_info": kernel_info_round_trip, "execute": execute_round_trip}
            for kind, round_trip in kinds.items():
                for path, client in clients.items():
                    for _ in range(plan.warmup):
                        round_trip(client)
                    client.drain()
                per_block = max(1, plan.round_trips // plan.blocks)
                log(f"[{kernel_name}] {plan.round_trips} {kind} round trips on each path, "
                    f"alternating in blocks of {per_block}")
                for block in range(plan.blocks):
                    # Alternate which path goes first, so neither always follows the other's drain.
                    order = list(clients.items()) if block % 2 == 0 else list(reversed(clients.items()))
                    for path, client in order:
                        times = result.times.setdefault((kind, path), [])
                        for _ in range(per_block):
                            times.append(round_trip(client))
                        for other in clients.values():
                            other.drain(0.05)
        finally:
            for client in clients.values():
                client.close()
    finally:
        server.stop_kernel(kernel_id)
    return result


# -- the load: many asyncio WebSocket clients ----------------------------------------------------


@dataclass
class LoadResult:
    kernel_name: str
    kernels: int
    clients: int
    seconds: float
    sent: int = 0
    received: int = 0
    late: int = 0  # replies that came after the grace period (counted as lost)
    latencies: list = field(default_factory=list)
    send_lag: list = field(default_factory=list)  # actual send time - scheduled send time
    outputs_received: int = 0
    closed_early: int = 0
    connect_s: float = 0
    server_cpu_s: float = 0
    kernels_cpu_s: float = 0
    client_cpu_s: float = 0
    wall_s: float = 0
    rss_before: int = 0
    rss_idle: int = 0
    heap_before: Optional[int] = None
    heap_idle: Optional[int] = None
    rss_loaded: int = 0  # at the end of the load, clients still connected (no GC first)
    heap_loaded: Optional[int] = None  # live heap then, after a full GC
    kernel_rss: int = 0


class LoadClient:
    """One tab: a WebSocket on one kernel, a kernel_info_request a second, and a reader of everything."""

    def __init__(self, server: Server, kernel_id: str, result: LoadResult):
        self.server = server
        self.kernel_id = kernel_id
        self.result = result
        self.session = uuid.uuid4().hex
        self.pending: dict = {}
        self.ws = None
        self.reader = None

    async def connect(self) -> None:
        self.ws = await websockets.connect(self.server.channels_url(self.kernel_id, self.session),
                                           extra_headers={"Authorization": f"token {self.server.token}"},
                                           max_size=None, open_timeout=120, ping_interval=None)
        self.reader = asyncio.create_task(self.read())

    async def read(self) -> None:
        result = self.result
        try:
            async for text in self.ws:
                if text.startswith('{"channel":"iopub"'):  # the server's own layout; anything else is parsed
                    result.outputs_received += 1
                    continue
                at = time.perf_counter()
                msg = json.loads(text)
                if msg.get("channel") != "shell":
                    result.outputs_received += 1
                    continue
                sent_at = self.pending.pop(msg["parent_header"].get("msg_id"), None)
                if sent_at is not None and sent_at > 0:  # 0: sent during the warm-up
                    result.received += 1
                    result.latencies.append(at - sent_at)
        except websockets.ConnectionClosed:
            result.closed_early += 1

    async def run(self, start_at: float, until: float, counted: bool = True) -> None:
        """Sends once a second from start_at, on schedule: a late send does not shift the next one."""
        loop = asyncio.get_running_loop()
        due = start_at
        while due < until:
            await asyncio.sleep(max(0.0, due - loop.time()))
            msg = request_message(self.session, "kernel_info_request", {})
            text = json.dumps(msg)
            if counted:
                self.result.send_lag.append(loop.time() - due)
                self.result.sent += 1
            self.pending[msg["header"]["msg_id"]] = time.perf_counter() if counted else 0
            try:
                await self.ws.send(text)
            except websockets.ConnectionClosed:
                return
            due += 1.0

    async def close(self) -> None:
        await self.ws.close()
        await self.reader


async def load_async(server: Server, kernel_ids: list, plan: Plan, result: LoadResult) -> None:
    result.rss_before, result.heap_before = server.settled_memory()
    log(f"[load] server RSS {result.rss_before / 1e6:.0f} MB before connecting; "
        f"opening {plan.load_clients} WebSockets over {len(kernel_ids)} kernels")
    clients = [LoadClient(server, kernel_ids[i % len(kernel_ids)], result) for i in range(plan.load_clients)]
    started = time.monotonic()
    for i in range(0, len(clients), 50):
        await asyncio.gather(*(c.connect() for c in clients[i:i + 50]))
    result.connect_s = time.monotonic() - started
    result.rss_idle, result.heap_idle = server.settled_memory()
    log(f"[load] {plan.load_clients} idle connections open in {result.connect_s:.1f} s; server RSS "
        f"{result.rss_idle / 1e6:.0f} MB; sending for {plan.load_warmup_s:.0f} s (warm-up), then "
        f"{plan.load_seconds:.0f} s")

    loop = asyncio.get_running_loop()
    rng = random.Random(1)
    warm_from = loop.time() + 0.2
    await asyncio.gather(*(c.run(warm_from + rng.random(), warm_from + plan.load_warmup_s, counted=False)
                           for c in clients))
    await asyncio.sleep(2)
    kpids = kernel_pids(server.home)
    cpu0 = (server.cpu_seconds(), sum(process_cpu_seconds(p) for p in kpids), time.process_time(), time.monotonic())
    result.outputs_received = 0  # the warm-up's do not count
    begin = loop.time() + 0.5
    until = begin + plan.load_seconds
    # Each client at its own phase within the second, as tabs opened at random times would be.
    await asyncio.gather(*(c.run(begin + rng.random(), until) for c in clients))
    deadline = loop.time() + plan.grace_s
    while loop.time() < deadline and result.received < result.sent:
        await asyncio.sleep(0.05)
    cpu1 = (server.cpu_seconds(), sum(process_cpu_seconds(p) for p in kpids if Path(f"/proc/{p}").exists()),
            time.process_time(), time.monotonic())
    result.server_cpu_s, result.kernels_cpu_s, result.client_cpu_s, result.wall_s = (
        b - a for a, b in zip(cpu0, cpu1))
    result.kernel_rss = sum(rss_of(p) for p in kpids)
    answered = result.received
    await asyncio.sleep(1)
    result.late = result.received - answered
    result.received = answered
    result.rss_loaded = server.rss_bytes()
    _, result.heap_loaded = server.settled_memory()
    for i in range(0, len(clients), 50):
        await asyncio.gather(*(c.close() for c in clients[i:i + 50]), return_exceptions=True)


def rss_of(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024


def wait_for_quiet(pids: list, below_cores: float = 0.2, at_most_s: float = 60) -> None:
    """Waits until these processes together use less than below_cores (new JVMs compile for a while)."""
    deadline = time.monotonic() + at_most_s
    while time.monotonic() < deadline:
        before = sum(process_cpu_seconds(p) for p in pids)
        time.sleep(1)
        busy = sum(process_cpu_seconds(p) for p in pids) - before
        if busy < below_cores:
            return
    log(f"[load] the kernels and server still use {busy:.2f} cores after {at_most_s:.0f} s; going on")


def measure_load(server: Server, plan: Plan, kernel_name: str) -> LoadResult:
    result = LoadResult(kernel_name, plan.load_kernels, plan.load_clients, plan.load_seconds)
    log(f"[load] starting {plan.load_kernels} {kernel_name} kernels")
    kernel_ids = []
    try:
        for _ in range(plan.load_kernels):
            kernel_ids.append(server.start_kernel(kernel_name))
        for i, kernel_id in enumerate(kernel_ids):
            wait_until_ready(server, kernel_id)
            log(f"[load] kernel {i + 1}/{len(kernel_ids)} ready")
        wait_for_quiet(kernel_pids(server.home) + [server.pid])
        asyncio.run(load_async(server, kernel_ids, plan, result))
    finally:
        for kernel_id in kernel_ids:
            server.stop_kernel(kernel_id)
    return result


# -- reporting ---------------------------------------------------------------------------------


def pct(values: list, q: float) -> Optional[float]:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def ms(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.2f} ms" if abs(value) < 0.01 else f"{value * 1000:.1f} ms"


def verdict(ok: Optional[bool]) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def print_table(header: tuple, rows: list) -> None:
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda cols: "  ".join(str(c).ljust(w) for c, w in zip(cols, widths)).rstrip()  # noqa: E731
    print(line(header))
    print(line(["-" * w for w in widths]))
    for r in rows:
        print(line(r))


def round_trip_rows(results: dict) -> list:
    rows = []
    labels = {"kernel_info": "kernel_info_request -> reply", "execute": "execute `1` -> reply + idle"}
    for kind, label in labels.items():
        for path, how in (("gateway", "WebSocket via server"), ("direct", "ZeroMQ direct")):
            for q in (50, 99):
                rows.append((f"{label}, {how}, p{q}",
                             *(ms(pct(results[k].times.get((kind, path)), q)) if k in results else "-" for k in KERNELS),
                             "", ""))
        overheads = {k: pct(r.times[(kind, "gateway")], 50) - pct(r.times[(kind, "direct")], 50)
                     for k, r in results.items()}
        oks = [v <= GOAL_OVERHEAD_P50_S for v in overheads.values()]
        missed = [k for k, v in overheads.items() if v > GOAL_OVERHEAD_P50_S]
        rows.append((f"{label}: gateway overhead, p50 (gateway - direct)",
                     *(ms(overheads.get(k)) for k in KERNELS), "<= 0.5 ms",
                     verdict(all(oks) if oks else None) + (f" ({', '.join(missed)})" if missed else "")))
        p99 = {k: pct(r.times[(kind, "gateway")], 99) - pct(r.times[(kind, "direct")], 99) for k, r in results.items()}
        rows.append((f"{label}: gateway overhead, p99", *(ms(p99.get(k)) for k in KERNELS), "", ""))
        # The fastest of each path is the one least disturbed by the machine's other work.
        fastest = {k: min(r.times[(kind, "gateway")]) - min(r.times[(kind, "direct")]) for k, r in results.items()}
        rows.append((f"{label}: gateway overhead, fastest - fastest", *(ms(fastest.get(k)) for k in KERNELS), "", ""))
    return rows


def load_rows(loads: list, cpus: int) -> list:
    """Rows of (metric, one value per load, goal, verdict of the first load: jotter-java's)."""
    def row(label, value, goal="", ok=None):
        return (label, *(value(r) for r in loads), goal, verdict(ok(loads[0])) if ok else "")

    def p(r, q):
        return pct(r.latencies, q)

    def per_conn(r):
        return (r.rss_idle - r.rss_before) / r.clients

    def heap_per_conn(r, after):
        return (after - r.heap_before) / r.clients if after and r.heap_before else None

    def kb(value):
        return f"{value / 1024:.0f} KB" if value is not None else "-"

    def cores(r):
        wall = r.wall_s or 1
        return f"{r.server_cpu_s / wall:.2f} / {r.kernels_cpu_s / wall:.2f} / {r.client_cpu_s / wall:.2f}"

    return [
        row("kernels / WebSocket clients / seconds", lambda r: f"{r.kernels} / {r.clients} / {r.seconds:.0f}"),
        row("requests sent (kernel_info_request, 1/s per client)", lambda r: f"{r.sent}"),
        row("replies received", lambda r: f"{r.received}"),
        row("replies lost (no reply within the grace period)",
            lambda r: f"{r.sent - r.received}" + (f" ({r.late} later)" if r.late else ""), "0",
            lambda r: r.sent == r.received),
        row("connections closed by the server during the run", lambda r: f"{r.closed_early}", "0",
            lambda r: r.closed_early == 0),
        row("replies per second", lambda r: f"{r.received / r.seconds:.0f}"),
        row("outputs (iopub status) relayed to clients per second", lambda r: f"{r.outputs_received / r.seconds:.0f}"),
        row("relay latency (send -> reply), p50", lambda r: ms(p(r, 50))),
        row("relay latency (send -> reply), p99", lambda r: ms(p(r, 99)), f"<= 20 ms on {cpus} cores",
            lambda r: p(r, 99) is not None and p(r, 99) <= GOAL_LOAD_P99_S),
        row("relay latency, max", lambda r: ms(max(r.latencies) if r.latencies else None)),
        row("client's own lateness sending (scheduled -> sent), p99", lambda r: ms(pct(r.send_lag, 99))),
        row("CPU busy: server / kernels / bench client, cores", cores),
        row("server RSS: before / idle connections / end of load",
            lambda r: f"{r.rss_before / 1e6:.0f} / {r.rss_idle / 1e6:.0f} / {r.rss_loaded / 1e6:.0f} MB"),
        row("server RSS per idle connection (after full GC)", lambda r: kb(per_conn(r)), "<= 100 KB",
            lambda r: per_conn(r) <= GOAL_IDLE_CONN_BYTES),
        row("live heap per connection: idle / end of load (after full GC)",
            lambda r: f"{kb(heap_per_conn(r, r.heap_idle))} / {kb(heap_per_conn(r, r.heap_loaded))}", "<= 100 KB",
            lambda r: (heap_per_conn(r, r.heap_loaded) or 0) <= GOAL_IDLE_CONN_BYTES),
        row("kernels' RSS, all together", lambda r: f"{r.kernel_rss / 1e6:.0f} MB"),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server, http://127.0.0.1:PORT")
    parser.add_argument("--token", required=True)
    parser.add_argument("--home", required=True, type=Path, help="the server's JOTTER_HOME (connection files)")
    parser.add_argument("--server-pid", required=True, type=int, help="the server's JVM (memory, CPU, jcmd)")
    parser.add_argument("--quick", action="store_true", help="a short smoke run: fewer round trips, a smaller load")
    parser.add_argument("--only", choices=("round-trip", "load"), help="run one part only")
    parser.add_argument("--kernels", type=int, help="load: this many kernels instead of the plan's")
    parser.add_argument("--clients", type=int, help="load: this many clients instead of the plan's")
    parser.add_argument("--load-warmup", type=float, metavar="S",
                        help="load: this many seconds of the same load first, not counted (default: the plan's; a Java"
                             " kernel's JIT is still compiling its protocol code for its first ~3,000 requests)")
    parser.add_argument("--load-kernel", choices=KERNELS, help="load: over this kernel only (default: both, in turn)")
    parser.add_argument("--json", metavar="FILE", help="also write the raw measurements as JSON")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.kernels:
        plan.load_kernels = args.kernels
    if args.clients:
        plan.load_clients = args.clients
    if args.load_warmup is not None:
        plan.load_warmup_s = args.load_warmup
    server = Server(args.url, args.token, args.home, args.server_pid)
    cpus = os.cpu_count()

    started = time.monotonic()
    round_trips = {}
    if args.only in (None, "round-trip"):
        for kernel in KERNELS:
            round_trips[kernel] = measure_round_trips(server, kernel, plan)
    loads = [measure_load(server, plan, kernel) for kernel in ([args.load_kernel] if args.load_kernel else KERNELS)] \
        if args.only in (None, "load") else []
    elapsed = time.monotonic() - started

    print(f"\nGateway benchmark ({'quick' if args.quick else 'full'} run, {cpus} CPUs shared by the server, "
          f"its kernels and this client; {elapsed:.0f} s). Numbers on a shared machine are noisy.\n")
    if round_trips:
        print(f"Round trips: {plan.round_trips} sequential requests per path after {plan.warmup} warm-up, "
              f"both paths alternating in {plan.blocks} blocks, one kernel at a time.\n")
        print_table(("metric", *KERNELS, "goal", "verdict"), round_trip_rows(round_trips))
        print()
    if loads:
        first = loads[0]
        print(f"Load: {first.clients} WebSocket clients over {first.kernels} kernels of each kind in turn, each client "
              f"a kernel_info_request a second for {first.seconds:.0f} s (the busy/idle statuses around it go to the "
              f"client that asked). Verdicts are jotter-java's.\n")
        print_table(("metric", *(r.kernel_name for r in loads), "goal", "verdict"), load_rows(loads, cpus))
    if args.json:
        raw = {"plan": plan.__dict__,
               "round_trips": {k: {f"{kind}/{path}": t for (kind, path), t in r.times.items()}
                               for k, r in round_trips.items()},
               "load": {r.kernel_name: r.__dict__ for r in loads}}
        Path(args.json).write_text(json.dumps(raw, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
