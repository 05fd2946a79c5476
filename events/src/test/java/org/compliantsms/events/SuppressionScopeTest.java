package org.compliantsms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SuppressionScopeTest {

    @Test
    void stopAllIsGlobalAndEverythingElseNamesItsProgram() {
        assertEquals("global", SuppressionScope.of(ConsentAction.OPT_OUT_ALL, null));
        assertEquals("global", SuppressionScope.of(ConsentAction.OPT_OUT_ALL, "promo"));
        assertEquals("program:promo", SuppressionScope.of(ConsentAction.OPT_OUT, "promo"));
        assertEquals("program:promo", SuppressionScope.of(ConsentAction.OPT_IN, "promo"));
        assertEquals("global", SuppressionScope.of(ConsentAction.OPT_IN_ALL, null));
        assertTrue(SuppressionScope.suppresses(ConsentAction.OPT_OUT_ALL));
        assertFalse(SuppressionScope.suppresses(ConsentAction.OPT_IN_ALL));
        // an opt-in without a program must never become a lift of the global scope
        assertThrows(NullPointerException.class, () -> SuppressionScope.of(ConsentAction.OPT_IN, null));
        assertThrows(NullPointerException.class, () -> SuppressionScope.of(ConsentAction.OPT_OUT, null));
    }

    @Test
    void onlyTheKeywordRepliesAreKeywordReplies() {
        assertTrue(Category.CONFIRMATION.isKeywordReply());
        assertTrue(Category.HELP.isKeywordReply());
        assertFalse(Category.MARKETING.isKeywordReply());
        assertFalse(Category.TRANSACTIONAL.isKeywordReply());
    }
}
