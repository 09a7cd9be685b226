// A student's interactive widgets (issue #18): a slider bound to code with interact, a button whose
// click handler prints, and the slider still live after the page is reloaded.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import {
  browserTest, CELL_MS, close, collectErrors, finished, getNotebook, launch, notebook, openNotebook, outputText, putNotebook,
  signIn,
} from './app.mjs';

let context;
let page;
let errors = [];
const path = `widgets-${Date.now()}.ipynb`;
const shown = () => page;

before(async () => {
  context = await launch();
  page = await signIn(context);
  errors = collectErrors(page);
  await putNotebook(path, notebook([
    'interact(new IntSlider().min(0).max(10).value(2).description("n"), n -> "square: " + n * n);',
    'var b = new Button("Go"); b.onClick(() -> System.out.println("clicked")); b',
    'var s = new IntSlider().min(0).max(10).value(3).description("s"); s',
  ]));
  await openNotebook(page, path);
});
after(() => close(context));

/** Runs the cell at `index` as a student does (select it, Shift+Enter in command mode). */
async function run(index) {
  const cell = page.locator('.cell').nth(index);
  await cell.locator('.prompt').click();
  await page.keyboard.press('Shift+Enter');
  await finished(cell);
  return cell;
}

browserTest('moving an interact slider runs the bound code again and updates its output', {}, shown, async () => {
  const cell = await run(0);
  const slider = cell.locator('.widget-slider');
  await slider.waitFor({ timeout: CELL_MS });
  await cell.locator('.jo-widget-output', { hasText: 'square: 4' }).waitFor({ timeout: CELL_MS });
  assert.equal(await slider.locator('.widget-readout').innerText(), '2');

  // Keyboard on the slider's handle, as a student without a mouse does.
  await slider.locator('.noUi-handle').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await cell.locator('.jo-widget-output', { hasText: 'square: 16' }).waitFor({ timeout: CELL_MS });
  assert.equal(await slider.locator('.widget-readout').innerText(), '4');
  assert.doesNotMatch(await cell.locator('.jo-widget-output').innerText(), /square: 4\b/);
});

// The print is the cell's output from then on, in the page and in the stored notebook: the click names its cell,
// so the server saves what the handler printed below the cell's outputs, even a click right after the run (whose
// own last write comes up to a second later), and the page saves shortly after a print, as after a run, so its own
// save begun before the print arrived (1.5 s after the run) does not leave the file without it.
browserTest('a button click handler prints below the button, and the stored notebook has it', {}, shown, async () => {
  const cell = await run(1);
  const button = cell.getByRole('button', { name: 'Go' });
  await button.waitFor({ timeout: CELL_MS });
  assert.doesNotMatch(await outputText(cell), /clicked/);
  await button.click();
  await cell.locator('.jo-stream', { hasText: 'clicked' }).waitFor({ timeout: CELL_MS });
  await button.click();
  await cell.locator('.jo-stream', { hasText: /clicked\s+clicked/ }).waitFor({ timeout: CELL_MS });
  let stored = [];
  for (let tries = 0; tries < 20 && !/clicked\s+clicked/.test(stored.join('')); tries++) {
    await page.waitForTimeout(250);
    const outputs = (await getNotebook(path)).content.cells[1].outputs;
    stored = outputs.filter((output) => output.output_type === 'stream').map((output) => [].concat(output.text).join(''));
  }
  assert.match(stored.join(''), /clicked\s+clicked/, 'the stored notebook has both prints');
  const types = (await getNotebook(path)).content.cells[1].outputs.map((output) => output.output_type);
  assert.deepEqual(types, ['execute_result', 'stream'], 'the button stays, the prints below it');
});

/** Adds a code cell below the cell at `index`, runs `code` in it and returns it once it finished. */
async function runBelow(index, code) {
  await page.locator('.cell').nth(index).locator('.prompt').click();
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  await page.locator('.cell.editing .cm-editor.cm-focused').waitFor();
  await page.keyboard.insertText(code);
  await page.keyboard.press('Shift+Enter');
  const cell = page.locator('.cell').nth(index + 1);
  await finished(cell);
  return cell;
}

browserTest('after a reload the slider comes back live with its value', {}, shown, async () => {
  const cell = await run(2);
  const slider = cell.locator('.widget-slider');
  await slider.waitFor({ timeout: CELL_MS });
  await slider.locator('.noUi-handle').focus();
  await page.keyboard.press('ArrowRight');
  await slider.locator('.widget-readout', { hasText: '4' }).waitFor();
  // The kernel has the new value: code reads it.
  const read = await runBelow(2, '"s is " + s.value()');
  assert.match(await outputText(read), /s is 4/);

  // Saved with its widget-view output, then the page reloaded: same kernel, models asked for again.
  await page.keyboard.press('Control+s');
  await page.locator('.save-state[data-state="saved"]').waitFor({ timeout: CELL_MS });
  await page.reload();
  await page.locator('.kernel-state[data-state="idle"]').waitFor({ timeout: CELL_MS });
  const again = page.locator('.cell').nth(2).locator('.widget-slider');
  await again.locator('.widget-readout', { hasText: '4' }).waitFor({ timeout: CELL_MS }).catch(async (error) => {
    // What the student saw instead: a stale value, or the notice of a widget that is gone.
    throw new Error(`${error.message}\ncell outputs: ${await outputText(page.locator('.cell').nth(2))}`);
  });
  assert.doesNotMatch(await outputText(page.locator('.cell').nth(2)), /no longer live/);

  // Live: the kernel hears the next change.
  await again.locator('.noUi-handle').focus();
  await page.keyboard.press('ArrowRight');
  await again.locator('.widget-readout', { hasText: '5' }).waitFor();
  const check = page.locator('.cell').nth(3);
  await check.locator('.prompt').click();
  await page.keyboard.press('Shift+Enter');
  await check.locator('.outputs', { hasText: 's is 5' }).waitFor({ timeout: CELL_MS });
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no errors in the page');
});
