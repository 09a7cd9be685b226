// Accounts in the browser, against the real Keycloak: students sign in on Keycloak's own login page
// (authorization code with PKCE), each gets their own files, runs Java over the kernel WebSocket (the
// token rides in its handshake), shares a notebook, comments on it and saves a copy, and signs out.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { base, browserTest, collectErrors, editingCell, finished, kernelIdle, KERNEL_START_MS, outputText } from '../e2e/app.mjs';
import { Person } from './signin.mjs';

const person = new Person();
let page;
let created;
const shown = () => page;
after(() => person.close());

async function signInAs(user) {
  page = await person.signIn(user);
  return page;
}

browserTest('a student signs in: their own files, nothing shared with them yet', {}, shown, async () => {
  await signInAs('student2');
  // The code and state are gone from the address bar once exchanged.
  assert.equal(new URL(page.url()).search, '');
  await page.locator('.shared-with-me h2', { hasText: 'Shared with you' }).waitFor();
});

browserTest('another student runs Java, shares the notebook as commenter, and signs out', {}, shown, async () => {
  await signInAs('student1');
  const errors = collectErrors(page);
  await page.getByRole('button', { name: '+ Notebook' }).click();
  await page.waitForURL(/\/notebooks\/.+\.ipynb$/);
  created = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  await kernelIdle(page, KERNEL_START_MS);
  await page.locator('.cell .input').first().click();
  const cell = await editingCell(page);
  await page.keyboard.insertText('System.out.println("signed in: " + (6 * 7))');
  await page.keyboard.press('Shift+Enter');
  await finished(cell);
  assert.equal((await outputText(cell)).trim(), 'signed in: 42');
  await page.keyboard.press('Control+s');
  await page.locator('.save-state', { hasText: /saved/i }).waitFor();

  await page.getByRole('button', { name: 'Share' }).click();
  await page.locator('.share-panel .share-user').fill('student2');
  await page.locator('.share-panel select').first().selectOption('commenter');
  await page.locator('.share-panel').getByRole('button', { name: 'Share', exact: true }).click();
  await page.locator('.share-panel .shares li', { hasText: 'student2 commenter' }).waitFor();
  assert.deepEqual(errors, []);

  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Keycloak ends its session and sends the browser back to the app, which, signed out, asks for a login.
  await page.waitForURL(/\/realms\/jotter\/protocol\/openid-connect\/auth/);
  await page.locator('#kc-login').waitFor();
});

browserTest('the first student finds it shared, reads its output, comments, and saves a copy', {}, shown, async () => {
  assert.ok(created, 'the notebook was shared');
  await signInAs('student2');
  assert.equal(await page.locator('table.files a', { hasText: created }).count(), 0, 'not among their own files');
  await page.locator('.shared-with-me a', { hasText: created }).click();
  await page.waitForURL(/\/shared\/\d+$/);
  await page.locator('.shared-by', { hasText: 'shared by student1 · you are commenter' }).waitFor();
  assert.equal((await page.locator('.shared-cell .outputs').first().innerText()).trim(), 'signed in: 42');

  await page.locator('.comment-input').first().fill('Why 42?');
  await page.locator('.cell-comments').first().getByRole('button', { name: 'Comment' }).click();
  await page.locator('.cell-comments li', { hasText: 'student2 Why 42?' }).waitFor();

  await page.getByRole('button', { name: 'Save a copy' }).click();
  await page.waitForURL(/\/notebooks\/.+\.ipynb$/);
  await kernelIdle(page, KERNEL_START_MS);
  assert.match(decodeURIComponent(new URL(page.url()).pathname), /\/notebooks\/Untitled\d*(-Copy\d+)?\.ipynb$/);
});

browserTest('the owner reads the comment on their notebook and replies', {}, shown, async () => {
  assert.ok(created, 'the notebook was shared and commented on');
  await signInAs('student1');
  await page.locator('table.files a', { hasText: created }).click();
  await page.waitForURL(/\/notebooks\/.+\.ipynb$/);
  await page.getByRole('button', { name: 'Comments' }).click();
  const thread = page.locator('.comments-panel .comment-thread');
  await thread.locator('li', { hasText: 'student2 Why 42?' }).waitFor();
  assert.match(await thread.locator('.comment-cell').innerText(), /^Cell 1: System\.out\.println/);
  await thread.locator('textarea').fill('Six times seven.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await page.locator('.comments-panel li', { hasText: 'student1 Six times seven.' }).waitFor();
});
