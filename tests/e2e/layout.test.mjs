// Layout at small windows (issue #9 item 9): every section and every tab, in English and in
// Chinese, at 1024x700 and 1280x800 in Chromium. Sections are chosen through the test API; every
// tab is brought into view with the real mouse wheel (the dashboard's tabs are below its charts)
// and opened with the real mouse, where the app drew it (state().marks). In each view the app's
// own layout probe (state().layout, ui/widgets/layout_probe.h: items past a window's edge
// without a scroll bar, table columns that cut their text, marked buttons off the display) must
// be empty and every marked button must lie inside the window (a button in a pane that scrolls
// may lie below the fold, never beside it): what tests/ui/layout_test.cpp checks headless (with
// the same font, ui/widgets/ui_font.h), here on the browser's canvas. A screenshot of each view
// goes to build/test-artifacts/layout-<w>x<h>-<lang>-<section>[-<tab>].png.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watch, open, waitState, frames, screenshot, BASE_URL, SECTIONS, REPO, scrollIntoView, pointAndClick, openDemo } from './lib.mjs';

const SIZES = [[1024, 700], [1280, 800]];
// The sections whose tables still cut text in some column: tests/ui/layout_test.cpp's
// kStillCutting, read from there so the two lists cannot drift apart. Their cut columns are
// printed, not failed; hidden items and buttons off the display fail in every section.
const STILL_CUTTING = (() => {
  const src = readFileSync(join(REPO, 'tests', 'ui', 'layout_test.cpp'), 'utf8');
  const m = /kStillCutting\s*=\s*\{([^}]*)\}/.exec(src);
  assert.ok(m, 'kStillCutting not found in tests/ui/layout_test.cpp');
  return new Set([...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]));
})();
describe('layout: every section and tab usable from 1024x700 up', () => {
  let browser, page, problems;

  before(async () => {
    ({ browser, page, problems } = await openDemo());
  });

  after(async () => {
    if (browser) await browser.close();
  });

  // The view's problems, added to `found`; returns the state.
  async function check(section, where, w, h, found) {
    // Sliced work (the loss guard's search) adds rows frame by frame, and a fitted table sizes
    // its columns from the rows of the frame before: measured mid-work, a title that arrived in
    // the last frame reads as cut (seen: 标题 by 13 px at 250 of 295 SKUs). Measure the settled
    // view, as the seller sees it once the work is done.
    await waitState(page, (st) => !st.working, `${where}: its sliced work to finish`, 60000);
    await frames(page, 6);
    const s = await waitState(page, (st) => st.display.w === w && st.display.h === h, `the ${w}x${h} display`, 10000);
    for (const p of s.layout) {
      const line = `${where}: ${p.kind} ${p.where} by ${Math.round(p.px)} px`;
      if (p.kind === 'clipped' && STILL_CUTTING.has(section)) console.log(`still to fix: ${line}`);
      else found.push(line);
    }
    for (const [name, m] of Object.entries(s.marks)) {
      const off = m.x0 < -1 || m.x1 > w + 1 || (!m.scrolls && (m.y0 < -1 || m.y1 > h + 1));
      if (off) found.push(`${where}: button ${name} at ${Math.round(m.x0)},${Math.round(m.y0)}-${Math.round(m.x1)},${Math.round(m.y1)} outside ${w}x${h}`);
    }
    return s;
  }

  for (const [w, h] of SIZES) {
    for (const lang of ['en', 'zh-CN']) {
      it(`${w}x${h} ${lang}: no section or tab hides an action or cuts its text`, async () => {
        await page.setViewportSize({ width: w, height: h });
        await page.evaluate((l) => window.shopkeeper.setLanguage(l), lang);
        const found = [];
        const walked = [];
        for (const section of SECTIONS) {
          await page.evaluate((sec) => window.shopkeeper.navigate(sec), section);
          let s = await check(section, section, w, h, found);
          walked.push(section);
          await screenshot(page, `layout-${w}x${h}-${lang}-${section}.png`);
          // Every other tab of the section, scrolled into view with the wheel and clicked.
          const seen = new Set([`tab:${s.tab}`]);
          for (;;) {
            const next = Object.keys(s.marks).find((k) => k.startsWith('tab:') && !seen.has(k));
            if (!next) break;
            seen.add(next);
            const tab = next.slice(4);
            const m = await scrollIntoView(page, next, `${section}'s ${tab} tab`);
            await pointAndClick(page, m.x, m.y);
            await waitState(page, (st) => st.tab === tab, `${section}: the click on the ${tab} tab to open it`, 15000);
            await page.waitForTimeout(300);
            s = await check(section, `${section} tab ${tab}`, w, h, found);
            walked.push(`${section}/${tab}`);
            await screenshot(page, `layout-${w}x${h}-${lang}-${section}-${tab.replace(/[^A-Za-z0-9]+/g, '_')}.png`);
          }
        }
        console.log(`${w}x${h} ${lang}: ${walked.length} views: ${walked.join(', ')}`);
        assert.ok(walked.length >= 30, `only ${walked.length} views: ${walked.join(', ')}`);
        assert.deepEqual(found, [], `${found.length} layout problems:\n${found.join('\n')}`);
        assert.deepEqual(problems, []);
      });
    }
  }
});
