package io.jotter.server.courses;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A course: its title, and the invite code that enrols whoever has it as a student. */
@Entity
@Table(name = "courses")
public class Course {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String title;

    @Column(name = "invite_code", nullable = false)
    private String inviteCode;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The Keycloak group whose members are the course's students without an invite code; or null. */
    @Column(name = "keycloak_group")
    private String keycloakGroup;

    protected Course() {
        // for Hibernate
    }

    public Course(String title, InviteCode inviteCode, String createdBy, Instant createdAt, String keycloakGroup) {
        this.title = title;
        this.inviteCode = inviteCode.value();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.keycloakGroup = keycloakGroup;
    }

    public long id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String inviteCode() {
        return inviteCode;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String keycloakGroup() {
        return keycloakGroup;
    }
}
