#!/usr/bin/env python3
"""A fault-injecting HTTP/1.1 proxy for the transfer tests (test_faults.sh).

It sits between coras and a real registry on 127.0.0.1 and forwards each request to the
upstream registry unchanged (one upstream connection per request, "Connection: close" both
ways), except where a rule of the rules file says otherwise:

  {"method": "GET", "path": "/blobs/sha256:", "action": "drop_response", "after_bytes": 1048576,
   "times": 1}

method       the request method, or "*" (default)
path         a regular expression searched in the request target (default: any)
times        how many matching requests the rule applies to (default 1)
min_length   applies only to requests whose Content-Length is at least this (default 0)
action       status         answer `status` (default 503) itself, with Retry-After
                            `retry_after` when given; the request never reaches the registry
             drop_response  forward, then close the connection after `after_bytes` bytes of
                            the response body
             drop_request   forward `after_bytes` bytes of the request body, then close both
                            connections
             stall          wait `seconds` before forwarding
             forward        forward (with strip_headers, a registry that ignores them)
strip_headers  request headers to remove before forwarding, e.g. ["range"]

The rules file is read again whenever it changes (its counters start afresh). Each request is
logged to --log as "METHOD TARGET -> what happened". Only the standard library is used.
"""

import argparse
import json
import os
import re
import socket
import socketserver
import sys
import threading
import time

LOCK = threading.Lock()
STATE = {"mtime": None, "rules": [], "left": []}


def load_rules(path):
    """The rules and how often each may still apply, reloaded when the file changed."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        mtime = None
    if mtime != STATE["mtime"]:
        rules = []
        if mtime is not None:
            with open(path, encoding="utf-8") as handle:
                text = handle.read().strip()
            rules = json.loads(text) if text else []
        STATE.update(mtime=mtime, rules=rules, left=[r.get("times", 1) for r in rules])


def take_rule(path, method, target, length):
    """The first rule matching the request that may still apply, counted as used; or None."""
    with LOCK:
        load_rules(path)
        for i, rule in enumerate(STATE["rules"]):
            if STATE["left"][i] <= 0:
                continue
            if rule.get("method", "*") not in ("*", method):
                continue
            if not re.search(rule.get("path", ""), target):
                continue
            if length < int(rule.get("min_length", 0)):
                continue
            STATE["left"][i] -= 1
            return rule
    return None


def read_head(sock, buffer):
    """Reads up to the end of a header block; returns (head, rest) or (None, b"") at EOF."""
    while b"\r\n\r\n" not in buffer:
        data = sock.recv(65536)
        if not data:
            return None, b""
        buffer += data
    end = buffer.index(b"\r\n\r\n") + 4
    return buffer[:end], buffer[end:]


def parse_head(head):
    lines = head.decode("latin-1").split("\r\n")
    start = lines[0]
    headers = []
    for line in lines[1:]:
        if line and ":" in line:
            name, value = line.split(":", 1)
            headers.append((name.strip(), value.strip()))
    return start, headers


def header(headers, name):
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def build_head(start, headers):
    text = start + "\r\n"
    for name, value in headers:
        text += f"{name}: {value}\r\n"
    return (text + "\r\n").encode("latin-1")


class Handler(socketserver.BaseRequestHandler):
    def log(self, text):
        with LOCK:
            with open(self.server.options.log, "a", encoding="utf-8") as handle:
                handle.write(text + "\n")

    def handle(self):
        client = self.request
        head, rest = read_head(client, b"")
        if head is None:
            return
        start, headers = parse_head(head)
        method, target = start.split(" ")[0], start.split(" ")[1]
        length = int(header(headers, "content-length") or 0)
        rule = take_rule(self.server.options.rules, method, target, length)
        action = rule["action"] if rule else "forward"
        if header(headers, "transfer-encoding"):
            self.log(f"{method} {target} -> refused: chunked request bodies are not supported")
            return
        if action == "status":
            self.answer_status(client, rest, length, rule)
            self.log(f"{method} {target} -> {rule.get('status', 503)} (injected)")
            return
        if action == "stall":
            self.log(f"{method} {target} -> stalling {rule.get('seconds', 5)} s")
            time.sleep(float(rule.get("seconds", 5)))
        try:
            upstream = socket.create_connection(self.server.upstream)
        except OSError as error:
            self.log(f"{method} {target} -> upstream unreachable ({error.strerror}); closed")
            return
        try:
            stripped = {"connection"} | {h.lower() for h in (rule or {}).get("strip_headers", [])}
            headers = [(k, v) for k, v in headers if k.lower() not in stripped]
            headers.append(("Connection", "close"))
            upstream.sendall(build_head(start, headers))
            limit = int(rule["after_bytes"]) if action == "drop_request" else None
            sent = self.copy_body(client, upstream, rest, length, limit)
            if limit is not None and sent < length:
                self.log(f"{method} {target} -> dropped after {sent} request bytes")
                return
            dropped = self.relay_response(upstream, client, rule if action == "drop_response" else None)
            self.log(f"{method} {target} -> " + (dropped or f"forwarded ({action})"))
        finally:
            upstream.close()

    def answer_status(self, client, rest, length, rule):
        left = length - len(rest)
        while left > 0:
            data = client.recv(min(65536, left))
            if not data:
                break
            left -= len(data)
        status = int(rule.get("status", 503))
        body = json.dumps({"errors": [{"code": "UNAVAILABLE", "message": "injected fault"}]})
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                   ("Connection", "close")]
        if "retry_after" in rule:
            headers.append(("Retry-After", str(rule["retry_after"])))
        client.sendall(build_head(f"HTTP/1.1 {status} Injected", headers) + body.encode())

    @staticmethod
    def copy_body(client, upstream, rest, length, limit):
        """Copies the request body upstream; stops after `limit` bytes when given."""
        wanted = length if limit is None else min(length, limit)
        sent = 0
        chunk = rest[:wanted]
        while True:
            if chunk:
                upstream.sendall(chunk)
                sent += len(chunk)
            if sent >= wanted:
                return sent
            chunk = client.recv(min(262144, wanted - sent))
            if not chunk:
                return sent

    @staticmethod
    def relay_response(upstream, client, rule):
        """Streams the upstream answer to the client; with a drop rule, stops after its bytes."""
        head, rest = read_head(upstream, b"")
        if head is None:
            return "upstream closed without an answer"
        client.sendall(head)
        limit = int(rule["after_bytes"]) if rule else None
        sent = 0
        chunk = rest
        while True:
            if limit is not None and sent + len(chunk) >= limit:
                client.sendall(chunk[: limit - sent])
                client.shutdown(socket.SHUT_RDWR)
                return f"dropped after {limit} response bytes"
            if chunk:
                client.sendall(chunk)
                sent += len(chunk)
            chunk = upstream.recv(262144)
            if not chunk:
                return None


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--upstream", required=True, help="HOST:PORT of the registry")
    parser.add_argument("--rules", required=True)
    parser.add_argument("--log", required=True)
    options = parser.parse_args()
    server = Server(("127.0.0.1", options.port), Handler)
    server.options = options
    host, port = options.upstream.rsplit(":", 1)
    server.upstream = (host, int(port))
    with open(options.port_file + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(str(server.server_address[1]))
    os.replace(options.port_file + ".tmp", options.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
