"""Benchmark a slider bound to code (interact) through a running Jotter server: from the front end's update of the
slider's value to the Output widget's update holding the recomputed result, as a page sees it.

Run with Debian's Python (see bench_gateway.py); `./jotter bench widgets` starts a scratch server and does that.

Two ways a user moves a slider, each over the kernel WebSocket (the gateway) and over ZeroMQ straight to the same
kernel, side by side, so the gateway's share shows:
- steps: one move, then wait for its output (arrow keys on the slider);
- drag: moves every 16 ms (a 60 Hz drag with continuous_update), each timed to its own output.
The code bound is `n -> n * n`: the cost is the kernel's and the gateway's, not the user's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_gateway import (DirectClient, GatewayClient, Server, Timeout, log, ms, pct,  # noqa: E402
                           print_table, verdict, wait_until_ready)

GOAL_P95_S = 0.050
CELL = 'interact(new IntSlider().max(1000000), n -> "square " + ((long) n * n));'


class Slider:
    """The interact of CELL as a front end holds it: the slider's and the Output's model ids."""

    def __init__(self, client):
        self.client = client
        opened = {}
        msg_id = client.send("execute_request", {"code": CELL, "silent": False, "store_history": False,
                                                 "user_expressions": {}, "allow_stdin": False,
                                                 "stop_on_error": True})
        idle = False

        def done(m: dict) -> bool:
            nonlocal idle
            # Only this cell's: the other path's cell opened its own, which this client may also see.
            if m["header"]["msg_type"] == "comm_open" and m["parent_header"].get("msg_id") == msg_id:
                opened[m["content"]["comm_id"]] = m["content"]["data"]["state"]["_model_name"]
            if m["parent_header"].get("msg_id") == msg_id and m["header"]["msg_type"] == "status":
                idle = m["content"]["execution_state"] == "idle"
            return idle

        client.wait(done)
        self.slider = next(i for i, name in opened.items() if name == "IntSliderModel")
        self.output = next(i for i, name in opened.items() if name == "OutputModel")
        self.value = 0

    def move(self) -> tuple:
        self.value += 1
        data = {"method": "update", "state": {"value": self.value}, "buffer_paths": []}
        self.client.send("comm_msg", {"comm_id": self.slider, "data": data})
        return self.value, time.perf_counter()

    def shown(self, m: dict):
        """The value whose square an Output update shows, or None."""
        if m["header"]["msg_type"] != "comm_msg" or m["content"]["comm_id"] != self.output:
            return None
        outputs = m["content"]["data"].get("state", {}).get("outputs") or []
        text = json.dumps(outputs)
        if "square " not in text:
            return None
        square = int(text.split("square ", 1)[1].split('"', 1)[0].split("\\", 1)[0])
        return round(square ** 0.5)


def steps(slider: Slider, count: int) -> list:
    times = []
    for _ in range(count):
        value, sent = slider.move()
        slider.client.wait(lambda m: slider.shown(m) == value, timeout=30)
        times.append(time.perf_counter() - sent)
    return times


def drag(slider: Slider, moves: int, every_s: float = 0.016) -> list:
    sent = {}
    seen = {}
    for _ in range(moves):
        value, at = slider.move()
        sent[value] = at
        deadline = at + every_s
        while time.perf_counter() < deadline:
            try:
                slider.client.wait(lambda m: record(slider, m, seen), timeout=max(0.001, deadline - time.perf_counter()))
            except Timeout:
                pass
    last = max(sent)
    try:
        slider.client.wait(lambda m: record(slider, m, seen) and last in seen, timeout=30)
    except Timeout:
        pass
    missing = [v for v in sent if v not in seen]
    if missing:
        log(f"drag: {len(missing)} of {len(sent)} moves showed no output of their own")
    return [seen[v] - sent[v] for v in sent if v in seen]


def record(slider: Slider, m: dict, seen: dict) -> bool:
    value = slider.shown(m)
    if value is not None and value not in seen:
        seen[value] = time.perf_counter()
    return False if value is None else True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--home", required=True, type=Path)
    parser.add_argument("--server-pid", type=int, default=0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    count, moves, rounds = (50, 60, 2) if args.quick else (300, 300, 4)
    server = Server(args.url, args.token, args.home, args.server_pid)
    kernel_id = server.start_kernel("jotter-java")
    try:
        wait_until_ready(server, kernel_id)
        log("kernel ready; binding a slider on each path")
        clients = {"gateway": GatewayClient(server, kernel_id), "zeromq": DirectClient(server.connection_file(kernel_id))}
        sliders = {path: Slider(client) for path, client in clients.items()}
        for slider in sliders.values():  # the JIT's first pass, not counted
            steps(slider, 30)
        results = {(kind, path): [] for kind in ("steps", "drag") for path in sliders}
        for round_number in range(rounds):  # alternating, so both paths see the same machine
            for path, slider in sliders.items():
                log(f"round {round_number + 1}/{rounds}: {path}")
                # What the other path's slider caused reached this client too: read it before timing.
                clients[path].drain(0.3)
                results[("steps", path)] += steps(slider, count // rounds)
                results[("drag", path)] += drag(slider, moves // rounds)
                clients[path].drain(0.3)
        rows = []
        for (kind, path), times in results.items():
            p95 = pct(times, 95)
            goal = "" if path != "gateway" else verdict(None if p95 is None else p95 <= GOAL_P95_S)
            rows.append((kind, path, str(len(times)), ms(pct(times, 50)), ms(p95), ms(pct(times, 99)),
                         goal + (" (goal p95 50 ms)" if goal else "")))
        print("\nslider move to its updated output (interact, n -> n * n), jotter-java kernel")
        print_table(("move", "path", "n", "p50", "p95", "p99", "goal"), rows)
        for client in clients.values():
            client.close()
    finally:
        server.stop_kernel(kernel_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
