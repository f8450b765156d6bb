// When the browser's storage quota is exhausted, saving fails in words (not silently, not
// forever 'saving'): the app's save state names the full storage and points to a backup.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, waitState, BASE_URL } from './lib.mjs';

describe('storage quota', () => {
  let browser, page;

  before(async () => {
    browser = await launch();
    page = browser.context.pages()[0] || await browser.context.newPage();
    // Chromium's DevTools protocol can shrink the origin's quota far below the demo store's size.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(BASE_URL).origin, quotaSize: 16 * 1024 });
    await open(page);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('reports a full storage in words', async () => {
    await page.evaluate(() => window.shopkeeper.openDemo());
    const s = await waitState(page, (st) => st.counts.orders > 0 && st.save_state.startsWith('failed'),
      'a failed save', 90000);
    assert.match(s.save_state, /^failed: Storage is full \(browser quota exceeded\)/);
    assert.match(s.save_state, /backup/);
  });
});
