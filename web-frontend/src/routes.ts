/**
 * The page's addresses, as Jupyter Notebook's: `/tree/<folder>` for the file browser (and `/`),
 * `/notebooks/<path>` for a notebook, and Jotter's `/shared/<ref>` for a notebook someone shared (a
 * share's id, or `link-<secret>`). The server serves index.html for all of them.
 */
export type Route = { page: 'tree'; path: string } | { page: 'notebook'; path: string } | { page: 'shared'; ref: string };

function encodePath(path: string): string {
  return path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

export function treeUrl(path: string): string {
  const encoded = encodePath(path);
  return encoded ? `/tree/${encoded}` : '/';
}

export function notebookUrl(path: string): string {
  return `/notebooks/${encodePath(path)}`;
}

export function sharedUrl(ref: string | number): string {
  return `/shared/${encodeURIComponent(String(ref))}`;
}

export function routeOf(pathname: string): Route {
  const decode = (rest: string) => rest.split('/').filter(Boolean).map(decodeURIComponent).join('/');
  if (pathname.startsWith('/notebooks/')) return { page: 'notebook', path: decode(pathname.slice('/notebooks/'.length)) };
  if (pathname.startsWith('/shared/')) return { page: 'shared', ref: decodeURIComponent(pathname.slice('/shared/'.length).split('/')[0] ?? '') };
  if (pathname.startsWith('/tree/')) return { page: 'tree', path: decode(pathname.slice('/tree/'.length)) };
  return { page: 'tree', path: '' };
}
