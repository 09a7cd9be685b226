package io.jotter.server.contents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentsPathTest {
    @Test
    void normalisesSlashesAndDots() {
        assertEquals("a/b c/d.ipynb", ContentsPath.parse("/a//b c/./d.ipynb/").value());
        assertEquals("b", ContentsPath.parse("a/../b").value());
        assertTrue(ContentsPath.parse("/").isRoot());
        assertEquals("a", ContentsPath.parse("a/b.ipynb").parent().value());
        assertEquals("b.ipynb", ContentsPath.parse("a/b.ipynb").name());
    }

    @Test
    void refusesToLeaveTheRoot() {
        assertThrows(BadContentsRequestException.class, () -> ContentsPath.parse("../x"));
        assertThrows(BadContentsRequestException.class, () -> ContentsPath.parse("a/../../x"));
    }

    @Test
    void namesUntitledAndCopiesAsJupyter() {
        Set<String> taken = Set.of("Untitled.ipynb", "Untitled Folder", "b.ipynb", "b-Copy1.ipynb", "untitled.txt");
        assertEquals("Untitled1.ipynb", UntitledNames.free("Untitled.ipynb", "", taken::contains));
        assertEquals("Untitled Folder 1", UntitledNames.free("Untitled Folder", " ", taken::contains));
        assertEquals("untitled1.txt", UntitledNames.free("untitled.txt", "", taken::contains));
        assertEquals("b-Copy2.ipynb", UntitledNames.free(UntitledNames.copyBase("b-Copy1.ipynb"), "-Copy", taken::contains));
    }
}
