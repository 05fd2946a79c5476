package org.compliantsms.inbound.webhook.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.inbound.webhook.signature.TestWebhookConfig.TestAccount;
import org.compliantsms.inbound.webhook.signature.WebhookConfig.Scheme;
import org.junit.jupiter.api.Test;

class WebhookStartupGuardTest {
    static final List<String> PROD = List.of("prod");
    static final List<String> DEV = List.of("dev");

    static List<String> refusals(WebhookConfig config, List<String> profiles) {
        return WebhookStartupGuard.refusals(config, profiles);
    }

    @Test
    void verificationOnStartsEverywhere() {
        assertEquals(List.of(), refusals(TestWebhookConfig.standard(), PROD));
        assertEquals(List.of(), refusals(TestWebhookConfig.standard(), DEV));
        assertEquals(List.of(), refusals(TestWebhookConfig.standard().withAccounts(Map.of()), PROD));
    }

    @Test
    void verificationOffIsRefusedInProduction() {
        WebhookConfig off = TestWebhookConfig.standard().withVerifySignatures(false);
        assertEquals(List.of("inbound.webhook.verify-signatures=false is refused in production"), refusals(off, PROD));
        assertEquals(1, refusals(off, List.of("prod", "eu")).size());
    }

    @Test
    void verificationOffIsAllowedOutsideProduction() {
        WebhookConfig off = TestWebhookConfig.standard().withVerifySignatures(false);
        assertEquals(List.of(), refusals(off, DEV));
        assertEquals(List.of(), refusals(off, List.of("test")));
        assertEquals(List.of(), refusals(off, List.of("staging")));
    }

    @Test
    void anAccountWithAnEmptySecretIsRefused() {
        for (List<String> profiles : List.of(PROD, DEV)) {
            List<String> refusals = refusals(TestWebhookConfig.standard()
                    .withAccounts(Map.of("local", TestAccount.hmac(" "))), profiles);
            assertEquals(List.of("inbound.webhook.accounts.local.secret is empty"), refusals);
        }
    }

    @Test
    void accountNamesMustBePathAndEnvironmentSafe() {
        List<String> refusals = refusals(TestWebhookConfig.standard()
                .withAccounts(Map.of("Twilio FR/1", TestAccount.hmac("s3cret"))), PROD);
        assertEquals(1, refusals.size());
        assertTrue(!refusals.get(0).contains("Twilio FR/1"), refusals.get(0));
        assertEquals(List.of(), refusals(TestWebhookConfig.standard()
                .withAccounts(Map.of("twilio-fr-2", TestAccount.hmac("s3cret"))), PROD));
    }

    @Test
    void aDefaultRegionIsTwoLetters() {
        TestAccount france = new TestAccount(Scheme.TWILIO, "t", Optional.empty(), Optional.of("France"));
        assertEquals(List.of("inbound.webhook.accounts.fr.default-region must be a two-letter ISO 3166 region such as FR"),
                refusals(TestWebhookConfig.standard().withAccounts(Map.of("fr", france)), PROD));
    }

    @Test
    void thePublicUrlIsAnAbsoluteBaseUrl() {
        for (String bad : List.of("sms.example.com", "ftp://sms.example.com", "https://sms.example.com/?a=1",
                "https:///path", "https://exa mple.com")) {
            assertEquals(1, refusals(TestWebhookConfig.standard().withPublicUrl(bad), PROD).size(), bad);
        }
        for (String good : List.of("https://sms.example.com", "https://sms.example.com/", "http://localhost:8084",
                "https://edge.example.com/sms")) {
            assertEquals(List.of(), refusals(TestWebhookConfig.standard().withPublicUrl(good), PROD), good);
        }
    }

    @Test
    void everyRefusalIsReportedAtOnceAndNoneShowsASecret() {
        WebhookConfig config = TestWebhookConfig.standard().withVerifySignatures(false).withPublicUrl("nope")
                .withAccounts(Map.of("a", TestAccount.hmac(""), "b", TestAccount.hmac("top-secret-value")));
        List<String> refusals = refusals(config, PROD);
        assertEquals(3, refusals.size(), refusals.toString());
        assertTrue(refusals.stream().noneMatch(r -> r.contains("top-secret-value")));
    }
}
