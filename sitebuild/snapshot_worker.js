// micrograd-web: start Python from the build's memory snapshot (sitebuild/snapshot.py); on any error,
// a missing file or a snapshot made from other files, start as Panel's worker does (mgStartPlain).
// Needs MG_SITE, MG_SNAPSHOT (key, dir, indexURL, dylibs, functions), sendPatch and mgStartPlain.

async function mgGunzip(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A host that sends the file with Content-Encoding: gzip had the browser undo the gzip already.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function mgFetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// Each visitor is a fresh session: re-seed what the snapshot froze.
const MG_AFTER_RESTORE = `
import random as _mg_random, sys as _mg_sys
_mg_random.seed()
if "numpy.random" in _mg_sys.modules:
    _mg_sys.modules["numpy.random"].seed()
del _mg_random, _mg_sys
`;

async function mgRestore(manifest, snapshot, files) {
  // PRIVATE (sitebuild/snapshot.py PRIVATE_API): the Emscripten factory, wrapped to load numpy's
  // extension modules before Python starts, at the places they had when the snapshot was made.
  if (typeof _createPyodideModule !== "function") importScripts(MG_SNAPSHOT.indexURL + "pyodide.asm.js");
  const createModule = globalThis._createPyodideModule;
  const libraryURL = Object.fromEntries(
    MG_SNAPSHOT.dylibs.map((lib) => [lib, MG_SITE(MG_SNAPSHOT.dir + "lib/" + lib.split("/site-packages/")[1])]));
  globalThis._createPyodideModule = (settings) => {
    settings.dynamicLibraries = MG_SNAPSHOT.dylibs;
    const locate = settings.locateFile;
    settings.locateFile = (file) => libraryURL[file] ?? locate(file);
    return createModule(settings);
  };
  try {
    const pyodide = await loadPyodide({
      indexURL: MG_SNAPSHOT.indexURL,
      _loadSnapshot: snapshot,
      _snapshotDeserializer: (saved) => (saved.mgUndefined ? undefined : MG_SNAPSHOT.functions[saved.mgFunction]),
      fsInit: (FS) => {
        let offset = 0;
        for (const [path, size] of manifest.files) {
          FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
          FS.writeFile(path, files.subarray(offset, offset + size));
          offset += size;
        }
      },
    });
    const LDSO = pyodide._module.LDSO;
    for (const [handle, name] of manifest.handles) {
      if (handle !== 0) LDSO.loadedLibsByHandle[handle] = LDSO.loadedLibsByName[name];
    }
    return pyodide;
  } finally {
    globalThis._createPyodideModule = createModule;
  }
}

async function mgStartFromSnapshot() {
  self.postMessage({type: "status", msg: "Starting Python from the site's snapshot…"});
  const base = MG_SITE(MG_SNAPSHOT.dir);
  const [manifest, snapshot, files] = await Promise.all([
    mgFetchJson(base + "manifest.json"), mgGunzip(base + "python.snapshot.gz"), mgGunzip(base + "site-packages.gz"),
  ]);
  if (manifest.key !== MG_SNAPSHOT.key) throw new Error("the snapshot was made from other files than this page");
  const pyodide = await mgRestore(manifest, snapshot, files);
  pyodide.runPython(MG_AFTER_RESTORE);
  pyodide.globals.set("sendPatch", sendPatch);
  const firstRender = pyodide.globals.get("_mg_first_render");
  const [docs_json, render_items, root_ids] = firstRender.toJs();
  firstRender.destroy();
  pyodide.runPython("del _mg_first_render");
  self.pyodide = pyodide;
  self.postMessage({type: "render", docs_json, render_items, root_ids});
}

async function startApplication() {
  try {
    await mgStartFromSnapshot();
    self.postMessage({type: "mg-start", how: "snapshot"});
    return;
  } catch (error) {
    console.warn(`micrograd-web: starting without the snapshot (${error})`);
    self.postMessage({type: "mg-start", how: "plain", why: String(error)});
  }
  await mgStartPlain();
}
