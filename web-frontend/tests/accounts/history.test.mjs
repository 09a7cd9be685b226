// An editor of a shared notebook, in the browser: sees its history and puts a checkpoint back.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { base, browserTest, notebook } from '../e2e/app.mjs';
import { apiAs, Person } from './signin.mjs';

const person = new Person();
let page;
const shown = () => page;
after(() => person.close());

browserTest('an editor restores a checkpoint of a notebook shared with them', {}, shown, async () => {
  const path = `history-${Date.now()}.ipynb`;
  const save = (source) => apiAs('student1', `contents/${path}`, {
    method: 'PUT',
    body: JSON.stringify({ type: 'notebook', format: 'json', content: notebook([source]) }),
  });
  await save('int version = 1;');
  await apiAs('student1', `contents/${path}/checkpoints`, { method: 'POST' });
  await save('int version = 2;');
  await apiAs('student2', 'me');
  const share = await apiAs('student1', 'jotter/shares', { method: 'POST', body: JSON.stringify({ path, user: 'student2', role: 'editor' }) });

  page = await person.signIn('student2');
  await page.goto(`${base}/shared/${share.id}`);
  await page.locator('.shared-source', { hasText: 'int version = 2;' }).waitFor();
  assert.equal(await page.locator('.history li[data-checkpoint]').count(), 1);
  await page.locator('.history li[data-checkpoint]').getByRole('button', { name: 'Restore' }).click();
  await page.locator('.shared-source', { hasText: 'int version = 1;' }).waitFor();
  const stored = await apiAs('student1', `contents/${path}?content=1`);
  assert.equal(stored.content.cells[0].source, 'int version = 1;');
});
