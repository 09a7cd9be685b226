package io.jotter.server.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A course as its members see it.
 *
 * @param role        the caller's part in it: {@code instructor}, {@code student}, or null for an
 *                    administrator who is no member
 * @param teaches     whether the caller may act as its instructor (instructors, administrators)
 * @param inviteCode  the code that enrols students; only for those who teach it, absent for others
 */
public record CourseView(long id, String title, String role, boolean teaches, String createdBy, Instant createdAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String inviteCode,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String keycloakGroup) {
}
