package io.jotter.kernel.io;

/** Finding where UTF-8 text can be cut without splitting a character. */
final class Utf8 {
    private Utf8() {
    }

    /** The length of the longest prefix of {@code bytes} that ends on a character boundary. */
    static int completeLength(byte[] bytes) {
        int n = bytes.length;
        // A character is at most 4 bytes: look back at most 3 for the start of an unfinished one.
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // continuation byte
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
