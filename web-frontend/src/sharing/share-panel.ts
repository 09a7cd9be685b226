import { errorText, h } from '../ui/dom';
import { courses, type Course } from '../api/courses';
import { revoke, ROLES, shareByLink, sharesOf, shareWith, shareWithCourse, type Share, type ShareRole } from './api';

/**
 * The owner's "Share" panel for one notebook: who has it and as what, a form to share it with someone
 * (again, to change their role), a link to hand out, and Revoke on each.
 */
export class SharePanel {
  readonly element = h('aside', { class: 'share-panel', hidden: '', 'aria-label': 'Share this notebook' });
  private readonly list = h('ul', { class: 'shares' });
  private readonly status = h('p', { class: 'share-status' });
  private readonly courseChoice = h('select', { class: 'share-course', 'aria-label': 'Course to share with' });
  private myCourses: Course[] = [];

  constructor(private readonly path: () => string) {
    const user = h('input', { class: 'share-user', placeholder: 'username', 'aria-label': 'Username to share with' });
    const role = roleSelect();
    const linkRole = roleSelect();
    const courseRole = roleSelect();
    this.element.append(
      h('h2', {}, 'Share'),
      this.list,
      h('div', { class: 'share-form' }, user, role,
        h('button', { onclick: () => void this.act(() => shareWith(this.path(), user.value.trim(), role.value as ShareRole)) }, 'Share')),
      h('div', { class: 'share-form' }, h('span', {}, 'Members of'), this.courseChoice, courseRole,
        h('button', { onclick: () => void this.act(() => shareWithCourse(this.path(), Number(this.courseChoice.value), courseRole.value as ShareRole)) }, 'Share with course')),
      h('div', { class: 'share-form' }, h('span', {}, 'Anyone with the link, as'), linkRole,
        h('button', { onclick: () => void this.act(() => shareByLink(this.path(), linkRole.value as ShareRole)) }, 'Create link')),
      this.status,
    );
  }

  async toggle(): Promise<void> {
    if (this.element.hidden) {
      this.element.hidden = false;
      await this.refresh();
    } else {
      this.element.hidden = true;
    }
  }

  private async act(change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
      this.status.textContent = '';
      await this.refresh();
    } catch (error) {
      this.status.textContent = errorText(error);
    }
  }

  private async refresh(): Promise<void> {
    const [shares, mine] = await Promise.all([sharesOf(this.path()), courses.mine().catch(() => [])]);
    this.myCourses = mine;
    this.courseChoice.replaceChildren(...mine.map((course) => h('option', { value: String(course.id) }, course.title)));
    this.list.replaceChildren(...shares.map((share) => this.row(share)));
    if (shares.length === 0) this.list.append(h('li', { class: 'empty' }, 'Only you have this notebook.'));
  }

  private row(share: Share): HTMLElement {
    const course = this.myCourses.find((c) => c.id === share.course);
    const who = share.user ? h('span', { class: 'share-who' }, share.user)
      : share.course !== null ? h('span', { class: 'share-who' }, `course ${course?.title ?? share.course}`)
      : h('a', { class: 'share-link', href: share.link ?? '#' }, `${location.origin}${share.link ?? ''}`);
    return h('li', { 'data-share': String(share.id) }, who, ` ${share.role} `,
      h('button', { onclick: () => void this.act(() => revoke(share.id)) }, 'Revoke'));
  }
}

function roleSelect(): HTMLSelectElement {
  return h('select', { 'aria-label': 'Role' }, ...ROLES.map((role) => h('option', { value: role }, role)));
}
