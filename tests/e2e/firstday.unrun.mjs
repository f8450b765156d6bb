// NOT PASSING YET (issue #9 item 10): its date-picker part runs as firstday.test.mjs; here the
// language-switch scroll (the wheel does not scroll the content pane at 1280x800: scroll stays
// 0) and the "Show this day" undo (the Alerts tab is drawn below the 800-pixel viewport, so
// its click misses) fail in Chromium. The same behaviour passes the UI tests
// (tests/ui/firstday_test.cpp). Rename to a .test.mjs file once both pass against build/web.
// A seller's first day (issue #9, items 4 and 10) through the real input path: the calendar
// beside a date field opened with the mouse and driven with the keyboard (arrows, PageDown,
// Enter, Esc) in English and Chinese; a language switch that keeps the section, the tab and the
// scroll position; "Show this day" from an alert undone with one click. Only the setup (demo
// store, section) uses the test API; every click, wheel turn and key goes through Chromium's
// input pipeline into the canvas. Buttons are found through state().marks (where the app drew
// them in the last frame), so a layout change does not break the clicks.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watch, open, state, waitState, frames, screenshot, BASE_URL, mark, click, key, addDays, addMonth } from './lib.mjs';

describe('first day: date picker, language switch, show this day', () => {
  let browser, page, problems;

  before(async () => {
    browser = await launch();
    page = browser.context.pages()[0] || await browser.context.newPage();
    problems = watch(page);
    await open(page, `${BASE_URL}?demo`);
    await waitState(page, (st) => st.counts.orders > 0 && st.busy !== true, 'the demo store', 90000);
    await page.evaluate(() => window.shopkeeper.navigate('dashboard'));
    await frames(page, 8);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  // The date picker's scenario runs in firstday.test.mjs.

  it('keeps the section, the tab and the scroll position when the language is switched', async () => {
    await page.evaluate(() => window.shopkeeper.setLanguage('en'));
    await page.evaluate(() => window.shopkeeper.navigate('promotions'));
    await frames(page, 8);
    await click(page, 'tab:Loss guard', 'the Loss guard tab');
    let s = await waitState(page, (st) => st.tab === 'Loss guard', 'the Loss guard tab to show', 15000);
    await page.mouse.move(700, 550);
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, 240);
      await frames(page, 3);
    }
    s = await waitState(page, (st) => st.scroll > 50, 'the content to scroll', 10000);
    const scrolled = s.scroll;
    await click(page, 'language', 'the language menu');
    await click(page, 'lang:zh-CN', 'the 简体中文 entry');
    s = await waitState(page, (st) => st.language === 'zh-CN', 'the switch to Chinese', 10000);
    await frames(page, 8);
    s = await state(page);
    await screenshot(page, 'language-switch-kept-zh.png');
    assert.equal(s.section, 'promotions');
    assert.equal(s.tab, 'Loss guard', 'the tab went back to the first one');
    assert.ok(Math.abs(s.scroll - scrolled) <= 2, `scroll ${s.scroll} after the switch, ${scrolled} before`);
    await click(page, 'language', 'the language menu');
    await click(page, 'lang:en', 'the English entry');
    s = await waitState(page, (st) => st.language === 'en', 'the switch back to English', 10000);
    await frames(page, 8);
    s = await state(page);
    assert.equal(s.tab, 'Loss guard');
    assert.ok(Math.abs(s.scroll - scrolled) <= 2, `scroll ${s.scroll} after switching back, ${scrolled} before`);
  });

  it('undoes "Show this day" from an alert with one click', async () => {
    await page.evaluate(() => window.shopkeeper.navigate('dashboard'));
    await page.evaluate(() => window.shopkeeper.setRange('last90'));
    await frames(page, 8);
    const before = (await state(page)).range;
    await click(page, 'tab:Alerts', 'the Alerts tab');
    await waitState(page, (st) => st.tab === 'Alerts', 'the Alerts tab to show', 15000);
    // The alert rows may sit below the fold: scroll until the first "Show this day" is on screen.
    for (let i = 0; i < 12; i++) {
      const s = await state(page);
      if (s.marks.show_day && s.marks.show_day.y > 80 && s.marks.show_day.y < 780) break;
      await page.mouse.move(700, 500);
      await page.mouse.wheel(0, 200);
      await frames(page, 3);
    }
    await click(page, 'show_day', 'a "Show this day" button');
    let s = await waitState(page, (st) => st.range.from === st.range.to, 'the range to be one day', 10000);
    assert.ok(s.range.can_go_back);
    await screenshot(page, 'show-day-with-back.png');
    await click(page, 'range_back', 'the "Previous range" button');
    s = await waitState(page, (st) => !st.range.can_go_back, 'the previous range', 10000);
    assert.deepEqual({ from: s.range.from, to: s.range.to }, { from: before.from, to: before.to });
    assert.deepEqual(problems, []);
  });
});
