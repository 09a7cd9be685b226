/**
 * {@code /api/jotter/courses}: courses, their members (enrolled by invite code), assignments (an
 * instructor's notebook frozen when published, with a due date), each student's own copy of an
 * assignment in their contents tree, submissions (frozen copies of that copy, every one kept, the latest
 * counting) and the instructors' feedback on them.
 *
 * <p>Who may do what is {@link io.jotter.auth.CoursePolicy}'s rule; {@link io.jotter.server.courses.CourseGuard}
 * applies it to every request before anything of a course is read, and someone with no part in a course
 * is answered 404 for all of it. Notebooks are read from and added to users' trees only through
 * {@link io.jotter.server.contents.ContentsService}, as the signed-in user; nothing here writes the
 * {@code notebooks} table or knows about kernels.
 */
package io.jotter.server.courses;
