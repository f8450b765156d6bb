// The shop's data lives in IndexedDB: it survives a reload and a browser restart, and a second
// tab of the same profile opens read-only while the first keeps writing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watch, open, waitReady, state, waitState, waitSaved } from './lib.mjs';

describe('storage', () => {
  let browser, page, problems, saved;

  before(async () => {
    browser = await launch();
    page = browser.context.pages()[0] || await browser.context.newPage();
    problems = watch(page);
    await open(page);
    await page.evaluate(() => window.shopkeeper.openDemo());
    await waitState(page, (s) => s.counts.orders > 0, 'demo orders', 60000);
    saved = await waitSaved(page);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('keeps the data across a reload', async () => {
    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    const s = await waitState(page, (st) => st.counts.orders > 0, 'orders after the reload', 30000);
    assert.deepEqual(s.counts, saved.counts);
    assert.equal(s.readonly, false, 'after a reload the tab must be the writer again');
    assert.equal(await page.evaluate(() => window.shopkeeper.storageError), '');
  });

  it('opens a second tab read-only', async () => {
    const second = await browser.context.newPage();
    const secondProblems = watch(second);
    await open(second);
    const s2 = await waitState(second, (st) => st.counts.orders > 0, 'orders in the second tab', 30000);
    const s1 = await state(page);
    assert.equal(s1.readonly, false, 'the first tab must stay the writer');
    assert.equal(s2.readonly, true, 'the second tab must be read-only');
    // The read-only tab still sees the stored shop.
    assert.deepEqual(s2.counts, saved.counts);
    // When the writing tab goes, the read-only one is told it can reload to edit.
    await page.close();
    await second.waitForFunction(() => Module.skWriterGone === true, null, { timeout: 10000 });
    assert.equal(await second.evaluate(() => document.getElementById('notice').hidden), false);
    await second.reload({ waitUntil: 'load' });
    await waitReady(second);
    assert.equal((await state(second)).readonly, false, 'the reloaded tab must become the writer');
    assert.deepEqual(secondProblems, [], secondProblems.join('\n'));
    page = second;
  });

  it('keeps the data across a browser restart', async () => {
    const dir = browser.dir;
    await browser.close({ keepProfile: true });
    browser = await launch({ userDataDir: dir });
    page = browser.context.pages()[0] || await browser.context.newPage();
    const fresh = watch(page);
    await open(page);
    const s = await waitState(page, (st) => st.counts.orders > 0, 'orders after the restart', 30000);
    assert.deepEqual(s.counts, saved.counts);
    assert.equal(s.readonly, false);
    assert.deepEqual(fresh, []);
  });

  it('ran without console errors', () => {
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});

// A browser without Web Locks (older Safari, some embedded views) cannot tell tabs apart: the app
// still edits and saves, and says in words to keep to one tab (never a silent second writer).
describe('storage without Web Locks', () => {
  let browser;

  after(async () => {
    if (browser) await browser.close();
  });

  it('warns to keep to one tab, and still saves across a reload', async () => {
    browser = await launch();
    await browser.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
    });
    const page = browser.context.pages()[0] || await browser.context.newPage();
    const problems = watch(page);
    await open(page);
    assert.equal(await page.evaluate(() => navigator.locks), undefined);
    assert.equal(await page.evaluate(() => Module.skNoWriterLock), true);
    const notice = await page.evaluate(() => ({
      shown: !document.getElementById('notice').hidden,
      text: document.getElementById('notice-text').textContent,
    }));
    assert.ok(notice.shown, 'no notice about the missing Web Locks');
    assert.match(notice.text, /one tab only/);
    assert.match(notice.text, /只在一个标签页/);
    await page.evaluate(() => window.shopkeeper.openDemo());
    await waitState(page, (s) => s.counts.orders > 0, 'demo orders', 60000);
    const saved = await waitSaved(page);
    assert.equal(saved.readonly, false, 'without Web Locks the tab still edits');
    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    const s = await waitState(page, (st) => st.counts.orders > 0, 'orders after the reload', 30000);
    assert.deepEqual(s.counts, saved.counts);
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
