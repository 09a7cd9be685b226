// Runtimes, quota and reservations as a user sees them: "Change runtime type" moves a notebook to a GPU
// runtime; a full type queues the request with its position until a runtime frees; the usage page
// shows what runs and the tier's limits; reservations book, show in the calendar, and an overbooking
// shows the server's reason; a GPU type on a machine without a GPU says why it cannot start. run.sh gives the
// server two "gpu-t4" runtimes that stand in for GPUs on the CPU, and one strict "gpu-l4".
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before } from 'node:test';
import {
  api, base, browserTest, close, finished, KERNEL_START_MS, kernelIdle, launch, notebook, openNotebook, outputText,
  putNotebook, signIn,
} from './app.mjs';

const GPU = 'gpu-t4';
let context;
let page;
const shown = () => page;
/** Runtimes this file started from Node, stopped at the end. */
const fillers = new Set();

/** A screenshot of a moment inside a test (each test's final state is saved anyway). */
async function shot(name) {
  if (process.env.JOTTER_E2E_SHOTS) await page.screenshot({ path: join(process.env.JOTTER_E2E_SHOTS, `runtimes--${name}.png`) });
}

async function jotter(path, init) {
  const response = await api(`jotter/${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function gpuType() {
  const { body } = await jotter('runtime-types');
  const type = body.find((t) => t.name === GPU);
  assert.ok(type, `the server offers ${GPU} (run.sh sets JOTTER_GPU_T4_RUNTIMES=2)`);
  return type;
}

/** The kernel id of the notebook's session, from the server. */
async function sessionKernel(path) {
  const sessions = await (await api('sessions')).json();
  return sessions.find((s) => s.path === path)?.kernel?.id ?? null;
}

/** Opens the runtime panel's "Change runtime type" and picks `type`. */
async function changeRuntimeType(type) {
  await page.getByRole('button', { name: 'Which runtime this notebook runs on' }).click();
  await page.getByRole('button', { name: 'Change runtime type' }).click();
  const dialog = page.locator('dialog.runtime-type-dialog');
  await dialog.locator(`.runtime-type-option[data-type="${type}"]`).waitFor();
  return dialog;
}

async function runCell(code) {
  const cell = page.locator('.cell').first();
  await cell.locator('.input').click();
  await cell.locator('.cm-editor.cm-focused').waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(code);
  await page.keyboard.press('Shift+Enter');
  await finished(cell);
  return (await outputText(cell)).trim();
}

before(async () => {
  context = await launch();
  page = await signIn(context);
  page.on('dialog', (dialog) => void dialog.accept());
});
after(async () => {
  await close(context);
  await Promise.all([...fillers].map((id) => api(`jotter/runtimes/${id}`, { method: 'DELETE' })));
});

browserTest('Change runtime type moves the notebook to a GPU runtime and runs a cell there', { timeout: 180_000 }, shown, async () => {
  const path = `runtime-type-${Date.now()}.ipynb`;
  await putNotebook(path, notebook(['System.out.println("ready")']));
  await openNotebook(page, path);
  await page.locator('.runtime-type-badge', { hasText: 'CPU' }).waitFor();
  const before = await sessionKernel(path);

  const type = await gpuType();
  const dialog = await changeRuntimeType(GPU);
  const option = dialog.locator(`.runtime-type-option[data-type="${GPU}"]`);
  assert.match(await option.innerText(), /NVIDIA T4 GPU/);
  assert.match(await option.innerText(), /15 GiB · 1\.76 units\/h/);
  const free = type.capacity - type.in_use;
  assert.match(await option.innerText(), free ? new RegExp(`${free} of ${type.capacity} free`) : /in use/);
  assert.match(await dialog.innerText(), /variables and other state are lost/);
  await shot('change-runtime-type-dialog');
  assert.match(await dialog.locator(`.runtime-type-option[data-type="cpu"]`).innerText(), /\(current\)/);

  await option.click();
  await dialog.getByRole('button', { name: 'Switch' }).click();
  await dialog.waitFor({ state: 'detached', timeout: KERNEL_START_MS });
  await page.locator('.runtime-type-badge', { hasText: 'NVIDIA T4 GPU' }).waitFor();
  await kernelIdle(page);

  const after = await sessionKernel(path);
  assert.notEqual(after, before, 'the session has a new kernel');
  const { body: running } = await jotter('runtimes');
  assert.equal(running.find((r) => r.id === after)?.runtime_type, GPU, 'the new kernel is a gpu-t4 runtime');
  assert.ok(!running.some((r) => r.id === before), 'the old kernel was stopped');
  // A CPU stand-in for a GPU type (run.sh: JOTTER_CPU_STAND_INS=gpu-t4) on a machine without a GPU: the device
  // list is set, and empty.
  assert.equal(await runCell('System.out.println("on t4: [" + System.getenv("CUDA_VISIBLE_DEVICES") + "] " + (6 * 7))'), 'on t4: [] 42');
  // The panel says what it runs on and what it costs.
  // The e2e server's one user is in the local tier, which counts hours, not units.
  assert.match(await page.locator('.runtime-panel dl').innerText(),
    /Runtime type\s+NVIDIA T4 GPU[\s\S]*Cost\s+no compute units: your tier counts GPU\/TPU hours/);
});

browserTest('a GPU runtime without a usable GPU says why in the notebook, and its time is refunded', { timeout: 180_000 }, shown, async () => {
  const path = `runtime-no-gpu-${Date.now()}.ipynb`;
  await putNotebook(path, notebook(['System.out.println("on the CPU")']));
  await openNotebook(page, path);
  await page.locator('.runtime-type-badge', { hasText: 'CPU' }).waitFor();
  const dialog = await changeRuntimeType('gpu-l4');
  await dialog.locator('.runtime-type-option[data-type="gpu-l4"]').click();
  const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/jotter/runtimes' && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Switch' }).click();
  const response = await asked;
  assert.equal(response.status(), 503);
  const message = dialog.locator('.runtime-type-status .message');
  await message.waitFor();
  assert.equal(await message.innerText(), 'This GPU runtime found no usable GPU, so it did not start (nothing was'
    + ' charged): no GPU was assigned to this runtime (CUDA_VISIBLE_DEVICES is empty): this server found no GPU of'
    + ' this type to give it.');
  await shot('no-usable-gpu');
  const { body: usage } = await jotter('usage');
  const refund = usage.ledger.find((e) => e.kind === 'refund' && e.runtime_type === 'gpu-l4');
  assert.ok(refund, `a refund of the gpu-l4 runtime in ${JSON.stringify(usage.ledger)}`);
  assert.equal(refund.reason, 'refunded: the runtime could not start: it found no usable GPU');
  const { body: types } = await jotter('runtime-types');
  assert.equal(types.find((t) => t.name === 'gpu-l4').in_use, 0, 'its place is free again');
});

browserTest('a full type queues the request with its position; the notebook gets its runtime when one stops', { timeout: 240_000 }, shown, async (t) => {
  const path = `runtime-queue-${Date.now()}.ipynb`;
  await putNotebook(path, notebook(['System.out.println("waiting")']));
  // Every gpu-t4 runtime in use: the others are started here from Node (the first test may hold one).
  const type = await gpuType();
  let last = null;
  for (let i = type.in_use; i < type.capacity; i++) {
    const started = await jotter('runtimes', { method: 'POST', body: JSON.stringify({ runtime_type: GPU }) });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    fillers.add(started.body.id);
    last = started.body.id;
  }
  await openNotebook(page, path);
  const dialog = await changeRuntimeType(GPU);
  assert.match(await dialog.locator(`.runtime-type-option[data-type="${GPU}"]`).innerText(), new RegExp(`all ${type.capacity} in use`));
  await dialog.locator(`.runtime-type-option[data-type="${GPU}"]`).click();
  const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/jotter/runtimes' && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Switch' }).click();
  const response = await asked;
  if (response.status() === 503) {
    // The server without runtime requests (no 202 yet): it says why, and the dialog shows it.
    await dialog.locator('.runtime-type-status .message').waitFor();
    assert.equal(await dialog.locator('.runtime-type-status .message').innerText(), (await response.json()).message);
    t.skip('the server does not queue runtime requests yet (POST /api/jotter/runtimes answered 503)');
    return;
  }
  assert.equal(response.status(), 202);
  const ticket = await response.json();
  await dialog.locator('.queue-position').waitFor();
  assert.match(await dialog.locator('.queue-position').innerText(), new RegExp(`number ${ticket.position} in the queue`));
  await shot('queued');
  if (!last) {
    // Filled by the first test alone: free the notebook's runtime instead (none of ours to stop).
    last = (await jotter('runtimes')).body.find((r) => r.runtime_type === GPU).id;
  }
  await jotter(`runtimes/${last}`, { method: 'DELETE' });
  fillers.delete(last);
  await dialog.waitFor({ state: 'detached', timeout: KERNEL_START_MS });
  await page.locator('.runtime-type-badge', { hasText: 'NVIDIA T4 GPU' }).waitFor();
  await kernelIdle(page);
  const { body: done } = await jotter(`runtime-requests/${ticket.id}`);
  assert.equal(done.state, 'started');
  assert.equal(await sessionKernel(path), done.runtime_id);
  assert.equal(await runCell('System.out.println("got it")'), 'got it');
});

browserTest('the usage page shows the tier\'s limits and the running runtimes, and stops one', { timeout: 120_000 }, shown, async () => {
  const extra = await jotter('runtimes', { method: 'POST', body: JSON.stringify({ runtime_type: 'cpu' }) });
  assert.equal(extra.status, 201, JSON.stringify(extra.body));
  fillers.add(extra.body.id);
  const { body: usage } = await jotter('usage');
  await page.goto(`${base}/usage`);
  await page.locator('.tier-name', { hasText: usage.tier.name }).waitFor();

  const limits = await page.locator('.tier-limits').innerText();
  assert.match(limits, new RegExp(`Up to ${usage.tier.max_concurrent} runtimes at once`));
  assert.match(limits, new RegExp(`${usage.tier.weekly_accelerator_hours} GPU/TPU hours a week`));
  assert.match(limits, /stops after 1 h 30 min idle, and at most 12 h after it started/);
  assert.equal(usage.tier.idle_timeout_seconds, 5400);
  assert.equal(usage.tier.max_lifetime_seconds, 43200);
  const summary = await page.locator('.usage-summary').innerText();
  assert.match(summary, new RegExp(`of ${usage.tier.weekly_accelerator_hours} h this week`));
  // The local tier spends free weekly hours: an hour an hour per running GPU/TPU runtime.
  const { body: types } = await jotter('runtime-types');
  const accelerators = usage.running.filter((r) => types.find((t) => t.name === r.runtime_type)?.kind !== 'cpu').length;
  assert.ok(accelerators > 0, 'the earlier tests left a gpu-t4 runtime running');
  assert.match(summary, new RegExp(`Burn rate\\s+${accelerators} GPU/TPU hours? an hour`));
  assert.ok(usage.time_left_seconds > 0);
  assert.match(summary, /Time left at this rate\s+\d+ d \d+ h|Time left at this rate\s+\d+ h/);
  assert.match(summary, /Renews/);

  // Every running runtime has a row, with its type and cost so far (those of this file: other files'
  // CPU kernels may come and go meanwhile).
  for (const runtime of usage.running.filter((r) => r.runtime_type === GPU || r.id === extra.body.id)) {
    const row = page.locator(`.running-runtimes tr[data-runtime="${runtime.id}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /units\/h/);
  }
  const row = page.locator(`.running-runtimes tr[data-runtime="${extra.body.id}"]`);
  assert.match(await row.innerText(), /^CPU/);
  await row.getByRole('button', { name: 'Stop' }).click();
  await row.waitFor({ state: 'detached' });
  fillers.delete(extra.body.id);
  assert.ok(!(await jotter('runtimes')).body.some((r) => r.id === extra.body.id), 'the runtime was stopped');
});

browserTest('a reservation shows in the list and the calendar; an overbooking shows the server\'s reason', { timeout: 60_000 }, shown, async () => {
  for (const old of (await jotter('reservations')).body) await jotter(`reservations/${old.id}`, { method: 'DELETE' });
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(10, 0, 0, 0);
  const local = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}T${String(date.getHours()).padStart(2, '0')}:00`;
  const end = new Date(tomorrow.getTime() + 3_600_000);

  await page.goto(`${base}/reservations`);
  const cell = page.locator(`.calendar-grid td[data-start="${tomorrow.toISOString()}"]`);
  await cell.waitFor();
  assert.equal(await cell.getAttribute('data-free'), '1', 'one of the two gpu-t4 runtimes may be booked');
  await page.getByLabel('Type to book').selectOption(GPU);
  await page.getByLabel('Count').fill('1');
  await page.getByLabel('Start').fill(local(tomorrow));
  await page.getByLabel('End').fill(local(end));
  await page.getByRole('button', { name: 'Book' }).click();
  await page.locator('.booking-status[data-state="booked"]').waitFor();

  const { body: mine } = await jotter('reservations');
  assert.equal(mine.length, 1);
  assert.equal(mine[0].runtime_type, GPU);
  assert.equal(new Date(mine[0].starts_at).getTime(), tomorrow.getTime());
  const row = page.locator(`.my-reservations tr[data-reservation="${mine[0].id}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /NVIDIA T4 GPU\s+you\s+1/);
  await page.locator(`.calendar-grid td.full[data-start="${tomorrow.toISOString()}"]`).waitFor();
  assert.equal(await cell.innerText(), '0 free');
  await shot('reserved');

  // The same window again: full. The page shows what the server says, word for word.
  await page.getByRole('button', { name: 'Book' }).click();
  await page.locator('.booking-status[data-state="refused"]').waitFor();
  const again = await jotter('reservations', { method: 'POST', body: JSON.stringify({ runtime_type: GPU, count: 1, starts_at: tomorrow.toISOString(), ends_at: end.toISOString() }) });
  assert.equal(again.status, 409);
  assert.equal(await page.locator('.booking-status .message').innerText(), again.body.message);
  assert.match(again.body.message, /Only 0 gpu-t4 runtimes are free to book/);
  assert.equal(await page.locator('.booking-status .remedy').innerText(), again.body.remedy);
  await shot('overbooked');

  await row.getByRole('button', { name: 'Cancel' }).click();
  await row.waitFor({ state: 'detached' });
  assert.deepEqual((await jotter('reservations')).body, []);
});
