// Accounts in the browser, against the real Keycloak: a student signs in on Keycloak's own login page
// (authorization code with PKCE), gets their files, runs Java over the kernel WebSocket (the token rides
// in its handshake), and signs out. Another student sees none of it.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { base, browserTest, close, collectErrors, editingCell, finished, kernelIdle, KERNEL_START_MS, launch, outputText } from '../e2e/app.mjs';

let context;
let page;
let errors = [];
let created;
const shown = () => page;

/** Goes to the app, lands on Keycloak's login form, signs in, and comes back to the file browser. */
async function signInAs(user) {
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/`);
  await page.waitForURL(/\/realms\/jotter\/protocol\/openid-connect\/auth/);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(user);
  await page.locator('#kc-login').click();
  await page.waitForURL(`${base}/`);
  await page.waitForSelector('table.files');
  return page;
}

/** Each person in a browser of their own: nothing of another's Keycloak session carries over. */
async function freshBrowser() {
  await close(context);
  context = await launch();
}
after(() => close(context));

browserTest('a student signs in on Keycloak, runs Java and signs out', {}, shown, async () => {
  await freshBrowser();
  await signInAs('student1');
  errors = collectErrors(page);
  assert.equal(await page.locator('.account-name').innerText(), 'student1');
  // The code and state are gone from the address bar once exchanged.
  assert.equal(new URL(page.url()).search, '');

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
  assert.deepEqual(errors, []);

  await page.goto(`${base}/`);
  await page.waitForSelector('table.files');
  assert.equal(await page.locator('table.files a', { hasText: created }).count(), 1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Keycloak ends its session and sends the browser back to the app, which, signed out, asks for a login.
  await page.waitForURL(/\/realms\/jotter\/protocol\/openid-connect\/auth/);
  await page.locator('#kc-login').waitFor();
});

browserTest('another student signs in and sees none of the first one\'s notebooks', {}, shown, async () => {
  assert.ok(created, 'the first test created a notebook');
  await freshBrowser();
  await signInAs('student2');
  assert.equal(await page.locator('.account-name').innerText(), 'student2');
  assert.equal(await page.locator('table.files a', { hasText: created }).count(), 0);
});
