package org.compliantsms.events;

import java.util.regex.Pattern;

/** The shape of the contract's identifiers (common.v1.schema.json), for the edges that take one in a URL. */
public final class Identifiers {
    private static final Pattern MESSAGE_ID = Pattern.compile("[!-~]{1,128}");
    private static final Pattern PROGRAM_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Identifiers() {
    }

    /** A message id or event id: 1 to 128 printable ASCII characters, no spaces. */
    public static boolean isMessageId(String id) {
        return id != null && MESSAGE_ID.matcher(id).matches();
    }

    /** A program id: 1 to 64 letters, digits, dots, underscores and hyphens. */
    public static boolean isProgramId(String id) {
        return id != null && PROGRAM_ID.matcher(id).matches();
    }
}
