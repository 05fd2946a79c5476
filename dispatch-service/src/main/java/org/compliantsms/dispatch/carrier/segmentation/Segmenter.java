package org.compliantsms.dispatch.carrier.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.text.SmppDataCoding;
import org.jboss.logging.Logger;
import org.jsmpp.bean.OptionalParameter;

/**
 * Turns a message into its submit_sm parts for one carrier, in the carrier's {@link Segmentation}. GSM-7 goes as
 * unpacked septets (one per octet, data_coding 0) in every mode, as single messages do; a header, when there is
 * one, goes in front of the part's septets. The concatenation reference is a counter per carrier, started at random
 * so that a restarted dispatcher does not reuse the references of the messages it sent just before.
 */
public final class Segmenter {
    private static final Logger LOG = Logger.getLogger(Segmenter.class);
    /** short_message holds at most 254 octets; a longer single part goes in the message_payload TLV. */
    static final int SHORT_MESSAGE_MAX = 254;
    /** esm_class bit 6: short_message starts with a user data header. */
    static final byte UDHI = 0x40;
    private static final byte NO_ESM_CLASS = 0;
    private static final OptionalParameter[] NO_TLVS = new OptionalParameter[0];

    private final Segmentation mode;
    private final AtomicBoolean mismatchReported = new AtomicBoolean();
    private final AtomicInteger reference = new AtomicInteger(ThreadLocalRandom.current().nextInt());

    public Segmenter(Segmentation mode) {
        this.mode = mode;
    }

    public Segmentation mode() {
        return mode;
    }

    /**
     * The message's body in the encoding compliance decided (a GSM7 text with a character outside the alphabet goes
     * as UCS-2), cut by the rules compliance counted its segments with.
     *
     * @throws IllegalArgumentException when the text needs more than {@value Segmentation#MAX_PARTS} parts
     */
    public SegmentedMessage segment(MessageApproved message) {
        String body = message.body();
        int dataCoding = message.encoding() == Encoding.GSM7 ? SmppDataCoding.dataCodingFor(body)
                : SmppDataCoding.UCS2;
        List<String> texts = TextSplitter.split(body, dataCoding == SmppDataCoding.GSM7, mode);
        if (texts.size() != message.segments() && mode.countsAsCompliance() && !mismatchReported.getAndSet(true)) {
            LOG.warnf("message %s: compliance counted %d segments, %s splits it into %d (reported once)",
                    message.messageId(), message.segments(), mode, texts.size());
        }
        if (texts.size() == 1) {
            return new SegmentedMessage(dataCoding, List.of(single(SmppDataCoding.encode(body, dataCoding))));
        }
        if (texts.size() > Segmentation.MAX_PARTS) {
            throw new IllegalArgumentException("the text needs " + texts.size() + " parts, more than the "
                    + Segmentation.MAX_PARTS + " a concatenated SMS can have");
        }
        int ref = reference.getAndIncrement();
        List<SubmitPart> parts = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            byte[] bytes = SmppDataCoding.encode(texts.get(i), dataCoding);
            parts.add(part(bytes, ref, texts.size(), i + 1));
        }
        return new SegmentedMessage(dataCoding, List.copyOf(parts));
    }

    private static SubmitPart single(byte[] bytes) {
        if (bytes.length <= SHORT_MESSAGE_MAX) {
            return new SubmitPart(bytes, NO_ESM_CLASS, NO_TLVS);
        }
        return new SubmitPart(new byte[0], NO_ESM_CLASS, new OptionalParameter[] {
                new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), bytes) });
    }

    private SubmitPart part(byte[] bytes, int ref, int total, int seq) {
        return switch (mode) {
            case UDH8 -> new SubmitPart(withHeader(new byte[] { 0x05, 0x00, 0x03, (byte) ref, (byte) total,
                    (byte) seq }, bytes), UDHI, NO_TLVS);
            case UDH16 -> new SubmitPart(withHeader(new byte[] { 0x06, 0x08, 0x04, (byte) (ref >> 8), (byte) ref,
                    (byte) total, (byte) seq }, bytes), UDHI, NO_TLVS);
            case SAR -> new SubmitPart(bytes, NO_ESM_CLASS, new OptionalParameter[] {
                    new OptionalParameter.Sar_msg_ref_num((short) ref),
                    new OptionalParameter.Sar_total_segments((byte) total),
                    new OptionalParameter.Sar_segment_seqnum((byte) seq) });
            case PAYLOAD -> throw new IllegalStateException("message_payload is never split");
        };
    }

    private static byte[] withHeader(byte[] header, byte[] bytes) {
        byte[] out = new byte[header.length + bytes.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(bytes, 0, out, header.length, bytes.length);
        return out;
    }
}
