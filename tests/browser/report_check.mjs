// Opens an xfactor report.html in headless Debian Chromium, as a user would from disk, and checks
// that it is whole: it draws, every chart has pixels on its canvas, nothing fails in the console,
// and nothing is fetched from anywhere. Saves a full-page screenshot for people to look at.
//
//   node tests/browser/report_check.mjs <report.html> [--screenshot out.png]
//
// Exit codes: 0 ok, 1 the report is broken (every problem is listed), 2 usage or setup problem.
import {createRequire} from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const CHART_TYPES = new Set(['line', 'bar', 'heatmap', 'map', 'timeline']);
const SETUP_HINT = 'run scripts/install-deps.sh';

function die(code, message) {
  console.error(`report_check: ${message}`);
  process.exit(code);
}

function parseArgs(argv) {
  let html = null;
  let screenshot = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--screenshot') {
      if (i + 1 >= argv.length) die(2, '--screenshot needs a file name');
      screenshot = argv[++i];
    } else if (argv[i].startsWith('-')) {
      die(2, `unknown option ${argv[i]}\nusage: node report_check.mjs <report.html> [--screenshot out.png]`);
    } else if (html === null) {
      html = argv[i];
    } else {
      die(2, 'only one report.html at a time');
    }
  }
  if (html === null) die(2, 'usage: node report_check.mjs <report.html> [--screenshot out.png]');
  html = path.resolve(html);
  if (!fs.existsSync(html)) die(2, `no such file: ${html}`);
  screenshot = path.resolve(screenshot ?? path.join(path.dirname(html), 'report.png'));
  return {html, screenshot};
}

// playwright-core lives in web/node_modules (installed by scripts/install-deps.sh), not beside
// this script, so resolve it from there.
function loadPlaywright() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const webDir = path.resolve(here, '..', '..', 'web');
  try {
    return createRequire(path.join(webDir, 'package.json'))('playwright-core');
  } catch (e) {
    die(2, `playwright-core is not installed in ${webDir}/node_modules: ${SETUP_HINT}`);
  }
}

// Runs in the page: for each chart container, how much of its canvas is painted and in how many
// distinct colours. A blank canvas has no painted pixel; a chart has axes, marks and labels.
function measureCharts() {
  return Array.from(document.querySelectorAll('[data-xf-chart]')).map((holder) => {
    const canvas = holder.querySelector('canvas');
    const id = holder.getAttribute('data-xf-chart');
    if (!canvas || !canvas.width || !canvas.height) return {id, painted: 0, colours: 0, size: '0x0'};
    const {width, height} = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let painted = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {  // every 7th pixel is plenty
      if (data[i + 3] === 0) continue;
      painted++;
      if (colours.size < 64) colours.add((data[i] >> 4) << 8 | (data[i + 1] >> 4) << 4 | data[i + 2] >> 4);
    }
    const sampled = Math.ceil(data.length / (4 * 7));
    return {id, painted: painted / sampled, colours: colours.size, size: `${width}x${height}`};
  });
}

async function main() {
  const {html, screenshot} = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM)) die(2, `${CHROMIUM} is missing: ${SETUP_HINT}`);
  const {chromium} = loadPlaywright();

  const problems = [];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-report-check-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: {width: 1280, height: 900},
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  } catch (e) {
    fs.rmSync(profile, {recursive: true, force: true});
    die(2, `cannot start ${CHROMIUM}: ${e.message.split('\n')[0]}\n(${SETUP_HINT})`);
  }
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      const url = req.url();
      if (!/^(file|data|about|blob):/.test(url)) problems.push(`network request to ${url}`);
    });
    // A self-contained page needs nothing from the network: refuse it, as if offline.
    await context.route(/^(https?|wss?|ftp):/, (route) => route.abort('internetdisconnected'));

    await page.goto(pathToFileURL(html).href, {waitUntil: 'load', timeout: 60000});
    try {
      await page.waitForFunction(() => window.__xfReport && window.__xfReport.ready === true,
                                 null, {timeout: 30000, polling: 100});
    } catch (e) {
      problems.push('window.__xfReport.ready did not become true within 30 s');
    }
    const state = await page.evaluate(() => window.__xfReport || null);
    const report = await page.evaluate(() => {
      try {
        return JSON.parse(document.getElementById('xf-report').textContent);
      } catch (e) {
        return null;
      }
    });
    if (!report) problems.push('no readable report JSON in <script id="xf-report">');
    if (state) {
      for (const err of state.errors || []) problems.push(`report error: ${err}`);
    } else {
      problems.push('window.__xfReport is missing: report.js did not run');
    }

    const panels = (report && Array.isArray(report.panels)) ? report.panels : [];
    const chartPanels = panels.filter((p) => p && CHART_TYPES.has(p.type));
    const emptyIds = await page.evaluate(() => Array.from(
        document.querySelectorAll('[data-xf-empty]'), (e) => e.getAttribute('data-xf-panel')));
    const charts = await page.evaluate(measureCharts);
    // Besides the panels, the quality section draws a radar of the GB/T 36344 dimensions when
    // any dimension was scored.
    const dims = (report && report.quality && Array.isArray(report.quality.dimensions))
        ? report.quality.dimensions : [];
    const radar = dims.some((d) => d && typeof d.score === 'number') ? 1 : 0;
    const expected = chartPanels.length + radar -
        chartPanels.filter((p) => emptyIds.includes(String(p.id))).length;
    if (state && chartPanels.length > 0 && !(state.charts > 0) && expected > 0) {
      problems.push(`the report has ${chartPanels.length} chart panels but drew no chart`);
    }
    if (state && state.charts !== charts.length) {
      problems.push(`__xfReport.charts is ${state.charts} but the page has ${charts.length} chart boxes`);
    }
    if (charts.length !== expected) {
      problems.push(`expected ${expected} drawn charts (${chartPanels.length} chart panels, ` +
                    `${chartPanels.length - expected} without data), found ${charts.length}`);
    }
    for (const c of charts) {
      if (c.painted < 0.005 || c.colours < 3) {
        problems.push(`chart ${c.id} looks blank: ${(c.painted * 100).toFixed(2)}% of its ` +
                      `${c.size} canvas painted in ${c.colours} colours`);
      }
    }
    for (const p of panels) {
      const empty = emptyIds.includes(String(p.id));
      if (empty) {
        const text = await page.locator(`[data-xf-panel="${p.id}"] .xf-empty`).innerText().catch(() => '');
        if (!text.includes('无数据')) problems.push(`empty panel ${p.id} does not say "no data · 无数据"`);
      }
    }

    fs.mkdirSync(path.dirname(screenshot), {recursive: true});
    await page.screenshot({path: screenshot, fullPage: true});
    const summary = `${charts.length} charts, ${emptyIds.length} empty panels, ` +
        `${panels.length} panels; screenshot ${screenshot}`;
    if (problems.length) {
      console.error(`report_check: FAILED ${html}\n  - ${problems.join('\n  - ')}\n  (${summary})`);
      process.exitCode = 1;
    } else {
      console.log(`report_check: ok ${html}: ${summary}`);
    }
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
}

main().catch((e) => die(1, `unexpected failure: ${e.stack || e}`));
