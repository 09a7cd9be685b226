import type * as nbformat from '@jupyterlab/nbformat';

/** A cell as the notebook holds it: nbformat 4.5 fields, outputs kept as the output area gave them. */
export interface CellModel {
  id: string;
  cellType: 'code' | 'markdown' | 'raw';
  source: string;
  metadata: Record<string, unknown>;
  outputs: nbformat.IOutput[];
  executionCount: number | null;
  attachments?: Record<string, unknown>;
}

export type Mode = 'command' | 'edit';

/** What the model tells its view; the view redraws only what changed. */
export type ModelChange =
  | { kind: 'insert'; index: number; cells: CellModel[] }
  | { kind: 'remove'; index: number; cells: CellModel[] }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'type'; index: number }
  | { kind: 'select'; previous: number; current: number }
  | { kind: 'mode'; mode: Mode }
  | { kind: 'dirty'; dirty: boolean };

/** A deletion that undo brings back: the cells and where they were. */
interface Deletion {
  index: number;
  cells: CellModel[];
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An nbformat 4.5 cell id: 1-64 characters of [a-zA-Z0-9-_]. */
export function newCellId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 12; i++) {
    id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  }
  return id;
}

export function newCell(cellType: CellModel['cellType'] = 'code', source = ''): CellModel {
  return { id: newCellId(), cellType, source, metadata: {}, outputs: [], executionCount: null };
}

function joinSource(source: nbformat.MultilineString | undefined): string {
  return Array.isArray(source) ? source.join('') : (source ?? '');
}

/**
 * The notebook being edited: its cells, which one is selected, command or edit mode, what is unsaved,
 * the cells deleted (for undo) and the clipboard. Pure data: no DOM, no kernel, so it unit-tests; the
 * view listens through {@link onChange}. Every operation costs in proportion to the cells it touches,
 * never to the notebook, except load and save.
 */
export class NotebookModel {
  cells: CellModel[] = [];
  metadata: Record<string, unknown> = {};
  private nbformatMinor = 5;
  private selected = 0;
  private currentMode: Mode = 'command';
  private isDirty = false;
  private readonly deletions: Deletion[] = [];
  private clipboard: CellModel[] = [];
  onChange: ((change: ModelChange) => void) | null = null;

  static fromJSON(notebook: nbformat.INotebookContent): NotebookModel {
    const model = new NotebookModel();
    model.metadata = { ...(notebook.metadata ?? {}) };
    model.nbformatMinor = Math.max(5, notebook.nbformat_minor ?? 5);
    const seen = new Set<string>();
    for (const cell of notebook.cells ?? []) {
      let id = typeof cell.id === 'string' && cell.id && !seen.has(cell.id) ? cell.id : newCellId();
      while (seen.has(id)) id = newCellId();
      seen.add(id);
      const cellType = cell.cell_type === 'markdown' || cell.cell_type === 'raw' ? cell.cell_type : 'code';
      const code = cell as nbformat.ICodeCell;
      const attachments = (cell as nbformat.IMarkdownCell).attachments;
      model.cells.push({
        id,
        cellType,
        source: joinSource(cell.source),
        metadata: { ...(cell.metadata ?? {}) },
        outputs: cellType === 'code' ? [...(code.outputs ?? [])] : [],
        executionCount: cellType === 'code' ? (code.execution_count ?? null) : null,
        ...(attachments ? { attachments: attachments as Record<string, unknown> } : {}),
      });
    }
    if (model.cells.length === 0) model.cells.push(newCell());
    return model;
  }

  toJSON(): nbformat.INotebookContent {
    return {
      nbformat: 4,
      nbformat_minor: this.nbformatMinor,
      metadata: this.metadata as nbformat.INotebookMetadata,
      cells: this.cells.map((cell) => cellToJSON(cell)),
    };
  }

  get activeIndex(): number {
    return this.selected;
  }

  get activeCell(): CellModel {
    return this.cells[this.selected];
  }

  get mode(): Mode {
    return this.currentMode;
  }

  get dirty(): boolean {
    return this.isDirty;
  }

  get canUndoDelete(): boolean {
    return this.deletions.length > 0;
  }

  get clipboardSize(): number {
    return this.clipboard.length;
  }

  indexOf(id: string): number {
    return this.cells.findIndex((cell) => cell.id === id);
  }

  select(index: number): void {
    const clamped = Math.max(0, Math.min(this.cells.length - 1, index));
    if (clamped === this.selected) return;
    const previous = this.selected;
    this.selected = clamped;
    this.emit({ kind: 'select', previous, current: clamped });
  }

  setMode(mode: Mode): void {
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    this.emit({ kind: 'mode', mode });
  }

  /** Something changed that a save must carry (a cell's source, outputs, an execution count). */
  markDirty(): void {
    if (this.isDirty) return;
    this.isDirty = true;
    this.emit({ kind: 'dirty', dirty: true });
  }

  /** A save carrying everything up to this point succeeded. */
  markClean(): void {
    if (!this.isDirty) return;
    this.isDirty = false;
    this.emit({ kind: 'dirty', dirty: false });
  }

  setSource(index: number, source: string): void {
    if (this.cells[index].source === source) return;
    this.cells[index].source = source;
    this.markDirty();
  }

  /** Inserts cells at index and selects the first of them. */
  insert(index: number, cells: CellModel[] = [newCell()]): void {
    const at = Math.max(0, Math.min(this.cells.length, index));
    this.cells.splice(at, 0, ...cells);
    this.emit({ kind: 'insert', index: at, cells });
    this.markDirty();
    const previous = this.selected;
    this.selected = at;
    this.emit({ kind: 'select', previous: previous >= at ? previous + cells.length : previous, current: at });
  }

  insertAbove(): void {
    this.insert(this.selected);
  }

  insertBelow(): void {
    this.insert(this.selected + 1);
  }

  /** Deletes count cells from index (the selected one by default); undo brings them back. */
  delete(index = this.selected, count = 1): void {
    const removed = this.remove(index, count);
    if (removed.length === 0) return;
    this.deletions.push({ index, cells: removed });
  }

  undoDelete(): void {
    const deletion = this.deletions.pop();
    if (!deletion) return;
    if (this.cells.length === 1 && isBlank(this.cells[0]) && deletion.index === 0) {
      // Deleting the last cell left a blank one in its place: undo replaces it.
      const blank = this.cells.splice(0, 1);
      this.emit({ kind: 'remove', index: 0, cells: blank });
    }
    this.insert(deletion.index, deletion.cells);
  }

  /** Copies the selected cell (its outputs too, as Jupyter does); pasting gives fresh ids. */
  copy(index = this.selected): void {
    this.clipboard = [structuredClone(this.cells[index])];
  }

  cut(index = this.selected): void {
    this.copy(index);
    this.delete(index);
  }

  pasteBelow(): void {
    if (this.clipboard.length === 0) return;
    this.insert(this.selected + 1, this.clipboard.map((cell) => ({ ...structuredClone(cell), id: newCellId() })));
  }

  pasteAbove(): void {
    if (this.clipboard.length === 0) return;
    this.insert(this.selected, this.clipboard.map((cell) => ({ ...structuredClone(cell), id: newCellId() })));
  }

  /** Moves the selected cell one place up (-1) or down (+1); it stays selected. */
  move(by: -1 | 1): void {
    const from = this.selected;
    const to = from + by;
    if (to < 0 || to >= this.cells.length) return;
    const [cell] = this.cells.splice(from, 1);
    this.cells.splice(to, 0, cell);
    this.selected = to;
    this.emit({ kind: 'move', from, to });
    this.markDirty();
  }

  setType(cellType: CellModel['cellType'], index = this.selected): void {
    const cell = this.cells[index];
    if (cell.cellType === cellType) return;
    cell.cellType = cellType;
    if (cellType !== 'code') {
      cell.outputs = [];
      cell.executionCount = null;
    }
    this.emit({ kind: 'type', index });
    this.markDirty();
  }

  setOutputs(index: number, outputs: nbformat.IOutput[]): void {
    this.cells[index].outputs = outputs;
    this.markDirty();
  }

  setExecutionCount(index: number, count: number | null): void {
    if (this.cells[index].executionCount === count) return;
    this.cells[index].executionCount = count;
    this.markDirty();
  }

  clearAllOutputs(): void {
    for (const cell of this.cells) {
      cell.outputs = [];
      cell.executionCount = null;
    }
    this.markDirty();
  }

  private remove(index: number, count: number): CellModel[] {
    const removed = this.cells.splice(index, count);
    if (removed.length === 0) return removed;
    this.emit({ kind: 'remove', index, cells: removed });
    this.markDirty();
    if (this.cells.length === 0) {
      // A notebook always has a cell to type in.
      const blank = newCell();
      this.cells.push(blank);
      this.emit({ kind: 'insert', index: 0, cells: [blank] });
    }
    // The previously selected cell may be gone: -1 tells the view to redraw no old selection.
    this.selected = Math.min(index, this.cells.length - 1);
    this.emit({ kind: 'select', previous: -1, current: this.selected });
    return removed;
  }

  private emit(change: ModelChange): void {
    this.onChange?.(change);
  }
}

function isBlank(cell: CellModel): boolean {
  return cell.source === '' && cell.outputs.length === 0 && cell.cellType === 'code';
}

export function cellToJSON(cell: CellModel): nbformat.ICell {
  const base = { id: cell.id, source: cell.source, metadata: cell.metadata as nbformat.IBaseCellMetadata };
  switch (cell.cellType) {
    case 'code':
      return { ...base, cell_type: 'code', outputs: cell.outputs, execution_count: cell.executionCount };
    case 'markdown':
      return { ...base, cell_type: 'markdown', ...(cell.attachments ? { attachments: cell.attachments as nbformat.IAttachments } : {}) };
    default:
      return { ...base, cell_type: 'raw' };
  }
}
