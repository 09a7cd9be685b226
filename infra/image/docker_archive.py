"""Writes a folder as a one-layer image in `docker save` format, the form Jib reads as a `tar://` base image.

docker_archive.py ROOTFS OUTPUT.tar [--owner PATH=UID:GID] [--mode PATH=OCTAL] [--env NAME=VALUE] [--comment TEXT]

The layer is reproducible: entries sorted, every time stamp 0, owned by root unless --owner says otherwise
(the whole subtree under PATH), gzip without a name or time stamp. The same folder gives the same digests.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import stat
import tarfile


def layer_tar(rootfs, owners, modes):
    """The uncompressed layer: one entry per file, folder and link under rootfs."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(walk(rootfs)):
            full = os.path.join(rootfs, path)
            info = tar.gettarinfo(full, arcname=path)
            info.mtime = 0
            info.uid, info.gid = owner_of("/" + path, owners)
            info.uname = info.gname = ""
            if "/" + path in modes:
                info.mode = modes["/" + path]
            if info.isreg():
                with open(full, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    return buffer.getvalue()


def walk(rootfs):
    for folder, dirs, files in os.walk(rootfs):
        for name in dirs + files:
            yield os.path.relpath(os.path.join(folder, name), rootfs)


def owner_of(path, owners):
    for prefix, owner in owners.items():
        if path == prefix or path.startswith(prefix + "/"):
            return owner
    return 0, 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rootfs")
    parser.add_argument("output")
    parser.add_argument("--owner", action="append", default=[])
    parser.add_argument("--mode", action="append", default=[])
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--comment", default="")
    args = parser.parse_args()
    owners = {p: tuple(int(n) for n in o.split(":")) for p, o in (a.split("=", 1) for a in args.owner)}
    modes = {p: stat.S_IMODE(int(m, 8)) for p, m in (a.split("=", 1) for a in args.mode)}

    layer = layer_tar(args.rootfs, owners, modes)
    compressed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=compressed, mtime=0, compresslevel=6) as gz:
        gz.write(layer)
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": "1970-01-01T00:00:00Z",
        "config": {"Env": args.env},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
        "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "infra/image/base-image",
                     "comment": args.comment}],
    }
    config_bytes = json.dumps(config, indent=2, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": ["jotter/base:local"], "Layers": ["layer.tar.gz"]}]

    tmp = args.output + ".tmp"
    with tarfile.open(tmp, mode="w", format=tarfile.PAX_FORMAT) as out:
        for name, data in (("manifest.json", json.dumps(manifest).encode()), (config_name, config_bytes),
                           ("layer.tar.gz", compressed.getvalue())):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            out.addfile(info, io.BytesIO(data))
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
