// The file browser: upload a notebook from disk, open it, download it again unchanged.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { api, browserTest, close, getNotebook, launch, notebook, signIn } from './app.mjs';

let context;
let page;
const name = `uploaded-${Date.now()}.ipynb`;
const content = notebook([
  { markdown: '# Uploaded\n\nA notebook that came *from disk*.' },
  {
    cell_type: 'code',
    source: 'System.out.println("from disk")',
    metadata: {},
    execution_count: 3,
    outputs: [{ output_type: 'stream', name: 'stdout', text: 'from disk\n' }],
  },
]);

before(async () => {
  context = await launch();
  page = await signIn(context);
});
after(() => close(context));

browserTest('upload a notebook and open it', {}, () => page, async () => {
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/x-ipynb+json',
    buffer: Buffer.from(JSON.stringify(content, null, 1)),
  });
  const row = page.locator(`table.files tr[data-path="${name}"]`);
  await row.waitFor();
  const stored = await getNotebook(name);
  assert.deepEqual(stored.content.cells.map((c) => c.source), content.cells.map((c) => c.source));

  await row.getByRole('link', { name }).click();
  await page.waitForURL(/\/notebooks\//);
  await page.locator('.cell-markdown h1', { hasText: 'Uploaded' }).waitFor();
  const code = page.locator('.cell-code').first();
  assert.equal((await code.locator('.outputs').innerText()).trim(), 'from disk');
  assert.match(await code.locator('.prompt').innerText(), /\[3\]/);
});

browserTest('a listing that answers after an upload does not hide the uploaded file', {}, () => page, async () => {
  // The page's first listing, asked for before the upload, is held until the upload's own listing is shown.
  const late = `late-${Date.now()}.ipynb`;
  let held;
  const heldBack = new Promise((resolve) => {
    held = resolve;
  });
  const isListing = (url) => /^\/api\/contents\/?$/.test(new URL(url).pathname);
  const tree = new URL('/tree', page.url()).href;
  await page.goto(tree);
  await page.locator('table.files tbody tr').first().waitFor();
  await page.route(
    isListing,
    async (route) => {
      const response = await route.fetch();
      await heldBack;
      await route.fulfill({ response });
    },
    { times: 1 },
  );
  await page.goto(tree);
  await page.locator('input[type=file]').setInputFiles({
    name: late,
    mimeType: 'application/x-ipynb+json',
    buffer: Buffer.from(JSON.stringify(content)),
  });
  const row = page.locator(`table.files tr[data-path="${late}"]`);
  await row.waitFor();
  const answered = page.waitForResponse((response) => isListing(response.url()));
  held();
  await answered;
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  assert.equal(await row.count(), 1, 'the uploaded notebook is still listed');
  await api(`contents/${late}`, { method: 'DELETE' });
});

browserTest('download a notebook from the file browser', {}, () => page, async () => {
  await page.goto(new URL('/tree', page.url()).href);
  const row = page.locator(`table.files tr[data-path="${name}"]`);
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download' }).click()]);
  assert.equal(download.suggestedFilename(), name);
  const downloaded = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(downloaded.nbformat, 4);
  assert.deepEqual(
    downloaded.cells.map(({ id, cell_type, source, outputs }) => ({ id, cell_type, source: [].concat(source).join(''), outputs })),
    content.cells.map(({ id, cell_type, source, outputs }) => ({ id, cell_type, source, outputs })),
  );
});
