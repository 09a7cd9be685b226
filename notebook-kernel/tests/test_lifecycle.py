"""The kernel process's life beside its client's."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

KERNEL_NAME = "jotter-java"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (nobody reaps it in this sandbox) has exited all the same.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_the_kernel_exits_when_the_client_that_started_it_is_killed(kernel_spec, tmp_path):
    # A client process starts the kernel (jupyter_client passes its pid as JPY_PARENT_PID), reports
    # the kernel's pid, then waits to be killed without any chance to shut the kernel down.
    client = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name={KERNEL_NAME!r}, startup_timeout=120)
        print(km.provisioner.process.pid, flush=True)
        time.sleep(600)
    """)], stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        kernel_pid = int(client.stdout.readline())
        assert alive(kernel_pid)
        client.send_signal(signal.SIGKILL)
        client.wait(10)
        deadline = time.monotonic() + 15
        while alive(kernel_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if alive(kernel_pid):
            os.kill(kernel_pid, signal.SIGKILL)
            pytest.fail("the kernel outlived the client that started it by 15 s")
    finally:
        if client.poll() is None:
            client.kill()
