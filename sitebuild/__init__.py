"""Build the static WebAssembly site: wheels, Pyodide, `panel convert`, vendored assets (see build.py)."""


class BuildError(Exception):
    """A build step failed; the message names the problem and how to fix it."""

