// A student who opens a notebook and presses Shift+Enter at once, before the kernel has started.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { browserTest, close, encodePath, KERNEL_START_MS, launch, notebook, outputText, putNotebook, signIn } from './app.mjs';

let context;
let page;
const path = `early-run-${Date.now()}.ipynb`;

before(async () => {
  context = await launch();
  page = await signIn(context);
  await putNotebook(path, notebook(['System.out.println("early " + (6 * 7))']));
});
after(() => close(context));

// As Jupyter does: a run asked for before the session exists waits for it (the server runs without
// a warm kernel here, so the kernel really is still starting).
browserTest('Shift+Enter while the kernel starts runs the cell once it is ready', {}, () => page, async () => {
  await page.goto(`${new URL(page.url()).origin}/notebooks/${encodePath(path)}`);
  const cell = page.locator('.cell').first();
  await cell.locator('.input').click();
  assert.notEqual(await page.locator('.kernel-state').getAttribute('data-state'), 'idle', 'pressed before the kernel was ready');
  await page.keyboard.press('Shift+Enter');
  // The whole start is the kernel's: its process answers kernel_info (the page may show idle) before JShell has
  // warmed up, and on a loaded 2-core machine both took more than 10 s (CI, 2026-12-06). The run waits for both.
  await cell.locator('.outputs', { hasText: 'early 42' }).waitFor({ timeout: KERNEL_START_MS }).catch(async (error) => {
    // What the student would see, so that a failure says whether the run was lost or the kernel never came.
    const state = await page.locator('.kernel-state').textContent();
    const alert = await page.locator('.runtime-alert').allTextContents().catch(() => []);
    throw new Error(`${error.message}\nkernel state: ${state}; alert: ${alert.join(' ')}; cell outputs: ${await outputText(cell)}`);
  });
  assert.equal((await outputText(cell)).trim(), 'early 42');
});
