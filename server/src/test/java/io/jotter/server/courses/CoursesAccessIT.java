package io.jotter.server.courses;

import static io.jotter.server.courses.Classroom.ADMIN;
import static io.jotter.server.courses.Classroom.INSTRUCTOR;
import static io.jotter.server.courses.Classroom.OTHER_STUDENT;
import static io.jotter.server.courses.Classroom.STUDENT;
import static io.jotter.server.courses.Classroom.assertNothingLeaks;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jotter.server.TestAuth;
import io.jotter.server.accounts.AccountsProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Courses as an attacker meets them, with real tokens from the real Keycloak. In {@code shared},
 * instructor1 teaches student1 and student2; {@code admins} is admin1's course that student1 takes,
 * where student2 and instructor1 are outsiders. Outsiders get 404 for everything, whatever ids they use,
 * with the same body as for a course that does not exist; members get 403 for what is not theirs to
 * do and 404 for others' submissions; no error body names anything of a course or anyone in it.
 */
@QuarkusTest
@TestProfile(AccountsProfile.class)
@TestAuth.SendsNoToken
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoursesAccessIT {
    private static final String ANSWER = "int secretAnswer = 42;";

    @TestHTTPResource("/")
    URI base;

    private Classroom classroom;
    private Classroom.Course shared;
    private String sharedAssignment;
    private String studentsSubmission;
    private String otherStudentsSubmission;
    private Classroom.Course admins;
    private String adminsAssignment;
    private String adminsSubmission;

    @BeforeAll
    void twoCoursesWithSubmissions() {
        classroom = new Classroom(base);
        String notebook = "access-" + classroom.run + ".ipynb";
        classroom.putNotebook(INSTRUCTOR, notebook, "// task");
        classroom.putNotebook(ADMIN, notebook, "// admin's task");
        Instant due = Instant.now().plus(Duration.ofDays(3));

        shared = classroom.course(INSTRUCTOR, "Shared");
        sharedAssignment = classroom.publish(INSTRUCTOR, shared, "Shared work", notebook, due);
        classroom.join(STUDENT, shared);
        classroom.join(OTHER_STUDENT, shared);
        classroom.putNotebook(STUDENT, classroom.start(STUDENT, sharedAssignment), ANSWER);
        studentsSubmission = classroom.submit(STUDENT, sharedAssignment);
        classroom.start(OTHER_STUDENT, sharedAssignment);
        otherStudentsSubmission = classroom.submit(OTHER_STUDENT, sharedAssignment);

        admins = classroom.course(ADMIN, "Admins only");
        adminsAssignment = classroom.publish(ADMIN, admins, "Admin work", notebook, due);
        classroom.join(STUDENT, admins);
        classroom.putNotebook(STUDENT, classroom.start(STUDENT, adminsAssignment), ANSWER);
        adminsSubmission = classroom.submit(STUDENT, adminsAssignment);
        classroom.as(ADMIN).body(Map.of("body", "secret feedback")).post(adminsSubmission + "/feedback")
                .then().statusCode(201);
    }

    /** Every request of the courses API on one course's things, as {@code user}. */
    private List<Response> everyRequest(String user, String course, String assignment, String submission) {
        Function<String, Response> get = url -> classroom.as(user).get(url);
        Function<String, Response> post = url -> classroom.as(user).post(url);
        List<Response> answers = new ArrayList<>();
        answers.add(get.apply(course));
        answers.add(get.apply(course + "/members"));
        answers.add(classroom.as(user).delete(course + "/members/" + STUDENT));
        answers.add(get.apply(course + "/assignments"));
        answers.add(classroom.as(user).body(Map.of("title", "x", "path", "x.ipynb", "due_at", "2030-01-01T00:00:00Z"))
                .post(course + "/assignments"));
        answers.add(get.apply(assignment));
        answers.add(post.apply(assignment + "/start"));
        answers.add(post.apply(assignment + "/submit"));
        answers.add(get.apply(assignment + "/submissions"));
        answers.add(get.apply(assignment + "/my-submissions"));
        answers.add(get.apply(submission));
        answers.add(classroom.as(user).body(Map.of("body", "mine now")).post(submission + "/feedback"));
        return answers;
    }

    private static String swapCourse(String url, Classroom.Course from, Classroom.Course to) {
        return url.replace(from.url() + "/", to.url() + "/");
    }

    @Test
    void outsidersGetTheSameNotFoundAsForACourseThatDoesNotExist() {
        String nowhere = "/api/jotter/courses/999999999999";
        String notFound = classroom.as(OTHER_STUDENT).get(nowhere).then().statusCode(404).extract().asString();
        for (String outsider : List.of(OTHER_STUDENT, INSTRUCTOR)) {
            for (Response answer : everyRequest(outsider, admins.url(), adminsAssignment, adminsSubmission)) {
                assertEquals(404, answer.statusCode(), outsider + ": " + answer.asString());
                assertEquals(notFound, answer.asString());
                assertNothingLeaks(answer, admins.title(), "Admin work", ADMIN, STUDENT, ANSWER, "secret");
            }
            classroom.as(outsider).get("/api/jotter/courses").then().statusCode(200)
                    .body("id", not(hasItem((int) admins.id())));
        }
        // Nothing of the course was changed by all that.
        classroom.as(ADMIN).get(admins.url() + "/members").then().body("username", hasItem(STUDENT));
        classroom.as(ADMIN).get(admins.url() + "/assignments").then().body("size()", equalTo(1));
        classroom.as(ADMIN).get(adminsSubmission).then().body("feedback.size()", equalTo(1));
    }

    @Test
    void idsFromAnotherCourseOrThatAreNoNumbersFindNothing() {
        // student2 is a member of the shared course: its URL with the admin course's assignment and submission.
        String foreignAssignment = swapCourse(adminsAssignment, admins, shared);
        String foreignSubmission = swapCourse(adminsSubmission, admins, shared);
        String adminsSubmissionId = adminsSubmission.replaceAll(".*/", "");
        List<Response> answers = new ArrayList<>();
        for (String user : List.of(OTHER_STUDENT, INSTRUCTOR)) {
            answers.add(classroom.as(user).get(foreignAssignment));
            answers.add(classroom.as(user).get(foreignSubmission));
            answers.add(classroom.as(user).get(sharedAssignment + "/submissions/" + adminsSubmissionId));
            answers.add(classroom.as(user).get(shared.url() + "/assignments/abc"));
            answers.add(classroom.as(user).get(shared.url() + "/assignments/-1"));
            answers.add(classroom.as(user).get("/api/jotter/courses/0"));
            answers.add(classroom.as(user).get("/api/jotter/courses/1 or 1=1"));
        }
        // What each may do in the shared course, on the other course's ids.
        answers.add(classroom.as(OTHER_STUDENT).post(foreignAssignment + "/start"));
        answers.add(classroom.as(OTHER_STUDENT).post(foreignAssignment + "/submit"));
        answers.add(classroom.as(INSTRUCTOR).get(foreignAssignment + "/submissions"));
        answers.add(classroom.as(INSTRUCTOR).body(Map.of("body", "hi")).post(foreignSubmission + "/feedback"));
        answers.add(classroom.as(INSTRUCTOR).body(Map.of("body", "hi"))
                .post(sharedAssignment + "/submissions/" + adminsSubmissionId + "/feedback"));
        for (Response answer : answers) {
            assertEquals(404, answer.statusCode(), answer.asString());
            assertNothingLeaks(answer, admins.title(), "Admin work", ANSWER, "secret");
        }
        classroom.as(ADMIN).get(adminsSubmission).then().body("feedback.size()", equalTo(1));
    }

    @Test
    void aStudentCannotActAsAnInstructor() {
        classroom.as(STUDENT).body(Map.of("title", "My own course")).post("/api/jotter/courses").then()
                .statusCode(403).body("message", containsString("Only instructors and administrators create courses"));
        classroom.as(STUDENT).get(shared.url()).then().statusCode(200)
                .body("role", equalTo("student")).body("teaches", equalTo(false)).body("$", not(hasKey("invite_code")));
        List<Response> refused = List.of(
                classroom.as(STUDENT).get(shared.url() + "/members"),
                classroom.as(STUDENT).delete(shared.url() + "/members/" + OTHER_STUDENT),
                classroom.as(STUDENT).body(Map.of("title", "x", "path", "x.ipynb", "due_at", "2030-01-01T00:00:00Z"))
                        .post(shared.url() + "/assignments"),
                classroom.as(STUDENT).get(sharedAssignment + "/submissions"),
                classroom.as(STUDENT).body(Map.of("body", "A+")).post(studentsSubmission + "/feedback"),
                classroom.as(STUDENT).body(Map.of("body", "A+")).post(otherStudentsSubmission + "/feedback"));
        for (Response answer : refused) {
            assertEquals(403, answer.statusCode(), answer.asString());
            assertThat(answer.path("message"), containsString("Only the course's instructors"));
            assertNothingLeaks(answer, OTHER_STUDENT, shared.inviteCode(), ANSWER);
        }
        // Instructors do not start or submit copies of their own assignments.
        classroom.as(INSTRUCTOR).post(sharedAssignment + "/start").then().statusCode(403)
                .body("message", containsString("Only students enrolled"));
        classroom.as(OTHER_STUDENT).get(shared.url() + "/members").then().statusCode(403);
    }

    private static void assertThat(String actual, org.hamcrest.Matcher<String> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }

    @Test
    void aStudentSeesNeitherAnotherStudentsSubmissionNorItsFeedback() {
        classroom.as(INSTRUCTOR).body(Map.of("body", "feedback for student1 only")).post(studentsSubmission + "/feedback")
                .then().statusCode(201);
        Response theirs = classroom.as(OTHER_STUDENT).get(studentsSubmission);
        assertEquals(404, theirs.statusCode());
        assertNothingLeaks(theirs, STUDENT + "\"", ANSWER, "feedback for student1");
        Response own = classroom.as(OTHER_STUDENT).get(sharedAssignment + "/my-submissions");
        own.then().statusCode(200).body("student", not(hasItem(STUDENT)));
        assertNothingLeaks(own, "feedback for student1", ANSWER);
        classroom.as(STUDENT).get(otherStudentsSubmission).then().statusCode(404);
        classroom.as(STUDENT).get(studentsSubmission).then().statusCode(200)
                .body("feedback.body", hasItem("feedback for student1 only"));
    }

    @Test
    void joiningTakesTheRightCode() {
        for (String code : List.of("AAAAAAAAAAAAAAAA", "", "not a code at all", shared.inviteCode() + "0",
                shared.inviteCode().substring(1))) {
            Response answer = classroom.as(OTHER_STUDENT).body(Map.of("invite_code", code)).post("/api/jotter/courses/join");
            assertEquals(404, answer.statusCode(), code);
            answer.then().body("message", equalTo("No course has that invite code."));
        }
        classroom.as(OTHER_STUDENT).body("{}").post("/api/jotter/courses/join").then().statusCode(404);
        // The instructor joining with their own code stays its instructor.
        classroom.join(INSTRUCTOR, shared);
        classroom.as(INSTRUCTOR).get(shared.url()).then().body("role", equalTo("instructor"));
    }

    @Test
    void aRemovedStudentSeesNothingMoreOfTheCourse() {
        Classroom.Course course = classroom.course(INSTRUCTOR, "Short stay");
        classroom.join(OTHER_STUDENT, course);
        classroom.as(OTHER_STUDENT).get(course.url()).then().statusCode(200);
        classroom.as(INSTRUCTOR).delete(course.url() + "/members/" + OTHER_STUDENT).then().statusCode(204);
        classroom.as(OTHER_STUDENT).get(course.url()).then().statusCode(404);
        classroom.as(OTHER_STUDENT).get(course.url() + "/assignments").then().statusCode(404);
        classroom.as(INSTRUCTOR).delete(course.url() + "/members/" + OTHER_STUDENT).then().statusCode(404);
        classroom.as(INSTRUCTOR).delete(course.url() + "/members/" + INSTRUCTOR).then().statusCode(409);
    }

    @Test
    void anAdministratorTeachesEveryCourse() {
        classroom.as(ADMIN).get(shared.url()).then().statusCode(200).body("teaches", equalTo(true))
                .body("invite_code", equalTo(shared.inviteCode()));
        classroom.as(ADMIN).get(sharedAssignment + "/submissions").then().statusCode(200)
                .body("student", hasItem(STUDENT));
        classroom.as(ADMIN).get(studentsSubmission).then().statusCode(200);
        classroom.as(ADMIN).get("/api/jotter/courses").then().body("id", not(hasItem((int) shared.id())));
    }

    @Test
    void withoutATokenNothingAnswers() {
        for (String url : List.of("/api/jotter/courses", shared.url(), sharedAssignment + "/submissions")) {
            Response answer = classroom.anyone().get(url);
            assertEquals(401, answer.statusCode());
            assertNothingLeaks(answer, shared.title());
        }
        classroom.anyone().body(Map.of("invite_code", shared.inviteCode())).post("/api/jotter/courses/join")
                .then().statusCode(401);
        // The courses' pages are open, as the file browser's are: the page signs in, then asks the API.
        for (String page : List.of("/courses", shared.url().replace("/api/jotter", ""))) {
            Response answer = classroom.anyone().accept("text/html").get(page);
            assertEquals(200, answer.statusCode(), page);
            assertNothingLeaks(answer, shared.title(), shared.inviteCode());
        }
    }
}
