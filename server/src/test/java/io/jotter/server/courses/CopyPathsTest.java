package io.jotter.server.courses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.server.contents.ContentsPath;
import org.junit.jupiter.api.Test;

class CopyPathsTest {
    @Test
    void aCopyGoesUnderCoursesAndTheCourseTitle() {
        assertEquals(new ContentsPath("courses/Java 101/Homework 1.ipynb"), CopyPaths.of("Java 101", "Homework 1", 1));
        assertEquals(new ContentsPath("courses/Java 101/Homework 1 (2).ipynb"),
                CopyPaths.of("Java 101", "Homework 1", 2));
        assertEquals(new ContentsPath("courses/Java 101/lab.ipynb"), CopyPaths.of("Java 101", "lab.ipynb", 1));
    }

    @Test
    void titlesCannotLeaveTheirFolder() {
        ContentsPath path = CopyPaths.of("../../etc", "a/b\\c\nd", 1);
        assertEquals("courses/-..-etc/a-b-c-d.ipynb", path.value());
        assertEquals(path, ContentsPath.parse(path.value()));
        assertEquals("courses/course/assignment.ipynb", CopyPaths.of("...", "  ", 1).value());
    }

    @Test
    void longTitlesAreCut() {
        String name = CopyPaths.name("x".repeat(500), "course");
        assertEquals(CopyPaths.LONGEST_NAME, name.length());
        assertTrue(CopyPaths.of("c", "y".repeat(500), 3).name().endsWith(" (3).ipynb"));
    }
}
