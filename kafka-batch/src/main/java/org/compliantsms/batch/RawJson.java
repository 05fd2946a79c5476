package org.compliantsms.batch;

import java.nio.charset.StandardCharsets;

/** Looks into an encoded event without decoding it, for {@link BatchHandler#concerns}. */
public final class RawJson {
    private RawJson() {
    }

    /**
     * Whether the JSON text may have a member of this name: false only when the quoted name appears nowhere in it.
     * The contract's encoder leaves absent (null) fields out, so an event without the member has no such text. A
     * name written with escape sequences would not be seen; the platform's producers never write one.
     */
    public static boolean mayHaveMember(byte[] json, String name) {
        if (json == null) {
            return true; // let the decoder dead-letter it
        }
        byte[] quoted = ('"' + name + '"').getBytes(StandardCharsets.UTF_8);
        outer: for (int i = 0; i <= json.length - quoted.length; i++) {
            for (int j = 0; j < quoted.length; j++) {
                if (json[i + j] != quoted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
