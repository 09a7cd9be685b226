import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/api/jobs';
import { formatParameters, isFinished, jobDuration, parseParameters, parseTimeLimit, progress, queueWords } from '../../src/jobs/words';
import { jobsUrl, routeOf } from '../../src/routes';

const job = (fields: Partial<Job>): Job => ({
  id: '0123456789abcdef', state: 'running', source_path: 'train.ipynb', result_path: 'train.job-01234567.ipynb', runtime_type: 'cpu',
  runtime_id: null, parameters: null, continue_on_error: false, time_limit_seconds: 3600, cells_total: 3, cells_done: 1, cells_failed: 0,
  created_at: '2025-01-01T10:00:00Z', started_at: null, finished_at: null, duration_seconds: null, units_spent: null, error: null,
  queue_position: null, estimated_start: null, waiting: null, slot_position: null, ...fields,
});

describe('job parameters', () => {
  it('reads name = value lines as strings, numbers and booleans', () => {
    expect(parseParameters('lr = 0.01\nepochs=3\n\n# a comment\n// another\nname = resnet\nquoted = "0.5"\nsingle = \'a b\'\nverbose = true\nbig = 1e-3')).toEqual({
      ok: true,
      value: { lr: 0.01, epochs: 3, name: 'resnet', quoted: '0.5', single: 'a b', verbose: true, big: 0.001 },
    });
    expect(parseParameters('  \n')).toEqual({ ok: true, value: {} });
    expect(parseParameters('s = "a \\"b\\""')).toEqual({ ok: true, value: { s: 'a "b"' } });
    expect(parseParameters('e = ""')).toEqual({ ok: true, value: { e: '' } });
    expect(parseParameters('url = a=b')).toEqual({ ok: true, value: { url: 'a=b' } });
  });

  it('says which line is wrong and why', () => {
    expect(parseParameters('lr 0.1')).toEqual({ ok: false, error: 'Line 1 (lr 0.1): write name = value.' });
    expect(parseParameters('x = 1\n1x = 2')).toMatchObject({ ok: false, error: expect.stringMatching(/^Line 2 .*"1x" is not a Java name/) });
    expect(parseParameters('_ = 2')).toMatchObject({ ok: false });
    expect(parseParameters('x = 1\nx = 2')).toMatchObject({ ok: false, error: expect.stringMatching(/x is given twice/) });
    expect(parseParameters('x =')).toMatchObject({ ok: false, error: expect.stringMatching(/give x a value/) });
  });

  it('writes parameters back so that they read the same', () => {
    const parameters = { lr: 0.01, name: 'resnet', quoted: '0.5', flag: false, empty: '', truth: 'true' };
    const text = formatParameters(parameters);
    expect(text).toBe('lr = 0.01\nname = resnet\nquoted = "0.5"\nflag = false\nempty = ""\ntruth = "true"');
    expect(parseParameters(text)).toEqual({ ok: true, value: parameters });
    expect(formatParameters(null)).toBe('');
  });
});

describe('job words', () => {
  it('reads a time limit in minutes as seconds, blank for the default', () => {
    expect(parseTimeLimit('')).toEqual({ ok: true, value: undefined });
    expect(parseTimeLimit(' 90 ')).toEqual({ ok: true, value: 5400 });
    expect(parseTimeLimit('0.5')).toEqual({ ok: true, value: 30 });
    expect(parseTimeLimit('0')).toMatchObject({ ok: false });
    expect(parseTimeLimit('soon')).toMatchObject({ ok: false });
  });

  it('says progress, duration and whether a job has ended', () => {
    expect(progress(job({}))).toBe('1/3');
    expect(progress(job({ cells_done: 3, cells_failed: 1 }))).toBe('3/3 (1 failed)');
    expect(jobDuration(job({}))).toBe('—');
    expect(jobDuration(job({ duration_seconds: 95.4 }))).toBe('1 min');
    expect(isFinished(job({}))).toBe(false);
    expect(isFinished(job({ state: 'queued' }))).toBe(false);
    expect(['succeeded', 'failed', 'cancelled'].every((state) => isFinished({ state: state as Job['state'] }))).toBe(true);
  });

  it('says where a queued job stands', () => {
    const now = new Date('2025-01-01T10:00:00Z');
    const estimate = new Date(now.getTime() + 180_000).toISOString();
    expect(queueWords(job({ state: 'queued', runtime_type: 'gpu-t4', queue_position: 2, estimated_start: estimate }), now))
      .toMatch(/^Number 2 in the gpu-t4 queue; estimated start .+ \(in about 3 min\)\.$/);
    const slots = 'All 8 of the server\'s job slots are busy; this job is number 3 in line for one.';
    expect(queueWords(job({ state: 'queued', slot_position: 3, waiting: slots }), now)).toBe(slots);
    expect(queueWords(job({ state: 'running', queue_position: 2 }), now)).toBe('');
  });

  it('has a page at /jobs', () => {
    expect(routeOf(jobsUrl())).toEqual({ page: 'jobs' });
  });
});
