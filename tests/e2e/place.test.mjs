// A seller's first day, issue #9 item 10, through the real input path: a language switch (the
// language menu clicked with the mouse) keeps the section, the tab and the scroll position; "Show
// this day" from an alert is undone with one click. Only the setup (demo store, section, range
// preset) uses the test API; every click and wheel turn goes through Chromium's input pipeline
// into the canvas. Buttons are found through state().marks (where the app drew them in the last
// frame), so a layout change does not break the clicks. The same scenarios run headless in
// tests/ui/firstday_test.cpp and tests/ui/keep_tab_test.cpp.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watch, open, state, waitState, frames, screenshot, BASE_URL, markInView, scrollIntoView, pointAndClick, openDemo } from './lib.mjs';

describe('first day: a language switch keeps the place; "Show this day" is undone in one click', () => {
  let browser, page, problems;
  const W = 1280, H = 800;

  before(async () => {
    ({ browser, page, problems } = await openDemo({ before: (p) => p.setViewportSize({ width: W, height: H }) }));
    await page.evaluate(() => window.shopkeeper.setLanguage('en'));
    await frames(page, 8);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  // The language menu in the top bar, then the entry `code`, both with the mouse.
  async function switchLanguage(code, entry) {
    const menu = await markInView(page, 'language', 'the language menu');
    await pointAndClick(page, menu.x, menu.y);
    const item = await markInView(page, `lang:${code}`, entry);
    await pointAndClick(page, item.x, item.y);
    await waitState(page, (st) => st.language === code, `the switch to ${code}`, 10000);
    await frames(page, 8);
    return state(page);
  }

  it('keeps the section, the tab and the scroll position when the language is switched', async () => {
    // The dashboard is a long page: its tabs are below the charts. The wheel brings them into
    // view, as a seller would, and the mouse opens Alerts.
    await page.evaluate(() => window.shopkeeper.navigate('dashboard'));
    await frames(page, 8);
    const tab = await scrollIntoView(page, 'tab:Alerts', 'the Alerts tab');
    await pointAndClick(page, tab.x, tab.y);
    let s = await waitState(page, (st) => st.tab === 'Alerts', 'the Alerts tab to show', 15000);
    assert.ok(s.scroll > 50, `the wheel scrolled the dashboard by ${s.scroll} px only`);
    const scrolled = s.scroll;
    s = await switchLanguage('zh-CN', 'the 简体中文 entry');
    await screenshot(page, 'language-switch-kept-zh.png');
    assert.equal(s.section, 'dashboard');
    assert.equal(s.tab, 'Alerts', 'the tab went back to the first one');
    assert.ok(Math.abs(s.scroll - scrolled) <= 2, `scroll ${s.scroll} after the switch, ${scrolled} before`);
    s = await switchLanguage('en', 'the English entry');
    assert.equal(s.section, 'dashboard');
    assert.equal(s.tab, 'Alerts');
    assert.ok(Math.abs(s.scroll - scrolled) <= 2, `scroll ${s.scroll} after switching back, ${scrolled} before`);

    // A tab of another section, opened with the mouse: Promotions' Loss guard (its findings
    // table fills the pane and scrolls its own rows, so the pane itself has nothing to scroll).
    await page.evaluate(() => window.shopkeeper.navigate('promotions'));
    await frames(page, 8);
    const guard = await scrollIntoView(page, 'tab:Loss guard', 'the Loss guard tab');
    await pointAndClick(page, guard.x, guard.y);
    await waitState(page, (st) => st.tab === 'Loss guard', 'the Loss guard tab to show', 15000);
    s = await switchLanguage('zh-CN', 'the 简体中文 entry');
    assert.equal(s.section, 'promotions');
    assert.equal(s.tab, 'Loss guard');
    s = await switchLanguage('en', 'the English entry');
    assert.equal(s.tab, 'Loss guard');
    assert.deepEqual(problems, []);
  });

  it('undoes "Show this day" from an alert with one click', async () => {
    await page.evaluate(() => window.shopkeeper.navigate('dashboard'));
    await page.evaluate(() => window.shopkeeper.setRange('last90'));
    await frames(page, 8);
    const before = (await state(page)).range;
    assert.notEqual(before.from, before.to);
    if ((await state(page)).tab !== 'Alerts') {
      const tab = await scrollIntoView(page, 'tab:Alerts', 'the Alerts tab');
      await pointAndClick(page, tab.x, tab.y);
      await waitState(page, (st) => st.tab === 'Alerts', 'the Alerts tab to show', 15000);
    }
    const day = await scrollIntoView(page, 'show_day', 'a "Show this day" button');
    await pointAndClick(page, day.x, day.y);
    let s = await waitState(page, (st) => st.range.from === st.range.to, 'the range to be one day', 10000);
    assert.ok(s.range.can_go_back);
    await screenshot(page, 'show-day-with-back.png');
    const back = await markInView(page, 'range_back', 'the "Previous range" button');
    await pointAndClick(page, back.x, back.y);
    s = await waitState(page, (st) => !st.range.can_go_back, 'the previous range', 10000);
    assert.deepEqual({ from: s.range.from, to: s.range.to }, { from: before.from, to: before.to });
    assert.deepEqual(problems, []);
  });
});
