// Shared helpers of the browser tests: launching Debian's Chromium through playwright-core,
// waiting for the app, reading its test API, decoding screenshots (PNG) to measure them.
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { spawn } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..');

function loadPlaywright() {
  // NODE_PATH (set by run.sh) first, then the project's tool cache.
  try {
    return createRequire(import.meta.url)('playwright-core');
  } catch {
    const cache = process.env.SHOPKEEPER_CACHE || join(homedir(), '.cache', 'shopkeeper');
    return createRequire(join(cache, 'node', 'node_modules', '/'))('playwright-core');
  }
}
export const { chromium } = loadPlaywright();

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
export const ARTIFACTS = process.env.ARTIFACTS_DIR || join(REPO, 'build', 'test-artifacts');
export const SECTIONS = ['dashboard', 'products', 'pricing', 'promotions', 'members', 'planning',
  'insights', 'data', 'settings'];
// Starting the app under software WebGL on a busy 2-core machine can take a while.
export const START_TIMEOUT = Number(process.env.SK_START_TIMEOUT_MS || 120000);

const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A fresh browser profile in a temporary folder (IndexedDB, service worker and caches persist
// across reloads and across relaunches with the same folder).
// `contextOptions` go to Playwright's context as they are (e.g. { hasTouch: true } for taps).
export async function launch({ userDataDir, extraArgs = [], contextOptions = {} } = {}) {
  const dir = userDataDir || mkdtempSync(join(tmpdir(), 'sk-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    ...contextOptions,
  });
  return {
    context,
    dir,
    async close({ keepProfile = false } = {}) {
      await context.close().catch(() => {});
      if (!keepProfile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Records everything that counts as a problem on a page: console errors, uncaught exceptions and
// Content-Security-Policy violations (reported by the page itself, so none can be missed).
export function watch(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('crash', () => problems.push('the page crashed'));
  return problems;
}

export async function installCspProbe(context) {
  await context.addInitScript(() => {
    window.__skCspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__skCspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__skCspViolations || []);
}

// Waits until the app has drawn its first frame; fails at once with the page's own error box
// text if the shell reports a failure.
export async function waitReady(page, timeout = START_TIMEOUT) {
  const handle = await page.waitForFunction(() => {
    const failure = document.getElementById('failure');
    if (failure && !failure.hidden) {
      return { failure: document.getElementById('failure-text').textContent };
    }
    return window.shopkeeper && window.shopkeeper.ready ? { ready: true } : false;
  }, null, { timeout, polling: 100 });
  const result = await handle.jsonValue();
  if (result.failure) throw new Error(`the app failed to start: ${result.failure}`);
}

export async function open(page, url = BASE_URL) {
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
}

// A Chromium with the demo store open and built: { browser, page, problems } (problems: the
// console errors watch() collects). `before(page, browser)` runs before the page loads (a
// viewport size, permissions); `contextOptions` as for launch().
export async function openDemo({ before, contextOptions } = {}) {
  const browser = await launch({ contextOptions });
  const page = browser.context.pages()[0] || await browser.context.newPage();
  const problems = watch(page);
  if (before) await before(page, browser);
  await open(page, `${BASE_URL}?demo`);
  await waitState(page, (st) => st.counts.orders > 0 && st.busy !== true, 'the demo store', 90000);
  return { browser, page, problems };
}

export async function state(page) {
  return page.evaluate(() => window.shopkeeper.state());
}

// Polls state() until predicate(state) holds; returns that state. The message says what we waited for.
export async function waitState(page, predicate, what, timeout = 60000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await state(page);
    if (predicate(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last state: ${JSON.stringify(last)}`);
    }
    await page.waitForTimeout(200);
  }
}

// Saved means: the app reports 'saved' after its last commit, and stays so for a moment
// (a queued save would turn it back to 'saving').
export async function waitSaved(page) {
  const deadline = Date.now() + 60000;
  let since = 0;
  for (;;) {
    const s = await state(page);
    if (s.save_state.startsWith('failed')) throw new Error(`saving failed: ${s.save_state}`);
    if (s.save_state === 'saved') {
      if (!since) since = Date.now();
      if (Date.now() - since > 1000) return s;
    } else {
      since = 0;
    }
    if (Date.now() > deadline) throw new Error(`not saved after 60 s: ${JSON.stringify(s)}`);
    await page.waitForTimeout(100);
  }
}

// Where the Products list's search field is at 1280x800 (logical pixels).
export const PRODUCT_SEARCH = { x: 300, y: 105 };

// Lets the app draw a few frames (ImGui needs a couple to settle after a change).
export async function frames(page, n = 6) {
  await page.evaluate((count) => new Promise((done) => {
    let left = count;
    const step = () => (--left <= 0 ? done() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), n);
}

export async function screenshot(page, name) {
  const png = await page.screenshot({ type: 'png' });
  if (name) {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, name), png);
  }
  return png;
}

// ---- PNG decoding (8-bit greyscale/RGB/RGBA, non-interlaced: what Chromium writes) ----------
export function decodePng(buf) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(sig)) throw new Error('not a PNG');
  let pos = 8, width = 0, height = 0, depth = 0, colorType = 0, interlace = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      depth = data[8]; colorType = data[9]; interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (depth !== 8 || !channels || interlace) {
    throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${interlace}`);
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = out.subarray(y * stride, (y + 1) * stride);
    const prev = y ? out.subarray((y - 1) * stride, y * stride) : null;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels] : 0;
      const b = prev ? prev[x] : 0;
      const c = prev && x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) >> 1; break;
        case 4: {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      cur[x] = v & 0xff;
    }
  }
  return { width, height, channels, data: out };
}

function rgbAt(img, i) {
  const o = i * img.channels;
  return img.channels >= 3 ? [img.data[o], img.data[o + 1], img.data[o + 2]]
    : [img.data[o], img.data[o], img.data[o]];
}

// Luminance standard deviation and the number of distinct colours (quantised to 5 bits per
// channel): a blank or single-colour frame has ~0 and 1.
export function imageStats(png) {
  const img = decodePng(png);
  const n = img.width * img.height;
  let sum = 0, sumSq = 0;
  const colours = new Set();
  for (let i = 0; i < n; i++) {
    const [r, g, b] = rgbAt(img, i);
    const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += l; sumSq += l * l;
    colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
  }
  const mean = sum / n;
  return { width: img.width, height: img.height, stddev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), colours: colours.size };
}

// Fraction of pixels whose colour differs (by more than a small tolerance) between two screenshots.
export function diffFraction(pngA, pngB) {
  const a = decodePng(pngA), b = decodePng(pngB);
  if (a.width !== b.width || a.height !== b.height) return 1;
  const n = a.width * a.height;
  let differing = 0;
  for (let i = 0; i < n; i++) {
    const p = rgbAt(a, i), q = rgbAt(b, i);
    if (Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]) > 24) differing++;
  }
  return differing / n;
}

// A private static server on a free port (for tests that must take the network away for real).
export async function startServer(dir) {
  const child = spawn('python3', [join(REPO, 'scripts', 'serve.py'), dir, '--port', '0', ...(process.env.SK_SERVE_LOG ? [] : ['--quiet'])],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const m = /at (http:\/\/\S+)/.exec(text);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`serve.py exited with ${code}`)));
  });
  return {
    url,
    stop: () => new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.on('exit', () => done());
      child.kill('SIGTERM');
    }),
  };
}

// Real-input helpers (first-day tests): a button the app drew last frame (state().marks), a
// click on it with the mouse, keys pressed one frame apart, ISO day arithmetic in UTC.
export async function mark(page, name, what = name) {
  const s = await waitState(page, (st) => st.marks && st.marks[name], `${what} to be drawn`, 15000);
  return s.marks[name];
}

export async function click(page, name, what) {
  const m = await markInView(page, name, what);
  await page.mouse.click(m.x, m.y);
  await frames(page, 4);
}

// A mark scrolled into the window first: the mouse wheel over the content pane, as a user would.
export async function markInView(page, name, what = name) {
  const height = await page.evaluate(() => window.innerHeight);
  for (let i = 0; ; i++) {
    const m = await mark(page, name, what);
    if ((m.y > 8 && m.y < height - 8) || i >= 12) return m;
    await page.mouse.move(700, height / 2);
    await page.mouse.wheel(0, Math.sign(m.y - height / 2) * Math.min(600, Math.abs(m.y - height / 2)));
    await frames(page, 6);
  }
}

// A click as a hand on a mouse makes it: the pointer moves onto (x, y), the app draws a frame
// with it there, then the button goes down and up. page.mouse.click moves and presses in the
// same instant, so ImGui 1.86 sees the press in the frame the pointer arrives; an item that lets
// others overlap it (tabs, selectable rows) counts as hovered only when nothing else was hovered
// in the frame before, so such a click is lost when the pointer jumps there from another item
// (the content pane's scroll bar after a wheel turn, a button).
export async function pointAndClick(page, x, y) {
  await page.mouse.move(x, y);
  await frames(page, 3);
  await page.mouse.click(x, y);
  await frames(page, 4);
}

// Turns the mouse wheel, one notch at a time, over the content pane's own scroll bar (the pane,
// never a table inside it that scrolls its own rows) until the mark `name` lies wholly in the
// pane's visible part (below the top bar, above the window's bottom edge), as a seller scrolls to
// a button below the fold; returns the mark. Fails naming the positions seen when it never gets
// there (not drawn, or the wheel does not move the pane).
export async function scrollIntoView(page, name, what = name) {
  const { w, h } = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
  const top = 64;  // the top bar is ~46 px high at the app's 15 px type
  const seen = [];
  for (let i = 0; i < 40; i++) {
    const s = await waitState(page, (st) => st.marks && st.marks[name], `${what} to be drawn`, 15000);
    const m = s.marks[name];
    if (m.y0 >= top && m.y1 <= h - 12) return m;
    seen.push(`y ${Math.round(m.y0)}-${Math.round(m.y1)} at scroll ${s.scroll}`);
    await page.mouse.move(w - 17, Math.round(h / 2));
    await page.mouse.wheel(0, m.y1 > h - 12 ? 100 : -100);
    await frames(page, 4);
  }
  throw new Error(`${what} never came into view (${w}x${h}): ${seen.join('; ')}`);
}

export async function key(page, k, n = 1) {
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(k);
    await frames(page, 3);
  }
}

export const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
export const addMonth = (iso) => {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
};

// ---- Every browser: one tab interface over three drivers ----------------------------------------
// openBrowser(name) starts Debian's Chromium (playwright-core, DevTools protocol), Firefox ESR
// (puppeteer-core, WebDriver BiDi) or the WebKit engine (WebKitGTK's MiniBrowser through
// WebKitWebDriver, selenium-webdriver, classic WebDriver). Every tab answers the subset of
// Playwright's Page the helpers above use (evaluate, waitForFunction, waitForTimeout, mouse.click,
// keyboard.press/type, goto, reload, url, screenshot, on, close), so waitReady, state, waitState,
// frames, mark and click work unchanged in all three; files go through session.chooseFiles and
// session.download. What a driver cannot do is listed in session.limits, in words, and the tests
// skip exactly that with the reason.
export const BROWSERS = (process.env.SK_BROWSERS || 'chromium,firefox,webkit').split(',')
  .map((s) => s.trim()).filter(Boolean);
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const VIEWPORT = { width: 1280, height: 800 };

function requireTool(name) {
  const cache = process.env.SHOPKEEPER_CACHE || join(homedir(), '.cache', 'shopkeeper');
  try {
    return createRequire(import.meta.url)(name);
  } catch {
    return createRequire(join(cache, 'node', 'node_modules', '/'))(name);
  }
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// Firefox and WebKitGTK draw WebGL only with a display (headless Firefox finds no GL context
// here): one private Xvfb per test process, unless SK_E2E_DISPLAY names one to use.
let xvfb = null;
async function display() {
  if (process.env.SK_E2E_DISPLAY) return process.env.SK_E2E_DISPLAY;
  if (xvfb) return xvfb.display;
  const child = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', `${VIEWPORT.width}x${WEBKIT_HEIGHT + 100}x24`,
    '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const number = await new Promise((ok, fail) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (/\n/.test(text)) ok(text.trim());
    });
    child.on('error', (e) => fail(new Error(`Xvfb could not start (${e.message}): run scripts/setup.sh`)));
    child.on('exit', (code) => fail(new Error(`Xvfb exited with ${code}`)));
  });
  xvfb = { child, display: `:${number}` };
  // Neither the server nor its pipe may keep the test process alive; it goes when the process does.
  child.stdout.destroy();
  child.unref();
  process.on('exit', () => child.kill());
  return xvfb.display;
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// session.download for a browser that saves downloads into `dir` on its own: what trigger()
// makes arrive there, once it has stopped growing (browsers write a partial file first and
// rename it at the end), as { name, bytes }.
function downloadInto(dir) {
  return async (tab, trigger) => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const before = new Set(readdirSync(dir));
    await trigger();
    const name = await newDownload(dir, before);
    return { name, bytes: readFileSync(join(dir, name)) };
  };
}

async function newDownload(dir, before, timeout = 30000) {
  const { readdirSync, statSync } = await import('node:fs');
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    const fresh = readdirSync(dir).filter((f) => !before.has(f) && !/\.(part|download)$/i.test(f) && !f.startsWith('.'));
    if (fresh.length) {
      const size = statSync(join(dir, fresh[0])).size;
      const seen = `${fresh[0]}:${size}`;
      if (seen === last && size > 0) return fresh[0];
      last = seen;
    }
    if (Date.now() > deadline) throw new Error(`no download arrived in ${dir} within ${timeout} ms`);
    await sleep(300);
  }
}

function keyParts(combo) {
  return combo === '+' ? ['+'] : combo.split('+');
}

// --- Chromium: playwright-core pages already are tabs; files through its own events.
async function openChromium({ userDataDir } = {}) {
  const b = await launch({ userDataDir });
  const tab = b.context.pages()[0] || await b.context.newPage();
  const { readFileSync } = await import('node:fs');
  return {
    name: 'chromium',
    version: (await import('node:child_process')).execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    dir: b.dir,
    limits: {},
    tab: () => tab,
    newTab: () => b.context.newPage(),
    async chooseFiles(page, trigger, paths) {
      const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
      await trigger();
      await (await chooser).setFiles(paths);
    },
    async download(page, trigger) {
      const pending = page.waitForEvent('download', { timeout: 30000 });
      await trigger();
      const d = await pending;
      return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
    },
    close: (o) => b.close(o),
  };
}

// --- Firefox ESR: puppeteer-core over WebDriver BiDi, under Xvfb (WebGL needs a display).
async function openFirefox({ userDataDir } = {}) {
  const puppeteer = requireTool('puppeteer-core');
  const dir = userDataDir || mkdtempSync(join(tmpdir(), 'sk-e2e-firefox-'));
  const downloads = join(dir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const env = { ...process.env, DISPLAY: await display() };
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: false,
    userDataDir: dir,
    env,
    defaultViewport: VIEWPORT,
    protocolTimeout: 180000,
    extraPrefsFirefox: {
      'webgl.force-enabled': true,
      'layout.css.devPixelsPerPx': '1.0',  // Xvfb's DPI would give 0.9
      'intl.accept_languages': 'en-US',
      // Downloads go straight into the profile's folder, without asking.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.manager.showWhenStarting': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  const wrap = (page) => ({
    raw: page,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitForFunction: (fn, arg, o = {}) => page.waitForFunction(fn, { timeout: o.timeout ?? 30000, polling: o.polling ?? 100 }, arg),
    waitForTimeout: sleep,
    mouse: {
      click: (x, y) => page.mouse.click(x, y),
      async wheel(dx, dy) { await page.mouse.wheel({ deltaX: dx, deltaY: dy }); },
      move: (x, y) => page.mouse.move(x, y),
    },
    keyboard: {
      type: (text) => page.keyboard.type(text),
      down: (k) => page.keyboard.down(k),
      up: (k) => page.keyboard.up(k),
      async press(combo) {
        const parts = keyParts(combo);
        for (const k of parts.slice(0, -1)) await page.keyboard.down(k);
        await page.keyboard.press(parts[parts.length - 1]);
        for (const k of parts.slice(0, -1).reverse()) await page.keyboard.up(k);
      },
    },
    goto: (url) => page.goto(url, { waitUntil: 'load', timeout: 120000 }),
    reload: () => page.reload({ waitUntil: 'load', timeout: 120000 }),
    url: () => page.url(),
    screenshot: async () => Buffer.from(await page.screenshot({ type: 'png' })),
    on: (event, cb) => page.on(event, cb),
    close: () => page.close(),
  });
  const pages = await browser.pages();
  const first = wrap(pages[0] || await browser.newPage());
  return {
    name: 'firefox',
    version: await browser.version(),
    dir,
    limits: {
      ime: 'WebDriver BiDi has no input-method (composition) commands: typed characters are sent as key actions',
    },
    tab: () => first,
    newTab: async () => wrap(await browser.newPage()),
    async chooseFiles(tab, trigger, paths) {
      const [chooser] = await Promise.all([tab.raw.waitForFileChooser({ timeout: 15000 }), trigger()]);
      await chooser.accept(paths);
    },
    download: downloadInto(downloads),
    async close({ keepProfile = false } = {}) {
      await browser.close().catch(() => {});
      if (!keepProfile && !userDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// --- WebKit: WebKitGTK's MiniBrowser driven by WebKitWebDriver (selenium-webdriver), under Xvfb.
const SELENIUM_KEYS = {
  Control: 'CONTROL', Shift: 'SHIFT', Alt: 'ALT', Meta: 'META', Backspace: 'BACK_SPACE', Delete: 'DELETE',
  Enter: 'ENTER', Escape: 'ESCAPE', Tab: 'TAB', ArrowLeft: 'ARROW_LEFT', ArrowRight: 'ARROW_RIGHT',
  ArrowUp: 'ARROW_UP', ArrowDown: 'ARROW_DOWN', PageUp: 'PAGE_UP', PageDown: 'PAGE_DOWN', Home: 'HOME', End: 'END',
};
// WebKitWebDriver's wheel actions reach the canvas (a 'wheel' event arrives) but the app's panes
// do not scroll with them (not yet understood): WebKit's window is tall enough that the Data
// section's import plan and export buttons are in view without scrolling.
const WEBKIT_HEIGHT = 1800;
async function openWebKit({ userDataDir } = {}) {
  const { Builder, By, Key, Origin, until } = requireTool('selenium-webdriver');
  const dir = userDataDir || mkdtempSync(join(tmpdir(), 'sk-e2e-webkit-'));
  // MiniBrowser saves downloads to the XDG download folder: point it into this profile folder.
  const downloads = join(dir, 'downloads');
  const config = join(dir, 'config');
  mkdirSync(downloads, { recursive: true });
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  const port = await freePort();
  const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
    stdio: ['ignore', 'ignore', process.env.SK_WEBKIT_LOG ? 'inherit' : 'ignore'],
    // Site data (IndexedDB, service workers, caches) under this profile folder too.
    env: { ...process.env, DISPLAY: await display(), XDG_CONFIG_HOME: config,
      XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache') },
  });
  const driverGone = new Promise((ok) => driverProcess.on('exit', ok));
  let driver;
  for (let i = 0; ; i++) {
    try {
      driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      }).build();
      break;
    } catch (e) {
      if (i > 50) { driverProcess.kill(); throw e; }
      await sleep(200);
    }
  }
  await driver.manage().setTimeouts({ script: 180000, pageLoad: 180000 });
  await driver.manage().window().setRect({ x: 0, y: 0, width: VIEWPORT.width, height: WEBKIT_HEIGHT });
  let current = await driver.getWindowHandle();
  // Selenium talks to one window at a time: every call switches to its tab first.
  const onTab = async (handle) => {
    if (current !== handle) {
      await driver.switchTo().window(handle);
      current = handle;
    }
  };
  const keyOf = (k) => (SELENIUM_KEYS[k] ? Key[SELENIUM_KEYS[k]]
    : /^Key[A-Z]$/.test(k) ? k.slice(3).toLowerCase() : /^Digit\d$/.test(k) ? k.slice(5) : k);
  const wrap = (handle) => {
    let pointer = { x: 0, y: 0 };
    const tab = {
      handle,
      async evaluate(fn, arg) {
        await onTab(handle);
        const r = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          try {
            Promise.resolve((${fn.toString()})(arguments[0])).then(
              (v) => done({ v: v === undefined ? null : v }), (e) => done({ e: String((e && e.stack) || e) }));
          } catch (e) { done({ e: String((e && e.stack) || e) }); }`, arg === undefined ? null : arg);
        if (r && r.e) throw new Error(`in the page: ${r.e}`);
        return r ? r.v : null;
      },
      async waitForFunction(fn, arg, o = {}) {
        const deadline = Date.now() + (o.timeout ?? 30000);
        for (;;) {
          const v = await tab.evaluate(fn, arg).catch((e) => {
            // A page being replaced (reload) has no script context for a moment.
            if (Date.now() > deadline) throw e;
            return null;
          });
          if (v) return { jsonValue: async () => v };
          if (Date.now() > deadline) throw new Error(`timed out after ${o.timeout ?? 30000} ms waiting for ${fn}`);
          await sleep(o.polling ?? 100);
        }
      },
      waitForTimeout: sleep,
      mouse: {
        async click(x, y) {
          await onTab(handle);
          await driver.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT })
            .press().release().perform();
        },
        async move(x, y) {
          await onTab(handle);
          pointer = { x: Math.round(x), y: Math.round(y) };
          await driver.actions({ async: true }).move({ ...pointer, origin: Origin.VIEWPORT }).perform();
        },
        async wheel(dx, dy) {
          await onTab(handle);
          await driver.actions({ async: true }).scroll(pointer.x, pointer.y, Math.round(dx), Math.round(dy), Origin.VIEWPORT).perform();
        },
      },
      keyboard: {
        async type(text) {
          await onTab(handle);
          await driver.actions({ async: true }).sendKeys(text).perform();
        },
        async press(combo) {
          await onTab(handle);
          const parts = keyParts(combo).map(keyOf);
          let a = driver.actions({ async: true });
          for (const k of parts.slice(0, -1)) a = a.keyDown(k);
          a = a.sendKeys(parts[parts.length - 1]);
          for (const k of parts.slice(0, -1).reverse()) a = a.keyUp(k);
          await a.perform();
        },
        async down(k) { await onTab(handle); await driver.actions({ async: true }).keyDown(keyOf(k)).perform(); },
        async up(k) { await onTab(handle); await driver.actions({ async: true }).keyUp(keyOf(k)).perform(); },
      },
      async goto(url) { await onTab(handle); await driver.get(url); },
      async reload() { await onTab(handle); await driver.navigate().refresh(); },
      url: () => lastUrl.get(handle) || '',
      async screenshot() { await onTab(handle); return Buffer.from(await driver.takeScreenshot(), 'base64'); },
      // Classic WebDriver has no console or error events (see limits.console).
      on() {},
      async close() {
        await onTab(handle);
        await driver.close();
        const left = await driver.getAllWindowHandles();
        if (left.length) { current = null; await onTab(left[0]); }
      },
    };
    const goto = tab.goto;
    tab.goto = async (url) => { await goto(url); lastUrl.set(handle, url); };
    return tab;
  };
  const lastUrl = new Map();
  const first = wrap(current);
  const caps = await driver.getCapabilities();
  return {
    name: 'webkit',
    version: `WebKitGTK ${caps.get('browserVersion') || '?'}`,
    dir,
    limits: {
      ime: 'WebKitWebDriver has no input-method (composition) commands: typed characters are sent as key actions',
      console: 'classic WebDriver reports no console messages or uncaught errors: only the app\'s own failure box is checked',
      wheel: 'wheel actions reach the canvas but do not scroll the app: the window is 1800 px tall instead of scrolling',
      // Checked: with its data and cache folders under the profile, a relaunch finds IndexedDB empty.
      restart: 'MiniBrowser in automation mode keeps site data in an ephemeral session: nothing outlives the browser process',
    },
    tab: () => first,
    async newTab() {
      await onTab(current);
      // A window of its own, not a background tab: WebKit draws no frames (requestAnimationFrame) in a hidden tab.
      await driver.switchTo().newWindow('window');
      await driver.manage().window().setRect({ x: 0, y: 0, width: VIEWPORT.width, height: WEBKIT_HEIGHT });
      current = await driver.getWindowHandle();
      return wrap(current);
    },
    async chooseFiles(tab, trigger, paths) {
      // The app's button clicks its hidden <input type=file>; WebDriver fills that input the way
      // the chooser would (Element Send Keys on a file input), firing the same change event.
      await trigger();
      await onTab(tab.handle);
      // The app handles the click in its next frame: wait for the input it adds.
      const input = await driver.wait(until.elementLocated(By.css('input[type=file]')), 15000);
      await input.sendKeys(paths.join('\n'));
    },
    download: downloadInto(downloads),
    async close({ keepProfile = false } = {}) {
      await driver.quit().catch(() => {});
      driverProcess.kill();
      await Promise.race([driverGone, sleep(5000)]);
      if (!keepProfile && !userDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openBrowser(name, options = {}) {
  if (name === 'chromium') return openChromium(options);
  if (name === 'firefox') return openFirefox(options);
  if (name === 'webkit') return openWebKit(options);
  throw new Error(`unknown browser ${name} (chromium, firefox, webkit)`);
}
