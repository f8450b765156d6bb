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
export async function launch({ userDataDir, extraArgs = [] } = {}) {
  const dir = userDataDir || mkdtempSync(join(tmpdir(), 'sk-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
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
  const m = await mark(page, name, what);
  await page.mouse.click(m.x, m.y);
  await frames(page, 4);
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
