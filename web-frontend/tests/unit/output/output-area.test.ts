import type * as nbformat from '@jupyterlab/nbformat';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutputArea } from '../../../src/output';
import { typeset } from '../../../src/output/math';
import { clearOutput, display, error, iopub, mountArea, result, stream, updateDisplay } from './fixtures';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

let host: HTMLElement;
let area: OutputArea;

beforeEach(() => {
  ({ host, area } = mountArea());
});

const shown = () => [...host.querySelectorAll<HTMLElement>('.jo-output')];

describe('streams', () => {
  it('merges consecutive chunks of the same stream into one output', () => {
    area.handle(stream('stdout', 'hello '));
    area.handle(stream('stdout', 'world\n'));
    area.handle(stream('stderr', 'warning\n'));
    area.handle(stream('stdout', 'again\n'));

    expect(shown()).toHaveLength(3);
    expect(shown()[0].textContent).toBe('hello world\n');
    expect(host.querySelector('.jo-stream-stderr')?.textContent).toBe('warning\n');
    expect(area.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'hello world\n' },
      { output_type: 'stream', name: 'stderr', text: 'warning\n' },
      { output_type: 'stream', name: 'stdout', text: 'again\n' },
    ]);
  });

  it('shows only the last state of a \\r progress bar', () => {
    for (let i = 0; i <= 100; i += 25) area.handle(stream('stdout', `\rloading ${i}%`));
    expect(host.textContent).toBe('loading 100%');
    area.handle(stream('stdout', '\nready\n'));
    expect(host.textContent).toBe('loading 100%\nready\n');
  });

  it('appends finished lines without rebuilding what is already shown', () => {
    area.handle(stream('stdout', 'line 1\n'));
    const firstLine = host.querySelector('.jo-stream > span')?.firstChild;
    area.handle(stream('stdout', 'line 2\n'));
    expect(firstLine?.isConnected).toBe(true);
    expect(host.textContent).toBe('line 1\nline 2\n');
  });

  it('turns ANSI colours into spans and escapes markup in the text', () => {
    area.handle(stream('stdout', '\x1b[31mred <b>not bold</b>\x1b[0m & plain\n'));
    const red = host.querySelector('.ansi-red-fg');
    expect(red?.textContent).toBe('red <b>not bold</b>');
    expect(host.querySelector('b')).toBeNull();
    expect(host.textContent).toBe('red <b>not bold</b> & plain\n');
  });

  it('keeps a colour set on one line for the lines after it', () => {
    area.handle(stream('stdout', '\x1b[32mfirst\n'));
    area.handle(stream('stdout', 'second\x1b[0m\n'));
    const green = [...host.querySelectorAll('.ansi-green-fg')].map((span) => span.textContent);
    expect(green.join('')).toBe('first\nsecond');
  });
});

describe('errors', () => {
  it('shows ename: evalue and the coloured traceback', () => {
    area.handle(
      error('java.lang.ArithmeticException', '/ by zero', [
        '\x1b[31mjava.lang.ArithmeticException: / by zero\x1b[0m',
        '\tat Main.main(#12:1)',
      ]),
    );
    expect(host.querySelector('.jo-error-title')?.textContent).toBe(
      'java.lang.ArithmeticException: / by zero',
    );
    const traceback = host.querySelector('.jo-traceback');
    expect(traceback?.querySelector('.ansi-red-fg')?.textContent).toBe(
      'java.lang.ArithmeticException: / by zero',
    );
    expect(traceback?.textContent).toContain('at Main.main(#12:1)');
    expect(area.outputs[0]).toEqual({
      output_type: 'error',
      ename: 'java.lang.ArithmeticException',
      evalue: '/ by zero',
      traceback: ['\x1b[31mjava.lang.ArithmeticException: / by zero\x1b[0m', '\tat Main.main(#12:1)'],
    });
  });
});

describe('MIME bundles', () => {
  const shownType = () => host.querySelector<HTMLElement>('[data-mime-type]')?.dataset['mimeType'];

  it.each([
    [{ 'text/plain': 'x', 'text/html': '<b>x</b>' }, 'text/html'],
    [{ 'text/plain': 'x', 'image/png': PNG, 'image/svg+xml': '<svg/>' }, 'image/svg+xml'],
    [{ 'text/plain': 'x', 'image/jpeg': PNG, 'image/png': PNG }, 'image/png'],
    [{ 'text/plain': 'x', 'text/markdown': '*x*', 'image/gif': PNG }, 'image/gif'],
    [{ 'text/plain': 'x', 'text/latex': '$x$', 'text/markdown': '*x*' }, 'text/markdown'],
    [{ 'text/plain': 'x', 'application/json': { a: 1 }, 'text/latex': '$x$' }, 'text/latex'],
    [{ 'text/plain': 'x', 'application/json': { a: 1 } }, 'application/json'],
    [{ 'text/plain': 'x', 'application/x-unknown': 'y' }, 'text/plain'],
    [{ 'text/plain': 'x', 'text/html': '<b>x</b>', 'application/vnd.jupyter.widget-view+json': {} }, 'application/vnd.jupyter.widget-view+json'],
  ])('shows %j as %s', (data, expected) => {
    area.handle(display(data));
    expect(shownType()).toBe(expected);
  });

  it('says widgets are not shown without a widget manager, and shows their text fallback', () => {
    area.handle(
      display({
        'application/vnd.jupyter.widget-view+json': { model_id: 'abc', version_major: 2 },
        'text/plain': 'IntSlider(value=3)',
      }),
    );
    expect(host.textContent).toContain('widgets are not shown on this page');
    expect(host.textContent).toContain('IntSlider(value=3)');
  });

  it('shows text/plain as text with ANSI colours', () => {
    area.handle(result({ 'text/plain': ['List.of(1, ', '2) <T>'] }, 3));
    expect(host.querySelector('pre.jo-text')?.textContent).toBe('List.of(1, 2) <T>');
  });

  it('shows application/json pretty-printed', () => {
    area.handle(display({ 'application/json': { a: [1, 2] } }));
    expect(host.querySelector('pre.jo-json')?.textContent).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
  });

  it('shows images from base64 data only, with the width and height from metadata', () => {
    area.handle(display({ 'image/png': PNG + '\n' }, undefined, { 'image/png': { width: 320, height: 200 } }));
    const img = host.querySelector('img');
    expect(img?.getAttribute('src')).toBe(`data:image/png;base64,${PNG}`);
    expect(img?.width).toBe(320);
    expect(img?.height).toBe(200);
  });

  it('refuses image data that is not base64 instead of putting it in a URL', () => {
    area.handle(display({ 'image/png': '" onerror="alert(1)' }));
    expect(host.querySelector('img')).toBeNull();
    expect(host.textContent).toContain('not valid base64');
  });

  it('renders text/latex with KaTeX', async () => {
    area.handle(display({ 'text/latex': '$$\\frac{a}{b}$$' }));
    await typeset(host);
    expect(host.querySelector('.jo-latex .katex-display')).not.toBeNull();
  });

  it('says so when no MIME type in the bundle can be shown', () => {
    area.handle(display({ 'application/x-custom': 'y' }));
    expect(host.textContent).toContain('application/x-custom');
  });
});

describe('clear_output', () => {
  it('clears at once without wait', () => {
    area.handle(stream('stdout', 'old\n'));
    area.handle(clearOutput(false));
    expect(shown()).toHaveLength(0);
    expect(area.outputs).toEqual([]);
  });

  it('with wait, keeps the old outputs until the next output arrives', () => {
    area.handle(stream('stdout', 'frame 1\n'));
    area.handle(clearOutput(true));
    expect(host.textContent).toBe('frame 1\n');
    area.handle(stream('stdout', 'frame 2\n'));
    expect(host.textContent).toBe('frame 2\n');
    expect(area.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'frame 2\n' }]);
  });

  it('with wait, does not merge the next chunk into the stream it clears', () => {
    area.handle(stream('stdout', 'a'));
    area.handle(clearOutput(true));
    area.handle(stream('stdout', 'b'));
    expect(host.textContent).toBe('b');
  });
});

describe('update_display_data', () => {
  it('replaces in place only the outputs with that display id', () => {
    area.handle(display({ 'text/plain': 'progress 0' }, 'bar'));
    area.handle(stream('stdout', 'between\n'));
    area.handle(display({ 'text/plain': 'other' }, 'other'));
    area.handle(updateDisplay({ 'text/plain': 'progress 100' }, 'bar'));

    expect(shown().map((el) => el.textContent)).toEqual(['progress 100', 'between\n', 'other']);
    expect(area.outputs[0]).toEqual({
      output_type: 'display_data',
      data: { 'text/plain': 'progress 100' },
      metadata: {},
    });
  });

  it('updates every output that shares the display id, again and again', () => {
    area.handle(display({ 'text/plain': '1' }, 'd'));
    area.handle(display({ 'text/plain': '1' }, 'd'));
    area.handle(updateDisplay({ 'text/plain': '2' }, 'd'));
    area.handle(updateDisplay({ 'text/plain': '3' }, 'd'));
    expect(shown().map((el) => el.textContent)).toEqual(['3', '3']);
  });

  it('ignores an update for an unknown id, and does not trigger a pending clear', () => {
    area.handle(display({ 'text/plain': 'kept' }, 'd'));
    area.handle(clearOutput(true));
    area.handle(updateDisplay({ 'text/plain': 'new' }, 'unknown'));
    expect(host.textContent).toBe('kept');
  });

  it('forgets display ids with the outputs they belonged to', () => {
    area.handle(display({ 'text/plain': 'old' }, 'd'));
    area.clear();
    area.handle(updateDisplay({ 'text/plain': 'new' }, 'd'));
    expect(shown()).toHaveLength(0);
  });
});

describe('outputs round-trip', () => {
  it('gives back what setOutputs was given, with stream text joined', () => {
    const outputs: nbformat.IOutput[] = [
      { output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] },
      { output_type: 'display_data', data: { 'image/png': PNG, 'text/plain': '<Figure>' }, metadata: { 'image/png': { width: 10 } } },
      { output_type: 'execute_result', execution_count: 7, data: { 'text/plain': ['4', '2'] }, metadata: {} },
      { output_type: 'error', ename: 'E', evalue: 'v', traceback: [] },
    ];
    area.setOutputs(outputs);
    expect(area.outputs).toEqual([{ ...outputs[0], text: 'a\nb\n' }, outputs[1], outputs[2], outputs[3]]);
    expect(shown()).toHaveLength(4);
  });

  it('builds nbformat outputs from messages, keeping execution_count and dropping transient', () => {
    area.handle(display({ 'text/plain': 'shown' }, 'id-1'));
    area.handle(result({ 'text/plain': '42' }, 5));
    expect(area.outputs).toEqual([
      { output_type: 'display_data', data: { 'text/plain': 'shown' }, metadata: {} },
      { output_type: 'execute_result', execution_count: 5, data: { 'text/plain': '42' }, metadata: {} },
    ]);
  });

  it('replaces what was shown on setOutputs, and does not share objects with the caller', () => {
    area.handle(stream('stdout', 'before\n'));
    const given: nbformat.IOutput[] = [{ output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: {} }];
    area.setOutputs(given);
    (area.outputs[0] as nbformat.IDisplayData).data['text/plain'] = 'changed';
    (given[0] as nbformat.IDisplayData).data['text/plain'] = 'changed too';
    expect(area.outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: {} }]);
    expect(host.textContent).toBe('x');
  });

  it('keeps an output type it does not know, and says it cannot show it', () => {
    const unknown = { output_type: 'future_output', payload: 1 } as nbformat.IOutput;
    area.setOutputs([unknown]);
    expect(area.outputs).toEqual([unknown]);
    expect(host.textContent).toContain('future_output');
  });
});

describe('onChange', () => {
  it('fires for each change from the kernel or the user, not for setOutputs or other messages', () => {
    const onChange = vi.fn();
    area.onChange = onChange;
    area.setOutputs([{ output_type: 'stream', name: 'stdout', text: 'x' }]);
    expect(onChange).not.toHaveBeenCalled();
    area.handle(iopub('status', { execution_state: 'busy' }));
    area.handle(iopub('execute_input', { code: '1', execution_count: 1 }));
    expect(onChange).not.toHaveBeenCalled();
    area.handle(stream('stdout', 'y'));
    area.clear();
    area.clear();
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
