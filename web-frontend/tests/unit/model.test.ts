import { describe, expect, it } from 'vitest';
import type * as nbformat from '@jupyterlab/nbformat';
import { NotebookModel, type ModelChange } from '../../src/notebook/model';

function notebook(...sources: string[]): nbformat.INotebookContent {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'jotter-java', display_name: 'Java' } },
    cells: sources.map((source, i) => ({
      id: `c${i}`,
      cell_type: 'code',
      source,
      metadata: {},
      outputs: [{ output_type: 'stream', name: 'stdout', text: `out ${i}\n` }],
      execution_count: i + 1,
    })),
  };
}

function sources(model: NotebookModel): string[] {
  return model.cells.map((cell) => cell.source);
}

describe('NotebookModel', () => {
  it('loads and saves nbformat 4.5 without losing fields', () => {
    const json = notebook('int a = 1;', 'a + 1');
    (json.cells[0] as nbformat.ICodeCell).source = ['int a', ' = 1;'];
    const model = NotebookModel.fromJSON(json);
    expect(model.dirty).toBe(false);
    const saved = model.toJSON();
    expect(saved.nbformat).toBe(4);
    expect(saved.nbformat_minor).toBe(5);
    expect(saved.metadata).toEqual(json.metadata);
    expect(saved.cells[0]).toEqual({ ...json.cells[0], source: 'int a = 1;' });
    expect(saved.cells[1]).toEqual(json.cells[1]);
  });

  it('gives cells ids when an older notebook has none, and never two alike', () => {
    const json = notebook('a', 'b', 'c');
    delete json.cells[0].id;
    json.cells[2].id = 'c1';
    json.nbformat_minor = 4;
    const model = NotebookModel.fromJSON(json);
    const ids = model.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(model.toJSON().nbformat_minor).toBe(5);
  });

  it('an empty notebook still has a cell to type in', () => {
    const model = NotebookModel.fromJSON({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });
    expect(model.cells).toHaveLength(1);
    expect(model.activeCell.cellType).toBe('code');
  });

  it('tracks unsaved changes', () => {
    const model = NotebookModel.fromJSON(notebook('a'));
    const changes: ModelChange[] = [];
    model.onChange = (change) => changes.push(change);
    model.setSource(0, 'a');
    expect(model.dirty).toBe(false);
    model.setSource(0, 'b');
    expect(model.dirty).toBe(true);
    model.markClean();
    expect(model.dirty).toBe(false);
    expect(changes.filter((c) => c.kind === 'dirty')).toEqual([
      { kind: 'dirty', dirty: true },
      { kind: 'dirty', dirty: false },
    ]);
  });

  it('inserts above and below the selected cell and selects the new one', () => {
    const model = NotebookModel.fromJSON(notebook('a', 'b'));
    model.select(1);
    model.insertAbove();
    expect(sources(model)).toEqual(['a', '', 'b']);
    expect(model.activeIndex).toBe(1);
    model.insertBelow();
    expect(sources(model)).toEqual(['a', '', '', 'b']);
    expect(model.activeIndex).toBe(2);
    expect(model.dirty).toBe(true);
  });

  it('undoes deletions in reverse order, back where they were', () => {
    const model = NotebookModel.fromJSON(notebook('a', 'b', 'c'));
    model.select(1);
    model.delete();
    expect(sources(model)).toEqual(['a', 'c']);
    expect(model.activeIndex).toBe(1);
    model.select(0);
    model.delete();
    expect(sources(model)).toEqual(['c']);
    model.undoDelete();
    expect(sources(model)).toEqual(['a', 'c']);
    model.undoDelete();
    expect(sources(model)).toEqual(['a', 'b', 'c']);
    expect(model.activeIndex).toBe(1);
    expect(model.cells[1].id).toBe('c1');
    expect(model.canUndoDelete).toBe(false);
    model.undoDelete();
    expect(sources(model)).toEqual(['a', 'b', 'c']);
  });

  it('deleting the last cell leaves a blank one, and undo puts the deleted one back instead', () => {
    const model = NotebookModel.fromJSON(notebook('only'));
    model.delete();
    expect(sources(model)).toEqual(['']);
    model.undoDelete();
    expect(sources(model)).toEqual(['only']);
  });

  it('cuts, copies and pastes with fresh ids', () => {
    const model = NotebookModel.fromJSON(notebook('a', 'b', 'c'));
    model.copy(0);
    model.select(2);
    model.pasteBelow();
    expect(sources(model)).toEqual(['a', 'b', 'c', 'a']);
    expect(model.cells[3].id).not.toBe('c0');
    expect(model.cells[3].outputs).toEqual(model.cells[0].outputs);
    model.cells[3].outputs.push({ output_type: 'stream', name: 'stdout', text: 'x' });
    expect(model.cells[0].outputs).toHaveLength(1);
    model.select(1);
    model.cut();
    expect(sources(model)).toEqual(['a', 'c', 'a']);
    model.select(0);
    model.pasteAbove();
    expect(sources(model)).toEqual(['b', 'a', 'c', 'a']);
    model.undoDelete();
    expect(sources(model)).toEqual(['b', 'b', 'a', 'c', 'a']);
    expect(new Set(model.cells.map((c) => c.id)).size).toBe(5);
  });

  it('moves the selected cell and keeps it selected', () => {
    const model = NotebookModel.fromJSON(notebook('a', 'b', 'c'));
    model.move(-1);
    expect(sources(model)).toEqual(['a', 'b', 'c']);
    model.move(1);
    expect(sources(model)).toEqual(['b', 'a', 'c']);
    expect(model.activeIndex).toBe(1);
    model.move(1);
    model.move(1);
    expect(sources(model)).toEqual(['b', 'c', 'a']);
    expect(model.activeIndex).toBe(2);
  });

  it('changing a code cell to Markdown drops its outputs and count', () => {
    const model = NotebookModel.fromJSON(notebook('# Title'));
    model.setType('markdown');
    const cell = model.toJSON().cells[0];
    expect(cell.cell_type).toBe('markdown');
    expect('outputs' in cell).toBe(false);
    expect('execution_count' in cell).toBe(false);
    model.setType('code');
    expect(model.toJSON().cells[0]).toMatchObject({ outputs: [], execution_count: null });
  });

  it('keeps selection in range and switches modes', () => {
    const model = NotebookModel.fromJSON(notebook('a', 'b'));
    const changes: ModelChange[] = [];
    model.onChange = (change) => changes.push(change);
    model.select(7);
    expect(model.activeIndex).toBe(1);
    model.select(-3);
    expect(model.activeIndex).toBe(0);
    model.setMode('edit');
    model.setMode('edit');
    expect(model.mode).toBe('edit');
    expect(changes.filter((c) => c.kind === 'mode')).toHaveLength(1);
  });

  it('clears every output', () => {
    const model = NotebookModel.fromJSON(notebook('a', 'b'));
    model.clearAllOutputs();
    expect(model.cells.every((c) => c.outputs.length === 0 && c.executionCount === null)).toBe(true);
    expect(model.dirty).toBe(true);
  });
});
