import { ServerConnection } from '@jupyterlab/services';
import { serverSettings } from './connection';
import { failure } from './contents';

/**
 * A request to Jotter's own API (`/api/jotter/...`: sharing, courses) with the page's credentials; a
 * refusal throws the server's message for the user.
 */
export async function jotterCall<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await ServerConnection.makeRequest(`${serverSettings.baseUrl}api/jotter/${path}`, init, serverSettings);
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
