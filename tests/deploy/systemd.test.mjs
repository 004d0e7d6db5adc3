// deploy/systemd/salable-bridge.service: systemd's own checker accepts it (with ExecStart pointed at
// the built binary), its hardening scores as systemd rates it, and no secret lives in the unit.
// Also: a missing varnishd or nginx fails the suites with the package to install.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { bridgeBinary, buildBridge, requireTool, root, substitute } from './processes.mjs';

const UNIT = `${root}/deploy/systemd/salable-bridge.service`;

function directives(text) {
  const d = new Map();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) d.set(m[1], [...(d.get(m[1]) || []), m[2]]);
  }
  return d;
}

test('the unit is hardened and reads credentials from a root-only EnvironmentFile, not from itself', async () => {
  const text = await readFile(UNIT, 'utf8');
  const d = directives(text);
  for (const [k, v] of [['DynamicUser', 'yes'], ['ProtectSystem', 'strict'], ['NoNewPrivileges', 'yes'], ['ProtectHome', 'yes'], ['PrivateTmp', 'yes']]) {
    assert.deepEqual(d.get(k), [v], k);
  }
  assert.deepEqual(d.get('EnvironmentFile'), ['/etc/salable-bridge/credentials.env']);
  assert.match(text, /install -m 0600 -o root -g root/, 'the file is made readable by root only');
  assert.doesNotMatch(text, /^Environment=.*(TOKEN|SECRET)/m, 'no credential in the unit');
  assert.match(d.get('ExecStart')[0], /^\/usr\/local\/bin\/salable-bridge serve --config \S+ --listen 127\.0\.0\.1:\d+$/);
});

test('systemd-analyze verify accepts the unit, and rates its exposure low', async (t) => {
  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find(existsSync);
  if (!analyze) return t.skip('systemd-analyze is not on this machine (checked where available)');
  buildBridge();
  const dir = await mkdtemp(path.join(tmpdir(), 'salable-unit-'));
  try {
    const unit = `${dir}/salable-bridge.service`;
    const text = substitute(await readFile(UNIT, 'utf8'), 'ExecStart=/usr/local/bin/salable-bridge', `ExecStart=${bridgeBinary()}`);
    await writeFile(unit, text);
    const verify = spawnSync(analyze, ['verify', unit], { encoding: 'utf8' });
    assert.equal(verify.status, 0, verify.stderr);
    assert.equal(verify.stderr.trim(), '', 'no warning');
    const security = spawnSync(analyze, ['security', '--offline=true', unit], { encoding: 'utf8' });
    assert.equal(security.status, 0, security.stderr);
    const m = /Overall exposure level for salable-bridge\.service: ([\d.]+) (\w+)/.exec(security.stdout);
    assert.ok(m, security.stdout.slice(-500));
    assert.ok(Number(m[1]) <= 2.0, `exposure ${m[1]} ${m[2]}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing varnishd or nginx fails with the package that provides it', () => {
  assert.throws(() => requireTool('varnishd-not-here', 'varnish'), /varnishd-not-here is not installed: .*Debian's varnish package.*scripts\/setup\.sh --test/);
});
