package io.jotter.server.courses;

/** Titles of courses and assignments: present, one line, at most 200 characters (as the tables check). */
final class Titles {
    static final int LONGEST = 200;

    private Titles() {
    }

    static String require(String title, String what) {
        String stripped = title == null ? "" : title.strip();
        if (stripped.isEmpty()) {
            throw new BadCourseRequestException(what + " needs a title");
        }
        if (stripped.length() > LONGEST) {
            throw new BadCourseRequestException(what + " title is longer than " + LONGEST + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new BadCourseRequestException(what + " title must be one line, without control characters");
        }
        return stripped;
    }
}
