// A seller's first day (issue #9, item 4) through the real input path: the calendar beside a
// date field opened with the mouse and driven with the keyboard (arrows, PageDown, Enter, Esc)
// in English and Chinese (item 10, the language switch and "Show this day", is place.test.mjs).
// Only the setup (demo store, section) uses the test API; every click and key goes through
// Chromium's input pipeline into the canvas. Buttons are found through state().marks (where the
// app drew them in the last frame), so a layout change does not break the clicks.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watch, open, state, waitState, frames, screenshot, BASE_URL, mark, click, key, addDays, addMonth, openDemo } from './lib.mjs';

describe('first day: the date picker (real mouse and keys)', () => {
  let browser, page, problems;

  before(async () => {
    ({ browser, page, problems } = await openDemo());
    await page.evaluate(() => window.shopkeeper.navigate('dashboard'));
    await frames(page, 8);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  for (const lang of ['en', 'zh-CN']) {
    it(`picks a day on the calendar with the keyboard (${lang})`, async () => {
      await page.evaluate((l) => window.shopkeeper.setLanguage(l), lang);
      await frames(page, 6);
      const s0 = await state(page);
      await click(page, 'range', 'the date-range picker');
      const field = lang === 'en' ? 'date:From' : 'date:开始';
      const s1 = await waitState(page, (st) => st.marks && Object.keys(st.marks).some((k) => k.startsWith('date:')),
        'the range popup with its date fields', 15000);
      const from = s1.marks[field] || s1.marks[Object.keys(s1.marks).find((k) => k.startsWith('date:'))];
      await page.mouse.click(from.x, from.y);
      await frames(page, 4);
      let s = await waitState(page, (st) => st.date_picker.open, 'the calendar to open', 10000);
      assert.equal(s.date_picker.cursor, s0.range.from, 'the calendar opens on the field\'s day');
      await screenshot(page, `date-picker-${lang}.png`);
      await key(page, 'ArrowRight');
      await key(page, 'ArrowDown');
      await key(page, 'PageDown');
      s = await state(page);
      const expected = addMonth(addDays(s0.range.from, 8));
      assert.equal(s.date_picker.cursor, expected, 'right = +1 day, down = +1 week, PageDown = +1 month');
      await key(page, 'ArrowLeft');
      await key(page, 'ArrowUp');
      s = await state(page);
      assert.equal(s.date_picker.cursor, addDays(expected, -8));
      await key(page, 'Enter');
      s = await waitState(page, (st) => !st.date_picker.open, 'the calendar to close on Enter', 10000);
      assert.equal(s.date_picker.picked, addDays(expected, -8));
      // Esc closes the calendar without picking.
      await page.mouse.click(from.x, from.y);
      await frames(page, 4);
      await waitState(page, (st) => st.date_picker.open, 'the calendar to open again', 10000);
      await key(page, 'ArrowRight');
      await key(page, 'Escape');
      s = await waitState(page, (st) => !st.date_picker.open, 'the calendar to close on Esc', 10000);
      assert.equal(s.date_picker.picked, addDays(expected, -8), 'Esc picked something');
      await page.keyboard.press('Escape');  // and the range popup
      await page.mouse.click(640, 700);
      await frames(page, 6);
    });
  }
});

// Item 10 through the real input path: the mouse wheel turned over the content pane (over its
// scroll bar, so no inner scrolling table takes the wheel), the language menu clicked, and the
// "Show this day" and "← Previous range" buttons clicked where the app drew them, the pane
// scrolled with the wheel until the Alerts tab and the button are in the viewport.
