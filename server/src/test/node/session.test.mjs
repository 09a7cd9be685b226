// A notebook's kernel through JupyterLab's SessionManager and KernelConnection: what opening a
// notebook, running cells, interrupting, restarting and closing it do in JupyterLab.
import { ContentsManager, KernelManager, KernelSpecManager, SessionManager } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, freshName, notebook, serverSettings, text } from './jotter.mjs';

const contents = new ContentsManager({ serverSettings });
const kernelManager = new KernelManager({ serverSettings });
const sessionManager = new SessionManager({ serverSettings, kernelManager });
const kernelSpecs = new KernelSpecManager({ serverSettings });

const folder = freshName('node-session');
const path = `${folder}/answers.ipynb`;
let session;

/** Runs a cell; resolves with the execute_reply and the outputs the kernel published for it. */
async function run(code, metadata) {
  const future = session.kernel.requestExecute({ code }, true, metadata);
  const outputs = [];
  future.onIOPub = msg => {
    if (['stream', 'execute_result', 'display_data', 'error'].includes(msg.header.msg_type)) {
      outputs.push({ type: msg.header.msg_type, ...msg.content });
    }
  };
  const reply = await future.done;
  return { reply: reply.content, outputs, future };
}

/** What a cell printed to stdout, joined. */
function stdout(outputs) {
  return outputs.filter(o => o.type === 'stream' && o.name === 'stdout').map(o => o.text).join('');
}

before(async () => {
  await contents.save(folder, { type: 'directory' });
  await contents.save(path, {
    type: 'notebook',
    format: 'json',
    content: notebook({ id: 'c1', source: 'System.out.println("stored " + (6 * 7));' })
  });
  await sessionManager.ready;
});

after(async () => {
  if (session && !session.isDisposed) {
    await session.shutdown().catch(() => {});
  }
  await contents.delete(path).catch(() => {});
  await contents.delete(folder).catch(() => {});
  // Their pollers would keep Node running.
  sessionManager.dispose();
  kernelManager.dispose();
  kernelSpecs.dispose();
});

test('the Java kernel is offered', async () => {
  await kernelSpecs.ready;
  const specs = kernelSpecs.specs;
  assert.ok(specs.kernelspecs['jotter-java'], `jotter-java among ${Object.keys(specs.kernelspecs)}`);
  assert.equal(specs.kernelspecs['jotter-java'].language, 'java');
});

test('a notebook session starts the Java kernel', { timeout: 60000 }, async () => {
  session = await sessionManager.startNew({
    path,
    type: 'notebook',
    name: 'answers.ipynb',
    kernel: { name: 'jotter-java' }
  });
  assert.equal(session.path, path);
  assert.equal(session.type, 'notebook');
  assert.equal(session.kernel.name, 'jotter-java');
  const info = await session.kernel.info;
  assert.equal(info.status, 'ok');
  assert.equal(info.language_info.name, 'java');
  assert.equal(session.kernel.connectionStatus, 'connected');
});

test('a cell prints, and its reply is ok', { timeout: 30000 }, async () => {
  const { reply, outputs } = await run('System.out.println(6 * 7);');
  assert.equal(reply.status, 'ok');
  assert.equal(typeof reply.execution_count, 'number');
  assert.equal(stdout(outputs), '42\n');
});

test("a cell's last expression is its result", { timeout: 30000 }, async () => {
  const { reply, outputs } = await run('1 + 1');
  assert.equal(reply.status, 'ok');
  const result = outputs.find(o => o.type === 'execute_result');
  assert.ok(result, `an execute_result among ${JSON.stringify(outputs)}`);
  assert.equal(result.data['text/plain'], '2');
  assert.equal(result.execution_count, reply.execution_count);
});

test('a compile error comes back as an error output', { timeout: 30000 }, async () => {
  const { reply, outputs } = await run('int x = "not a number";');
  assert.equal(reply.status, 'error');
  const error = outputs.find(o => o.type === 'error');
  assert.ok(error, `an error among ${JSON.stringify(outputs)}`);
  assert.equal(error.ename, reply.ename);
});

test("the outputs of a notebook's cell are stored in the notebook", { timeout: 30000 }, async () => {
  // JupyterLab sends the cell's id in the request's metadata, as here.
  const { reply, outputs } = await run('System.out.println("stored " + (6 * 7));', { cellId: 'c1' });
  assert.equal(reply.status, 'ok');
  assert.equal(stdout(outputs), 'stored 42\n');
  // The server writes them about once a second.
  const cell = await eventually('the stored cell has its outputs', async () => {
    const model = await contents.get(path);
    const c1 = model.content.cells.find(c => c.id === 'c1');
    return c1.outputs.length > 0 && c1.execution_count !== null ? c1 : null;
  });
  assert.equal(cell.execution_count, reply.execution_count);
  const streams = cell.outputs.filter(o => o.output_type === 'stream' && o.name === 'stdout');
  assert.equal(streams.map(o => text(o.text)).join(''), 'stored 42\n');
});

test('an interrupt stops a running cell, and the kernel goes on', { timeout: 30000 }, async () => {
  const running = run('Thread.sleep(60_000);');
  await eventually('the kernel is busy', () => session.kernel.status === 'busy');
  await session.kernel.interrupt();
  const { reply, outputs } = await running;
  assert.equal(reply.status, 'error');
  assert.equal(reply.ename, 'Interrupted');
  assert.ok(outputs.some(o => o.type === 'error'), 'the interrupt shows as an error output');
  assert.equal((await run('System.out.println("still here");')).reply.status, 'ok');
});

test('a restart forgets what the cells defined, and cells run after it', { timeout: 60000 }, async () => {
  assert.equal((await run('int before = 1;')).reply.status, 'ok');
  const kernelId = session.kernel.id;
  await session.kernel.restart();
  assert.equal(session.kernel.id, kernelId, 'the same kernel, restarted');
  await eventually('the kernel is idle after the restart', () => session.kernel.status === 'idle',
      { timeoutMs: 30000 });
  const forgotten = await run('before');
  assert.equal(forgotten.reply.status, 'error');
  const { reply, outputs } = await run('System.out.println("after " + (6 * 7));');
  assert.equal(reply.status, 'ok');
  assert.equal(stdout(outputs), 'after 42\n');
});

test('a shut-down session and its kernel are no longer listed', { timeout: 30000 }, async () => {
  const sessionId = session.id;
  const kernelId = session.kernel.id;
  await sessionManager.refreshRunning();
  assert.ok([...sessionManager.running()].some(s => s.id === sessionId), 'listed while it runs');
  await session.shutdown();
  await sessionManager.refreshRunning();
  await kernelManager.refreshRunning();
  assert.ok(![...sessionManager.running()].some(s => s.id === sessionId), 'the session is gone');
  assert.ok(![...kernelManager.running()].some(k => k.id === kernelId), 'the kernel is gone');
});
