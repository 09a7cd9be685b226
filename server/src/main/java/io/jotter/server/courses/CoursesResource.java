package io.jotter.server.courses;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code /api/jotter/courses}: courses the caller teaches or takes, joining one by invite code, and its
 * members for those who teach it. What an assignment is lives in {@link AssignmentsResource}.
 */
@Path("/api/jotter/courses")
@Produces(MediaType.APPLICATION_JSON)
public class CoursesResource {
    /** {@code {"title": "...", "keycloak_group": "..."}}: the group (optional) enrols its members as students. */
    public record NewCourse(String title, String keycloakGroup) {
    }

    /** {@code {"invite_code": "..."}} */
    public record Join(String inviteCode) {
    }

    private final CoursesService courses;

    public CoursesResource(CoursesService courses) {
        this.courses = courses;
    }

    /** 201 with the course, its invite code included; 403 for a student. */
    @POST
    public Response create(NewCourse request) {
        CourseView course = courses.create(request == null ? null : request.title(),
                request == null ? null : request.keycloakGroup());
        return Response.created(URI.create("/api/jotter/courses/" + course.id())).entity(course).build();
    }

    @GET
    public List<CourseView> mine() {
        return courses.mine();
    }

    /** Enrols the caller as a student; 404 when no course has the code. */
    @POST
    @Path("join")
    public CourseView join(Join request) {
        return courses.join(request == null ? null : request.inviteCode());
    }

    @GET
    @Path("{course}")
    public CourseView get(@PathParam("course") String course) {
        return courses.get(course);
    }

    @GET
    @Path("{course}/members")
    public List<MemberView> members(@PathParam("course") String course) {
        return courses.members(course);
    }

    @DELETE
    @Path("{course}/members/{username}")
    public Response remove(@PathParam("course") String course, @PathParam("username") String username) {
        courses.remove(course, username);
        return Response.noContent().build();
    }
}
