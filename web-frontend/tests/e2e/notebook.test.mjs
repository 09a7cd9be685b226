// A student's notebook, in order on one page: create it, run Java, plot, Markdown with math,
// interrupt an endless loop, restart the kernel.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import {
  browserTest, close, CELL_MS, collectErrors, editingCell, finished, getNotebook, kernelIdle, KERNEL_START_MS, launch,
  notebookPath, outputText, runInEditingCell, signIn,
} from './app.mjs';

let context;
let page;
let errors = [];
const shown = () => page;

before(async () => {
  context = await launch();
  page = await signIn(context);
  errors = collectErrors(page);
});
after(() => close(context));

browserTest('create a notebook from the file browser', {}, shown, async () => {
  await page.getByRole('button', { name: '+ Notebook' }).click();
  await page.waitForURL(/\/notebooks\/.+\.ipynb$/);
  await kernelIdle(page);
  assert.equal(await page.locator('.cell').count(), 1);
  const stored = await getNotebook(notebookPath(page));
  assert.equal(stored.type, 'notebook');
});

browserTest('type a Java cell, run it with Shift+Enter and read its output', {}, shown, async () => {
  await page.locator('.cell .input').first().click();
  const cell = await editingCell(page);
  // Typed key by key, as a person does (brackets auto-close, and typing ')' steps over the closer).
  await page.keyboard.type('int answer = 6 * 7;\nSystem.out.println("answer: " + answer)');
  await page.keyboard.press('Shift+Enter');
  await finished(cell);
  assert.equal((await outputText(cell)).trim(), 'answer: 42');
  assert.match(await cell.locator('.prompt').innerText(), /\[1\]/);
  // Shift+Enter on the last cell adds one below and edits it.
  await editingCell(page);
  assert.equal(await page.locator('.cell').count(), 2);
});

browserTest('a cell that draws a plot shows the image', {}, shown, async () => {
  const cell = await runInEditingCell(page, 'double[] x = {0, 1, 2, 3, 4};\ndouble[] y = {0, 1, 4, 9, 16};\nPlot.line(x, y)');
  await finished(cell);
  const image = cell.locator('.outputs img[data-mime-type="image/png"]');
  await image.waitFor();
  const size = await image.evaluate((img) => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight }));
  assert.ok(size.complete && size.width > 100 && size.height > 100, `the plot decodes to an image: ${JSON.stringify(size)}`);
});

browserTest('a Markdown cell renders headings and an equation', {}, shown, async () => {
  const cell = await editingCell(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('m');
  await page.locator('.cell.selected.cell-markdown').waitFor();
  await page.keyboard.press('Enter');
  const markdown = await editingCell(page);
  assert.equal(await markdown.getAttribute('data-id'), await cell.getAttribute('data-id'));
  await page.keyboard.insertText('# Euler\n\nThe identity $e^{i\\pi} + 1 = 0$ and\n\n$$\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}$$');
  await page.keyboard.press('Shift+Enter');
  await markdown.locator('h1', { hasText: 'Euler' }).waitFor();
  // KaTeX loads on the first math shown, then typesets it.
  await markdown.locator('.katex-display').waitFor();
  assert.equal(await markdown.locator('.katex').count(), 2, 'the inline and the display equation');
  assert.equal(await markdown.locator('.katex-display').count(), 1);
  assert.equal(await markdown.locator('.katex-error').count(), 0);
  // The TeX is typeset, not shown as source.
  assert.doesNotMatch(await markdown.innerText(), /\\frac|\$/);
});

browserTest('interrupt stops while (true) {} and keeps what was defined', {}, shown, async () => {
  // One block (one JShell snippet) that says when it is executing: an interrupt that arrives while
  // the kernel still compiles the cell is the next test's matter.
  const loop = await runInEditingCell(page, '{\n    System.out.println("looping");\n    while (true) {}\n}');
  await loop.locator('.outputs', { hasText: 'looping' }).waitFor({ timeout: CELL_MS });
  await editingCell(page);
  // I I in command mode, as in Jupyter.
  await page.keyboard.press('Escape');
  await page.keyboard.press('i');
  await page.keyboard.press('i');
  await finished(loop, 10_000);
  assert.match(await outputText(loop), /Interrupted/);
  await kernelIdle(page, 10_000);
  await page.keyboard.press('Enter');
  const check = await runInEditingCell(page, 'answer');
  await finished(check);
  assert.equal((await outputText(check)).trim(), '42');
});

// Known bug, kept visible: JShellEvaluator.stop() calls JShell.stop(), which does nothing while the
// cell is still being compiled, so the loop then runs on (and the toolbar says idle). Lost 5 times in 6.
browserTest('interrupt as soon as the kernel is busy stops the cell', {}, shown, async () => {
  const loop = await runInEditingCell(page, 'while (true) { int spin = 0; }');
  await page.locator('.kernel-state[data-state="busy"]').waitFor();
  await editingCell(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('i');
  await page.keyboard.press('i');
  try {
    await finished(loop, 5_000);
  } finally {
    // Left running, the loop would hold the kernel: interrupt again (it is compiled by now).
    await page.keyboard.press('Escape');
    await page.keyboard.press('i');
    await page.keyboard.press('i');
    await finished(loop, 10_000);
    await kernelIdle(page, 10_000);
  }
});

browserTest('restart loses the variables and the kernel runs again', {}, shown, async () => {
  await page.getByRole('button', { name: 'Restart (0 0)' }).click();
  await page.locator('dialog', { hasText: 'Restart the kernel?' }).getByRole('button', { name: 'Restart' }).click();
  await kernelIdle(page, KERNEL_START_MS);
  await page.locator('.cell').last().locator('.input').click();
  const cell = await runInEditingCell(page, 'answer');
  await finished(cell, CELL_MS);
  assert.match(await outputText(cell), /cannot find symbol/);
  const again = await runInEditingCell(page, '"back: " + (6 * 7)');
  await finished(again);
  assert.match(await outputText(again), /back: 42/);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no errors in the page');
});
