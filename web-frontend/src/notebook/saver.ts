import { contents } from '../api/connection';
import { saveNotebook, StaleSaveError } from '../api/contents';
import type { NotebookModel } from './model';

export const AUTOSAVE_MS = 120_000;
/** A run asks for a save soon, not at once: "run all" is one save, not one per cell. */
const RUN_SAVE_DELAY_MS = 1_500;

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict';

/** What the user chose when the server had a newer version. */
export interface ConflictChoice {
  (currentVersion: number): Promise<'reload' | 'copy'>;
}

/**
 * Saves a notebook with the version it was based on: autosave at most every two minutes while it has
 * changes, a save shortly after a cell is run, and Ctrl+S. A 409 stops saving and asks the user
 * (reload theirs, or keep mine as a copy); nothing is ever overwritten silently.
 */
export class NotebookSaver {
  private timer: number | undefined;
  private runTimer: number | undefined;
  private inFlight: Promise<void> | null = null;
  private blocked = false;
  onState: ((state: SaveState, detail?: string) => void) | null = null;
  /** Pulls what the views hold into the model before a save (editors sync on change; this is a hook). */
  beforeSave: (() => void) | null = null;

  constructor(
    public path: string,
    private version: number | null,
    private readonly model: NotebookModel,
    private readonly askConflict: ConflictChoice,
    private readonly open: (path: string) => void,
  ) {
    this.timer = window.setInterval(() => {
      if (this.model.dirty) void this.save();
    }, AUTOSAVE_MS);
  }

  cellRan(): void {
    window.clearTimeout(this.runTimer);
    this.runTimer = window.setTimeout(() => void this.save(), RUN_SAVE_DELAY_MS);
  }

  async save(): Promise<void> {
    if (this.blocked) return;
    if (this.inFlight) {
      await this.inFlight;
      if (!this.model.dirty) return;
    }
    this.inFlight = this.doSave().finally(() => (this.inFlight = null));
    await this.inFlight;
  }

  dispose(): void {
    window.clearInterval(this.timer);
    window.clearTimeout(this.runTimer);
  }

  private async doSave(): Promise<void> {
    this.beforeSave?.();
    this.onState?.('saving');
    // Changes made while the request is out stay unsaved: mark clean first, dirty again on edit.
    this.model.markClean();
    try {
      const saved = await saveNotebook(this.path, this.model.toJSON(), this.version);
      this.version = saved.version;
      this.onState?.(this.model.dirty ? 'unsaved' : 'saved', saved.last_modified);
    } catch (error) {
      this.model.markDirty();
      if (error instanceof StaleSaveError) {
        await this.conflict(error.current.version);
      } else {
        this.onState?.('failed', error instanceof Error ? error.message : String(error));
      }
    }
  }

  private async conflict(currentVersion: number): Promise<void> {
    this.blocked = true;
    this.onState?.('conflict', `version ${currentVersion} on the server`);
    const choice = await this.askConflict(currentVersion);
    if (choice === 'reload') {
      this.model.markClean();
      this.open(this.path);
      return;
    }
    const copy = await freeCopyName(this.path);
    await saveNotebook(copy, this.model.toJSON(), null);
    this.model.markClean();
    this.open(copy);
  }
}

/** `dir/name-copy.ipynb`, or `-copy-2`, `-copy-3`… if taken. */
export async function freeCopyName(path: string): Promise<string> {
  const dot = path.lastIndexOf('.');
  const stem = dot > path.lastIndexOf('/') ? path.slice(0, dot) : path;
  const ext = dot > path.lastIndexOf('/') ? path.slice(dot) : '';
  for (let n = 1; ; n++) {
    const candidate = `${stem}-copy${n === 1 ? '' : `-${n}`}${ext}`;
    try {
      await contents.get(candidate, { content: false });
    } catch {
      return candidate;
    }
  }
}
