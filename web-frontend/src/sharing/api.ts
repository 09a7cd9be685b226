import type * as nbformat from '@jupyterlab/nbformat';
import type { NotebookFile } from '../api/contents';
import { jotterCall } from '../api/jotter';

/** What the server calls roles on a shared notebook. */
export type ShareRole = 'viewer' | 'commenter' | 'editor';
export const ROLES: ShareRole[] = ['viewer', 'commenter', 'editor'];

/** One of your notebook's shares. */
export interface Share {
  id: number;
  path: string;
  user: string | null;
  course: number | null;
  link: string | null;
  role: ShareRole;
}

/** A notebook someone shared with you. */
export interface SharedNotebook {
  id: number;
  owner: string;
  path: string;
  name: string;
  role: ShareRole;
  course: number | null;
}

export interface OpenedShare {
  owner: string;
  role: ShareRole;
  notebook: NotebookFile & { content: nbformat.INotebookContent };
}

export interface CellComment {
  id: number;
  cell_id: string;
  author: string;
  body: string;
  created_at: string;
}

const encode = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export const sharesOf = (path: string) => jotterCall<Share[]>(`shares?path=${encodeURIComponent(path)}`);
export const shareWith = (path: string, user: string, role: ShareRole) =>
  jotterCall<Share>('shares', { method: 'POST', body: JSON.stringify({ path, user, role }) });
export const shareWithCourse = (path: string, course: number, role: ShareRole) =>
  jotterCall<Share>('shares', { method: 'POST', body: JSON.stringify({ path, course, role }) });
export const shareByLink = (path: string, role: ShareRole) =>
  jotterCall<Share>('shares', { method: 'POST', body: JSON.stringify({ path, link: true, role }) });
export const revoke = (id: number) => jotterCall<void>(`shares/${id}`, { method: 'DELETE' });
export const sharedWithMe = () => jotterCall<SharedNotebook[]>('shared');
export const openShare = (ref: string) => jotterCall<OpenedShare>(`shared/${encodeURIComponent(ref)}`);
export const copyShare = (ref: string) => jotterCall<{ path: string }>(`shared/${encodeURIComponent(ref)}/copy`, { method: 'POST' });
export const commentsOf = (ref: string) => jotterCall<CellComment[]>(`shared/${encodeURIComponent(ref)}/comments`);
export const addComment = (ref: string, cellId: string, body: string) =>
  jotterCall<CellComment[]>(`shared/${encodeURIComponent(ref)}/comments`, { method: 'POST', body: JSON.stringify({ cell_id: cellId, body }) });
export const ownComments = (path: string) => jotterCall<CellComment[]>(`comments/${encode(path)}`);
export const addOwnComment = (path: string, cellId: string, body: string) =>
  jotterCall<CellComment[]>(`comments/${encode(path)}`, { method: 'POST', body: JSON.stringify({ cell_id: cellId, body }) });

/** A checkpoint of a shared notebook, as Jupyter's contents API lists them. */
export interface Checkpoint {
  id: string;
  last_modified: string;
}

export const checkpointsOf = (ref: string) => jotterCall<Checkpoint[]>(`shared/${encodeURIComponent(ref)}/checkpoints`);
export const takeCheckpoint = (ref: string) => jotterCall<Checkpoint>(`shared/${encodeURIComponent(ref)}/checkpoints`, { method: 'POST' });
export const restoreCheckpoint = (ref: string, id: string) =>
  jotterCall<void>(`shared/${encodeURIComponent(ref)}/checkpoints/${encodeURIComponent(id)}`, { method: 'POST' });
