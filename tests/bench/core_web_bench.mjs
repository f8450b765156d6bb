// The core benchmarks in the browser: a bench program built for the web (`<name>_bench_web`,
// cmake/bench.cmake) runs in headless Chromium, the engine and memory limits the web app has
// (wasm32, growth up to 2 GB). A store made natively is copied into the page's in-memory file
// system first, so native, node (`<name>_bench_wasm`) and browser runs read the same rows.
// Prints the program's own output; asserts nothing.
//   node tests/bench/core_web_bench.mjs NAME [--db DIR] [--build build/wasm] [-- ARGS...]
// e.g. node tests/bench/core_web_bench.mjs members --db /tmp/demo-1m -- --reps 1 --no-scipy
// With --db the page gets DIR's store.db and facts.db at /db and the program `--db /db` before
// ARGS. The run blocks the page's main thread (it is one call of main): this measures the core's
// speed in the browser, not how the app slices it across frames (tests/e2e/slicing.test.mjs).
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO, launch, startServer } from '../e2e/lib.mjs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash >= 0 ? argv.slice(0, dash) : argv;
const progArgs = dash >= 0 ? argv.slice(dash + 1) : [];
const name = own[0];
const opt = (k, d) => { const i = own.indexOf(k); return i > 0 && i + 1 < own.length ? own[i + 1] : d; };
if (!name) {
  console.error('usage: core_web_bench.mjs NAME [--db DIR] [--build build/wasm] [-- ARGS...]');
  process.exit(2);
}
const build = resolve(opt('--build', join(REPO, 'build', 'wasm')));
const db = opt('--db', '');
const TIMEOUT_MS = Number(process.env.SK_BENCH_TIMEOUT_MS || 900000);
const js = join(build, `${name}_bench_web.js`);
if (!existsSync(js)) {
  console.error(`no ${js}: ninja -C ${build} ${name}_bench_web`);
  process.exit(2);
}

// A folder served to the page: the program, a page that runs it, the store's files.
const site = mkdtempSync(join(tmpdir(), 'sk-core-web-'));
symlinkSync(js, join(site, 'bench.js'));
symlinkSync(join(build, `${name}_bench_web.wasm`), join(site, `${name}_bench_web.wasm`));
const files = [];
if (db) {
  for (const f of ['store.db', 'facts.db']) {
    if (existsSync(join(db, f))) {
      symlinkSync(resolve(db, f), join(site, f));
      files.push(f);
    }
  }
}
const args = [...(db ? ['--db', '/db'] : []), ...progArgs];
writeFileSync(join(site, 'index.html'), `<!doctype html><meta charset="utf-8"><title>core bench</title>
<script>
window.__out = []; window.__done = false;
var Module = {
  noInitialRun: true,
  print: (t) => window.__out.push(t),
  printErr: (t) => window.__out.push(t),
  onRuntimeInitialized: async () => {
    try {
      Module.FS.mkdir('/db');
      let bytes = 0;
      const t0 = performance.now();
      for (const f of ${JSON.stringify(files)}) {
        const buf = new Uint8Array(await (await fetch(f)).arrayBuffer());
        Module.FS.writeFile('/db/' + f, buf);
        bytes += buf.length;
      }
      window.__out.push('[browser] store files copied into memory: ' + (bytes / 1e6).toFixed(1) + ' MB in ' +
                        ((performance.now() - t0) / 1000).toFixed(2) + ' s');
      // Let the page paint the line above before the program blocks the thread.
      await new Promise((r) => setTimeout(r, 50));
      const t1 = performance.now();
      window.__rc = Module.callMain(${JSON.stringify(args)});
      window.__out.push('[browser] main returned ' + window.__rc + ' after ' + ((performance.now() - t1) / 1000).toFixed(2) +
                        ' s; wasm memory ' + (Module.HEAP8 ? (Module.HEAP8.length / 1048576).toFixed(0) : '?') + ' MB');
    } catch (e) {
      window.__out.push('[browser] failed: ' + e);
    }
    window.__done = true;
  },
};
</script>
<script src="bench.js"></script>
`);

const server = await startServer(site);
const browser = await launch();
try {
  const page = browser.context.pages()[0] || await browser.context.newPage();
  page.on('pageerror', (e) => console.log(`[browser] page error: ${e.message}`));
  page.on('crash', () => console.log('[browser] the page crashed'));
  const version = browser.context.browser() ? browser.context.browser().version() : '';
  console.log(`${name}_bench in headless Chromium ${version}: ${args.join(' ')}`);
  await page.goto(server.url + 'index.html');
  await page.waitForFunction(() => window.__done, null, { timeout: TIMEOUT_MS, polling: 500 });
  const out = await page.evaluate(() => window.__out);
  for (const l of out) console.log(l);
} finally {
  await browser.close();
  await server.stop();
  rmSync(site, { recursive: true, force: true });
}
