package io.jotter.server.courses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jotter.server.accounts.Keycloak;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The courses API as the tests' people use it, with real tokens from the real Keycloak: a fluent way
 * to set up a course, an assignment and submissions, so each test says only what it is about. Titles
 * carry a random run id: the tests' database outlives a run.
 */
final class Classroom {
    static final String INSTRUCTOR = "instructor1";
    static final String ADMIN = "admin1";
    static final String STUDENT = "student1";
    static final String OTHER_STUDENT = "student2";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    private final URI base;
    private final Map<String, String> tokens = new HashMap<>();

    Classroom(URI base) {
        this.base = base;
    }

    RequestSpecification anyone() {
        return given().baseUri("http://" + base.getHost()).port(base.getPort()).contentType("application/json");
    }

    RequestSpecification as(String user) {
        return anyone().auth().oauth2(tokens.computeIfAbsent(user, Keycloak::token));
    }

    /** A notebook of one code cell (id {@code c1}) in the user's tree, made or replaced. */
    void putNotebook(String user, String path, String source) {
        as(user).body("""
                        {"type": "notebook", "content": {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                         "cells": [{"cell_type": "code", "id": "c1", "source": "%s", "metadata": {},
                                    "outputs": [], "execution_count": null}]}}""".formatted(source))
                .put("/api/contents/" + path).then().statusCode(oneOf(200, 201));
    }

    String firstCell(String user, String path) {
        return as(user).get("/api/contents/" + path).then().statusCode(200).extract().path("content.cells[0].source");
    }

    /** A course and its invite code. */
    record Course(long id, String title, String inviteCode) {
        String url() {
            return "/api/jotter/courses/" + id;
        }
    }

    Course course(String instructor, String title) {
        Response created = as(instructor).body(Map.of("title", title + " " + run)).post("/api/jotter/courses");
        created.then().statusCode(201);
        return new Course(((Number) created.path("id")).longValue(), created.path("title"), created.path("invite_code"));
    }

    void join(String student, Course course) {
        as(student).body(Map.of("invite_code", course.inviteCode())).post("/api/jotter/courses/join")
                .then().statusCode(200);
    }

    /** Publishes the instructor's notebook at {@code path}; returns the assignment's URL. */
    String publish(String instructor, Course course, String title, String path, Instant due) {
        Response published = as(instructor).body(Map.of("title", title, "path", path, "due_at", due.toString()))
                .post(course.url() + "/assignments");
        published.then().statusCode(201);
        return course.url() + "/assignments/" + published.path("id");
    }

    /** Starts the assignment as the student and returns their copy's path. */
    String start(String student, String assignment) {
        return as(student).post(assignment + "/start").then().statusCode(oneOf(200, 201))
                .extract().path("path");
    }

    /** Submits the student's copy; returns the submission's URL. */
    String submit(String student, String assignment) {
        Response submitted = as(student).post(assignment + "/submit");
        submitted.then().statusCode(201);
        return assignment + "/submissions/" + submitted.path("id");
    }

    /** An error body says what went wrong without naming anything of the course or anyone in it. */
    static void assertNothingLeaks(Response answer, String... secrets) {
        String body = answer.asString();
        for (String secret : secrets) {
            assertFalse(body.contains(secret), () -> "'" + secret + "' in " + body);
        }
        assertFalse(body.contains("Exception"), body);
    }
}
