// The app starts in Chromium, draws real frames, runs under its Content-Security-Policy without
// a single violation or console error, opens the demo store, shows every section, and switches
// to Chinese with CJK glyphs on screen.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, watch, installCspProbe, cspViolations, open, state, waitState, frames, screenshot,
  imageStats, diffFraction, SECTIONS,
} from './lib.mjs';

describe('web app', () => {
  let browser, page, problems;

  before(async () => {
    browser = await launch();
    await installCspProbe(browser.context);
    page = browser.context.pages()[0] || await browser.context.newPage();
    problems = watch(page);
    await open(page);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('draws a non-blank first frame', async () => {
    await frames(page, 10);
    const png = await screenshot(page, 'first-frame.png');
    const stats = imageStats(png);
    // A blank canvas (or a single clear colour) has a deviation near 0 and one or two colours;
    // an ImGui frame with text and panels has many.
    assert.ok(stats.stddev > 4, `frame looks blank: luminance deviation ${stats.stddev.toFixed(2)}`);
    assert.ok(stats.colours > 8, `frame looks blank: only ${stats.colours} colours`);
    const loading = await page.evaluate(() => {
      const el = document.getElementById('loading');
      return !el.hidden && !el.classList.contains('done');
    });
    assert.equal(loading, false, 'the loading screen is still covering the app');
  });

  it('reports the state contract', async () => {
    const s = await state(page);
    assert.ok(SECTIONS.includes(s.section), `unknown section ${s.section}`);
    assert.equal(s.language, 'en');
    assert.equal(s.readonly, false, 'the only tab must be the writer');
    assert.match(s.save_state, /^(saved|saving|failed: .+)$/);
    for (const key of ['products', 'orders', 'order_lines', 'customers']) {
      assert.equal(typeof s.counts[key], 'number', `counts.${key} missing`);
    }
  });

  it('opens the demo store', async () => {
    await page.evaluate(() => window.shopkeeper.openDemo());
    // 'busy' (optional in the contract) is true while the demo is still being generated.
    const s = await waitState(page, (st) => st.counts.orders > 0 && st.busy !== true,
      'the demo store', 60000);
    assert.ok(s.counts.products > 0, 'demo store has no products');
    assert.ok(s.counts.order_lines >= s.counts.orders, 'every order has at least one line');
    assert.ok(s.counts.customers > 0, 'demo store has no customers');
  });

  it('shows every section', async () => {
    for (const section of SECTIONS) {
      await page.evaluate((name) => window.shopkeeper.navigate(name), section);
      await frames(page, 8);
      const s = await state(page);
      assert.equal(s.section, section);
      const stats = imageStats(await screenshot(page, `section-${section}.png`));
      assert.ok(stats.colours > 8, `section ${section} looks blank`);
    }
  });

  it('switches to Chinese and draws CJK glyphs', async () => {
    await page.evaluate(() => window.shopkeeper.navigate('dashboard'));
    await frames(page, 8);
    const en1 = await screenshot(page, 'en.png');
    await frames(page, 4);
    const en2 = await screenshot(page);
    await page.evaluate(() => window.shopkeeper.setLanguage('zh-CN'));
    await frames(page, 8);
    const s = await state(page);
    assert.equal(s.language, 'zh-CN');
    const zh = await screenshot(page, 'zh-CN.png');
    // Two English frames differ only by what animates; the Chinese frame must differ far more
    // (every label changes). A pixel difference cannot tell CJK glyphs from ImGui's '?' fallback,
    // so zh-CN.png is saved for a human look as well.
    const noise = diffFraction(en1, en2);
    const change = diffFraction(en1, zh);
    assert.ok(change > Math.max(0.002, 3 * noise),
      `Chinese frame differs from English in only ${(change * 100).toFixed(2)}% of pixels (noise ${(noise * 100).toFixed(2)}%)`);
    await page.evaluate(() => window.shopkeeper.setLanguage('en'));
    await frames(page, 4);
    assert.equal((await state(page)).language, 'en');
  });

  it('ran without console errors or CSP violations', async () => {
    const csp = await cspViolations(page);
    assert.deepEqual(csp, [], `CSP violations: ${csp.join('; ')}`);
    assert.deepEqual(problems, [], `problems on the page: ${problems.join('\n')}`);
  });
});
