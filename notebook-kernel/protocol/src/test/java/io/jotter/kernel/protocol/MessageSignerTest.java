package io.jotter.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSignerTest {
    @Test
    void matchesAKnownHmacSha256() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), split over two frames.
        MessageSigner signer = new MessageSigner("key");
        String signature = signer.sign(List.of("The quick brown fox ".getBytes(StandardCharsets.UTF_8),
                "jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
        assertEquals("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
    }

    @Test
    void verifiesOnlyTheRightSignature() {
        MessageSigner signer = new MessageSigner("key");
        List<byte[]> parts = List.of("a".getBytes(StandardCharsets.UTF_8));
        assertTrue(signer.verify(signer.sign(parts), parts));
        assertFalse(signer.verify(new MessageSigner("other").sign(parts), parts));
        assertFalse(signer.verify("", parts));
    }
}
