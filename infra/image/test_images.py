"""Checks ./jotter image's tarballs and runs them: test_images.py IMAGES_DIR SCRATCH --db-url JDBC_URL

For each of jotter-server.tar and jotter-kernel.tar:
  1. the OCI layout: oci-layout, index.json naming the image infra/k8s names, every blob's sha256 and size as
     its descriptor says, the config's diff_ids those of the uncompressed layers;
  2. the config against what the manifests and KubernetesBackend expect: user, working dir, entrypoint,
     ports, the writable mount points;
  3. runs it: the layers extracted into a root filesystem, the entrypoint started under chroot as the image's
     user, in new mount and PID namespaces, with a read-only root, tmpfs where the pod has emptyDirs, the
     connection file mounted read-only where the pod mounts its Secret. The kernel must answer
     kernel_info_request and run a cell; the server must answer /q/health/ready on the PostgreSQL
     --db-url names (reached over 127.0.0.1: the images share this machine's network).
Needs root (chroot, mounts), unshare, and Debian's jupyter_client (the kernel's wire client).
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "notebook-kernel" / "tests"))

OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# -- what the manifests and the backend expect -----------------------------------------------------------------

def expectations():
    k8s = ROOT / "infra" / "k8s" / "base"
    deployment = yaml.safe_load((k8s / "deployment.yaml").read_text())["spec"]["template"]["spec"]
    kernel_pod = yaml.safe_load((k8s / "kernel-pod-template.yaml").read_text())["spec"]
    config_map = yaml.safe_load((k8s / "configmap.yaml").read_text())["data"]
    server_c, kernel_c = deployment["containers"][0], kernel_pod["containers"][0]
    # The command KubernetesBackend gives the kernel container (RuntimeBackends) and the file it names.
    backends = (ROOT / "server/src/main/java/io/jotter/server/kernels/RuntimeBackends.java").read_text()
    pod_spec = (ROOT / "scheduler/src/main/java/io/jotter/scheduler/kubernetes/KernelPodSpec.java").read_text()
    launcher = re.search(r'new KernelImage\(config\.kernelImage\(\), List\.of\("([^"]+)"', backends).group(1)
    connection_file = re.search(r'CONNECTION_FILE = "([^"]+)"', pod_spec).group(1)
    check(kernel_c["image"] == config_map["JOTTER_KUBERNETES_KERNEL_IMAGE"],
          f"the kernel pod template names {kernel_c['image']}, the ConfigMap "
          f"{config_map['JOTTER_KUBERNETES_KERNEL_IMAGE']}")

    def writable(container):
        read_only = {m["mountPath"] for m in container["volumeMounts"] if m.get("readOnly")}
        return sorted({m["mountPath"] for m in container["volumeMounts"]} - read_only)

    kernel = {
        "ref": kernel_c["image"],
        "user": f"{kernel_pod['securityContext']['runAsUser']}:{kernel_pod['securityContext']['runAsGroup']}",
        "ports": {f"{p['containerPort']}/tcp" for p in kernel_c["ports"]},
        "writable": writable(kernel_c),
        "workdir": kernel_c["workingDir"],
        "home": next(e["value"] for e in kernel_c["env"] if e["name"] == "HOME"),
        "command": [launcher, connection_file],
        "connection_dir": next(m["mountPath"] for m in kernel_c["volumeMounts"] if m["name"] == "connection"),
    }
    return {
        # GPU types' pods: the same pod template, the GPU image the gpu overlay names.
        "kernel-gpu": dict(kernel, ref=gpu_kernel_image()),
        "server": {
            "ref": server_c["image"],
            "user": f"{deployment['securityContext']['runAsUser']}:{deployment['securityContext']['runAsGroup']}",
            "ports": {f"{p['containerPort']}/tcp" for p in server_c["ports"]},
            "writable": writable(server_c),
            "env": {"JOTTER_HOME": config_map["JOTTER_HOME"]},
        },
        "kernel": kernel,
    }


def gpu_kernel_image():
    """The GPU kernel image infra/k8s/overlays/gpu configures for GPU types."""
    overlay = yaml.safe_load((ROOT / "infra/k8s/overlays/gpu/configmap-gpu.yaml").read_text())["data"]
    named = re.search(r"^jotter\.kubernetes\.gpu-kernel-image=(\S+)$", overlay["application.properties"], re.M)
    check(named, "infra/k8s/overlays/gpu names no jotter.kubernetes.gpu-kernel-image")
    return named.group(1)


# -- the OCI layout --------------------------------------------------------------------------------------------

class Layout:
    """The archive's files by name, read one at a time (the GPU image's layers are a gigabyte each), each blob
    checked against its name when read."""

    def __init__(self, tar):
        self.tar = tar
        self.members = {m.name: m for m in tar if m.isfile()}

    def get(self, name, default=None):
        member = self.members.get(name)
        if member is None:
            return default
        data = self.tar.extractfile(member).read()
        if name.startswith("blobs/sha256/"):
            check(hashlib.sha256(data).hexdigest() == name.rsplit("/", 1)[1],
                  f"blob {name} does not match its digest")
        return data

    def __getitem__(self, name):
        return self.get(name)


def blob(files, descriptor, media_type, what):
    check(descriptor["mediaType"] == media_type, f"{what} is {descriptor['mediaType']}, not {media_type}")
    algorithm, digest = descriptor["digest"].split(":", 1)
    data = files.get(f"blobs/{algorithm}/{digest}")
    check(data is not None, f"{what} {descriptor['digest']} is missing")
    check(len(data) == descriptor["size"], f"{what} is {len(data)} bytes, its descriptor says {descriptor['size']}")
    return data


def check_layout(tar_path, ref, rootfs):
    """The image's config, once everything is checked against the index; its layers extracted into rootfs."""
    with tarfile.open(tar_path) as tar:
        return check_opened_layout(tar_path, Layout(tar), ref, rootfs)


def check_opened_layout(tar_path, files, ref, rootfs):
    check(json.loads(files.get("oci-layout", b"{}")) == {"imageLayoutVersion": "1.0.0"},
          f"{tar_path.name}: no OCI layout version 1.0.0")
    index = json.loads(files["index.json"])
    check(index.get("schemaVersion") == 2 and index.get("mediaType", OCI_INDEX) == OCI_INDEX,
          f"{tar_path.name}: index.json is no OCI index")
    check(len(index["manifests"]) == 1, f"{tar_path.name}: {len(index['manifests'])} manifests, not one")
    entry = index["manifests"][0]
    named = entry.get("annotations", {}).get("org.opencontainers.image.ref.name")
    check(named == ref, f"{tar_path.name} is named {named}; infra/k8s names {ref}")
    manifest = json.loads(blob(files, entry, OCI_MANIFEST, "the manifest"))
    config = json.loads(blob(files, manifest["config"], OCI_CONFIG, "the config"))
    check((config["os"], config["architecture"]) == ("linux", "amd64"), f"{tar_path.name}: not linux/amd64")
    check(len(config["rootfs"]["diff_ids"]) == len(manifest["layers"]), f"{tar_path.name}: layers and diff_ids differ")
    rootfs.mkdir(parents=True)
    for i, (descriptor, diff_id) in enumerate(zip(manifest["layers"], config["rootfs"]["diff_ids"])):
        layer = gzip.decompress(blob(files, descriptor, OCI_LAYER, f"layer {i}"))
        check("sha256:" + hashlib.sha256(layer).hexdigest() == diff_id,
              f"{tar_path.name}: layer {i} is not the config's diff_id {diff_id}")
        extract(layer, rootfs)
    return config["config"]


def extract(layer, rootfs):
    """Applies one layer, owners and modes kept (we are root)."""
    with tarfile.open(fileobj=io.BytesIO(layer)) as tar:
        members = tar.getmembers()
        for m in members:
            parts = Path(m.name).parts
            check(not m.name.startswith("/") and ".." not in parts, f"a layer entry escapes the root: {m.name}")
            check(not parts or not parts[-1].startswith(".wh."), f"whiteouts are not handled here: {m.name}")
        tar.extractall(rootfs, members=members, numeric_owner=True)


def resolve(rootfs, path):
    """path inside the image, symlinks followed inside it."""
    current = rootfs
    for part in Path(path).parts[1:]:
        current = current / part
        for _ in range(40):
            if not current.is_symlink():
                break
            target = os.readlink(current)
            current = (rootfs / target.lstrip("/")) if target.startswith("/") else (current.parent / target)
    return current


def check_config(name, config, rootfs, want):
    check(config.get("User") == want["user"], f"{name} runs as {config.get('User')}; the manifests say {want['user']}")
    ports = set(config.get("ExposedPorts", {}))
    check(want["ports"] <= ports, f"{name} exposes {sorted(ports)}; the manifests use {sorted(want['ports'])}")
    entrypoint = config.get("Entrypoint") or []
    check(entrypoint, f"{name} has no entrypoint")
    program = resolve(rootfs, entrypoint[0])
    check(program.is_file() and os.access(program, os.X_OK), f"{name}: {entrypoint[0]} is no executable file")
    for path in want["writable"] + [config.get("WorkingDir", "/")]:
        check(resolve(rootfs, path).is_dir(), f"{name} has no folder {path} (a mount point / working dir)")
    env = dict(e.split("=", 1) for e in config.get("Env", []))
    for key, value in want.get("env", {}).items():
        check(env.get(key) == value, f"{name}: {key}={env.get(key)}, the manifests say {value}")
    return env


# -- running an image under chroot ------------------------------------------------------------------------------

CHROOT = """
import os, sys
root, user, workdir, argv, env = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:], {}
uid, gid = (int(n) for n in user.split(":"))
os.chroot(root)
os.setgroups([gid])
os.setgid(gid)
os.setuid(uid)
os.chdir(workdir)
env = dict(line.split("=", 1) for line in os.environ.pop("IMAGE_ENV").split("\\n") if line)
os.execve(argv[0], argv, env)
"""


def start(rootfs, config, env, log, mounts=(), argv=None):
    """The image's entrypoint as a pod would run it; returns the unshare process (killing it ends all)."""
    argv = argv or (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
    r = shlex.quote(str(rootfs))
    script = [
        f"mount --bind {r} {r}", f"mount -o remount,bind,ro {r}",
        f"mount -t proc proc {r}/proc", f"mount --rbind /dev {r}/dev",
    ]
    script += list(mounts)
    script.append("exec /usr/bin/python3 -c " + shlex.quote(CHROOT) + " " + " ".join(
        shlex.quote(a) for a in [str(rootfs), config["User"], config.get("WorkingDir") or "/", *argv]))
    image_env = dict(e.split("=", 1) for e in config.get("Env", []))
    image_env.update(env)
    return subprocess.Popen(
        ["unshare", "--mount", "--pid", "--fork", "--kill-child", "--propagation", "private",
         "/bin/bash", "-euc", "\n".join(script)],
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
             "IMAGE_ENV": "\n".join(f"{k}={v}" for k, v in image_env.items())},
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process):
    # The whole process group: the image's process (the PID namespace's init) changed its user, which clears the
    # parent-death signal unshare's --kill-child relies on, so killing unshare alone would leave it running.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(10)


def free_ports(n):
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def tmpfs(rootfs, path, owner=None, mode="1777"):
    options = f"mode={mode}" + (f",uid={owner[0]},gid={owner[1]}" if owner else "")
    return f"mount -t tmpfs -o {options} tmpfs {shlex.quote(str(rootfs) + path)}"


def run_kernel(rootfs, config, want, scratch):
    from jupyter_client import KernelManager
    from wire_client import WireClient

    check(config.get("WorkingDir") == want["workdir"],
          f"the kernel's working dir is {config.get('WorkingDir')}; the pod template says {want['workdir']}")
    argv = want["command"]
    check((config.get("Entrypoint") or []) + (config.get("Cmd") or []) == argv,
          f"the kernel image runs {config.get('Entrypoint')} {config.get('Cmd')}; KubernetesBackend runs {argv}")
    uid, gid = (int(n) for n in want["user"].split(":"))
    ports = free_ports(5)
    info = {"transport": "tcp", "ip": "127.0.0.1", "shell_port": ports[0], "iopub_port": ports[1],
            "stdin_port": ports[2], "control_port": ports[3], "hb_port": ports[4],
            "key": secrets.token_hex(16), "signature_scheme": "hmac-sha256"}
    # The Secret's volume: read-only, mode 0440, group fsGroup.
    secret = scratch / "kernel-secret"
    secret.mkdir()
    connection = secret / os.path.basename(argv[1])
    connection.write_text(json.dumps(info))
    os.chown(connection, 0, gid)
    os.chmod(connection, 0o440)
    mounts = [tmpfs(rootfs, "/tmp"), tmpfs(rootfs, want["home"], (uid, gid), "0755"),
              f"mount --bind -o ro {shlex.quote(str(secret))} {shlex.quote(str(rootfs) + want['connection_dir'])}"]
    log_path = scratch / "kernel.log"
    with open(log_path, "wb") as log:
        process = start(rootfs, config, {"HOME": want["home"]}, log, mounts, argv)
    km = KernelManager()
    km.load_connection_info(info)
    client = WireClient(km)
    km.is_alive = lambda: process.poll() is None
    started = time.monotonic()
    try:
        reply = client.wait_for_ready(90)
        ready_s = time.monotonic() - started
        check(reply.get("status") == "ok" and reply["language_info"]["name"] == "java",
              f"kernel_info_reply: {reply}")
        cell = client.execute(
            'var home = java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("user.home"),'
            ' "written"), "ok");\n'
            'new com.sun.security.auth.module.UnixSystem().getUid() + " " + home + " " + (6 * 7)', timeout_s=60)
        expected = f"{uid} {want['home']}/written 42"
        check(cell.status == "ok" and (cell.result_text() or "").strip('"') == expected,
              f"the cell gave {cell.summary()}, not {expected}")
        # Charts draw text: AWT's font manager loads fontconfig and fonts with dlopen, which ldd cannot see.
        fonts = client.execute(
            'var g = new java.awt.image.BufferedImage(64, 16, java.awt.image.BufferedImage.TYPE_INT_RGB)'
            '.createGraphics();\ng.drawString("Jotter", 1, 12);\ng.getFontMetrics().getFont().getFamily()',
            timeout_s=60)
        check(fonts.status == "ok" and fonts.result_text(), f"drawing text gave {fonts.summary()}")
        print(f"kernel image: kernel_info_reply in {ready_s:.1f} s ({reply['implementation']}), "
              f"a cell ran as uid {uid} and wrote to {want['home']}, text drawn in {fonts.result_text()}")
    except BaseException:
        print(f"--- the kernel's output ({log_path}) ---\n{log_path.read_text(errors='replace')[-4000:]}")
        raise
    finally:
        client.close()
        stop(process)


# -- the GPU kernel image ---------------------------------------------------------------------------------------

GPU_NATIVES = "/opt/jotter/native-gpu"
# TensorFlow's GPU build and what it opens of CUDA 12 and cuDNN 9 (notebook-kernel/kernel/pom.xml, profile gpu).
GPU_LIBRARIES = ["libtensorflow_cc.so.2", "libtensorflow_framework.so.2", "libjnitensorflow.so", "libcudart.so.12",
                 "libcublas.so.12", "libcublasLt.so.12", "libcufft.so.11", "libcusolver.so.11", "libcusparse.so.12",
                 "libnvJitLink.so.12", "libcudnn.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9",
                 "libcudnn_engines_precompiled.so.9", "libnvrtc.so.12"]


def tree_mb(rootfs):
    return sum(f.stat().st_size for f in rootfs.rglob("*") if f.is_file() and not f.is_symlink()) >> 20


def driver_libraries(rootfs):
    """The NVIDIA driver's own libraries: the node's to provide, never the image's."""
    return [str(f.relative_to(rootfs)) for f in rootfs.rglob("*")
            if f.name.startswith(("libcuda.so", "libnvidia-ml.so")) or f.name == "nvidia-smi"]


def check_cpu_only(rootfs):
    """The CPU image carries no GPU build and no CUDA: it did not grow for the GPU image's sake."""
    check(not (rootfs / GPU_NATIVES.lstrip("/")).exists(), f"the CPU kernel image has {GPU_NATIVES}")
    cuda = [str(f.relative_to(rootfs)) for f in rootfs.rglob("*") if f.name.startswith(("libcudart", "libcudnn"))
            or f.name.endswith("-gpu.jar")]
    check(not cuda, f"the CPU kernel image carries CUDA or the GPU build: {cuda}")


def check_gpu_contents(rootfs, env):
    folder = rootfs / GPU_NATIVES.lstrip("/")
    missing = [name for name in GPU_LIBRARIES if not (folder / name).is_file()]
    check(not missing, f"the GPU kernel image's {GPU_NATIVES} lacks {missing}")
    check(not driver_libraries(rootfs), f"the GPU kernel image carries the driver: {driver_libraries(rootfs)}")
    check(env.get("JOTTER_GPU_NATIVES") == GPU_NATIVES, f"JOTTER_GPU_NATIVES={env.get('JOTTER_GPU_NATIVES')}")
    check(env.get("NVIDIA_DRIVER_CAPABILITIES") == "compute,utility",
          f"NVIDIA_DRIVER_CAPABILITIES={env.get('NVIDIA_DRIVER_CAPABILITIES')}: the container runtime would not mount"
          " libcuda")
    check("NVIDIA_VISIBLE_DEVICES" not in env,
          "the image sets NVIDIA_VISIBLE_DEVICES: which GPUs a pod sees is the device plugin's to say")
    print(f"kernel-gpu image: {GPU_NATIVES} holds TensorFlow's GPU build, CUDA 12 and cuDNN 9 "
          f"({sum((folder / n).stat().st_size for n in os.listdir(folder)) >> 20} MB), no driver")


def run_gpu_kernel_without_driver(rootfs, config, want, scratch):
    """As a GPU runtime's pod on a node without the driver: the kernel loads the GPU build, then ends saying why."""
    uid, gid = (int(n) for n in want["user"].split(":"))
    log_path = scratch / "kernel-gpu.log"
    mounts = [tmpfs(rootfs, "/tmp"), tmpfs(rootfs, want["home"], (uid, gid), "0755")]
    argv = [want["command"][0], "/tmp/kernel.json"]
    with open(log_path, "wb") as log:
        process = start(rootfs, config, {"HOME": want["home"], "JOTTER_ACCELERATOR": "gpu"}, log, mounts, argv)
    try:
        status = process.wait(120)
    except subprocess.TimeoutExpired:
        stop(process)
        raise Failure(f"the GPU kernel without a driver did not end: {log_path.read_text(errors='replace')[-2000:]}")
    lines = log_path.read_text(errors="replace").splitlines()
    check(status == 3 and lines and lines[-1] == "jotter-kernel: no usable GPU: the NVIDIA driver (libcuda.so.1) is"
          " not installed on this machine, or not mounted into the kernel's container",
          f"the GPU kernel without a driver ended with {status}: {lines[-15:]}")
    check(any("cuInit" in line for line in lines), f"TensorFlow's GPU build did not try CUDA: {lines[-15:]}")
    print("kernel-gpu image: as a GPU runtime without the driver it loaded TensorFlow's GPU build, tried CUDA, and"
          " ended with status 3, saying the driver is missing")


def run_server(rootfs, config, db_url, scratch):
    port = free_ports(1)[0]
    env = {"JOTTER_PORT": str(port), "JOTTER_KERNELS_WARM_POOL": "0", "JOTTER_TOKEN": secrets.token_hex(12),
           "JOTTER_DB_URL": db_url}
    log_path = scratch / "server.log"
    with open(log_path, "wb") as log:
        process = start(rootfs, config, env, log, [tmpfs(rootfs, "/tmp")])
    started = time.monotonic()
    try:
        ready = False
        while not ready and time.monotonic() - started < 90 and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=2) as response:
                    ready = response.status == 200
            except OSError:
                time.sleep(0.3)
        check(ready, "the server did not answer /q/health/ready within 90 s")
        print(f"server image: ready (/q/health/ready 200) in {time.monotonic() - started:.1f} s "
              f"on PostgreSQL {db_url}")
    except BaseException:
        print(f"--- the server's output ({log_path}) ---\n{log_path.read_text(errors='replace')[-4000:]}")
        raise
    finally:
        stop(process)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("images", type=Path)
    parser.add_argument("scratch", type=Path)
    parser.add_argument("--db-url", required=True, help="the PostgreSQL the server image uses")
    args = parser.parse_args()
    want = expectations()
    for name in ("kernel", "kernel-gpu", "server"):
        t = time.monotonic()
        tar_path = args.images / f"jotter-{name}.tar"
        rootfs = args.scratch / f"{name}-rootfs"
        config = check_layout(tar_path, want[name]["ref"], rootfs)
        env = check_config(f"the {name} image", config, rootfs, want[name])
        print(f"{name} image: {tar_path.name} ({tar_path.stat().st_size >> 20} MB, {tree_mb(rootfs)} MB unpacked)"
              f" is a valid OCI layout named {want[name]['ref']}, runs as {config['User']}: "
              f"{' '.join(config['Entrypoint'] + (config.get('Cmd') or []))} ({time.monotonic() - t:.1f} s)")
        if name == "kernel":
            check_cpu_only(rootfs)
            run_kernel(rootfs, config, want[name], args.scratch)
        elif name == "kernel-gpu":
            check_gpu_contents(rootfs, env)
            run_gpu_kernel_without_driver(rootfs, config, want[name], args.scratch)
        else:
            run_server(rootfs, config, args.db_url, args.scratch)
        subprocess.run(["rm", "-rf", str(rootfs)], check=True)


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"FAIL {e}", file=sys.stderr)
        sys.exit(1)
