// After one visit the app starts with the network gone: the service worker serves every file.
// Two ways of going offline: Chromium's offline emulation, and stopping the server for real.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watch, open, waitReady, state, startServer, BASE_URL } from './lib.mjs';

// One visit: the shell registers the worker after the first frame; once it is active its install
// step has precached every file (no second online load is needed or allowed).
async function waitPrecached(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cached = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('shopkeeper-'));
    if (names.length !== 1) return { names };
    const cache = await caches.open(names[0]);
    return { names, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  assert.equal(cached.names.length, 1, `expected one shopkeeper cache, found ${cached.names}`);
  const base = new URL(page.url()).pathname.replace(/[^/]*$/, '');
  for (const file of ['', 'index.html', 'app.js', 'app.wasm', 'app.data', 'shell.js', 'style.css',
    'manifest.webmanifest']) {
    assert.ok(cached.urls.includes(base + file), `${file || './'} is not precached`);
  }
}

async function expectControlledApp(page) {
  await waitReady(page);
  assert.equal(typeof (await state(page)).section, 'string');
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller),
    'the page was not served by the service worker');
}

describe('offline', () => {
  let browser, server;

  before(async () => {
    browser = await launch();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('reloads with the network emulated offline', async () => {
    const page = browser.context.pages()[0] || await browser.context.newPage();
    const problems = watch(page);
    await open(page, BASE_URL);
    await waitPrecached(page);
    await browser.context.setOffline(true);
    try {
      await page.reload({ waitUntil: 'load' });
      await expectControlledApp(page);
    } finally {
      await browser.context.setOffline(false);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  // Needs the folder being served (run.sh sets WEB_DIR) to start a private server it can stop.
  it('starts after its server is gone', { skip: !process.env.WEB_DIR && 'WEB_DIR not set' }, async () => {
    server = await startServer(process.env.WEB_DIR);
    const page = await browser.context.newPage();
    await open(page, server.url);
    await waitPrecached(page);
    await server.stop();
    server = null;
    const fresh = await browser.context.newPage();
    await fresh.goto(page.url(), { waitUntil: 'load' });
    await expectControlledApp(fresh);
  });
});
