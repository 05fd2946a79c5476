package org.compliantsms.campaign.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

/** The programs claim as providers write it, and what each role may do with a program. */
class CallerResolverTest {
    @Test
    void programsAreReadFromAJsonArrayOrOneSeparatedString() {
        assertEquals(Set.of("acme-promo", "acme-alerts"), CallerResolver.programs(
                Optional.of(Json.createArrayBuilder().add("acme-promo").add("acme-alerts").build())));
        assertEquals(Set.of("acme-promo", "acme-alerts"),
                CallerResolver.programs(Optional.of("acme-promo, acme-alerts")));
        assertEquals(Set.of("acme-promo"), CallerResolver.programs(Optional.of(Json.createValue("acme-promo"))));
        assertEquals(Set.of(), CallerResolver.programs(Optional.empty()));
        assertEquals(Set.of(), CallerResolver.programs(Optional.of(42)));
    }

    @Test
    void aSenderUsesItsProgramsAnAuditorReadsAllAnAdminDoesAll() {
        Caller sender = new Caller(false, false, Set.of("acme-promo"));
        assertTrue(sender.mayCreateFor("acme-promo"));
        assertFalse(sender.mayCreateFor("other"));
        assertFalse(sender.mayRead("other"));
        Caller auditor = new Caller(false, true, Set.of());
        assertTrue(auditor.mayRead("other"));
        assertFalse(auditor.mayCreateFor("other"));
        Caller admin = new Caller(true, false, Set.of());
        assertTrue(admin.mayCreateFor("other"));
        assertTrue(admin.mayRead("other"));
    }
}
