import { ContentsManager, KernelManager, KernelSpecManager, ServerConnection, SessionManager } from '@jupyterlab/services';

/**
 * The page talks to the server it came from. The HttpOnly cookie that `/?token=` set proves every
 * request (REST and the kernel WebSocket alike), so no token is kept in the page.
 */
export const serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings({
  baseUrl: `${location.origin}/`,
  wsUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`,
  appendToken: false,
  token: '',
  init: { credentials: 'same-origin', cache: 'no-store' },
});

/** One of each manager for the page's lifetime (not ServiceManager: it polls endpoints Jotter lacks). */
export const kernels = new KernelManager({ serverSettings });
export const sessions = new SessionManager({ serverSettings, kernelManager: kernels });
export const contents = new ContentsManager({ serverSettings });
export const kernelspecs = new KernelSpecManager({ serverSettings });
