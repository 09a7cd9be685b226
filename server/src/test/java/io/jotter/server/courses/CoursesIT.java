package io.jotter.server.courses;

import static io.jotter.server.courses.Classroom.INSTRUCTOR;
import static io.jotter.server.courses.Classroom.OTHER_STUDENT;
import static io.jotter.server.courses.Classroom.STUDENT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jotter.server.TestAuth;
import io.jotter.server.accounts.AccountsProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A course's life with real accounts from the real Keycloak: instructor1 creates a course and publishes
 * a notebook, students join by code, start their own copies, submit and resubmit, and read the
 * instructor's feedback.
 */
@QuarkusTest
@TestProfile(AccountsProfile.class)
@TestAuth.SendsNoToken
class CoursesIT {
    @TestHTTPResource("/")
    URI base;

    private Classroom classroom;

    @BeforeEach
    void classroom() {
        classroom = new Classroom(base);
    }

    @Test
    void fromPublishingToFeedback() {
        String original = "homework-" + classroom.run + ".ipynb";
        classroom.putNotebook(INSTRUCTOR, original, "// TODO: compute the answer");

        Classroom.Course course = classroom.course(INSTRUCTOR, "Java 101");
        classroom.as(INSTRUCTOR).get(course.url()).then().statusCode(200)
                .body("role", equalTo("instructor")).body("teaches", equalTo(true))
                .body("invite_code", matchesPattern("[0-9A-Z]{16}"));
        String assignment = classroom.publish(INSTRUCTOR, course, "Homework 1", original,
                Instant.now().plus(Duration.ofDays(7)));
        // Editing the original after publishing does not reach the assignment.
        classroom.putNotebook(INSTRUCTOR, original, "// instructor's solution, never handed out");

        // Joining is forgiving about how the code is typed, and idempotent.
        String typed = course.inviteCode().toLowerCase().replaceAll("(.{4})(?!$)", "$1-");
        for (int i = 0; i < 2; i++) {
            classroom.as(STUDENT).body(Map.of("invite_code", typed)).post("/api/jotter/courses/join")
                    .then().statusCode(200).body("id", equalTo((int) course.id()))
                    .body("role", equalTo("student")).body("$", not(hasKey("invite_code")));
        }
        classroom.as(STUDENT).get("/api/jotter/courses").then().statusCode(200)
                .body("find { it.id == " + course.id() + " }.title", equalTo(course.title()))
                .body("find { it.id == " + course.id() + " }", not(hasKey("invite_code")));
        classroom.as(STUDENT).get(course.url() + "/assignments").then().statusCode(200)
                .body("title", contains("Homework 1")).body("[0]", not(hasKey("source_path")))
                .body("[0]", not(hasKey("copy_path")));

        // Starting gives the student their own copy of the notebook as it was published.
        JsonPath started = classroom.as(STUDENT).post(assignment + "/start").then().statusCode(201)
                .body("created", equalTo(true)).extract().jsonPath();
        String copy = started.getString("path");
        assertEquals("courses/" + course.title() + "/Homework 1.ipynb", copy);
        assertEquals("// TODO: compute the answer", classroom.firstCell(STUDENT, copy));
        classroom.as(STUDENT).get("/api/contents/" + copy).then()
                .body("content.metadata.jotter.assignment_id", equalTo(Integer.parseInt(assignment.replaceAll(".*/", ""))));

        // The student's edits stay theirs; starting again leaves them alone.
        classroom.putNotebook(STUDENT, copy, "int answer = 42;");
        assertEquals("// instructor's solution, never handed out", classroom.firstCell(INSTRUCTOR, original));
        classroom.as(STUDENT).post(assignment + "/start").then().statusCode(200)
                .body("path", equalTo(copy)).body("created", equalTo(false));
        assertEquals("int answer = 42;", classroom.firstCell(STUDENT, copy));
        classroom.as(STUDENT).get(assignment).then().body("copy_path", equalTo(copy));

        // Submit on time, edit, resubmit: both kept, the newest counts.
        String first = classroom.submit(STUDENT, assignment);
        classroom.putNotebook(STUDENT, copy, "int answer = 43;");
        classroom.as(STUDENT).post(assignment + "/submit").then().statusCode(201)
                .body("late", equalTo(false)).body("latest", equalTo(true)).body("$", not(hasKey("content")));
        classroom.join(OTHER_STUDENT, course);
        String otherCopy = classroom.start(OTHER_STUDENT, assignment);
        assertEquals("// TODO: compute the answer", classroom.firstCell(OTHER_STUDENT, otherCopy));
        classroom.submit(OTHER_STUDENT, assignment);

        // The instructor sees every submission with its time, opens one read-only, and leaves feedback.
        JsonPath all = classroom.as(INSTRUCTOR).get(assignment + "/submissions").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(STUDENT, STUDENT, OTHER_STUDENT), all.getList("student"));
        assertEquals(List.of(false, true, true), all.getList("latest"));
        assertEquals(List.of(false, false, false), all.getList("late"));
        classroom.as(INSTRUCTOR).get(first).then().statusCode(200)
                .body("content.cells[0].source", equalTo("int answer = 42;")).body("latest", equalTo(false));
        // Read-only: there is no way to write a submission (Quarkus answers 404 for a method no resource has).
        classroom.as(INSTRUCTOR).body("{\"content\": {}}").put(first).then().statusCode(oneOf(404, 405));
        classroom.as(STUDENT).body("{}").patch(first).then().statusCode(oneOf(404, 405));
        classroom.as(INSTRUCTOR).get(first).then().body("content.cells[0].source", equalTo("int answer = 42;"));
        String latest = assignment + "/submissions/" + all.getList("id").get(1);
        classroom.as(INSTRUCTOR).body(Map.of("body", "Right answer, show your working.", "cell_id", "c1"))
                .post(latest + "/feedback").then().statusCode(201).body("author", equalTo(INSTRUCTOR))
                .body("cell_id", equalTo("c1"));
        classroom.as(INSTRUCTOR).body(Map.of("body", "Well done overall.")).post(latest + "/feedback")
                .then().statusCode(201).body("$", not(hasKey("cell_id")));
        classroom.as(INSTRUCTOR).body(Map.of("body", "?", "cell_id", "no-such-cell")).post(latest + "/feedback")
                .then().statusCode(400);

        // The student reads it, on their own submissions only.
        classroom.as(STUDENT).get(assignment + "/my-submissions").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].feedback", equalTo(List.of()))
                .body("[1].latest", equalTo(true))
                .body("[1].feedback.body", contains("Right answer, show your working.", "Well done overall."));
        classroom.as(STUDENT).get(latest).then().statusCode(200)
                .body("content.cells[0].source", equalTo("int answer = 43;"))
                .body("feedback[0].cell_id", equalTo("c1"));
        classroom.as(OTHER_STUDENT).get(assignment + "/my-submissions").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].feedback", equalTo(List.of()));

        classroom.as(INSTRUCTOR).get(course.url() + "/members").then().statusCode(200)
                .body("username", contains(INSTRUCTOR, STUDENT, OTHER_STUDENT))
                .body("role", contains("instructor", "student", "student"))
                .body("[0].display_name", equalTo("Ines Instructor"));
    }

    @Test
    void membersOfTheCoursesKeycloakGroupAreItsStudentsWithoutACode() {
        // student2 is in the local realm's group java-101; student1 is not.
        Response created = classroom.as(INSTRUCTOR).body(Map.of("title", "Grouped " + classroom.run,
                "keycloak_group", "java-101")).post("/api/jotter/courses");
        created.then().statusCode(201).body("keycloak_group", equalTo("java-101"));
        long id = ((Number) created.path("id")).longValue();
        classroom.as(OTHER_STUDENT).get("/api/jotter/courses").then().statusCode(200)
                .body("find { it.id == " + id + " }.role", equalTo("student"))
                .body("find { it.id == " + id + " }.keycloak_group", nullValue());
        classroom.as(OTHER_STUDENT).get("/api/jotter/courses/" + id).then().statusCode(200);
        classroom.as(STUDENT).get("/api/jotter/courses/" + id).then().statusCode(404);
        classroom.as(INSTRUCTOR).get("/api/jotter/courses/" + id + "/members").then().statusCode(200)
                .body("username", hasItem(OTHER_STUDENT)).body("username", not(hasItem(STUDENT)));
    }

    @Test
    void anInstructorRunsEverySubmissionAsAJobAndSeesTheResultsSideBySide() throws Exception {
        String original = "graded-" + classroom.run + ".ipynb";
        classroom.putNotebook(INSTRUCTOR, original, "System.out.println(6 * 7);");
        Classroom.Course course = classroom.course(INSTRUCTOR, "Autograding");
        String assignment = classroom.publish(INSTRUCTOR, course, "Forty-two", original,
                Instant.now().plus(Duration.ofDays(1)));
        for (String student : List.of(STUDENT, OTHER_STUDENT)) {
            classroom.join(student, course);
            classroom.start(student, assignment);
            classroom.submit(student, assignment);
        }
        classroom.as(STUDENT).body(Map.of()).post(assignment + "/jobs").then().statusCode(403);
        classroom.as(INSTRUCTOR).body(Map.of()).post(assignment + "/jobs").then().statusCode(201)
                .body("state", contains(oneOf("queued", "starting", "running"), oneOf("queued", "starting", "running")));

        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        JsonPath results;
        do {
            Thread.sleep(500);
            results = classroom.as(INSTRUCTOR).get(assignment + "/jobs").then().statusCode(200).extract().jsonPath();
        } while (!List.of("succeeded", "succeeded").equals(results.getList("job.state")) && System.nanoTime() < deadline);
        assertEquals(List.of("succeeded", "succeeded"), results.getList("job.state"), results.prettify());
        assertEquals(List.of(OTHER_STUDENT, STUDENT).stream().sorted().toList(),
                results.getList("student", String.class).stream().sorted().toList());
        assertEquals(List.of("42", "42"), results.getList("last_output", String.class).stream()
                .map(String::strip).toList());
    }

    @Test
    void aSubmissionAfterTheDueDateIsMarkedLate() {
        String original = "late-" + classroom.run + ".ipynb";
        classroom.putNotebook(INSTRUCTOR, original, "// due yesterday");
        Classroom.Course course = classroom.course(INSTRUCTOR, "Deadlines");
        String assignment = classroom.publish(INSTRUCTOR, course, "Essay", original,
                Instant.now().minus(Duration.ofDays(1)));
        classroom.join(STUDENT, course);
        classroom.start(STUDENT, assignment);
        classroom.as(STUDENT).post(assignment + "/submit").then().statusCode(201).body("late", equalTo(true));
        classroom.as(INSTRUCTOR).get(assignment + "/submissions").then().statusCode(200)
                .body("late", contains(true)).body("student", contains(STUDENT));
    }

    @Test
    void submittingNeedsACopyAndAMovedCopyIsPutBackByStartingAgain() {
        String original = "copy-" + classroom.run + ".ipynb";
        classroom.putNotebook(INSTRUCTOR, original, "// start here");
        Classroom.Course course = classroom.course(INSTRUCTOR, "Copies");
        String assignment = classroom.publish(INSTRUCTOR, course, "Lab", original, Instant.now().plus(Duration.ofDays(1)));
        classroom.join(STUDENT, course);
        classroom.as(STUDENT).post(assignment + "/submit").then().statusCode(409)
                .body("message", containsString("Start the assignment first"));
        String copy = classroom.start(STUDENT, assignment);
        classroom.as(STUDENT).delete("/api/contents/" + copy).then().statusCode(204);
        classroom.as(STUDENT).post(assignment + "/submit").then().statusCode(409).body("message", containsString("gone"));
        classroom.as(STUDENT).post(assignment + "/start").then().statusCode(201).body("path", equalTo(copy));
        assertEquals("// start here", classroom.firstCell(STUDENT, copy));
    }

    @Test
    void publishingChecksWhatItIsGiven() {
        String original = "checks-" + classroom.run + ".ipynb";
        classroom.putNotebook(INSTRUCTOR, original, "// fine");
        Classroom.Course course = classroom.course(INSTRUCTOR, "Checks");
        String url = course.url() + "/assignments";
        classroom.as(INSTRUCTOR).body(Map.of("title", "A", "path", original, "due_at", "next friday"))
                .post(url).then().statusCode(400).body("message", containsString("ISO-8601"));
        classroom.as(INSTRUCTOR).body(Map.of("title", "A", "path", original)).post(url).then().statusCode(400);
        classroom.as(INSTRUCTOR).body(Map.of("title", " ", "path", original, "due_at", "2030-01-01T00:00:00Z"))
                .post(url).then().statusCode(400);
        classroom.as(INSTRUCTOR).body(Map.of("title", "A", "path", "no-such-" + original, "due_at",
                "2030-01-01T00:00:00Z")).post(url).then().statusCode(404);
        classroom.as(INSTRUCTOR).body(Map.of("title", "A", "path", original, "due_at", "2030-01-01T09:00:00+01:00"))
                .post(url).then().statusCode(201).body("due_at", equalTo("2030-01-01T08:00:00Z"))
                .body("source_path", equalTo(original)).body("copy_path", nullValue());
        classroom.as(INSTRUCTOR).get(url).then().body("title", hasItem("A"));
    }
}
