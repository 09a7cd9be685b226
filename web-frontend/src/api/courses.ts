import { jotterCall } from './jotter';

/** The server's JSON for a course (`/api/jotter/courses`); `invite_code` only for those who teach it. */
export interface Course {
  id: number;
  title: string;
  role: 'instructor' | 'student' | null;
  teaches: boolean;
  created_by: string;
  created_at: string;
  invite_code?: string;
  keycloak_group?: string;
}

export interface Member {
  username: string;
  display_name: string;
  role: 'instructor' | 'student';
  joined_at: string;
}

/** `source_path` for those who teach; `copy_path` once the caller started it. */
export interface Assignment {
  id: number;
  course_id: number;
  title: string;
  due_at: string;
  published_at: string;
  published_by: string;
  source_path?: string;
  copy_path?: string;
}

export interface Feedback {
  id: number;
  submission_id: number;
  author: string;
  cell_id?: string;
  body: string;
  created_at: string;
}

/** `content` only when one submission is read; `feedback` absent in the instructors' list. */
export interface Submission {
  id: number;
  assignment_id: number;
  student: string;
  submitted_at: string;
  late: boolean;
  latest: boolean;
  content?: { cells?: { id?: string; cell_type: string; source: string | string[] }[] };
  feedback?: Feedback[];
}

export interface StartedCopy {
  path: string;
  created: boolean;
}

function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return jotterCall<T>(`courses${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}

const course = (id: number | string) => `/${encodeURIComponent(String(id))}`;
const assignment = (courseId: number | string, id: number | string) =>
  `${course(courseId)}/assignments/${encodeURIComponent(String(id))}`;

export const courses = {
  mine: () => call<Course[]>('GET', ''),
  create: (title: string, keycloakGroup = '') => call<Course>('POST', '', { title, keycloak_group: keycloakGroup || null }),
  join: (inviteCode: string) => call<Course>('POST', '/join', { invite_code: inviteCode }),
  get: (id: string) => call<Course>('GET', course(id)),
  members: (id: string) => call<Member[]>('GET', `${course(id)}/members`),
  removeMember: (id: string, username: string) =>
    call<void>('DELETE', `${course(id)}/members/${encodeURIComponent(username)}`),
  assignments: (id: string) => call<Assignment[]>('GET', `${course(id)}/assignments`),
  publish: (id: string, title: string, path: string, dueAt: string) =>
    call<Assignment>('POST', `${course(id)}/assignments`, { title, path, due_at: dueAt }),
  assignment: (id: string, assignmentId: string) => call<Assignment>('GET', assignment(id, assignmentId)),
  start: (id: string, assignmentId: string) => call<StartedCopy>('POST', `${assignment(id, assignmentId)}/start`),
  submit: (id: string, assignmentId: string) => call<Submission>('POST', `${assignment(id, assignmentId)}/submit`),
  submissions: (id: string, assignmentId: string) =>
    call<Submission[]>('GET', `${assignment(id, assignmentId)}/submissions`),
  mySubmissions: (id: string, assignmentId: string) =>
    call<Submission[]>('GET', `${assignment(id, assignmentId)}/my-submissions`),
  submission: (id: string, assignmentId: string, submissionId: string) =>
    call<Submission>('GET', `${assignment(id, assignmentId)}/submissions/${encodeURIComponent(submissionId)}`),
  comment: (id: string, assignmentId: string, submissionId: string, body: string, cellId?: string) =>
    call<Feedback>('POST', `${assignment(id, assignmentId)}/submissions/${encodeURIComponent(submissionId)}/feedback`, {
      body,
      cell_id: cellId || undefined,
    }),
};
