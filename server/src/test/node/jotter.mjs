// What every test file shares: the connection to the server run.sh started, and small helpers.
import { ServerConnection } from '@jupyterlab/services';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const baseUrl = process.env.JOTTER_URL;
const token = process.env.JOTTER_TOKEN;
if (!baseUrl || !token) {
  throw new Error('JOTTER_URL and JOTTER_TOKEN must name a running server: run these tests with ./run.sh');
}

/**
 * Settings as a Node program gives them to JupyterLab's client: Node 20 has fetch but no WebSocket,
 * so `ws` provides it. The token goes in the Authorization header, and on the WebSocket's URL.
 *
 * The client first asks for the `v1.kernel.websocket.jupyter.org` subprotocol; Jotter speaks only
 * the JSON one, `ws` fails such a handshake, and the client reconnects at once without asking
 * ("Connection lost, reconnecting in 0 seconds" in the log).
 */
export const serverSettings = ServerConnection.makeSettings({ baseUrl, token, fetch, WebSocket });

/** A folder name no earlier run used: the database outlives the server between runs. */
export function freshName(prefix) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** An nbformat 4.5 notebook of Java code cells, given as {id, source}. */
export function notebook(...cells) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'jotter-java', display_name: 'Java (Jotter)', language: 'java' },
      language_info: { name: 'java' }
    },
    cells: cells.map(({ id, source }) => ({
      cell_type: 'code',
      id,
      source,
      metadata: {},
      outputs: [],
      execution_count: null
    }))
  };
}

/** nbformat allows a multiline string as a string or a list of lines. */
export function text(multiline) {
  return Array.isArray(multiline) ? multiline.join('') : multiline;
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually(what, probe, { timeoutMs = 10000, everyMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: still not so after ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, everyMs));
  }
}
