package org.compliantsms.campaign.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.compliantsms.events.Category;
import org.junit.jupiter.api.Test;

class CampaignValidatorTest {

    static CampaignRequest request(String programId, Category category, List<String> recipients) {
        return new CampaignRequest(programId, category, "36180", "Winter sale", null, "FR", null, null, recipients, null, null);
    }

    @Test
    void normalisesAndDeduplicatesRecipientsInOrder() {
        var result = CampaignValidator.validate(request("acme-promo", null,
                List.of("+33612345678", "06 12 34 56 78", "+33 6 98 76 54 32")));
        assertTrue(result.valid(), result.problems().toString());
        assertEquals(List.of("+33612345678", "+33698765432"), result.recipients());
    }

    @Test
    void reportsEveryProblemWithTheIndexOfEachBadRecipientAndNoFullNumber() {
        var result = CampaignValidator.validate(request("has spaces", Category.CONFIRMATION,
                List.of("+33612345678", "+33142685300", "hello")));
        assertFalse(result.valid());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("programId")), result.problems().toString());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("category")));
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("recipients[1]: not a mobile number")));
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("recipients[2]: not a phone number")));
        assertTrue(result.problems().stream().noneMatch(p -> p.contains("142685300")));
    }

    @Test
    void refusesEmptyAndOversizedLists() {
        assertFalse(CampaignValidator.validate(request("p", null, List.of())).valid());
        assertFalse(CampaignValidator.validate(request("p", null,
                Collections.nCopies(CampaignValidator.MAX_RECIPIENTS + 1, "+33612345678"))).valid());
        assertFalse(CampaignValidator.validate(null).valid());
    }
}
