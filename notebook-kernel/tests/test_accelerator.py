"""Which TensorFlow a kernel runs, in real kernel processes on this machine (which has no GPU).

A CPU runtime's kernel loads TensorFlow's CPU build and never the GPU folder; cells list devices and see where
eager values were computed. A GPU runtime's kernel loads TensorFlow's GPU build (target/native-gpu, which
./jotter test builds), finds no driver here, and ends before it listens, with the reason on its last line and
exit status 3 (what the server turns into the user's message and a refund: see the server's GpuRuntimeIT).
"""

import json
import os
import subprocess

import pytest

from test_behaviour import assert_ok, run

KERNEL_DIR = os.path.join(os.path.dirname(__file__), "..", "kernel")
LAUNCHER = os.path.join(KERNEL_DIR, "bin", "jotter-kernel")
GPU_NATIVES = os.environ.get("JOTTER_GPU_NATIVES", os.path.join(KERNEL_DIR, "target", "native-gpu"))
NO_GPU_STATUS = 3


def test_a_cpu_kernel_lists_its_cpu_and_runs_the_cpu_build(k):
    ex = run(k, "Tensors.devices()", timeout_s=60)
    assert_ok(ex)
    assert ex.result_text() == "[CPU:0]", ex.summary()
    ex = run(k, 'org.bytedeco.javacpp.Loader.getLoadedLibraries().get("tensorflow_cc@.2")')
    assert_ok(ex)
    loaded = ex.result_text()
    assert "linux-x86_64" in loaded and "native-gpu" not in loaded and "-gpu" not in loaded, loaded


def test_an_eager_value_shows_its_device_and_a_cell_can_pin_one(k):
    ex = run(k, """import org.tensorflow.*; import org.tensorflow.op.*;
var tf = Ops.create(EagerSession.create());
var cpu = Tensors.on("/CPU:0", tf);
cpu.linalg.matMul(cpu.constant(new float[][] {{1, 2}, {3, 4}}), cpu.constant(new float[][] {{1}, {1}}))""")
    assert_ok(ex)
    assert ex.result_text().startswith("TFloat32(dtype=FLOAT, shape=[2, 1], device=CPU:0)"), ex.summary()
    ex = run(k, 'Tensors.on("/GPU:0", tf)')
    assert ex.status == "error", ex.summary()
    assert "this kernel has no device GPU:0; TensorFlow sees [CPU:0] (a GPU needs a GPU runtime" in ex.error_text(), \
        ex.summary()


def start_gpu_kernel(tmp_path, **env):
    """Runs the launcher as a GPU runtime's kernel; returns (exit status, output lines)."""
    connection = tmp_path / "kernel.json"
    connection.write_text(json.dumps({"transport": "ipc", "ip": str(tmp_path / "k"), "shell_port": 1,
                                      "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                                      "key": "", "signature_scheme": "hmac-sha256"}))
    environment = dict(os.environ, JOTTER_ACCELERATOR="gpu", JOTTER_HOME=str(tmp_path / "home"))
    environment.pop("CUDA_VISIBLE_DEVICES", None)
    environment.update(env)
    done = subprocess.run([LAUNCHER, str(connection)], env=environment, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120)
    return done.returncode, done.stdout.splitlines()


def test_a_gpu_kernel_loads_the_gpu_build_and_without_a_driver_says_so_and_ends(tmp_path):
    if not os.path.isfile(os.path.join(GPU_NATIVES, "libtensorflow_cc.so.2")):
        pytest.fail(f"TensorFlow's GPU build is not in {GPU_NATIVES}: ./jotter build --gpu makes it")
    status, lines = start_gpu_kernel(tmp_path)
    assert status == NO_GPU_STATUS, lines
    assert lines[-1] == ("jotter-kernel: no usable GPU: the NVIDIA driver (libcuda.so.1) is not installed on this"
                         " machine, or not mounted into the kernel's container"), lines
    # Only TensorFlow's GPU build has CUDA's stream executor, which tried the (missing) driver.
    assert any("cuInit" in line for line in lines), lines


def test_a_gpu_runtime_given_no_device_says_so(tmp_path):
    status, lines = start_gpu_kernel(tmp_path, CUDA_VISIBLE_DEVICES="")
    assert status == NO_GPU_STATUS, lines
    assert lines[-1].startswith("jotter-kernel: no usable GPU: no GPU was assigned to this runtime"), lines


def test_a_gpu_kernel_without_the_gpu_build_says_so_before_starting_java(tmp_path):
    status, lines = start_gpu_kernel(tmp_path, JOTTER_GPU_NATIVES=str(tmp_path / "nothing-here"))
    assert status == NO_GPU_STATUS, lines
    assert lines == [f"jotter-kernel: no usable GPU: TensorFlow's GPU build is not installed with this kernel"
                     f" ({tmp_path / 'nothing-here'} is missing; ./jotter build --gpu makes it)"], lines
