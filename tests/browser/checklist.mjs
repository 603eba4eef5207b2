// Browser test of the checklist tables (完整性检查) of a site whose staff is large, opened from
// file:// in headless Chromium at 1280 px.
//
//   node tests/browser/checklist.mjs <built site folder> <page>=<teachers>...
//
// Chromium: env CHROMIUM, else /usr/bin/chromium. Run by tests/browser.rs; exits 0 when every
// check passes, 1 (listing what failed) otherwise.
//
// On each page, some row of a table.checklist links to at least <teachers> teachers (else the
// page does not show what is checked: the dashboard and 档案检查 name the first 20 of a row and
// count the rest), and in every row the 要求 cell is at least five characters wide and the
// 期间 cell at least four: a long list of teachers beside them must not squeeze them to one or two
// characters per line.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const USAGE = 'usage: node tests/browser/checklist.mjs <built site folder> <page>=<teachers>...';
const [siteArg, ...pages] = process.argv.slice(2);
if (!siteArg || pages.length === 0) {
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
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  for (const arg of pages) {
    const [rel, wanted] = arg.split('=');
    await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
    const rows = await page.$$eval('table.checklist tbody tr', (trs) =>
      trs.map((tr) => {
        const inner = (td) => {
          const s = getComputedStyle(td);
          return td.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        };
        const [what, period] = tr.cells;
        return {
          what: what.textContent.trim(),
          font: parseFloat(getComputedStyle(what).fontSize),
          whatWidth: inner(what),
          periodWidth: inner(period),
          teachers: tr.querySelectorAll('a[href*="teachers/"]').length,
        };
      }),
    );
    const most = Math.max(0, ...rows.map((r) => r.teachers));
    if (!(most >= Number(wanted))) {
      failures.push(`${rel}: no checklist row links to ${wanted} teachers or more (at most ${most}); nothing to check`);
    }
    for (const r of rows) {
      if (r.whatWidth < 5 * r.font || r.periodWidth < 4 * r.font) {
        failures.push(
          `${rel}: the row “${r.what}” has its 要求 cell ${r.whatWidth.toFixed(0)} px and its 期间 cell ` +
            `${r.periodWidth.toFixed(0)} px wide, at ${r.font}px characters (at least 5 and 4 characters wanted)`,
        );
      }
    }
    console.log(`${rel}: ${rows.length} checklist rows, up to ${most} teachers in a row`);
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
