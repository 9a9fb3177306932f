/**
 * The simulator's stand-in for AWS's Python runtime interface client (`awslambdaric`), as Python source that
 * the Python executor writes to `/var/runtime/bootstrap.py` in every environment. It is our own code; each
 * behaviour follows a named file of https://github.com/aws/aws-lambda-python-runtime-interface-client
 * (`awslambdaric/bootstrap.py`, `lambda_runtime_marshaller.py`, `lambda_runtime_exception.py`,
 * `lambda_context.py`, `lambda_runtime_log_utils.py`, `lambda_literals.py`) or a Lambda docs page, cited
 * next to it. The file name matters: the client drops traceback frames whose file name contains
 * `/bootstrap.py` (bootstrap.py `handle_event_request`), and so does this stand-in.
 *
 * It talks to the executor only through `_lt_js` (functions the executor registers per environment):
 * `log(text)` one log event, `epoch_us()` / `now_us()` virtual time, `wait_ms(ms)` advance the virtual clock
 * (true when the deadline passed), `stopping()`, `call(name, json)`, `hang(label)`, `oom()`, `cached_compile(...)`.
 */

import { SIMULATOR_GAP_SENTENCE } from '../errors/simulator-gap.ts';

/** Source of `/var/runtime/_lt_runtime.py`: the stop exception and the virtual-time patches. */
export const PYTHON_RUNTIME_SOURCE = String.raw`"""Lambda Triage simulator: virtual time for the Python runtime (not part of AWS's runtime)."""
import sys as _sys

import _lt_js


class SimulatorStop(BaseException):
    """Raised when the simulator ends the invocation (timeout, out of memory): not an Exception, so
    ordinary 'except Exception' blocks in user code do not swallow it."""


def check():
    if _lt_js.stopping():
        raise SimulatorStop()


def wait_ms(ms, label=''):
    if _lt_js.wait_ms(float(ms), label):
        raise SimulatorStop()


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if hasattr(value, '__float__') and not isinstance(value, (str, bytes)):
            return float(value)
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    return float(value)


class _Patched:
    """A replacement for a C function of the time module. Not a descriptor (as built-in functions are not), so
    it can be stored as a class attribute (logging.Formatter.converter = time.gmtime) and called unbound."""

    def __init__(self, fn, name, doc=None):
        self._fn = fn
        self.__name__ = name
        self.__doc__ = doc

    def __call__(self, *args, **kwargs):
        return self._fn(*args, **kwargs)

    def __repr__(self):
        return "<built-in function %s>" % self.__name__


def install_time():
    """time.sleep, time.time, time.monotonic, time.perf_counter (and their _ns forms) on the virtual clock."""
    import time
    orig_gmtime = time.gmtime
    orig_localtime = time.localtime
    orig_strftime = time.strftime
    orig_ctime = time.ctime
    orig_asctime = time.asctime

    def sleep(secs):
        s = _number(secs)
        if s != s:
            raise ValueError('Invalid value NaN (not a number)')
        if s < 0:
            raise ValueError('sleep length must be non-negative')
        wait_ms(s * 1000.0, 'time.sleep(%g) still sleeping' % s)

    def now():
        return _lt_js.epoch_us() / 1e6

    def now_ns():
        return int(_lt_js.epoch_us()) * 1000

    def mono():
        return _lt_js.now_us() / 1e6

    def mono_ns():
        return int(_lt_js.now_us()) * 1000

    patches = {
        "sleep": sleep,
        "time": now,
        "time_ns": now_ns,
        "monotonic": mono,
        "monotonic_ns": mono_ns,
        "perf_counter": mono,
        "perf_counter_ns": mono_ns,
        "gmtime": lambda secs=None: orig_gmtime(now() if secs is None else secs),
        "localtime": lambda secs=None: orig_localtime(now() if secs is None else secs),
        "ctime": lambda secs=None: orig_ctime(now() if secs is None else secs),
        "asctime": lambda t=None: orig_asctime(orig_localtime(now()) if t is None else t),
        "strftime": lambda fmt, t=None: orig_strftime(fmt, orig_localtime(now()) if t is None else t),
    }
    for name, fn in patches.items():
        setattr(time, name, _Patched(fn, name, getattr(time, name).__doc__))


def install_code_cache():
    """zipimport compiles the standard library through the executor's cache of compiled modules
    (python-executor.ts, "compiled standard-library modules"). Only C functions run on either path, so the
    virtual clock, which charges Python bytecode, counts the same whether a module was cached or not."""
    import binascii
    import marshal
    import zipimport
    import zlib

    if not hasattr(zipimport, "_compile_source"):
        return
    cached = _lt_js.cached_compile(compile, marshal.loads, marshal.dumps, binascii.a2b_base64, binascii.b2a_base64, zlib.crc32, _sys.version)
    if cached is not None:
        zipimport.compile = cached


# Modules that reach Pyodide's JavaScript side (and through it the host): not importable from the function's code.
_WALLED_MODULES = {"js", "pyodide_js", "pyodide", "_pyodide", "_pyodide_core", "micropip", "_lt_js", "_imp"}
_TRUSTED_PREFIXES = ("/lib/", "/var/runtime/", "/var/lang/")


def _from_function_code(depth):
    try:
        f = _sys._getframe(depth)
    except ValueError:
        return False
    filename = f.f_code.co_filename
    return not filename.startswith(_TRUSTED_PREFIXES) and not filename.startswith("<frozen")


def install_walls():
    """Mitigations, not a sandbox (SIMULATION.md, "Python"): the function's code cannot import the modules that
    reach JavaScript, and os.system runs no host command."""
    import builtins
    import errno
    import importlib
    import os
    import posix

    orig_import = builtins.__import__
    orig_import_module = importlib.import_module

    def _check(name):
        if name and name.split(".")[0] in _WALLED_MODULES:
            raise ModuleNotFoundError("No module named '%s'" % name, name=name)

    def walled_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and _from_function_code(2):
            _check(name)
        return orig_import(name, globals, locals, fromlist, level)

    def walled_import_module(name, package=None):
        if _from_function_code(2):
            _check(name)
        return orig_import_module(name, package)

    def system(command):
        raise OSError(errno.ENOSYS, "The simulator runs no processes: os.system(%r) did not run" % (command,))

    builtins.__import__ = walled_import
    importlib.import_module = walled_import_module
    os.system = system
    posix.system = system


# Standard-library modules that import on AWS but not in the simulator: module -> (the names code imports from it, why).
_SIMULATOR_GAPS = {
    # CPython's C _zoneinfo needs the C datetime, which the simulator replaces with the pure-Python one (its clock is
    # the virtual clock), and Pyodide's standard library leaves out the pure-Python fallback, zoneinfo/_zoneinfo.py,
    # which zoneinfo/__init__.py then imports ZoneInfo from.
    "zoneinfo._zoneinfo": (
        {"ZoneInfo"},
        "zoneinfo cannot be imported in the Lambda Triage simulator (its datetime is the pure-Python one, on the "
        "virtual clock, and Pyodide has no pure-Python zoneinfo). ${SIMULATOR_GAP_SENTENCE}: on AWS, import zoneinfo works",
    ),
}


# Modules Lambda's Python runtimes ship that the simulator does not have: prefix -> (runtimes that ship it, what they
# are). An import of one of them that nothing else could find says so, instead of a bare "No module named ...",
# which would tell the user to package something Lambda already provides.
_RUNTIME_PROVIDED = {
    # "Lambda Node.js and Python runtimes include the durable execution SDK" (python3.13, python3.14):
    # https://docs.aws.amazon.com/lambda/latest/dg/durable-supported-runtimes.html
    "aws_durable_execution_sdk_python": (
        ("python3.13", "python3.14"),
        "the durable execution SDK, which Lambda's %s runtime includes, is not simulated: Lambda durable functions "
        "(checkpoints, replays, waits) are not part of the Lambda Triage simulator yet",
    ),
    # boto3's own dependencies, present wherever the runtime's boto3 is (boto3 needs botocore, jmespath and
    # s3transfer; botocore needs python-dateutil, which needs six): https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html
    "dateutil": (None, "python-dateutil, which Lambda's %s runtime ships with boto3, is not in the simulator's site-packages"),
    "jmespath": (None, "jmespath, which Lambda's %s runtime ships with boto3, is not in the simulator's site-packages"),
    "s3transfer": (None, "s3transfer, which Lambda's %s runtime ships with boto3, is not in the simulator's site-packages"),
    "six": (None, "six, which Lambda's %s runtime ships with boto3 (python-dateutil needs it), is not in the simulator's site-packages"),
    # The runtime's image has pip (AWS's own Dockerfiles run "pip install" on it: https://docs.aws.amazon.com/lambda/latest/dg/python-image.html).
    "pip": (None, "pip, which Lambda's %s runtime image includes, is not in the simulator"),
}


class _RuntimeProvidedFinder:
    """The last finder on sys.meta_path: it runs only for an import every other finder failed, so a successful import
    costs nothing (the virtual clock charges Python bytecode)."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        entry = _RUNTIME_PROVIDED.get(top)
        if entry is None:
            return None
        import os

        runtimes, what = entry
        runtime = os.environ.get("AWS_EXECUTION_ENV", "AWS_Lambda_python3.13").replace("AWS_Lambda_", "")
        if runtimes is not None and runtime not in runtimes:
            return None
        raise ModuleNotFoundError(
            "%s: %s. ${SIMULATOR_GAP_SENTENCE}: on AWS, import %s works"
            % (fullname, what % runtime, top),
            name=fullname,
        )


def install_gap_notes():
    """Each of _SIMULATOR_GAPS is a module in sys.modules whose listed names raise ModuleNotFoundError with the
    reason, so "from ._zoneinfo import ZoneInfo" fails with it instead of a bare "No module named ...". Any other
    name is a plain AttributeError (code that scans sys.modules with getattr or hasattr is not disturbed). No import
    hook: the interpreter runs nothing of ours on other imports (the virtual clock charges Python bytecode)."""
    import types

    for name, (names, reason) in _SIMULATOR_GAPS.items():
        module = types.ModuleType(name)

        def __getattr__(attr, _names=frozenset(names), _reason=reason, _name=name):
            if attr in _names:
                raise ModuleNotFoundError(_reason, name=_name)
            raise AttributeError("module %r has no attribute %r" % (_name, attr))

        module.__getattr__ = __getattr__
        _sys.modules[name] = module
    _sys.meta_path.append(_RuntimeProvidedFinder)


def install_asyncio():
    """asyncio.run and new event loops wait on the virtual clock: the loop's selector advances it."""
    import asyncio
    import asyncio.base_events as base_events

    class VirtualSelector:
        def select(self, timeout=None):
            if timeout is None:
                # Nothing ready and nothing scheduled: a real process would wait for ever.
                _lt_js.hang('an asyncio task waiting for an event that never comes')
                raise SimulatorStop()
            if timeout > 0:
                wait_ms(timeout * 1000.0, 'an asyncio wait (asyncio.sleep or a task) still pending')
            else:
                check()
            return []

        def close(self):
            pass

    class VirtualEventLoop(base_events.BaseEventLoop):
        def __init__(self):
            super().__init__()
            self._selector = VirtualSelector()

        def _process_events(self, event_list):
            pass

        def _write_to_self(self):
            pass

        def close(self):
            self._selector = None
            super().close()

    import asyncio.events as events
    import asyncio.runners as runners
    orig_run = runners.run

    def run(main, *, debug=None, loop_factory=None):
        # Pyodide keeps its browser event loop marked as running; a Lambda process has none.
        outer = events._get_running_loop()
        events._set_running_loop(None)
        try:
            return orig_run(main, debug=debug, loop_factory=loop_factory or VirtualEventLoop)
        finally:
            events._set_running_loop(outer)

    asyncio.run = run
    asyncio.new_event_loop = VirtualEventLoop
    asyncio.VirtualEventLoop = VirtualEventLoop
`;

/**
 * Source of `/var/runtime/_lambda_triage_host.py`: the host module simulated packages (boto3) use. Exactly
 * `call(name, payload_json) -> str`, `wait_ms(ms, label='')`, `hang(label)`. A wait's label
 * (`DynamoDB GetItem call in flight`) is what the record's `pending` shows when the function's timeout comes
 * first, in the words the Node.js path uses for an SDK call in flight (src/engine/aws/sdk-core.ts).
 */
export const PYTHON_HOST_MODULE_SOURCE = String.raw`"""Lambda Triage simulator: the bridge from simulated packages (boto3) to the simulated AWS world."""
import _lt_js
import _lt_runtime


def call(name, payload_json):
    """Ask the simulated world; returns the ServiceResult as JSON text. Does not advance time."""
    _lt_runtime.check()
    return str(_lt_js.call(str(name), str(payload_json)))


def wait_ms(ms, label=''):
    """Advance the virtual clock by ms (counts toward the function's deadline); label names the wait when the
    function's timeout comes first."""
    _lt_runtime.wait_ms(ms, str(label) or 'a call to a simulated AWS service still waiting for its answer')


def hang(label):
    """Never returns: the invocation waits for its deadline and ends as a timeout naming label."""
    _lt_js.hang(str(label))
    raise _lt_runtime.SimulatorStop()
`;

/** Source of `/var/runtime/bootstrap.py`: handler loading, invocation, marshalling, errors and logging. */
export const PYTHON_BOOTSTRAP_SOURCE = String.raw`"""Lambda Triage simulator: a stand-in for awslambdaric's bootstrap (not AWS's code; see the citations)."""
import decimal
import importlib
import json
import logging
import math
import os
import sys
import traceback

import _lt_js
import _lt_runtime

# Taken before the simulator's import wall wraps it (_lt_runtime.install_walls).
_import_module = importlib.import_module

# bootstrap.py: ERROR_LOG_IDENT, the no-break space that replaces a traceback line's leading spaces in text logs.
_ERROR_LOG_IDENT = "\u00a0"
_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_JSON_FORMAT = (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
# lambda_runtime_log_utils.py _get_log_level_from_env_var: TRACE maps to DEBUG.
_LOG_LEVEL = {None: "", "TRACE": "DEBUG"}.get(os.environ.get("AWS_LAMBDA_LOG_LEVEL"), os.environ.get("AWS_LAMBDA_LOG_LEVEL")).upper()
_REQUEST_ID = None
_HANDLER = None
_PYLIBS = ("/lib/python%d.%d/" % sys.version_info[:2], "/lib/python%d%d.zip/" % sys.version_info[:2])
_LAMBDA_PYLIB = "/var/lang/lib/%s/" % os.environ.get("AWS_EXECUTION_ENV", "AWS_Lambda_python3.13").replace("AWS_Lambda_", "")

# lambda_literals.py lambda_unhandled_exception_warning_message (logged before an init error).
_UNHANDLED_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, "
    "a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, runtime updates "
    "can be triggered by a function change, or can be applied automatically. To determine if the runtime has been updated, "
    "check the runtime version in the INIT_START log entry. If this error correlates with a change in the runtime version, "
    "you may be able to mitigate this error by temporarily rolling back to the previous runtime version. For more "
    "information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\r"
)


# Sizes past wasm32's address space: on Lambda (64-bit) these allocations would be attempted and the process
# killed for memory; Pyodide refuses them up front with these OverflowError messages. ILLUSTRATIVE mapping.
_WASM32_SIZE_MESSAGES = (
    "cannot fit 'int' into an index-sized integer",
    "repeated bytes are too long",
    "repeated string is too long",
)


def _is_out_of_memory(value):
    if isinstance(value, MemoryError):
        return True
    return isinstance(value, OverflowError) and str(value) in _WASM32_SIZE_MESSAGES


class FaultException(Exception):
    """lambda_runtime_exception.py FaultException: an error of the runtime itself (errorType Runtime.*)."""

    def __init__(self, exception_type, msg, trace=None):
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


# ---------------------------------------------------------------- marshalling (lambda_runtime_marshaller.py)
# The client encodes with simplejson: ensure_ascii=False on python3.12+, allow_nan=True, Decimal written as
# its str() (RawJSON) and a NaN Decimal as NaN. The standard json module stands in for simplejson here;
# Decimal text is spliced in after encoding so it stays exactly str(Decimal). simplejson (encoding='utf-8' by
# default) writes bytes values as their UTF-8 text (simplejson/encoder.py _iterencode), so they do too here;
# bytes that are not UTF-8 fail with the UnicodeDecodeError's text.


def to_json(obj):
    raw = []
    marker = "\u0000lt-decimal-%d\u0000" % id(raw)

    def default(o):
        if isinstance(o, decimal.Decimal):
            if o.is_nan():
                return math.nan
            raw.append(str(o))
            return marker + str(len(raw) - 1)
        if isinstance(o, bytes):
            return str(o, "utf-8")
        raise TypeError("Object of type %s is not JSON serializable" % o.__class__.__name__)

    text = json.JSONEncoder(ensure_ascii=False, allow_nan=True, default=default).encode(obj)
    if raw:
        quoted = json.dumps(marker, ensure_ascii=False)[1:-1]
        for i, value in enumerate(raw):
            text = text.replace('"' + quoted + str(i) + '"', value)
    return text


def marshal_response(response):
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json(response), "application/json"
    except _lt_runtime.SimulatorStop:
        raise
    except Exception as e:
        raise FaultException("Runtime.MarshalError", "Unable to marshal response: {}".format(str(e)), None)


def unmarshal_request(body):
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException("Runtime.UnmarshalError", "Unable to unmarshal input: {}".format(str(e)), None)


# ---------------------------------------------------------------- errors (bootstrap.py)


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _lambda_path(filename):
    # Pyodide's standard library lives in /lib/python3.x; Lambda's in /var/lang/lib/python3.x.
    for prefix in _PYLIBS:
        if filename.startswith(prefix):
            return _LAMBDA_PYLIB + filename[len(prefix):]
    return filename


_SIMULATOR_FILES = ("/var/runtime/_lt_runtime.py", "/var/runtime/_lt_http.py")


def extract_traceback(tb):
    # Frames of the simulator's own import wall and virtual clock (_lt_runtime.py) and of its simulated sockets
    # (_lt_http.py) are not part of Lambda's runtime: left out.
    return [
        (_lambda_path(f.filename), f.lineno, f.name, f.line)
        for f in traceback.extract_tb(tb)
        if f.filename not in _SIMULATOR_FILES
    ]


def _user_frames(tb_tuples):
    for i in range(len(tb_tuples)):
        if "/bootstrap.py" not in tb_tuples[i][0]:
            return tb_tuples[i:]
    return tb_tuples


def build_fault_result(exc_info, msg, invoke_id=None):
    etype, value, tb = exc_info
    tb_tuples = _user_frames(extract_traceback(tb))
    return make_error(msg if msg else str(value), etype.__name__, traceback.format_list(tb_tuples), invoke_id)


def _replace_indentation(line):
    count = len(line) - len(line.lstrip(" "))
    return _ERROR_LOG_IDENT * count + line[count:]


def log_error(error_result):
    """bootstrap.py log_error. Lambda hands the runtime a telemetry log descriptor (_LAMBDA_TELEMETRY_LOG_FD; the
    .NET runtime's switch to it "will make sure multiline log messages use a single CloudWatch" event,
    https://github.com/aws/aws-lambda-dotnet/pull/1165), so the record is one frame whose lines
    FramedTelemetryLogSink.log_error joins with \\n: one log event. (StandardLogSink, the fallback without
    that descriptor, joins them with \\r.)"""
    if _JSON_FORMAT:
        import time
        record = {"timestamp": time.strftime(_DATETIME_FORMAT, time.gmtime(time.time())), "log_level": "ERROR"}
        record.update(error_result)
        _lt_js.log(to_json(record))
        return
    description = "[ERROR]"
    etype = error_result.get("errorType")
    if etype:
        description += " " + etype
    emsg = error_result.get("errorMessage")
    if emsg:
        if etype:
            description += ":"
        description += " " + emsg
    lines = [description]
    stack = error_result.get("stackTrace")
    if stack is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack:
            if element == "":
                lines.append("")
            else:
                for trace_line in element.splitlines():
                    lines.append(_replace_indentation(trace_line))
    _lt_js.log("\n".join(lines))


# ---------------------------------------------------------------- logging (bootstrap.py _setup_logging)


class _Handler(logging.Handler):
    def emit(self, record):
        try:
            msg = self.format(record)
        except _lt_runtime.SimulatorStop:
            raise
        except Exception:
            self.handleError(record)
            return
        # The formatter ends each record with a newline; the frame carries it, the event shows none.
        _lt_js.log(msg[:-1] if msg.endswith("\n") else msg)


class _Filter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _REQUEST_ID or ""
        record.tenant_id = None
        return True


_RESERVED_FIELDS = {
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
    "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
    "processName", "process", "aws_request_id", "tenant_id", "_frame_type", "taskName",
}


class JsonFormatter(logging.Formatter):
    """lambda_runtime_log_utils.py JsonFormatter: the fields of a JSON log record."""

    def __init__(self):
        super().__init__(datefmt=_DATETIME_FORMAT)

    def format(self, record):
        record.levelno = min(50, max(0, record.levelno)) // 10 * 10
        record.levelname = logging.getLevelName(record.levelno)
        exc = record.exc_info
        result = {
            "timestamp": self.formatTime(record, self.datefmt),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc[2]) if exc else None,
            "errorType": exc[0].__name__ if exc else None,
            "errorMessage": str(exc[1]) if exc else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": "%s:%s:%s" % (record.pathname, record.funcName, record.lineno) if exc else None,
        }
        result.update((k, v) for k, v in record.__dict__.items() if k not in _RESERVED_FIELDS and k not in result)
        result = {k: v for k, v in result.items() if v is not None}
        return json.JSONEncoder(ensure_ascii=False).encode(result) + "\n"


def setup_logging():
    import time
    logging.Formatter.converter = time.gmtime
    logger = logging.getLogger()
    handler = _Handler()
    if _JSON_FORMAT:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    if _LOG_LEVEL in logging._nameToLevel:
        logger.setLevel(_LOG_LEVEL)
    handler.addFilter(_Filter())
    logger.addHandler(handler)


# ---------------------------------------------------------------- context (lambda_context.py)


class LambdaContext(object):
    def __init__(self, invoke_id, epoch_deadline_time_in_ms, invoked_function_arn):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = None
        self.client_context = None
        self.identity = None
        # The runtime API's Lambda-Runtime-Deadline-Ms header is whole milliseconds, which the client keeps as an
        # int, so get_remaining_time_in_millis() answers an int (aws-lambda-python-runtime-interface-client,
        # awslambdaric/bootstrap.py and lambda_context.py).
        self._epoch_deadline_time_in_ms = int(epoch_deadline_time_in_ms)

    def get_remaining_time_in_millis(self):
        import time
        delta_ms = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return delta_ms if delta_ms > 0 else 0

    def log(self, msg):
        _lt_js.log(str(msg))

    def __repr__(self):
        return (
            f"{self.__class__.__name__}(["
            f"aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},"
            f"client_context={self.client_context},"
            f"identity={self.identity},"
            f"tenant_id={self.tenant_id}"
            "])"
        )


# ---------------------------------------------------------------- the runtime loop, one step at a time


def _flush():
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass


def _exit_code(e):
    if isinstance(e, SystemExit):
        if e.code is None:
            return 0
        return e.code if isinstance(e.code, int) else 1
    return 1


def _get_handler(handler):
    """bootstrap.py _get_handler: the handler string, the import and the lookup, with the client's messages."""
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException("Runtime.MalformedHandlerName", "Bad handler '{}': {}".format(handler, str(e)))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                "Runtime.BuiltInModuleConflict", "Cannot use built-in module {} as a handler module".format(modname))
        m = _import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException("Runtime.ImportModuleError", "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            "Runtime.UserCodeSyntaxError", "Syntax error in module '{}': {}".format(modname, str(e)), trace)
    try:
        return getattr(m, fname)
    except AttributeError:
        raise FaultException("Runtime.HandlerNotFound", "Handler '{}' missing on module '{}'".format(fname, modname))


def init(handler):
    """Set up logging and load the handler. Returns JSON: {"ok": true} or {"ok": false, "error": {...}}."""
    global _HANDLER
    error_result = None
    try:
        setup_logging()
        _HANDLER = _get_handler(handler)
    except _lt_runtime.SimulatorStop:
        _flush()
        return json.dumps({"ok": False, "stopped": True})
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
    except MemoryError:
        _flush()
        _lt_js.oom()
        return json.dumps({"ok": False, "stopped": True})
    except Exception as e:
        if _lt_js.stopping() or _is_out_of_memory(e):
            _flush()
            if not _lt_js.stopping():
                _lt_js.oom()
            return json.dumps({"ok": False, "stopped": True})
        error_result = build_fault_result(sys.exc_info(), None)
    except BaseException as e:
        # SystemExit and the like are not caught by the client (bootstrap.py run catches Exception): the process ends.
        _flush()
        if _lt_js.stopping():
            return json.dumps({"ok": False, "stopped": True})
        return json.dumps({"ok": False, "exit": _exit_code(e)})
    _flush()
    if error_result is not None:
        try:
            logging.warning(_UNHANDLED_WARNING)
            log_error(error_result)
        except _lt_runtime.SimulatorStop:
            return json.dumps({"ok": False, "stopped": True})
        # The client posts to_json(error_result) to /init/error (bootstrap.py run): that text is the payload.
        return to_json({"ok": False, "error": error_result, "text": to_json(error_result)})
    return json.dumps({"ok": True})


def invoke(event_body, invoke_id, deadline_epoch_ms, invoked_function_arn):
    """bootstrap.py handle_event_request. Returns JSON: {"kind": "response", "payload", "binary"} |
    {"kind": "error", "error"} | {"kind": "stopped"}."""
    global _REQUEST_ID
    _REQUEST_ID = invoke_id
    error_result = None
    try:
        context = LambdaContext(invoke_id, deadline_epoch_ms, invoked_function_arn)
        event = unmarshal_request(event_body)
        response = _HANDLER(event, context)
        result, content_type = marshal_response(response)
    except _lt_runtime.SimulatorStop:
        _flush()
        return json.dumps({"kind": "stopped"})
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except MemoryError:
        _flush()
        _lt_js.oom()
        return json.dumps({"kind": "stopped"})
    except Exception as e:
        if _lt_js.stopping() or _is_out_of_memory(e):
            _flush()
            if not _lt_js.stopping():
                _lt_js.oom()
            return json.dumps({"kind": "stopped"})
        etype, value, tb = sys.exc_info()
        tb_tuples = _user_frames(extract_traceback(tb))
        error_result = make_error(str(value), etype.__name__, traceback.format_list(tb_tuples), invoke_id)
    except BaseException as e:
        # bootstrap.py handle_event_request catches Exception only: SystemExit ends the runtime process.
        _flush()
        if _lt_js.stopping():
            return json.dumps({"kind": "stopped"})
        return json.dumps({"kind": "exit", "code": _exit_code(e)})
    _flush()
    if _lt_js.stopping():
        return json.dumps({"kind": "stopped"})
    if error_result is not None:
        try:
            log_error(error_result)
        except _lt_runtime.SimulatorStop:
            return json.dumps({"kind": "stopped"})
        # The client posts to_json(error_result) (bootstrap.py post_invocation_error): that text is the payload.
        return json.dumps({"kind": "error", "error": error_result, "text": to_json(error_result)}, ensure_ascii=False)
    if content_type != "application/json":
        return json.dumps({"kind": "response", "payload": result.decode("utf-8", "replace"), "binary": True})
    return json.dumps({"kind": "response", "payload": result, "binary": False}, ensure_ascii=False)
`;
