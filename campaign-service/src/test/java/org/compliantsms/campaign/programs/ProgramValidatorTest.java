package org.compliantsms.campaign.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.compliantsms.events.Category;
import org.compliantsms.events.Program;
import org.compliantsms.testing.TestNumbers;
import org.junit.jupiter.api.Test;

class ProgramValidatorTest {

    @Test
    void aCompleteProgramIsValid() {
        ProgramDefinition definition = new ProgramDefinition(Category.MARKETING, List.of(
                new Program.Sender(Program.SenderType.SHORT_CODE, "36180", List.of("FR")),
                new Program.Sender(Program.SenderType.NUMBER, TestNumbers.frenchMobile(), null),
                new Program.Sender(Program.SenderType.ALPHANUMERIC, "ACME Shop", List.of("FR", "BE"))),
                "ACME: 2 SMS a month", Map.of("fr", "STOP au {sender}"), List.of("FR", "BE"),
                Map.of("FR", new Program.Window("09:00-19:00", "MON-SAT"), "*", new Program.Window("08:00-20:00", null)),
                "fr-FR");
        assertEquals(List.of(), ProgramValidator.problems("acme-promo", definition));
        assertEquals(List.of("36180", definition.senders().get(1).value()),
                ProgramValidator.replyDestinations(definition.senders()));
    }

    @Test
    void everyProblemIsNamedByItsField() {
        ProgramDefinition definition = new ProgramDefinition(Category.HELP, List.of(
                new Program.Sender(Program.SenderType.SHORT_CODE, "36-180", null),
                new Program.Sender(Program.SenderType.NUMBER, "0612345678", null),
                new Program.Sender(Program.SenderType.ALPHANUMERIC, "TWELVECHARSX", List.of("fr"))),
                null, Map.of("french", "STOP"), List.of("FRA"), Map.of("FR", new Program.Window("20:00-08:00", "MONDAY")),
                "French");
        List<String> problems = ProgramValidator.problems("bad id", definition);
        for (String field : List.of("programId", "category", "senders[0].value", "senders[1].value", "senders[2].value",
                "senders[2].countries", "footerTexts.french", "allowedCountries", "quietHours.FR.window",
                "quietHours.FR.days", "defaultLocale")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field)), field + " in " + problems);
        }
        assertEquals(List.of("senders: at least one"), ProgramValidator.problems("p",
                new ProgramDefinition(Category.MARKETING, List.of(), null, null, null, null, null)));
    }
}
