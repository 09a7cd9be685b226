package io.jotter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.auth.ShareRole.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShareRoleTest {
    @Test
    void eachRoleIncludesTheOnesBeforeIt() {
        assertTrue(ShareRole.VIEWER.allows(Action.READ));
        assertTrue(ShareRole.VIEWER.allows(Action.COPY));
        assertFalse(ShareRole.VIEWER.allows(Action.COMMENT));
        assertTrue(ShareRole.COMMENTER.allows(Action.COMMENT));
        assertFalse(ShareRole.COMMENTER.allows(Action.EDIT));
        assertTrue(ShareRole.EDITOR.allows(Action.EDIT));
        assertTrue(ShareRole.EDITOR.allows(Action.RESTORE));
        assertFalse(ShareRole.COMMENTER.allows(Action.RESTORE));
    }

    @Test
    void namesInTheApiAreLowerCase() {
        assertEquals(Optional.of(ShareRole.COMMENTER), ShareRole.fromApiName("commenter"));
        assertEquals(Optional.empty(), ShareRole.fromApiName("owner"));
        assertEquals("editor", ShareRole.EDITOR.apiName());
    }
}
