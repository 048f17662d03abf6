// The explorer in a real browser: Debian's Chromium, headless, driven by puppeteer-core,
// against `accord serve` on the NATO model. It checks what an analyst sees and does (the
// grid as of a date, moving the date, a cell's proof, a timeline, what-if) and that a hostile
// value stays text, and writes screenshots for a person to look at.
//
//   node tests/browser/explorer_test.mjs ACCORD_BINARY REPOSITORY SCREENSHOT_DIRECTORY
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';

const [accord, repository, screenshots] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(screenshots, { recursive: true });

/// `accord serve ARGS --port 0`, resolved with its port once it listens.
function serve(...args) {
  return new Promise((resolve, reject) => {
    const server = spawn(accord, ['serve', ...args, '--port', '0'], { cwd: repository, stdio: ['ignore', 'pipe', 'inherit'] });
    server.stdout.setEncoding('utf8');
    server.stdout.once('data', (line) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
      if (match) resolve({ server, url: match[1] });
      else reject(new Error(`accord serve did not start: ${line}`));
    });
    server.once('exit', (code) => reject(new Error(`accord serve exited with ${code}`)));
  });
}

/// A page that fails the test on any script error, failed request or dialog.
async function openPage(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1100 });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('dialog', async (dialog) => { problems.push(`a dialog opened: ${dialog.message()}`); await dialog.dismiss(); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready] #grid svg .cell');
  return { page, problems };
}

const cellOf = (page, key) => page.$(`#grid .cell[data-key="${key}"]`);
const valueOf = (page, key) => page.$eval(`#grid .cell[data-key="${key}"]`, (cell) => cell.dataset.value || '');

async function waitForValue(page, key, value) {
  await page.waitForFunction((k, v) => document.querySelector(`#grid .cell[data-key="${k}"]`)?.dataset.value === v, { timeout: 20000 }, key, value);
}

async function testNatoExplorer(browser) {
  const { server, url } = await serve('rules/nato');
  try {
    const { page, problems } = await openPage(browser, `${url}?relation=vote&as_of=2024-06-19`);
    // The grid: every ally, Romania blocking Rutte.
    assert.equal(await page.$$eval('#grid .row-label', (labels) => labels.length), 32);
    assert.equal(await valueOf(page, 'vote(romania, rutte)'), 'block');
    assert.match(await page.$eval('#status', (s) => s.textContent), /vote as of 2024-06-19/);
    await page.screenshot({ path: path.join(screenshots, 'explorer-grid-2024-06-19.png'), fullPage: true });

    // Moving the date: typed, then by the slider of dates of change.
    await page.$eval('#as-of', (field) => { field.value = '2024-06-20'; field.dispatchEvent(new Event('change')); });
    await waitForValue(page, 'vote(romania, rutte)', 'approve');
    assert.match(page.url(), /as_of=2024-06-20/);
    await page.evaluate(() => history.back());  // Back returns to the date before
    await waitForValue(page, 'vote(romania, rutte)', 'block');
    assert.equal(await page.$eval('#as-of', (field) => field.value), '2024-06-19');
    await page.evaluate(() => history.forward());
    await waitForValue(page, 'vote(romania, rutte)', 'approve');
    const stops = await page.$eval('#date-slider', (slider) => Number(slider.max) + 1);
    assert.ok(stops > 5, `the slider has ${stops} dates of change`);
    await page.$eval('#date-slider', (slider) => { slider.value = '0'; slider.dispatchEvent(new Event('input')); });
    const first = await page.$eval('#as-of', (field) => field.value);
    assert.ok(first < '2024-01-01', `the first date of change is ${first}`);
    await page.$eval('#as-of', (field) => { field.value = '2024-06-19'; field.dispatchEvent(new Event('change')); });
    await waitForValue(page, 'vote(romania, rutte)', 'block');

    // Romania's cell: its proof names Iohannis, with sources; its timeline.
    await (await cellOf(page, 'vote(romania, rutte)')).click();
    await page.waitForFunction(() => document.querySelector('#detail-body .proof'), { timeout: 20000 });
    const proof = await page.$eval('#detail-body', (body) => body.textContent);
    assert.match(proof, /iohannis/);
    assert.match(proof, /source: Iohannis, statement of 2024-03-12/);
    assert.match(await page.$eval('#detail-title', (title) => title.textContent), /Why vote\(romania, rutte\) = block/);
    await page.waitForSelector('#timeline svg .lane[data-subject="vote(romania, rutte)"]');
    await page.waitForSelector('#timeline ul.changes li');
    assert.match(await page.$eval('#timeline ul.changes', (list) => list.textContent), /2024-06-20: approve.*because nominated_by\(iohannis, romania\) ends/);
    // Collapsible: closing the top of the proof hides its premises.
    await page.$eval('#detail-body details.proof > summary', (summary) => summary.click());
    assert.equal(await page.$eval('#detail-body details.proof', (details) => details.open), false);
    await page.$eval('#detail-body details.proof > summary', (summary) => summary.click());
    await page.screenshot({ path: path.join(screenshots, 'explorer-why-romania.png'), fullPage: true });

    // Why not another value.
    await page.$eval('#detail-actions button', (button) => button.click());
    await page.waitForFunction(() => document.querySelector('#detail-title').textContent.startsWith('Why not'), { timeout: 20000 });
    await page.waitForSelector('#detail-body .why-not');

    // What if Iohannis had not been nominated: tick the fact off in the proof, and the changed cells are outlined.
    await (await cellOf(page, 'vote(romania, rutte)')).click();
    await page.waitForFunction(() => document.querySelector('#detail-body .proof'), { timeout: 20000 });
    const ticked = await page.$$eval('#detail-body summary', (summaries) => {
      const summary = summaries.find((s) => s.querySelector('.fact').textContent === 'nominated_by(iohannis, romania)');
      summary.querySelector('input[type=checkbox]').click();
      return document.querySelector('#retract').value;
    });
    assert.equal(ticked, 'nominated_by(iohannis, romania)');
    await page.$eval('#try-what-if', (button) => button.click());
    await page.waitForSelector('#what-if-result ul');
    const changed = await page.$$eval('#grid .cell.changed', (cells) => cells.map((cell) => cell.dataset.key));
    assert.ok(changed.includes('vote(romania, rutte)'), `changed cells: ${changed}`);
    assert.match(await page.$eval('#what-if-result', (result) => result.textContent), /changed: vote\(romania, rutte\) = block → vote\(romania, rutte\) = undecided/);
    await page.screenshot({ path: path.join(screenshots, 'explorer-what-if.png'), fullPage: true });

    // A name on the left: that ally's timeline.
    await page.$eval('#grid .row-label[data-key="hungary"]', (label) => label.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await page.waitForSelector('#timeline svg .lane[data-subject="vote(hungary, rutte)"]');

    // A bad date typed by hand is an error in the status line, not a broken page.
    await page.$eval('#as-of', (field) => { field.value = '1900-01-01'; field.dispatchEvent(new Event('change')); });
    await page.waitForFunction(() => document.querySelector('#status').textContent.includes('1900-01-01'), { timeout: 20000 });
    assert.deepEqual(problems, []);
  } finally {
    server.kill('SIGTERM');
  }
}

async function testHostileValuesStayText(browser) {
  const directory = mkdtempSync(path.join(tmpdir(), 'accord-explorer-'));
  const rules = path.join(directory, 'hostile.rules');
  writeFileSync(rules, [
    'relation vote(state: symbol, candidate: symbol) -> stance: symbol',
    'relation backs(state: symbol, candidate: symbol)',
    `backs('<img src=x onerror=alert(1)>', x) source "<script>alert(2)</script>".`,
    "backs(b, '\"><script>alert(3)</script>').",
    'vote(S, C) = approve if backs(S, C).',
  ].join('\n'));
  const { server, url } = await serve(rules);
  try {
    const { page, problems } = await openPage(browser, url);
    const labels = await page.$$eval('#grid .row-label', (all) => all.map((label) => label.textContent));
    assert.ok(labels.includes('<img src=x onerror=alert(1)>'), `labels: ${labels}`);
    await page.$eval('#grid .cell:not(.empty)', (cell) => cell.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await page.waitForSelector('#detail-body .proof');
    const proofText = await page.$eval('#detail-body', (body) => body.textContent);
    assert.match(proofText, /source: <script>alert\(2\)<\/script>/);
    assert.match(proofText, /<img src=x onerror=alert\(1\)>/);
    assert.equal(await page.$$eval('img, script:not([src])', (elements) => elements.length), 0);
    await page.screenshot({ path: path.join(screenshots, 'explorer-hostile-values.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    server.kill('SIGTERM');
  }
}

const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  await testNatoExplorer(browser);
  await testHostileValuesStayText(browser);
  console.log(`explorer tests passed; screenshots in ${screenshots}`);
} finally {
  await browser.close();
}
