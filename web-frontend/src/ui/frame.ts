import { accountBadge } from '../api/auth';
import { coursesUrl, jobsUrl, reservationsUrl, treeUrl, usageUrl } from '../routes';
import { errorText, h } from './dom';

/** The links every account page carries in its header. */
export function accountLinks(): HTMLElement[] {
  return [
    h('a', { class: 'courses-link', href: coursesUrl() }, 'Courses'),
    h('a', { class: 'usage-link', href: usageUrl() }, 'Usage'),
    h('a', { class: 'reservations-link', href: reservationsUrl() }, 'Reservations'),
    h('a', { class: 'jobs-link', href: jobsUrl() }, 'Jobs'),
  ];
}

/** A page with Jotter's header, a status line (returned) and `body` in its main part. */
export function frame(root: HTMLElement, title: string, mainClass: string, ...body: Node[]): HTMLElement {
  const status = h('p', { class: 'files-status', role: 'status' });
  const nav = h('nav', { class: 'crumbs' }, h('a', { href: treeUrl('') }, 'Files'), ' / ', title);
  root.replaceChildren(h('header', { class: 'files-header' }, h('a', { class: 'home', href: '/' }, 'Jotter'), nav, ...accountLinks(), accountBadge() ?? ''),
    status, h('main', { class: mainClass }, ...body));
  document.title = `${title} – Jotter`;
  return status;
}

/** Runs an action, showing its failure in the page's status line instead of throwing. */
export async function act(status: HTMLElement, action: () => Promise<unknown>): Promise<boolean> {
  try {
    status.textContent = '';
    await action();
    return true;
  } catch (error) {
    status.textContent = errorText(error);
    return false;
  }
}
