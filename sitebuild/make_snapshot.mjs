// node make_snapshot.mjs CONFIG.json
// Boots the site's own Pyodide in Node, installs the site's wheels, runs the app up to its first
// document, and saves a memory snapshot the page's worker restores (sitebuild/snapshot.py says why and
// what CONFIG holds). Everything that touches Pyodide's private snapshot API is marked PRIVATE and
// pinned by tests/static_site/test_snapshot.py.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(config.core, "pyodide.js"));
// Panel imports pyodide_http, which patches XMLHttpRequest; the worker has one, Node does not. Only
// its name is recorded in the snapshot (as a path from globalThis), and the worker's is used on restore.
globalThis.XMLHttpRequest ??= class XMLHttpRequest {};

// PRIVATE: pyodide.asm.js defines the Emscripten factory as a global, and loadPyodide uses it if it is
// already defined. Wrapping it is the one way to give Emscripten `dynamicLibraries`: libraries loaded
// before the runtime starts, so they sit at the same memory and table bases when the worker restores.
require(path.resolve(config.core, "pyodide.asm.js"));
const createModule = globalThis._createPyodideModule;
globalThis._createPyodideModule = (settings) => {
  settings.dynamicLibraries = config.dylibs.map((lib) => lib.fs_path);
  const locate = settings.locateFile;
  const hostPath = Object.fromEntries(config.dylibs.map((lib) => [lib.fs_path, lib.host_path]));
  settings.locateFile = (file) => hostPath[file] ?? locate(file);
  return createModule(settings);
};

const py = await loadPyodide({
  indexURL: path.resolve(config.core) + "/",
  env: config.env,
  _makeSnapshot: true, // PRIVATE
});
const sitePackages = py._api.sitePackages; // PRIVATE
py.FS.mkdirTree("/mg-wheels");
py.FS.mount(py.FS.filesystems.NODEFS, { root: path.resolve(config.wheel_dir) }, "/mg-wheels");
py.globals.set("MG_WHEELS", config.wheels.map((name) => `/mg-wheels/${name}`));
py.globals.set("MG_SITE_PACKAGES", sitePackages);
// Unpacked from Python, not with loadPackage: a loaded package is state the snapshot cannot hold.
py.runPython(`
import zipfile
for wheel in MG_WHEELS:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(MG_SITE_PACKAGES)
del MG_WHEELS, MG_SITE_PACKAGES, wheel, archive, zipfile
import importlib
importlib.invalidate_caches()
`);
py.FS.unmount("/mg-wheels");

const firstRender = await py.runPythonAsync(fs.readFileSync(config.app_code, "utf8"));
py.globals.set("_mg_first_render", firstRender);
firstRender.destroy();
const report = JSON.parse(py.runPython(fs.readFileSync(config.prepare_script, "utf8")));

const LDSO = py._module.LDSO; // PRIVATE: Emscripten's dynamic-linker state
const preloaded = new Set(config.dylibs.map((lib) => lib.fs_path));
const lateLibraries = Object.keys(LDSO.loadedLibsByName).filter((name) => name.endsWith(".so") && !preloaded.has(name));
if (lateLibraries.length > 0) {
  // Loaded after start-up, they would not be at the same place on restore: the caller adds them and retries.
  fs.writeFileSync(config.out_manifest, JSON.stringify({ late_libraries: lateLibraries }));
  process.exit(3);
}
const handles = Object.entries(LDSO.loadedLibsByHandle).map(([handle, dso]) => [Number(handle), dso.name]);

// PRIVATE: Pyodide 0.29.3 can only save JS values it can find again from globalThis. Panel holds one
// more (its `_dict_converter`, made by run_js) and run_js leaves an `undefined` in the table: the
// function is saved by its index into a list the worker declares, the `undefined` by a marker.
const UNDEFINED_MARKER = { mgUndefined: true };
for (let index = 0; ; index++) {
  let value;
  try {
    value = py._module.__hiwire_get(index);
  } catch {
    break;
  }
  if (value === undefined && index >= 7) py._module.__hiwire_set(index, UNDEFINED_MARKER);
}
const functions = [];
const serializer = (value) => {
  if (value === UNDEFINED_MARKER) return { mgUndefined: true };
  if (typeof value === "function") {
    functions.push(value.toString());
    return { mgFunction: functions.length - 1 };
  }
  throw new Error(`micrograd-web: the snapshot cannot hold this JS value: ${String(value).slice(0, 200)}`);
};
const snapshot = py.makeMemorySnapshot({ serializer });

const relative = (file) => file.slice(sitePackages.length + 1);
const neverRead = (file) => {
  const parts = relative(file).split("/");
  return config.never_read.suffixes.some((suffix) => file.endsWith(suffix)) || parts[0].endsWith(".data")
    || parts.slice(0, -1).some((part) => config.never_read.folders.includes(part));
};
const files = [];
const walk = (dir) => {
  for (const name of py.FS.readdir(dir)) {
    if (name === "." || name === "..") continue;
    const full = `${dir}/${name}`;
    if (py.FS.isDir(py.FS.stat(full).mode)) walk(full);
    else if (!preloaded.has(full) && !skip.has(full) && !neverRead(full)) files.push(full);
  }
};
const skip = new Set(report.skip);
walk(sitePackages);
// The app's own files and every package's METADATA (Pyodide reads them all as it starts) ship in one
// blob, written before Python starts; every other file is fetched the first time Python opens it
// (snapshot_worker.js), so a visitor downloads only what is read.
const isEager = (file) => config.eager_packages.includes(relative(file).split("/")[0])
  || /^[^/]+\.dist-info\/METADATA$/.test(relative(file));
const eager = files.filter(isEager);
const lazy = files.filter((file) => !isEager(file));
const contents = eager.map((file) => py.FS.readFile(file));
fs.writeFileSync(config.out_files, zlib.gzipSync(Buffer.concat(contents), { level: 9 }));
const lazySizes = lazy.map((file) => {
  const target = path.join(config.out_lazy_dir, relative(file));
  const bytes = py.FS.readFile(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes);
  return [relative(file), bytes.length];
});
fs.writeFileSync(config.out_snapshot, snapshot); // compressed by snapshot.py
fs.writeFileSync(config.out_manifest, JSON.stringify({
  files: eager.map((file, i) => [file, contents[i].length]),
  lazy: lazySizes,
  handles,
  functions,
  snapshot_bytes: snapshot.length,
  report,
}));
process.exit(0);
