package io.jotter.kernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturedStreamTest {
    private final List<String> sent = new ArrayList<>();
    private final CapturedStream stream = new CapturedStream("stdout", (name, text) -> sent.add(text), 1 << 20);

    private void print(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        stream.write(bytes, 0, bytes.length);
    }

    @Test
    void anUnfinishedLineWaitsAcrossTimerTicksToBecomeTheInputPrompt() {
        print("ready\nYour name: ");
        for (int tick = 0; tick < 5; tick++) {
            stream.drainHoldingFreshPrompt(10_000_000_000L);
        }
        assertEquals(List.of("ready\n"), sent, "complete lines go at once, the prompt waits");
        assertEquals("Your name: ", stream.drainAllButUnfinishedLine());
        stream.drain();
        assertEquals(List.of("ready\n"), sent, "the prompt is not also sent as output");
    }

    @Test
    void anOldUnfinishedLineIsSentAfterAll() throws InterruptedException {
        print("dots...");
        stream.drainHoldingFreshPrompt(50_000_000L);
        assertEquals(List.of(), sent);
        Thread.sleep(80);
        stream.drainHoldingFreshPrompt(50_000_000L);
        assertEquals(List.of("dots..."), sent);
    }

    @Test
    void aProgressLineRedrawnWithCarriageReturnIsNeverHeld() {
        print("\rEpoch 3/10");
        stream.drainHoldingFreshPrompt(10_000_000_000L);
        assertEquals(List.of("\rEpoch 3/10"), sent);
    }

    @Test
    void aCharacterCutInHalfWaitsForItsOtherHalf() {
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
        stream.write(euro, 0, 1);
        stream.drain();
        assertEquals(List.of(), sent);
        stream.write(euro, 1, euro.length - 1);
        stream.drain();
        assertEquals(List.of("€\n"), sent);
    }
}
