package org.compliantsms.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.compliantsms.events.text.GsmAlphabet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Concatenated messages, as a handset puts them together: UDH with an 8- or 16-bit reference and SAR TLVs, parts in
 * any order, each answered with its own id; one message stored, counted and recorded once whole; what is wrong with
 * the parts counted at GET /admin/concatenation (simulator.concatenation-timeout is 2 s in tests).
 */
@QuarkusTest
class ReassemblyTest {
    static final int UDHI = 0x40;
    static final String TO = "+33644440001";
    static final String GSM_TEXT = "Part one with {braces} and 5€, ".repeat(6); // escapes throughout

    @ConfigProperty(name = "simulator.record-file")
    Path recordFile;

    TestClient client;

    @BeforeEach
    void clear() throws Exception {
        given().delete("/admin/messages").then().statusCode(204);
        client = new TestClient(5_000);
    }

    @AfterEach
    void unbind() {
        client.close();
    }

    @Test
    void udh8PartsInAnyOrderMakeOneMessageWithEveryPartId() throws Exception {
        byte[] septets = GsmAlphabet.encode(GSM_TEXT);
        byte[][] chunks = chunks(septets, 153);
        assertEquals(2, chunks.length);
        String second = client.submitRaw(TO, UDHI, Alphabet.ALPHA_DEFAULT, udh8(17, 2, 2, chunks[1]));
        assertEquals(0, messagesTo(TO).size(), "a part alone is no message");
        String first = client.submitRaw(TO, UDHI, Alphabet.ALPHA_DEFAULT, udh8(17, 2, 1, chunks[0]));

        JsonPath message = onlyMessageTo(TO);
        assertEquals(GSM_TEXT, message.getString("[0].text"));
        assertEquals(first, message.getString("[0].carrierMessageId"));
        assertEquals(List.of(first, second), message.getList("[0].partIds"));
        assertEquals(2, message.getInt("[0].parts"));
        assertEquals("UDH8", message.getString("[0].concatenation"));
        given().queryParam("to", TO).get("/admin/messages/count").then().body("count", equalTo(1));
        given().get("/admin/stats").then().body("total", equalTo(1)).body("submits", equalTo(2));
        given().get("/admin/concatenation").then().body("reassembled", equalTo(1)).body("parts", equalTo(2))
                .body("pendingMessages", equalTo(0)).body("splitCharacters", equalTo(0));
    }

    @Test
    void udh16AndSarPartsAreReassembledAsUcs2() throws Exception {
        String text = "Привет 😀 мир, ".repeat(12);
        byte[][] chunks = chunks(text.getBytes(StandardCharsets.UTF_16BE), 132);
        String udh16To = "+33644440002";
        for (int i = 0; i < chunks.length; i++) {
            client.submitRaw(udh16To, UDHI, Alphabet.ALPHA_UCS2, udh16(0x1234, chunks.length, i + 1, chunks[i]));
        }
        String sarTo = "+33644440003";
        for (int i = chunks.length - 1; i >= 0; i--) {
            client.submitRaw(sarTo, 0, Alphabet.ALPHA_UCS2, chunks[i], sar(0xBEEF, chunks.length, i + 1));
        }
        assertEquals(text, onlyMessageTo(udh16To).getString("[0].text"));
        assertEquals("UDH16", onlyMessageTo(udh16To).getString("[0].concatenation"));
        assertEquals(text, onlyMessageTo(sarTo).getString("[0].text"));
        assertEquals("SAR", onlyMessageTo(sarTo).getString("[0].concatenation"));
        assertEquals(8, onlyMessageTo(sarTo).getInt("[0].dataCoding"));
    }

    @Test
    void theRecordFileHasOneLinePerWholeMessage() throws Exception {
        given().post("/admin/flush").then().statusCode(204);
        long offset = Files.exists(recordFile) ? Files.size(recordFile) : 0;
        String to = "+33644440004";
        byte[][] chunks = chunks(GsmAlphabet.encode(GSM_TEXT), 153);
        client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, udh8(3, 2, 1, chunks[0]));
        client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, udh8(3, 2, 2, chunks[1]));
        given().post("/admin/flush").then().statusCode(204);

        byte[] all = Files.readAllBytes(recordFile);
        List<String> lines = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8)
                .lines().filter(line -> line.contains("\t" + to + "\t")).toList();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith("\t" + GSM_TEXT), lines.get(0));
    }

    @Test
    void repeatedMismatchedAndCutPartsAreCountedAndTheMessageStillCompletes() throws Exception {
        String to = "+33644440005";
        byte[] one = GsmAlphabet.encode("ab€"); // ends with ESC, code of €: cut after the ESC below
        client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, udh8(9, 2, 1, Arrays.copyOf(one, one.length - 1)));
        client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, udh8(9, 2, 1, Arrays.copyOf(one, one.length - 1)));
        client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, udh8(9, 3, 2, new byte[] { 0x65 }));
        client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, udh8(9, 2, 2, new byte[] { 0x65, 'c' }));

        assertEquals("ab€c", onlyMessageTo(to).getString("[0].text"));
        given().get("/admin/concatenation").then().body("duplicateParts", equalTo(1))
                .body("mismatchedParts", equalTo(1)).body("splitCharacters", equalTo(1))
                .body("reassembled", equalTo(1)).body("parts", equalTo(4));
    }

    @Test
    void aMessageMissingAPartIsDroppedAfterTheTimeoutAndCountedIncomplete() throws Exception {
        String complete = "+33644440006";
        String missing = "+33644440007";
        client.submitRaw(missing, UDHI, Alphabet.ALPHA_DEFAULT, udh8(1, 2, 1, GsmAlphabet.encode("half")));
        client.submitRaw(complete, UDHI, Alphabet.ALPHA_DEFAULT, udh8(1, 2, 1, GsmAlphabet.encode("who")));
        client.submitRaw(complete, UDHI, Alphabet.ALPHA_DEFAULT, udh8(1, 2, 2, GsmAlphabet.encode("le")));
        // The other message completed in the same time: only the one missing a part is not there.
        assertEquals("whole", onlyMessageTo(complete).getString("[0].text"));
        given().get("/admin/concatenation").then().body("pendingMessages", equalTo(1))
                .body("incompleteMessages", equalTo(0));

        Thread.sleep(2_500);
        given().get("/admin/concatenation").then().body("pendingMessages", equalTo(0))
                .body("incompleteMessages", equalTo(1));
        assertEquals(0, messagesTo(missing).size());
        // Its last part, late: a new message waiting for its first part, never a whole one.
        client.submitRaw(missing, UDHI, Alphabet.ALPHA_DEFAULT, udh8(1, 2, 2, GsmAlphabet.encode("late")));
        assertEquals(0, messagesTo(missing).size());
    }

    @Test
    void aPartWhoseHeaderCannotBeReadIsRefused() throws Exception {
        String to = "+33644440008";
        NegativeResponseException udh = assertThrows(NegativeResponseException.class,
                () -> client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, new byte[] { 9, 0, 3, 1 }));
        assertEquals(0x43, udh.getCommandStatus());
        NegativeResponseException seq = assertThrows(NegativeResponseException.class,
                () -> client.submitRaw(to, UDHI, Alphabet.ALPHA_DEFAULT, udh8(1, 2, 3, new byte[] { 'x' })));
        assertEquals(0x43, seq.getCommandStatus());
        NegativeResponseException sar = assertThrows(NegativeResponseException.class,
                () -> client.submitRaw(to, 0, Alphabet.ALPHA_DEFAULT, new byte[] { 'x' },
                        new OptionalParameter.Sar_msg_ref_num((short) 1)));
        assertEquals(0xC4, sar.getCommandStatus());
        given().get("/admin/concatenation").then().body("malformedParts", equalTo(3));
        assertEquals(0, messagesTo(to).size());
        given().get("/admin/stats").then().body("submits", equalTo(0));
    }

    private static JsonPath onlyMessageTo(String to) {
        String body = given().queryParam("to", to).get("/admin/messages").then().statusCode(200).body("$", hasSize(1))
                .extract().asString();
        return JsonPath.from(body);
    }

    private static List<Map<String, Object>> messagesTo(String to) {
        return given().queryParam("to", to).get("/admin/messages").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    static byte[] udh8(int ref, int total, int seq, byte[] content) {
        return concat(new byte[] { 5, 0x00, 3, (byte) ref, (byte) total, (byte) seq }, content);
    }

    static byte[] udh16(int ref, int total, int seq, byte[] content) {
        return concat(new byte[] { 6, 0x08, 4, (byte) (ref >> 8), (byte) ref, (byte) total, (byte) seq }, content);
    }

    static OptionalParameter[] sar(int ref, int total, int seq) {
        return new OptionalParameter[] { new OptionalParameter.Sar_msg_ref_num((short) ref),
                new OptionalParameter.Sar_total_segments((byte) total),
                new OptionalParameter.Sar_segment_seqnum((byte) seq) };
    }

    private static byte[][] chunks(byte[] bytes, int size) {
        int count = (bytes.length + size - 1) / size;
        byte[][] chunks = new byte[count][];
        for (int i = 0; i < count; i++) {
            chunks[i] = Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size));
        }
        return chunks;
    }

    private static byte[] concat(byte[] header, byte[] content) {
        byte[] out = Arrays.copyOf(header, header.length + content.length);
        System.arraycopy(content, 0, out, header.length, content.length);
        return out;
    }
}
