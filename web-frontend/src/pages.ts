import { showAssignment, showCourse, showCourseList, showSubmission } from './courses/pages';
import { FileBrowser } from './files/browser';
import { showJobs } from './jobs/page';
import { openNotebook } from './notebook/page';
import { routeOf } from './routes';
import { showReservations } from './reservations/page';
import { openShared } from './sharing/shared-page';
import { showUsage } from './usage/page';

/**
 * The page for the current address. Loaded only once signed in (see main.ts): the API's managers start
 * polling as soon as they exist, and must not ask before they can carry a token.
 */
export async function showPage(root: HTMLElement): Promise<void> {
  const route = routeOf(location.pathname);
  switch (route.page) {
    case 'notebook':
      return openNotebook(root, route.path);
    case 'shared':
      return openShared(root, route.ref);
    case 'tree':
      return new FileBrowser(root, route.path).show();
    case 'courses':
      return showCourseList(root);
    case 'course':
      return showCourse(root, route.course);
    case 'assignment':
      return showAssignment(root, route.course, route.assignment);
    case 'submission':
      return showSubmission(root, route.course, route.assignment, route.submission);
    case 'usage':
      return showUsage(root);
    case 'reservations':
      return showReservations(root);
    case 'jobs':
      return showJobs(root);
  }
}
