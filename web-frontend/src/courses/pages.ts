import { accountBadge } from '../api/auth';
import { courses, type Assignment, type Course, type Submission } from '../api/courses';
import { coursesUrl, notebookUrl, treeUrl } from '../routes';
import { errorText, h } from '../ui/dom';
import { dueLabel, localToIso, sourceText, studentRows } from './model';

/**
 * The courses' screens: the list of courses (with create and join-by-code), a course (its assignments,
 * and for instructors publish and members), an assignment (start and submit for students, the
 * submissions table for instructors) and one submission, read-only, with its feedback.
 */

function frame(root: HTMLElement, title: string, crumbs: [string, string][], ...body: Node[]): HTMLElement {
  const status = h('p', { class: 'files-status', role: 'status' });
  const nav = h('nav', { class: 'crumbs' }, h('a', { href: treeUrl('') }, 'Files'), ' · ', h('a', { href: coursesUrl() }, 'Courses'));
  crumbs.forEach(([label, href]) => nav.append(' / ', h('a', { href }, label)));
  root.replaceChildren(h('header', { class: 'files-header' }, h('a', { class: 'home', href: '/' }, 'Jotter'), nav, accountBadge() ?? ''), status, h('main', { class: 'courses' }, ...body));
  document.title = `${title} – Jotter`;
  return status;
}

/** Runs an action, showing its failure in the page's status line instead of throwing. */
async function act(status: HTMLElement, action: () => Promise<unknown>): Promise<void> {
  try {
    status.textContent = '';
    await action();
  } catch (error) {
    status.textContent = errorText(error);
  }
}

const when = (iso: string) => new Date(iso).toLocaleString();

export async function showCourseList(root: HTMLElement): Promise<void> {
  const list = h('ul', { class: 'course-list' });
  const code = h('input', { type: 'text', placeholder: 'Invite code', 'aria-label': 'Invite code', autocomplete: 'off' });
  const title = h('input', { type: 'text', placeholder: 'New course title', 'aria-label': 'New course title' });
  const group = h('input', { type: 'text', placeholder: 'Keycloak group (optional)', 'aria-label': 'Keycloak group whose members are its students' });
  const status = frame(root, 'Courses', [],
    h('h1', {}, 'Your courses'), list,
    h('div', { class: 'toolbar' }, code, h('button', { onclick: () => void act(status, async () => {
      const joined = await courses.join(code.value);
      location.assign(coursesUrl(joined.id));
    }) }, 'Join')),
    h('div', { class: 'toolbar instructor-only' }, title, group, h('button', { onclick: () => void act(status, async () => {
      const created = await courses.create(title.value, group.value.trim());
      location.assign(coursesUrl(created.id));
    }) }, 'Create course')));
  await act(status, async () => {
    const mine = await courses.mine();
    list.replaceChildren(...mine.map((course) => h('li', {}, h('a', { href: coursesUrl(course.id) }, course.title), ` (${course.role ?? 'admin'})`)));
    if (mine.length === 0) list.append(h('li', { class: 'empty' }, 'No courses yet: join one with the code your instructor gave you.'));
  });
}

export async function showCourse(root: HTMLElement, id: string): Promise<void> {
  const course = await courses.get(id);
  const table = h('tbody');
  const status = frame(root, course.title, [[course.title, coursesUrl(course.id)]], h('h1', {}, course.title), h('table', { class: 'files' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Assignment'), h('th', {}, 'Due'), h('th', {}, ''))), table));
  const assignments = await courses.assignments(id);
  table.replaceChildren(...assignments.map((a) => h('tr', {},
    h('td', {}, h('a', { href: coursesUrl(course.id, a.id) }, a.title)),
    h('td', { title: when(a.due_at) }, dueLabel(a.due_at, new Date())),
    h('td', {}, a.copy_path ? h('a', { href: notebookUrl(a.copy_path) }, 'Your copy') : ''))));
  if (assignments.length === 0) table.append(h('tr', {}, h('td', { colspan: '3', class: 'empty' }, 'No assignments yet.')));
  if (course.teaches) root.querySelector('main')!.append(...teacherPanel(course, status));
}

function teacherPanel(course: Course, status: HTMLElement): Node[] {
  const title = h('input', { type: 'text', placeholder: 'Title', 'aria-label': 'Assignment title' });
  const path = h('input', { type: 'text', placeholder: 'Notebook path in your files', 'aria-label': 'Notebook path' });
  const due = h('input', { type: 'datetime-local', 'aria-label': 'Due' });
  const members = h('ul', { class: 'members' });
  const id = String(course.id);
  const loadMembers = () => act(status, async () => {
    const list = await courses.members(id);
    members.replaceChildren(...list.map((m) => h('li', {}, `${m.display_name} (${m.username}, ${m.role}) `,
      h('button', { onclick: () => {
        if (confirm(`Remove ${m.username} from the course?`)) void act(status, async () => { await courses.removeMember(id, m.username); await loadMembers(); });
      } }, 'Remove'))));
  });
  void loadMembers();
  return [
    h('h2', {}, 'Publish a notebook'),
    h('div', { class: 'toolbar' }, title, path, due, h('button', { onclick: () => void act(status, async () => {
      await courses.publish(id, title.value, path.value, due.value ? localToIso(due.value) : '');
      location.reload();
    }) }, 'Publish')),
    h('h2', {}, 'Members'),
    h('p', {}, 'Invite code: ', h('code', { class: 'invite-code' }, course.invite_code ?? ''),
      course.keycloak_group ? ` · members of the Keycloak group ${course.keycloak_group} are its students` : ''),
    members,
  ];
}

export async function showAssignment(root: HTMLElement, courseId: string, assignmentId: string): Promise<void> {
  const [course, assignment] = await Promise.all([courses.get(courseId), courses.assignment(courseId, assignmentId)]);
  const body = h('div');
  const status = frame(root, assignment.title, [[course.title, coursesUrl(course.id)], [assignment.title, coursesUrl(course.id, assignment.id)]],
    h('h1', {}, assignment.title), h('p', {}, `Due ${when(assignment.due_at)} (${dueLabel(assignment.due_at, new Date())})`), body);
  if (course.teaches) await submissionsTable(body, course, assignment);
  else await studentPanel(body, status, course, assignment);
}

async function submissionsTable(body: HTMLElement, course: Course, assignment: Assignment): Promise<void> {
  const rows = studentRows(await courses.submissions(String(course.id), String(assignment.id)));
  body.replaceChildren(h('h2', {}, 'Submissions'), h('table', { class: 'files submissions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Student'), h('th', {}, 'Latest submission'), h('th', {}, ''), h('th', {}, 'Submissions'))),
    h('tbody', {}, ...rows.map((row) => h('tr', {},
      h('td', {}, row.student),
      h('td', {}, h('a', { href: coursesUrl(course.id, assignment.id, row.latest.id) }, when(row.latest.submitted_at))),
      h('td', {}, row.latest.late ? h('span', { class: 'late' }, 'late') : 'on time'),
      h('td', {}, String(row.count)))))));
  if (rows.length === 0) body.append(h('p', { class: 'empty' }, 'No submissions yet.'));
}

async function studentPanel(body: HTMLElement, status: HTMLElement, course: Course, assignment: Assignment): Promise<void> {
  const cid = String(course.id);
  const aid = String(assignment.id);
  const mine = await courses.mySubmissions(cid, aid);
  const copy = assignment.copy_path;
  body.replaceChildren(
    h('div', { class: 'toolbar' },
      h('button', { onclick: () => void act(status, async () => location.assign(notebookUrl((await courses.start(cid, aid)).path))) },
        copy ? 'Open your copy' : 'Start'),
      copy ? h('button', { onclick: () => void act(status, async () => { await courses.submit(cid, aid); location.reload(); }) }, 'Submit your copy') : ''),
    h('h2', {}, 'Your submissions'),
    h('ul', {}, ...mine.map((s) => h('li', {}, h('a', { href: coursesUrl(course.id, assignment.id, s.id) }, when(s.submitted_at)),
      s.late ? ' (late)' : '', s.latest ? ' — the one that counts' : '', s.feedback?.length ? ` · ${s.feedback.length} feedback` : ''))));
  if (mine.length === 0) body.append(h('p', { class: 'empty' }, copy ? 'Not submitted yet.' : 'Start to get your own copy of the notebook.'));
}

export async function showSubmission(root: HTMLElement, courseId: string, assignmentId: string, submissionId: string): Promise<void> {
  const [course, assignment, submission] = await Promise.all([courses.get(courseId), courses.assignment(courseId, assignmentId),
    courses.submission(courseId, assignmentId, submissionId)]);
  const label = `${submission.student}, ${when(submission.submitted_at)}`;
  const status = frame(root, label, [[course.title, coursesUrl(course.id)], [assignment.title, coursesUrl(course.id, assignment.id)], [label, location.pathname]],
    h('h1', {}, `${assignment.title}: ${label}`), h('p', {}, submission.late ? 'Late.' : 'On time.', submission.latest ? ' The one that counts.' : ' A later one counts.'));
  const main = root.querySelector('main')!;
  main.append(...cells(submission));
  if (course.teaches) main.append(feedbackForm(status, courseId, assignmentId, submission));
}

function cells(submission: Submission): Node[] {
  const feedback = submission.feedback ?? [];
  const about = (cellId?: string) => feedback.filter((f) => f.cell_id === cellId)
    .map((f) => h('blockquote', { class: 'feedback' }, h('strong', {}, f.author), ` (${when(f.created_at)}): `, f.body));
  return [
    ...about(undefined),
    ...(submission.content?.cells ?? []).map((cell) => h('section', { class: 'submitted-cell', 'data-cell-id': cell.id ?? '' },
      h('pre', { class: 'static-source' }, sourceText(cell.source)), ...about(cell.id))),
  ];
}

function feedbackForm(status: HTMLElement, courseId: string, assignmentId: string, submission: Submission): HTMLElement {
  const text = h('textarea', { rows: '3', 'aria-label': 'Feedback', placeholder: 'Feedback for the student' });
  const cell = h('select', { 'aria-label': 'About' }, h('option', { value: '' }, 'the whole submission'),
    ...(submission.content?.cells ?? []).filter((c) => c.id).map((c, i) => h('option', { value: c.id! }, `cell ${i + 1}`)));
  return h('div', { class: 'feedback-form' }, text, cell, h('button', { onclick: () => void act(status, async () => {
    await courses.comment(courseId, assignmentId, String(submission.id), text.value, cell.value);
    location.reload();
  }) }, 'Leave feedback'));
}
