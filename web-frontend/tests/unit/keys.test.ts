import { describe, expect, it } from 'vitest';
import { commandFor, type KeyMemory, type KeyPress } from '../../src/notebook/keys';

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods };
}

describe('command mode keys', () => {
  it('maps Jupyter single keys', () => {
    const memory = { last: null as KeyMemory | null };
    expect(commandFor(press('a'), memory, 0)).toBe('insert-above');
    expect(commandFor(press('b'), memory, 0)).toBe('insert-below');
    expect(commandFor(press('m'), memory, 0)).toBe('to-markdown');
    expect(commandFor(press('y'), memory, 0)).toBe('to-code');
    expect(commandFor(press('z'), memory, 0)).toBe('undo-delete');
    expect(commandFor(press('V', { shiftKey: true }), memory, 0)).toBe('paste-above');
    expect(commandFor(press('ArrowUp'), memory, 0)).toBe('select-previous');
    expect(commandFor(press('Enter'), memory, 0)).toBe('edit');
    expect(commandFor(press('Enter', { shiftKey: true }), memory, 0)).toBe('run-advance');
    expect(commandFor(press('Enter', { ctrlKey: true }), memory, 0)).toBe('run');
    expect(commandFor(press('Enter', { altKey: true }), memory, 0)).toBe('run-insert');
    expect(commandFor(press('s', { metaKey: true }), memory, 0)).toBe('save');
    expect(commandFor(press('a', { ctrlKey: true }), memory, 0)).toBeNull();
  });

  it('deletes on D D pressed quickly, not on one D or two slow ones', () => {
    const memory = { last: null as KeyMemory | null };
    expect(commandFor(press('d'), memory, 0)).toBeNull();
    expect(commandFor(press('d'), memory, 100)).toBe('delete');
    expect(commandFor(press('d'), memory, 200)).toBeNull();
    expect(commandFor(press('d'), memory, 5000)).toBeNull();
    expect(commandFor(press('a'), memory, 5100)).toBe('insert-above');
    expect(commandFor(press('d'), memory, 5200)).toBeNull();
    expect(commandFor(press('x'), memory, 5300)).toBe('cut');
    expect(commandFor(press('d'), memory, 5400)).toBeNull();
  });
});
