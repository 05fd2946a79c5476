package org.compliantsms.simulator.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.compliantsms.simulator.smpp.SubmittedMessage;

/**
 * Record lines, UTF-8: {@code <epoch microseconds>\t<destination E.164>\t<text>\n}, the text with backslash, tab,
 * newline and carriage return written as {@code \\ \t \n \r} so that a line is a message. Appended to a plain byte
 * array (not a Writer) because the record thread formats every accepted message and the profile showed it.
 */
final class RecordLine {
    private byte[] bytes = new byte[1 << 16];
    private int length;

    void append(SubmittedMessage message) {
        appendDigits(epochMicros(message.receivedAt()));
        append((byte) '\t');
        appendAscii(message.to());
        append((byte) '\t');
        byte[] text = message.text().getBytes(StandardCharsets.UTF_8);
        // In UTF-8 these four bytes only ever stand for themselves, never inside a multi-byte character.
        for (byte b : text) {
            switch (b) {
                case '\\' -> append((byte) '\\', (byte) '\\');
                case '\t' -> append((byte) '\\', (byte) 't');
                case '\n' -> append((byte) '\\', (byte) 'n');
                case '\r' -> append((byte) '\\', (byte) 'r');
                default -> append(b);
            }
        }
        append((byte) '\n');
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private void appendDigits(long value) {
        if (value < 0) {
            append((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    private void appendAscii(String value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
    }

    private void append(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void append(byte first, byte second) {
        ensure(2);
        bytes[length++] = first;
        bytes[length++] = second;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
