// Kernel output is untrusted. A text/html output with <script>, <img onerror>, <svg onload> and a
// javascript: link runs (in its sandboxed frame) but reaches nothing of the app's: no canary in the
// app's window, no cookie, and no request to /api arrives at the server. The payload writes what each
// attempt got into its own frame, where the test reads it, so the test knows the attempts happened.
//
// The server's observable: every attempt targets a path holding a fresh marker, and run.sh turns the
// server's access log on; the marker must never appear in that log, and no file named by it exists.
// A request the test itself sends with a control marker shows that the log does record such paths.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { api, browserTest, close, finished, launch, notebook, openNotebook, putNotebook, signIn } from './app.mjs';

const serverLog = process.env.JOTTER_SERVER_LOG;
const marker = `xss-marker-${randomUUID()}`;

/** Each attempt notes its result in #probe; `note` is the frame's own. */
const payload = `
<pre id="probe"></pre>
<script>
  function note(what, result) { document.getElementById('probe').textContent += what + '=' + result + '\\n'; }
  try { window.top.canary = 1; note('script-top', 'SET'); } catch (e) { note('script-top', e.name); }
  try { parent.canary = 1; note('script-parent', 'SET'); } catch (e) { note('script-parent', e.name); }
  try { note('script-cookie', 'READ:' + parent.document.cookie); } catch (e) { note('script-cookie', e.name); }
  try { note('own-cookie', 'READ:' + document.cookie); } catch (e) { note('own-cookie', e.name); }
  try { localStorage.setItem('canary', '1'); note('storage', 'SET'); } catch (e) { note('storage', e.name); }
  fetch('/api/contents/${marker}-fetch.txt', {
    method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'file', format: 'text', content: 'pwned' }),
  }).then(function (r) { note('fetch', 'STATUS:' + r.status); }, function (e) { note('fetch', e.name); });
  try {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/contents/${marker}-xhr');
    xhr.withCredentials = true;
    xhr.onload = function () { note('xhr', 'STATUS:' + xhr.status); };
    xhr.onerror = function () { note('xhr', 'error'); };
    xhr.send();
  } catch (e) { note('xhr', e.name); }
</script>
<img src="/api/contents/${marker}-img" onerror="try { window.top.canary = 1; note('img-onerror', 'SET'); } catch (e) { note('img-onerror', e.name); }">
<svg onload="try { top.document.body.dataset.canary = 1; note('svg-onload', 'SET'); } catch (e) { note('svg-onload', e.name); }" width="10" height="10"></svg>
<a id="js-link" href="javascript:try{window.top.canary=1}catch(e){};note('js-link','RAN')">click me</a>
<button id="after-link" onclick="note('after-link', 'clicked')">after</button>
`;

let context;
let page;
const answered = [];
const path = `xss-${Date.now()}.ipynb`;

before(async () => {
  context = await launch();
  // Chromium may start a request that CSP then blocks (a preloaded image); one answered got out.
  context.on('response', (response) => answered.push(response.url()));
  page = await signIn(context);
  const javaString = JSON.stringify(payload); // a JSON string is a valid Java string literal here
  await putNotebook(path, notebook([`display(html(${javaString}));`]));
});
after(() => close(context));

const appCanary = () =>
  page.evaluate(() => ({
    canary: 'canary' in window,
    bodyCanary: document.body.dataset.canary ?? null,
    storage: localStorage.getItem('canary'),
  }));

browserTest('kernel HTML with script, img onerror, svg onload sets no canary and reaches no /api', {}, () => page, async () => {
  await openNotebook(page, path);
  await page.locator('.cell .input').first().click();
  const cell = page.locator('.cell').first();
  await page.keyboard.press('Shift+Enter');
  await finished(cell);
  const frameElement = cell.locator('iframe');
  await frameElement.waitFor();
  assert.equal(await frameElement.getAttribute('sandbox'), 'allow-scripts');
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.parentFrame() === page.mainFrame());
  assert.ok(frame, 'the output has its frame');

  // Every attempt has reported (fetch and XHR fail asynchronously).
  const attempts = ['script-top', 'script-parent', 'script-cookie', 'own-cookie', 'storage', 'fetch', 'xhr', 'img-onerror', 'svg-onload'];
  await frame.waitForFunction(
    (names) => names.every((name) => document.getElementById('probe').textContent.includes(`${name}=`)),
    attempts,
  );
  const probe = await frame.locator('#probe').textContent();
  const results = Object.fromEntries(probe.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
  for (const name of attempts) {
    assert.doesNotMatch(results[name], /^(SET|READ|STATUS)/, `${name} got through: ${results[name]}`);
  }
  assert.deepEqual(await appCanary(), { canary: false, bodyCanary: null, storage: null });
});

browserTest('clicking a javascript: link in kernel HTML runs nothing', {}, () => page, async () => {
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const pagesBefore = context.pages().length;
  const url = page.url();
  await frame.click('#js-link');
  // A click after it, handled in the same frame: once it shows, the link's click is long done.
  await frame.click('#after-link');
  await frame.waitForFunction(() => document.getElementById('probe').textContent.includes('after-link=clicked'));
  assert.doesNotMatch(await frame.locator('#probe').textContent(), /js-link/);
  assert.deepEqual(await appCanary(), { canary: false, bodyCanary: null, storage: null });
  assert.equal(context.pages().length, pagesBefore, 'no window was opened');
  assert.equal(page.url(), url, 'the app did not navigate');
});

browserTest('the server received no request from the frame', {}, () => page, async () => {
  assert.ok(serverLog, 'JOTTER_SERVER_LOG names the server log (run.sh sets it)');
  assert.deepEqual(answered.filter((url) => url.includes(marker)), [], 'no request with the marker was answered');
  // The control: a request of ours with its own marker shows up in the access log within a moment,
  // after everything the frame tried long ago.
  const control = `xss-control-${randomUUID()}`;
  assert.equal((await api(`contents/${control}`)).status, 404);
  let log = '';
  const deadline = Date.now() + 10_000;
  while (!log.includes(control) && Date.now() < deadline) {
    log = await readFile(serverLog, 'utf8');
    if (!log.includes(control)) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.ok(log.includes(control), 'the access log records request paths');
  const seen = log.split('\n').filter((line) => line.includes(marker));
  assert.equal(seen.join('\n'), '', 'the server saw a request from the frame');
  assert.equal((await api(`contents/${marker}-fetch.txt`)).status, 404, 'the PUT created no file');
});
