"""A small synchronous Jupyter client for the kernel tests and the benchmark.

jupyter_client's BlockingKernelClient wraps asyncio sockets and reads one
channel at a time, so it cannot tell when a message *arrived* relative to a
message on another channel. This client polls shell, iopub, stdin and control
together on plain ZMQ sockets and stamps every message with the monotonic time
it was read, which the streaming, interrupt and round-trip checks need.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

import zmq
from jupyter_client import KernelManager

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


@dataclass
class Received:
    """One message as read from a channel, with the time it was read."""

    channel: str
    at: float
    msg: dict

    @property
    def msg_type(self) -> str:
        return self.msg["header"]["msg_type"]

    @property
    def content(self) -> dict:
        return self.msg["content"]

    @property
    def parent_id(self) -> Optional[str]:
        return (self.msg.get("parent_header") or {}).get("msg_id")


@dataclass
class Execution:
    """Everything one execute_request produced: its reply and its iopub messages."""

    code: str
    msg_id: str
    sent_at: float
    reply: Optional[Received] = None
    iopub: list = field(default_factory=list)
    input_requests: list = field(default_factory=list)
    idle_at: Optional[float] = None

    @property
    def done(self) -> bool:
        return self.reply is not None and self.idle_at is not None

    @property
    def status(self) -> Optional[str]:
        return self.reply.content.get("status") if self.reply else None

    @property
    def outputs(self) -> list:
        return [m for m in self.iopub if m.msg_type not in ("status", "execute_input")]

    def of_type(self, msg_type: str) -> list:
        return [m for m in self.iopub if m.msg_type == msg_type]

    def stream(self, name: str) -> str:
        return "".join(m.content["text"] for m in self.of_type("stream") if m.content["name"] == name)

    @property
    def stdout(self) -> str:
        return self.stream("stdout")

    @property
    def stderr(self) -> str:
        return self.stream("stderr")

    @property
    def errors(self) -> list:
        return [m.content for m in self.of_type("error")]

    @property
    def error(self) -> Optional[dict]:
        """The error as the user sees it: the iopub error, else the reply's error fields."""
        if self.errors:
            return self.errors[0]
        if self.reply and self.status == "error":
            return self.reply.content
        return None

    def error_text(self) -> str:
        """ename, evalue and traceback of every error, ANSI colours removed, one string."""
        parts = []
        for err in self.errors + ([self.reply.content] if self.reply and self.status == "error" else []):
            parts.append(str(err.get("ename", "")))
            parts.append(str(err.get("evalue", "")))
            parts.extend(str(line) for line in err.get("traceback", []) or [])
        return strip_ansi("\n".join(parts))

    @property
    def result(self) -> Optional[dict]:
        """The data bundle of the execute_result, if any."""
        results = self.of_type("execute_result")
        return results[-1].content["data"] if results else None

    def result_text(self) -> Optional[str]:
        return self.result.get("text/plain") if self.result else None

    def bundles(self) -> list:
        """Every mime bundle shown: execute_result, display_data, update_display_data."""
        kinds = ("execute_result", "display_data", "update_display_data")
        return [m.content["data"] for m in self.iopub if m.msg_type in kinds]

    def all_text(self) -> str:
        """All text the user would read: streams, text/plain of bundles, errors."""
        parts = [m.content["text"] for m in self.of_type("stream")]
        parts += [str(b.get("text/plain", "")) for b in self.bundles()]
        parts.append(self.error_text())
        return strip_ansi("\n".join(parts))

    def summary(self) -> str:
        """A short description for assertion messages."""
        lines = [f"code={self.code!r} status={self.status!r}"]
        for m in self.iopub:
            if m.msg_type in ("status", "execute_input"):
                continue
            text = repr(m.content)
            lines.append(f"  {m.msg_type}: {text[:500]}")
        if self.reply is not None and self.status != "ok":
            lines.append(f"  reply: {repr(self.reply.content)[:500]}")
        return "\n".join(lines)


class KernelTimeout(AssertionError):
    pass


class WireClient:
    """Talks to one kernel started by a KernelManager over synchronous ZMQ sockets."""

    def __init__(self, km: KernelManager):
        self.km = km
        self.session = km.session
        identity = self.session.bsession
        self.sockets = {
            "shell": km.connect_shell(identity=identity),
            "stdin": km.connect_stdin(identity=identity),
            "control": km.connect_control(identity=identity),
            "iopub": km.connect_iopub(),
        }
        self.poller = zmq.Poller()
        for sock in self.sockets.values():
            self.poller.register(sock, zmq.POLLIN)
        # Messages read while waiting for something else, kept for whoever wants them.
        self.stray: list = []

    # -- sending ---------------------------------------------------------------

    def send(self, channel: str, msg_type: str, content: dict) -> str:
        msg = self.session.msg(msg_type, content)
        self.session.send(self.sockets[channel], msg)
        return msg["header"]["msg_id"]

    def reply_input(self, value: str) -> None:
        self.send("stdin", "input_reply", {"value": value})

    # -- receiving -------------------------------------------------------------

    def poll(self, timeout_s: float) -> list:
        """Read every message ready within timeout_s (at least one poll)."""
        out = []
        events = dict(self.poller.poll(max(0, int(timeout_s * 1000))))
        for name, sock in self.sockets.items():
            if sock in events:
                while True:
                    try:
                        _, msg = self.session.recv(sock, mode=zmq.NOBLOCK)
                    except zmq.Again:
                        break
                    if msg is None:
                        break
                    out.append(Received(name, time.monotonic(), msg))
        return out

    def wait_for(self, predicate: Callable[[Received], bool], timeout_s: float, what: str) -> Received:
        """Return the first message matching predicate; other messages go to self.stray."""
        deadline = time.monotonic() + timeout_s
        for i, m in enumerate(self.stray):
            if predicate(m):
                return self.stray.pop(i)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelTimeout(f"no {what} within {timeout_s:.1f} s")
            found = None
            for m in self.poll(min(left, 0.5)):
                if found is None and predicate(m):
                    found = m
                else:
                    self.stray.append(m)
            if found is not None:
                return found

    def request(self, msg_type: str, content: dict, timeout_s: float = 30, channel: str = "shell") -> Received:
        """Send a request and return its reply (any message on the same channel with it as parent)."""
        msg_id = self.send(channel, msg_type, content)
        return self.wait_for(
            lambda m: m.channel == channel and m.parent_id == msg_id, timeout_s, f"reply to {msg_type}"
        )

    def drain(self, quiet_s: float = 0.2) -> None:
        """Drop everything queued until the kernel has been quiet for quiet_s."""
        self.stray.clear()
        while self.poll(quiet_s):
            pass

    def wait_for_ready(self, timeout_s: float = 120) -> dict:
        """Wait until kernel_info is answered and iopub delivers (IOPub is a slow joiner)."""
        deadline = time.monotonic() + timeout_s
        reply = None
        while time.monotonic() < deadline:
            if not self.km.is_alive():
                raise AssertionError("kernel process died during start-up")
            msg_id = self.send("shell", "kernel_info_request", {})
            try:
                reply = self.wait_for(
                    lambda m: m.channel == "shell" and m.parent_id == msg_id, 1.0, "kernel_info_reply"
                )
            except KernelTimeout:
                continue
            try:
                # Any iopub message for this request proves the subscription is live.
                self.wait_for(lambda m: m.channel == "iopub" and m.parent_id == msg_id, 0.5, "iopub status")
                break
            except KernelTimeout:
                continue
        if reply is None:
            raise KernelTimeout(f"kernel did not answer kernel_info within {timeout_s} s")
        self.drain(0.1)
        return reply.content

    # -- executing -------------------------------------------------------------

    def start_execute(self, code: str, allow_stdin: bool = False, silent: bool = False,
                      store_history: bool = True, stop_on_error: bool = True,
                      user_expressions: Optional[dict] = None) -> Execution:
        content = {
            "code": code,
            "silent": silent,
            "store_history": store_history,
            "user_expressions": user_expressions or {},
            "allow_stdin": allow_stdin,
            "stop_on_error": stop_on_error,
        }
        sent_at = time.monotonic()
        msg_id = self.send("shell", "execute_request", content)
        return Execution(code=code, msg_id=msg_id, sent_at=sent_at)

    def finish(self, ex: Execution, timeout_s: float = 30,
               on_input: Optional[Callable[[Received], Optional[str]]] = None) -> Execution:
        """Read messages until ex has its execute_reply and its idle status.

        on_input is called with each input_request; a string it returns is sent back.
        """
        deadline = time.monotonic() + timeout_s
        pending = [m for m in self.stray if m.parent_id == ex.msg_id]
        self.stray = [m for m in self.stray if m.parent_id != ex.msg_id]
        while not ex.done:
            for m in pending:
                self._take(ex, m, on_input)
            pending = []
            if ex.done:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelTimeout(
                    f"execution not finished within {timeout_s} s (reply={'yes' if ex.reply else 'no'}, "
                    f"idle={'yes' if ex.idle_at else 'no'})\n{ex.summary()}"
                )
            for m in self.poll(min(left, 0.5)):
                if m.parent_id == ex.msg_id:
                    pending.append(m)
                else:
                    self.stray.append(m)
        return ex

    def _take(self, ex: Execution, m: Received, on_input) -> None:
        if m.channel == "shell":
            ex.reply = m
        elif m.channel == "iopub":
            ex.iopub.append(m)
            if m.msg_type == "status" and m.content.get("execution_state") == "idle":
                ex.idle_at = m.at
        elif m.channel == "stdin" and m.msg_type == "input_request":
            ex.input_requests.append(m)
            if on_input is not None:
                value = on_input(m)
                if value is not None:
                    self.reply_input(value)
        else:
            self.stray.append(m)

    def execute(self, code: str, timeout_s: float = 30, **kwargs) -> Execution:
        on_input = kwargs.pop("on_input", None)
        return self.finish(self.start_execute(code, **kwargs), timeout_s, on_input)

    def restart(self, ready_timeout_s: float = 120) -> None:
        """Replace a hung or dead kernel; it keeps its ports, so these sockets reconnect."""
        self.km.restart_kernel(now=True)
        self.stray.clear()
        self.wait_for_ready(ready_timeout_s)

    def close(self) -> None:
        for sock in self.sockets.values():
            sock.close(linger=0)


def start_kernel(kernel_name: str, env: Optional[dict] = None, ready_timeout_s: float = 120):
    """Start a kernel and return (KernelManager, WireClient) once it answers kernel_info."""
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(env=dict(os.environ, **(env or {})))
    client = WireClient(km)
    try:
        client.wait_for_ready(ready_timeout_s)
    except BaseException:
        stop_kernel(km, client)
        raise
    return km, client


def stop_kernel(km: KernelManager, client: Optional[WireClient] = None, now: bool = False) -> None:
    if client is not None:
        client.close()
    try:
        km.shutdown_kernel(now=now)
    except Exception:
        km.shutdown_kernel(now=True)


def kernel_pid(km: KernelManager) -> int:
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None) if provisioner else None
    if process is None:
        process = km.kernel
    return process.pid


def tree_rss_bytes(pid: int) -> int:
    """VmRSS of pid plus all its descendants (a launcher script may not exec the JVM)."""
    children: dict = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total
