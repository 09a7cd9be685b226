import { FileBrowser } from './files/browser';
import { openNotebook } from './notebook/page';
import { routeOf } from './routes';
import { openShared } from './sharing/shared-page';

/**
 * The page for the current address. Loaded only once signed in (see main.ts): the API's managers start
 * polling as soon as they exist, and must not ask before they can carry a token.
 */
export async function showPage(root: HTMLElement): Promise<void> {
  const route = routeOf(location.pathname);
  if (route.page === 'notebook') {
    await openNotebook(root, route.path);
  } else if (route.page === 'shared') {
    await openShared(root, route.ref);
  } else {
    await new FileBrowser(root, route.path).show();
  }
}
