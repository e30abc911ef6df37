"""A loopback HTTPS server to stand in for a remote service in tests and benchmarks.

The MAS emulator and the Manage stand-in are both this: a threaded server on
127.0.0.1 with real TLS (a client certificate demanded when asked), a start
and a bounded stop, a record of every request and rules that make chosen
requests fail. Each adds its own routes and its own kinds of failure.
"""

from .faults import RuleQueue
from .handler import BodyError, LoopbackHandler
from .recorder import Recorder
from .server import LoopbackServer, LoopbackService, loopback_host, server_context

__all__ = [
    "BodyError",
    "LoopbackHandler",
    "LoopbackServer",
    "LoopbackService",
    "Recorder",
    "RuleQueue",
    "loopback_host",
    "server_context",
]
