import { ServerConnection } from '@jupyterlab/services';
import type * as nbformat from '@jupyterlab/nbformat';
import { serverSettings } from './connection';

/** A contents model as Jotter's server returns it: Jupyter's fields and Jotter's `version`. */
export interface NotebookFile {
  name: string;
  path: string;
  version: number;
  last_modified: string;
  content: nbformat.INotebookContent;
}

/** The server refused a save because someone saved since (409); `current` is its model now. */
export class StaleSaveError extends Error {
  constructor(
    message: string,
    readonly current: { version: number; last_modified?: string },
  ) {
    super(message);
  }
}

function url(path: string): string {
  return `${serverSettings.baseUrl}api/contents/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export async function failure(response: Response): Promise<Error> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { message?: string };
    if (body.message) message = body.message;
  } catch {
    // Not JSON: the status line says enough.
  }
  return new Error(message);
}

export async function getNotebook(path: string): Promise<NotebookFile> {
  const response = await ServerConnection.makeRequest(`${url(path)}?type=notebook&content=1`, {}, serverSettings);
  if (!response.ok) throw await failure(response);
  return (await response.json()) as NotebookFile;
}

/**
 * Saves a notebook based on `version`: the server refuses (409) if someone saved since, and that
 * comes back as a {@link StaleSaveError}, never as an overwrite. Without a version (a new file) the
 * save just writes.
 */
export async function saveNotebook(
  path: string,
  content: nbformat.INotebookContent,
  version: number | null,
): Promise<{ version: number; last_modified: string }> {
  const body: Record<string, unknown> = { type: 'notebook', format: 'json', content };
  if (version !== null) body.version = version;
  const response = await ServerConnection.makeRequest(
    url(path),
    { method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
    serverSettings,
  );
  if (response.status === 409) {
    const conflict = (await response.json()) as { message: string; current: { version: number } };
    throw new StaleSaveError(conflict.message, conflict.current);
  }
  if (!response.ok) throw await failure(response);
  const model = (await response.json()) as { version: number; last_modified: string };
  return { version: model.version, last_modified: model.last_modified };
}
