package io.jotter.server.contents;

import java.util.Locale;

/** The three kinds of entry in Jupyter's contents API; stored and sent in lower case. */
public enum ContentType {
    NOTEBOOK, FILE, DIRECTORY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A client's type; null or empty means "not said". Jupyter refuses names it does not know. */
    public static ContentType parse(String wireName) {
        if (wireName == null || wireName.isEmpty()) {
            return null;
        }
        for (ContentType type : values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new BadContentsRequestException("Type '" + wireName + "' is invalid", "bad type");
    }
}
