package org.compliantsms.dispatch.carrier.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.text.GsmAlphabet;
import org.compliantsms.events.text.SmppDataCoding;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

/** The submit_sm parts as the carrier gets them: headers, esm_class, TLVs and the bytes behind them. */
class SegmenterTest {
    /** 250 septets: 2 parts. */
    static final String LONG_GSM = "Winter sale {20% off} until Sunday, 5€ a pair! ".repeat(5);
    /** 145 UTF-16 units: 3 parts (of 67, or of 66 with UDH16). */
    static final String LONG_UCS2 = "Скидка 20% до воскресенья 🎉 ".repeat(5);

    @Test
    void aShortTextIsOneSubmitWithoutHeaderInEveryMode() {
        for (Segmentation mode : Segmentation.values()) {
            SegmentedMessage segmented = new Segmenter(mode).segment(approve("Code 1234 {ok}"));
            assertEquals(1, segmented.parts().size());
            SubmitPart part = segmented.parts().get(0);
            assertEquals(0, part.esmClass());
            assertEquals(0, part.tlvs().length);
            assertArrayEquals(GsmAlphabet.encode("Code 1234 {ok}"), part.shortMessage());
        }
    }

    @Test
    void udh8PartsCarryAnEightBitReferenceAndTheUdhiBit() {
        Segmenter segmenter = new Segmenter(Segmentation.UDH8);
        List<SubmitPart> parts = segmenter.segment(approve(LONG_GSM)).parts();
        assertEquals(2, parts.size());
        int ref = parts.get(0).shortMessage()[3] & 0xFF;
        for (int i = 0; i < parts.size(); i++) {
            SubmitPart part = parts.get(i);
            assertEquals(Segmenter.UDHI, part.esmClass());
            byte[] header = Arrays.copyOf(part.shortMessage(), 6);
            assertArrayEquals(new byte[] { 5, 0x00, 3, (byte) ref, 2, (byte) (i + 1) }, header);
            assertTrue(part.shortMessage().length <= 6 + 153);
        }
        assertEquals(LONG_GSM, GsmAlphabet.decode(content(parts, 6)));
        // The next long message takes the next reference, wrapping at 256.
        int next = segmenter.segment(approve(LONG_GSM)).parts().get(0).shortMessage()[3] & 0xFF;
        assertEquals((ref + 1) % 256, next);
    }

    @Test
    void udh16PartsCarryASixteenBitReference() {
        Segmenter segmenter = new Segmenter(Segmentation.UDH16);
        SegmentedMessage segmented = segmenter.segment(approve(LONG_UCS2));
        assertEquals(SmppDataCoding.UCS2, segmented.dataCoding());
        List<SubmitPart> parts = segmented.parts();
        assertEquals(3, parts.size());
        byte[] first = parts.get(0).shortMessage();
        for (int i = 0; i < parts.size(); i++) {
            byte[] bytes = parts.get(i).shortMessage();
            assertEquals(Segmenter.UDHI, parts.get(i).esmClass());
            assertArrayEquals(new byte[] { 6, 0x08, 4, first[3], first[4], 3, (byte) (i + 1) },
                    Arrays.copyOf(bytes, 7));
            assertTrue(bytes.length <= 7 + 2 * 66);
        }
        assertEquals(LONG_UCS2, new String(content(parts, 7), StandardCharsets.UTF_16BE));
        int ref = ((first[3] & 0xFF) << 8) | (first[4] & 0xFF);
        byte[] again = segmenter.segment(approve(LONG_UCS2)).parts().get(0).shortMessage();
        assertEquals((ref + 1) % 65536, ((again[3] & 0xFF) << 8) | (again[4] & 0xFF));
    }

    @Test
    void sarPartsCarryTheirNumbersInTlvsAndNoHeader() {
        List<SubmitPart> parts = new Segmenter(Segmentation.SAR).segment(approve(LONG_UCS2)).parts();
        assertEquals(SmsEncoding.of(LONG_UCS2).segments(), parts.size());
        short ref = ((OptionalParameter.Short) parts.get(0).tlvs()[0]).getValue();
        for (int i = 0; i < parts.size(); i++) {
            SubmitPart part = parts.get(i);
            assertEquals(0, part.esmClass());
            assertEquals(ref, ((OptionalParameter.Sar_msg_ref_num) part.tlvs()[0]).getValue());
            assertEquals(parts.size(), ((OptionalParameter.Sar_total_segments) part.tlvs()[1]).getValue());
            assertEquals(i + 1, ((OptionalParameter.Sar_segment_seqnum) part.tlvs()[2]).getValue());
        }
        assertEquals(LONG_UCS2, new String(content(parts, 0), StandardCharsets.UTF_16BE));
    }

    @Test
    void payloadSendsTheWholeTextInOneTlvBeyond254Octets() {
        String body = "Привет! ".repeat(30); // 480 octets
        SubmitPart part = new Segmenter(Segmentation.PAYLOAD).segment(approve(body)).parts().get(0);
        assertEquals(0, part.shortMessage().length);
        OptionalParameter.OctetString payload = (OptionalParameter.OctetString) part.tlvs()[0];
        assertEquals(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), payload.tag);
        assertEquals(body, new String(payload.getValue(), StandardCharsets.UTF_16BE));
    }

    @Test
    void aTextOfMoreThan255PartsIsRefusedClearly() {
        MessageApproved huge = approve("a".repeat(153 * 255 + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Segmenter(Segmentation.UDH8).segment(huge));
        assertTrue(e.getMessage().contains("256 parts"), e.getMessage());
    }

    static MessageApproved approve(String body) {
        SmsEncoding.Result encoding = SmsEncoding.of(body);
        Instant now = Instant.now();
        return new MessageApproved(TestEvents.request(TestNumbers.frenchMobile(), "promo", Category.TRANSACTIONAL,
                body), body, encoding.encoding(), encoding.segments(), false, now, now);
    }

    private static byte[] content(List<SubmitPart> parts, int headerLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SubmitPart part : parts) {
            out.write(part.shortMessage(), headerLength, part.shortMessage().length - headerLength);
        }
        return out.toByteArray();
    }
}
