"""Shared fixtures: one Jotter kernel per test module, talked to over the real wire.

The kernelspec `jotter-java` must be findable (the test driver installs it with
`./jotter kernelspec install --prefix DIR` and sets JUPYTER_PATH=DIR/share/jupyter).
"""

import os
import sys

# KernelSpecManager imports ipykernel, whose debugger warns about frozen modules on stderr.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

sys.path.insert(0, os.path.dirname(__file__))

from wire_client import start_kernel, stop_kernel  # noqa: E402

KERNEL_NAME = "jotter-java"


@pytest.fixture(scope="session")
def kernel_spec():
    try:
        return KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail(
            f"kernelspec {KERNEL_NAME!r} not found (JUPYTER_PATH={os.environ.get('JUPYTER_PATH')!r}); "
            "install it with `./jotter kernelspec install --prefix DIR` and set JUPYTER_PATH=DIR/share/jupyter"
        )


@pytest.fixture(scope="module")
def kernel(kernel_spec):
    """A started kernel: yields the WireClient; the KernelManager is client.km."""
    km, client = start_kernel(KERNEL_NAME, ready_timeout_s=120)
    yield client
    stop_kernel(km, client)


@pytest.fixture
def k(kernel):
    """The module's kernel with stale messages dropped, so each test reads only its own.

    A kernel killed by an earlier test is restarted, so one failure does not fail the rest.
    """
    if not kernel.km.is_alive():
        kernel.restart()
    kernel.drain(0.05)
    return kernel
