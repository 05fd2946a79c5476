package org.compliantsms.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.compliantsms.events.EventCodec;
import org.compliantsms.events.SmsEvent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Values that are not valid events, made from a valid one so that only what the test breaks is wrong. */
public final class PoisonRecords {
    private static final String MARK = "@@not-utf-8@@";

    private PoisonRecords() {
    }

    /** The event's JSON with {@code change} applied to its tree (a field removed, of the wrong type...). */
    public static byte[] changed(SmsEvent event, Consumer<ObjectNode> change) {
        ObjectNode tree = EventCodec.mapper().valueToTree(event);
        change.accept(tree);
        try {
            return EventCodec.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The event's JSON, valid in every way but one: the text field {@code field} (of the tree {@code change}
     * reaches) holds bytes that are no UTF-8 (0xC3 0x28: a lead byte without its continuation).
     */
    public static byte[] invalidUtf8(SmsEvent event, Consumer<ObjectNode> putMark) {
        byte[] json = changed(event, putMark);
        byte[] mark = MARK.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        boolean replaced = false;
        while (i < json.length) {
            if (!replaced && regionMatches(json, i, mark)) {
                out.write(0x43); // "C", then the broken sequence
                out.write(0xC3);
                out.write(0x28);
                i += mark.length;
                replaced = true;
            } else {
                out.write(json[i++]);
            }
        }
        if (!replaced) {
            throw new IllegalArgumentException("putMark must set a text field to PoisonRecords.mark()");
        }
        return out.toByteArray();
    }

    /** The text {@link #invalidUtf8} replaces with bytes that are no UTF-8. */
    public static String mark() {
        return MARK;
    }

    private static boolean regionMatches(byte[] data, int at, byte[] what) {
        if (at + what.length > data.length) {
            return false;
        }
        for (int j = 0; j < what.length; j++) {
            if (data[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }
}
