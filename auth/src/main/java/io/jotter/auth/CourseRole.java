package io.jotter.auth;

import java.util.Locale;

/** What a person is in one course: who teaches it, or who takes it. Stored in lower case. */
public enum CourseRole {
    INSTRUCTOR, STUDENT;

    /** The stored name ({@code instructor}, {@code student}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CourseRole fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
