package io.jotter.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookTest {
    /** What reached the sink, one line per call. */
    private static final class RecordingSink implements DisplaySink {
        final List<String> calls = new ArrayList<>();

        @Override
        public void display(MimeBundle bundle, String displayIdOrNull) {
            calls.add("display " + displayIdOrNull + " " + bundle.data());
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            calls.add("update " + displayId + " " + bundle.data());
        }

        @Override
        public void clearOutput(boolean wait) {
            calls.add("clear " + wait);
        }
    }

    @Test
    void displaysGoToTheBoundSinkWithTheirIds() {
        RecordingSink sink = new RecordingSink();
        String id = "table";
        try (DisplayBinding binding = DisplayBinding.bind(sink)) {
            Notebook.display(Notebook.html("<b>1</b>"), id);
            Notebook.updateDisplay(id, 2);
            Notebook.display("no id");
            Notebook.display("x", "progress");
            Notebook.clearOutput(true);
            Notebook.clearOutput();
        }
        Notebook.clearOutput();

        assertEquals(List.of(
                "display " + id + " {\"text/plain\":\"<b>1</b>\",\"text/html\":\"<b>1</b>\"}",
                "update " + id + " {\"text/plain\":\"2\"}",
                "display null {\"text/plain\":\"no id\"}",
                "display progress {\"text/plain\":\"x\"}",
                "clear true",
                "clear false"), sink.calls, "nothing after the binding closed");
        assertEquals(null, DisplayBinding.current());
    }

    @Test
    void withoutASinkTextGoesToStandardOut() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Notebook.display(new int[] {1, 2});
            Notebook.clearOutput();
        } finally {
            System.setOut(original);
        }
        assertEquals("[1, 2]" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }
}
