// Training jobs as a user sees them: "Run as job" in a notebook's Run menu saves the notebook and
// submits it; the jobs page follows the job to "succeeded" with every cell done, and its executed
// notebook, opened from the page, shows the outputs; a notebook whose second cell throws ends
// "failed" with the error; an unfinished job can be cancelled from the page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { api, base, browserTest, close, editingCell, getNotebook, launch, notebook, putNotebook, signIn } from './app.mjs';

/** A job starts a kernel of its own and runs every cell: room for a busy 2-core machine. */
const JOB_MS = 120_000;
let context;
let page;
const shown = () => page;

before(async () => {
  context = await launch();
  page = await signIn(context);
  page.on('dialog', (dialog) => void dialog.accept());
});
after(() => close(context));

/** A screenshot of a moment inside a test (each test's final state is saved anyway). */
async function shot(name) {
  if (process.env.JOTTER_E2E_SHOTS) await page.screenshot({ path: join(process.env.JOTTER_E2E_SHOTS, `jobs--${name}.png`) });
}

/** Opens a notebook's page, and its "Run as job" dialog once the runtime types are in. */
async function openRunAsJob(path) {
  await page.goto(`${base}/notebooks/${path.split('/').map(encodeURIComponent).join('/')}`);
  await page.locator('.cell').first().waitFor();
  return runAsJobDialog();
}

async function runAsJobDialog() {
  await page.locator('.menu summary', { hasText: 'Run' }).click();
  await page.locator('.menu-items button', { hasText: 'Run as job' }).click();
  const dialog = page.locator('dialog.run-job-dialog');
  await dialog.locator('select[name="runtime-type"] option[value="cpu"]').waitFor({ state: 'attached' });
  return dialog;
}

/** Presses Run in the dialog; the job as the server answered the submission. */
async function submit(dialog) {
  const submitted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/jotter/jobs' && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  const response = await submitted;
  assert.equal(response.status(), 201, await response.text());
  const job = await response.json();
  await dialog.locator('.job-summary').waitFor();
  return job;
}

/** The job's row on the jobs page once it reached `state` (the page refreshes itself meanwhile). */
async function rowWhen(job, state, timeout = JOB_MS) {
  const row = page.locator(`.jobs-table tr[data-job="${job.id}"]`);
  await page.locator(`.jobs-table tr[data-job="${job.id}"][data-state="${state}"]`).waitFor({ timeout });
  return row;
}

browserTest('Run as job saves the notebook, the jobs page follows it to succeeded, and the executed notebook has the outputs', { timeout: 240_000 }, shown, async () => {
  const path = `job-ok-${Date.now()}.ipynb`;
  await putNotebook(path, notebook(['int base = 10;', 'int answer = base * 2 + 2;', 'System.out.println("answer=" + answer);']));
  await page.goto(`${base}/notebooks/${encodeURIComponent(path)}`);
  // An edit not yet saved: the job must run it, so the dialog saves first.
  const first = page.locator('.cell').first();
  await first.locator('.input').click();
  // Typing before the editor has the focus would lose the keys (its code loads after the page).
  await editingCell(page);
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('int base = 20;');
  await first.locator('.cm-content', { hasText: 'int base = 20;' }).waitFor();
  await page.keyboard.press('Escape');

  const dialog = await runAsJobDialog();
  assert.equal(await dialog.locator('select[name="runtime-type"]').inputValue(), 'cpu');
  assert.match(await dialog.innerText(), /No cell is tagged "parameters"/);
  const job = await submit(dialog);
  assert.equal(job.runtime_type, 'cpu');
  assert.equal(job.cells_total, 3);
  assert.match(job.result_path, /^job-ok-\d+\.job-[0-9a-f]{8}\.ipynb$/);
  assert.equal((await getNotebook(path)).content.cells[0].source, 'int base = 20;', 'the edit was saved before the job was submitted');
  assert.equal(await dialog.locator('.result-link').getAttribute('href'), `/notebooks/${encodeURIComponent(job.result_path)}`);
  await shot('run-as-job-dialog');

  await page.goto(`${base}/jobs`);
  await page.locator('.files-header .jobs-link').waitFor();
  const row = await rowWhen(job, 'succeeded');
  assert.equal(await row.locator('.cells').innerText(), '3/3');
  assert.match(await row.innerText(), /Succeeded/);
  assert.match(await row.locator('.job-details').innerText(), /^Finished /);
  assert.equal(await row.locator('.cancel-job').count(), 0, 'no Cancel for a job that ended');

  await row.locator('.result-link').click();
  await page.waitForURL(`**/notebooks/${encodeURIComponent(job.result_path)}`);
  await page.locator('.cell').nth(2).locator('.outputs', { hasText: 'answer=42' }).waitFor();
});

browserTest('a notebook whose second cell throws ends failed, with the error on the jobs page', { timeout: 240_000 }, shown, async () => {
  const path = `job-fails-${Date.now()}.ipynb`;
  await putNotebook(path, notebook(['System.out.println("one");', 'throw new IllegalStateException("boom");', 'System.out.println("three");']));
  const job = await submit(await openRunAsJob(path));
  await page.goto(`${base}/jobs`);
  const row = await rowWhen(job, 'failed');
  assert.match(await row.innerText(), /Failed/);
  assert.match(await row.locator('.job-error').innerText(), /cell 2 raised[\s\S]*boom/);
  assert.match(await row.locator('.cells').innerText(), /^2\/3/);
});

browserTest('an unfinished job is cancelled from the jobs page', { timeout: 240_000 }, shown, async () => {
  const path = `job-cancel-${Date.now()}.ipynb`;
  await putNotebook(path, notebook(['System.out.println("started");', 'Thread.sleep(120_000);', 'System.out.println("never");']));
  const job = await submit(await openRunAsJob(path));
  await page.goto(`${base}/jobs`);
  const row = page.locator(`.jobs-table tr[data-job="${job.id}"]`);
  // Cancelled while its second cell sleeps: its runtime is stopped, the first cell's output kept.
  await page.locator(`.jobs-table tr[data-job="${job.id}"][data-state="running"] .cells`, { hasText: /^1\/3/ }).waitFor({ timeout: JOB_MS });
  await row.locator('.cancel-job').click();
  await rowWhen(job, 'cancelled', 30_000);
  assert.equal(await row.locator('.cancel-job').count(), 0);
  assert.match(await row.locator('.job-details').innerText(), /cancelled by/);
  assert.equal((await (await api(`jotter/jobs/${job.id}`)).json()).state, 'cancelled');
  const executed = (await getNotebook(job.result_path)).content;
  assert.match(JSON.stringify(executed.cells[0].outputs), /started/);
});
