import './style.css';
import { signIn } from './api/auth';
import { FileBrowser } from './files/browser';
import { openNotebook } from './notebook/page';
import { routeOf } from './routes';
import { errorText, h } from './ui/dom';

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const route = routeOf(location.pathname);
  try {
    await signIn();
    if (route.page === 'notebook') {
      await openNotebook(root, route.path);
    } else {
      await new FileBrowser(root, route.path).show();
    }
  } catch (error) {
    root.replaceChildren(h('div', { class: 'fatal' }, h('h1', {}, 'Could not open this page'), h('p', {}, errorText(error)), h('a', { href: '/' }, 'Back to your files')));
  }
}

void start();
