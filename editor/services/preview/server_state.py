"""The site preview server's states, apart from the server so the window can name them before it loads it."""

STOPPED = "stopped"
STARTING = "starting"
READY = "ready"
HUGO_MISSING = "hugo-missing"
BUILD_FAILED = "build-failed"
PORT_BUSY = "port-busy"
