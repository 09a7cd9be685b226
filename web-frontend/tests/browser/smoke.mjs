// A smoke test in real Chromium against a running server:
//   JOTTER_URL=http://127.0.0.1:18888 JOTTER_TOKEN=... node tests/browser/smoke.mjs [screenshot-dir]
// Opens the file browser with the token, creates a notebook, runs System.out.println(6*7) with
// Shift+Enter, expects 42, saves with Ctrl+S, reloads and expects the output still there.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.env.JOTTER_URL ?? 'http://127.0.0.1:18888';
const token = process.env.JOTTER_TOKEN;
const shots = process.argv[2];
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'jotter-smoke-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1200, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? (await context.newPage());
const errors = [];
page.on('pageerror', (error) => errors.push(String(error)));
page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
const step = async (name, fn) => {
  const start = Date.now();
  await fn();
  console.log(`ok ${name} (${Date.now() - start} ms)`);
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
};
try {
  await step('files', async () => {
    await page.goto(`${base}/?token=${token}`);
    await page.waitForSelector('table.files');
  });
  await step('new-notebook', async () => {
    await page.click('text=+ Notebook');
    await page.waitForURL(/\/notebooks\//);
    await page.waitForSelector('.kernel-state[data-state="idle"]', { timeout: 60_000 });
  });
  await step('run', async () => {
    await page.click('.cell .input');
    await page.keyboard.type('System.out.println(6*7)');
    await page.keyboard.press('Shift+Enter');
    await page.waitForSelector('.cell .outputs >> text=42', { timeout: 30_000 });
    const prompt = await page.textContent('.cell .prompt');
    if (!/\[1\]/.test(prompt ?? '')) throw new Error(`prompt is ${prompt}`);
  });
  await step('save-reload', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+s');
    await page.waitForSelector('.save-state[data-state="saved"]');
    await page.reload();
    await page.waitForSelector('.cell .outputs >> text=42');
  });
  await step('command-keys', async () => {
    await page.click('.cell .prompt');
    await page.keyboard.press('Escape');
    const count = () => page.locator('.cell').count();
    const before = await count();
    await page.keyboard.press('b');
    if ((await count()) !== before + 1) throw new Error('B added no cell');
    await page.keyboard.press('m');
    await page.waitForSelector('.cell.selected.cell-markdown');
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    if ((await count()) !== before) throw new Error('D D deleted no cell');
    await page.keyboard.press('z');
    if ((await count()) !== before + 1) throw new Error('Z brought nothing back');
  });
  await step('conflict', async () => {
    const path = decodeURIComponent(new URL(page.url()).pathname.replace('/notebooks/', ''));
    // Someone else saves the notebook meanwhile (without a version: last save wins for them).
    const other = await page.evaluate(async (p) => {
      const url = `/api/contents/${p}`;
      const model = await (await fetch(url)).json();
      model.content.cells.push({ id: 'theirs', cell_type: 'markdown', source: 'theirs', metadata: {} });
      const r = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'notebook', format: 'json', content: model.content }) });
      return r.status;
    }, path);
    if (other !== 200) throw new Error(`their save: ${other}`);
    await page.keyboard.press('Control+s');
    await page.waitForSelector('dialog >> text=changed elsewhere');
    if (shots) await page.screenshot({ path: join(shots, 'conflict-dialog.png') });
    await page.click('dialog >> text=Keep mine as a copy');
    await page.waitForURL(/-copy\.ipynb$/);
    await page.waitForSelector('.cell .outputs >> text=42');
  });
  console.log(errors.length ? `console errors:\n${errors.join('\n')}` : 'no console errors');
} catch (error) {
  console.log(`FAILED: ${error}`);
  if (shots) await page.screenshot({ path: join(shots, 'failure.png') });
  console.log(errors.join('\n'));
  process.exitCode = 1;
} finally {
  await context.close();
}
