// A course in the browser, against the real Keycloak: an instructor creates it and publishes a
// notebook as an assignment; a student joins with the invite code, starts their own copy and submits
// it; the instructor finds the submission, on time, and leaves feedback the student reads.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { base, browserTest, kernelIdle, KERNEL_START_MS } from '../e2e/app.mjs';
import { Person } from './signin.mjs';

const person = new Person();
let page;
let courseUrl;
let inviteCode;
let assignmentUrl;
const shown = () => page;
after(() => person.close());

/** A value for a datetime-local input a week from now. */
function nextWeek() {
  const d = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

browserTest('an instructor creates a course and publishes a notebook with a due date', {}, shown, async () => {
  page = await person.signIn('instructor1');
  await page.getByRole('button', { name: '+ Notebook' }).click();
  await page.waitForURL(/\/notebooks\/.+\.ipynb$/);
  const notebook = decodeURIComponent(new URL(page.url()).pathname.replace('/notebooks/', ''));

  await page.goto(`${base}/courses`);
  const title = `Java 101 ${Date.now()}`;
  await page.getByLabel('New course title').fill(title);
  await page.getByRole('button', { name: 'Create course' }).click();
  await page.waitForURL(/\/courses\/\d+$/);
  courseUrl = page.url();
  inviteCode = (await page.locator('.invite-code').innerText()).trim();
  assert.match(inviteCode, /^[0-9A-Z]{10,}$/);

  await page.getByLabel('Assignment title').fill('Homework 1');
  await page.getByLabel('Notebook path').fill(notebook);
  await page.getByLabel('Due').fill(nextWeek());
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.locator('table.files a', { hasText: 'Homework 1' }).waitFor();
});

browserTest('a student joins with the code, starts their own copy and submits it', {}, shown, async () => {
  assert.ok(inviteCode, 'the course exists');
  page = await person.signIn('student1');
  await page.goto(`${base}/courses`);
  await page.getByLabel('Invite code').fill(inviteCode.toLowerCase());
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForURL(courseUrl);
  await page.locator('table.files a', { hasText: 'Homework 1' }).click();
  await page.waitForURL(/\/assignments\/\d+$/);
  assignmentUrl = page.url();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/\/notebooks\/courses\/.+\.ipynb$/);
  await kernelIdle(page, KERNEL_START_MS);

  await page.goto(assignmentUrl);
  await page.getByRole('button', { name: 'Submit your copy' }).click();
  await page.locator('li', { hasText: 'the one that counts' }).waitFor();
  assert.equal(await page.locator('li', { hasText: '(late)' }).count(), 0);
});

browserTest('the instructor sees the submission on time and leaves feedback the student reads', {}, shown, async () => {
  assert.ok(assignmentUrl, 'the student submitted');
  page = await person.signIn('instructor1');
  await page.goto(assignmentUrl);
  const row = page.locator('table.submissions tr', { hasText: 'student1' });
  await row.waitFor();
  assert.match(await row.innerText(), /on time/);
  await row.locator('a').click();
  await page.waitForURL(/\/submissions\/\d+$/);
  const submission = page.url();
  await page.locator('.feedback-form textarea').fill('Good start.');
  await page.locator('.feedback-form').getByRole('button').click();
  await page.locator('.feedback', { hasText: 'Good start.' }).waitFor();

  page = await person.signIn('student1');
  await page.goto(submission);
  await page.locator('.feedback', { hasText: 'Good start.' }).waitFor();
});
