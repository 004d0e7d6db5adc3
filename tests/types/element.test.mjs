// The element's declarations in dist/ (issue 11): an app that imports the package by name, through
// package.json "exports", is type-checked by tsc as plain TS, as React 19 TSX and as Preact TSX.
// Lines marked @ts-expect-error must fail: a wrong event detail, a read-only property, a bad prop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
import { StockStatusElement as Unregistered } from 'salable/element';
import type { StockOutput, StockStatusErrorDetail, OptionValue } from 'salable';
import { renderHtml } from 'salable/api';

const again: typeof StockStatusElement = Unregistered.define('shop-stock');
const swatch: OptionValue = { value: 'M', offered: true, available: false };
void again; void swatch;

const el = document.querySelector('stock-status');
if (el) {
  const sure: StockStatusElement = el;
  const out: StockOutput | null = sure.availability;
  sure.qty = '2';
  sure.locale = null;
  sure.src = '/stock/24-MB01.json';
  sure.data = ${doc};
  sure.data = null;
  sure.variant = null;
  sure.selection = { size: 'M' };
  sure.selection = null;
  const canBuy: boolean = sure.checkValidity() && sure.reportValidity();
  const why: string = sure.validationMessage;
  void canBuy; void why;
  // @ts-expect-error validationMessage is read-only
  sure.validationMessage = '';
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
    selection={{ size: 'M' }} variant={null}
    onstock-status-change={(e) => console.log(e.detail.message.text)}
    onstock-status-error={(e) => console.error(e.detail.stage)} />
);
// @ts-expect-error qty is text or a number
export const Bad = () => <stock-status qty={{ n: 1 }} />;
`,
  'preact.tsx': `
import type {} from 'salable/preact';
export const Page = () => (
  <stock-status src="/stock/24-MB01.json" qty="2" data={null} variant={null} selection={null}
    onstock-status-change={(e) => console.log(e.detail.request.expected_date)} />
);
// @ts-expect-error selection values are strings
export const BadSelection = () => <stock-status selection={{ size: 1 }} />;
// @ts-expect-error data is an input document
export const Bad = () => <stock-status data={42} />;
`,
  // What vue-tsc checks a template's <stock-status> against: GlobalComponents' props.
  'vue.ts': `
import type {} from 'salable/vue';
import type { GlobalComponents } from 'vue';
type Props = InstanceType<GlobalComponents['stock-status']>['$props'];
export const ok: Props = { src: '/stock/24-MB01.json', qty: 2, locale: 'fr', variant: 'TEE-M', selection: { size: 'M' }, data: ${doc} };
export const none: Props = { variant: null, selection: null, data: null };
// The events, as a template's @stock-status-change and @stock-status-error reach them.
export const listeners: Props = {
  'onStock-status-change': (e) => { const text: string | null = e.detail.message.text; void text; },
  'onStock-status-error': (e) => { const stage: 'load' | 'wasm' | 'evaluate' = e.detail.stage; void stage; },
};
// @ts-expect-error the change event's detail is an output document
export const badListener: Props = { 'onStock-status-change': (e) => { const n: number = e.detail; void n; } };
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

// One source for the element's API: the Custom Elements Manifest is generated from the class's JSDoc
// (scripts/build.sh, `cem analyze`); the hand-written .d.ts must declare exactly what it lists. A
// .ts file states the manifest's names as types and tsc compares them with the declarations, naming
// any name one side has and the other lacks.
test('the .d.ts declares exactly the attributes, members, statics and events of the manifest built from the JSDoc', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'dist', 'custom-elements.json'), 'utf8'));
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  const element = declarations.find((d) => d.kind === 'class' && d.name === 'StockStatusElement');
  assert.ok(element, 'the manifest describes StockStatusElement');
  assert.equal(element.tagName, 'stock-status');
  const union = (names) => (names.length ? [...new Set(names)].map((n) => JSON.stringify(n)).join(' | ') : 'never');
  const publicMembers = (element.members ?? []).filter((m) => !m.privacy || m.privacy === 'public').filter((m) => !m.name.startsWith('#'));
  // data-kind is the element's output on its host, not an input: it is not among the attributes a page sets.
  const attributes = element.attributes.map((a) => a.name).filter((n) => n !== 'data-kind');
  const members = publicMembers.filter((m) => !m.static).map((m) => m.name);
  const statics = publicMembers.filter((m) => m.static).map((m) => m.name);
  const events = element.events.map((e) => e.name);
  const settable = publicMembers.filter((m) => !m.static && m.kind === 'field' && !m.readonly).map((m) => m.name);
  assert.ok(members.includes('checkValidity') && events.includes('stock-status-change'), JSON.stringify({ members, events }));
  const check = `
import type { StockStatusAttributes, StockStatusElement, StockStatusEventMap, StockStatusJsxProps } from 'salable/element';
import type { StockStatusVueEmits } from 'salable/vue';
type Same<Manifest, Declared> = [Exclude<Manifest, Declared>, Exclude<Declared, Manifest>];
type None = [never, never];
type Attributes = ${union(attributes)};
type Members = ${union(members)};
type Statics = ${union(statics)};
type Events = ${union(events)};
type Settable = ${union(settable)};
export const attributes: Same<Attributes, keyof StockStatusAttributes> extends None ? true : Same<Attributes, keyof StockStatusAttributes> = true;
export const members: Same<Members, Exclude<keyof StockStatusElement, keyof HTMLElement>> extends None ? true : Same<Members, Exclude<keyof StockStatusElement, keyof HTMLElement>> = true;
// observedAttributes is the manifest's attribute list itself, compared above.
export const statics: Same<Statics, Exclude<keyof typeof StockStatusElement, 'prototype' | 'observedAttributes'>> extends None ? true : Same<Statics, Exclude<keyof typeof StockStatusElement, 'prototype' | 'observedAttributes'>> = true;
export const events: Same<Exclude<Events, keyof HTMLElementEventMap>, Exclude<keyof StockStatusEventMap, keyof HTMLElementEventMap>> extends None ? true : Same<Exclude<Events, keyof HTMLElementEventMap>, Exclude<keyof StockStatusEventMap, keyof HTMLElementEventMap>> = true;
export const eventsInMap: Exclude<Events, keyof StockStatusEventMap> extends never ? true : Exclude<Events, keyof StockStatusEventMap> = true;
export const vueEmits: Same<Events, keyof StockStatusVueEmits> extends None ? true : Same<Events, keyof StockStatusVueEmits> = true;
// JSX can set every attribute and settable property, and listen to every event.
export const jsx: Exclude<Attributes | Exclude<Settable, 'src' | 'qty' | 'locale' | 'variant'> | \`on\${Events}\`, keyof StockStatusJsxProps> extends never ? true : Exclude<Attributes | Settable | \`on\${Events}\`, keyof StockStatusJsxProps> = true;
`;
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  rmSync(join(dir, 'node_modules', 'salable'), { force: true });
  symlinkSync(root, join(dir, 'node_modules', 'salable'), 'dir');
  writeFileSync(join(dir, 'manifest.ts'), check);
  assert.equal(typecheck('manifest.ts', []), '');
});
