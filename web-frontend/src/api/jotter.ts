import { ServerConnection } from '@jupyterlab/services';
import { serverSettings } from './connection';

/**
 * A refusal from Jotter's own API: the server's `message`, and where it gives them, why (`reason`),
 * what the user can do (`remedy`) and when trying again may work (`retry_at`). Its text is the
 * message and the remedy, so a page that only shows `errorText` still says what to do.
 */
export class JotterError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | null,
    readonly remedy: string | null,
    readonly retryAt: string | null,
    readonly headline: string,
  ) {
    super(remedy ? `${headline} ${remedy}` : headline);
  }

  static async of(response: Response): Promise<JotterError> {
    let body: { message?: string; reason?: string; remedy?: string; retry_at?: string } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // Not JSON: the status line says enough.
    }
    return new JotterError(response.status, body.reason ?? null, body.remedy ?? null, body.retry_at ?? null,
      body.message ?? `${response.status} ${response.statusText}`);
  }
}

/** The raw response of a request to Jotter's own API, for callers that tell 201 from 202. */
export async function jotterResponse(path: string, init: RequestInit = {}): Promise<Response> {
  return ServerConnection.makeRequest(`${serverSettings.baseUrl}api/jotter/${path}`, init, serverSettings);
}

/**
 * A request to Jotter's own API (`/api/jotter/...`: sharing, courses, runtimes) with the page's
 * credentials; a refusal throws a {@link JotterError} with the server's message for the user.
 */
export async function jotterCall<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await jotterResponse(path, init);
  if (!response.ok) throw await JotterError.of(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
