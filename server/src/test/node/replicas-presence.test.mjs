// Two server replicas over one PostgreSQL (issue 16): a kernel runs on replica A and its only client is on replica B.
// A, which culls its kernels, counts B's client: the kernel is not stopped as idle while the page is open, B's
// client hears A's warning before the kernel's lifetime ends, and the kernel stops when it does.
import { KernelManager } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from './jotter.mjs';
import { api, startReplica, stopReplicas } from './replicas.mjs';

// Short limits for the one user of these servers (tier "local"): idle 10 s, a 40 s life, warned 25 s ahead.
const LIMITS = {
  JOTTER_TIERS_LOCAL_IDLE_TIMEOUT: '10s',
  JOTTER_TIERS_LOCAL_MAX_LIFETIME: '40s',
  JOTTER_KERNELS_STOP_WARNING: '25s',
  JOTTER_KERNELS_CULL_INTERVAL: '1s'
};

let a;
let b;
let failed = false;

before(async () => {
  [a, b] = await Promise.all([startReplica('a', LIMITS), startReplica('b', LIMITS)]);
});

after(async () => {
  await stopReplicas(process.exitCode || failed);
});

test('a kernel whose only client is on another replica is not culled as idle, and that client is warned', async () => {
  try {
    const started = await api(a, '/api/kernels', { method: 'POST', body: JSON.stringify({ name: 'jotter-java' }) });
    const startedAt = Date.now();
    const kernelsB = new KernelManager({ serverSettings: b.settings });
    const onB = kernelsB.connectTo({ model: started });
    const said = [];
    onB.iopubMessage.connect((_, msg) => {
      if (msg.header.msg_type === 'stream') {
        said.push(msg.content.text);
      }
    });
    await eventually('the client on B connected', async () => onB.connectionStatus === 'connected', { timeoutMs: 20000 });

    const warning = await eventually('the warning from replica A on replica B\'s client',
      async () => said.find(line => line.includes('maximum lifetime')), { timeoutMs: 40000, everyMs: 250 });
    assert.match(warning, /will stop within 25 s/);
    const idleFor = Date.now() - startedAt;
    assert.ok(idleFor > 12000, `warned after ${idleFor} ms, past the idle timeout`);
    const onA = (await api(a, '/api/kernels')).find(k => k.id === started.id);
    assert.ok(onA, `A still runs the kernel after ${idleFor} ms without a cell run: its client on B counts`);
    assert.equal(onA.connections, 1, 'A counts the client on B');

    await eventually('the kernel stopped at the end of its lifetime', async () => {
      const lists = await Promise.all([a, b].map(replica => api(replica, '/api/kernels')));
      return lists.every(list => !list.some(k => k.id === started.id));
    }, { timeoutMs: 40000, everyMs: 500 });
    assert.ok(Date.now() - startedAt >= 38000, 'not stopped before its lifetime ended');
    kernelsB.dispose();
  } catch (e) {
    failed = true;
    throw e;
  }
});
