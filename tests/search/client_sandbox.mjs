// Runs site/search.js in a node vm sandbox the way a browser runs it from file://: a fake
// window and document whose <script> elements read the index files from the site folder and
// evaluate them. Records every file loaded, so tests and the benchmark can see what a query
// transfers. Used by tests/search/*.test.mjs and bench/search_first_query.mjs.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const clientPath = fileURLToPath(new URL('../../site/search.js', import.meta.url));

// Loads the client as if search.js were in `siteDir` (the site root). Returns the client's
// window.styrSearch and `loaded`, the files read so far as {file, bytes}, file relative to
// the site root.
export function loadClient(siteDir) {
  const loaded = [];
  const sandbox = { URL, console, setTimeout, clearTimeout };
  const head = {
    appendChild(element) {
      setImmediate(() => runScript(element));
      return element;
    },
    removeChild() {},
  };
  sandbox.window = sandbox;
  sandbox.document = {
    currentScript: { src: pathToFileURL(path.join(siteDir, 'search.js')).href, getAttribute: () => null },
    baseURI: pathToFileURL(path.join(siteDir, 'search.html')).href,
    readyState: 'complete',
    head,
    createElement: (tag) => ({ tagName: tag.toUpperCase(), parentNode: head }),
    getElementById: () => null,
  };
  vm.createContext(sandbox);

  function runScript(element) {
    const file = fileURLToPath(element.src);
    let code;
    try {
      code = fs.readFileSync(file, 'utf8');
    } catch {
      element.onerror();
      return;
    }
    loaded.push({ file: path.relative(siteDir, file), bytes: Buffer.byteLength(code) });
    vm.runInContext(code, sandbox, { filename: file });
    element.onload();
  }

  vm.runInContext(fs.readFileSync(clientPath, 'utf8'), sandbox, { filename: clientPath });
  sandbox.document.currentScript = null;
  return { client: sandbox.styrSearch, loaded };
}
