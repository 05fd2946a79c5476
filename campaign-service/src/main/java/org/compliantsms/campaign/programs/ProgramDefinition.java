package org.compliantsms.campaign.programs;

import java.util.List;
import java.util.Map;

import org.compliantsms.events.Category;
import org.compliantsms.events.Program;

/**
 * A program as an admin writes it ({@code PUT /programs/{id}}); the id, version and time are the service's.
 *
 * @param senders the numbers, short codes and alphanumeric ids it sends from (at least one)
 * @param footerTexts opt-out footer per language (ISO 639-1), may name {@code {sender}}
 * @param allowedCountries ISO 3166 regions it may send to; empty: no restriction of its own
 * @param quietHours sending windows per region ({@code *} for every other)
 */
public record ProgramDefinition(Category category, List<Program.Sender> senders, String helpText,
        Map<String, String> footerTexts, List<String> allowedCountries, Map<String, Program.Window> quietHours,
        String defaultLocale) {
}
