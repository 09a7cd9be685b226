#!/usr/bin/env python3
"""A class waiting in the runtime queue, through the real server: a type with room for one runtime, N requests
queued behind it (one per student page), every page asking after its ticket every 2 s as the browser does, then
the running runtime stopped a few times. Prints how long queuing and a ticket read take under that polling,
whether every round of reads saw positions 1..N exactly once, and how long from a stop to the head's runtime
started (which includes starting its Java kernel). Run by `./jotter bench queue`."""
import argparse
import concurrent.futures
import json
import statistics
import sys
import time
import urllib.error
import urllib.request


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Server:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Authorization": "token " + self.token,
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read()
                return response.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - start) * 1000, result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--type", default="cpu-highmem", help="a runtime type the server gives room for one")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=30, help="how long every page polls before the stops")
    parser.add_argument("--stops", type=int, default=5, help="how many times the running runtime is stopped")
    parser.add_argument("--quick", action="store_true", help="50 requests, 10 s, 2 stops")
    args = parser.parse_args()
    if args.quick:
        args.requests, args.seconds, args.stops = 50, 10, 2
    server = Server(args.url, args.token)

    status, types = server.call("GET", "/api/jotter/runtime-types")
    kind = next((t for t in types if t["name"] == args.type), None)
    if kind is None or kind["capacity"] != 1 or kind["in_use"] != 0:
        sys.exit(f"bench queue: needs {args.type} with room for exactly one runtime, none in use: {kind}")
    status, running = server.call("POST", "/api/jotter/runtimes", {"runtime_type": args.type})
    if status != 201:
        sys.exit(f"bench queue: the first runtime did not start: {status} {running}")

    queued, ids = [], []
    for _ in range(args.requests):
        ms, (status, ticket) = timed(server.call, "POST", "/api/jotter/runtimes", {"runtime_type": args.type, "queue": True})
        if status != 202:
            sys.exit(f"bench queue: a request was not queued: {status} {ticket}")
        queued.append(ms)
        ids.append(ticket["id"])
    alone = [timed(server.call, "GET", f"/api/jotter/runtime-requests/{i}")[0] for i in ids[:100]]
    print(f"[queue] {args.requests} requests queued; every page now asks after its ticket every 2 s", flush=True)

    reads, rounds, consistent = [], 0, 0
    client_cpu = time.process_time()
    polling_since = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            # Pages poll at their own moments: each one's read is due at its own point of the 2 s round.
            started = time.monotonic()

            def read(index):
                time.sleep(max(0.0, started + 2 * index / len(ids) - time.monotonic()))
                return timed(server.call, "GET", f"/api/jotter/runtime-requests/{ids[index]}")

            results = list(pool.map(read, range(len(ids))))
            reads.extend(ms for ms, _ in results)
            positions = sorted(ticket["position"] for _, (status, ticket) in results if status == 200)
            rounds += 1
            consistent += positions == list(range(1, args.requests + 1))
            time.sleep(max(0.0, 2 - (time.monotonic() - started)))
        last = [ticket for _, (_, ticket) in results]
    client_cores = (time.process_time() - client_cpu) / (time.monotonic() - polling_since)
    estimates = {p: last[p - 1]["estimated_start"] for p in (1, args.requests // 2, args.requests)}

    handoffs = []
    for k in range(args.stops):
        start = time.perf_counter()
        server.call("DELETE", f"/api/jotter/runtimes/{running['id']}")
        while True:
            status, ticket = server.call("GET", f"/api/jotter/runtime-requests/{ids[k]}")
            if ticket["state"] != "queued":
                break
            time.sleep(0.02)
        if ticket["state"] != "started":
            sys.exit(f"bench queue: the head of the line was {ticket['state']}: {ticket}")
        handoffs.append((time.perf_counter() - start) * 1000)
        running = {"id": ticket["runtime_id"]}
    status, after = server.call("GET", f"/api/jotter/runtime-requests/{ids[args.stops]}")

    for i in ids[args.stops:]:
        server.call("DELETE", f"/api/jotter/runtime-requests/{i}")
    server.call("DELETE", f"/api/jotter/runtimes/{running['id']}")

    rows = [
        ("requests queued behind one running runtime", f"{args.requests}"),
        ("queuing a request (POST), p50 / p99", f"{percentile(queued, .5):.1f} / {percentile(queued, .99):.1f} ms"),
        ("ticket read, one at a time, p50 / p99", f"{percentile(alone, .5):.1f} / {percentile(alone, .99):.1f} ms"),
        (f"ticket read while {args.requests} pages poll every 2 s, p50 / p99",
         f"{percentile(reads, .5):.1f} / {percentile(reads, .99):.1f} ms"),
        ("this client's own CPU while they poll, cores", f"{client_cores:.2f}"),
        ("rounds of reads that saw positions 1..N exactly once", f"{consistent} of {rounds}"),
        ("estimated start at positions 1 / N/2 / N", " / ".join(estimates[p][:19] for p in sorted(estimates))),
        ("stop -> the head's runtime started (includes its kernel's start), p50 / max",
         f"{statistics.median(handoffs):.0f} / {max(handoffs):.0f} ms"),
        ("position of the next request after the stops", f"{after['position']} ({after['state']})"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"\nQueue benchmark: one {args.type} slot, {args.requests} waiting, one server.\n")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
