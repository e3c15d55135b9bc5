#!/usr/bin/env node
// Run Python inside real Pyodide (WebAssembly) under Node, fully offline.
//
//   node sitebuild/run_in_pyodide.mjs --wheels W [--wheels W]... --pytest PATH... [-- PYTEST_ARGS...]
//   node sitebuild/run_in_pyodide.mjs --wheels W [--wheels W]... --script FILE.py [-- SCRIPT_ARGS...]
//
// Pyodide comes from node_modules/pyodide (the npm package, pinned in package.json). Each --wheels W
// is a .whl file or a directory of them; every wheel is unzipped into Pyodide's site-packages. That is
// how micrograd_core (built as a wheel) and pure-Python test dependencies (pytest, hypothesis, ...) get
// in, with no micropip and no network.
//
// PATHs given to --pytest are relative to --root (default: the current directory); they are copied,
// with --root's pyproject.toml, into Pyodide's in-memory file system, so pytest caches and the
// hypothesis database never touch the host. A --script is copied with the .py files beside it, and its
// directory goes first on sys.path, as `python FILE.py` does.
//
// Pyodide must make no network request: any remote fetch() is refused and reported. The exit code is
// pytest's (or the script's); 2 when the runner itself fails.
//
// Freeing a chain of more than ~5,000 nodes needs more than V8's default ~1 MB stack under Pyodide:
// run node with --stack-size=4000 for deep graphs (sitebuild/pyodide_harness.py does).

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const USAGE =
  "usage: run_in_pyodide.mjs --wheels DIR|FILE.whl [--wheels ...]... [--root DIR] " +
  "(--pytest PATH... | --script FILE.py) [-- ARGS...]";

function parseArgs(argv) {
  const opts = { wheels: [], root: process.cwd(), pytest: [], script: null, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (arg === "--") {
      opts.rest = argv.slice(i + 1);
      break;
    } else if (arg === "--wheels") opts.wheels.push(path.resolve(value()));
    else if (arg === "--root") opts.root = path.resolve(value());
    else if (arg === "--script") opts.script = path.resolve(value());
    else if (arg === "--pytest") {
      while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) opts.pytest.push(argv[++i]);
      if (opts.pytest.length === 0) throw new Error(`--pytest needs at least one path\n${USAGE}`);
    } else if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  if ((opts.script === null) === (opts.pytest.length === 0)) {
    throw new Error(`give exactly one of --pytest or --script\n${USAGE}`);
  }
  return opts;
}

// Refuse any remote request: the suite must prove that everything runs from local files.
function forbidNetwork() {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (resource, init) => {
    const url = String(resource?.url ?? resource);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith("file:")) {
      const message = `run_in_pyodide: network request refused (everything must be local): ${url}`;
      process.stderr.write(message + "\n");
      throw new Error(message);
    }
    return realFetch(resource, init);
  };
}

function wheelFiles(dirs) {
  const files = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) throw new Error(`--wheels path does not exist: ${dir}`);
    if (fs.statSync(dir).isFile()) {
      if (!dir.endsWith(".whl")) throw new Error(`--wheels file is not a wheel: ${dir}`);
      files.push(dir);
      continue;
    }
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith(".whl")) files.push(path.join(dir, name));
    }
  }
  return files;
}

// Copy a host file or directory tree into Pyodide's in-memory file system.
function copyIntoPyodide(FS, hostPath, pyPath) {
  const stat = fs.statSync(hostPath);
  if (stat.isDirectory()) {
    FS.mkdirTree(pyPath);
    for (const name of fs.readdirSync(hostPath)) {
      if (name === "__pycache__" || name.startsWith(".")) continue;
      copyIntoPyodide(FS, path.join(hostPath, name), `${pyPath}/${name}`);
    }
  } else {
    FS.mkdirTree(path.posix.dirname(pyPath));
    FS.writeFile(pyPath, fs.readFileSync(hostPath));
  }
}

const INSTALL_WHEELS = `
import site, sys, zipfile
_site = site.getsitepackages()[0]
for _wheel in WHEELS:
    with zipfile.ZipFile(_wheel) as _zip:
        _zip.extractall(_site)
print(f"[pyodide] Python {sys.version.split()[0]} on {sys.platform}; installed {len(WHEELS)} wheels offline",
      file=sys.stderr, flush=True)
`;

const RUN_PYTEST = `
import os, sys
import pytest
import micrograd_core
print(f"[pyodide] micrograd_core {micrograd_core.__version__} imported from {micrograd_core.__file__}",
      file=sys.stderr, flush=True)
os.chdir(ROOT)
sys.argv = ["pytest", *ARGS]
EXIT_CODE = int(pytest.main(ARGS))
`;

const RUN_SCRIPT = `
import os, runpy, sys, traceback
sys.argv = [SCRIPT, *ARGS]
sys.path.insert(0, os.path.dirname(SCRIPT))
try:
    runpy.run_path(SCRIPT, run_name="__main__")
    EXIT_CODE = 0
except SystemExit as exc:
    EXIT_CODE = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    if not isinstance(exc.code, int | None):
        print(exc.code, file=sys.stderr)
except BaseException:
    traceback.print_exc()
    EXIT_CODE = 1
sys.stdout.flush(); sys.stderr.flush()
`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  forbidNetwork();

  const require = createRequire(import.meta.url);
  let pyodideEntry;
  try {
    pyodideEntry = require.resolve("pyodide/pyodide.mjs");
  } catch {
    throw new Error("node_modules/pyodide not found: run `npm ci` at the repository root first");
  }
  const { loadPyodide, version } = await import(pyodideEntry);
  const pyodide = await loadPyodide({ indexURL: path.dirname(pyodideEntry) + path.sep });
  const write = (stream) => ({
    write: (buffer) => {
      stream.write(buffer);
      return buffer.length;
    },
  });
  pyodide.setStdout(write(process.stdout));
  pyodide.setStderr(write(process.stderr));
  console.error(`[pyodide] Pyodide ${version} loaded from ${path.dirname(pyodideEntry)}`);

  const wheels = wheelFiles(opts.wheels);
  const pyWheels = wheels.map((file) => {
    const target = `/tmp/wheels/${path.basename(file)}`;
    copyIntoPyodide(pyodide.FS, file, target);
    return target;
  });
  pyodide.globals.set("WHEELS", pyodide.toPy(pyWheels));
  pyodide.runPython(INSTALL_WHEELS);

  let code;
  if (opts.script !== null) {
    // As `python FILE.py` would, make the script's sibling modules importable: copy them alongside.
    const scriptDir = path.dirname(opts.script);
    for (const name of fs.readdirSync(scriptDir)) {
      if (name.endsWith(".py")) copyIntoPyodide(pyodide.FS, path.join(scriptDir, name), `/work/script/${name}`);
    }
    const target = `/work/script/${path.basename(opts.script)}`;
    pyodide.globals.set("SCRIPT", target);
    pyodide.globals.set("ARGS", pyodide.toPy(opts.rest));
    pyodide.runPython(RUN_SCRIPT);
  } else {
    const pyRoot = "/work/repo";
    pyodide.FS.mkdirTree(pyRoot);
    const config = path.join(opts.root, "pyproject.toml");
    if (fs.existsSync(config)) copyIntoPyodide(pyodide.FS, config, `${pyRoot}/pyproject.toml`);
    const pytestPaths = [];
    for (const rel of opts.pytest) {
      const host = path.resolve(opts.root, rel);
      const inside = path.relative(opts.root, host);
      if (inside.startsWith("..") || path.isAbsolute(inside)) {
        throw new Error(`--pytest path ${rel} is outside --root ${opts.root}`);
      }
      if (!fs.existsSync(host)) throw new Error(`--pytest path does not exist: ${host}`);
      const posixInside = inside.split(path.sep).join("/") || ".";
      copyIntoPyodide(pyodide.FS, host, `${pyRoot}/${posixInside}`);
      pytestPaths.push(posixInside);
    }
    pyodide.globals.set("ROOT", pyRoot);
    // No cache provider: nothing to persist in a throw-away in-memory file system.
    pyodide.globals.set("ARGS", pyodide.toPy([...pytestPaths, "-p", "no:cacheprovider", ...opts.rest]));
    pyodide.runPython(RUN_PYTEST);
  }
  code = pyodide.globals.get("EXIT_CODE");
  process.exitCode = code;
}

main().catch((err) => {
  process.stderr.write(`run_in_pyodide: ${err?.stack ?? err}\n`);
  process.exitCode = 2;
});
