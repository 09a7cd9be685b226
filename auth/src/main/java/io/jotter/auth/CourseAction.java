package io.jotter.auth;

/** What someone may ask of a course they can name by id; {@link CoursePolicy} decides. */
public enum CourseAction {
    /** See the course, its assignments, and their own part in it. */
    VIEW,
    /** Read the invite code, list and remove members. */
    MANAGE_MEMBERS,
    /** Publish one of their notebooks as an assignment. */
    PUBLISH,
    /** List every student's submissions of an assignment, and leave feedback on them. */
    REVIEW,
    /** Reserve runtimes for the course's students (a lab session, an exam). */
    RESERVE_RUNTIMES,
    /** Get their own copy of an assignment, and submit it. */
    WORK_ON_ASSIGNMENTS
}
