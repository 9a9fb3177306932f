/**
 * Source of `/var/runtime/_lt_http.py`: HTTP from Python through the simulated world. The Python executor writes it
 * next to the runtime (`bootstrap-source.ts`) and calls `install()` before the function's code loads.
 *
 * It swaps the socket under CPython's `http.client` (so `urllib.request.urlopen`, `build_opener().open` and
 * `http.client` itself, https included) for one that talks to the host service `http`, the same service, state,
 * fault rules, latency and call records as Node's `fetch` (`src/engine/sandbox/prelude-web.ts`,
 * `src/engine/aws/world.ts`). Everything above the socket is CPython's own code: the response is a real
 * `http.client.HTTPResponse` parsed from the bytes the simulated dependency answers, `HTTPError` for a status of 400
 * or more comes from urllib's own error processor, and the exceptions sit where CPython raises them (checked against
 * CPython 3.12 and 3.13 with a local slow server):
 * - a response slower than the `timeout` argument: `TimeoutError('timed out')` raised while reading the status line
 *   (not wrapped in URLError; urllib.request do_open wraps only errors of sending the request);
 * - a host the world does not know (or no simulated world): `URLError(OSError(40, 'Network unreachable'))`, what the
 *   sandbox's sockets answer for any address;
 * - the `ETIMEDOUT` preset (connect timeout): `URLError(TimeoutError(110, 'Connection timed out'))`, or
 *   `URLError(TimeoutError('timed out'))` when `timeout` is shorter than the fault's latency;
 * - the `ECONNRESET` preset: `ConnectionResetError(104, 'Connection reset by peer')` while reading (not wrapped).
 * Errno values are Linux's, as on Lambda (ILLUSTRATIVE for the fault presets). A hang with no `timeout` waits for the
 * function's timeout, as Node's fetch does. Time waited runs on the virtual clock; nothing opens a real socket.
 */
export const PYTHON_HTTP_SOURCE = String.raw`"""Lambda Triage simulator: http.client (and urllib.request) through the simulated HTTP dependencies
(not part of AWS's runtime). The socket under http.client is swapped for one that asks the host service 'http'."""
import io as _io
import json as _json
import sys as _sys

import _lt_js
import _lt_runtime

# Linux errno values, as on Lambda (Emscripten's own numbers differ).
_ECONNRESET = 104
_ETIMEDOUT = 110
_EINPROGRESS = 115
_EBADF = 9
# What the sandbox's sockets raise for every address (Emscripten's ENETUNREACH): kept for hosts the world lacks.
_ENETUNREACH = 40


def _unreachable():
    return OSError(_ENETUNREACH, "Network unreachable")


def _call(name, payload):
    _lt_runtime.check()
    return _json.loads(str(_lt_js.call(name, _json.dumps(payload))))


def _take_request(buf):
    """One complete HTTP/1.x request from the front of buf (removed from it), or None while it is incomplete."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = bytes(buf[:end]).decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    method = parts[0]
    target = parts[1] if len(parts) > 1 else "/"
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    pos = end + 4
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = bytearray()
        while True:
            nl = buf.find(b"\r\n", pos)
            if nl < 0:
                return None
            try:
                size = int(bytes(buf[pos:nl]).split(b";")[0].strip() or b"0", 16)
            except ValueError:
                size = 0
            if size == 0:
                if len(buf) < nl + 4:
                    return None
                pos = nl + 4
                break
            if len(buf) < nl + 2 + size + 2:
                return None
            body += buf[nl + 2:nl + 2 + size]
            pos = nl + 2 + size + 2
        body = bytes(body)
    else:
        try:
            n = max(0, int(headers.get("content-length") or 0))
        except ValueError:
            n = 0
        if len(buf) < pos + n:
            return None
        body = bytes(buf[pos:pos + n])
        pos += n
    del buf[:pos]
    return method, target, headers, body


def _response_bytes(method, result):
    """The simulated dependency's answer as HTTP/1.1 bytes, for http.client's own parser."""
    from http import HTTPStatus
    status = int(result.get("status") or 200)
    body = result.get("body") or ""
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    lines = ["HTTP/1.1 %d %s" % (status, reason)]
    for name, value in (result.get("headers") or {}).items():
        if str(name).lower() not in ("content-length", "transfer-encoding"):
            lines.append("%s: %s" % (name, value))
    bodiless = status in (204, 304) or status < 200
    if not bodiless:
        lines.append("Content-Length: %d" % len(data))
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head if bodiless or method == "HEAD" else head + data


class _SimReader(_io.RawIOBase):
    """The read side of a simulated connection (what socket.makefile('rb') wraps)."""

    def __init__(self, sock):
        self._sock = sock

    def readable(self):
        return True

    def readinto(self, b):
        s = self._sock
        if not s._in and s._exchanges:
            s._receive()
        n = min(len(b), len(s._in))
        b[:n] = s._in[:n]
        del s._in[:n]
        return n


class _SimSocket:
    """A connected socket to a simulated HTTP dependency: requests written to it go to the host service 'http' as
    soon as they are complete; its answers are read back (after their latency) through makefile()."""

    def __init__(self, host, port, scheme, timeout):
        self._host = host
        self._scheme = scheme
        default = 443 if scheme == "https" else 80
        self._netloc = host if port in (None, default) else "%s:%s" % (host, port)
        self._timeout = timeout
        self._out = bytearray()
        self._in = bytearray()
        self._exchanges = []
        self._closed = False

    def settimeout(self, timeout):
        self._timeout = None if timeout is None else float(timeout)

    def gettimeout(self):
        return self._timeout

    def setsockopt(self, *args):
        pass

    def fileno(self):
        return -1

    def shutdown(self, how):
        pass

    def close(self):
        self._closed = True

    def makefile(self, mode="rb", buffering=None, **kwargs):
        return _io.BufferedReader(_SimReader(self))

    def send(self, data):
        self.sendall(data)
        return len(data)

    def sendall(self, data):
        if self._closed:
            raise OSError(_EBADF, "Bad file descriptor")
        self._out += bytes(data)
        while True:
            request = _take_request(self._out)
            if request is None:
                return
            self._request(*request)

    def _request(self, method, target, headers, body):
        from urllib.parse import urlsplit
        # Origin form (/path?query), or the absolute form a proxy gets: only its path counts, on this connection's host.
        path_query = target
        if "://" in target:
            parts = urlsplit(target)
            path_query = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        path, _, query = path_query.partition("?")
        path = path or "/"
        url = "%s://%s%s" % (self._scheme, self._netloc, path_query if path_query.startswith("/") else "/" + path_query)
        label = "http.client %s %s://%s%s" % (method, self._scheme, self._netloc, path)
        r = _call("http", {
            "method": method.upper(),
            "url": url,
            "host": self._host,
            "path": path,
            "query": "?" + query if query else "",
            "headers": headers,
            "body": body.decode("utf-8", "replace") if body else None,
        })
        ex = {"label": label, "callId": r.get("callId"), "latency": float(r.get("latencyMs") or 0), "method": method.upper()}
        if r.get("hang"):
            ex["kind"] = "hang"
        elif "error" in r:
            cause = (r.get("error") or {}).get("cause") or {}
            code = cause.get("code") if isinstance(cause, dict) else None
            if code == "ETIMEDOUT":
                # A connect timeout: raised while sending, so urllib wraps it in URLError.
                self._wait(ex)
                raise TimeoutError(_ETIMEDOUT, "Connection timed out")
            if code == "ECONNRESET":
                ex["kind"] = "reset"
            else:
                # ENOTFOUND (the world has no such host) or no simulated world at all.
                raise _unreachable()
        else:
            ex["kind"] = "response"
            ex["data"] = _response_bytes(ex["method"], r.get("result") or {})
        self._exchanges.append(ex)

    def _wait(self, ex):
        """Let the exchange's latency pass on the virtual clock, or the socket's timeout when that is shorter."""
        hang = ex.get("kind") == "hang"
        timeout = self._timeout
        if timeout is not None and (hang or timeout * 1000.0 < ex["latency"]):
            _lt_runtime.wait_ms(timeout * 1000.0, ex["label"] + " in flight")
            if ex["callId"] is not None:
                _call("http.abandon", {"callId": ex["callId"], "reason": "request-timeout"})
            raise TimeoutError("timed out")
        if hang:
            _lt_js.hang(ex["label"] + " still waiting for a response")
            raise _lt_runtime.SimulatorStop()
        _lt_runtime.wait_ms(ex["latency"], ex["label"] + " in flight")

    def _receive(self):
        ex = self._exchanges.pop(0)
        self._wait(ex)
        if ex["kind"] == "reset":
            raise ConnectionResetError(_ECONNRESET, "Connection reset by peer")
        self._in += ex["data"]


def _timeout_of(conn):
    import socket
    timeout = conn.timeout
    if timeout is socket._GLOBAL_DEFAULT_TIMEOUT:
        timeout = socket.getdefaulttimeout()
    return None if timeout is None else float(timeout)


def connect(self):
    """Connect to the host and port specified in __init__."""
    _sys.audit("http.client.connect", self, self.host, self.port)
    timeout = _timeout_of(self)
    if timeout == 0:
        # A non-blocking socket's connect (create_connection with timeout 0).
        raise BlockingIOError(_EINPROGRESS, "Operation now in progress")
    self.sock = _SimSocket(self.host, self.port, "https" if self.default_port == 443 else "http", timeout)


def _patch(client):
    if client.__dict__.get("_lt_simulated"):
        return
    connect.__qualname__ = "HTTPConnection.connect"
    client.HTTPConnection.connect = connect
    if getattr(client, "HTTPSConnection", None) is not None:
        # No TLS handshake: the simulated dependency is reached as it is (Pyodide's ssl module cannot wrap sockets).
        client.HTTPSConnection.connect = connect
    client._lt_simulated = True


class _PatchingLoader:
    """Loads http.client as usual, then swaps its connections' socket."""

    def __init__(self, inner):
        self._inner = inner

    def create_module(self, spec):
        create = getattr(self._inner, "create_module", None)
        return create(spec) if create else None

    def exec_module(self, module):
        self._inner.exec_module(module)
        _patch(module)

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _Finder:
    """A meta path finder for http.client only (imported lazily: it costs a few hundred ms of wall time)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "http.client":
            return None
        for finder in _sys.meta_path:
            if finder is self or isinstance(finder, _Finder):
                continue
            find = getattr(finder, "find_spec", None)
            if find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


def install():
    if not any(isinstance(f, _Finder) for f in _sys.meta_path):
        _sys.meta_path.insert(0, _Finder())
    client = _sys.modules.get("http.client")
    if client is not None:
        _patch(client)
`;
