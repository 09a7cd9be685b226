// What the browser tests share: Chromium, the signed-in app, the notebook page's cells, the server's
// REST API (with the token, from Node), and a screenshot of each test's final state.
// run.sh sets JOTTER_URL, JOTTER_TOKEN, JOTTER_SERVER_LOG and JOTTER_E2E_SHOTS.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';

export const base = required('JOTTER_URL');
export const token = required('JOTTER_TOKEN');
const shots = process.env.JOTTER_E2E_SHOTS;

/** Long enough for a kernel to start on a busy 2-core machine, short enough to fail in bounded time. */
export const KERNEL_START_MS = 60_000;
export const CELL_MS = 30_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with tests/e2e/run.sh`);
  return value;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const profiles = new WeakMap();

/** Chromium on a fresh profile (no cookie yet); {@link close} ends it and removes the profile. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'jotter-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    args: CHROMIUM_ARGS,
  });
  context.setDefaultTimeout(15_000);
  profiles.set(context, profile);
  return context;
}

export async function close(context) {
  if (!context) return;
  await context.close();
  // Chromium may still be writing its profile for a moment after it closed.
  rmSync(profiles.get(context), { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** Opens `/?token=T` (the server sets its cookie and drops the token) and waits for the file browser. */
export async function signIn(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/?token=${token}`);
  await page.waitForSelector('table.files');
  return page;
}

/** The REST API as the user, from Node. */
export async function api(path, init = {}) {
  const response = await fetch(`${base}/api/${path}`, {
    ...init,
    headers: { Authorization: `token ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  return response;
}

export function encodePath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** nbformat 4.5 notebook with the given cells: strings are code cells, `{markdown}` Markdown ones. */
export function notebook(cells) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'jotter-java', display_name: 'Java', language: 'java' } },
    cells: cells.map((cell, i) => {
      const id = `cell-${i}`;
      if (typeof cell === 'string') return { id, cell_type: 'code', source: cell, metadata: {}, outputs: [], execution_count: null };
      if (cell.markdown !== undefined) return { id, cell_type: 'markdown', source: cell.markdown, metadata: {} };
      return { id, ...cell };
    }),
  };
}

/** Stores a notebook through the API (the test's setup, not what it tests). */
export async function putNotebook(path, content) {
  const response = await api(`contents/${encodePath(path)}`, {
    method: 'PUT',
    body: JSON.stringify({ type: 'notebook', format: 'json', content }),
  });
  if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function getNotebook(path) {
  const response = await api(`contents/${encodePath(path)}?content=1`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}

/** Opens a notebook's page and waits until its kernel is idle. */
export async function openNotebook(page, path) {
  await page.goto(`${base}/notebooks/${encodePath(path)}`);
  await kernelIdle(page);
}

export async function kernelIdle(page, timeout = KERNEL_START_MS) {
  await page.waitForSelector('.kernel-state[data-state="idle"]', { timeout });
}

/** The notebook path the page shows. */
export function notebookPath(page) {
  return decodeURIComponent(new URL(page.url()).pathname.replace(/^\/notebooks\//, ''));
}

/** The cell being edited, once its editor has the focus (typing before that would lose keys). */
export async function editingCell(page) {
  const editor = page.locator('.cell.editing .cm-editor.cm-focused');
  await editor.waitFor();
  const id = await page.locator('.cell.editing').getAttribute('data-id');
  return page.locator(`.cell[data-id="${id}"]`);
}

/**
 * Puts `code` into the cell being edited (as one input, as a paste would: no auto-closed brackets or
 * auto-indent in the way) and runs it with Shift+Enter. Returns that cell.
 */
export async function runInEditingCell(page, code) {
  const cell = await editingCell(page);
  await page.keyboard.insertText(code);
  await page.keyboard.press('Shift+Enter');
  return cell;
}

/** Waits until a cell's run is over: not running, and an execution count in its prompt. */
export async function finished(cell, timeout = CELL_MS) {
  await cell.locator('xpath=self::*[not(contains(concat(" ", @class, " "), " running "))]').waitFor({ timeout });
  await cell.locator('.prompt', { hasText: /\[\d+\]/ }).waitFor({ timeout });
}

/** Text of a cell's outputs. */
export function outputText(cell) {
  return cell.locator('.outputs').innerText();
}

/**
 * A browser test: `body(t)` runs, then `page()` (the page to show) is saved as a screenshot of the
 * test's final state, pass or fail, named after the file and the test.
 */
export function browserTest(name, options, page, body) {
  const file = basename(process.argv[1] ?? 'test', '.test.mjs');
  return test(name, options, async (t) => {
    try {
      await body(t);
    } finally {
      const shown = page();
      if (shots && shown && !shown.isClosed()) {
        const slug = `${file}--${name}`.replace(/[^\w.-]+/g, '-').replace(/-+$/, '');
        await shown.screenshot({ path: join(shots, `${slug}.png`), fullPage: true }).catch(() => undefined);
      }
    }
  });
}

/** Console errors and uncaught exceptions of a page, for tests that want none. */
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  return errors;
}
