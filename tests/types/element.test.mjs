// The element's declarations in dist/ (issue 11): an app that imports the package by name, through
// package.json "exports", is type-checked by tsc as plain TS, as React 19 TSX and as Preact TSX.
// Lines marked @ts-expect-error must fail: a wrong event detail, a read-only property, a bad prop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// Inside the repository, so that react and preact resolve from its node_modules; `salable` is a
// link to the repository, as an installed package would be.
const dir = join(root, 'target', 'element-types');

const doc = `{ product: { sku: 'A', sources: [{ source_code: 's', quantity: 1, status: 'in_stock' }], restock_date: '2026-12-12' }, today: '2026-06-01' }`;

const files = {
  'app.ts': `
import { StockStatusElement } from 'salable';
import type { StockOutput, StockStatusErrorDetail } from 'salable';
import { renderHtml } from 'salable/api';

const el = document.querySelector('stock-status');
if (el) {
  const sure: StockStatusElement = el;
  const out: StockOutput | null = sure.availability;
  sure.qty = '2';
  sure.locale = null;
  sure.src = '/stock/24-MB01.json';
  sure.data = ${doc};
  sure.addEventListener('stock-status-change', (e) => {
    const restock: string | undefined = e.detail.restock?.text;
    const starts: string | null = e.detail.schema_org_availability_starts;
    void restock; void starts;
  });
  sure.addEventListener('stock-status-error', (e) => { const stage: StockStatusErrorDetail['stage'] = e.detail.stage; void stage; });
  // @ts-expect-error read-only
  sure.availability = null;
  // @ts-expect-error the detail is an output document
  sure.addEventListener('stock-status-change', (e) => { const n: number = e.detail; void n; });
  void out;
}
document.addEventListener('stock-status-change', (e) => { const ok: boolean = e.detail.is_salable; void ok; });
const made = document.createElement('stock-status');
void made.refresh();
const rendered: { html: string; json_ld: string | null } = renderHtml(${doc}, { src: '/x.json', json_ld: true });
void rendered; void StockStatusElement;
`,
  'react.tsx': `
import type {} from 'salable/react';
import type { StockInput } from 'salable';
const input: StockInput = ${doc};
export const Page = () => (
  <stock-status src="/stock/24-MB01.json" qty={2} locale="fr" data={input} className="stock"
    onstock-status-change={(e) => console.log(e.detail.message.text)}
    onstock-status-error={(e) => console.error(e.detail.stage)} />
);
// @ts-expect-error qty is text or a number
export const Bad = () => <stock-status qty={{ n: 1 }} />;
`,
  'preact.tsx': `
import type {} from 'salable/preact';
export const Page = () => (
  <stock-status src="/stock/24-MB01.json" qty="2" onstock-status-change={(e) => console.log(e.detail.request.expected_date)} />
);
// @ts-expect-error data is an input document
export const Bad = () => <stock-status data={42} />;
`,
  // What vue-tsc checks a template's <stock-status> against: GlobalComponents' props.
  'vue.ts': `
import type {} from 'salable/vue';
import type { GlobalComponents } from 'vue';
type Props = InstanceType<GlobalComponents['stock-status']>['$props'];
export const ok: Props = { src: '/stock/24-MB01.json', qty: 2, locale: 'fr', variant: 'TEE-M', selection: { size: 'M' }, data: ${doc} };
// @ts-expect-error qty is text or a number
export const badQty: Props = { qty: { n: 1 } };
// @ts-expect-error data is an input document
export const badData: Props = { data: 42 };
`,
};

function typecheck(file, jsx) {
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler',
    '--lib', 'es2022,dom', '--pretty', 'false', '--types', '', ...jsx, file];
  try {
    execFileSync(process.execPath, [tsc, ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || String(e);
  }
}

test('the element types check in TS, React 19 TSX, Preact TSX and Vue 3 templates\' props, importing the package by name', () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'salable'), 'dir');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  assert.equal(typecheck('app.ts', []), '');
  assert.equal(typecheck('react.tsx', ['--jsx', 'react-jsx', '--jsxImportSource', 'react']), '');
  assert.equal(typecheck('preact.tsx', ['--jsx', 'react-jsx', '--jsxImportSource', 'preact']), '');
  assert.equal(typecheck('vue.ts', []), '');
});
