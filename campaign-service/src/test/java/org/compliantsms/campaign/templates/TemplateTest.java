package org.compliantsms.campaign.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void placeholdersAreFilledFromTheRecipientsFields() {
        Template template = Template.parse("Hello {{firstName}}, your code {{ code }} expires {{when|soon}}.");
        assertEquals(Set.of("firstName", "code", "when"), template.fields());
        assertEquals(List.of("firstName", "code"), List.copyOf(template.requiredFields()));
        assertEquals("Hello Ana, your code 42 expires soon.",
                template.render(Map.of("firstName", "Ana", "code", "42")));
        assertEquals("Hello Ana, your code 42 expires today.",
                template.render(Map.of("firstName", "Ana", "code", "42", "when", "today")));
    }

    @Test
    void aMissingOrBlankFieldIsAnErrorNamingIt() {
        Template template = Template.parse("Hello {{firstName}}, see you {{day}}");
        MissingFieldException missing = assertThrows(MissingFieldException.class,
                () -> template.render(Map.of("firstName", "Ana")));
        assertEquals("day", missing.field());
        assertTrue(missing.getMessage().contains("'day'"), missing.getMessage());
        assertEquals("firstName", assertThrows(MissingFieldException.class,
                () -> template.render(Map.of("firstName", "  ", "day", "Monday"))).field());
    }

    @Test
    void aBodyWithoutPlaceholdersIsItself() {
        Template template = Template.parse("Winter sale: 20% off {not a placeholder} }}");
        assertFalse(template.hasPlaceholders());
        assertEquals("Winter sale: 20% off {not a placeholder} }}", template.render(Map.of()));
    }

    @Test
    void aBrokenPlaceholderIsRefusedWithWhereItIs() {
        TemplateException unclosed = assertThrows(TemplateException.class, () -> Template.parse("Hi {{firstName"));
        assertTrue(unclosed.getMessage().contains("character 4") && unclosed.getMessage().contains("never closed"),
                unclosed.getMessage());
        TemplateException bad = assertThrows(TemplateException.class, () -> Template.parse("Hi {{first name}}"));
        assertTrue(bad.getMessage().contains("{{first name}}"), bad.getMessage());
    }
}
