// Issue #9 (clock9): taps that jump onto a control. A finger tap moves the pointer and presses in
// the same instant (SDL turns the touch into a mouse move, a press and a release), and ImGui 1.86
// does not see a tab as hovered when the pointer arrives and presses in one frame while the last
// frame hovered another item: the tap was lost. The host (ui/host/input_gate.h) now hands such a
// press over as the move in one frame and the press in the next. Chromium with a touch screen
// (hasTouch; page.touchscreen.tap sends CDP touch events into the canvas) taps nav entries and
// Promotions' tabs; then page.mouse.click, which also moves and presses at once, on a tab. Only the
// setup (demo store, language) uses the test API; state() reads where the taps landed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { state, waitState, frames, screenshot, mark, openDemo } from './lib.mjs';

describe('taps and clicks that jump onto a control', () => {
  let browser, page, problems;

  before(async () => {
    ({ browser, page, problems } = await openDemo({
      contextOptions: { hasTouch: true },
      before: (p) => p.setViewportSize({ width: 1280, height: 800 }),
    }));
    await page.evaluate(() => window.shopkeeper.setLanguage('en'));
    await page.evaluate(() => window.shopkeeper.navigate('dashboard'));
    await frames(page, 8);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('a finger tap on a nav entry opens its section', async () => {
    for (const section of ['products', 'promotions']) {
      const m = await mark(page, `nav:${section}`, `the ${section} nav entry`);
      await page.touchscreen.tap(m.x, m.y);
      await waitState(page, (st) => st.section === section, `the tap on ${section} to open it`, 8000);
      await frames(page, 4);
    }
    await screenshot(page, 'touch-nav-promotions.png');
  });

  it("a finger tap on a Promotions tab shows it, from one tab to the next", async () => {
    if ((await state(page)).section !== 'promotions') {
      await page.evaluate(() => window.shopkeeper.navigate('promotions'));
      await frames(page, 6);
    }
    for (const tab of ['Loss guard', 'Calendar & planner', 'Promotions']) {
      const m = await mark(page, `tab:${tab}`, `the ${tab} tab`);
      await page.touchscreen.tap(m.x, m.y);
      const s = await waitState(page, (st) => st.tab === tab, `the tap on the ${tab} tab to show it`, 8000);
      assert.equal(s.section, 'promotions');
      await frames(page, 4);
      if (tab === 'Loss guard') await screenshot(page, 'touch-tab-loss-guard.png');
    }
  });

  it('a mouse click that moves and presses at once (page.mouse.click) shows the tab', async () => {
    // The pointer rests on the shown tab (hovered), then mouse.click jumps to another tab and
    // presses in the same instant; twice, to the two tabs not shown.
    const tabs = ['Promotions', 'Loss guard', 'Calendar & planner'];
    const shown = (await state(page)).tab;
    const from = await mark(page, `tab:${shown}`, `the ${shown} tab`);
    await page.mouse.move(from.x, from.y);
    await frames(page, 4);
    for (const tab of tabs.filter((t) => t !== shown)) {
      assert.notEqual((await state(page)).tab, tab);
      const to = await mark(page, `tab:${tab}`, `the ${tab} tab`);
      await page.mouse.click(to.x, to.y);
      await waitState(page, (st) => st.tab === tab, `the click on the ${tab} tab to show it`, 8000);
      await frames(page, 4);
    }
    await screenshot(page, 'click-tab.png');
    assert.deepEqual(problems, []);
  });
});
