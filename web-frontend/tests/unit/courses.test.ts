import { describe, expect, it } from 'vitest';
import type { Submission } from '../../src/api/courses';
import { dueLabel, localToIso, sourceText, studentRows } from '../../src/courses/model';
import { coursesUrl, routeOf } from '../../src/routes';

describe('course routes', () => {
  it('reads every courses page from its address', () => {
    expect(routeOf('/courses')).toEqual({ page: 'courses' });
    expect(routeOf('/courses/')).toEqual({ page: 'courses' });
    expect(routeOf('/courses/12')).toEqual({ page: 'course', course: '12' });
    expect(routeOf('/courses/12/assignments/3')).toEqual({ page: 'assignment', course: '12', assignment: '3' });
    expect(routeOf('/courses/12/assignments/3/submissions/9')).toEqual({
      page: 'submission', course: '12', assignment: '3', submission: '9',
    });
    expect(routeOf('/coursesX')).toEqual({ page: 'tree', path: '' });
  });

  it('builds the addresses it reads', () => {
    expect(coursesUrl()).toBe('/courses');
    expect(coursesUrl(12)).toBe('/courses/12');
    expect(coursesUrl(12, 3)).toBe('/courses/12/assignments/3');
    expect(coursesUrl(12, 3, 9)).toBe('/courses/12/assignments/3/submissions/9');
    expect(routeOf(coursesUrl(12, 3, 9))).toEqual({ page: 'submission', course: '12', assignment: '3', submission: '9' });
  });
});

describe('course model', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('says when something is due', () => {
    expect(dueLabel('2026-12-04T12:00:00Z', now)).toBe('due in 3 days');
    expect(dueLabel('2026-12-01T17:00:00Z', now)).toBe('due in 5 hours');
    expect(dueLabel('2026-12-01T12:01:00Z', now)).toBe('due in 1 minute');
    expect(dueLabel('2026-11-29T12:00:00Z', now)).toBe('was due 2 days ago');
  });

  it('gives one row per student, with the submission that counts', () => {
    const submission = (id: number, student: string, latest: boolean): Submission => ({
      id, assignment_id: 1, student, submitted_at: '2026-12-01T00:00:00Z', late: false, latest,
    });
    const rows = studentRows([submission(1, 'student2', true), submission(2, 'student1', false), submission(3, 'student1', true)]);
    expect(rows.map((row) => [row.student, row.latest.id, row.count])).toEqual([['student1', 3, 2], ['student2', 1, 1]]);
  });

  it('reads sources and local dates', () => {
    expect(sourceText(['a\n', 'b'])).toBe('a\nb');
    expect(localToIso('2026-12-01T23:59', -60)).toBe('2026-12-01T23:59:00+01:00');
    expect(localToIso('2026-12-01T23:59', 300)).toBe('2026-12-01T23:59:00-05:00');
    expect(localToIso('2026-12-01T23:59', 0)).toBe('2026-12-01T23:59:00+00:00');
  });
});
