// A lab through two real replicas (issue 16): LAB_STUDENTS students (40 here; `./jotter bench lab` runs 300)
// each open their own assignment notebook through one of two replicas over the tests' PostgreSQL, start a
// runtime, run a cell, and start a second that prints a line and waits. One replica is then killed (SIGKILL)
// with every runtime in the middle of that cell; its students come back through the other, find the same
// runtime (adopted) and see the cell finish, as the other replica's students do on the pages they kept; then
// everyone saves an answer. Nothing may be lost: each notebook holds both cells' outputs and the answer, and
// each runtime is metered exactly once when it stops.
//
// The runtimes run a tiny kernel that speaks the Jupyter protocol for real over ZeroMQ (tiny-kernel/, about
// 16 MB each): 300 Java kernels do not fit on the test machine. All students sign in with the server's one
// token (single-user mode), so quota and tiers are not part of this test. The class has booked its runtimes: a
// reservation of one per student for the lab's hour, and each student's runtime is requested under it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { eventually, freshName, text } from './jotter.mjs';
import { api, startReplica, stopReplicas } from './replicas.mjs';

const STUDENTS = Number(process.env.LAB_STUDENTS ?? 40);
// Students arrive over this window, as a class does when told to start.
const ARRIVAL_MS = Number(process.env.LAB_ARRIVAL_MS ?? 10000);
const token = process.env.JOTTER_TOKEN;
const here = dirname(fileURLToPath(import.meta.url));

let a;
let b;
let failed = false;
const folder = freshName('lab');
// The second cell prints a line, then waits for this file (made once the killed replica's students are back),
// then prints its answer: it runs through the kill.
const goOn = join(mkdtempSync(join(tmpdir(), 'jotter-lab-')), 'go-on');

/** A kernelspec folder for the tiny kernel, where the replicas' JUPYTER_PATH finds it. */
function tinyKernelspec() {
  const path = mkdtempSync(join(tmpdir(), 'jotter-lab-kernels-'));
  mkdirSync(join(path, 'kernels', 'tiny'), { recursive: true });
  writeFileSync(join(path, 'kernels', 'tiny', 'kernel.json'), JSON.stringify({
    argv: ['/usr/bin/python3', join(here, 'tiny-kernel', 'tiny_kernel.py'), '{connection_file}'],
    display_name: 'Tiny (tests)',
    language: 'python'
  }));
  return path;
}

before(async () => {
  // At most half a type may be booked: room for the reservation, and as many again for everyone else.
  const env = { JUPYTER_PATH: tinyKernelspec(), JOTTER_CPU_RUNTIMES: String(2 * STUDENTS) };
  [a, b] = await Promise.all([startReplica('lab-a', env), startReplica('lab-b', env)]);
});

after(async () => {
  await stopReplicas(process.exitCode || failed);
});

function percentile(values, p) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

/** The kernel WebSocket as a page opens it: resolves once the kernel answered its kernel_info_request. */
function connect(replica, kernelId) {
  const session = randomUUID();
  const url = `${replica.baseUrl.replace('http', 'ws')}/api/kernels/${kernelId}/channels?session_id=${session}&token=${token}`;
  const socket = new WebSocket(url);
  const waiting = new Map();
  // A page sees its socket close (and reconnects): a request waiting then is answered never, so it fails now.
  let closedWhy = null;
  const closed = new Promise(done => socket.once('close', (code, reason) => {
    closedWhy = `the socket closed: ${code} ${reason}`;
    waiting.forEach(waits => waits.forEach(wait => wait(null)));
    done();
  }));
  socket.on('message', data => {
    const msg = JSON.parse(data.toString());
    waiting.get(msg.parent_header?.msg_id)?.forEach(wait => wait(msg));
  });
  // Resolves with the messages answering msgId once `until` says they are all in; fails when the socket closes.
  const watch = (msgId, what, until, timeoutMs = 60000) => new Promise((done, fail) => {
    const seen = [];
    const waits = waiting.get(msgId) ?? new Set();
    waiting.set(msgId, waits);
    const stop = () => {
      clearTimeout(timer);
      waits.delete(wait);
      if (waits.size === 0) {
        waiting.delete(msgId);
      }
    };
    const timer = setTimeout(() => {
      stop();
      fail(new Error(`${what} ${msgId} to ${kernelId} through ${replica.name}: no answer in ${timeoutMs / 1000} s (${seen.map(m => m.msg_type)})`));
    }, timeoutMs);
    const wait = msg => {
      if (msg === null) {
        stop();
        fail(new Error(`${what} ${msgId} to ${kernelId} through ${replica.name}: ${closedWhy}`));
        return;
      }
      seen.push(msg);
      if (until(seen)) {
        stop();
        done(seen);
      }
    };
    waits.add(wait);
  });
  const replied = (seen, msgType) => seen.some(m => m.msg_type === msgType.replace('_request', '_reply'));
  const idle = seen => seen.some(m => m.msg_type === 'status' && m.content.execution_state === 'idle');
  const streams = seen => seen.filter(m => m.msg_type === 'stream').map(m => m.content.text).join('');
  const send = (msgType, content, metadata = {}, msgId = randomUUID()) => {
    socket.send(JSON.stringify({
      channel: 'shell', buffers: [], parent_header: {}, metadata,
      header: { msg_id: msgId, session, username: 'student', date: new Date().toISOString(), msg_type: msgType, version: '5.3' },
      content
    }));
    return msgId;
  };
  // A kernel_info_reply is the answer a page waits for (its idle may come before a new link hears iopub);
  // a cell's outputs are all in once the kernel is idle again.
  const request = (msgType, content, metadata = {}) => {
    const msgId = randomUUID();
    const answered = watch(msgId, msgType, seen => replied(seen, msgType) && (idle(seen) || msgType === 'kernel_info_request'));
    send(msgType, content, metadata, msgId);
    return answered;
  };
  const executeContent = code => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  return new Promise((done, fail) => {
    socket.once('error', fail);
    socket.once('open', async () => {
      try {
        await request('kernel_info_request', {});
        done({
          run: async (cellId, code) => streams(await request('execute_request', executeContent(code), { cellId })),
          // Starts a cell that waits: resolves once its first line is shown, with its msg_id and its whole run.
          start: async (cellId, code) => {
            const msgId = randomUUID();
            const first = watch(msgId, 'execute_request', seen => streams(seen).length > 0);
            const whole = watch(msgId, 'execute_request', seen => replied(seen, 'execute_request') && idle(seen), 300000)
              .then(streams);
            // A page whose replica dies sees this fail; it follows the run through the other replica instead.
            whole.catch(() => {});
            send('execute_request', executeContent(code), { cellId }, msgId);
            return { msgId, shown: streams(await first), whole };
          },
          // What this page sees of a run another page (its own before a reconnect) started: outputs until idle.
          follow: msgId => watch(msgId, 'execute_request', idle, 300000).then(streams),
          // kernel_info until its iopub idle comes through: then this socket's link hears all the kernel publishes.
          hearsIopub: async () => {
            for (let tries = 0; tries < 100; tries++) {
              const msgId = randomUUID();
              const heard = watch(msgId, 'kernel_info_request', idle, 2000).then(() => true, () => false);
              send('kernel_info_request', {}, {}, msgId);
              if (await heard) {
                return;
              }
            }
            throw new Error(`${kernelId} through ${replica.name}: its iopub never came through`);
          },
          close: async () => {
            socket.close();
            await closed;
          }
        });
      } catch (e) {
        fail(e);
      }
    });
  });
}

function assignment(i) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tiny', display_name: 'Tiny (tests)', language: 'python' } },
    cells: [
      { cell_type: 'code', id: 'c1', source: `student = ${i}\nprint(f"student {student} is here")`, metadata: {}, outputs: [], execution_count: null },
      { cell_type: 'code', id: 'c2', source: `import os, time\nprint(f"student {student} works")\nwhile not os.path.exists(${JSON.stringify(goOn)}):\n    time.sleep(0.05)\nprint(student * 7)`, metadata: {}, outputs: [], execution_count: null }
    ]
  };
}

/** What the cell printed, as the stored notebook shows it: stdout, or the server's notes (stderr). */
function outputsOf(notebook, cellId, name = 'stdout') {
  const cell = notebook.cells.find(c => c.id === cellId);
  return (cell?.outputs ?? []).filter(o => o.output_type === 'stream' && o.name === name).map(o => text(o.text)).join('');
}

function meteredOnce(runtimeIds) {
  const url = process.env.JOTTER_DB_URL.replace(/^jdbc:/, '');
  const ids = runtimeIds.map(id => `'${id}'`).join(',');
  const result = spawnSync('psql', [url, '-U', process.env.JOTTER_DB_USER ?? 'jotter', '-At', '-c',
    `select count(*) filter (where kind = 'meter'), count(distinct runtime_id) filter (where kind = 'meter'),
            count(*) filter (where kind = 'refund') from usage_ledger where runtime_id in (${ids})`],
  { env: { ...process.env, PGPASSWORD: process.env.JOTTER_DB_PASSWORD ?? '' }, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const [meters, metered, refunds] = result.stdout.trim().split('|').map(Number);
  return { meters, metered, refunds };
}

test(`a lab of ${STUDENTS} students through two replicas, one killed midway, loses nothing`, { timeout: 900000 }, async t => {
  t.after(() => { failed ||= !t.passed; });
  await api(a, `/api/contents/${folder}`, { method: 'PUT', body: JSON.stringify({ type: 'directory' }) });
  // The class's booking: a runtime per student, from this quarter hour for an hour.
  const quarter = 15 * 60 * 1000;
  const from = Math.floor(Date.now() / quarter) * quarter;
  const reservation = await api(a, '/api/jotter/reservations', { method: 'POST', body: JSON.stringify({
    runtime_type: 'cpu', count: STUDENTS, starts_at: new Date(from).toISOString(), ends_at: new Date(from + 5 * quarter).toISOString()
  }) });
  // A failed run must not leave the booking to refuse the next run's (the same database, within the hour).
  t.after(() => api(a, `/api/jotter/reservations/${reservation.id}`, { method: 'DELETE' }).catch(() => {}));
  const students = Array.from({ length: STUDENTS }, (_, i) => ({ i, path: `${folder}/student-${i}.ipynb`, first: i % 2 === 0 ? a : b }));

  // Each student arrives, opens the assignment, and runs its first cell; then closes the page.
  const labStart = Date.now();
  await Promise.all(students.map(async student => {
    await new Promise(done => setTimeout(done, Math.floor(student.i * ARRIVAL_MS / STUDENTS)));
    const replica = student.first;
    await api(replica, `/api/contents/${student.path}`, { method: 'PUT', body: JSON.stringify({ type: 'notebook', format: 'json', content: assignment(student.i) }) });
    const asked = Date.now();
    // The page asks for a runtime under the class's reservation, then opens the notebook's session on it.
    const runtime = await api(replica, '/api/jotter/runtimes', { method: 'POST', body: JSON.stringify({ runtime_type: 'cpu', kernel_name: 'tiny', reservation_id: reservation.id, queue: true }) });
    assert.equal(runtime.reservation_id, reservation.id, `student ${student.i}'s runtime: ${JSON.stringify(runtime)}`);
    student.runtimeMs = Date.now() - asked;
    const session = await api(replica, '/api/sessions', { method: 'POST', body: JSON.stringify({ path: student.path, name: `student-${student.i}.ipynb`, type: 'notebook', kernel: { id: runtime.id } }) });
    assert.equal(session.kernel?.id, runtime.id, `student ${student.i}: ${JSON.stringify(session)}`);
    student.sessionMs = Date.now() - asked;
    student.kernelId = session.kernel.id;
    student.sessionId = session.id;
    const kernel = await connect(replica, student.kernelId);
    student.connectedMs = Date.now() - asked;
    student.first1 = await kernel.run('c1', assignment(student.i).cells[0].source);
    student.cell1Ms = Date.now() - asked;
    // The second cell starts, shows its first line and waits; the page stays open.
    student.page = kernel;
    student.run2 = await kernel.start('c2', assignment(student.i).cells[1].source);
  }));
  const phase1Ms = Date.now() - labStart;
  const booked = (await api(b, '/api/jotter/reservations')).find(r => r.id === reservation.id);
  assert.equal(booked.in_use, STUDENTS, 'every runtime runs under the class\'s reservation');
  for (const student of students) {
    assert.equal(student.first1, `student ${student.i} is here\n`, `student ${student.i}'s first cell`);
    assert.equal(student.run2.shown, `student ${student.i} works\n`, `student ${student.i}'s second cell, its first line`);
  }
  // The runner records outputs in the stored notebook as they come (about once a second).
  await eventually('every first cell\'s output and the second\'s first line stored', async () => {
    const stored = await Promise.all(students.map(s => api(a, `/api/contents/${s.path}`)));
    return stored.every((notebook, i) => outputsOf(notebook.content, 'c1') === `student ${i} is here\n`
      && outputsOf(notebook.content, 'c2') === `student ${i} works\n`);
  }, { timeoutMs: 60000, everyMs: 1000 });

  // B dies with half the class's runtimes running on it, each in the middle of its second cell.
  const onB = students.filter(s => s.first === b);
  const killed = new Promise(done => b.child.once('exit', done));
  b.child.kill('SIGKILL');
  await killed;
  const killedAt = Date.now();
  // Connections through A that failed and were tried again (as a page reconnects), and why.
  const retried = [];

  // B's students come back through A (A's kept their pages): the same runtime (B's are adopted once B's lease
  // runs out), its cell still running.
  await Promise.all(onB.map(async student => {
    const back = Date.now();
    const session = await eventually(`student ${student.i}'s session through A`, async () => {
      const sessions = await api(a, '/api/sessions');
      return sessions.find(s => s.path === student.path && s.kernel?.execution_state !== 'dead' && s.kernel?.id === student.kernelId);
    }, { timeoutMs: 60000, everyMs: 500 });
    let why = 'no try';
    const kernel = await eventually(`student ${student.i}'s kernel ${student.kernelId} through A`,
      () => connect(a, session.kernel.id).catch(e => { why = e.message; retried.push(e.message); return null; }), { timeoutMs: 60000, everyMs: 500 })
      .catch(e => { throw new Error(`${e.message} (the last try: ${why})`); });
    student.reconnectMs = Date.now() - back;
    await kernel.hearsIopub();
    student.page = kernel;
    student.rest2 = kernel.follow(student.run2.msgId);
  }));
  // Every second cell goes on; each page sees its answer, A's students' on the page they kept.
  writeFileSync(goOn, 'go on');
  for (const student of students) {
    const seen = await (student.rest2 ?? student.run2.whole);
    student.second = student.rest2 ? student.run2.shown + seen : seen;
    assert.equal(student.second, `student ${student.i} works\n${student.i * 7}\n`, `student ${student.i}'s page, its second cell (it kept its runtime and variable across the replica's death)`);
    await student.page.close();
  }
  // The server records the second cell's output too: B's students' first line stored by B before it died, the
  // answer by A, which heard it after B's death and then adopted the kernel. The tiny kernel, as every kernel but
  // Jotter's, keeps no record of its runs, so A cannot know whether it printed anything between B's last write
  // and A's first message heard: B's students' cells say so in a note (stderr).
  let missing = [];
  await eventually('every second cell\'s output stored by the server', async () => {
    const stored = await Promise.all(students.map(s => api(a, `/api/contents/${s.path}`)));
    missing = stored.map((notebook, i) => [i, outputsOf(notebook.content, 'c2'), outputsOf(notebook.content, 'c2', 'stderr')])
      .filter(([i, out, note]) => out !== `student ${i} works\n${i * 7}\n` || (students[i].first === b) !== note.includes('may be missing'));
    return missing.length === 0;
  }, { timeoutMs: 60000, everyMs: 1000 }).catch(e => {
    const which = missing.slice(0, 5).map(([i, out, note]) => `student ${i} (kernel ${students[i].kernelId}, first through ${students[i].first.name}): ${JSON.stringify(out)}, notes ${JSON.stringify(note)}`);
    throw new Error(`${e.message}: ${missing.length} missing, ${which.join('; ')}`);
  });

  await Promise.all(students.map(async student => {
    // The page saves what it shows: both cells with their outputs, and the answer typed in a new cell.
    const notebook = assignment(student.i);
    notebook.cells[0].outputs = [{ output_type: 'stream', name: 'stdout', text: student.first1 }];
    notebook.cells[1].outputs = [{ output_type: 'stream', name: 'stdout', text: student.second }];
    notebook.cells.push({ cell_type: 'markdown', id: 'answer', source: `My answer: ${student.i * 7}`, metadata: {} });
    await api(a, `/api/contents/${student.path}`, { method: 'PUT', body: JSON.stringify({ type: 'notebook', format: 'json', content: notebook }) });
  }));

  // Nothing lost: both outputs and the answer, in every notebook.
  const stored = await Promise.all(students.map(s => api(a, `/api/contents/${s.path}`)));
  const lost = stored.map((notebook, i) => [i, outputsOf(notebook.content, 'c1'), outputsOf(notebook.content, 'c2'),
    notebook.content.cells.filter(c => c.id === 'answer').map(c => text(c.source)).join('')])
    .filter(([i, one, two, answer]) => one !== `student ${i} is here\n` || two !== `student ${i} works\n${i * 7}\n` || answer !== `My answer: ${i * 7}`);
  assert.deepEqual(lost, [], 'notebooks missing an output or the answer: [student, cell 1, cell 2, answer]');

  // The lab ends: every runtime stops and is metered once, none refunded (none was lost).
  await Promise.all(students.map(s => api(a, `/api/sessions/${s.sessionId}`, { method: 'DELETE' })));
  const ids = students.map(s => s.kernelId);
  assert.equal(new Set(ids).size, STUDENTS, 'one runtime per student');
  const metering = await eventually('every runtime metered', async () => {
    const now = meteredOnce(ids);
    return now.metered === STUDENTS ? now : null;
  }, { timeoutMs: 60000, everyMs: 1000 });
  assert.deepEqual(metering, { meters: STUDENTS, metered: STUDENTS, refunds: 0 });

  const connected = students.map(s => s.connectedMs);
  const cell1 = students.map(s => s.cell1Ms);
  const back = onB.map(s => s.reconnectMs);
  console.log(`lab: ${STUDENTS} students (${onB.length} on the killed replica, each in the middle of a cell), arriving over ${ARRIVAL_MS / 1000} s; all started and ran a cell in ${(phase1Ms / 1000).toFixed(1)} s`);
  const started = students.map(s => s.sessionMs);
  const runtimes = students.map(s => s.runtimeMs);
  console.log(`lab: request to the runtime's 201 (the kernel started and answered, under the reservation) p50 ${percentile(runtimes, 0.5)} ms, p99 ${percentile(runtimes, 0.99)} ms; to the session's 201 too p50 ${percentile(started, 0.5)} ms, p99 ${percentile(started, 0.99)} ms`);
  console.log(`lab: request to a connected kernel p50 ${percentile(connected, 0.5)} ms, p99 ${percentile(connected, 0.99)} ms, max ${Math.max(...connected)} ms; to the first cell's output p50 ${percentile(cell1, 0.5)} ms, p99 ${percentile(cell1, 0.99)} ms`);
  // The issue's goal: every runtime connected within 10 s of its request while the reservation holds (a benchmark's
  // verdict, printed; not asserted, since the machine's other load decides it as much as Jotter does).
  console.log(`lab: goal every runtime connected <= 10 s after its request: ${Math.max(...connected) <= 10000 ? 'met' : 'missed'} (max ${Math.max(...connected)} ms)`);
  console.log(`lab: after the SIGKILL, back to the same runtime through the other replica p50 ${percentile(back, 0.5)} ms, p99 ${percentile(back, 0.99)} ms, max ${Math.max(...back)} ms (the dead replica's lease is 8 s)`);
  const reasons = [...new Set(retried.map(why => why.replace(/[0-9a-f-]{36}/g, '…')))];
  console.log(`lab: ${retried.length} connections through A failed and were tried again${reasons.length ? `: ${reasons.join('; ')}` : ''}`);
  // A page whose socket is closed with "no running kernel" shows its kernel gone, though it runs on.
  assert.deepEqual(reasons, [], 'connections through A refused while their kernels ran');
  console.log(`lab: lost outputs 0, lost saves 0, runtimes metered ${metering.metered} of ${STUDENTS} exactly once, refunds ${metering.refunds}; ${((Date.now() - killedAt) / 1000).toFixed(1)} s from the kill to the lab's end`);
});
