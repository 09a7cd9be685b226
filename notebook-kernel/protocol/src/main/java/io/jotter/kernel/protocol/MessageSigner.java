package io.jotter.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over header, parent header, metadata and content, as hex. With an empty key the
 * signature is the empty string, as the protocol allows. Thread-safe: each call gets its own Mac.
 */
public final class MessageSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public MessageSigner(String key) {
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The signature of the given frames, in order. */
    public String sign(List<byte[]> parts) {
        if (key == null) {
            return "";
        }
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Whether {@code signature} is the right one for the frames; compared in constant time. */
    public boolean verify(String signature, List<byte[]> parts) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
