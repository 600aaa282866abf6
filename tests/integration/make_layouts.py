#!/usr/bin/python3
"""make_layouts.py: hand-made OCI image layouts of every Wasm-in-OCI shape coras must pull.

Usage: make_layouts.py [--runtime-config FILE] [--hostile-absolute PATH] [--tag TAG]
                       MODULE.wasm OUT_DIR

Writes OUT_DIR/<name>/ (oci-layout, index.json whose entry carries
org.opencontainers.image.ref.name = TAG (default v1), blobs/sha256/<hex>) for each name below, and
OUT_DIR/layouts.json: {name: {tag, manifestDigest, manifestMediaType, pullLayout, moduleFile,
runtimeConfig, istio, istioMessage, istioLe115, checksum}}, the expectations the suites check
(wasm-formats.md §0, §1-§4, §10.1). Every byte is deterministic: tar entries mode 0644 (0755
for directories), uid/gid 0, mtime 0; gzip level 9, mtime 0, no file name.

  solo           wasme's 2-layer shape (§1.1): config runtime-config.json is also layer 0;
                 the module layer is titled filter.wasm; no manifest mediaType member
  solo-1layer    the ASM guide's oras push (§1.3): one module layer titled after MODULE
  solo-legacy    the pre-2020 names application/vnd.io.solo.wasm.{config,content.layer}.v1+...
  compat         OCI image (§1.2), one tar+gzip layer: README.md, docs/, ./runtime-config.json,
                 ./plugin.wasm; annotation module.wasm.image/variant: compat
  compat-docker  Docker schema2 manifest + application/vnd.docker.image.rootfs.diff.tar.gzip
  compat-nested  OCI image with two tar+gzip layers; the last holds a/b/plugin.wasm (Istio >= 1.16)
  cncf           CNCF TAG Runtime layout (§2), core module: os wasip1, untitled application/wasm
  wasm-to-oci    engineerd/wasm-to-oci (§3): config {} typed vnd.wasm.config.v1+json
  wasm           a plain artifact: artifactType, empty config, an application/wasm layer
  index          an OCI index: linux/arm64 (another module) then linux/amd64 (compat, MODULE)
  hostile        compat tar whose entries are an absolute path (/etc/x, or --hostile-absolute)
                 and ../plugin.wasm (MODULE)
"""

import argparse
import gzip
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_EMPTY = "application/vnd.oci.empty.v1+json"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
SOLO_CONFIG = "application/vnd.module.wasm.config.v1+json"
SOLO_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm"
LEGACY_CONFIG = "application/vnd.io.solo.wasm.config.v1+json"
LEGACY_LAYER = "application/vnd.io.solo.wasm.content.layer.v1+wasm"
CNCF_CONFIG = "application/vnd.wasm.config.v0+json"
CNCF_LAYER = "application/wasm"
W2O_CONFIG = "application/vnd.wasm.config.v1+json"
W2O_LAYER = "application/vnd.wasm.content.layer.v1+wasm"
TITLE = "org.opencontainers.image.title"
REF_NAME = "org.opencontainers.image.ref.name"
DEFAULT_RUNTIME_CONFIG = (b'{"type":"envoy_proxy","abiVersions":["v0.2.1"],'
                          b'"config":{"rootIds":["resp_header_demo"]}}')

# Istio's messages (wasm-formats.md §4.3; istio_layout_check.py prints them after "rejects: ").
NOT_TWO_LAYERS = "number of layers must be 2 but got %d"
NO_SOLO_LAYER = "could not find the layer of type " + SOLO_LAYER


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def compact(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


class Layout:
    """One OCI image layout being built: blobs by digest and one tagged top-level manifest."""

    def __init__(self):
        self.blobs = {}

    def add(self, media_type, data, annotations=None, **extra):
        digest = sha256(data)
        self.blobs[digest] = data
        desc = {"mediaType": media_type, "digest": digest, "size": len(data)}
        desc.update(extra)
        if annotations:
            desc["annotations"] = annotations
        return desc

    def write(self, path, top, tag):
        if os.path.exists(path):
            shutil.rmtree(path)
        blob_dir = os.path.join(path, "blobs", "sha256")
        os.makedirs(blob_dir)
        for digest, data in self.blobs.items():
            with open(os.path.join(blob_dir, digest[len("sha256:"):]), "wb") as f:
                f.write(data)
        with open(os.path.join(path, "oci-layout"), "wb") as f:
            f.write(compact({"imageLayoutVersion": "1.0.0"}))
        entry = dict(top)
        entry["annotations"] = {REF_NAME: tag}
        index = {"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [entry]}
        with open(os.path.join(path, "index.json"), "wb") as f:
            f.write(compact(index))


def make_tar(entries):
    """entries: (name, bytes) for a file, (name, None) for a directory. USTAR, deterministic."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.mode = 0o644
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def image_config(tars, arch="amd64"):
    return compact({"architecture": arch, "os": "linux", "config": {},
                    "rootfs": {"type": "layers", "diff_ids": [sha256(t) for t in tars]}})


def compat_image(lay, tars, layer_type=OCI_LAYER, config_type=OCI_CONFIG,
                 manifest_type=OCI_MANIFEST, arch="amd64"):
    """An image whose layers are the gzipped `tars`; returns the manifest bytes."""
    config = lay.add(config_type, image_config(tars, arch))
    layers = [lay.add(layer_type, gz(t)) for t in tars]
    manifest = {"schemaVersion": 2, "mediaType": manifest_type, "config": config,
                "layers": layers}
    if manifest_type == OCI_MANIFEST:
        manifest["annotations"] = {"module.wasm.image/variant": "compat"}
    return compact(manifest)


def other_module():
    """A different valid core module: the preamble and one custom section named "arm64"."""
    payload = b"\x05arm64" + b"not the module you want"
    return b"\x00asm\x01\x00\x00\x00" + b"\x00" + bytes([len(payload)]) + payload


def build(module, module_name, runtime_config, hostile_absolute):
    """Yields (name, layout, top descriptor, expectations)."""
    # solo: wasme push (2 layers, config doubles as layer 0, no manifest mediaType member).
    lay = Layout()
    cfg = lay.add(SOLO_CONFIG, runtime_config, {TITLE: "runtime-config.json"})
    wasm = lay.add(SOLO_LAYER, module, {TITLE: "filter.wasm"})
    manifest = compact({"schemaVersion": 2, "config": cfg, "layers": [cfg, wasm],
                        "annotations": {"module.wasm.runtime/abi_version": "v0.2.1",
                                        "module.wasm.runtime/type": "envoy_proxy"}})
    yield "solo", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "solo", "moduleFile": "filter.wasm", "runtimeConfig": True,
        "istio": "loads", "istioMessage": "extractOCIArtifactImage",
        "istioLe115": "loads"}

    # solo-1layer: the ASM guide's `oras push --manifest-config runtime-config.json:... m.wasm:...`
    lay = Layout()
    cfg = lay.add(SOLO_CONFIG, runtime_config)
    wasm = lay.add(SOLO_LAYER, module, {TITLE: module_name})
    manifest = compact({"schemaVersion": 2, "config": cfg, "layers": [wasm]})
    yield "solo-1layer", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "solo-1layer", "moduleFile": module_name, "runtimeConfig": True,
        "istio": "rejects", "istioMessage": NOT_TWO_LAYERS % 1, "istioLe115": "rejects"}

    # solo-legacy: the names of the spec text before 2020-10 (accepted on pull only).
    lay = Layout()
    cfg = lay.add(LEGACY_CONFIG, runtime_config, {TITLE: "runtime-config.json"})
    wasm = lay.add(LEGACY_LAYER, module, {TITLE: "filter.wasm"})
    manifest = compact({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": cfg,
                        "layers": [cfg, wasm]})
    yield "solo-legacy", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "solo", "moduleFile": "filter.wasm", "runtimeConfig": True,
        "istio": "rejects", "istioMessage": NO_SOLO_LAYER, "istioLe115": "rejects"}

    # compat: buildah-style OCI image, ./plugin.wasm among other entries.
    lay = Layout()
    tar = make_tar([("README.md", b"# a filter\n"), ("docs", None),
                    ("./runtime-config.json", runtime_config), ("./plugin.wasm", module)])
    manifest = compat_image(lay, [tar])
    yield "compat", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "compat", "moduleFile": "plugin.wasm", "runtimeConfig": True,
        "istio": "loads", "istioMessage": "extractOCIStandardImage", "istioLe115": "loads"}

    # compat-docker: `docker build` + `docker push` of FROM scratch / COPY.
    lay = Layout()
    tar = make_tar([("runtime-config.json", runtime_config), ("plugin.wasm", module)])
    manifest = compat_image(lay, [tar], DOCKER_LAYER, DOCKER_CONFIG, DOCKER_MANIFEST)
    yield "compat-docker", lay, lay.add(DOCKER_MANIFEST, manifest), {
        "pullLayout": "compat-docker", "moduleFile": "plugin.wasm", "runtimeConfig": True,
        "istio": "loads", "istioMessage": "extractDockerImage", "istioLe115": "loads"}

    # compat-nested: two layers, the module deep in the last one (Istio >= 1.16 only).
    lay = Layout()
    first = make_tar([("README.md", b"# docs layer\n")])
    last = make_tar([("a", None), ("a/b", None), ("a/b/plugin.wasm", module)])
    manifest = compat_image(lay, [first, last])
    yield "compat-nested", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "compat", "moduleFile": "plugin.wasm", "runtimeConfig": False,
        "istio": "loads", "istioMessage": "extractOCIStandardImage",
        "istioLe115": "rejects", "istioLe115Message": "number of layers must be 1 but got 2"}

    # cncf: TAG Runtime layout, core module, untitled layer.
    lay = Layout()
    digest = sha256(module)
    cfg = lay.add(CNCF_CONFIG, compact({"created": "2024-01-01T00:00:00Z", "architecture": "wasm",
                                        "os": "wasip1", "layerDigests": [digest]}))
    wasm = lay.add(CNCF_LAYER, module)
    manifest = compact({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": cfg,
                        "layers": [wasm]})
    yield "cncf", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "cncf", "moduleFile": "module.wasm", "runtimeConfig": False,
        "istio": "rejects", "istioMessage": NOT_TWO_LAYERS % 1, "istioLe115": "rejects"}

    # wasm-to-oci: engineerd's layout.
    lay = Layout()
    cfg = lay.add(W2O_CONFIG, b"{}")
    wasm = lay.add(W2O_LAYER, module, {TITLE: "hello.wasm"})
    manifest = compact({"schemaVersion": 2, "config": cfg, "layers": [wasm]})
    yield "wasm-to-oci", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "wasm-to-oci", "moduleFile": "hello.wasm", "runtimeConfig": False,
        "istio": "rejects", "istioMessage": NOT_TWO_LAYERS % 1, "istioLe115": "rejects"}

    # wasm: an ORAS 1.x artifact (`--artifact-type`), empty config, application/wasm layer.
    lay = Layout()
    cfg = lay.add(OCI_EMPTY, b"{}")
    wasm = lay.add(CNCF_LAYER, module, {TITLE: "plain.wasm"})
    manifest = compact({"schemaVersion": 2, "mediaType": OCI_MANIFEST,
                        "artifactType": "application/vnd.example.wasm-filter.v1",
                        "config": cfg, "layers": [wasm]})
    yield "wasm", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "wasm", "moduleFile": "plain.wasm", "runtimeConfig": False,
        "istio": "rejects", "istioMessage": NOT_TWO_LAYERS % 1, "istioLe115": "rejects"}

    # index: linux/arm64 first (a different module), linux/amd64 second (MODULE).
    lay = Layout()
    arm = compat_image(lay, [make_tar([("plugin.wasm", other_module())])], arch="arm64")
    amd = compat_image(lay, [make_tar([("plugin.wasm", module)])])
    arm_desc = lay.add(OCI_MANIFEST, arm,
                       platform={"architecture": "arm64", "os": "linux", "variant": "v8"})
    amd_desc = lay.add(OCI_MANIFEST, amd, platform={"architecture": "amd64", "os": "linux"})
    index = compact({"schemaVersion": 2, "mediaType": OCI_INDEX,
                     "manifests": [arm_desc, amd_desc]})
    yield "index", lay, lay.add(OCI_INDEX, index), {
        "pullLayout": "compat", "moduleFile": "plugin.wasm", "runtimeConfig": False,
        "istio": "loads", "istioMessage": "extractOCIStandardImage", "istioLe115": "loads",
        "checksum": amd_desc["digest"][len("sha256:"):]}

    # hostile: an absolute entry, then ../plugin.wasm. Istio matches the base name and loads it;
    # a puller must never write outside its output directory.
    lay = Layout()
    tar = make_tar([(hostile_absolute, b"written outside the output directory\n"),
                    ("../plugin.wasm", module)])
    manifest = compat_image(lay, [tar])
    yield "hostile", lay, lay.add(OCI_MANIFEST, manifest), {
        "pullLayout": "compat", "moduleFile": "plugin.wasm", "runtimeConfig": False,
        "istio": "loads", "istioMessage": "extractOCIStandardImage", "istioLe115": "loads",
        "hostileAbsolute": hostile_absolute}


def main(argv):
    parser = argparse.ArgumentParser(description="Build OCI layouts of every Wasm-in-OCI shape.")
    parser.add_argument("--runtime-config", help="runtime-config.json to embed "
                        "(default: envoy_proxy, v0.2.1, root id resp_header_demo)")
    parser.add_argument("--hostile-absolute", default="/etc/x",
                        help="the absolute tar entry of the hostile layout (default /etc/x)")
    parser.add_argument("--tag", default="v1", help="ref.name of each layout's manifest")
    parser.add_argument("module")
    parser.add_argument("out_dir")
    opts = parser.parse_args(argv)
    if not opts.hostile_absolute.startswith("/"):
        parser.error("--hostile-absolute must be an absolute path")
    with open(opts.module, "rb") as f:
        module = f.read()
    if module[:4] != b"\x00asm":
        print("make_layouts: %s is not a Wasm module" % opts.module, file=sys.stderr)
        return 2
    runtime_config = DEFAULT_RUNTIME_CONFIG
    if opts.runtime_config:
        with open(opts.runtime_config, "rb") as f:
            runtime_config = f.read()
    os.makedirs(opts.out_dir, exist_ok=True)
    summary = {}
    for name, lay, top, expect in build(module, os.path.basename(opts.module), runtime_config,
                                        opts.hostile_absolute):
        lay.write(os.path.join(opts.out_dir, name), top, opts.tag)
        expect = dict(expect)
        expect.update({"tag": opts.tag, "manifestDigest": top["digest"],
                       "manifestMediaType": top["mediaType"]})
        expect.setdefault("checksum", top["digest"][len("sha256:"):])
        summary[name] = expect
    with open(os.path.join(opts.out_dir, "layouts.json"), "w") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")
    for name in summary:
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
