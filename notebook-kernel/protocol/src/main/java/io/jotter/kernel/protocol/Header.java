package io.jotter.kernel.protocol;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A message header.
 *
 * @param msgId unique per message
 * @param session unique per process that sends; the kernel keeps one for its life
 * @param username the user on whose behalf the message was sent
 * @param date ISO 8601 time of creation
 * @param msgType the message type, for example {@code execute_request}
 * @param version the protocol version, {@value #PROTOCOL_VERSION} for what this kernel sends
 */
public record Header(String msgId, String session, String username, String date, String msgType, String version) {

    public static final String PROTOCOL_VERSION = "5.3";

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public static Header create(String msgType, String session, String username) {
        return new Header(UUID.randomUUID().toString(), session, username,
                OffsetDateTime.now(ZoneOffset.UTC).format(ISO), msgType, PROTOCOL_VERSION);
    }
}
