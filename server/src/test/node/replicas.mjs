// Server replicas for the node tests: the built server started as several replicas over the tests' PostgreSQL,
// each with its own JOTTER_HOME and port, and stopped (their kernels too) when a test file is done.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerConnection } from '@jupyterlab/services';
import WebSocket from 'ws';
import { eventually } from './jotter.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const token = process.env.JOTTER_TOKEN;
const replicas = [];
const homes = [];

function freePort() {
  return new Promise(done => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** One replica: the built server with its own JOTTER_HOME and port, sharing the tests' database. */
export async function startReplica(name, env = {}) {
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), `jotter-replica-${name}-`));
  homes.push(home);
  const log = [];
  const child = spawn('java', ['-jar', join(root, 'server/target/quarkus-app/quarkus-run.jar')], {
    env: {
      ...process.env,
      JOTTER_HOME: home,
      JOTTER_PORT: String(port),
      JOTTER_TOKEN: token,
      JOTTER_KERNEL_LAUNCHER: join(root, 'notebook-kernel/kernel/bin/jotter-kernel'),
      JOTTER_CPU_RUNTIMES: '64',
      JOTTER_REPLICAS: 'true',
      JOTTER_REPLICAS_LEASE: '8s',
      JOTTER_REPLICAS_HEARTBEAT: '1s',
      JOTTER_KERNELS_WARM_POOL: '0',
      QUARKUS_HTTP_HOST: '127.0.0.1',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout.on('data', chunk => log.push(chunk.toString()));
  child.stderr.on('data', chunk => log.push(chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const replica = { name, child, log, baseUrl, settings: ServerConnection.makeSettings({ baseUrl, token, fetch, WebSocket }) };
  replicas.push(replica);
  await eventually(`replica ${name} ready`, async () => {
    if (child.exitCode !== null) {
      throw new Error(`replica ${name} exited: ${log.join('').slice(-3000)}`);
    }
    return fetch(`${baseUrl}/q/health/ready`).then(r => r.ok).catch(() => false);
  }, { timeoutMs: 120000, everyMs: 300 });
  return replica;
}

export async function api(replica, path, init = {}) {
  const response = await fetch(`${replica.baseUrl}${path}`, {
    ...init,
    headers: { Authorization: `token ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) }
  });
  assert.ok(response.ok, `${init.method ?? 'GET'} ${path} on ${replica.name}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? null : response.json();
}

/** Stops every replica still running (SIGTERM, then SIGKILL) and the kernels they left; logs them when {@code failed}. */
export async function stopReplicas(failed) {
  if (failed && process.env.JOTTER_REPLICA_LOGS) {
    // A folder not there yet must not stop the replicas from being stopped (a replica left running is a third).
    mkdirSync(process.env.JOTTER_REPLICA_LOGS, { recursive: true });
  }
  if (failed) {
    for (const replica of replicas) {
      const lines = replica.log.join('').split('\n').filter(line => !line.includes('networknt'));
      console.error(`--- replica ${replica.name}'s log, last lines ---\n${lines.slice(-40).join('\n')}`);
      // JOTTER_REPLICA_LOGS names a folder to keep each replica's whole log and home (its kernels' logs) in, to read
      // after a failed run.
      if (process.env.JOTTER_REPLICA_LOGS) {
        writeFileSync(join(process.env.JOTTER_REPLICA_LOGS, `replica-${replica.name}.log`), lines.join('\n'));
      }
    }
  }
  for (const replica of replicas) {
    // A process ended by a signal has no exit code, but a signal code.
    if (replica.child.exitCode === null && replica.child.signalCode === null) {
      const exited = new Promise(done => replica.child.once('exit', done));
      replica.child.kill('SIGTERM');
      await Promise.race([exited, new Promise(done => setTimeout(done, 30000))]);
      replica.child.kill('SIGKILL');
    }
  }
  // Kernels outlive replicas: any a test left (a failure midway) are found by their connection files' folder.
  for (const home of homes) {
    spawnSync('pkill', ['-KILL', '-f', home]);
    if (failed && process.env.JOTTER_REPLICA_LOGS) {
      cpSync(home, join(process.env.JOTTER_REPLICA_LOGS, basename(home)), { recursive: true });
    }
    rmSync(home, { recursive: true, force: true });
  }
}
