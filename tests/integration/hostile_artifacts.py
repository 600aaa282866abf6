#!/usr/bin/python3
"""hostile_artifacts.py: what a hostile registry serves in test_hostile_input.sh.

Usage: hostile_artifacts.py OUT_DIR MODULE.wasm

Writes the blobs of each case to OUT_DIR/blobs/<hex> and OUT_DIR/routes.json, a JSON object
{case: [route, ...]} of hostile_server.py routes serving repository "x", tag "1":

  big-manifest    a manifest of 5 MiB (over coras's 4 MiB limit)
  huge-size       a manifest whose layer declares 2^62 bytes
  negative-size   a manifest whose layer declares -1 bytes
  tar-symlink     a compat image whose tar holds plugin.wasm as a symbolic link to /etc/passwd
  tar-hardlink    the same with a hard link to ../../etc/passwd
  tar-device      the same with a character device
  big-module      a solo-1layer artifact whose module layer declares 300 MiB (no blob served)
  small-module    a solo-1layer artifact holding MODULE.wasm
  big-error       404 with an error body of 8 MiB for everything

Each route list also answers GET /v2/ with 200. Every byte is deterministic.
"""

import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
SOLO_CONFIG = "application/vnd.module.wasm.config.v1+json"
SOLO_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm"
TITLE = "org.opencontainers.image.title"


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def compact(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


class Case:
    """The blobs and routes of one case."""

    def __init__(self, out):
        self.out = out
        self.routes = [{"method": "GET", "path": "^/v2/$", "status": 200,
                        "headers": {"Content-Type": "application/json"}, "body": "{}"}]

    def blob(self, media_type, data, annotations=None):
        digest = sha256(data)
        path = os.path.join(self.out, "blobs", digest[len("sha256:"):])
        with open(path, "wb") as f:
            f.write(data)
        self.routes.append({"path": "^/v2/x/blobs/" + digest + "$", "status": 200,
                            "headers": {"Content-Type": "application/octet-stream",
                                        "Docker-Content-Digest": digest},
                            "body_file": path})
        desc = {"mediaType": media_type, "digest": digest, "size": len(data)}
        if annotations:
            desc["annotations"] = annotations
        return desc

    def manifest(self, data, media_type=OCI_MANIFEST):
        digest = sha256(data)
        path = os.path.join(self.out, "blobs", digest[len("sha256:"):])
        with open(path, "wb") as f:
            f.write(data)
        self.routes.append({"path": "^/v2/x/manifests/(1|" + digest + ")$", "status": 200,
                            "headers": {"Content-Type": media_type,
                                        "Docker-Content-Digest": digest},
                            "body_file": path})


def tar_with(special):
    """A tar whose first entry is plugin.wasm of `special` type, then a real README."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo("plugin.wasm")
        info.mtime = 0
        if special == "symlink":
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        elif special == "hardlink":
            info.type, info.linkname = tarfile.LNKTYPE, "../../etc/passwd"
        else:
            info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 1, 3
        tar.addfile(info)
        readme = tarfile.TarInfo("README.md")
        readme.mtime, readme.size = 0, 6
        tar.addfile(readme, io.BytesIO(b"hello\n"))
    return buf.getvalue()


def compat_case(out, special):
    case = Case(out)
    tar = tar_with(special)
    config = case.blob(OCI_CONFIG, compact({
        "architecture": "amd64", "os": "linux", "config": {},
        "rootfs": {"type": "layers", "diff_ids": [sha256(tar)]}}))
    layer = case.blob(OCI_LAYER, gzip.compress(tar, compresslevel=9, mtime=0))
    case.manifest(compact({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": config,
                           "layers": [layer],
                           "annotations": {"module.wasm.image/variant": "compat"}}))
    return case


def solo_case(out, module, declared_size=None):
    case = Case(out)
    config = case.blob(SOLO_CONFIG, compact({"type": "envoy_proxy"}))
    if declared_size is None:
        layer = case.blob(SOLO_LAYER, module, {TITLE: "filter.wasm"})
    else:
        layer = {"mediaType": SOLO_LAYER, "digest": sha256(b"not served"),
                 "size": declared_size, "annotations": {TITLE: "filter.wasm"}}
    case.manifest(compact({"schemaVersion": 2, "config": config, "layers": [layer]}))
    return case


def sized_case(out, size_text):
    case = Case(out)
    config = case.blob("application/vnd.oci.empty.v1+json", b"{}")
    layer = ('{"mediaType":"application/octet-stream","digest":"' + sha256(b"x") +
             '","size":' + size_text + ',"annotations":{"' + TITLE + '":"x.txt"}}')
    case.manifest(('{"schemaVersion":2,"mediaType":"' + OCI_MANIFEST + '","config":' +
                   json.dumps(config, separators=(",", ":")) + ',"layers":[' + layer +
                   ']}').encode())
    return case


def main():
    out, module_path = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "blobs"), exist_ok=True)
    with open(module_path, "rb") as f:
        module = f.read()
    cases = {}

    big = Case(out)
    padding = b" " * (5 * 1024 * 1024)
    big.manifest(b'{"schemaVersion":2,"layers":[]' + padding + b"}")
    cases["big-manifest"] = big
    cases["huge-size"] = sized_case(out, str(2 ** 62))
    cases["negative-size"] = sized_case(out, "-1")
    for special in ("symlink", "hardlink", "device"):
        cases["tar-" + special] = compat_case(out, special)
    cases["big-module"] = solo_case(out, module, 300 * 1024 * 1024)
    cases["small-module"] = solo_case(out, module)

    error = Case(out)
    error_path = os.path.join(out, "blobs", "big-error")
    with open(error_path, "wb") as f:
        f.write(b'{"errors":[{"code":"NAME_UNKNOWN","message":"' + b"e" * (8 << 20) + b'"}]}')
    error.routes.append({"path": ".", "status": 404,
                         "headers": {"Content-Type": "application/json"},
                         "body_file": error_path})
    cases["big-error"] = error

    with open(os.path.join(out, "routes.json"), "w", encoding="utf-8") as f:
        json.dump({name: case.routes for name, case in cases.items()}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
