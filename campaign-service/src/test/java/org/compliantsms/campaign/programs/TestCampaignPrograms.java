package org.compliantsms.campaign.programs;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.compliantsms.testing.TestTokens;

import io.restassured.http.ContentType;

/**
 * The programs the campaign tests send under, defined through the API as an admin would (once per test JVM):
 * acme-promo owns short code 36180, as inbound's test profile maps it; other test programs send from alphanumeric
 * ids only, which claim no reply destination on the shared sms.programs.v1.
 */
public final class TestCampaignPrograms {
    public static final String ACME = "acme-promo";
    public static final String ACME_SHORT_CODE = "36180";
    private static final Set<String> DEFINED = ConcurrentHashMap.newKeySet();

    private TestCampaignPrograms() {
    }

    /** acme-promo: MARKETING from 36180, French and English footers. */
    public static void acmePromo() {
        define(ACME, "{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\"" + ACME_SHORT_CODE
                + "\"}],\"footerTexts\":{\"en\":\"Reply STOP to opt out\",\"fr\":\"STOP au {sender}\"},"
                + "\"defaultLocale\":\"fr\"}");
    }

    /** A MARKETING program sending from the alphanumeric id {@code sender} only. */
    public static void alphanumeric(String programId, String sender) {
        define(programId, "{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"ALPHANUMERIC\",\"value\":\"" + sender
                + "\"}]}");
    }

    /** A MARKETING program sending from the alphanumeric id {@code sender}, to France only. */
    public static void frenchOnly(String programId, String sender) {
        define(programId, "{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"ALPHANUMERIC\",\"value\":\"" + sender
                + "\"}],\"allowedCountries\":[\"FR\"]}");
    }

    private static void define(String programId, String definition) {
        if (DEFINED.contains(programId)) {
            return;
        }
        given().auth().oauth2(TestTokens.token("admin")).contentType(ContentType.JSON).body(definition)
                .put("/programs/" + programId).then().statusCode(200);
        DEFINED.add(programId);
    }
}
