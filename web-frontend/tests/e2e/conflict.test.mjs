// Two tabs on one notebook: the second save is refused (409) and its tab offers the choice, reload
// theirs or keep mine as a copy; nothing is overwritten.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { browserTest, close, getNotebook, launch, notebook, notebookPath, openNotebook, putNotebook, signIn } from './app.mjs';

let context;
let first;
let second;
let shown;
const path = `conflict-${Date.now()}.ipynb`;

before(async () => {
  context = await launch();
  first = await signIn(context);
  second = await context.newPage();
  shown = first;
  await putNotebook(path, notebook(['int shared = 1;']));
  await Promise.all([openNotebook(first, path), openNotebook(second, path)]);
});
after(() => close(context));

/** Adds a Markdown cell saying `text` below the selected one, in command mode, and saves with Ctrl+S. */
async function addNoteAndSave(page, text) {
  await page.bringToFront();
  await page.locator('.cell .prompt').first().click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');
  await page.keyboard.press('m');
  await page.keyboard.press('Enter');
  await page.locator('.cell.editing .cm-editor.cm-focused').waitFor();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+s');
}

const sources = async (p) => (await getNotebook(p)).content.cells.map((c) => [].concat(c.source).join(''));

browserTest('two tabs save the same notebook: the second is asked, and keeps its work as a copy', {}, () => shown, async () => {
  await addNoteAndSave(first, 'first tab was here');
  await first.locator('.save-state[data-state="saved"]').waitFor();
  assert.ok((await sources(path)).includes('first tab was here'));

  shown = second;
  await addNoteAndSave(second, 'second tab was here');
  const dialog = second.locator('dialog', { hasText: 'changed elsewhere' });
  await dialog.waitFor();
  await second.locator('.save-state[data-state="conflict"]').waitFor();
  assert.ok(await dialog.getByRole('button', { name: 'Reload theirs' }).isVisible());
  // The refused save wrote nothing.
  assert.ok(!(await sources(path)).includes('second tab was here'));

  await dialog.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await second.waitForURL(/-copy\.ipynb$/);
  const copy = notebookPath(second);
  await second.locator('.cell-markdown', { hasText: 'second tab was here' }).waitFor();
  assert.ok((await sources(copy)).includes('second tab was here'));
  assert.ok(!(await sources(copy)).includes('first tab was here'));
  const original = await sources(path);
  assert.ok(original.includes('first tab was here') && !original.includes('second tab was here'));
});

browserTest('the other choice, reload theirs, shows the saved version', {}, () => shown, async () => {
  shown = first;
  await first.bringToFront();
  await putNotebook(path, notebook(['int shared = 1;', { markdown: 'saved by someone else' }]));
  await addNoteAndSave(first, 'lost on reload');
  const dialog = first.locator('dialog', { hasText: 'changed elsewhere' });
  await dialog.getByRole('button', { name: 'Reload theirs' }).click();
  await first.locator('.cell-markdown', { hasText: 'saved by someone else' }).waitFor();
  assert.equal(await first.locator('.cell-markdown', { hasText: 'lost on reload' }).count(), 0);
  assert.equal(notebookPath(first), path);
});
