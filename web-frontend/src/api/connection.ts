import { ContentsManager, KernelManager, KernelSpecManager, ServerConnection, SessionManager } from '@jupyterlab/services';
import { accessToken, BEARER_SUBPROTOCOL_PREFIX, KERNEL_SUBPROTOCOL } from './auth';

/**
 * The server speaks Jupyter's JSON WebSocket messages, not the v1.kernel.websocket.jupyter.org
 * subprotocol: offering it would make every connection fail its first handshake before the library
 * retries without. With accounts on, the access token rides in the handshake as a second offered
 * subprotocol (a browser cannot set headers there, and a URL would end up in logs); the server selects
 * the plain `jotter` one. Each reconnect takes the token current at that moment.
 */
class JsonWebSocket extends WebSocket {
  constructor(url: string | URL) {
    const token = accessToken();
    super(url, token ? [KERNEL_SUBPROTOCOL, BEARER_SUBPROTOCOL_PREFIX + token] : undefined);
  }

  /** `jotter` is Jupyter's JSON messages; the library knows that format as no subprotocol at all. */
  override get protocol(): string {
    return super.protocol === KERNEL_SUBPROTOCOL ? '' : super.protocol;
  }
}

/** With accounts on, every API request carries the access token as it is at that moment. */
function authorizedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const token = accessToken();
  if (!token) {
    return fetch(input, init);
  }
  const request = new Request(input, init);
  request.headers.set('Authorization', `Bearer ${token}`);
  return fetch(request);
}

/**
 * The page talks to the server it came from. In single-user mode the HttpOnly cookie that `/?token=`
 * set proves every request (REST and the kernel WebSocket alike), so no token is kept in the page;
 * with accounts on, the access token from Keycloak does (see auth.ts).
 */
export const serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings({
  baseUrl: `${location.origin}/`,
  wsUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`,
  appendToken: false,
  WebSocket: JsonWebSocket as typeof WebSocket,
  fetch: authorizedFetch,
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
