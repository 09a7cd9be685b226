/**
 * The page's addresses, as Jupyter Notebook's: `/tree/<folder>` for the file browser (and `/`),
 * `/notebooks/<path>` for a notebook. The server serves index.html for all of them.
 */
export type Route = { page: 'tree'; path: string } | { page: 'notebook'; path: string };

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

export function routeOf(pathname: string): Route {
  const decode = (rest: string) => rest.split('/').filter(Boolean).map(decodeURIComponent).join('/');
  if (pathname.startsWith('/notebooks/')) return { page: 'notebook', path: decode(pathname.slice('/notebooks/'.length)) };
  if (pathname.startsWith('/tree/')) return { page: 'tree', path: decode(pathname.slice('/tree/'.length)) };
  return { page: 'tree', path: '' };
}
