// The README's React 19, Preact and Vue 3 snippets, as written (read from README.md's text), in an
// app that installs the package from `npm pack`'s tarball, bundled by esbuild, run in Chromium under
// the strict Content-Security-Policy (issue 17). What real apps showed and these check:
// - the packed tarball carries dist/ and imports by name;
// - React: a new `selection` object on every render, with the answer kept in state, settles (the
//   element compares by value) instead of looping; `selection` is set as a property;
// - Preact: `data={null}` arrives as '' and means "no document" (the element follows src);
// - Vue: the same loop through a template literal object and a ref, settled;
// - a configurable page shows availability, not "You need to choose options…", until Add to Cart
//   calls reportValidity(); a quantity the shopper types shows its refusal at once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';
import { parts, root, start, waitForMessage } from './harness.mjs';

const README = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's fenced code block whose first line names `file` (`// main.tsx`, `<!-- App.vue -->`). */
export function snippet(file) {
  const blocks = [...README.matchAll(/^```[\w-]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  const named = blocks.filter((b) => {
    const first = b.split('\n', 1)[0].trim();
    return first === `// ${file}` || first === `<!-- ${file} -->`;
  });
  assert.equal(named.length, 1, `README.md has ${named.length} blocks named ${file}`);
  return named[0];
}

const app = join(root, 'target', 'framework-apps');
let h;
let tarball;

before(async () => {
  h = await start();
  // The package as npm would publish it, installed as an app's dependency.
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', app], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  tarball = packed;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'framework-apps', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-save', join(app, packed.filename)], { cwd: app, stdio: 'pipe' });
});
after(async () => { await h?.stop(); });

test('npm pack ships dist/ (element, class, glue, wasm, types, manifest) and nothing of the source', () => {
  const files = tarball.files.map((f) => f.path);
  for (const f of ['dist/stock-status.js', 'dist/stock-status-element.js', 'dist/stock-status-core_bg.wasm', 'dist/stock-status-composite.js',
    'dist/stock-status-composite_bg.wasm', 'dist/salable.js', 'dist/stock-status.d.ts', 'dist/stock-status-element.d.ts', 'dist/react.d.ts',
    'dist/vue.d.ts', 'dist/custom-elements.json', 'dist/stock-status.css', 'package.json', 'README.md']) {
    assert.ok(files.includes(f), `${f} is not in the tarball`);
  }
  assert.deepEqual(files.filter((f) => /^(src|www|tests|bridge|target)\//.test(f)), []);
  const installed = join(app, 'node_modules', 'salable');
  assert.ok(existsSync(join(installed, 'dist', 'stock-status.js')), 'installed package has dist/');
});

const feeds = {
  '/stock/MS09.json': readFileSync(join(root, 'www/products/ariel-tee.json')),
  '/stock/24-MB01.json': readFileSync(join(root, 'www/products/joust-duffle-bag.json')),
};

/** Compiles `.vue` files with Vue's own SFC compiler, as @vitejs/plugin-vue does, with the options
 *  of the README's vite.config.js. */
function vuePlugin() {
  const config = snippet('vite.config.js');
  const m = /isCustomElement:\s*(\([^)]*\)\s*=>\s*[^}]+?)\s*\}/.exec(config);
  assert.ok(m, 'vite.config.js sets isCustomElement');
  const isCustomElement = (0, eval)(`(${m[1]})`);
  return {
    name: 'vue-sfc',
    setup(b) {
      b.onLoad({ filter: /\.vue$/ }, async (args) => {
        const { parse, compileScript } = await import('vue/compiler-sfc');
        const { descriptor, errors } = parse(readFileSync(args.path, 'utf8'), { filename: args.path });
        if (errors.length) throw errors[0];
        const out = compileScript(descriptor, { id: 'app', inlineTemplate: true, templateOptions: { compilerOptions: { isCustomElement } } });
        return { contents: out.content, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Writes the snippets into an app folder, bundles `entry` and serves it at /fw/{name}/ under the CSP. */
async function frameworkPage(name, files, entry, jsxImportSource) {
  const dir = join(app, name);
  mkdirSync(join(dir, 'out'), { recursive: true });
  for (const file of files) writeFileSync(join(dir, file), snippet(file));
  await build({
    absWorkingDir: dir, entryPoints: [entry], bundle: true, format: 'esm', outfile: 'out/app.js', logLevel: 'silent',
    jsx: 'automatic', jsxImportSource, plugins: [vuePlugin()],
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  });
  // As the README says for esbuild: the element's wasm and composite module beside the bundle.
  const dist = join(app, 'node_modules', 'salable', 'dist');
  for (const f of readdirSync(dist).filter((f) => f.endsWith('.wasm') || f === 'stock-status-composite.js')) copyFileSync(join(dist, f), join(dir, 'out', f));

  const page = await h.page();
  page.violations = [];
  await page.exposeFunction('__violation', (v) => page.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`));
    window.__changes = 0;
    document.addEventListener('stock-status-change', () => window.__changes++);
  });
  const types = { js: 'text/javascript', wasm: 'application/wasm' };
  await page.route(`${h.base}/fw/${name}/**`, (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop();
    if (!file) {
      return route.fulfill({
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title><script type="module" src="/fw/${name}/app.js"></script></head><body><main id="app"></main></body></html>`,
      });
    }
    const path = join(dir, 'out', file);
    return existsSync(path) ? route.fulfill({ contentType: types[file.split('.').pop()], body: readFileSync(path) }) : route.fulfill({ status: 404 });
  });
  for (const [path, body] of Object.entries(feeds)) await page.route(`${h.base}${path}`, (route) => route.fulfill({ contentType: 'application/json', body }));
  await page.goto(`${h.base}/fw/${name}/`);
  return page;
}

/** Waits until no stock-status-change has fired for `quiet` ms (at most `limit` ms), and returns the count. */
async function settledChanges(page, quiet = 600, limit = 5000) {
  let last = await page.evaluate(() => window.__changes);
  for (let waited = 0; waited < limit; waited += quiet) {
    await page.waitForTimeout(quiet);
    const now = await page.evaluate(() => window.__changes);
    if (now === last) return now;
    last = now;
  }
  assert.fail(`stock-status-change kept firing: ${last} events in ${limit} ms`);
}

describe('README snippets in Chromium, under the strict CSP', () => {
  test('React 19: the element defined first, selection as a property, no render loop, reportValidity on Add to cart', async () => {
    const page = await frameworkPage('react', ['main.tsx'], 'main.tsx', 'react');
    await waitForMessage(page, '#app stock-status', 'In stock');
    // A configurable page before any choice: availability, not the unearned refusal.
    assert.deepEqual(await parts(page, '#app stock-status'), { kind: 'in_stock', message: 'In stock', notice: null, error: null });
    assert.ok(await settledChanges(page) <= 3, 'a new-but-equal selection must not loop');
    await page.click('text=Add to cart');
    await page.waitForFunction(() => !document.querySelector('#app stock-status').shadowRoot.querySelector('[part="error"]').hidden);
    assert.equal((await parts(page, '#app stock-status')).error, 'You need to choose options for your item.');
    const before = await page.evaluate(() => window.__changes);
    await page.click('button:text-is("M")');
    await waitForMessage(page, '#app stock-status', 'Only 2 left');
    assert.equal(await page.$eval('#app stock-status', (el) => el.availability.variant), 'MS09-M-Black');
    assert.ok((await settledChanges(page)) - before <= 3, 'one choice, a few evaluations, then quiet');
    assert.deepEqual(await page.$eval('#app stock-status', (el) => [el.hasAttribute('selection'), el.selection]), [false, { size: 'M', color: 'Black' }]);
    assert.deepEqual(page.violations, []);
    assert.deepEqual(page.errors, []);
  });

  test('Preact: data={null} arrives as "" and the element follows src; a typed quantity shows its refusal at once', async () => {
    const page = await frameworkPage('preact', ['app.tsx'], 'app.tsx', 'preact');
    await waitForMessage(page, '#app stock-status', 'In stock');
    assert.equal(await page.$eval('#app stock-status', (el) => el.hasAttribute('variant')), false);
    await page.fill('input[aria-label="Quantity"]', '0');
    await page.waitForFunction(() => !document.querySelector('#app stock-status').shadowRoot.querySelector('[part="error"]').hidden);
    assert.equal((await parts(page, '#app stock-status')).error, 'Please enter a quantity greater than 0.');
    assert.ok(await settledChanges(page) <= 4);
    assert.deepEqual(page.violations, []);
    assert.deepEqual(page.errors, []);
  });

  test('Vue 3: a template object literal as selection and the answer in a ref settle; v-model drives qty', async () => {
    const page = await frameworkPage('vue', ['main.js', 'Availability.vue'], 'main.js');
    await page.waitForFunction(() => document.querySelector('#app .verdict')?.textContent === 'Only 2 left');
    assert.ok(await settledChanges(page) <= 3, 'a new-but-equal selection must not loop');
    await page.fill('#app input', '5');
    await page.waitForFunction(() => !document.querySelector('#app stock-status').shadowRoot.querySelector('[part="error"]').hidden);
    assert.equal((await parts(page, '#app stock-status')).error, 'Not enough items for sale');
    assert.deepEqual(page.violations, []);
    assert.deepEqual(page.errors, []);
  });
});
