#!/usr/bin/python3
"""A tiny kernel for lab-sized tests: it speaks the Jupyter messaging protocol (5.3) for real over ZeroMQ
(signed messages, shell, control, iopub, stdin and heartbeat sockets), runs each cell with Python's exec and
streams what it prints line by line as it prints it, in about 16 MB. 300 Java kernels do not fit on a test machine; 300 of these do.
It answers kernel_info, execute, comm_info, is_complete, interrupt and shutdown requests; others are ignored.
Cells run on the main thread (so that SIGINT interrupts them) one at a time; the sockets are a protocol thread's,
which answers the other requests while a cell runs, as ipykernel answers its control channel."""
import contextlib
import datetime
import hashlib
import hmac
import io
import json
import os
import queue
import signal
import sys
import threading
import time
import traceback
import uuid

import zmq

DELIM = b"<IDS|MSG>"


class Lines(io.TextIOBase):
    """A cell's stdout: each line is published when it is printed, so a cell that waits has shown what came before."""

    def __init__(self, kernel, parent):
        self.kernel, self.parent, self.pending = kernel, parent, ""

    def writable(self):
        return True

    def write(self, text):
        self.pending += text
        if "\n" in self.pending:
            done, _, self.pending = self.pending.rpartition("\n")
            self.kernel.publish("stream", {"name": "stdout", "text": done + "\n"}, self.parent)
        return len(text)

    def flush(self):
        if self.pending:
            self.kernel.publish("stream", {"name": "stdout", "text": self.pending}, self.parent)
            self.pending = ""


class Kernel:
    def __init__(self, connection_file):
        with open(connection_file) as f:
            cfg = json.load(f)
        self.key = cfg["key"].encode()
        self.session = str(uuid.uuid4())
        self.count = 0
        self.namespace = {}
        ctx = zmq.Context()
        url = f"{cfg['transport']}://{cfg['ip']}:"
        # What the main thread sends goes through the protocol thread, woken on an inproc socket.
        self.cells = queue.SimpleQueue()
        self.outbox = queue.SimpleQueue()
        self.woken = ctx.socket(zmq.PULL)
        self.woken.bind("inproc://wake")
        self.waker = ctx.socket(zmq.PUSH)
        self.waker.connect("inproc://wake")
        self.shell = ctx.socket(zmq.ROUTER)
        self.control = ctx.socket(zmq.ROUTER)
        self.stdin = ctx.socket(zmq.ROUTER)
        self.iopub = ctx.socket(zmq.PUB)
        self.hb = ctx.socket(zmq.REP)
        for sock, port in ((self.shell, "shell_port"), (self.control, "control_port"), (self.stdin, "stdin_port"),
                           (self.iopub, "iopub_port"), (self.hb, "hb_port")):
            sock.bind(url + str(cfg[port]))

    def sign(self, parts):
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for part in parts:
            mac.update(part)
        return mac.hexdigest().encode()

    def send(self, sock, msg_type, content, parent, idents):
        header = {"msg_id": str(uuid.uuid4()), "session": self.session, "username": "tiny", "msg_type": msg_type,
                  "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()}
        parts = [json.dumps(p).encode() for p in (header, parent.get("header", {}), {}, content)]
        frames = list(idents) + [DELIM, self.sign(parts)] + parts
        if threading.current_thread() is threading.main_thread():
            self.outbox.put((sock, frames))
            self.waker.send(b"")
        else:
            sock.send_multipart(frames)

    def publish(self, msg_type, content, parent):
        self.send(self.iopub, msg_type, content, parent, [msg_type.encode()])

    def receive(self, sock):
        frames = sock.recv_multipart()
        i = frames.index(DELIM)
        idents, signature, parts = frames[:i], frames[i + 1], frames[i + 2:i + 6]
        if not hmac.compare_digest(signature, self.sign(parts)):
            print("tiny kernel: dropped a message with a wrong signature", file=sys.stderr, flush=True)
            return None, None
        header, parent, metadata, content = (json.loads(p) for p in parts)
        if TRACE:
            print(f"tiny kernel: {header.get('msg_type')} {header.get('msg_id')} from {idents!r}", file=sys.stderr, flush=True)
        return idents, {"header": header, "parent_header": parent, "metadata": metadata, "content": content}

    def handle(self, sock, idents, msg):
        """On the protocol thread: a cell is queued for the main thread; the rest is answered at once."""
        msg_type = msg["header"]["msg_type"]
        if msg_type == "execute_request":
            self.cells.put((sock, idents, msg))
            return
        self.publish("status", {"execution_state": "busy"}, msg)
        if msg_type == "kernel_info_request":
            self.send(sock, "kernel_info_reply", {
                "status": "ok", "protocol_version": "5.3", "implementation": "tiny",
                "implementation_version": "1.0", "banner": "tiny test kernel",
                "language_info": {"name": "python", "version": sys.version.split()[0], "mimetype": "text/x-python",
                                  "file_extension": ".py"}}, msg, idents)
        elif msg_type == "comm_info_request":
            self.send(sock, "comm_info_reply", {"status": "ok", "comms": {}}, msg, idents)
        elif msg_type == "is_complete_request":
            self.send(sock, "is_complete_reply", {"status": "complete"}, msg, idents)
        elif msg_type == "interrupt_request":
            self.send(sock, "interrupt_reply", {"status": "ok"}, msg, idents)
        elif msg_type == "shutdown_request":
            self.send(sock, "shutdown_reply", {"status": "ok", "restart": msg["content"].get("restart", False)},
                      msg, idents)
            self.publish("status", {"execution_state": "idle"}, msg)
            # The process ends even if a cell is running, once ZeroMQ's I/O thread has had the time to send these.
            time.sleep(0.2)
            os._exit(0)
        self.publish("status", {"execution_state": "idle"}, msg)

    def execute(self, sock, idents, msg):
        """On the main thread: busy, the cell's run, its reply, idle."""
        self.publish("status", {"execution_state": "busy"}, msg)
        code = msg["content"].get("code", "")
        self.count += 1
        self.publish("execute_input", {"code": code, "execution_count": self.count}, msg)
        out = Lines(self, msg)
        # An interrupt (SIGINT, the kernelspec's default interrupt mode) stops a running cell only.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(code, f"<cell {self.count}>", "exec"), self.namespace)
            error = None
        except (Exception, KeyboardInterrupt) as e:  # the cell's error, as Jupyter shows it
            error = {"ename": type(e).__name__, "evalue": str(e),
                     "traceback": traceback.format_exception_only(type(e), e)}
        out.flush()
        if error:
            self.publish("error", error, msg)
            self.send(sock, "execute_reply", {"status": "error", "execution_count": self.count, **error}, msg, idents)
        else:
            self.send(sock, "execute_reply", {"status": "ok", "execution_count": self.count, "user_expressions": {}},
                      msg, idents)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.publish("status", {"execution_state": "idle"}, msg)

    def beat(self):
        """The heartbeat, on its own thread and socket, as ipykernel's: answered while a cell runs."""
        while True:
            self.hb.send(self.hb.recv())

    def run(self):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        threading.Thread(target=self.beat, daemon=True).start()
        threading.Thread(target=self.serve, daemon=True).start()
        while True:
            self.execute(*self.cells.get())

    def serve(self):
        """The protocol thread: requests in, and everything out."""
        poller = zmq.Poller()
        for sock in (self.shell, self.control, self.stdin, self.woken):
            poller.register(sock, zmq.POLLIN)
        while True:
            for sock, _ in poller.poll():
                if sock is self.woken:
                    while self.woken.poll(0):
                        self.woken.recv()
                    while not self.outbox.empty():
                        out, frames = self.outbox.get()
                        out.send_multipart(frames)
                    continue
                try:
                    idents, msg = self.receive(sock)
                    if msg is not None and sock is not self.stdin:
                        self.handle(sock, idents, msg)
                except (ValueError, KeyError) as e:  # a malformed message: said on stderr, the kernel goes on
                    print(f"tiny kernel: dropped a malformed message: {e!r}", file=sys.stderr, flush=True)


# TINY_KERNEL_TRACE=1: every request received is written to stderr (the kernel's log), to follow one that went missing.
TRACE = os.environ.get("TINY_KERNEL_TRACE") == "1"

if __name__ == "__main__":
    Kernel(sys.argv[1]).run()
