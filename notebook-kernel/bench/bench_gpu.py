"""./jotter bench gpu: TensorFlow's GPU build against its CPU build on the same machine, in one run.

Run with Debian's Python (jupyter_client), with the jotter-java kernelspec on JUPYTER_PATH (./jotter does both):
    /usr/bin/python3 notebook-kernel/bench/bench_gpu.py [--quick] [--cpu-only]

Each column is measured twice over: in a plain JVM (GpuBench.java: an 8192x8192 float32 matmul, a tiny op's round
trip, io.jotter.learn training the digits CNN and a larger CNN), and through a real kernel process started as a
runtime of that kind (JOTTER_ACCELERATOR): launch to kernel_info, to the first cell's matmul result on the device,
and a tiny-op cell's execute round trip. Prints one table and key=value lines for a report; numbers, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tests"))

from wire_client import start_kernel, stop_kernel  # noqa: E402

KERNEL = REPO / "notebook-kernel" / "kernel"
NATIVES = Path(os.environ.get("JOTTER_GPU_NATIVES", KERNEL / "target" / "native-gpu"))

# Peak TFLOP/s from NVIDIA's datasheets: (model substring, FP32, dense TF32 tensor core). The datasheets give TF32
# "with sparsity" for Hopper, Ada and the L4: halved here. T4 and V100 have no TF32. First match wins: the PCIe H100
# before the SXM one ("NVIDIA H100 80GB HBM3"), L40S before L4. Unknown models get TFLOP/s without fractions.
PEAKS = [
    ("H200", 67.0, 494.7), ("H100 PCIe", 51.0, 378.0), ("H100", 67.0, 494.7), ("A100", 19.5, 156.0),
    ("L40S", 91.6, 183.0), ("L4", 30.3, 60.0), ("T4", 8.1, None), ("V100", 15.7, None),
]

FIRST_GPU_CELL = """import org.tensorflow.*; import org.tensorflow.op.*;
var tf = Tensors.on("%s", Ops.create(EagerSession.create()));
var m = tf.linalg.matMul(tf.constant(new float[][] {{1, 2}, {3, 4}}), tf.constant(new float[][] {{1}, {1}}));
Tensors.deviceOf(m) + " " + m.asTensor().getFloat(1, 0)"""
TINY_CELL = "tf.math.add(tf.constant(1f), tf.constant(1f)).asTensor().getFloat()"


def jvm_options(kind: str) -> tuple:
    """What bin/jotter-kernel gives a GPU runtime's JVM; nothing for the CPU build."""
    if kind == "cpu":
        return [], {}
    env = {"LD_LIBRARY_PATH": f"{NATIVES}:{os.environ.get('LD_LIBRARY_PATH', '')}", "TF_FORCE_GPU_ALLOW_GROWTH": "true"}
    return [f"-Djava.library.path={NATIVES}", "-Dorg.bytedeco.javacpp.pathsFirst=true"], env


def jvm_column(kind: str, quick: bool) -> dict:
    options, env = jvm_options(kind)
    command = ["java", "-Djava.awt.headless=true", *options, "-cp", str(KERNEL / "target" / "lib" / "*"),
               str(HERE / "GpuBench.java"), kind] + (["--quick"] if quick else [])
    done = subprocess.run(command, env=dict(os.environ, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=3600)
    values = dict(line[len("RESULT "):].split("=", 1) for line in done.stdout.splitlines() if line.startswith("RESULT "))
    if done.returncode != 0 or "error" in values:
        sys.exit(f"bench gpu: the {kind} column failed: {values.get('error', '')}\n{done.stderr[-3000:]}")
    # The kernel column has its own first result (through a kernel process): this one is the plain JVM's.
    values["jvm_first_result_s"] = values.pop("first_result_s", "-")
    values["matmul_ms"] = f"{float(values['matmul_median_s']) * 1e3:.1f}"
    values["matmul_tflops"] = f"{float(values['matmul_tflops']):.2f}"
    return values


def kernel_column(kind: str, rounds: int) -> dict:
    """A real kernel started as a runtime of this kind: to kernel_info, to the first result, a tiny cell."""
    started = time.monotonic()
    km, client = start_kernel("jotter-java", env={"JOTTER_ACCELERATOR": kind}, ready_timeout_s=180)
    try:
        ready = time.monotonic() - started
        ex = client.finish(client.start_execute(FIRST_GPU_CELL % ("/GPU:0" if kind == "gpu" else "/CPU:0")), 180)
        first = time.monotonic() - started
        result = (ex.result_text() or "").strip('"')
        if ex.status != "ok" or not result.endswith("7.0"):
            sys.exit(f"bench gpu: the {kind} kernel's first cell gave {ex.summary()}")
        times = []
        for _ in range(rounds):
            t0 = time.monotonic()
            client.finish(client.start_execute(TINY_CELL), 60)
            times.append(time.monotonic() - t0)
        return {"kernel_ready_s": f"{ready:.2f}", "first_result_s": f"{first:.2f}", "first_result": result,
                "tiny_cell_ms": f"{statistics.median(times) * 1e3:.1f}"}
    finally:
        stop_kernel(km, client)


def gpu_name() -> str:
    done = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"],
                          stdout=subprocess.PIPE, text=True)
    return done.stdout.strip().splitlines()[0] if done.returncode == 0 and done.stdout.strip() else ""


def peaks_of(name: str):
    return next(((fp32, tf32) for key, fp32, tf32 in PEAKS if key in name), (None, None))


def ratio(gpu, cpu) -> str:
    try:
        return f"{float(gpu) / float(cpu):.1f}x"
    except (TypeError, ValueError, ZeroDivisionError):
        return ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cpu-only", action="store_true")
    args = parser.parse_args()
    kinds = ["cpu"] if args.cpu_only else ["cpu", "gpu"]
    columns = {}
    for kind in kinds:
        print(f"measuring TensorFlow's {kind.upper()} build ...", file=sys.stderr)
        columns[kind] = jvm_column(kind, args.quick)
        columns[kind].update(kernel_column(kind, 20 if args.quick else 100))
    name = "" if args.cpu_only else gpu_name()
    rows = [("matmul size", "matmul_n", ""), ("matmul float32, ms", "matmul_ms", ""),
            ("matmul TFLOP/s", "matmul_tflops", "up"),
            ("tiny op round trip (median), us", "tiny_op_us_median", ""),
            ("digits CNN, samples/s", "digits_cnn_samples_per_s", "up"),
            ("larger CNN (32x32x3), samples/s", "cnn32_samples_per_s", "up"),
            ("larger CNN mixed_float16, samples/s", "cnn32_mixed_float16_samples_per_s", ""),
            ("JVM start to first result, s", "jvm_first_result_s", ""),
            ("kernel launch to kernel_info, s", "kernel_ready_s", ""),
            ("launch to first result on the device, s", "first_result_s", ""),
            ("tiny-op cell round trip, ms", "tiny_cell_ms", "")]
    print(f"\nTensorFlow Java 1.1.0 (TF 2.18){': ' + name if name else ''}")
    print(f"{'':42} {'CPU build':>14} {'GPU build':>14} {'GPU/CPU':>8}")
    cpu, gpu = columns["cpu"], columns.get("gpu", {})
    for label, key, better in rows:
        print(f"{label:42} {cpu.get(key, '-'):>14} {gpu.get(key, '-'):>14} "
              f"{ratio(gpu.get(key), cpu.get(key)) if better == 'up' and gpu else '':>8}")
    fp32, tf32 = peaks_of(name)
    if gpu and fp32:
        measured = float(gpu["matmul_tflops"])
        print(f"\nmatmul: {measured / fp32:.0%} of the FP32 peak ({fp32} TFLOP/s)"
              + (f", {measured / tf32:.0%} of the dense TF32 peak ({tf32}; goal >= 60%; TensorFlow uses TF32 for"
                 " float32 matmuls from Ampere on)" if tf32 else "; this GPU has no TF32"))
    print("\n# for a report")
    for kind, values in columns.items():
        for key, value in values.items():
            print(f"{kind}.{key}={value}")
    if gpu and fp32:
        print(f"gpu.name={name}\ngpu.fp32_peak_fraction={float(gpu['matmul_tflops']) / fp32:.3f}")
        if tf32:
            print(f"gpu.tf32_peak_fraction={float(gpu['matmul_tflops']) / tf32:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
