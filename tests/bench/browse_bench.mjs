// Browsing benchmark in Chromium: a demo store of N order lines (default 1,000,000) made in the
// browser build, then the page reloaded (open store -> first drawn dashboard), then four kinds of
// browsing, each for a few seconds: hovering the trend chart, scrolling the dashboard, switching
// the date range (each switch recomputes the whole dashboard), and switching sections.
// Prints, per phase, the browser's frame intervals (requestAnimationFrame), the app's own time
// per drawn frame (wasm: events, UI and ImGui's WebGL calls) and, of that, the UI (draw_app:
// panels and analyses). Figures only: nothing passes or fails.
//   node tests/bench/browse_bench.mjs [build/web] [--lines N] [--seconds S]
// Chromium runs headless with SwiftShader (software WebGL) on this machine, so the browser's
// frame intervals include software rasterisation that a GPU would do, and WebGL calls that wait
// for it; the UI time per frame is the part Shopkeeper's code controls.
import { launch, startServer, REPO, frames } from '../e2e/lib.mjs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const webDir = args[0] && !args[0].startsWith('--') ? args[0] : join(REPO, 'build', 'web');
const LINES = opt('--lines', 1000000);
const SECONDS = opt('--seconds', 4);

function stats(xs) {
  if (!xs.length) return { n: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {
    n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1],
    over16: xs.filter((x) => x > 1000 / 60 + 0.5).length / xs.length,
    over33: xs.filter((x) => x > 1000 / 30 + 0.5).length / xs.length,
  };
}
const f1 = (x) => (x === undefined ? '-' : x.toFixed(1));
const pct = (x) => (x === undefined ? '-' : (100 * x).toFixed(1) + '%');
function line(name, raf, app) {
  const r = stats(raf), a = stats(app.map((x) => x[0])), u = stats(app.map((x) => x[1]));
  console.log(`${name.padEnd(16)} browser frames ${String(r.n).padStart(4)}: p50 ${f1(r.p50)} p95 ${f1(r.p95)} p99 ${f1(r.p99)} max ${f1(r.max)} ms, >16.7 ms ${pct(r.over16)}, >33 ms ${pct(r.over33)}`);
  console.log(`${''.padEnd(16)} app frame      ${String(a.n).padStart(4)}: p50 ${f1(a.p50)} p95 ${f1(a.p95)} p99 ${f1(a.p99)} max ${f1(a.max)} ms, >16.7 ms ${pct(a.over16)}`);
  console.log(`${''.padEnd(16)}   of it the UI ${String(u.n).padStart(4)}: p50 ${f1(u.p50)} p95 ${f1(u.p95)} p99 ${f1(u.p99)} max ${f1(u.max)} ms, >16.7 ms ${pct(u.over16)}`);
}

async function startRaf(page) {
  await page.evaluate(() => {
    window.__skRaf = [];
    const tick = (t) => { window.__skRaf.push(t); if (window.__skRafOn) requestAnimationFrame(tick); };
    window.__skRafOn = true;
    requestAnimationFrame(tick);
  });
  await page.evaluate(() => window.shopkeeper.frameTimes());  // drop what came before
}
async function stopRaf(page) {
  const t = await page.evaluate(() => { window.__skRafOn = false; return window.__skRaf; });
  const app = await page.evaluate(() => window.shopkeeper.frameTimes());
  const raf = [];
  for (let i = 1; i < t.length; ++i) raf.push(t[i] - t[i - 1]);
  return { raf, app };
}
const state = (page) => page.evaluate(() => window.shopkeeper.state());
async function waitFor(page, pred, what, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await page.evaluate(() => (window.shopkeeper && window.shopkeeper.ready ? window.shopkeeper.state() : null)).catch(() => null);
    if (s && pred(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const server = await startServer(webDir);
const b = await launch();
try {
  const page = await b.context.newPage();
  await page.goto(server.url);
  await waitFor(page, (s) => s.ready, 'the app', 120000);
  let t0 = Date.now();
  await page.evaluate((n) => window.shopkeeper.openDemo(n), LINES);
  const made = await waitFor(page, (s) => s.counts.order_lines >= LINES && s.busy !== true, 'the demo store', 900000);
  const genMs = Date.now() - t0;
  t0 = Date.now();
  await waitFor(page, (s) => s.save_state === 'saved', 'the store saved to IndexedDB', 900000);
  const saveMs = Date.now() - t0;
  console.log(`store: ${made.counts.order_lines} order lines, ${made.counts.orders} orders, ${made.counts.products} products`);
  console.log(`demo generated in the browser ${(genMs / 1000).toFixed(1)} s, saved to IndexedDB ${(saveMs / 1000).toFixed(1)} s`);

  // Open: reload and time navigation start -> first drawn frame with the store loaded.
  const opens = [];
  for (let i = 0; i < 2; ++i) {
    await page.reload();
    await waitFor(page, (s) => s.ready && s.counts.order_lines >= LINES, 'the reloaded store', 300000);
    opens.push(await page.evaluate(() => window.Module && Module.skFirstFrameAt));
  }
  console.log(`open store to first drawn dashboard (reload, navigation start -> first frame): ${opens.map((x) => (x / 1000).toFixed(2) + ' s').join(', ')} (target < 4 s)`);

  await page.evaluate(() => { window.shopkeeper.navigate('dashboard'); window.shopkeeper.setRange('last30'); });
  await frames(page, 20);
  console.log(`browsing, ${SECONDS} s per phase (viewport 1280x800):`);

  // One phase: `step(k)` repeated for SECONDS while frames are recorded.
  const phase = async (name, step) => {
    await startRaf(page);
    const end = Date.now() + SECONDS * 1000;
    for (let k = 0; Date.now() < end; ++k) await step(k);
    const r = await stopRaf(page);
    line(name, r.raf, r.app);
  };
  // 1. Hover across the trend chart (tooltips follow the mouse).
  await phase('hover chart', (k) => page.mouse.move(250 + ((k * 7) % 1000), 420));
  // 2. Scroll the dashboard down and up with the wheel.
  await phase('scroll', async (k) => {
    await page.mouse.move(700, 500);
    await page.mouse.wheel(0, (Math.floor(k / 20) % 2 ? -1 : 1) * 120);
    await page.waitForTimeout(16);
  });
  // 3. Switch the date range every 400 ms: each switch recomputes the whole dashboard.
  // 4. Switch sections every 400 ms.
  const every400 = (call, values) => async (k) => {
    await page.evaluate(call, values[k % values.length]);
    await page.mouse.move(300 + (k % 50) * 10, 420);
    await page.waitForTimeout(400);
  };
  await phase('switch range', every400((p) => window.shopkeeper.setRange(p),
    ['last7', 'last90', 'this_year', 'all', 'last_month', 'last30']));
  await phase('switch section', every400((s) => window.shopkeeper.navigate(s),
    ['products', 'promotions', 'data', 'dashboard', 'settings', 'dashboard']));
} finally {
  await b.close();
  await server.stop();
}
