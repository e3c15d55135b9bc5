// node compile_pyc.mjs PYODIDE_DIR IN_DIR OUT_DIR wheel...
// Boots Pyodide (the site's own core files) in Node and runs pyc_in_pyodide.py on the wheels.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [core, inDir, outDir, ...wheels] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(core, "pyodide.js"));
const here = path.dirname(fileURLToPath(import.meta.url));
const py = await loadPyodide({ indexURL: path.resolve(core) + "/" });
for (const [mount, root] of [["/in", inDir], ["/out", outDir], ["/scripts", here]]) {
  py.FS.mkdirTree(mount);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: path.resolve(root) }, mount);
}
py.globals.set("ARGS", ["/in", "/out", ...wheels]);
py.runPython(
  "import sys; sys.argv = ['pyc_in_pyodide.py', *ARGS]\n" +
  "exec(compile(open('/scripts/pyc_in_pyodide.py').read(), 'pyc_in_pyodide.py', 'exec'))"
);
