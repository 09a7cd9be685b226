package io.jotter.server.courses;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/**
 * 404: no such course, assignment, submission or member, or one the caller has no part in; the two
 * read the same, and the message never names what was asked for.
 */
public class CourseNotFoundException extends ApiException {
    private CourseNotFoundException(String message) {
        super(Response.Status.NOT_FOUND, message);
    }

    static CourseNotFoundException course() {
        return new CourseNotFoundException("No such course.");
    }

    static CourseNotFoundException inviteCode() {
        return new CourseNotFoundException("No course has that invite code.");
    }

    static CourseNotFoundException assignment() {
        return new CourseNotFoundException("No such assignment in this course.");
    }

    static CourseNotFoundException submission() {
        return new CourseNotFoundException("No such submission.");
    }

    static CourseNotFoundException member() {
        return new CourseNotFoundException("No such member of this course.");
    }
}
