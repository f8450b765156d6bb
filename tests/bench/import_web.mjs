// Browser import benchmark: the 1,000,000-line Online-Retail-shaped CSV imported through the
// built web app's Data section (file picker -> plan -> Import), in headless Chromium. Prints
// figures; asserts nothing.
//   node tests/bench/import_web.mjs [--csv PATH] [--lines N] [--web build/web] [--native build-release/import_bench]
// The CSV comes from the native benchmark's generator (import_bench --csv PATH --csv-only), so
// every program below loads the same bytes. Printed side by side:
//   browser  file chosen -> import report shown (read in slices, written in slices inside one
//            transaction, then the analysis snapshot refreshed), and -> saved to IndexedDB;
//            frame timing meanwhile (requestAnimationFrame gaps: the UI kept drawing or not)
//   native   import_bench on the same lines (parse / commit split)
//   DuckDB   tests/bench/import_duckdb.mjs on the same file (read_csv into a table, in memory)
// Software WebGL (SwiftShader) on a shared 2-core machine: read browser figures as upper bounds.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, launch, open, startServer, state } from '../e2e/lib.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const lines = Number(arg('--lines', 1000000));
const csv = resolve(arg('--csv', `/tmp/sk-bench-${lines}.csv`));
const webDir = resolve(arg('--web', process.env.WEB_DIR || join(REPO, 'build', 'web')));
const nativeBin = resolve(arg('--native', join(REPO, 'build-release', 'import_bench')));
const TIMEOUT_MS = Number(process.env.SK_BENCH_TIMEOUT_MS || 300000);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error}`);
  return r.stdout;
}

if (!existsSync(csv)) {
  if (!existsSync(nativeBin)) {
    console.error(`no ${csv} and no ${nativeBin} to generate it: build import_bench (tests/bench/README.md)`);
    process.exit(2);
  }
  run(nativeBin, ['--lines', String(lines), '--csv', csv, '--csv-only']);
}
const sizeMb = statSync(csv).size / 1e6;

async function browserImport() {
  const server = await startServer(webDir);
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] || await browser.context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('crash', () => problems.push('the page crashed'));
    await open(page, server.url);
    await page.evaluate(() => window.shopkeeper.navigate('data'));
    // Every frame: its time and the import's phase, read in the page itself.
    await page.evaluate(() => {
      window.__skFrames = [];
      const tick = (t) => {
        const s = window.shopkeeper.state();
        const imp = s.import || {};
        window.__skFrames.push({ t, running: !!imp.running, committing: !!imp.committing, saved: s.save_state });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const chooser = page.waitForEvent('filechooser');
    await page.evaluate(() => Module.skOpenFile('.csv,.tsv,.txt,text/csv'));
    const fc = await chooser;
    const t0 = await page.evaluate(() => performance.now());
    await fc.setFiles(csv);
    // The plan appears once the file is in and its header read: confirm it (the Import button).
    const confirmed = await page.waitForFunction(() => window.shopkeeper.confirmImport() && performance.now(),
      null, { timeout: TIMEOUT_MS, polling: 20 });
    const tConfirm = await confirmed.jsonValue();
    const done = await page.waitForFunction(() => {
      const s = window.shopkeeper.state();
      return !s.import.running && (s.import.report || s.import.message) ? performance.now() : false;
    }, null, { timeout: TIMEOUT_MS, polling: 20 });
    const tDone = await done.jsonValue();
    const saved = await page.waitForFunction(() => window.shopkeeper.state().save_state === 'saved' && performance.now(),
      null, { timeout: TIMEOUT_MS, polling: 50 });
    const tSaved = await saved.jsonValue();
    const s = await state(page);
    const frames = await page.evaluate(() => window.__skFrames);
    return { t0, tConfirm, tDone, tSaved, state: s, frames, problems };
  } finally {
    await browser.close();
    await server.stop();
  }
}

function frameStats(frames, from, to) {
  const inside = frames.filter((f) => f.t >= from && f.t <= to);
  const gaps = [];
  for (let i = 1; i < inside.length; i++) gaps.push({ gap: inside[i].t - inside[i - 1].t, at: inside[i].t - from, phase: inside[i - 1] });
  gaps.sort((a, b) => b.gap - a.gap);
  const firstCommit = inside.find((f) => f.committing);
  const lastCommit = [...inside].reverse().find((f) => f.committing);
  return { count: inside.length, gaps, firstCommit, lastCommit };
}

const secs = (ms) => (ms / 1000).toFixed(2) + ' s';

console.log(`import benchmark: ${lines.toLocaleString('en')} lines, ${sizeMb.toFixed(1)} MB (${csv})`);

let nativeLine = 'not built';
if (existsSync(nativeBin)) {
  const out = run(nativeBin, ['--lines', String(lines)]);
  const first = out.split('\n').find((l) => l.startsWith('first import')) || out;
  const cpu = out.split('\n').find((l) => l.includes('CPU time')) || '';
  nativeLine = first.replace(/^first import: /, '') + (cpu ? ` |${cpu.replace(/^\s*CPU time of this import:/, ' cpu')}` : '');
}

const duck = spawnSync('node', [join(REPO, 'tests', 'bench', 'import_duckdb.mjs'), csv], { encoding: 'utf8' });
const duckLine = (duck.stdout || duck.stderr || '').trim();

const b = await browserImport();
const st = frameStats(b.frames, b.t0, b.tDone);
const rep = b.state.import.report;
const outcome = rep ? `imported ${rep.rows_imported.toLocaleString('en')} rows (${rep.orders_imported} orders, ` +
  `${rep.rows_rejected} rejected)` : `FAILED: ${b.state.import.message}`;
console.log('');
console.log(`browser (Chromium, headless, SwiftShader): file chosen -> report shown ${secs(b.tDone - b.t0)} (${outcome})`);
console.log(`  file delivered + header read (plan shown) ${secs(b.tConfirm - b.t0)}; ` +
  (st.firstCommit ? `reading until +${secs(st.firstCommit.t - b.t0)}, writing (one transaction) until ` +
    `+${secs(st.lastCommit.t - b.t0)}, then refresh of the analysis snapshot until +${secs(b.tDone - b.t0)}` : ''));
console.log(`  saved to IndexedDB at +${secs(b.tSaved - b.t0)}`);
const top = st.gaps.slice(0, 5).map((g) => `${g.gap.toFixed(0)} ms at +${secs(g.at)} (${g.phase.committing ? 'writing' : g.phase.running ? 'reading' : 'other'})`);
const over = (ms) => st.gaps.filter((g) => g.gap > ms).length;
console.log(`  frames meanwhile: ${st.count}; longest gaps: ${top.join(', ')}`);
console.log(`  gaps over 100 ms: ${over(100)}, over 250 ms: ${over(250)}, over 1 s: ${over(1000)}`);
if (b.problems.length) console.log(`  page problems: ${b.problems.join('; ')}`);
console.log(`native (import_bench, same lines): ${nativeLine}`);
console.log(`DuckDB: ${duckLine}`);
console.log('targets: native < 5 s, browser < 20 s');
