package io.jotter.server.courses;

import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The code that enrols whoever has it in a course: 16 characters of Crockford's base32 (80 random bits
 * from a {@link java.security.SecureRandom}), too many to guess. Read back forgivingly, as people type
 * it: any case, with spaces or dashes, I and L for 1, O for 0.
 */
public record InviteCode(String value) {
    static final int LENGTH = 16;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public InviteCode {
        if (value.length() != LENGTH || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not an invite code");
        }
    }

    public static InviteCode random(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new InviteCode(code.toString());
    }

    /** What someone typed, as a code; empty when it cannot be one (then no course has it). */
    public static Optional<InviteCode> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT)
                .replace('I', '1').replace('L', '1').replace('O', '0');
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new InviteCode(code));
    }
}
