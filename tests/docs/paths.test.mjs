// README.md and Cargo.toml name only files that exist (issue 17): every repository path they
// mention — a link target, or a path under one of the repository's folders, in text, tables,
// comments or code — must be in the work tree. Build output (dist/, pkg/, target/) and installed
// packages (node_modules/) are not repository paths; nor are placeholders (`{sku}`, `…`, `*`).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The repository's own top-level folders, read from the tree, so a new one is covered too.
const GENERATED = new Set(['dist', 'pkg', 'target', 'node_modules', 'screenshots', 'test-results']);
const folders = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !GENERATED.has(e.name) && !e.name.startsWith('pkg-'))
  .map((e) => e.name)
  .concat(['.ci']);
const ROOT_FILE = /^[A-Z][\w-]*\.(?:md|toml|json)$|^(?:package(?:-lock)?\.json|Cargo\.(?:toml|lock)|rustfmt\.toml)$/;

/** Every repository path named in `text`. */
export function pathsIn(text) {
  const found = new Set();
  const clean = (p) => p.replace(/[.,;:)]+$/, '').replace(/#.*$/, '');
  const placeholder = (p) => /[{}…*<>$]|\.\.\./.test(p);
  // Markdown links to files of the repository.
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^(?:[a-z]+:|#|\/)/.test(target)) continue;
    const p = clean(target);
    if (p && !placeholder(p)) found.add(p);
  }
  // Paths under a repository folder, wherever they stand (not inside a URL or another path).
  const under = new RegExp(`(?<![\\w./@~-])((?:${folders.map((f) => f.replace('.', '\\.')).join('|')})/[\\w./@{}…*<>$-]*)`, 'g');
  for (const [, raw] of text.matchAll(under)) {
    const p = clean(raw);
    if (!placeholder(p)) found.add(p);
  }
  // Root files named alone in backticks (`ARCHITECTURE.md`).
  for (const [, name] of text.matchAll(/`([^`\s/]+)`/g)) if (ROOT_FILE.test(name)) found.add(name);
  return [...found];
}

for (const file of ['README.md', 'Cargo.toml']) {
  test(`every repository path ${file} names exists`, () => {
    const named = pathsIn(readFileSync(join(root, file), 'utf8'));
    assert.ok(named.length >= (file === 'README.md' ? 20 : 3), `only ${named.length} paths found in ${file}: ${named.join(', ')}`);
    const missing = named.filter((p) => !existsSync(join(root, p)));
    assert.deepEqual(missing, [], `${file} names paths that do not exist`);
  });
}

test('the path finder sees paths in prose, tables, links and code, and skips placeholders and URLs', () => {
  const text = 'See `src/js_api/` and [spec](docs/SPEC.md), `ARCHITECTURE.md`, bench/run.mjs, '
    + '| `www/` | x |, `/stock/{website}/{sku}.json`, https://example.com/src/x.rs, tests/e2e/*.test.mjs, node_modules/x/dist/y.wasm';
  assert.deepEqual(pathsIn(text).sort(), ['ARCHITECTURE.md', 'bench/run.mjs', 'docs/SPEC.md', 'src/js_api/', 'www/'].sort());
});
