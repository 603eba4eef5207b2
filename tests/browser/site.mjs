// Browser test of a site built by `yanxiu build`, opened from file:// in headless Chromium.
//
//   node tests/browser/site.mjs <built site folder>
//
// Chromium: env CHROMIUM, else /usr/bin/chromium (Debian's package `chromium`).
// Run by tests/browser.rs; exits 0 when every check passes, 1 (listing what failed) otherwise.
//
// Checks:
//   a. console errors, page errors and failed requests on every page visited (all steps);
//   b. dashboard → 教师成长记录袋 → first teacher → a school year → first 学时明细 record,
//      which has an h1 and a dl.meta panel; history back returns to the teacher-year page;
//   c. search.html?q=反思 lists results, each with 反思 in its title or snippet;
//   d. every .html page linked from index.html loads without any of the errors of (a);
//   e. on a 390 px wide phone, the checklist tables of index.html and a school-year page keep
//      their 缺失 column on screen (no sideways scrolling), and printed they stay tables.
//   f. on a 390 px wide phone, the figures of a school-year page's sessions table, of the
//      学分汇总 tables, of a teacher's table of years, of a teacher-year's 学时明细 and of a plan's
//      活动安排 (学时, 出席, 学年合计, 执行情况, …) are on screen, each named by its column; at
//      1200 px and printed those tables stay tables;
//   g. search.html?q=2024 and ?q=活动 mark matches in the snippets only: never in a result's
//      source path, which is shown apart from the snippet.
//   h. on a 390 px wide phone, the 学分汇总 chart of a school year fits the width: it does not
//      scroll inside its box, every bar and every name is on screen, and no name is smaller
//      than 12px.
//   j. search says the query back as typed (?q=T05 → “T05”), and a result found only through its
//      kind or its file's place says so beside its snippet.
//   k. search results narrowed by school year and by kind, each list all of that year or kind;
//      no snippet shows the body's end marker;
//   i. index.html's notice for a page opened inside a ZIP (Windows opens it alone, without its
//      stylesheet): hidden on the built site, shown when index.html is opened without assets/.

import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const USAGE = 'usage: node tests/browser/site.mjs <built site folder>';
const TIMEOUT_MS = 15_000;

const failures = [];
const fail = (msg) => failures.push(msg);

function die(msg) {
  console.error(`browser test: ${msg}`);
  process.exit(2);
}

const siteArg = process.argv[2];
if (!siteArg) die(USAGE);
const site = path.resolve(siteArg);
if (!existsSync(path.join(site, 'index.html'))) die(`${site}/index.html does not exist (${USAGE})`);

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  die(`Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM`);
}

const fileUrl = (rel) => pathToFileURL(path.join(site, rel)).href;
/** A URL of the site shown relative to the site folder, for messages. */
function short(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return url;
    const rel = path.relative(site, fileURLToPath(u));
    return (rel.startsWith('..') ? fileURLToPath(u) : rel) + u.search + u.hash;
  } catch {
    return url;
  }
}
/** file:// URL without query and fragment, for comparisons. */
function bare(url) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href;
}

// ---- a. errors on every page -------------------------------------------------------------

const pageProblems = [];
const watched = new WeakSet();
function watch(page) {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const where = loc && loc.url ? ` (at ${short(loc.url)}:${loc.lineNumber ?? '?'})` : '';
    pageProblems.push(`console error on ${short(page.url())}: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => {
    pageProblems.push(`page error on ${short(page.url())}: ${err.stack || err.message || err}`);
  });
  page.on('requestfailed', (req) => {
    const why = req.failure() ? req.failure().errorText : 'failed';
    pageProblems.push(`request failed on ${short(page.url())}: ${short(req.url())} (${why})`);
  });
}

/** Clicks `locator` (a link) and waits until the page shows the link's target. */
async function follow(page, locator, what) {
  const count = await locator.count();
  if (count === 0) throw new Error(`${what}: no such link on ${short(page.url())}`);
  const link = locator.first();
  const href = await link.evaluate((a) => a.href);
  if (!href) throw new Error(`${what}: the link on ${short(page.url())} has no href`);
  await Promise.all([page.waitForURL(bare(href), { waitUntil: 'load' }), link.click()]);
  return page.url();
}

/** Runs one check; it fails when it throws, calls fail() or makes a page report a problem. */
async function step(name, fn) {
  const before = failures.length;
  const problemsBefore = pageProblems.length;
  try {
    await fn();
  } catch (err) {
    fail(`${name}: ${(err && err.message ? err.message : String(err)).split('\n')[0]}`);
  }
  const found = failures.length - before + pageProblems.length - problemsBefore;
  console.log(found ? `FAIL ${name} (${found} problem${found === 1 ? '' : 's'}, listed below)` : `ok   ${name}`);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox'],
});

try {
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT_MS);
  context.on('page', watch);
  const page = await context.newPage();
  watch(page);

  // ---- b. dashboard → teacher → year → record → back ------------------------------------
  await step('navigation: dashboard → teacher → year → record → back', async () => {
    await page.goto(fileUrl('index.html'), { waitUntil: 'load' });

    const navLink = page.locator('nav a').filter({ hasText: /^\s*教师成长记录袋\s*$/ });
    const listUrl = await follow(page, navLink, 'nav link "教师成长记录袋" on index.html');
    if (!/\/teachers\.html$/.test(bare(listUrl))) {
      throw new Error(`nav link "教师成长记录袋" led to ${short(listUrl)}, expected teachers.html`);
    }

    const teacherLink = page.locator('main table tbody tr td:first-child a');
    const teacherUrl = await follow(page, teacherLink, 'first teacher link in the table of teachers.html');
    const m = /\/teachers\/([^/]+)\.html$/.exec(bare(teacherUrl));
    if (!m) throw new Error(`first teacher link led to ${short(teacherUrl)}, expected teachers/<slug>.html`);
    const slug = decodeURIComponent(m[1]);

    // Per-year pages: teachers/<slug>/<year>.html.
    const yearLinks = page.locator(`main a[href*="/${slug}/"][href$=".html"]`);
    const yearUrl = await follow(page, yearLinks, `school-year link on teachers/${slug}.html`);
    if (!new RegExp(`/teachers/${m[1]}/\\d{4}-\\d{4}\\.html$`).test(bare(yearUrl))) {
      throw new Error(`school-year link led to ${short(yearUrl)}, expected teachers/${slug}/<year>.html`);
    }

    const detail = page.locator('section', { has: page.locator('h2', { hasText: '学时明细' }) });
    if ((await detail.count()) === 0) throw new Error(`no 学时明细 section on ${short(yearUrl)}`);
    const recordLink = detail.first().locator('table tbody a');
    const recordUrl = await follow(page, recordLink, `first record link in 学时明细 of ${short(yearUrl)}`);
    if (!/\/records\/.+\.html$/.test(bare(recordUrl))) {
      throw new Error(`record link led to ${short(recordUrl)}, expected records/….html`);
    }
    const h1 = page.locator('h1');
    if ((await h1.count()) === 0 || !(await h1.first().isVisible())) {
      throw new Error(`record page ${short(recordUrl)} has no visible h1`);
    }
    if (!(await h1.first().innerText()).trim()) throw new Error(`record page ${short(recordUrl)} has an empty h1`);
    const meta = page.locator('dl.meta');
    if ((await meta.count()) === 0 || !(await meta.first().isVisible())) {
      throw new Error(`record page ${short(recordUrl)} has no visible dl.meta panel`);
    }

    await page.goBack({ waitUntil: 'load' });
    if (bare(page.url()) !== bare(yearUrl)) {
      throw new Error(`history back from ${short(recordUrl)} went to ${short(page.url())}, expected ${short(yearUrl)}`);
    }
    console.log(`     teachers.html → ${short(teacherUrl)} → ${short(yearUrl)} → ${short(recordUrl)} → back`);
  });

  // ---- c. search from file:// -----------------------------------------------------------
  await step('search: search.html?q=反思', async () => {
    const term = '反思';
    await page.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(term)}`, { waitUntil: 'load' });
    const items = page.locator('#search-results li');
    try {
      await items.first().waitFor({ state: 'attached', timeout: 5_000 });
    } catch {
      const status = await page.locator('#search-status').innerText().catch(() => '(no #search-status)');
      throw new Error(`#search-results has no results for ${term} (status: ${status.trim()})`);
    }
    const results = await items.evaluateAll((lis) =>
      lis.map((li) => ({
        title: (li.querySelector('a') || {}).textContent || '',
        href: (li.querySelector('a') || {}).href || '',
        snippet: (li.querySelector('.snippet') || {}).textContent || '',
        path: (li.querySelector('.path') || {}).textContent || '',
      })),
    );
    const problems = [];
    for (const r of results) {
      if (!r.title.includes(term) && !r.snippet.includes(term) && !r.path.includes(term)) {
        problems.push(`result "${r.title}" has ${term} in neither its title, its snippet nor its path ("${r.snippet.slice(0, 80)}")`);
      }
      const target = r.href.startsWith('file:') ? fileURLToPath(bare(r.href)) : null;
      if (!target || !existsSync(target)) problems.push(`result "${r.title}" links to a missing page ${short(r.href)}`);
    }
    const SHOWN = 10;
    for (const p of problems.slice(0, SHOWN)) fail(`search: ${p}`);
    if (problems.length > SHOWN) fail(`search: … and ${problems.length - SHOWN} more problems with results`);
    console.log(`     ${results.length} results`);
  });

  // ---- d. every page linked from index.html ---------------------------------------------
  await step('pages linked from index.html load', async () => {
    await page.goto(fileUrl('index.html'), { waitUntil: 'load' });
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
    const pages = [...new Set(hrefs.filter((h) => h.startsWith('file:')).map(bare))].filter((h) =>
      new URL(h).pathname.endsWith('.html'),
    );
    if (pages.length === 0) throw new Error('index.html links to no .html page');
    for (const url of pages) {
      const file = fileURLToPath(url);
      if (!existsSync(file) || !statSync(file).isFile()) {
        fail(`index.html links to ${short(url)}, which does not exist`);
        continue;
      }
      try {
        await page.goto(url, { waitUntil: 'load' });
      } catch (err) {
        fail(`loading ${short(url)}: ${(err.message || String(err)).split('\n')[0]}`);
      }
    }
    console.log(`     ${pages.length} pages`);
  });

  // ---- e. checklist tables on a phone, and in print ----------------------------------------
  await step('phone width: the 缺失 column of checklist tables stays on screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
    phone.setDefaultTimeout(TIMEOUT_MS);
    phone.on('page', watch);
    const p = await phone.newPage();
    watch(p);
    try {
      await p.goto(fileUrl('index.html'), { waitUntil: 'load' });
      const year = await p.locator('a[href*="years/"][href$=".html"]').first().evaluate((a) => a.href);
      let cells = 0;
      for (const url of [fileUrl('index.html'), year]) {
        await p.goto(url, { waitUntil: 'load' });
        // Any table with a 缺失 column, found by its heading rather than by how it is styled.
        const tables = p.locator('main table', { has: p.locator('thead th', { hasText: '缺失' }) });
        if ((await tables.count()) === 0) throw new Error(`no table with a 缺失 column on ${short(url)}`);
        const seen = await tables.evaluateAll((ts) =>
          ts.map((t) => {
            const col = [...t.querySelectorAll('thead th')].findIndex((th) => th.textContent.includes('缺失'));
            return {
              wrapOverflow: t.parentElement.scrollWidth - t.parentElement.clientWidth,
              cells: [...t.querySelectorAll('tbody tr')]
                .map((tr) => tr.children[col])
                .filter(Boolean)
                .map((td) => {
                  const r = td.getBoundingClientRect();
                  return { left: r.left, right: r.right, text: td.innerText.slice(0, 30) };
                }),
            };
          }),
        );
        for (const t of seen) {
          if (t.wrapOverflow > 1) fail(`${short(url)}: a checklist table scrolls sideways by ${t.wrapOverflow}px`);
          for (const c of t.cells) {
            cells += 1;
            if (c.left < 0 || c.right > 391) {
              fail(`${short(url)}: 缺失 cell "${c.text}" spans ${c.left}–${c.right}px of a 390px screen`);
            }
          }
        }
        await p.emulateMedia({ media: 'print' });
        const printed = await tables.first().evaluate((t) => getComputedStyle(t).display);
        if (printed !== 'table') fail(`${short(url)}: printed, the checklist is display: ${printed}, not a table`);
        await p.emulateMedia({ media: 'screen' });
      }
      if (cells === 0) throw new Error('no 缺失 cell found in the checklist tables');
      console.log(`     ${cells} 缺失 cells within 390px`);
    } finally {
      await phone.close();
    }
  });

  // ---- f. figures of the sessions and credit tables on a phone ----------------------------
  await step('phone width: hours and attendance figures stay on screen, named', async () => {
    // Columns whose cells are figures: on a phone each must be on screen and say what it is.
    const FIGURES = ['学时', '出席', '反思', '听课', '被听课', '出勤', '依据', '时间', '负责人', '执行情况', '第一学期', '第二学期', '学年合计', '学分', '教师数', '参与评定', '达标', '达标率', '人均学时'];
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
    phone.setDefaultTimeout(TIMEOUT_MS);
    phone.on('page', watch);
    const p = await phone.newPage();
    watch(p);
    try {
      await p.goto(fileUrl('index.html'), { waitUntil: 'load' });
      const year = await p.locator('a[href*="years/"][href$=".html"]').first().evaluate((a) => a.href);
      const yearName = /(\d{4}-\d{4})\.html$/.exec(bare(year));
      if (!yearName) throw new Error(`the first school-year link is ${short(year)}, not years/<year>.html`);
      // A plan (the dashboard's 计划执行 links it), a teacher and one of their years.
      const plan = await p.locator('main a[href*="records/"]', { hasText: /计划$/ }).first().evaluate((a) => a.href);
      await p.goto(fileUrl('teachers.html'), { waitUntil: 'load' });
      const teacher = await p.locator('main a[href*="teachers/"][href$=".html"]').first().evaluate((a) => a.href);
      await p.goto(teacher, { waitUntil: 'load' });
      const teacherYear = await p.locator('main a[href$=".html"]').filter({ hasText: /^\d{4}-\d{4}学年$/ }).first().evaluate((a) => a.href);
      const pages = [year, fileUrl('credits.html'), fileUrl(`credits/${yearName[1]}.html`), teacher, teacherYear, plan];
      let cells = 0;
      for (const url of pages) {
        await p.setViewportSize({ width: 390, height: 800 });
        await p.goto(url, { waitUntil: 'load' });
        const tables = p.locator('main table', { has: p.locator('thead th', { hasText: /学时|学年合计|执行情况/ }) });
        if ((await tables.count()) === 0) throw new Error(`no table of hours on ${short(url)}`);
        const seen = await tables.evaluateAll((ts, FIGURES) =>
          ts.map((t) => {
            const heads = [...t.querySelectorAll('thead th')].map((th) => (th.firstChild ? th.firstChild.textContent : '').trim());
            const out = { wrapOverflow: t.parentElement.scrollWidth - t.parentElement.clientWidth, cells: [] };
            for (const tr of t.querySelectorAll('tbody tr')) {
              [...tr.children].forEach((td, i) => {
                const head = heads[i];
                if (!FIGURES.includes(head) || !td.textContent.trim()) return;
                const r = td.getBoundingClientRect();
                const label = (td.dataset.label || '') + getComputedStyle(td, '::before').content;
                out.cells.push({ head, left: r.left, right: r.right, width: r.width, label, text: td.textContent.trim() });
              });
            }
            return out;
          }),
          FIGURES,
        );
        for (const t of seen) {
          if (t.wrapOverflow > 1) fail(`${short(url)}: a table of hours scrolls sideways by ${t.wrapOverflow}px`);
          for (const c of t.cells) {
            cells += 1;
            if (c.width === 0 || c.left < 0 || c.right > 391) {
              fail(`${short(url)}: ${c.head} "${c.text}" spans ${c.left}–${c.right}px of a 390px screen`);
            } else if (!c.label.includes(c.head)) {
              fail(`${short(url)}: ${c.head} "${c.text}" is shown without its column's name (label: ${c.label})`);
            }
          }
        }
        // On a wide screen and on paper they are still tables, headed by their columns.
        for (const [what, set] of [
          ['at 1200px', async () => p.setViewportSize({ width: 1200, height: 800 })],
          ['printed', async () => p.emulateMedia({ media: 'print' })],
        ]) {
          await set();
          const shown = await tables.evaluateAll((ts) =>
            ts.map((t) => [getComputedStyle(t).display, getComputedStyle(t.querySelector('tbody tr')).display, getComputedStyle(t.querySelector('thead')).position]),
          );
          for (const [table, row, head] of shown) {
            if (table !== 'table' || row !== 'table-row' || head === 'absolute') {
              fail(`${short(url)} ${what}: a table of hours is display: ${table}, its rows ${row}, its header ${head}`);
            }
          }
        }
        await p.emulateMedia({ media: 'screen' });
      }
      if (cells < 20) throw new Error(`only ${cells} figure cells found in the tables of hours`);
      console.log(`     ${cells} figures within 390px, each named`);
    } finally {
      await phone.close();
    }
  });

  // ---- g. search marks matches in the text, not in paths ------------------------------------
  await step('search: no match marked in a source path', async () => {
    let results = 0;
    for (const term of ['2024', '活动']) {
      await page.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(term)}`, { waitUntil: 'load' });
      const items = page.locator('#search-results li');
      await items.first().waitFor({ state: 'attached', timeout: 5_000 });
      const seen = await items.evaluateAll((lis) =>
        lis.map((li) => {
          const path = li.querySelector('.path');
          const snippet = li.querySelector('.snippet');
          return {
            title: (li.querySelector('a') || {}).textContent || '',
            path: path ? path.textContent : null,
            pathMarks: path ? path.querySelectorAll('mark').length : 0,
            strayMarks: [...li.querySelectorAll('mark')].filter((m) => !snippet || !snippet.contains(m)).length,
            // A mark inside a path: the word it is in (up to the spaces around it) has a '/'.
            inPath: [...li.querySelectorAll('.snippet mark')].filter((m) => {
              const before = (m.previousSibling ? m.previousSibling.textContent : '').split(/\s/).pop();
              const after = (m.nextSibling ? m.nextSibling.textContent : '').split(/\s/)[0];
              return (before + m.textContent + after).includes('/');
            }).length,
            snippet: snippet ? snippet.textContent : '',
          };
        }),
      );
      let marked = 0;
      for (const r of seen) {
        results += 1;
        if (r.inPath) fail(`search ${term}: the snippet of "${r.title}" marks ${term} inside a path ("${r.snippet.slice(-60)}")`);
        if (r.path === null) { fail(`search ${term}: result "${r.title}" does not show its source path`); continue; }
        if (r.pathMarks || r.strayMarks) fail(`search ${term}: result "${r.title}" marks a match outside its snippet (path ${r.path})`);
        // The path's folders are not part of the snippet, marked or not.
        const folder = r.path.split('/').slice(0, -1).join('/') + '/';
        if (folder.length > 1 && r.snippet.includes(folder)) fail(`search ${term}: the snippet of "${r.title}" shows its path ${folder}`);
        if (r.snippet.includes(term)) marked += 1;
      }
      const marks = await page.locator('#search-results .snippet mark').count();
      if (marked && !marks) fail(`search ${term}: ${marked} snippets contain ${term} but none is marked`);
    }
    console.log(`     ${results} results checked`);
  });

  // ---- h. the credit chart on a phone ------------------------------------------------------
  await step('phone width: the 学分汇总 chart fits, its names readable', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
    phone.setDefaultTimeout(TIMEOUT_MS);
    phone.on('page', watch);
    const p = await phone.newPage();
    watch(p);
    try {
      await p.goto(fileUrl('credits.html'), { waitUntil: 'load' });
      const years = [...new Set(await p.locator('main a[href*="credits/"][href$=".html"]').evaluateAll((as) => as.map((a) => a.href)))];
      if (years.length === 0) throw new Error('credits.html links no school year');
      let bars = 0;
      for (const year of years) {
        await p.goto(year, { waitUntil: 'load' });
        const charts = p.locator('main figure.chart');
        if ((await charts.count()) === 0) throw new Error(`no figure.chart on ${short(year)}`);
        const seen = await charts.first().evaluate((fig) => {
          const svg = fig.querySelector('svg');
          const box = (el) => {
            const r = el.getBoundingClientRect();
            return { left: r.left, right: r.right, width: r.width };
          };
          return {
            figure: [fig.scrollWidth, fig.clientWidth],
            svg: svg ? box(svg) : null,
            page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
            bars: [...fig.querySelectorAll('svg .bar rect')].map((r) => ({ ...box(r), what: 'bar' })),
            labels: [...fig.querySelectorAll('svg text')].map((t) => ({
              ...box(t),
              what: `text "${t.textContent.trim()}"`,
              // As drawn: a chart scaled down to fit (a viewBox) draws its text smaller.
              size: parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM() ? t.getScreenCTM().a : 1),
            })),
          };
        });
        if (!seen.svg) throw new Error(`the chart on ${short(year)} has no svg`);
        const [scroll, client] = seen.figure;
        if (scroll > client) fail(`${short(year)}: the chart scrolls inside its box (scrollWidth ${scroll} > clientWidth ${client})`);
        if (seen.svg.left < 0 || seen.svg.right > 390) {
          fail(`${short(year)}: the chart spans ${seen.svg.left}–${seen.svg.right}px of a 390px screen`);
        }
        if (seen.page[0] > seen.page[1]) fail(`${short(year)}: the page scrolls sideways (${seen.page[0]} > ${seen.page[1]})`);
        if (seen.bars.length === 0) throw new Error(`the chart on ${short(year)} has no bars`);
        if (seen.labels.length < seen.bars.length) fail(`${short(year)}: ${seen.bars.length} bars but ${seen.labels.length} names`);
        for (const e of [...seen.bars, ...seen.labels]) {
          if (e.left < 0 || e.right > 390) fail(`${short(year)}: chart ${e.what} spans ${e.left}–${e.right}px of a 390px screen`);
          if (e.size !== undefined && e.size < 12) fail(`${short(year)}: chart ${e.what} is ${e.size}px, smaller than 12px`);
        }
        bars += seen.bars.length;
      }
      console.log(`     ${bars} bars of ${years.length} charts within 390px`);
    } finally {
      await phone.close();
    }
  });

  // ---- j. search: the query said back as typed; a match outside the text said so ---------
  await step('search: query said as typed, matches by kind or place said so', async () => {
    await page.goto(`${fileUrl('search.html')}?q=T05`, { waitUntil: 'load' });
    const status = (await page.locator('#search-status').innerText()).trim();
    if (!status.includes('“T05”')) fail(`search.html?q=T05 says "${status}", not the query as typed`);
    // As a Chinese input method types it: full-width brackets and letters find the same records.
    const count = async (q) => {
      await page.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
      return page.locator('#search-results li').count();
    };
    const half = await count('王芳(T05)');
    const full = await count('王芳（Ｔ０５）');
    if (half === 0) fail('search.html?q=王芳(T05) finds nothing; the check checks nothing');
    if (full !== half) fail(`search 王芳（Ｔ０５） finds ${full} records, 王芳(T05) ${half}`);
    await page.goto(`${fileUrl('search.html')}?q=${encodeURIComponent('郑涛 反思')}`, { waitUntil: 'load' });
    const both = (await page.locator('#search-status').innerText()).trim();
    if (!both.includes('同时包含“郑涛”“反思”')) fail(`two terms said as one phrase: "${both}"`);
    const term = '反思';
    await page.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(term)}`, { waitUntil: 'load' });
    const results = await page.locator('#search-results li').evaluateAll((lis) =>
      lis.map((li) => {
        const snippet = li.querySelector('.snippet');
        const note = snippet ? snippet.querySelector('.muted') : null;
        return {
          title: (li.querySelector('a') || {}).textContent || '',
          person: [...li.querySelectorAll(':scope > .muted')].map((e) => e.textContent).join(''),
          text: snippet ? [...snippet.childNodes].filter((n) => n !== note).map((n) => n.textContent).join('') : '',
          note: note ? note.textContent : '',
        };
      }),
    );
    let noted = 0;
    for (const r of results) {
      const inText = (r.title + r.person + r.text).includes(term);
      if (!inText && !r.note.includes('按记录类型或文件位置匹配')) fail(`search: "${r.title}" matched ${term} outside its text without saying so`);
      if (inText && r.note) fail(`search: "${r.title}" has ${term} in its text but says "${r.note}"`);
      if (r.note) noted += 1;
    }
    if (noted === 0) throw new Error(`no result of ${term} was found only by its kind or place; the check checked nothing`);
    console.log(`     ${noted} of ${results.length} results of ${term} found by kind or place, said so`);
  });

  // ---- k. search: narrowed by school year and kind; snippets stop at the body ------------
  await step('search: filters by school year and kind; a snippet never runs into the facts', async () => {
    const term = '反思';
    await page.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(term)}`, { waitUntil: 'load' });
    const all = await page.locator('#search-results li').count();
    const years = await page.locator('#search-year option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== '*'));
    if (years.length < 2) throw new Error(`search ${term}: ${years.length} school years to choose from; the check checks nothing`);
    await page.selectOption('#search-year', years[0]);
    const hrefs = await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    if (!hrefs.length || hrefs.length >= all) fail(`search ${term} in ${years[0]}: ${hrefs.length} of ${all} results`);
    for (const h of hrefs) if (!h.includes(`records/${years[0]}/`)) fail(`search ${term} in ${years[0]} lists ${h}`);
    const status = (await page.locator('#search-status').innerText()).trim();
    if (!status.includes(`其中${years[0]}学年 ${hrefs.length} 篇`)) fail(`search filtered by year says "${status}"`);
    await page.selectOption('#search-year', '*');
    await page.selectOption('#search-kind', '活动');
    const kinds = await page.locator('#search-results li .tag').evaluateAll((ts) => ts.map((t) => t.textContent));
    if (!kinds.length || kinds.some((k) => k !== '活动')) fail(`search ${term} of kind 活动 lists kinds ${[...new Set(kinds)]}`);
    // A snippet is from the body, or said to be from the record's facts: never the two run on.
    const snippets = await page.locator('#search-results .snippet').evaluateAll((ps) => ps.map((p) => p.textContent));
    for (const t of snippets) if (t.includes('\u001f')) fail(`a snippet shows the body's end marker: ${t}`);
    if (await page.locator('#search-more').isVisible()) fail(`a search of ${all} results offers more`);
  });

  // ---- i. the notice for a page opened inside a ZIP --------------------------------------
  await step('ZIP notice: hidden on the site, shown on index.html opened alone', async () => {
    const shown = (p) =>
      p.locator('.unzipped-hint').evaluate((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0);
    await page.goto(fileUrl('index.html'), { waitUntil: 'load' });
    if (await shown(page)) fail('index.html shows the ZIP notice although its stylesheet loaded');
    const alone = mkdtempSync(path.join(os.tmpdir(), 'yanxiu-alone-'));
    copyFileSync(path.join(site, 'index.html'), path.join(alone, 'index.html'));
    // Not watched: its stylesheet and links are missing on purpose.
    const lone = await browser.newContext();
    try {
      const p = await lone.newPage();
      await p.goto(pathToFileURL(path.join(alone, 'index.html')).href, { waitUntil: 'load' });
      if (!(await shown(p))) fail('index.html opened alone (as from inside a ZIP) does not show the notice');
    } finally {
      await lone.close();
      rmSync(alone, { recursive: true, force: true });
    }
  });

  await context.close();
} finally {
  await browser.close();
}

failures.push(...pageProblems);
if (failures.length) {
  console.error(`\nbrowser test FAILED (${failures.length} problem${failures.length === 1 ? '' : 's'}):`);
  for (const f of failures) console.error(`  - ${f}`);
  process.exit(1);
}
console.log('browser test passed: no console errors, page errors or failed requests');
