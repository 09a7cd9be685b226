// Two server replicas over one PostgreSQL (issue 7): a notebook's cell runs through replica A, A is killed
// (SIGKILL) in the middle of it, and JupyterLab's client, reconnecting through replica B, ends with the cell's
// whole output, once; so does the stored notebook. B adopts the kernel, which kept running.
import { ContentsManager, KernelManager, SessionManager } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, freshName, notebook, text } from './jotter.mjs';
import { api, startReplica, stopReplicas } from './replicas.mjs';

const LINES = 36;
const CODE = `for (int i = 1; i <= ${LINES}; i++) { System.out.println("line " + i); Thread.sleep(400); }`;
const EXPECTED = Array.from({ length: LINES }, (_, i) => `line ${i + 1}\n`).join('');

/** A cell's text as a Jupyter output area shows it: streams append, clear_output empties. */
function outputArea() {
  let shown = '';
  const seen = [];
  return {
    seen,
    apply(msg) {
      seen.push(`${msg.header.msg_type}${msg.header.msg_type === 'stream' ? `:${msg.content.text.trim()}` : ''}`);
      if (msg.header.msg_type === 'clear_output') {
        shown = '';
      } else if (msg.header.msg_type === 'stream') {
        shown += msg.content.text;
      }
    },
    get text() {
      return shown;
    }
  };
}

let a;
let b;
let failed = false;
const folder = freshName('node-replicas');
const path = `${folder}/count.ipynb`;

before(async () => {
  [a, b] = await Promise.all([startReplica('a'), startReplica('b')]);
});

after(async () => {
  await stopReplicas(process.exitCode || failed);
});

test('a restart through the replica that does not run the kernel takes it over; a shutdown through the other ends it', async () => {
  const kernelsA = new KernelManager({ serverSettings: a.settings });
  const started = await api(a, '/api/kernels', { method: 'POST', body: JSON.stringify({ name: 'jotter-java' }) });
  const onA = kernelsA.connectTo({ model: started });
  const said = async (kernel, code) => {
    let text = '';
    const future = kernel.requestExecute({ code });
    future.onIOPub = msg => {
      if (msg.header.msg_type === 'stream') {
        text += msg.content.text;
      } else if (msg.header.msg_type === 'error') {
        text += `${msg.content.ename}`;
      }
    };
    await future.done;
    return text;
  };
  assert.equal(await said(onA, 'int kept = 7; System.out.println("kept " + kept);'), 'kept 7\n');

  // Through B, which does not run it: B takes the kernel over and replaces its process.
  const restarted = await api(b, `/api/kernels/${started.id}/restart`, { method: 'POST' });
  assert.equal(restarted.id, started.id);
  const kernelsB = new KernelManager({ serverSettings: b.settings });
  const onB = kernelsB.connectTo({ model: restarted });
  assert.notEqual(await said(onB, 'System.out.println(kept);'), 'kept 7\n', 'the restart forgot kept');
  assert.equal(await said(onB, 'System.out.println("after " + (6 * 7));'), 'after 42\n');
  // B runs it now, and A, which ran it, lets it go at its next heartbeat: each lists it once.
  await eventually('each replica listing the kernel once', async () => {
    const lists = await Promise.all([a, b].map(replica => api(replica, '/api/kernels')));
    return lists.every(list => list.filter(k => k.id === started.id).length === 1);
  }, { timeoutMs: 10000 });

  // Shut down through A, which no longer runs it: gone from both lists once B's heartbeat sees it stopped.
  await api(a, `/api/kernels/${started.id}`, { method: 'DELETE' });
  await eventually('the kernel gone from both replicas', async () => {
    const lists = await Promise.all([a, b].map(replica => api(replica, '/api/kernels')));
    return lists.every(list => !list.some(k => k.id === started.id));
  }, { timeoutMs: 15000 });
  kernelsA.dispose();
  kernelsB.dispose();
});

test('the same notebook opened through both replicas at the same instant starts one kernel', async () => {
  const racePath = `${folder}/race.ipynb`;
  const open = replica => api(replica, '/api/sessions', {
    method: 'POST',
    body: JSON.stringify({ path: racePath, name: 'race.ipynb', type: 'notebook', kernel: { name: 'jotter-java' } })
  });
  const listed = async () => new Set((await Promise.all([a, b].map(replica => api(replica, '/api/kernels'))))
    .flat().map(k => k.id));
  const before = await listed();
  const opened = await Promise.all([open(a), open(b), open(a), open(b)]);
  assert.deepEqual(new Set(opened.map(s => s.kernel.id)).size, 1, `kernels: ${opened.map(s => s.kernel.id)}`);
  assert.deepEqual(new Set(opened.map(s => s.id)).size, 1, 'one session');
  const kernelId = opened[0].kernel.id;
  assert.deepEqual([...await listed()].filter(id => !before.has(id)), [kernelId], 'one new kernel on the two replicas');
  await api(b, `/api/sessions/${opened[0].id}`, { method: 'DELETE' });
  await eventually('the race\'s kernel gone from both replicas', async () => {
    const lists = await Promise.all([a, b].map(replica => api(replica, '/api/kernels')));
    return lists.every(list => !list.some(k => k.id === kernelId));
  }, { timeoutMs: 15000 });
});

test('a replica killed mid-cell: the other adopts the kernel, and client and notebook get all the output once', async t => {
  try {
    await killedMidCell(t);
  } catch (e) {
    failed = true;
    throw e;
  }
});

async function killedMidCell(t) {
  const contentsA = new ContentsManager({ serverSettings: a.settings });
  await contentsA.save(folder, { type: 'directory' });
  await contentsA.save(path, { type: 'notebook', format: 'json', content: notebook({ id: 'count', source: CODE }) });
  const kernelsA = new KernelManager({ serverSettings: a.settings });
  const sessionsA = new SessionManager({ serverSettings: a.settings, kernelManager: kernelsA });
  const session = await sessionsA.startNew({ path, name: 'count.ipynb', type: 'notebook', kernel: { name: 'jotter-java' } });
  const kernelId = session.kernel.id;

  // Any replica serves any notebook: B finds the session and the kernel that A runs.
  const sessionsOnB = await api(b, '/api/sessions');
  assert.deepEqual(sessionsOnB.filter(s => s.path === path).map(s => s.kernel?.id), [kernelId]);

  const area = outputArea();
  const future = session.kernel.requestExecute({ code: CODE }, false, { cellId: 'count' });
  const requestId = future.msg.header.msg_id;
  future.onIOPub = msg => area.apply(msg);
  await eventually('the first lines through A', () => area.text.includes('line 3\n'), { timeoutMs: 60000 });

  const killed = new Promise(done => a.child.once('exit', done));
  a.child.kill('SIGKILL');
  await killed;
  t.diagnostic(`replica A killed after: ${JSON.stringify(area.text.split('\n').filter(Boolean).length)} lines`);
  future.onIOPub = () => {};
  session.dispose();
  sessionsA.dispose();
  kernelsA.dispose();

  // The client reconnects through B, as a load balancer would send it, to the same kernel.
  const kernelsB = new KernelManager({ serverSettings: b.settings });
  const kernel = kernelsB.connectTo({ model: { id: kernelId, name: 'jotter-java' } });
  let idle = false;
  const cells = new Set();
  kernel.iopubMessage.connect((_, msg) => {
    if (msg.parent_header?.msg_id !== requestId) {
      return;
    }
    area.apply(msg);
    if (['stream', 'clear_output'].includes(msg.header.msg_type)) {
      cells.add(msg.metadata?.cellId);
    }
    if (msg.header.msg_type === 'status' && msg.content.execution_state === 'idle') {
      idle = true;
    }
  });
  await eventually('the cell finishing, seen through B', () => idle, { timeoutMs: 90000 });
  assert.equal(area.text, EXPECTED, `what the client shows: every line once, in order (saw ${area.seen.join(' ')})`);
  // So that Jotter's page shows another client's run in the right cell, B names the cell on what it relays.
  assert.deepEqual([...cells], ['count']);

  await eventually('B running the kernel', async () => {
    const log = b.log.join('');
    return log.includes(`adopted kernel ${kernelId}`);
  }, { timeoutMs: 5000 });

  const contentsB = new ContentsManager({ serverSettings: b.settings });
  const stored = await eventually('the stored notebook holding every line', async () => {
    const model = await contentsB.get(path, { content: true });
    const outputs = model.content.cells[0].outputs;
    const stdout = outputs.filter(o => o.output_type === 'stream' && o.name === 'stdout').map(o => text(o.text)).join('');
    return stdout === EXPECTED ? outputs : null;
  }, { timeoutMs: 15000 });
  assert.equal(stored.length, 1, `one stream output: ${JSON.stringify(stored).slice(0, 400)}`);

  // The kernel kept its state across the change of replica, and B runs the next cell.
  const next = kernel.requestExecute({ code: 'System.out.println("i is gone, the kernel is not: " + (6 * 7));' });
  let said = '';
  next.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') {
      said += msg.content.text;
    }
  };
  await next.done;
  assert.equal(said, 'i is gone, the kernel is not: 42\n');

  await kernel.shutdown();
  kernelsB.dispose();
  await contentsB.delete(path).catch(() => {});
  await contentsB.delete(folder).catch(() => {});
}
