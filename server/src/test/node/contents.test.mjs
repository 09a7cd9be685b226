// Notebooks through JupyterLab's ContentsManager: what the file browser and a notebook's save do.
import { ContentsManager, ServerConnection } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshName, notebook, serverSettings, text } from './jotter.mjs';

const contents = new ContentsManager({ serverSettings });

test('notebooks: create, save, list, open, rename, and an invalid save refused', async t => {
  const folder = freshName('node-contents');
  await contents.save(folder, { type: 'directory' });

  await t.test('a new untitled notebook in the folder', async () => {
    const model = await contents.newUntitled({ path: folder, type: 'notebook' });
    assert.equal(model.type, 'notebook');
    assert.equal(model.path, `${folder}/Untitled.ipynb`);
    assert.equal(model.name, 'Untitled.ipynb');
  });

  const path = `${folder}/squares.ipynb`;
  const saved = notebook({ id: 'square-1', source: 'int square(int x) { return x * x; }\nsquare(7)' });

  await t.test('a notebook with a code cell, saved', async () => {
    const model = await contents.save(path, { type: 'notebook', format: 'json', content: saved });
    assert.equal(model.path, path);
    assert.equal(model.type, 'notebook');
    assert.ok(model.last_modified, 'the save answers with last_modified');
  });

  await t.test('the folder lists both notebooks', async () => {
    const listing = await contents.get(folder);
    assert.equal(listing.type, 'directory');
    const names = listing.content.map(entry => entry.name).sort();
    assert.deepEqual(names, ['Untitled.ipynb', 'squares.ipynb']);
    const entry = listing.content.find(e => e.name === 'squares.ipynb');
    assert.equal(entry.type, 'notebook');
    assert.equal(entry.content, null, 'a listing carries no notebook content');
  });

  await t.test('the notebook comes back with its cell', async () => {
    const model = await contents.get(path);
    assert.equal(model.format, 'json');
    assert.equal(model.content.nbformat, 4);
    assert.equal(model.content.nbformat_minor, 5);
    assert.equal(model.content.cells.length, 1);
    const [cell] = model.content.cells;
    assert.equal(cell.id, 'square-1');
    assert.equal(cell.cell_type, 'code');
    assert.equal(text(cell.source), 'int square(int x) { return x * x; }\nsquare(7)');
    assert.equal(model.content.metadata.kernelspec.name, 'jotter-java');
  });

  const renamed = `${folder}/cubes.ipynb`;
  await t.test('a rename moves it', async () => {
    const model = await contents.rename(path, renamed);
    assert.equal(model.path, renamed);
    assert.equal(model.name, 'cubes.ipynb');
    const names = (await contents.get(folder)).content.map(entry => entry.name).sort();
    assert.deepEqual(names, ['Untitled.ipynb', 'cubes.ipynb']);
    await assert.rejects(contents.get(path), err => err instanceof ServerConnection.ResponseError
        && err.response.status === 404);
    assert.equal((await contents.get(renamed)).content.cells[0].id, 'square-1');
  });

  await t.test('an invalid notebook is refused with the reason, and nothing is saved', async () => {
    const broken = notebook({ id: 'ok', source: '1' });
    broken.cells[0].cell_type = 'spreadsheet';
    await assert.rejects(
      contents.save(renamed, { type: 'notebook', format: 'json', content: broken }),
      err => {
        assert.ok(err instanceof ServerConnection.ResponseError, `a ResponseError, not ${err}`);
        assert.equal(err.response.status, 400);
        assert.match(err.message, /not a valid nbformat 4 notebook/);
        return true;
      });
    const kept = await contents.get(renamed);
    assert.equal(kept.content.cells[0].cell_type, 'code');
  });

  // Jupyter Server (without a trash) refuses to delete a folder that still holds files, as Jotter does.
  await contents.delete(`${folder}/Untitled.ipynb`);
  await contents.delete(renamed);
  await contents.delete(folder);
});
