#!/usr/bin/python3
"""hostile_server.py: a scripted HTTP(S) server for coras's hostile-registry suites.

It plays a registry (or a token realm, or a redirect target) that answers what the script says,
and records every request that reaches it, so that a suite can show both what coras refused and
that nothing (no credential, client certificate or custom header) arrived where it should not.

    /usr/bin/python3 -B hostile_server.py --script S.json --port-file P --log L.jsonl \\
        [--bind 127.0.0.1] [--port 0] [--tls-cert C --tls-key K [--client-ca CA]]

The script is read again for every request (a suite may rewrite it between commands):

    {"routes": [{"method": "GET", "path": "^/v2/x/manifests/1$", "status": 200,
                 "headers": {"Content-Type": "..."},
                 "body": "text" | "body_b64": "..." | "body_file": "/path"}]}

`method` (optional) is compared exactly, `path` is a regular expression searched in the request
target (path and query), and `headers_match` (optional, {name: regular expression}) wants each
header present and matching. The first matching route answers; none answers 404 with an OCI error
body. "{port}" in a header value or text body becomes the server's own port. HEAD gets the
headers (Content-Length of the body) without the body.

The log gets one JSON object per request, flushed at once:
    {"method", "target", "headers": {lower-case name: value}, "client_cert": CN or null,
     "body_bytes": N}
With --client-ca the TLS handshake asks for a client certificate (optional) and verifies it
against CA; "client_cert" is its subject CN.

It writes nothing else, and exits 0 on SIGTERM or SIGINT.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import base64  # noqa: E402
import http.server  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import ssl  # noqa: E402
import threading  # noqa: E402

MAX_REQUEST_BODY = 256 * 1024 * 1024
NOT_FOUND = b'{"errors":[{"code":"NOT_FOUND","message":"no route in the script"}]}'


def load_routes(path):
    with open(path, encoding="utf-8") as script:
        return json.load(script).get("routes", [])


def route_body(route, port):
    if "body_file" in route:
        with open(route["body_file"], "rb") as body:
            return body.read()
    if "body_b64" in route:
        return base64.b64decode(route["body_b64"])
    return route.get("body", "").replace("{port}", str(port)).encode()


def peer_cn(connection):
    getpeercert = getattr(connection, "getpeercert", None)
    cert = getpeercert() if getpeercert else None
    if not cert:
        return None
    for rdn in cert.get("subject", ()):
        for key, value in rdn:
            if key == "commonName":
                return value
    return "(no CN)"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # the JSON log is the record
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return total
                total += len(self.rfile.read(size))
                self.rfile.readline()
                if total > MAX_REQUEST_BODY:
                    self.close_connection = True
                    return total
        length = int(self.headers.get("Content-Length") or 0)
        left, total = min(length, MAX_REQUEST_BODY), 0
        while left > 0:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                break
            total += len(chunk)
            left -= len(chunk)
        return total

    def record(self, body_bytes):
        entry = {
            "method": self.command,
            "target": self.path,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "client_cert": peer_cn(self.connection),
            "body_bytes": body_bytes,
        }
        server = self.server
        with server.log_lock:
            server.log.write(json.dumps(entry) + "\n")
            server.log.flush()

    def answer(self):
        body_bytes = self.read_body()
        self.record(body_bytes)
        port = self.server.server_address[1]
        for route in load_routes(self.server.script):
            if route.get("method", self.command) != self.command:
                continue
            if not re.search(route.get("path", ""), self.path):
                continue
            wanted = route.get("headers_match", {}).items()
            if any(not re.search(rx, self.headers.get(name, "\0")) for name, rx in wanted):
                continue
            self.send(route.get("status", 200), route.get("headers", {}),
                      route_body(route, port), port)
            return
        self.send(404, {"Content-Type": "application/json"}, NOT_FOUND, port)

    def send(self, status, headers, body, port):
        self.send_response_only(status)
        names = {name.lower() for name in headers}
        for name, value in headers.items():
            self.send_header(name, str(value).replace("{port}", str(port)))
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = answer


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, args):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, Handler)
        self.script = args.script
        self.log = open(args.log, "a", encoding="utf-8")
        self.log_lock = threading.Lock()
        if args.tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(args.tls_cert, args.tls_key)
            if args.client_ca:
                context.verify_mode = ssl.CERT_OPTIONAL
                context.load_verify_locations(args.client_ca)
            self.socket = context.wrap_socket(self.socket, server_side=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--client-ca")
    args = parser.parse_args()
    server = Server((args.bind, args.port), args)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    with open(args.port_file + ".tmp", "w", encoding="utf-8") as port_file:
        port_file.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
