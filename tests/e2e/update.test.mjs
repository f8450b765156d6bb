// A new build replaces the old one: its service worker (new cache version) installs on the next
// visit, the open page is told to reload, and the reload runs the new files, from a new cache.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, launch, open, waitReady, startServer } from './lib.mjs';

const cacheNames = (page) => page.evaluate(async () =>
  (await caches.keys()).filter((n) => n.startsWith('shopkeeper-')));

describe('update', { skip: !process.env.WEB_DIR && 'WEB_DIR not set' }, () => {
  let browser, server, dir;

  before(async () => {
    // A private copy of the build that this test can "rebuild".
    dir = mkdtempSync(join(tmpdir(), 'sk-update-'));
    cpSync(process.env.WEB_DIR, dir, { recursive: true });
    server = await startServer(dir);
    browser = await launch();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('moves to a new build and drops the old cache', async () => {
    const page = browser.context.pages()[0] || await browser.context.newPage();
    await open(page, server.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const before = await cacheNames(page);
    assert.equal(before.length, 1);

    // "Rebuild": a changed shell file and a re-stamped worker, as the build does.
    const marker = `// build ${Date.now()}`;
    writeFileSync(join(dir, 'shell.js'), readFileSync(join(dir, 'shell.js'), 'utf8') + marker + '\n');
    execFileSync('python3', [join(REPO, 'scripts', 'stamp_sw.py'), dir]);

    // The next navigation checks sw.js, installs the new worker, which takes control.
    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    // Under SwiftShader, Chromium can hold the first update check of a freshly installed worker
    // for about a minute while the app renders continuously; hence the long wait.
    await page.waitForFunction(() => window.Module.skUpdateReady === true, null, { timeout: 150000 });
    assert.equal(await page.evaluate(() => document.getElementById('notice').hidden), false);
    // The new worker deletes the old cache in its activate step, which may finish just after
    // it takes control: poll for a while instead of reading once.
    let after = await cacheNames(page);
    for (let i = 0; i < 100 && after.length !== 1; i++) {
      await page.waitForTimeout(200);
      after = await cacheNames(page);
    }
    assert.equal(after.length, 1, `old cache not deleted: ${after}`);
    assert.notEqual(after[0], before[0]);

    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    const shell = await page.evaluate(() => fetch('shell.js').then((r) => r.text()));
    assert.ok(shell.includes(marker), 'the reloaded page does not run the new build');
  });
});
