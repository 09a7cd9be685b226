import { ContentsManager, KernelManager, KernelSpecManager, ServerConnection, SessionManager } from '@jupyterlab/services';

/**
 * The server speaks Jupyter's JSON WebSocket messages, not the v1.kernel.websocket.jupyter.org
 * subprotocol: offering it would make every connection fail its first handshake before the library
 * retries without, so the socket is opened without subprotocols.
 */
class JsonWebSocket extends WebSocket {
  constructor(url: string | URL) {
    super(url);
  }
}

/**
 * The page talks to the server it came from. The HttpOnly cookie that `/?token=` set proves every
 * request (REST and the kernel WebSocket alike), so no token is kept in the page.
 */
export const serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings({
  baseUrl: `${location.origin}/`,
  wsUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`,
  appendToken: false,
  WebSocket: JsonWebSocket as typeof WebSocket,
  token: '',
  // Every body this API takes is JSON; fetch would label a string body text/plain, which Quarkus
  // REST refuses (415) for JSON-typed parameters.
  init: { credentials: 'same-origin', cache: 'no-store', headers: { 'Content-Type': 'application/json' } },
});

/** One of each manager for the page's lifetime (not ServiceManager: it polls endpoints Jotter lacks). */
export const kernels = new KernelManager({ serverSettings });
export const sessions = new SessionManager({ serverSettings, kernelManager: kernels });
export const contents = new ContentsManager({ serverSettings });
export const kernelspecs = new KernelSpecManager({ serverSettings });
