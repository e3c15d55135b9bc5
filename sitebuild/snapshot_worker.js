// micrograd-web: start Python from the build's memory snapshot (sitebuild/snapshot.py); on any error,
// a missing file or a snapshot made from other files, start as Panel's worker does (mgStartPlain).
// Needs MG_SITE, MG_SNAPSHOT (key, dir, heap, sitePackages, indexURL, dylibs, functions), mgXzLibrary
// (xz-decompress), sendPatch and mgStartPlain.

const MG_STDLIB = "/lib/python313.zip";

async function mgFetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function mgGunzip(url) {
  const bytes = new Uint8Array(await (await mgFetchOk(url)).arrayBuffer());
  // A host that sends the file with Content-Encoding: gzip had the browser undo the gzip already.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Makes each folder of the files it is given once (mkdirTree tries every parent, and fails on each
// that exists): thousands of files share a few hundred folders.
function mgFolderMaker(FS) {
  const made = new Set();
  return (path) => {
    const folder = path.slice(0, path.lastIndexOf("/"));
    if (!made.has(folder)) {
      FS.mkdirTree(folder);
      made.add(folder);
    }
  };
}

// A file fetched the first time Python opens it (a synchronous request: a worker may make one, and
// Python's file system calls cannot wait). Until then it reports its size and nothing more. Its folder
// must exist (mgFolderMaker).
// PRIVATE (Emscripten's MEMFS): a file node's `contents`, `usedBytes` and `stream_ops`.
function mgLazyFile(FS, path, size, url) {
  const node = FS.create(path);
  const fileOps = node.stream_ops;
  node.usedBytes = size;
  node.stream_ops = {
    ...fileOps,
    open(stream) {
      const request = new XMLHttpRequest();
      request.open("GET", url, false);
      request.responseType = "arraybuffer";
      request.send();
      if (request.status !== 200) {
        console.warn(`micrograd-web: cannot read ${path}: HTTP ${request.status} for ${url}`);
        throw new FS.ErrnoError(29); // EIO
      }
      node.contents = new Uint8Array(request.response);
      node.usedBytes = node.contents.length;
      node.stream_ops = fileOps;
      stream.stream_ops = fileOps;
      fileOps.open?.(stream);
    },
  };
}

// Each visitor is a fresh session: re-seed what the snapshot froze.
const MG_AFTER_RESTORE = `
import random as _mg_random, sys as _mg_sys
_mg_random.seed()
if "numpy.random" in _mg_sys.modules:
    _mg_sys.modules["numpy.random"].seed()
del _mg_random, _mg_sys
`;

// The bytes an xz stream holds, by xz-decompress (mgXzLibrary must have run where this runs).
function mgDecodeXz(stream) {
  return new Response(new self["xz-decompress"].XzReadableStream(stream)).arrayBuffer();
}

// An .xz file (Python's memory, numpy's libraries), decoded while it downloads. Each file has a helper
// worker of its own, fed the bytes as they arrive, so that the halves of the memory decode at once and
// this worker stays free for Pyodide's own start. Without nested workers, it is decoded here.
const MG_XZ_HELPER = `(${mgXzLibrary}).call(self);
let input;
(${mgDecodeXz})(new ReadableStream({start(controller) { input = controller; }})).then(
  (bytes) => self.postMessage({bytes}, [bytes]), (error) => self.postMessage({error: String(error)}));
self.onmessage = ({data}) => (data === null ? input.close() : input.enqueue(data));
`;

async function mgUnxz(url) {
  const response = await mgFetchOk(url);
  if (typeof Worker !== "function") {
    if (!self["xz-decompress"]) mgXzLibrary.call(self);
    return new Uint8Array(await mgDecodeXz(response.body));
  }
  const helperURL = URL.createObjectURL(new Blob([MG_XZ_HELPER], {type: "text/javascript"}));
  const helper = new Worker(helperURL);
  try {
    const result = new Promise((resolve, reject) => {
      helper.onmessage = ({data}) => (data.error ? reject(new Error(`${url}: ${data.error}`)) : resolve(data.bytes));
      helper.onerror = (event) => reject(new Error(`${url}: ${event.message}`));
    });
    result.catch(() => {}); // awaited below, after the last chunk is sent
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      helper.postMessage(chunk.value, [chunk.value.buffer]);
    }
    helper.postMessage(null);
    return new Uint8Array(await result);
  } finally {
    helper.terminate();
    URL.revokeObjectURL(helperURL);
  }
}

function mgConcat(parts) {
  const whole = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

// Each argument is a promise: Pyodide starts fetching its own files at once and waits for ours only
// where it needs them (the memory before the runtime starts, the files in fsInit).
async function mgRestore(manifest, snapshot, files, libraries) {
  // PRIVATE (sitebuild/snapshot.py PRIVATE_API): the Emscripten factory, wrapped to load numpy's
  // extension modules before Python starts, at the places they had when the snapshot was made.
  if (typeof _createPyodideModule !== "function") importScripts(MG_SNAPSHOT.indexURL + "pyodide.asm.js");
  const createModule = globalThis._createPyodideModule;
  const libraryURLs = [];
  globalThis._createPyodideModule = async (settings) => {
    libraryURLs.push(...(await libraries).map((library) => URL.createObjectURL(library)));
    const libraryURL = Object.fromEntries(MG_SNAPSHOT.dylibs.map((lib, i) => [lib, libraryURLs[i]]));
    settings.dynamicLibraries = MG_SNAPSHOT.dylibs;
    const locate = settings.locateFile;
    settings.locateFile = (file) => libraryURL[file] ?? locate(file);
    return createModule(settings);
  };
  // The standard library's modules Python imported are in the memory already: the zip is read only
  // when Python imports one more. Pyodide gets an empty one, swapped for the real one, lazily, below.
  const emptyZip = URL.createObjectURL(new Blob([]));
  try {
    const pyodide = await loadPyodide({
      indexURL: MG_SNAPSHOT.indexURL,
      stdLibURL: emptyZip,
      _loadSnapshot: snapshot,
      _snapshotDeserializer: (saved) => (saved.mgUndefined ? undefined : MG_SNAPSHOT.functions[saved.mgFunction]),
      fsInit: async (FS) => {
        const [{files: eager, lazy}, blob] = await Promise.all([manifest, files]);
        const makeFolder = mgFolderMaker(FS);
        let offset = 0;
        for (const [path, size] of eager) {
          makeFolder(path);
          FS.writeFile(path, blob.subarray(offset, offset + size));
          offset += size;
        }
        const lazyBase = MG_SITE(MG_SNAPSHOT.dir + "files/");
        for (const [path, size] of lazy) {
          const installed = MG_SNAPSHOT.sitePackages + path;
          makeFolder(installed);
          mgLazyFile(FS, installed, size, lazyBase + path);
        }
      },
    });
    const {handles, stdlib_bytes} = await manifest;
    const LDSO = pyodide._module.LDSO;
    for (const [handle, name] of handles) {
      if (handle !== 0) LDSO.loadedLibsByHandle[handle] = LDSO.loadedLibsByName[name];
    }
    pyodide.FS.unlink(MG_STDLIB);
    mgLazyFile(pyodide.FS, MG_STDLIB, stdlib_bytes, MG_SNAPSHOT.indexURL + "python_stdlib.zip");
    return pyodide;
  } finally {
    URL.revokeObjectURL(emptyZip);
    globalThis._createPyodideModule = createModule;
    libraryURLs.forEach((url) => URL.revokeObjectURL(url));
  }
}

async function mgStartFromSnapshot() {
  self.postMessage({type: "status", msg: "Starting Python from the site's snapshot…"});
  const base = MG_SITE(MG_SNAPSHOT.dir);
  const manifest = mgFetchOk(base + "manifest.json").then((response) => response.json()).then((manifest) => {
    if (manifest.key !== MG_SNAPSHOT.key) throw new Error("the snapshot was made from other files than this page");
    return manifest;
  });
  const library = async (lib) => new Blob([await mgUnxz(base + "lib/" + lib.slice(MG_SNAPSHOT.sitePackages.length) + ".xz")],
                                         {type: "application/wasm"});
  const snapshot = Promise.all(MG_SNAPSHOT.heap.map((part) => mgUnxz(base + part))).then(mgConcat);
  const files = mgGunzip(base + "site-packages.gz");
  const libraries = Promise.all(MG_SNAPSHOT.dylibs.map(library));
  // Awaited together, so that whichever fails first is the error (and none is left unhandled).
  const ready = Promise.all([manifest, snapshot, files, libraries]);
  ready.catch(() => {});
  const pyodide = await mgRestore(manifest, ready.then(() => snapshot), files, libraries);
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
