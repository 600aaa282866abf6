#!/usr/bin/python3
"""token_server.py: a token server for distribution's `auth: token`, for coras's test suites.

It behaves as reference/registry-facts.md §2c describes. Run it with /usr/bin/python3 (it needs
Debian's python3-jwt and python3-cryptography):

    /usr/bin/python3 -B token_server.py --port 0 --port-file P --issuer I --service S \\
        --key signer.key --cert signer.crt --users alice:s3cret,bob:hunter2 [--expires 300]

Endpoints:
  GET  /token?service=S&scope=..&scope=..[&account=][&offline_token=true]
       Optional Basic auth; none means anonymous. Bad credentials: 401 with a Basic challenge.
  POST /token (application/x-www-form-urlencoded, Content-Length or chunked)
       grant_type=password (username, password, service, client_id[, scope][, access_type=offline])
       grant_type=refresh_token (refresh_token, service, client_id[, scope][, access_type])
  GET  /_stats -> {"requests": N, "by_grant": {"get": .., "post:password": ..,
       "post:refresh_token": ..}}: N counts every /token request, whatever its outcome.

Tokens are ES256 JWTs whose header carries the libtrust key ID of the signer's public key
(`kid`), which the registry matches against the self-signed certificate in its rootcertbundle.
Claims: iss, sub, aud (a string), exp, nbf, iat, jti, access. A requested scope is kept with
only the actions the policy grants, possibly none, so the registry answers insufficient_scope.

Default policy: alice may pull, push and delete every repository (and list the catalog); bob
may pull every repository; everybody, anonymous included, may pull `public/*`. --policy FILE
replaces it with a JSON object {"USER": [{"type", "name" (fnmatch glob), "actions"}], ...}
where the user "" stands for everybody.

It writes nothing to disk but --port-file, logs one line per request on stderr (never a
password or a token) and exits 0 on SIGTERM or SIGINT.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import base64  # noqa: E402
import binascii  # noqa: E402
import fnmatch  # noqa: E402
import hashlib  # noqa: E402
import http.server  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402

import jwt  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402

MAX_BODY = 64 * 1024
BASIC_REALM = "coras-token"
BAD_CREDENTIALS = "invalid username or password"

DEFAULT_POLICY = {
    "alice": [
        {"type": "repository", "name": "*", "actions": ["pull", "push", "delete"]},
        {"type": "registry", "name": "catalog", "actions": ["*"]},
    ],
    "bob": [{"type": "repository", "name": "*", "actions": ["pull"]}],
    "": [{"type": "repository", "name": "public/*", "actions": ["pull"]}],
}


def libtrust_key_id(certificate):
    """The libtrust key ID of `certificate`'s public key: base32 of the first 30 bytes of the
    SHA-256 of the DER SubjectPublicKeyInfo, '=' stripped, 12 groups of 4 joined by ':'."""
    spki = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    encoded = base64.b32encode(hashlib.sha256(spki).digest()[:30]).decode().rstrip("=")
    return ":".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def parse_scope(text):
    """`type:name:actions` -> (type, name, [actions]); the name may not hold ':' but the type may
    carry a class, as in `repository(plugin)`. None when malformed."""
    first = text.find(":")
    last = text.rfind(":")
    if first <= 0 or last == first:
        return None
    kind, name, actions = text[:first], text[first + 1 : last], text[last + 1 :]
    if not name:
        return None
    return kind, name, [a for a in actions.split(",") if a]


def parse_scopes(values):
    """Every scope of `values` (each may hold several, space-separated), merged per type and name
    in first-seen order. Returns (list of [type, name, actions], list of malformed scopes)."""
    merged = {}
    bad = []
    for value in values:
        for item in value.split():
            parsed = parse_scope(item)
            if parsed is None:
                bad.append(item)
                continue
            kind, name, actions = parsed
            entry = merged.setdefault((kind, name), [kind, name, []])
            for action in actions:
                if action not in entry[2]:
                    entry[2].append(action)
    return list(merged.values()), bad


class State:
    """What every request shares: configuration, refresh tokens and counters."""

    def __init__(self, args):
        self.issuer = args.issuer
        self.service = args.service
        self.expires = args.expires
        with open(args.key, "rb") as f:
            self.key = serialization.load_pem_private_key(f.read(), password=None)
        with open(args.cert, "rb") as f:
            self.kid = libtrust_key_id(x509.load_pem_x509_certificate(f.read()))
        self.users = {}
        for pair in filter(None, args.users.split(",")):
            user, sep, password = pair.partition(":")
            if not sep or not user:
                raise SystemExit(f"token_server: bad --users entry (want USER:PASSWORD): {user}")
            self.users[user] = password
        if args.policy:
            with open(args.policy, encoding="utf-8") as f:
                self.policy = json.load(f)
        else:
            self.policy = DEFAULT_POLICY
        self.lock = threading.Lock()
        self.refresh_tokens = {}  # refresh token -> user
        self.requests = 0
        self.by_grant = {"get": 0, "post:password": 0, "post:refresh_token": 0}

    def count(self, grant):
        with self.lock:
            self.requests += 1
            self.by_grant[grant] = self.by_grant.get(grant, 0) + 1

    def stats(self):
        with self.lock:
            return {"requests": self.requests, "by_grant": dict(self.by_grant)}

    def check_password(self, user, password):
        expected = self.users.get(user)
        return expected is not None and secrets.compare_digest(
            expected.encode(), password.encode()
        )

    def new_refresh_token(self, user):
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.refresh_tokens[token] = user
        return token

    def refresh_token_user(self, token):
        with self.lock:
            return self.refresh_tokens.get(token)

    def allowed(self, user, kind, name):
        """The actions the policy gives `user` (None: anonymous) on `kind`:`name`."""
        rules = list(self.policy.get("", []))
        if user is not None:
            rules += self.policy.get(user, [])
        actions = set()
        for rule in rules:
            if rule.get("type") == kind and fnmatch.fnmatchcase(name, rule.get("name", "")):
                actions.update(rule.get("actions", []))
        return actions

    def grant(self, user, scopes):
        """The `access` claim: every requested scope, with only its permitted actions."""
        access = []
        for kind, name, actions in scopes:
            allowed = self.allowed(user, kind, name)
            granted = [a for a in actions if "*" in allowed or a in allowed]
            access.append({"type": kind, "name": name, "actions": granted})
        return access

    def issue(self, user, access):
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": user or "",
            "aud": self.service,
            "exp": now + self.expires,
            "nbf": now,
            "iat": now,
            "jti": secrets.token_hex(16),
            "access": access,
        }
        token = jwt.encode(claims, self.key, algorithm="ES256", headers={"kid": self.kid})
        issued_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
        return token, issued_at


def describe_access(access):
    """`repository:x:pull,push` for the log."""
    return " ".join(f'{a["type"]}:{a["name"]}:{",".join(a["actions"])}' for a in access) or "-"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "coras-test-token-server/1"
    state = None  # set in main()

    # One line per request, written by `note`; the default request log is silenced.
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def note(self, status, what):
        path = self.path.split("?")[0]
        sys.stderr.write(f"token_server: {self.command} {path} {what} -> {status}\n")
        sys.stderr.flush()

    def reply(self, status, body, what, extra_headers=()):
        """Logs the request (first, so that the line is there once the client has its answer),
        then sends `body` as JSON."""
        self.note(status, what)
        self.send_json(status, body, extra_headers)

    def send_json(self, status, body, extra_headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def basic_credentials(self):
        """(user, password) from an Authorization: Basic header, None when there is none, or
        False when it is malformed."""
        header = self.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        user, sep, password = decoded.partition(":")
        if not sep:
            return False
        return user, password

    def read_body(self):
        """The request body from Content-Length or chunked transfer coding; None if too large or
        malformed."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = b""
            while True:
                line = self.rfile.readline(1024)
                try:
                    size = int(line.split(b";")[0].strip(), 16)
                except ValueError:
                    return None
                if size == 0:
                    # Trailers, up to the empty line.
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return body
                if len(body) + size > MAX_BODY:
                    return None
                body += self.rfile.read(size)
                self.rfile.readline(1024)
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            length = int(length)
        except ValueError:
            return None
        if length < 0 or length > MAX_BODY:
            return None
        return self.rfile.read(length)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_stats":
            self.send_json(200, self.state.stats())
            return
        if url.path != "/token":
            self.reply(404, {"errors": [{"code": "NOT_FOUND", "message": "no such endpoint"}]}, "")
            return
        self.state.count("get")
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        service = query.get("service", [""])[0]
        account = query.get("account", [""])[0]
        scopes, bad = parse_scopes(query.get("scope", []))
        what = f"service={service!r} account={account!r}"
        if service != self.state.service or bad:
            if service != self.state.service:
                message = f"unknown service {service!r}"
            else:
                message = f"malformed scope {bad[0]!r}"
            self.reply(
                400,
                {"errors": [{"code": "INVALID_REQUEST", "message": message}]},
                f"{what} ({message})",
            )
            return
        credentials = self.basic_credentials()
        user = None
        if credentials is not None:
            if credentials is False or not self.state.check_password(*credentials):
                name = credentials[0] if credentials else "?"
                self.reply(
                    401,
                    {"errors": [{"code": "UNAUTHORIZED", "message": BAD_CREDENTIALS}]},
                    f"{what} user={name!r} (bad credentials)",
                    [("WWW-Authenticate", f'Basic realm="{BASIC_REALM}"')],
                )
                return
            user = credentials[0]
        access = self.state.grant(user, scopes)
        token, issued_at = self.state.issue(user, access)
        body = {
            "token": token,
            "access_token": token,
            "expires_in": self.state.expires,
            "issued_at": issued_at,
        }
        offline = query.get("offline_token", [""])[0].lower() == "true"
        if offline and user is not None:
            body["refresh_token"] = self.state.new_refresh_token(user)
        self.reply(
            200,
            body,
            f"{what} user={user or '(anonymous)'} granted={describe_access(access)}"
            + (" +refresh_token" if "refresh_token" in body else ""),
        )

    def oauth_error(self, status, error, description, what):
        body = {"error": error, "error_description": description}
        self.reply(status, body, f"{what} ({error}: {description})")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/token":
            self.close_connection = True  # (its body, unread, would spoil the next request)
            self.reply(404, {"errors": [{"code": "NOT_FOUND", "message": "no such endpoint"}]}, "")
            return
        body = self.read_body()
        if body is None:
            self.state.count("post:invalid")
            self.close_connection = True
            self.oauth_error(400, "invalid_request", "unreadable or oversized body", "")
            return
        try:
            form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            form = {}

        def field(name):
            return form.get(name, [""])[0]

        grant_type = field("grant_type")
        self.state.count(
            f"post:{grant_type}" if grant_type in ("password", "refresh_token") else "post:other"
        )
        service, client_id = field("service"), field("client_id")
        what = f"grant_type={grant_type!r} service={service!r} client_id={client_id!r}"
        if grant_type not in ("password", "refresh_token"):
            self.oauth_error(400, "unsupported_grant_type", f"grant_type {grant_type!r}", what)
            return
        if service != self.state.service:
            self.oauth_error(400, "invalid_request", f"unknown service {service!r}", what)
            return
        if not client_id:
            self.oauth_error(400, "invalid_request", "missing client_id", what)
            return
        scopes, bad = parse_scopes(form.get("scope", []))
        if bad:
            self.oauth_error(400, "invalid_request", f"malformed scope {bad[0]!r}", what)
            return
        if grant_type == "password":
            user = field("username")
            what += f" user={user!r}"
            if not user or not self.state.check_password(user, field("password")):
                self.oauth_error(401, "invalid_grant", BAD_CREDENTIALS, what)
                return
        else:
            user = self.state.refresh_token_user(field("refresh_token"))
            if user is None:
                self.oauth_error(401, "invalid_grant", "unknown refresh token", what)
                return
            what += f" user={user!r} (by refresh token)"
        access = self.state.grant(user, scopes)
        token, issued_at = self.state.issue(user, access)
        answer = {
            "access_token": token,
            "scope": " ".join(
                f'{a["type"]}:{a["name"]}:{",".join(a["actions"])}' for a in access
            ),
            "expires_in": self.state.expires,
            "issued_at": issued_at,
        }
        if field("access_type") == "offline":
            answer["refresh_token"] = self.state.new_refresh_token(user)
        self.reply(
            200,
            answer,
            f"{what} granted={describe_access(access)}"
            + (" +refresh_token" if "refresh_token" in answer else ""),
        )


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    parser.add_argument("--port", type=int, required=True, help="port; 0 picks a free one")
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--key", required=True, help="EC P-256 private key (PEM)")
    parser.add_argument("--cert", required=True, help="the key's self-signed certificate (PEM)")
    parser.add_argument("--users", default="", help="USER:PASSWORD,...")
    parser.add_argument("--policy", help="JSON policy replacing the default one")
    parser.add_argument("--expires", type=int, default=300, help="expires_in seconds")
    args = parser.parse_args()

    Handler.state = State(args)

    def stop(signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    server = Server((args.host, args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        partial = args.port_file + ".partial"
        with open(partial, "w", encoding="ascii") as f:
            f.write(f"{port}\n")
        os.replace(partial, args.port_file)
    sys.stderr.write(
        f"token_server: listening on {args.host}:{port}, issuer {args.issuer!r}, "
        f"service {args.service!r}, kid {Handler.state.kid}, users {sorted(Handler.state.users)}\n"
    )
    sys.stderr.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
