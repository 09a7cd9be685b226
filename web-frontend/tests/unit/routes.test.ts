import { describe, expect, it } from 'vitest';
import { notebookUrl, routeOf, sharedUrl, treeUrl } from '../../src/routes';

describe('routes', () => {
  it('reads the file browser, a notebook and a shared notebook from the address', () => {
    expect(routeOf('/')).toEqual({ page: 'tree', path: '' });
    expect(routeOf('/tree/a%20b/c')).toEqual({ page: 'tree', path: 'a b/c' });
    expect(routeOf('/notebooks/a/b%23.ipynb')).toEqual({ page: 'notebook', path: 'a/b#.ipynb' });
    expect(routeOf('/shared/42')).toEqual({ page: 'shared', ref: '42' });
    expect(routeOf('/shared/link-AbC_d-9')).toEqual({ page: 'shared', ref: 'link-AbC_d-9' });
  });

  it('writes addresses that read back the same', () => {
    expect(routeOf(notebookUrl('x y/z?.ipynb'))).toEqual({ page: 'notebook', path: 'x y/z?.ipynb' });
    expect(routeOf(treeUrl('f/g'))).toEqual({ page: 'tree', path: 'f/g' });
    expect(routeOf(sharedUrl(7))).toEqual({ page: 'shared', ref: '7' });
    expect(treeUrl('')).toBe('/');
  });
});
