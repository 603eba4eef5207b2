// Browser test of search on a site where a record lies outside the school years' folders,
// opened from file:// in headless Chromium.
//
//   node tests/browser/search.mjs <built site folder> <query> <school year> <href of that record>
//
// Chromium: env CHROMIUM, else /usr/bin/chromium. Run by tests/browser.rs; exits 0 when every
// check passes, 1 (listing what failed) otherwise.
//
// Checks that a search lists every match (up to a batch of 200) with the school-year filter on
// 全部学年 — it once opened on 未注明学年 and showed only the records without a year — and that
// the record outside the years' folders is offered under the school year its date falls in.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const USAGE = 'usage: node tests/browser/search.mjs <built site folder> <query> <school year> <href>';
const [siteArg, query, year, href] = process.argv.slice(2);
if (!siteArg || !query || !year || !href) {
  console.error(`browser test: ${USAGE}`);
  process.exit(2);
}
const site = path.resolve(siteArg);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`browser test: Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM`);
  process.exit(2);
}

const failures = [];
const fail = (m) => failures.push(m);
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`page error: ${e.message}`));
  const url = `${pathToFileURL(path.join(site, 'search.html')).href}?q=${encodeURIComponent(query)}`;
  await page.goto(url, { waitUntil: 'load' });
  const status = (await page.locator('#search-status').innerText()).trim();
  const found = Number((/找到 (\d+) 篇/.exec(status) || [])[1]);
  const listed = await page.locator('#search-results li').count();
  if (!(found > 1)) fail(`search ${query}: "${status}"; the check checks nothing`);
  if (listed !== Math.min(found, 200)) fail(`search ${query}: ${found} found, ${listed} listed ("${status}")`);
  if (status.includes('其中')) fail(`search ${query} opens narrowed: "${status}"`);
  const chosen = await page.locator('#search-year').inputValue();
  if (chosen !== '*') fail(`the school-year filter opens on "${chosen}", not 全部学年`);
  const all = await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  if (!all.includes(href)) fail(`search ${query} does not list ${href}: ${all.join(' ')}`);
  await page.selectOption('#search-year', year);
  const inYear = await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  if (!inYear.includes(href)) fail(`${href} is not among the results of ${year}: ${inYear.join(' ')}`);
  const labels = await page.locator('#search-year option').allInnerTexts();
  if (labels.some((l) => l.startsWith('未注明学年'))) fail(`every match has a date, yet the filter offers ${labels.join(' ')}`);
  console.log(`     ${query}: ${found} found, ${listed} listed; ${href} under ${year} (${inYear.length} in that year)`);
  await context.close();
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
