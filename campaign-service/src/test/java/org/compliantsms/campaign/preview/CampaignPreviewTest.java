package org.compliantsms.campaign.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.Program;
import org.compliantsms.testing.TestNumbers;
import org.junit.jupiter.api.Test;

/** The preview's figures: rendering, footer, encoding and parts, without a server. */
class CampaignPreviewTest {
    static final Program PROGRAM = new Program("preview-promo", Category.MARKETING,
            List.of(new Program.Sender(Program.SenderType.SHORT_CODE, "36190", List.of())), null,
            Map.of("en", "Reply STOP to opt out", "fr", "STOP au {sender}"), List.of(), Map.of(), "fr", 1,
            Instant.now());

    static PreviewRequest request(String body, List<PreviewRecipient> recipients) {
        return new PreviewRequest("preview-promo", null, "36190", body, null, "FR", recipients, null);
    }

    @Test
    void aGsm7BodyPlusItsFooterCrossesIntoTwoParts() {
        String body = "Hi {{firstName}}, " + "x".repeat(140);
        PreviewRecipient ana = new PreviewRecipient(TestNumbers.frenchMobile(), "en", Map.of("firstName", "Ana"));
        PreviewView view = CampaignPreview.preview(request(body, List.of(ana)), Optional.of(PROGRAM)).view();
        PreviewView.Sample sample = view.sample().get(0);
        assertEquals("Hi Ana, " + "x".repeat(140), sample.text());
        assertEquals(148, sample.text().length());
        assertEquals("\nReply STOP to opt out", sample.footer());
        assertEquals(Encoding.GSM7, sample.encoding());
        assertEquals(148 + 22, sample.units());
        assertEquals(2, sample.segments(), "148 septets fit one part; with the footer, 170 take two");
        assertEquals(2, view.totalSegments());
        assertEquals(Category.MARKETING, view.category());
    }

    @Test
    void aCyrillicNameMakesItUcs2AndTheLanguageChoosesTheFooter() {
        PreviewRecipient ivan = new PreviewRecipient(TestNumbers.frenchMobile(), null, Map.of("firstName", "Иван"));
        PreviewRecipient ana = new PreviewRecipient(TestNumbers.frenchMobile(), "en", Map.of("firstName", "Ana"));
        PreviewView view = CampaignPreview.preview(request("Bonjour {{firstName}}, -20% ce week-end", List.of(ivan, ana)),
                Optional.of(PROGRAM)).view();
        PreviewView.Sample first = view.sample().get(0);
        assertEquals("fr", first.language(), "no locale: the program's default");
        assertEquals("\nSTOP au 36190", first.footer());
        assertEquals(Encoding.UCS2, first.encoding());
        assertEquals(first.finalText().length(), first.units());
        assertEquals(1, first.segments());
        assertEquals(Encoding.GSM7, view.sample().get(1).encoding());
        assertEquals(Map.of(Encoding.GSM7, 1L, Encoding.UCS2, 1L), view.messagesByEncoding());
        assertEquals(2, view.totalSegments());
        assertTrue(first.recipient().contains("*"), "numbers are masked");
    }

    @Test
    void aBodyNamingAWayToStopGetsNoFooterAndTransactionalNeither() {
        PreviewRecipient ana = new PreviewRecipient(TestNumbers.frenchMobile(), "en", Map.of());
        PreviewView view = CampaignPreview.preview(request("Sale today. STOP au 36190", List.of(ana)),
                Optional.of(PROGRAM)).view();
        assertNull(view.sample().get(0).footer());
        Program transactional = new Program("preview-promo", Category.TRANSACTIONAL, PROGRAM.senders(), null,
                PROGRAM.footerTexts(), List.of(), Map.of(), "fr", 1, Instant.now());
        assertNull(CampaignPreview.preview(request("Your code is 1234", List.of(ana)), Optional.of(transactional))
                .view().sample().get(0).footer());
    }

    @Test
    void aRecipientLackingAFieldIsAProblemNamingItAndItsIndex() {
        PreviewRecipient ana = new PreviewRecipient(TestNumbers.frenchMobile(), null, Map.of("firstName", "Ana"));
        PreviewRecipient nameless = PreviewRecipient.of(TestNumbers.frenchMobile());
        CampaignPreview.Result result = CampaignPreview.preview(request("Hi {{firstName}}", List.of(ana, nameless)),
                Optional.of(PROGRAM));
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).startsWith("recipients[1]: the template needs field 'firstName'"),
                result.problems().toString());
    }

    @Test
    void anotherProgramsSenderIsAProblem() {
        PreviewRequest request = new PreviewRequest("preview-promo", null, "36180", "Hi", null, "FR",
                List.of(PreviewRecipient.of(TestNumbers.frenchMobile())), null);
        List<String> problems = CampaignPreview.preview(request, Optional.of(PROGRAM)).problems();
        assertEquals(List.of("senderId: 36180 is not a sender of program preview-promo (its senders: 36190)"), problems);
    }
}
