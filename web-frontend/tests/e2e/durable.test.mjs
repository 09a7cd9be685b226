// Close the tab while a 10-second cell runs; the server keeps writing its outputs into the notebook,
// so opening the notebook again later shows all of them.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import {
  browserTest, close, editingCell, getNotebook, kernelIdle, launch, notebook, notebookPath, openNotebook, putNotebook, signIn,
} from './app.mjs';

const TEN_SECONDS = 'for (int i = 1; i <= 10; i++) {\n    System.out.println("tick " + i);\n    Thread.sleep(1000);\n}\nSystem.out.println("all done");';

let context;
let files;
let page;
let second;
const path = `durable-${Date.now()}.ipynb`;

before(async () => {
  context = await launch();
  // The file browser stays open in its own tab: closing a browser's last window would end its
  // session, and with it the session cookie that the token gave.
  files = await signIn(context);
  page = await context.newPage();
  await putNotebook(path, notebook(['']));
});
after(() => close(context));

/** The stored notebook's outputs of one cell, as text. */
async function storedText(cellId) {
  const model = await getNotebook(path);
  const cell = model.content.cells.find((c) => c.id === cellId);
  return (cell?.outputs ?? []).map((o) => [].concat(o.text ?? '').join('')).join('');
}

browserTest('close the tab during a 10-second cell, reopen the notebook and find the output', { timeout: 90_000 }, () => page, async () => {
  await openNotebook(page, path);
  await page.locator('.cell .input').first().click();
  const cell = await editingCell(page);
  const cellId = await cell.getAttribute('data-id');
  await page.keyboard.insertText(TEN_SECONDS);
  await page.keyboard.press('Shift+Enter');
  await cell.locator('.outputs', { hasText: 'tick 1' }).waitFor();
  // The run's own save (soon after it starts) puts the cell in the stored notebook, which is where
  // the server writes the outputs of a cell whose tab is gone.
  await page.locator('.save-state[data-state="saved"]').waitFor();
  await page.close();

  // Nobody has the notebook open now; the server alone writes what the kernel prints.
  // Polled: nothing else tells Node when the kernel is done.
  const deadline = Date.now() + 40_000;
  let stored = await storedText(cellId);
  while (!stored.includes('all done') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    stored = await storedText(cellId);
  }
  assert.match(stored, /all done/, `the stored notebook holds the whole run: ${JSON.stringify(stored)}`);

  page = files;
  await page.reload();
  await page.locator('table.files a', { hasText: path }).click();
  await page.waitForURL(/\/notebooks\//);
  assert.equal(notebookPath(page), path);
  await kernelIdle(page);
  const reopened = page.locator(`.cell[data-id="${cellId}"]`);
  await reopened.locator('.outputs', { hasText: 'all done' }).waitFor();
  const text = await reopened.locator('.outputs').innerText();
  for (let i = 1; i <= 10; i++) assert.match(text, new RegExp(`tick ${i}\\b`));
});

const FIVE_SECONDS = 'for (int i = 1; i <= 5; i++) {\n    System.out.println("step " + i);\n    Thread.sleep(1000);\n}\nSystem.out.println("finished");';

browserTest('a second tab of the notebook follows a run the first tab started', { timeout: 90_000 }, () => second, async () => {
  const shared = `followed-${Date.now()}.ipynb`;
  await putNotebook(shared, notebook(['']));
  const first = await context.newPage();
  await openNotebook(first, shared);
  await first.locator('.cell .input').first().click();
  const cell = await editingCell(first);
  const cellId = await cell.getAttribute('data-id');
  await first.keyboard.insertText(FIVE_SECONDS);
  await first.keyboard.press('Shift+Enter');
  await cell.locator('.outputs', { hasText: 'step 1' }).waitFor();
  await first.locator('.save-state[data-state="saved"]').waitFor();

  second = await context.newPage();
  // Not openNotebook: that waits for an idle kernel, and this one is busy with the first tab's run.
  await second.goto(first.url());
  const followed = second.locator(`.cell[data-id="${cellId}"]`);
  // Printed after the second tab opened: it can only have come live, not from the stored notebook.
  await followed.locator('.outputs', { hasText: 'finished' }).waitFor({ timeout: 30_000 });
  assert.match(await followed.locator('.outputs').innerText(), /step 5\b/);
  await first.close();
});
