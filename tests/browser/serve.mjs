// Browser test of `yanxiu serve`: a page open in headless Chromium reloads itself when the
// record behind it is edited on disk, without errors.
//
//   node tests/browser/serve.mjs <page URL> <record file> <text in the page> <replacement>
//
// Run by tests/browser.rs, which starts the preview; exits 0 when every check passes, 1 (with
// what failed) otherwise.

import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [url, file, before, after] = process.argv.slice(2);
if (!after) {
  console.error('usage: node tests/browser/serve.mjs <page URL> <record file> <text> <replacement>');
  process.exit(2);
}

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.url()} answered ${r.status()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  const h1 = await page.textContent('h1');
  if (!h1.includes(before)) problems.push(`the page's h1 is ${JSON.stringify(h1)}, without ${before}`);
  let loads = 0;
  page.on('load', () => loads++);
  // As a teacher would: change the title in the file and save it.
  const text = readFileSync(file, 'utf8');
  if (!text.includes(before)) problems.push(`${file} does not contain ${before}`);
  writeFileSync(file, text.replace(before, after));
  const started = Date.now();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), after);
  // The new heading shows once the document is parsed, which can be before its `load` event
  // (the style sheet): wait for that, and a little more, so that a second reload would show.
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  console.log(`ok   the open page showed the edit after ${Date.now() - started} ms (${loads} reload)`);
  if (loads !== 1) problems.push(`the page loaded ${loads} times after the edit, not once`);
} catch (err) {
  problems.push(String(err && err.message ? err.message : err).split('\n')[0]);
} finally {
  await browser.close();
}
for (const p of problems) console.log(`FAIL ${p}`);
process.exit(problems.length ? 1 : 0);
