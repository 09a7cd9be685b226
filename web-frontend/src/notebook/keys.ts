/** The commands Jupyter's command mode binds to keys. */
export type Command =
  | 'edit'
  | 'run-advance'
  | 'run'
  | 'run-insert'
  | 'insert-above'
  | 'insert-below'
  | 'delete'
  | 'undo-delete'
  | 'to-markdown'
  | 'to-code'
  | 'to-raw'
  | 'cut'
  | 'copy'
  | 'paste-below'
  | 'paste-above'
  | 'select-previous'
  | 'select-next'
  | 'interrupt'
  | 'restart'
  | 'save';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The key pressed before, and when, for Jupyter's double keys (D D, I I, 0 0). */
export interface KeyMemory {
  key: string;
  at: number;
}

const DOUBLE_KEY_MS = 800;

const DOUBLES: Record<string, Command> = { d: 'delete', i: 'interrupt', '0': 'restart' };

const SINGLES: Record<string, Command> = {
  Enter: 'edit',
  a: 'insert-above',
  b: 'insert-below',
  z: 'undo-delete',
  m: 'to-markdown',
  y: 'to-code',
  r: 'to-raw',
  x: 'cut',
  c: 'copy',
  v: 'paste-below',
  V: 'paste-above',
  ArrowUp: 'select-previous',
  k: 'select-previous',
  ArrowDown: 'select-next',
  j: 'select-next',
};

/**
 * Maps a key pressed in command mode to its command, as Jupyter Notebook and JupyterLab do.
 * `memory` holds the previous key for the double keys; the function updates it.
 */
export function commandFor(press: KeyPress, memory: { last: KeyMemory | null }, now: number): Command | null {
  const mod = press.ctrlKey || press.metaKey;
  if (press.key === 'Enter') {
    memory.last = null;
    if (press.shiftKey) return 'run-advance';
    if (mod) return 'run';
    if (press.altKey) return 'run-insert';
    return 'edit';
  }
  if (mod && press.key.toLowerCase() === 's') return 'save';
  if (mod || press.altKey) return null;
  const double = DOUBLES[press.key];
  if (double) {
    const last = memory.last;
    if (last && last.key === press.key && now - last.at < DOUBLE_KEY_MS) {
      memory.last = null;
      return double;
    }
    memory.last = { key: press.key, at: now };
    return null;
  }
  memory.last = null;
  const key = press.key.length === 1 && !press.shiftKey ? press.key.toLowerCase() : press.key;
  return SINGLES[key] ?? null;
}
