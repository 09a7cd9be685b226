/**
 * The page's addresses, as Jupyter Notebook's: `/tree/<folder>` for the file browser (and `/`),
 * `/notebooks/<path>` for a notebook; and Jotter's: `/shared/<ref>` for a notebook someone shared (a
 * share's id, or `link-<secret>`), and the courses: `/courses`, `/courses/<id>`,
 * `/courses/<id>/assignments/<id>` and `.../submissions/<id>`; `/usage` (quota and runtimes),
 * `/reservations` and `/jobs` (training jobs). The server serves index.html for all of them.
 */
export type Route =
  | { page: 'tree'; path: string }
  | { page: 'notebook'; path: string }
  | { page: 'shared'; ref: string }
  | { page: 'courses' }
  | { page: 'course'; course: string }
  | { page: 'assignment'; course: string; assignment: string }
  | { page: 'submission'; course: string; assignment: string; submission: string }
  | { page: 'usage' }
  | { page: 'reservations' }
  | { page: 'jobs' };

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

export function coursesUrl(course?: number | string, assignment?: number | string, submission?: number | string): string {
  return ['/courses', course, assignment !== undefined ? 'assignments' : undefined, assignment,
    submission !== undefined ? 'submissions' : undefined, submission]
    .filter((part) => part !== undefined)
    .map((part, i) => (i === 0 ? part : encodeURIComponent(String(part))))
    .join('/');
}

export function usageUrl(): string {
  return '/usage';
}

export function reservationsUrl(): string {
  return '/reservations';
}

export function jobsUrl(): string {
  return '/jobs';
}

export function routeOf(pathname: string): Route {
  const decode = (rest: string) => rest.split('/').filter(Boolean).map(decodeURIComponent).join('/');
  if (pathname.startsWith('/notebooks/')) return { page: 'notebook', path: decode(pathname.slice('/notebooks/'.length)) };
  if (pathname.startsWith('/shared/')) return { page: 'shared', ref: decodeURIComponent(pathname.slice('/shared/'.length).split('/')[0] ?? '') };
  if (pathname.startsWith('/tree/')) return { page: 'tree', path: decode(pathname.slice('/tree/'.length)) };
  if (pathname === '/usage') return { page: 'usage' };
  if (pathname === '/reservations') return { page: 'reservations' };
  if (pathname === '/jobs') return { page: 'jobs' };
  if (pathname === '/courses' || pathname.startsWith('/courses/')) return courseRoute(pathname);
  return { page: 'tree', path: '' };
}

function courseRoute(pathname: string): Route {
  const [course, assignments, assignment, submissions, submission] = pathname
    .split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  if (course && assignments === 'assignments' && assignment) {
    if (submissions === 'submissions' && submission) return { page: 'submission', course, assignment, submission };
    return { page: 'assignment', course, assignment };
  }
  return course ? { page: 'course', course } : { page: 'courses' };
}
