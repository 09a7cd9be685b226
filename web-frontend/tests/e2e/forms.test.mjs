// Colab-style forms in Java cells: `//@param` lines show as a form beside the code; a field's change
// rewrites the literal in the code, and a slider or dropdown re-runs a cell that ran already. "Run as
// job" offers the form's fields as the job's parameters, and the job sets them in their lines.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { api, base, browserTest, close, collectErrors, finished, getNotebook, launch, notebook, openNotebook, outputText, putNotebook, signIn } from './app.mjs';

let context;
let page;
let errors = [];
const shown = () => page;
const path = `forms-${Date.now()}.ipynb`;

before(async () => {
  context = await launch();
  page = await signIn(context);
  errors = collectErrors(page);
  await putNotebook(path, notebook([
    '//@title Settings\nint n = 3; //@param {type:"slider", min:1, max:10}\nSystem.out.println(n * n);',
    'String model = "cnn"; //@param ["cnn", "mlp", "linear"]\nSystem.out.println("model " + model);',
    'int k = 3; //@param {type:"slider", min:1}\nSystem.out.println(k);',
  ]));
  await openNotebook(page, path);
});
after(() => close(context));

const cell = (i) => page.locator('.cell').nth(i);
const code = (i) => cell(i).locator('.cm-content').innerText();

async function waitForCode(i, pattern) {
  await cell(i).locator('.cm-content', { hasText: pattern }).waitFor();
  return code(i);
}

async function runCell(i) {
  await cell(i).locator('.input').click();
  await cell(i).locator('.cm-editor.cm-focused').waitFor();
  await page.keyboard.press('Control+Enter');
  await finished(cell(i));
}

browserTest('a cell with //@param lines shows a form with its title and labelled fields', {}, shown, async () => {
  const form = cell(0).locator('.cell-form');
  await form.waitFor();
  assert.equal(await form.locator('.form-title').innerText(), 'Settings');
  const slider = cell(0).getByLabel('n', { exact: true });
  assert.equal(await slider.getAttribute('type'), 'range');
  assert.equal(await slider.inputValue(), '3');
  assert.equal((await cell(1).getByLabel('model', { exact: true }).inputValue()), 'cnn');
  // A malformed annotation (a slider without max) stays plain code: no form.
  assert.equal(await cell(2).locator('.cell-form').isVisible(), false);
});

browserTest('moving the slider with the keyboard rewrites the literal and re-runs the cell', {}, shown, async () => {
  await runCell(0);
  assert.equal((await outputText(cell(0))).trim(), '9');
  const slider = cell(0).getByLabel('n', { exact: true });
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.match(await waitForCode(0, 'int n = 7;'), /^\/\/@title Settings\nint n = 7; \/\/@param \{type:"slider", min:1, max:10\}\nSystem\.out\.println\(n \* n\);$/);
  await cell(0).locator('.outputs', { hasText: /^\s*49\s*$/ }).waitFor();
  await finished(cell(0));
  assert.equal((await outputText(cell(0))).trim(), '49');
  assert.equal(await cell(0).locator('.cell-form output').innerText(), '7');
});

browserTest('a dropdown changes a string literal, and re-runs the cell once it has run', {}, shown, async () => {
  const dropdown = cell(1).getByLabel('model', { exact: true });
  await dropdown.selectOption('mlp');
  await waitForCode(1, 'String model = "mlp";');
  await runCell(1);
  assert.equal((await outputText(cell(1))).trim(), 'model mlp');
  await dropdown.selectOption('linear');
  assert.match(await waitForCode(1, '"linear";'), /^String model = "linear"; \/\/@param \["cnn", "mlp", "linear"\]\n/);
  await cell(1).locator('.outputs', { hasText: 'model linear' }).waitFor();
});

browserTest('editing the code updates the form', {}, shown, async () => {
  await cell(0).locator('.input').click();
  await cell(0).locator('.cm-editor.cm-focused').waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('int n = 2; //@param {type:"slider", min:1, max:10}\nint m = 5; //@param {type:"integer"}\nSystem.out.println(n * m);');
  const slider = cell(0).getByLabel('n', { exact: true });
  await cell(0).locator('.cell-form output', { hasText: '2' }).waitFor();
  assert.equal(await slider.inputValue(), '2');
  assert.equal(await cell(0).getByLabel('m', { exact: true }).inputValue(), '5');
  assert.equal(await cell(0).locator('.form-title').count(), 0, 'the title line is gone');
  // A number field rewrites its literal as it is typed.
  await cell(0).getByLabel('m', { exact: true }).fill('12');
  await waitForCode(0, 'int m = 12;');
  // The form's change is an edit of the code like any other: undo in the editor takes it back.
  await cell(0).locator('.cm-content').click();
  await cell(0).locator('.cm-editor.cm-focused').waitFor();
  await page.keyboard.press('Control+z');
  await waitForCode(0, 'int m = 5;');
  assert.equal(await cell(0).getByLabel('m', { exact: true }).inputValue(), '5');
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no errors in the page');
});

browserTest('Run as job offers the form fields as parameters, and the job sets their literals', { timeout: 240_000 }, shown, async () => {
  const jobPath = `forms-job-${Date.now()}.ipynb`;
  await putNotebook(jobPath, notebook([
    'int epochs = 2; //@param {type:"slider", min:1, max:10}\nString model = "cnn"; //@param ["cnn", "mlp"]\nSystem.out.println(model + " x" + epochs);',
  ]));
  await page.goto(`${base}/notebooks/${encodeURIComponent(jobPath)}`);
  await page.locator('.cell .cell-form').waitFor();
  await page.locator('.menu summary', { hasText: 'Run' }).click();
  await page.locator('.menu-items button', { hasText: 'Run as job' }).click();
  const dialog = page.locator('dialog.run-job-dialog');
  await dialog.locator('select[name="runtime-type"] option[value="cpu"]').waitFor({ state: 'attached' });
  const parameters = dialog.getByLabel('Parameters');
  assert.equal(await parameters.inputValue(), 'epochs = 2\nmodel = cnn');
  await parameters.fill('epochs = 4\nmodel = mlp');
  const submitted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/jotter/jobs' && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  const response = await submitted;
  assert.equal(response.status(), 201, await response.text());
  const job = await response.json();
  await dialog.locator('.run-job-status[data-state="succeeded"]').waitFor({ timeout: 180_000 });
  const done = await (await api(`jotter/jobs/${job.id}`)).json();
  const cells = (await getNotebook(done.result_path)).content.cells;
  assert.equal(cells.length, 1, 'nothing injected: both parameters are form fields');
  assert.match(cells[0].source, /^int epochs = 4; \/\/@param \{type:"slider", min:1, max:10\}\nString model = "mlp"; /);
  assert.equal(cells[0].outputs.map((o) => o.text).join(''), 'mlp x4\n');
});
