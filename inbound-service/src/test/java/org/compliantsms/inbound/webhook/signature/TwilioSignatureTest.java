package org.compliantsms.inbound.webhook.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    // Twilio's published example (twilio-php "Validate Incoming Requests"; also the twilio-java and twilio-node tests).
    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final String EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    static Map<String, List<String>> exampleParams() {
        Map<String, List<String>> params = new LinkedHashMap<>(); // deliberately not in sorted order
        params.put("To", List.of("+18005551212"));
        params.put("From", List.of("+14158675309"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Digits", List.of("1234"));
        params.put("Caller", List.of("+14158675309"));
        return params;
    }

    @Test
    void signsTwiliosPublishedExample() {
        assertEquals(EXPECTED, TwilioSignature.sign(TOKEN, URL, exampleParams()));
        assertTrue(TwilioSignature.verify(TOKEN, URL, exampleParams(), EXPECTED));
    }

    @Test
    void appendsParametersSortedByNameWithoutDelimiters() {
        assertEquals(URL + "CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212",
                TwilioSignature.signedText(URL, exampleParams()));
    }

    @Test
    void aRepeatedNameContributesEachOfItsValuesSorted() {
        Map<String, List<String>> params = Map.of("b", List.of("2"), "MediaUrl", List.of("z", "a", "m"));
        assertEquals("https://h/pMediaUrlaMediaUrlmMediaUrlzb2", TwilioSignature.signedText("https://h/p", params));
        Map<String, List<String>> reordered = Map.of("MediaUrl", List.of("m", "z", "a"), "b", List.of("2"));
        assertEquals(TwilioSignature.sign(TOKEN, URL, params), TwilioSignature.sign(TOKEN, URL, reordered));
    }

    @Test
    void namesSortCaseSensitivelyAndEmptyOrNullValuesCountAsEmpty() {
        Map<String, List<String>> params = new HashMap<>();
        params.put("body", List.of("x"));
        params.put("Body", List.of(""));
        params.put("Z", null);
        params.put("Y", List.of());
        assertEquals("uBodyZbodyx", TwilioSignature.signedText("u", params));
    }

    @Test
    void aChangedParameterFails() {
        Map<String, List<String>> changed = exampleParams();
        changed.put("Digits", List.of("1235"));
        assertFalse(TwilioSignature.verify(TOKEN, URL, changed, EXPECTED));
    }

    @Test
    void anAddedOrRemovedParameterFails() {
        Map<String, List<String>> added = exampleParams();
        added.put("Body", List.of("STOP"));
        assertFalse(TwilioSignature.verify(TOKEN, URL, added, EXPECTED));
        Map<String, List<String>> removed = exampleParams();
        removed.remove("Caller");
        assertFalse(TwilioSignature.verify(TOKEN, URL, removed, EXPECTED));
    }

    @Test
    void aChangedUrlFails() {
        assertFalse(TwilioSignature.verify(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=3", exampleParams(),
                EXPECTED));
        assertFalse(TwilioSignature.verify(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", exampleParams(),
                EXPECTED));
        assertFalse(TwilioSignature.verify(TOKEN, "https://mycompany.com/myapp.php", exampleParams(), EXPECTED));
    }

    @Test
    void anotherTokenFails() {
        assertFalse(TwilioSignature.verify("12346", URL, exampleParams(), EXPECTED));
    }

    @Test
    void aMissingOrGarbledSignatureFails() {
        assertFalse(TwilioSignature.verify(TOKEN, URL, exampleParams(), null));
        assertFalse(TwilioSignature.verify(TOKEN, URL, exampleParams(), ""));
        assertFalse(TwilioSignature.verify(TOKEN, URL, exampleParams(), EXPECTED.substring(1)));
        assertFalse(TwilioSignature.verify(TOKEN, URL, exampleParams(), EXPECTED.toLowerCase()));
    }

    @Test
    void theDefaultPortMayOrMayNotHaveBeenSigned() {
        String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        assertTrue(TwilioSignature.verify(TOKEN, withPort, exampleParams(), EXPECTED));
        String signedWithPort = TwilioSignature.sign(TOKEN, withPort, exampleParams());
        assertTrue(TwilioSignature.verify(TOKEN, URL, exampleParams(), signedWithPort));
        assertFalse(TwilioSignature.verify(TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2",
                exampleParams(), EXPECTED));
    }

    @Test
    void togglesOnlyTheDefaultPort() {
        assertEquals("https://h:443/p?q", TwilioSignature.togglePort("https://h/p?q"));
        assertEquals("https://h/p", TwilioSignature.togglePort("https://h:443/p"));
        assertEquals("http://h:80?q", TwilioSignature.togglePort("http://h?q"));
        assertEquals("https://h:8443/p", TwilioSignature.togglePort("https://h:8443/p"));
        assertEquals("https://[::1]:443/p", TwilioSignature.togglePort("https://[::1]/p"));
        assertEquals("/p", TwilioSignature.togglePort("/p"));
    }
}
