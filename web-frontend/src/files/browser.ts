import { accountBadge, signedInName } from '../api/auth';
import { sharedWithMe } from '../sharing/api';
import type { Contents } from '@jupyterlab/services';
import { contents } from '../api/connection';
import { notebookUrl, sharedUrl, treeUrl } from '../routes';
import { errorText, h } from '../ui/dom';
import { accountLinks } from '../ui/frame';

/**
 * The file browser: a folder's notebooks, files and folders, with create, rename, delete, upload
 * and download. Everything goes through /api/contents.
 */
export class FileBrowser {
  private readonly list = h('tbody');
  private readonly status = h('p', { class: 'files-status' });
  private readonly shared = h('section', { class: 'shared-with-me' });
  private listings = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly dir: string,
  ) {}

  async show(): Promise<void> {
    const upload = h('input', { type: 'file', multiple: '', hidden: '', 'aria-label': 'Upload notebooks or files' });
    upload.addEventListener('change', () => void this.upload(upload.files));
    const crumbs = h('nav', { class: 'crumbs' }, h('a', { href: treeUrl('') }, 'Home'));
    const parts = this.dir.split('/').filter(Boolean);
    parts.forEach((part, i) => crumbs.append(' / ', h('a', { href: treeUrl(parts.slice(0, i + 1).join('/')) }, part)));
    this.root.replaceChildren(
      h('header', { class: 'files-header' }, h('a', { class: 'home', href: '/' }, 'Jotter'), crumbs, ...accountLinks(), accountBadge() ?? ''),
      h(
        'div',
        { class: 'toolbar' },
        h('button', { onclick: () => void this.newNotebook() }, '+ Notebook'),
        h('button', { onclick: () => void this.newFolder() }, '+ Folder'),
        h('button', { onclick: () => upload.click() }, 'Upload'),
        upload,
      ),
      this.status,
      h('table', { class: 'files' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Modified'), h('th', {}, ''))), this.list),
      this.shared,
    );
    document.title = `${this.dir || 'Home'} – Jotter`;
    await Promise.all([this.refresh(), this.showShared()]);
  }

  /** With accounts, at home: the notebooks others shared with you, each opening read-only. */
  private async showShared(): Promise<void> {
    if (!signedInName() || this.dir) return;
    try {
      const shared = await sharedWithMe();
      this.shared.replaceChildren(
        h('h2', {}, 'Shared with you'),
        shared.length === 0
          ? h('p', { class: 'empty' }, 'Nothing yet.')
          : h('ul', { class: 'shared-list' }, ...shared.map((n) => h('li', {}, h('a', { href: sharedUrl(n.id) }, n.name), ` from ${n.owner}${n.course !== null ? ' to your course' : ''}, as ${n.role}`))),
      );
    } catch (error) {
      this.shared.replaceChildren(h('p', { class: 'files-status' }, `Could not list what is shared with you: ${errorText(error)}`));
    }
  }

  async refresh(): Promise<void> {
    // A listing asked for earlier can answer later (the page's first one, say, after an upload's): only the
    // newest is shown, or a file just uploaded or created would disappear from the list.
    const listing = ++this.listings;
    try {
      const folder = await contents.get(this.dir, { content: true });
      if (listing !== this.listings) return;
      const items = [...(folder.content as Contents.IModel[])].sort(
        (a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || a.name.localeCompare(b.name),
      );
      this.list.replaceChildren(...items.map((item) => this.row(item)));
      if (items.length === 0) this.list.append(h('tr', {}, h('td', { colspan: '3', class: 'empty' }, 'Nothing here yet: create a notebook or upload one.')));
      this.status.textContent = '';
    } catch (error) {
      if (listing !== this.listings) return;
      this.status.textContent = `Could not list ${this.dir || 'your files'}: ${errorText(error)}`;
    }
  }

  private row(item: Contents.IModel): HTMLTableRowElement {
    const href = item.type === 'directory' ? treeUrl(item.path) : item.type === 'notebook' ? notebookUrl(item.path) : null;
    const name = href ? h('a', { href }, item.name) : h('span', {}, item.name);
    const modified = item.last_modified ? new Date(item.last_modified).toLocaleString() : '';
    const actions = h(
      'td',
      { class: 'actions' },
      h('button', { onclick: () => void this.rename(item) }, 'Rename'),
      item.type === 'directory' ? '' : h('button', { onclick: () => void this.download(item) }, 'Download'),
      h('button', { onclick: () => void this.remove(item) }, 'Delete'),
    );
    return h('tr', { 'data-path': item.path }, h('td', { class: `kind-${item.type}` }, name), h('td', {}, modified), actions);
  }

  private async act(action: () => Promise<unknown>, failure: string): Promise<void> {
    try {
      await action();
      await this.refresh();
    } catch (error) {
      this.status.textContent = `${failure}: ${errorText(error)}`;
    }
  }

  private async newNotebook(): Promise<void> {
    try {
      const model = await contents.newUntitled({ path: this.dir, type: 'notebook' });
      location.assign(notebookUrl(model.path));
    } catch (error) {
      this.status.textContent = `Could not create a notebook: ${errorText(error)}`;
    }
  }

  private newFolder(): Promise<void> {
    return this.act(async () => {
      const folder = await contents.newUntitled({ path: this.dir, type: 'directory' });
      const name = prompt('Folder name', folder.name);
      if (name && name !== folder.name) await contents.rename(folder.path, join(this.dir, name));
    }, 'Could not create the folder');
  }

  private rename(item: Contents.IModel): Promise<void> {
    const name = prompt(`Rename ${item.name}`, item.name);
    if (!name || name === item.name) return Promise.resolve();
    return this.act(() => contents.rename(item.path, join(this.dir, name)), `Could not rename ${item.name}`);
  }

  private remove(item: Contents.IModel): Promise<void> {
    if (!confirm(`Delete ${item.name}${item.type === 'directory' ? ' and everything in it' : ''}?`)) return Promise.resolve();
    return this.act(() => contents.delete(item.path), `Could not delete ${item.name}`);
  }

  private async download(item: Contents.IModel): Promise<void> {
    try {
      const model = await contents.get(item.path, { content: true });
      let blob: Blob;
      if (model.type === 'notebook') {
        blob = new Blob([JSON.stringify(model.content, null, 1)], { type: 'application/x-ipynb+json' });
      } else if (model.format === 'base64') {
        const bytes = Uint8Array.from(atob(model.content as string), (c) => c.charCodeAt(0));
        blob = new Blob([bytes], { type: model.mimetype || 'application/octet-stream' });
      } else {
        blob = new Blob([model.content as string], { type: model.mimetype || 'text/plain' });
      }
      const link = h('a', { href: URL.createObjectURL(blob), download: item.name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      this.status.textContent = `Could not download ${item.name}: ${errorText(error)}`;
    }
  }

  private async upload(files: FileList | null): Promise<void> {
    for (const file of Array.from(files ?? [])) {
      await this.act(async () => {
        const path = join(this.dir, file.name);
        if (file.name.endsWith('.ipynb')) {
          await contents.save(path, { type: 'notebook', format: 'json', content: JSON.parse(await file.text()) });
        } else {
          const bytes = new Uint8Array(await file.arrayBuffer());
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          await contents.save(path, { type: 'file', format: 'base64', content: btoa(binary) });
        }
      }, `Could not upload ${file.name}`);
    }
  }
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}
