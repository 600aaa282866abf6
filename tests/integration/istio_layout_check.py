#!/usr/bin/python3
"""istio_layout_check.py: would Istio's agent load the Wasm module of this OCI manifest?

Replays, step by step, what istio-agent does with a WasmPlugin `oci://` URL
(istio/istio pkg/wasm/imagefetcher.go PrepareFetch + binaryFetcher, pkg/wasm/cache.go getOrFetch;
wasm-formats.md §4.2 and §4.3):

  1. An OCI index / Docker manifest list is resolved to the child whose platform is linux/amd64
     (go-containerregistry's default platform; a child without a platform counts as linux/amd64;
     first match wins), else "no child with platform linux/amd64 in index ...".
  2. The checksum Istio compares with WasmPlugin `sha256` is the hex sha256 of the (resolved)
     manifest bytes.
  3. A manifest whose JSON `mediaType` member is the Docker schema2 type goes to
     extractDockerImage only; any other manifest tries extractOCIStandardImage (compat), then
     extractOCIArtifactImage (solo "oci" variant), and fails with both errors.
  4. A layer's media type is looked up by its digest among [config, layers...] (go-containerregistry
     partial.BlobDescriptor), so a layer that shares the config's digest has the config's type.
  5. Compat layers are gunzipped and walked as a tar stream cut at the size cap; the first entry
     whose filepath.Base is "plugin.wasm" wins and exactly its header size is read. Blobs are read
     lazily as Go would: a tar layer is read only up to that entry.
  6. The result must be at least 8 bytes starting with \\0asm (isValidWasmBinary).

Output: `loads: <path taken> (...)` and exit 0, or `rejects: <Istio's error text>` and exit 1
(multi-line when Istio's error is a go-multierror). Usage and I/O errors of this tool itself
exit 2. Extra lines: `checksum: <hex>` (what WasmPlugin.sha256 must be) and, on load,
`module-sha256: <hex>` and `module-size: <n>`.

Sources of the manifest:
  istio_layout_check.py [OPTIONS] MANIFEST_FILE BLOB_DIR   blobs named by digest hex (or
                                                            sha256:<hex>); child manifests of an
                                                            index are looked up there too
  istio_layout_check.py [OPTIONS] --oci-layout DIR REF      an OCI image layout; REF is a
                                                            ref.name in index.json or a digest
  istio_layout_check.py [OPTIONS] --registry URL REPO REF   fetched over HTTP(S) with urllib
Options:
  --istio-version-le-1.15   the compat rule of Istio 1.12-1.15: exactly one layer
                            ("number of layers must be 1 but got N"), instead of the last layer
  --max-size N              the size cap (default $ISTIO_WASM_MAX_BINARY_SIZE_BYTES or 268435456)
  --output FILE             write the module Istio would load to FILE
  --url URL                 the WasmPlugin URL shown in messages (default oci://<where from>)
"""

import argparse
import hashlib
import json
import os
import sys
import urllib.error
import urllib.request
import zlib

MANIFEST_ACCEPT = (
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json"
)
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
SOLO_WASM_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm"
DEFAULT_MAX = 268435456  # 256 MiB, pkg/wasm MaxWasmBinarySizeBytes
WASM_MAGIC = b"\x00asm"


class Reject(Exception):
    """Istio's error: the text is exactly what the agent would report."""


class ToolError(Exception):
    """A problem of this tool (bad arguments, unreadable input), not an Istio verdict."""


# --- Where blobs and manifests come from ----------------------------------------------------------


class Source:
    """Reads manifests and blobs. `open_blob` returns a lazily read stream."""

    def manifest(self, ref):  # -> (bytes, content type or None)
        raise NotImplementedError

    def open_blob(self, digest):  # -> file-like with read(n)
        raise NotImplementedError


def digest_hex(digest):
    if not isinstance(digest, str) or not digest.startswith("sha256:") or len(digest) != 71:
        raise Reject("unsupported or malformed digest %r" % (digest,))
    return digest[len("sha256:"):]


class DirSource(Source):
    def __init__(self, blob_dir):
        self.blob_dir = blob_dir

    def _path(self, digest):
        hexd = digest_hex(digest)
        for name in (hexd, "sha256:" + hexd):
            path = os.path.join(self.blob_dir, name)
            if os.path.isfile(path):
                return path
        return None

    def manifest(self, ref):
        path = self._path(ref)
        if path is None:
            raise Reject("MANIFEST_UNKNOWN: manifest unknown; %s" % ref)
        with open(path, "rb") as f:
            return f.read(), None

    def open_blob(self, digest):
        path = self._path(digest)
        if path is None:
            raise Reject("BLOB_UNKNOWN: blob unknown to registry; %s" % digest)
        return open(path, "rb")


class RegistrySource(Source):
    def __init__(self, url, repo):
        self.url = url.rstrip("/")
        self.repo = repo

    def _get(self, path, accept=None):
        req = urllib.request.Request(self.url + "/v2/" + self.repo + path)
        if accept:
            req.add_header("Accept", accept)
        try:
            return urllib.request.urlopen(req, timeout=60)
        except urllib.error.HTTPError as e:
            body = e.read(4096).decode("utf-8", "replace")
            code, message = "UNKNOWN", body.strip()
            try:
                err = json.loads(body)["errors"][0]
                code, message = err.get("code", code), err.get("message", message)
            except (ValueError, KeyError, IndexError, TypeError):
                pass
            raise Reject("GET %s: %s: %s" % (req.full_url, code, message))
        except urllib.error.URLError as e:
            raise ToolError("GET %s: %s" % (req.full_url, e.reason))

    def manifest(self, ref):
        resp = self._get("/manifests/" + ref, MANIFEST_ACCEPT)
        with resp:
            return resp.read(), resp.headers.get("Content-Type")

    def open_blob(self, digest):
        return self._get("/blobs/" + digest)


# --- Lazy gzip and tar readers with Go's error texts ----------------------------------------------


class GoReadError(Exception):
    """An error as Go's io / compress / archive packages word it."""


class LimitedReader:
    """io.LimitReader."""

    def __init__(self, inner, limit):
        self.inner, self.left = inner, limit

    def read(self, n):
        if self.left <= 0:
            return b""
        data = self.inner.read(min(n, self.left))
        self.left -= len(data)
        return data


class GzipReader:
    """compress/gzip Reader (multistream), decompressing only what is asked for."""

    def __init__(self, raw):
        self.raw = raw
        self.pending = b""  # compressed bytes not yet fed
        self.out = b""
        self.eof = False
        self.dec = None
        first = self._fill(10)
        if not first:
            raise GoReadError("EOF")
        if len(first) < 10:
            raise GoReadError("unexpected EOF")
        if first[:2] != b"\x1f\x8b" or first[2] != 8:
            raise GoReadError("gzip: invalid header")
        self.dec = zlib.decompressobj(31)

    def _fill(self, n):
        while len(self.pending) < n:
            chunk = self.raw.read(65536)
            if not chunk:
                break
            self.pending += chunk
        return self.pending[:n]

    def _step(self):
        if not self.pending:
            chunk = self.raw.read(65536)
            if not chunk:
                raise GoReadError("unexpected EOF")
            self.pending = chunk
        data, self.pending = self.pending, b""
        try:
            self.out += self.dec.decompress(data)
        except zlib.error as e:
            text = str(e)
            if "header" in text:
                raise GoReadError("gzip: invalid header")
            if "data check" in text or "length check" in text:
                raise GoReadError("gzip: invalid checksum")
            raise GoReadError("flate: corrupt input (%s)" % text)
        if self.dec.eof:
            self.pending = self.dec.unused_data
            # Another member follows, or the stream ends here.
            nxt = self._fill(1)
            if not nxt:
                self.eof = True
                return
            head = self._fill(10)
            if len(head) < 10:
                raise GoReadError("unexpected EOF")
            if head[:2] != b"\x1f\x8b" or head[2] != 8:
                raise GoReadError("gzip: invalid header")
            self.dec = zlib.decompressobj(31)

    def read(self, n):
        while len(self.out) < n and not self.eof:
            self._step()
        data, self.out = self.out[:n], self.out[n:]
        return data


def read_full(r, n):
    """io.ReadFull: exactly n bytes; io.EOF when none, io.ErrUnexpectedEOF when some."""
    buf = b""
    while len(buf) < n:
        chunk = r.read(n - len(buf))
        if not chunk:
            if not buf:
                raise EOFError
            raise GoReadError("unexpected EOF")
        buf += chunk
    return buf


def c_string(field):
    nul = field.find(b"\x00")
    return (field if nul < 0 else field[:nul]).decode("utf-8", "surrogateescape")


def parse_numeric(field):
    """archive/tar parseNumeric: base-256 when the top bit is set, else octal."""
    if field and field[0] & 0x80:
        value = field[0] & 0x7F
        if value & 0x40:
            raise GoReadError("archive/tar: invalid tar header")
        for b in field[1:]:
            value = (value << 8) | b
        return value
    text = field.replace(b"\x00", b" ").strip(b" ").decode("ascii", "replace")
    if not text:
        return 0
    try:
        return int(text, 8)
    except ValueError:
        raise GoReadError("archive/tar: invalid tar header")


def go_base(path):
    """path/filepath.Base on Linux."""
    if path == "":
        return "."
    path = path.rstrip("/")
    if path == "":
        return "/"
    return path.rsplit("/", 1)[-1]


class TarReader:
    """archive/tar Reader, enough of it for Istio's walk: USTAR/GNU/PAX names and sizes."""

    def __init__(self, r):
        self.r = r
        self.remaining = 0  # data bytes of the current entry not consumed
        self.padding = 0

    def _skip(self, n):
        while n > 0:
            chunk = self.r.read(min(n, 65536))
            if not chunk:
                raise GoReadError("unexpected EOF")
            n -= len(chunk)

    def _block(self):
        return read_full(self.r, 512)

    def next(self):
        """Returns (name, size, typeflag) or None at the end of the archive."""
        self._skip(self.remaining + self.padding)
        self.remaining = self.padding = 0
        long_name = None
        pax = {}
        while True:
            try:
                blk = self._block()
            except EOFError:
                return None
            if blk == b"\x00" * 512:
                try:
                    blk2 = self._block()
                except EOFError:
                    return None
                if blk2 == b"\x00" * 512:
                    return None
                raise GoReadError("archive/tar: invalid tar header")
            stored = parse_numeric(blk[148:156])
            unsigned = sum(blk[:148]) + 8 * 32 + sum(blk[156:])
            signed = sum(b - 256 if b > 127 else b for b in blk[:148]) + 8 * 32 + sum(
                b - 256 if b > 127 else b for b in blk[156:])
            if stored not in (unsigned, signed):
                raise GoReadError("archive/tar: invalid tar header")
            magic = blk[257:265]
            name = c_string(blk[0:100])
            if magic[:6] == b"ustar\x00":  # USTAR or PAX: prefix joins the name
                prefix = c_string(blk[345:500])
                if prefix:
                    name = prefix + "/" + name
            typeflag = chr(blk[156]) if blk[156] else "0"
            size = parse_numeric(blk[124:136])
            if size < 0:
                raise GoReadError("archive/tar: invalid tar header")
            pad = -size % 512
            if typeflag in ("L", "K", "x", "g"):
                data = read_full(self.r, size) if size else b""
                self._skip(pad)
                if typeflag == "L":
                    long_name = c_string(data)
                    continue
                if typeflag == "K":
                    continue
                if typeflag == "x":
                    pax.update(parse_pax(data))
                    continue
                # A global header is returned as an entry of its own.
                return name, 0, typeflag
            if long_name is not None:
                name = long_name
            if "path" in pax:
                name = pax["path"]
            if "size" in pax:
                try:
                    size = int(pax["size"])
                except ValueError:
                    raise GoReadError("archive/tar: invalid tar header")
                pad = -size % 512
            # Links, directories and the like carry no data in Go's reader.
            if typeflag in ("1", "2", "3", "4", "5", "6"):
                data_size = 0
            else:
                data_size = size
            self.remaining = data_size
            self.padding = -data_size % 512 if data_size else 0
            return name, size if data_size else 0, typeflag

    def read_entry(self, n):
        data = read_full(self.r, n) if n else b""
        self.remaining -= n
        return data


def parse_pax(data):
    records = {}
    text = data
    while text:
        sp = text.find(b" ")
        if sp <= 0:
            raise GoReadError("archive/tar: invalid tar header")
        try:
            length = int(text[:sp])
        except ValueError:
            raise GoReadError("archive/tar: invalid tar header")
        record, text = text[sp + 1:length], text[length:]
        if not record.endswith(b"\n") or b"=" not in record:
            raise GoReadError("archive/tar: invalid tar header")
        key, value = record[:-1].split(b"=", 1)
        records[key.decode("utf-8", "replace")] = value.decode("utf-8", "surrogateescape")
    return records


def extract_wasm_plugin_binary(raw, max_size):
    """pkg/wasm extractWasmPluginBinary: (module bytes, tar entry name)."""
    try:
        gz = GzipReader(raw)
    except GoReadError as e:
        raise Reject("failed to parse layer as tar.gz: %s" % e)
    tr = TarReader(LimitedReader(gz, max_size))
    while True:
        try:
            entry = tr.next()
        except EOFError:
            entry = None
        except GoReadError as e:
            raise Reject(str(e))
        if entry is None:
            break
        name, size, _ = entry
        if go_base(name) == "plugin.wasm":
            try:
                return tr.read_entry(size), name
            except (GoReadError, EOFError) as e:
                text = "unexpected EOF" if isinstance(e, EOFError) else str(e)
                raise Reject("failed to read plugin.wasm: %s" % text)
    raise Reject("plugin.wasm not found in the archive")


# --- Istio's extract functions --------------------------------------------------------------------


class Image:
    def __init__(self, source, manifest_bytes, ref_text):
        self.source = source
        self.raw = manifest_bytes
        self.ref_text = ref_text
        try:
            self.manifest = json.loads(manifest_bytes)
        except ValueError as e:
            raise Reject("could not retrieve manifest: %s" % e)
        if not isinstance(self.manifest, dict):
            raise Reject("could not retrieve manifest: not a JSON object")
        self.digest_hex = hashlib.sha256(manifest_bytes).hexdigest()

    def layers(self):
        layers = self.manifest.get("layers") or []
        if not isinstance(layers, list):
            raise Reject("could not fetch layers: malformed layers")
        return layers

    def media_type_of(self, layer):
        """partial.BlobDescriptor: the first descriptor with this digest, config first."""
        digest = layer.get("digest")
        config = self.manifest.get("config") or {}
        if config.get("digest") == digest:
            return config.get("mediaType", "")
        for other in self.layers():
            if other.get("digest") == digest:
                return other.get("mediaType", "")
        raise Reject("could not get media type: blob %s not found" % digest)

    def open_layer(self, layer):
        try:
            return self.source.open_blob(layer.get("digest"))
        except Reject as e:
            raise Reject("could not get layer content: %s" % e)


class VerifyingReader:
    """go-containerregistry verify.ReadCloser: size and digest checked when read to the end."""

    def __init__(self, inner, digest, size):
        self.inner, self.digest, self.size = inner, digest, size
        self.h = hashlib.sha256()
        self.n = 0

    def read(self, n=-1):
        data = self.inner.read(n) if n >= 0 else self.inner.read()
        self.h.update(data)
        self.n += len(data)
        if not data or n < 0:
            if isinstance(self.size, int) and self.size >= 0 and self.n != self.size:
                raise Reject("error verifying size; got %d, want %d" % (self.n, self.size))
            got = "sha256:" + self.h.hexdigest()
            if got != self.digest:
                raise Reject("error verifying sha256 checksum after reading %d bytes; got "
                             "\"%s\", want \"%s\"" % (self.n, got, self.digest))
        return data


def read_all_capped(reader, max_size):
    chunks, total = [], 0
    while True:
        chunk = reader.read(65536)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_size:
            raise Reject("could not extract wasm binary: wasm binary exceeds the maximum size "
                         "of %d bytes" % max_size)
    return b"".join(chunks)


def extract_tar_layer(img, want_type, max_size, old_rule):
    layers = img.layers()
    if old_rule:
        if len(layers) != 1:
            raise Reject("number of layers must be 1 but got %d" % len(layers))
        layer = layers[0]
    else:
        if len(layers) == 0:
            raise Reject("number of layers must be greater than zero")
        layer = layers[-1]
    mt = img.media_type_of(layer)
    if mt != want_type:
        raise Reject("invalid media type %s (expect %s)" % (mt, want_type))
    raw = img.open_layer(layer)
    try:
        try:
            module, entry = extract_wasm_plugin_binary(raw, max_size)
        except Reject as e:
            raise Reject("could not extract wasm binary: %s" % e)
    finally:
        raw.close()
    return module, "plugin.wasm from tar entry %r of layer %s" % (entry, layer.get("digest"))


def extract_oci_artifact_image(img, max_size):
    layers = img.layers()
    if len(layers) != 2:
        raise Reject("number of layers must be 2 but got %d" % len(layers))
    layer = None
    for candidate in layers:
        if img.media_type_of(candidate) == SOLO_WASM_LAYER:
            layer = candidate
            break
    if layer is None:
        raise Reject("could not find the layer of type %s" % SOLO_WASM_LAYER)
    raw = img.open_layer(layer)
    try:
        try:
            module = read_all_capped(VerifyingReader(raw, layer.get("digest"), layer.get("size")),
                                     max_size)
        except Reject as e:
            if str(e).startswith("could not extract"):
                raise
            raise Reject("could not extract wasm binary: %s" % e)
    finally:
        raw.close()
    return module, "raw layer %s" % layer.get("digest")


def binary_fetcher(img, max_size, old_rule):
    """PrepareFetch's binaryFetcher: (module, path taken)."""
    if img.manifest.get("mediaType") == DOCKER_MANIFEST:
        try:
            module, how = extract_tar_layer(img, DOCKER_LAYER, max_size, old_rule)
        except Reject as e:
            raise Reject("could not extract Wasm file from the image as Docker container %s" % e)
        return module, "extractDockerImage (compat-docker: %s)" % how
    try:
        module, how = extract_tar_layer(img, OCI_LAYER, max_size, old_rule)
        return module, "extractOCIStandardImage (compat: %s)" % how
    except Reject as e:
        err_compat = e
    try:
        module, how = extract_oci_artifact_image(img, max_size)
        return module, "extractOCIArtifactImage (solo oci variant: %s)" % how
    except Reject as e:
        err_oci = e
    # go-multierror's default ListFormatFunc.
    raise Reject("the given image is in invalid format as an OCI image: 2 errors occurred:\n"
                 "\t* could not parse as compat variant: %s\n"
                 "\t* could not parse as oci variant: %s\n" % (err_compat, err_oci))


def resolve_image(source, manifest_bytes, content_type, ref_text):
    """remote.Get + desc.Image(): an index becomes its linux/amd64 child."""
    try:
        doc = json.loads(manifest_bytes)
    except ValueError:
        doc = None
    media_type = content_type or (doc.get("mediaType") if isinstance(doc, dict) else None)
    if media_type is None and isinstance(doc, dict) and "manifests" in doc:
        media_type = OCI_INDEX
    if media_type in (OCI_INDEX, DOCKER_LIST):
        if not isinstance(doc, dict):
            raise Reject("could not fetch image: malformed index")
        for child in doc.get("manifests") or []:
            platform = child.get("platform") or {"os": "linux", "architecture": "amd64"}
            if platform.get("os") == "linux" and platform.get("architecture") == "amd64":
                child_bytes, _ = source.manifest(child.get("digest"))
                got = "sha256:" + hashlib.sha256(child_bytes).hexdigest()
                if got != child.get("digest"):
                    raise Reject("could not fetch image: manifest digest: %s does not match "
                                 "requested digest: %s" % (got, child.get("digest")))
                return Image(source, child_bytes, ref_text), "index child %s (linux/amd64)" % got
        raise Reject("could not fetch image: no child with platform linux/amd64 in index %s"
                     % ref_text)
    return Image(source, manifest_bytes, ref_text), None


def check(source, manifest_bytes, content_type, ref_text, url, max_size, old_rule, output):
    """Prints the verdict; returns the exit code."""
    lines = []
    try:
        try:
            img, via = resolve_image(source, manifest_bytes, content_type, ref_text)
        except Reject as e:
            raise Reject("could not fetch Wasm OCI image: %s" % e)
        lines.append("checksum: %s" % img.digest_hex)
        if via:
            lines.append("resolved: %s" % via)
        try:
            module, how = binary_fetcher(img, max_size, old_rule)
        except Reject as e:
            raise Reject("could not fetch Wasm binary: %s" % e)
        if len(module) < 8 or module[:4] != WASM_MAGIC:
            raise Reject("fetched Wasm binary from %s is invalid" % url)
    except Reject as e:
        print("rejects: %s" % e)
        for line in lines:
            print(line)
        return 1
    print("loads: %s" % how)
    for line in lines:
        print(line)
    print("module-sha256: %s" % hashlib.sha256(module).hexdigest())
    print("module-size: %d" % len(module))
    if output:
        with open(output, "wb") as f:
            f.write(module)
    return 0


def layout_manifest(layout, ref):
    """The manifest named `ref` (ref.name or digest) in OCI layout `layout`."""
    try:
        with open(os.path.join(layout, "index.json"), "rb") as f:
            index = json.load(f)
    except (OSError, ValueError) as e:
        raise ToolError("%s/index.json: %s" % (layout, e))
    for desc in index.get("manifests") or []:
        name = (desc.get("annotations") or {}).get("org.opencontainers.image.ref.name")
        if ref in (name, desc.get("digest")):
            return desc.get("digest"), desc.get("mediaType")
    raise ToolError("%s: no manifest named %s in index.json" % (layout, ref))


def main(argv):
    parser = argparse.ArgumentParser(
        description="Would Istio's agent load the Wasm module of this OCI artifact?")
    parser.add_argument("--istio-version-le-1.15", dest="old_rule", action="store_true",
                        help="compat images must have exactly one layer (Istio 1.12-1.15)")
    parser.add_argument("--max-size", type=int, default=int(
        os.environ.get("ISTIO_WASM_MAX_BINARY_SIZE_BYTES", DEFAULT_MAX)))
    parser.add_argument("--output", help="write the module Istio would load to this file")
    parser.add_argument("--url", help="the WasmPlugin URL shown in messages")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--registry", metavar="URL", help="fetch REPO REF from this registry")
    mode.add_argument("--oci-layout", metavar="DIR", help="read REF from this OCI layout")
    parser.add_argument("args", nargs="+", metavar="ARG",
                        help="MANIFEST_FILE BLOB_DIR; REPO REF with --registry; REF with "
                        "--oci-layout")
    opts = parser.parse_args(argv)
    want = 1 if opts.oci_layout else 2
    if len(opts.args) != want:
        parser.error("expected %d positional argument(s), got %d" % (want, len(opts.args)))
    try:
        if opts.registry:
            repo, ref = opts.args
            source = RegistrySource(opts.registry, repo)
            host = opts.registry.split("://", 1)[-1].rstrip("/")
            sep = "@" if ref.startswith("sha256:") else ":"
            ref_text = "%s/%s%s%s" % (host, repo, sep, ref)
            try:
                manifest_bytes, content_type = source.manifest(ref)
            except Reject as e:
                print("rejects: could not fetch Wasm OCI image: could not fetch manifest: %s" % e)
                return 1
        elif opts.oci_layout:
            layout, ref = opts.oci_layout, opts.args[0]
            digest, content_type = layout_manifest(layout, ref)
            source = DirSource(os.path.join(layout, "blobs", "sha256"))
            manifest_bytes, _ = source.manifest(digest)
            ref_text = "%s:%s" % (layout, ref)
        else:
            manifest_file, blob_dir = opts.args
            if not os.path.isdir(blob_dir):
                raise ToolError("%s is not a directory" % blob_dir)
            with open(manifest_file, "rb") as f:
                manifest_bytes = f.read()
            source, content_type, ref_text = DirSource(blob_dir), None, manifest_file
    except (OSError, ToolError) as e:
        print("istio_layout_check: %s" % e, file=sys.stderr)
        return 2
    url = opts.url or "oci://" + ref_text
    try:
        return check(source, manifest_bytes, content_type, ref_text, url, opts.max_size,
                     opts.old_rule, opts.output)
    except (OSError, ToolError) as e:
        print("istio_layout_check: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
