// Files in and out of the app: the picker (Module.skOpenFile), drag-and-drop onto the page, and
// downloads (Module.skDownload). Checks the bytes that arrive in the in-memory file system and
// the bytes the browser saves, including a Chinese file name and non-ASCII content.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, watch, open } from './lib.mjs';

const CSV = 'order_id,sku,qty,金额\nA-1,TEA-001,2,39.90\n';

describe('files', () => {
  let browser, page, problems;

  before(async () => {
    browser = await launch();
    page = browser.context.pages()[0] || await browser.context.newPage();
    problems = watch(page);
    await open(page);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('puts a picked file into /tmp/upload', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.evaluate(() => Module.skOpenFile('.csv,.xlsx'));
    const fc = await chooser;
    await fc.setFiles({ name: '订单 2024/05.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    // The name loses its path separator; the content arrives byte for byte.
    const text = await page.waitForFunction(() => {
      try { return new TextDecoder().decode(Module.FS.readFile('/tmp/upload/05.csv')); } catch { return false; }
    }, null, { timeout: 10000 });
    assert.equal(await text.jsonValue(), CSV);
  });

  it('accepts a file dropped on the page', async () => {
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped 商品.csv', { type: 'text/csv' }));
      const canvas = document.getElementById('canvas');
      canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, CSV);
    const text = await page.waitForFunction(() => {
      try { return new TextDecoder().decode(Module.FS.readFile('/tmp/upload/dropped 商品.csv')); } catch { return false; }
    }, null, { timeout: 10000 });
    assert.equal(await text.jsonValue(), CSV);
  });

  it('offers a file of the app as a download', async () => {
    await page.evaluate((content) => Module.FS.writeFile('/tmp/export.csv', content), CSV);
    const pending = page.waitForEvent('download');
    await page.evaluate(() => Module.skDownload('/tmp/export.csv', '导出 export.csv', 'text/csv'));
    const download = await pending;
    assert.equal(download.suggestedFilename(), '导出 export.csv');
    assert.equal(readFileSync(await download.path(), 'utf8'), CSV);
  });

  it('ran without console errors', () => {
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
