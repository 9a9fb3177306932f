/**
 * The simulated urllib3 that Lambda Triage installs in site-packages beside the simulated boto3, as Python source by
 * path. Lambda's Python runtimes ship boto3 and botocore (https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html),
 * and botocore cannot load without urllib3, so `import urllib3` works on Lambda with nothing packaged: AWS's own
 * cfn-response module for inline Python functions sends its answer with `urllib3.PoolManager().request('PUT', …)`
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-lambda-function-code-cfnresponsemodule.html).
 * Which urllib3 a runtime bundles is not documented: this follows the urllib3 2 API (https://urllib3.readthedocs.io/en/stable/),
 * version ILLUSTRATIVE.
 *
 * It is not urllib3: our own code with urllib3's names, defaults and messages (checked against urllib3 2.x's
 * connectionpool.py, poolmanager.py, util/retry.py, util/timeout.py and exceptions.py). Requests go to the host service
 * `http` (`_lt_http._call`), the same simulated dependencies, faults, latency and call records as `urllib.request` and
 * Node's `fetch`, and time passes on the virtual clock:
 * - a host the world does not know: `NewConnectionError` "Failed to establish a new connection: [Errno 40] Network
 *   unreachable" (the sandbox sockets' answer, as `urllib.request` gives), retried, then `MaxRetryError`;
 * - `Retry.DEFAULT` (`Retry(3)`): connection errors retried 3 times; read errors (a read timeout, a reset) retried only
 *   for the idempotent methods (HEAD GET PUT DELETE OPTIONS TRACE), otherwise raised at once; each retry logs urllib3's
 *   WARNING "Retrying (Retry(...)) after connection broken by '...': /path", which Lambda's root logger prints;
 * - the default timeout is none (the socket default), so a dependency that never answers holds the request until the
 *   function times out; `timeout=` (a number or `Timeout`) gives `ReadTimeoutError` "Read timed out. (read timeout=N)"
 *   or `ConnectTimeoutError`; `urllib3.request()` defaults to 3 s, as urllib3 2 does;
 * - redirects (301 302 303 307 308) are followed up to the retry budget; a 5xx answer is a response, not an error.
 * Not simulated (they raise `SimulatorUnsupportedOperation`, a gap of the simulator): proxies (`ProxyManager`),
 * `urllib3.contrib`, streaming (`preload_content=False` still reads the body at once).
 */

/** Python source of the simulated urllib3, by path relative to site-packages. */
export const URLLIB3_FILES: Record<string, string> = {
  'urllib3/__init__.py': String.raw`"""Lambda Triage's simulated urllib3: urllib3's API over the simulator's HTTP dependencies, not urllib3.
What it covers is listed in SIMULATION.md ("urllib3")."""

import logging as _logging

from . import exceptions
from ._collections import HTTPHeaderDict
from .connectionpool import HTTPConnectionPool, HTTPSConnectionPool, connection_from_url
from .filepost import encode_multipart_formdata
from .poolmanager import PoolManager, ProxyManager, proxy_from_url
from .response import BaseHTTPResponse, HTTPResponse
from .util.request import make_headers
from .util.retry import Retry
from .util.timeout import Timeout

__version__ = "2.0.0+lambda-triage"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())


def disable_warnings(category=exceptions.HTTPWarning):
    import warnings

    warnings.simplefilter("ignore", category)


def add_stderr_logger(level=_logging.DEBUG):
    logger = _logging.getLogger(__name__)
    handler = _logging.StreamHandler()
    handler.setFormatter(_logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler


_DEFAULT_POOL = PoolManager()


def request(method, url, *, body=None, fields=None, headers=None, preload_content=True, decode_content=True,
            redirect=True, retries=None, timeout=3, json=None):
    """urllib3.request(): the module's own PoolManager, with a 3 s timeout by default (urllib3 2)."""
    return _DEFAULT_POOL.request(method, url, body=body, fields=fields, headers=headers, preload_content=preload_content,
                                 decode_content=decode_content, redirect=redirect, retries=retries, timeout=timeout,
                                 json=json)
`,
  'urllib3/exceptions.py': String.raw`"""urllib3.exceptions in the simulated urllib3 (Lambda Triage): urllib3's classes and message formats."""

import socket as _socket


class HTTPError(Exception):
    pass


class HTTPWarning(Warning):
    pass


class PoolError(HTTPError):
    def __init__(self, pool, message):
        self.pool = pool
        self._message = message
        super().__init__("%s: %s" % (pool, message))


class RequestError(PoolError):
    def __init__(self, pool, url, message):
        self.url = url
        super().__init__(pool, message)


class SSLError(HTTPError):
    pass


class ProxyError(HTTPError):
    def __init__(self, message, error):
        super().__init__(message, error)
        self.original_error = error


class DecodeError(HTTPError):
    pass


class ProtocolError(HTTPError):
    pass


ConnectionError = ProtocolError


class MaxRetryError(RequestError):
    def __init__(self, pool, url, reason=None):
        self.reason = reason
        super().__init__(pool, url, "Max retries exceeded with url: %s (Caused by %r)" % (url, reason))


class HostChangedError(RequestError):
    def __init__(self, pool, url, retries=3):
        super().__init__(pool, url, "Tried to open a foreign host with url: %s" % url)
        self.retries = retries


class TimeoutStateError(HTTPError):
    pass


class TimeoutError(HTTPError):
    pass


class ReadTimeoutError(TimeoutError, RequestError):
    pass


class ConnectTimeoutError(TimeoutError):
    pass


class NewConnectionError(ConnectTimeoutError, HTTPError):
    def __init__(self, conn, message):
        self.conn = conn
        self._message = message
        super().__init__("%s: %s" % (conn, message))


class NameResolutionError(NewConnectionError):
    def __init__(self, host, conn, reason):
        super().__init__(conn, "Failed to resolve '%s' (%s)" % (host, reason))


class EmptyPoolError(PoolError):
    pass


class ClosedPoolError(PoolError):
    pass


class LocationValueError(ValueError, HTTPError):
    pass


class LocationParseError(LocationValueError):
    def __init__(self, location):
        super().__init__("Failed to parse: %s" % location)
        self.location = location


class URLSchemeUnknown(LocationValueError):
    def __init__(self, scheme):
        super().__init__("Not supported URL scheme %s" % scheme)
        self.scheme = scheme


class ResponseError(HTTPError):
    GENERIC_ERROR = "too many error responses"
    SPECIFIC_ERROR = "too many {status_code} error responses"


class SecurityWarning(HTTPWarning):
    pass


class InsecureRequestWarning(SecurityWarning):
    pass


class NotOpenSSLWarning(SecurityWarning):
    pass


class IncompleteRead(HTTPError):
    pass


class InvalidHeader(HTTPError):
    pass


class ResponseNotChunked(ProtocolError, ValueError):
    pass


class HeaderParsingError(HTTPError):
    pass


class SimulatorUnsupportedOperation(Exception):
    """Not a urllib3 error: the Lambda Triage simulator does not cover this part of urllib3 (a gap of the simulator)."""
`,
  'urllib3/_collections.py': String.raw`"""HTTPHeaderDict in the simulated urllib3 (Lambda Triage): case-insensitive names, the first spelling kept, several
values of one name joined with ", " when read as one."""

from collections.abc import Mapping, MutableMapping


class HTTPHeaderDict(MutableMapping):
    def __init__(self, headers=None, **kwargs):
        self._container = {}
        if headers is not None:
            self.extend(headers)
        if kwargs:
            self.extend(kwargs)

    def __setitem__(self, key, val):
        self._container[key.lower()] = [key, val]

    def __getitem__(self, key):
        val = self._container[key.lower()]
        return ", ".join(val[1:])

    def __delitem__(self, key):
        del self._container[key.lower()]

    def __contains__(self, key):
        return isinstance(key, str) and key.lower() in self._container

    def __iter__(self):
        for vals in self._container.values():
            yield vals[0]

    def __len__(self):
        return len(self._container)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return False
        other = HTTPHeaderDict(other)
        return {k.lower(): v for k, v in self.itermerged()} == {k.lower(): v for k, v in other.itermerged()}

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, dict(self.itermerged()))

    def add(self, key, val, *, combine=False):
        vals = self._container.setdefault(key.lower(), [key])
        if combine and len(vals) > 1:
            vals[-1] = vals[-1] + ", " + val
        else:
            vals.append(val)

    def extend(self, *args, **kwargs):
        for other in args:
            if isinstance(other, HTTPHeaderDict):
                for key, val in other.iteritems():
                    self.add(key, val)
            elif isinstance(other, Mapping):
                for key, val in other.items():
                    self.add(key, val)
            else:
                for key, val in other:
                    self.add(key, val)
        for key, val in kwargs.items():
            self.add(key, val)

    def getlist(self, key, default=None):
        vals = self._container.get(key.lower())
        if vals is None:
            return [] if default is None else default
        return vals[1:]

    getheaders = getlist
    getallmatchingheaders = getlist
    iget = getlist
    get_all = getlist

    def copy(self):
        clone = type(self)()
        for vals in self._container.values():
            clone._container[vals[0].lower()] = list(vals)
        return clone

    def iteritems(self):
        for vals in self._container.values():
            for val in vals[1:]:
                yield vals[0], val

    def itermerged(self):
        for vals in self._container.values():
            yield vals[0], ", ".join(vals[1:])

    def items(self):
        return list(self.iteritems())
`,
  'urllib3/util/__init__.py': String.raw`"""urllib3.util in the simulated urllib3 (Lambda Triage)."""

from .request import make_headers
from .retry import Retry
from .timeout import Timeout
from .url import Url, parse_url

__all__ = ("Retry", "Timeout", "Url", "make_headers", "parse_url")
`,
  'urllib3/util/url.py': String.raw`"""parse_url in the simulated urllib3 (Lambda Triage), on urllib.parse."""

from collections import namedtuple
from urllib.parse import urlsplit

from ..exceptions import LocationParseError


class Url(namedtuple("Url", ["scheme", "auth", "host", "port", "path", "query", "fragment"])):
    @property
    def hostname(self):
        return self.host

    @property
    def request_uri(self):
        uri = self.path or "/"
        if self.query is not None:
            uri += "?" + self.query
        return uri

    @property
    def netloc(self):
        if self.host is None:
            return None
        return "%s:%d" % (self.host, self.port) if self.port else self.host

    @property
    def url(self):
        out = ""
        if self.scheme is not None:
            out += self.scheme + "://"
        if self.auth is not None:
            out += self.auth + "@"
        if self.host is not None:
            out += self.host
        if self.port is not None:
            out += ":" + str(self.port)
        if self.path is not None:
            out += self.path
        if self.query is not None:
            out += "?" + self.query
        if self.fragment is not None:
            out += "#" + self.fragment
        return out

    def __str__(self):
        return self.url


def parse_url(url):
    if not url:
        return Url(None, None, None, None, None, None, None)
    text = url if "://" in url or url.startswith("//") else "//" + url
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise LocationParseError(url) from None
    auth = parts.netloc.rpartition("@")[0] or None
    return Url(parts.scheme or None, auth, parts.hostname, port, parts.path or None,
               parts.query or None if "?" in url else None, parts.fragment or None if "#" in url else None)
`,
  'urllib3/util/request.py': String.raw`"""make_headers in the simulated urllib3 (Lambda Triage)."""

from base64 import b64encode


def make_headers(keep_alive=None, accept_encoding=None, user_agent=None, basic_auth=None, proxy_basic_auth=None,
                 disable_cache=None):
    headers = {}
    if accept_encoding:
        if isinstance(accept_encoding, str):
            pass
        elif isinstance(accept_encoding, list):
            accept_encoding = ",".join(accept_encoding)
        else:
            accept_encoding = "gzip,deflate"
        headers["accept-encoding"] = accept_encoding
    if user_agent:
        headers["user-agent"] = user_agent
    if keep_alive:
        headers["connection"] = "keep-alive"
    if basic_auth:
        headers["authorization"] = "Basic " + b64encode(basic_auth.encode("latin-1")).decode()
    if proxy_basic_auth:
        headers["proxy-authorization"] = "Basic " + b64encode(proxy_basic_auth.encode("latin-1")).decode()
    if disable_cache:
        headers["cache-control"] = "no-cache"
    return headers
`,
  'urllib3/util/timeout.py': String.raw`"""Timeout in the simulated urllib3 (Lambda Triage). With nothing given, a timeout is the socket default: none,
so a request waits as long as the function lets it (urllib3 util/timeout.py)."""

import socket as _socket
from enum import Enum


class _TYPE_DEFAULT(Enum):
    token = -1


_DEFAULT_TIMEOUT = _TYPE_DEFAULT.token


class Timeout:
    DEFAULT_TIMEOUT = _DEFAULT_TIMEOUT

    def __init__(self, total=None, connect=_DEFAULT_TIMEOUT, read=_DEFAULT_TIMEOUT):
        self._connect = self._validate(connect, "connect")
        self._read = self._validate(read, "read")
        self.total = self._validate(total, "total")

    def __repr__(self):
        return "%s(connect=%r, read=%r, total=%r)" % (type(self).__name__, self._connect, self._read, self.total)

    __str__ = __repr__

    @staticmethod
    def resolve_default_timeout(timeout):
        return _socket.getdefaulttimeout() if timeout is _DEFAULT_TIMEOUT else timeout

    @classmethod
    def _validate(cls, value, name):
        if value is None or value is _DEFAULT_TIMEOUT:
            return value
        if isinstance(value, bool):
            raise ValueError("Timeout cannot be a boolean value. It must be an int, float or None.")
        try:
            float(value)
        except (TypeError, ValueError):
            raise ValueError("Timeout value %s was %s, but it must be an int, float or None." % (name, value)) from None
        if value <= 0:
            raise ValueError("Attempted to set %s timeout to %s, but the timeout cannot be set to a value less than "
                             "or equal to 0." % (name, value))
        return value

    @classmethod
    def from_float(cls, timeout):
        return Timeout(read=timeout, connect=timeout)

    def clone(self):
        return Timeout(connect=self._connect, read=self._read, total=self.total)

    @property
    def connect_timeout(self):
        if self.total is None:
            return self._connect
        if self._connect is None or self._connect is _DEFAULT_TIMEOUT:
            return self.total
        return min(self._connect, self.total)

    @property
    def read_timeout(self):
        if self.total is not None and self._read is not None and self._read is not _DEFAULT_TIMEOUT:
            return max(0, min(self.total, self._read))
        if self.total is not None:
            return self.total
        return self._read


Timeout.DEFAULT_TIMEOUT = _DEFAULT_TIMEOUT
`,
  'urllib3/util/retry.py': String.raw`"""Retry in the simulated urllib3 (Lambda Triage), with urllib3's defaults and counting (util/retry.py): Retry(3) by
default; connection errors always retried, read errors only for idempotent methods; backoff_factor 0 (no wait)
unless set; the wait between tries runs on the virtual clock."""

import logging
import random
from collections import namedtuple

from ..exceptions import ConnectTimeoutError, MaxRetryError, ProtocolError, ProxyError, ReadTimeoutError, ResponseError

log = logging.getLogger(__name__)

RequestHistory = namedtuple("RequestHistory", ["method", "url", "error", "status", "redirect_location"])


class Retry:
    DEFAULT_ALLOWED_METHODS = frozenset(["HEAD", "GET", "PUT", "DELETE", "OPTIONS", "TRACE"])
    RETRY_AFTER_STATUS_CODES = frozenset([413, 429, 503])
    DEFAULT_REMOVE_HEADERS_ON_REDIRECT = frozenset(["Cookie", "Authorization", "Proxy-Authorization"])
    DEFAULT_BACKOFF_MAX = 120
    DEFAULT = None

    def __init__(self, total=10, connect=None, read=None, redirect=None, status=None, other=None,
                 allowed_methods=DEFAULT_ALLOWED_METHODS, status_forcelist=None, backoff_factor=0,
                 backoff_max=DEFAULT_BACKOFF_MAX, raise_on_redirect=True, raise_on_status=True, history=None,
                 respect_retry_after_header=True, remove_headers_on_redirect=DEFAULT_REMOVE_HEADERS_ON_REDIRECT,
                 backoff_jitter=0.0):
        self.total = total
        self.connect = connect
        self.read = read
        self.status = status
        self.other = other
        if redirect is False or total is False:
            redirect = 0
            raise_on_redirect = False
        self.redirect = redirect
        self.status_forcelist = status_forcelist or set()
        self.allowed_methods = allowed_methods
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        self.raise_on_redirect = raise_on_redirect
        self.raise_on_status = raise_on_status
        self.history = history or ()
        self.respect_retry_after_header = respect_retry_after_header
        self.remove_headers_on_redirect = frozenset(h.lower() for h in remove_headers_on_redirect)
        self.backoff_jitter = backoff_jitter

    def new(self, **kw):
        params = dict(total=self.total, connect=self.connect, read=self.read, redirect=self.redirect,
                      status=self.status, other=self.other, allowed_methods=self.allowed_methods,
                      status_forcelist=self.status_forcelist, backoff_factor=self.backoff_factor,
                      backoff_max=self.backoff_max, raise_on_redirect=self.raise_on_redirect,
                      raise_on_status=self.raise_on_status, history=self.history,
                      remove_headers_on_redirect=self.remove_headers_on_redirect,
                      respect_retry_after_header=self.respect_retry_after_header, backoff_jitter=self.backoff_jitter)
        params.update(kw)
        return type(self)(**params)

    @classmethod
    def from_int(cls, retries, redirect=True, default=None):
        if retries is None:
            retries = default if default is not None else cls.DEFAULT
        if isinstance(retries, Retry):
            return retries
        redirect = bool(redirect) and None
        return cls(retries, redirect=redirect)

    def get_backoff_time(self):
        consecutive = 0
        for entry in reversed(self.history):
            if entry.redirect_location is not None:
                break
            consecutive += 1
        if consecutive <= 1:
            return 0
        value = self.backoff_factor * (2 ** (consecutive - 1))
        if self.backoff_jitter != 0.0:
            value += random.random() * self.backoff_jitter
        return float(max(0, min(self.backoff_max, value)))

    def _sleep(self, seconds):
        if seconds > 0:
            import time

            time.sleep(seconds)

    def parse_retry_after(self, value):
        try:
            return max(0, int(value.strip()))
        except ValueError:
            from email.utils import parsedate_to_datetime
            import time

            try:
                return max(0, parsedate_to_datetime(value).timestamp() - time.time())
            except (TypeError, ValueError):
                from ..exceptions import InvalidHeader

                raise InvalidHeader("Invalid Retry-After header: %s" % value) from None

    def sleep_for_retry(self, response):
        value = response.headers.get("Retry-After") if response is not None else None
        if value is None:
            return False
        self._sleep(self.parse_retry_after(value))
        return True

    def sleep(self, response=None):
        if self.respect_retry_after_header and response is not None and self.sleep_for_retry(response):
            return
        self._sleep(self.get_backoff_time())

    def _is_connection_error(self, err):
        if isinstance(err, ProxyError):
            err = err.original_error
        return isinstance(err, ConnectTimeoutError)

    def _is_read_error(self, err):
        return isinstance(err, (ReadTimeoutError, ProtocolError))

    def _is_method_retryable(self, method):
        return not (self.allowed_methods and method.upper() not in self.allowed_methods)

    def is_retry(self, method, status_code, has_retry_after=False):
        if not self._is_method_retryable(method):
            return False
        if self.status_forcelist and status_code in self.status_forcelist:
            return True
        return bool(self.total and self.respect_retry_after_header and has_retry_after
                    and status_code in self.RETRY_AFTER_STATUS_CODES)

    def is_exhausted(self):
        counts = [self.total, self.connect, self.read, self.redirect, self.status, self.other]
        counts = [c for c in counts if c]
        return bool(counts) and min(counts) < 0

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if self.total is False and error:
            raise error
        total = self.total
        if total is not None:
            total -= 1
        connect, read, redirect, status_count, other = self.connect, self.read, self.redirect, self.status, self.other
        cause = "unknown"
        status = None
        redirect_location = None
        if error and self._is_connection_error(error):
            if connect is False:
                raise error
            elif connect is not None:
                connect -= 1
        elif error and self._is_read_error(error):
            if read is False or method is None or not self._is_method_retryable(method):
                raise error
            elif read is not None:
                read -= 1
        elif error:
            if other is not None:
                other -= 1
        elif response and response.get_redirect_location():
            if redirect is not None:
                redirect -= 1
            cause = "too many redirects"
            redirect_location = response.get_redirect_location()
            status = response.status
        else:
            cause = ResponseError.GENERIC_ERROR
            if response and response.status:
                if status_count is not None:
                    status_count -= 1
                cause = ResponseError.SPECIFIC_ERROR.format(status_code=response.status)
                status = response.status
        history = self.history + (RequestHistory(method, url, error, status, redirect_location),)
        new_retry = self.new(total=total, connect=connect, read=read, redirect=redirect, status=status_count,
                             other=other, history=history)
        if new_retry.is_exhausted():
            reason = error or ResponseError(cause)
            raise MaxRetryError(_pool, url, reason) from reason
        log.debug("Incremented Retry for (url='%s'): %r", url, new_retry)
        return new_retry

    def __repr__(self):
        return "%s(total=%s, connect=%s, read=%s, redirect=%s, status=%s)" % (
            type(self).__name__, self.total, self.connect, self.read, self.redirect, self.status)


Retry.DEFAULT = Retry(3)
`,
  'urllib3/response.py': String.raw`"""HTTPResponse in the simulated urllib3 (Lambda Triage): the whole body is in memory (read once, as a stream is)."""

import io
import json as _json

from ._collections import HTTPHeaderDict


class BaseHTTPResponse(io.IOBase):
    REDIRECT_STATUSES = [301, 302, 303, 307, 308]


class HTTPResponse(BaseHTTPResponse):
    def __init__(self, body=b"", headers=None, status=0, version=11, version_string="HTTP/1.1", reason=None,
                 preload_content=True, decode_content=True, original_response=None, pool=None, connection=None,
                 msg=None, retries=None, enforce_content_length=True, request_method=None, request_url=None,
                 auto_close=True):
        super().__init__()
        self.headers = headers if isinstance(headers, HTTPHeaderDict) else HTTPHeaderDict(headers or {})
        self.status = status
        self.version = version
        self.version_string = version_string
        self.reason = reason
        self.decode_content = decode_content
        self.retries = retries
        self._request_url = request_url
        self._pool = pool
        self._body = bytes(body or b"")
        self._fp = io.BytesIO(self._body)
        self._preloaded = preload_content

    @property
    def data(self):
        if self._preloaded:
            return self._body
        return self.read(cache_content=True)

    def json(self):
        return _json.loads(self.data.decode("utf-8"))

    @property
    def url(self):
        return self._request_url

    @url.setter
    def url(self, value):
        self._request_url = value

    def geturl(self):
        return self._request_url

    def get_redirect_location(self):
        if self.status in self.REDIRECT_STATUSES:
            return self.headers.get("location")
        return False

    def read(self, amt=None, decode_content=None, cache_content=False):
        chunk = self._fp.read() if amt is None else self._fp.read(amt)
        if cache_content:
            self._body = chunk
            self._preloaded = True
        return chunk

    def read1(self, amt=None, decode_content=None):
        return self.read(amt)

    def stream(self, amt=2 ** 16, decode_content=None):
        while True:
            chunk = self.read(amt)
            if not chunk:
                break
            yield chunk

    def readable(self):
        return True

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def getheaders(self):
        return self.headers

    def getheader(self, name, default=None):
        return self.headers.get(name, default)

    def info(self):
        return self.headers

    def geturl_(self):
        return self._request_url

    def release_conn(self):
        pass

    def drain_conn(self):
        pass

    def close(self):
        super().close()

    @property
    def closed(self):
        return False

    def fileno(self):
        raise OSError("HTTPResponse has no file to get a fileno from")

    def flush(self):
        pass

    def tell(self):
        return self._fp.tell()
`,
  'urllib3/filepost.py': String.raw`"""encode_multipart_formdata in the simulated urllib3 (Lambda Triage)."""

import binascii
import os


def choose_boundary():
    return binascii.hexlify(os.urandom(16)).decode()


def encode_multipart_formdata(fields, boundary=None):
    boundary = boundary or choose_boundary()
    items = fields.items() if hasattr(fields, "items") else fields
    out = bytearray()
    for name, value in items:
        filename, data, content_type = None, value, None
        if isinstance(value, tuple):
            if len(value) == 3:
                filename, data, content_type = value
            else:
                filename, data = value
                content_type = "application/octet-stream"
        out += ("--%s\r\n" % boundary).encode("latin-1")
        disposition = 'form-data; name="%s"' % name
        if filename is not None:
            disposition += '; filename="%s"' % filename
        out += ("Content-Disposition: %s\r\n" % disposition).encode("utf-8")
        if content_type:
            out += ("Content-Type: %s\r\n" % content_type).encode("latin-1")
        out += b"\r\n"
        out += data.encode("utf-8") if isinstance(data, str) else (str(data).encode() if isinstance(data, int) else data)
        out += b"\r\n"
    out += ("--%s--\r\n" % boundary).encode("latin-1")
    return bytes(out), "multipart/form-data; boundary=%s" % boundary
`,
  'urllib3/connectionpool.py': String.raw`"""Connection pools of the simulated urllib3 (Lambda Triage): one per scheme, host and port, named as urllib3 names
them in its errors. Each try is one call to the host service 'http' (_lt_http), whose latency, faults and hangs
pass on the virtual clock; the connect and read phases raise urllib3's errors (connection.py, connectionpool.py)."""

import logging
import sys
from urllib.parse import urlsplit

import _lt_http
import _lt_js
import _lt_runtime

from ._collections import HTTPHeaderDict
from .exceptions import (ConnectTimeoutError, HostChangedError, MaxRetryError, NewConnectionError, ProtocolError,
                         ReadTimeoutError, TimeoutError)
from .response import HTTPResponse
from .util.retry import Retry
from .util.timeout import Timeout

log = logging.getLogger(__name__)

# Linux errno values, as on Lambda.
_ECONNRESET = 104
_ETIMEDOUT = 110


class _Connection:
    """What urllib3 names in NewConnectionError and ConnectTimeoutError: the connection object's default repr.
    ILLUSTRATIVE address (a real one differs from run to run)."""

    def __init__(self, scheme, host, port):
        self.host = host
        self.port = port
        self._kind = "HTTPSConnection" if scheme == "https" else "HTTPConnection"

    def __repr__(self):
        return "<urllib3.connection.%s object at 0x7f3a5c1e2d50>" % self._kind


def _body_bytes(body):
    if body is None:
        return None
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return b"".join(part.encode("utf-8") if isinstance(part, str) else bytes(part) for part in body)


class ConnectionPool:
    scheme = None

    def __init__(self, host, port=None):
        self.host = host
        self.port = port

    def __str__(self):
        return "%s(host=%r, port=%r)" % (type(self).__name__, self.host, self.port)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        pass


class HTTPConnectionPool(ConnectionPool):
    scheme = "http"
    default_port = 80

    def __init__(self, host, port=None, timeout=Timeout.DEFAULT_TIMEOUT, maxsize=1, block=False, headers=None,
                 retries=None, _proxy=None, _proxy_headers=None, **conn_kw):
        super().__init__(host, port if port is not None else self.default_port)
        if not isinstance(timeout, Timeout):
            timeout = Timeout.from_float(timeout)
        if retries is None:
            retries = Retry.DEFAULT
        self.timeout = timeout
        self.retries = retries
        self.headers = headers or {}
        self.num_connections = 0
        self.num_requests = 0

    def _get_timeout(self, timeout):
        if timeout is Timeout.DEFAULT_TIMEOUT:
            return self.timeout.clone()
        if isinstance(timeout, Timeout):
            return timeout.clone()
        return Timeout.from_float(timeout)

    def is_same_host(self, url):
        parts = urlsplit(url)
        if not parts.scheme:
            return True
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return (parts.scheme, parts.hostname, port) == (self.scheme, self.host, self.port)

    def _netloc(self):
        return self.host if self.port == self.default_port else "%s:%s" % (self.host, self.port)

    def _attempt(self, method, url, body, headers, timeout):
        """One try: the host service answers (after its latency) or fails in the connect or the read phase."""
        path, _, query = url.partition("?")
        path = path or "/"
        full = "%s://%s%s" % (self.scheme, self._netloc(), url if url.startswith("/") else "/" + url)
        label = "urllib3 %s %s://%s%s" % (method, self.scheme, self._netloc(), path)
        sent = HTTPHeaderDict(headers or {})
        if "user-agent" not in sent:
            from . import __version__

            sent["User-Agent"] = "python-urllib3/%s" % __version__
        data = _body_bytes(body)
        self.num_requests += 1
        r = _lt_http._call("http", {
            "method": method.upper(),
            "url": full,
            "host": self.host,
            "path": path,
            "query": "?" + query if query else "",
            "headers": {k.lower(): v for k, v in sent.itermerged()},
            "body": data.decode("utf-8", "replace") if data else None,
        })
        latency = float(r.get("latencyMs") or 0)
        call_id = r.get("callId")
        conn = _Connection(self.scheme, self.host, self.port)
        connect_timeout = Timeout.resolve_default_timeout(timeout.connect_timeout)
        read_timeout = Timeout.resolve_default_timeout(timeout.read_timeout)

        def abandon():
            if call_id is not None:
                _lt_http._call("http.abandon", {"callId": call_id, "reason": "request-timeout"})

        if "error" in r:
            cause = (r.get("error") or {}).get("cause") or {}
            code = cause.get("code") if isinstance(cause, dict) else None
            if code == "ETIMEDOUT":
                if connect_timeout is not None and connect_timeout * 1000.0 < latency:
                    _lt_runtime.wait_ms(connect_timeout * 1000.0, label + " connecting")
                    raise ConnectTimeoutError(conn, "Connection to %s timed out. (connect timeout=%s)" % (self.host, connect_timeout))
                _lt_runtime.wait_ms(latency, label + " connecting")
                raise NewConnectionError(conn, "Failed to establish a new connection: %s" % OSError(_ETIMEDOUT, "Connection timed out"))
            if code == "ECONNRESET":
                _lt_runtime.wait_ms(latency, label + " in flight")
                raise ConnectionResetError(_ECONNRESET, "Connection reset by peer")
            # ENOTFOUND (the world has no such host) or no simulated world: what the sandbox's sockets answer.
            raise NewConnectionError(conn, "Failed to establish a new connection: %s" % _lt_http._unreachable())
        if r.get("hang") or (read_timeout is not None and read_timeout * 1000.0 < latency):
            if read_timeout is None:
                _lt_js.hang(label + " still waiting for a response")
                raise _lt_runtime.SimulatorStop()
            _lt_runtime.wait_ms(read_timeout * 1000.0, label + " in flight")
            abandon()
            raise ReadTimeoutError(self, url, "Read timed out. (read timeout=%s)" % read_timeout)
        _lt_runtime.wait_ms(latency, label + " in flight")
        result = r.get("result") or {}
        status = int(result.get("status") or 200)
        from http import HTTPStatus

        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
        answer = result.get("body") or ""
        content = answer.encode("utf-8") if isinstance(answer, str) else bytes(answer)
        if method.upper() == "HEAD" or status in (204, 304) or status < 200:
            content = b""
        resp_headers = HTTPHeaderDict()
        for name, value in (result.get("headers") or {}).items():
            resp_headers.add(str(name), str(value))
        if "content-length" not in resp_headers and content:
            resp_headers["Content-Length"] = str(len(content))
        return HTTPResponse(body=content, headers=resp_headers, status=status, reason=reason, pool=self,
                            request_method=method.upper(), request_url=full)

    def urlopen(self, method, url, body=None, headers=None, retries=None, redirect=True, assert_same_host=True,
                timeout=Timeout.DEFAULT_TIMEOUT, pool_timeout=None, release_conn=None, chunked=False, body_pos=None,
                preload_content=True, decode_content=True, **response_kw):
        parts = urlsplit(url)
        request_uri = (parts.path or "/") + ("?" + parts.query if parts.query else "") if parts.scheme else url
        if headers is None:
            headers = self.headers
        if not isinstance(retries, Retry):
            retries = Retry.from_int(retries, redirect=redirect, default=self.retries)
        if assert_same_host and not self.is_same_host(url):
            raise HostChangedError(self, url, retries)
        timeout_obj = self._get_timeout(timeout)
        while True:
            try:
                response = self._attempt(method, request_uri, body, headers, timeout_obj)
            except (TimeoutError, ProtocolError, OSError) as e:
                # As connectionpool.py urlopen: a socket error is retried as ProtocolError("Connection aborted.", e)
                # (a read error), urllib3's own timeouts and connection errors as they are; the log names the original.
                new_e = ProtocolError("Connection aborted.", e) if isinstance(e, OSError) else e
                retries = retries.increment(method, request_uri, error=new_e, _pool=self, _stacktrace=sys.exc_info()[2])
                retries.sleep()
                log.warning("Retrying (%r) after connection broken by '%r': %s", retries, e, request_uri)
                continue
            response.retries = retries
            redirect_location = redirect and response.get_redirect_location()
            if redirect_location:
                if response.status == 303:
                    method = "GET"
                    body = None
                try:
                    retries = retries.increment(method, request_uri, response=response, _pool=self)
                except MaxRetryError:
                    if retries.raise_on_redirect:
                        raise
                    return response
                retries.sleep_for_retry(response)
                log.debug("Redirecting %s -> %s", request_uri, redirect_location)
                return self.urlopen(method, redirect_location, body, headers, retries=retries, redirect=redirect,
                                    assert_same_host=assert_same_host, timeout=timeout, pool_timeout=pool_timeout,
                                    release_conn=release_conn, chunked=chunked, body_pos=body_pos,
                                    preload_content=preload_content, decode_content=decode_content, **response_kw)
            has_retry_after = bool(response.headers.get("Retry-After"))
            if retries.is_retry(method, response.status, has_retry_after):
                try:
                    retries = retries.increment(method, request_uri, response=response, _pool=self)
                except MaxRetryError:
                    if retries.raise_on_status:
                        raise
                    return response
                retries.sleep(response)
                log.debug("Retry: %s", request_uri)
                continue
            return response

    def request(self, method, url, body=None, fields=None, headers=None, json=None, **urlopen_kw):
        from .poolmanager import _prepare_request

        method, url, body, headers = _prepare_request(self.headers, method, url, body, fields, headers, json, urlopen_kw)
        return self.urlopen(method, url, body=body, headers=headers, **urlopen_kw)


class HTTPSConnectionPool(HTTPConnectionPool):
    scheme = "https"
    default_port = 443


def connection_from_url(url, **kw):
    parts = urlsplit(url)
    cls = HTTPSConnectionPool if parts.scheme == "https" else HTTPConnectionPool
    return cls(parts.hostname, parts.port, **kw)
`,
  'urllib3/poolmanager.py': String.raw`"""PoolManager in the simulated urllib3 (Lambda Triage): one pool per scheme, host and port; redirects across hosts
are followed here, as urllib3's PoolManager.urlopen does."""

import json as _json
from urllib.parse import urlencode, urljoin, urlsplit

from ._collections import HTTPHeaderDict
from .connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from .exceptions import LocationValueError, MaxRetryError, SimulatorUnsupportedOperation, URLSchemeUnknown
from .filepost import encode_multipart_formdata
from .util.retry import Retry
from .util.timeout import Timeout

_ENCODE_URL_METHODS = {"DELETE", "GET", "HEAD", "OPTIONS"}


def _prepare_request(pool_headers, method, url, body, fields, headers, json, urlopen_kw):
    """RequestMethods.request of urllib3 (_request_methods.py): json becomes a UTF-8 body with Content-Type
    application/json; fields go into the URL for GET-like methods, else into a multipart body."""
    method = method.upper()
    if json is not None and body is not None:
        raise TypeError("request got values for both 'body' and 'json' parameters which are mutually exclusive")
    if json is not None:
        if headers is None:
            headers = pool_headers
        if "content-type" not in map(str.lower, headers.keys()):
            headers = HTTPHeaderDict(headers)
            headers["Content-Type"] = "application/json"
        body = _json.dumps(json, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if fields:
        if method in _ENCODE_URL_METHODS:
            url += ("&" if "?" in url else "?") + urlencode(fields)
        else:
            if body is not None:
                raise TypeError("request got values for both 'fields' and 'body', can only specify one.")
            if urlopen_kw.pop("encode_multipart", True):
                body, content_type = encode_multipart_formdata(fields, boundary=urlopen_kw.pop("multipart_boundary", None))
            else:
                body, content_type = urlencode(fields), "application/x-www-form-urlencoded"
            headers = HTTPHeaderDict(headers if headers is not None else pool_headers)
            headers["Content-Type"] = content_type
    return method, url, body, headers


class PoolManager:
    def __init__(self, num_pools=10, headers=None, **connection_pool_kw):
        self.headers = headers or {}
        self.connection_pool_kw = connection_pool_kw
        self.pools = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.clear()
        return False

    def clear(self):
        self.pools.clear()

    def connection_from_host(self, host, port=None, scheme="http", pool_kwargs=None):
        if not host:
            raise LocationValueError("No host specified.")
        scheme = (scheme or "http").lower()
        if scheme not in ("http", "https"):
            raise URLSchemeUnknown(scheme)
        port = port or (443 if scheme == "https" else 80)
        key = (scheme, host.lower(), port)
        pool = self.pools.get(key)
        if pool is None:
            kw = dict(self.connection_pool_kw)
            kw.update(pool_kwargs or {})
            cls = HTTPSConnectionPool if scheme == "https" else HTTPConnectionPool
            kw = {k: v for k, v in kw.items() if k in ("timeout", "retries", "headers", "maxsize", "block")}
            pool = cls(host.lower(), port, **kw)
            self.pools[key] = pool
        return pool

    def connection_from_url(self, url, pool_kwargs=None):
        parts = urlsplit(url)
        return self.connection_from_host(parts.hostname, parts.port, parts.scheme or "http", pool_kwargs)

    def request(self, method, url, body=None, fields=None, headers=None, json=None, **urlopen_kw):
        method, url, body, headers = _prepare_request(self.headers, method, url, body, fields, headers, json, urlopen_kw)
        return self.urlopen(method, url, body=body, headers=headers, **urlopen_kw)

    def urlopen(self, method, url, redirect=True, **kw):
        parts = urlsplit(url)
        if not parts.scheme:
            import warnings

            warnings.warn("URLs without a scheme (ie 'https://') are deprecated and will raise an error in a future "
                          "version of urllib3. To avoid this DeprecationWarning ensure all URLs start with 'https://' "
                          "or 'http://'.", DeprecationWarning, stacklevel=2)
            parts = urlsplit("http://" + url)
            url = "http://" + url
        pool = self.connection_from_host(parts.hostname, parts.port, parts.scheme)
        kw["assert_same_host"] = False
        kw["redirect"] = False
        if "headers" not in kw or kw["headers"] is None:
            kw["headers"] = self.headers
        if "timeout" not in kw:
            kw["timeout"] = self.connection_pool_kw.get("timeout", Timeout.DEFAULT_TIMEOUT)
        request_uri = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        response = pool.urlopen(method, request_uri, **kw)
        redirect_location = redirect and response.get_redirect_location()
        if not redirect_location:
            return response
        redirect_location = urljoin(url, redirect_location)
        if response.status == 303:
            method = "GET"
            kw["body"] = None
            kw["headers"] = HTTPHeaderDict(kw["headers"])
            for name in ("Content-Type", "Content-Length", "Transfer-Encoding"):
                kw["headers"].pop(name, None)
        retries = kw.get("retries", response.retries)
        if not isinstance(retries, Retry):
            retries = Retry.from_int(retries, redirect=redirect)
        if retries.remove_headers_on_redirect and not pool.is_same_host(redirect_location):
            headers = HTTPHeaderDict(kw["headers"])
            for name in list(headers):
                if name.lower() in retries.remove_headers_on_redirect:
                    headers.pop(name, None)
            kw["headers"] = headers
        try:
            retries = retries.increment(method, url, response=response, _pool=pool)
        except MaxRetryError:
            if retries.raise_on_redirect:
                raise
            return response
        kw["retries"] = retries
        kw["redirect"] = redirect
        return self.urlopen(method, redirect_location, **kw)


class ProxyManager(PoolManager):
    def __init__(self, proxy_url, *args, **kwargs):
        raise SimulatorUnsupportedOperation(
            "The Lambda Triage simulator does not cover urllib3.ProxyManager yet. This is a gap of the simulator, "
            "not an error in your code.")


def proxy_from_url(url, **kw):
    return ProxyManager(proxy_url=url, **kw)
`,
};
