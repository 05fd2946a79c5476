package org.compliantsms.inbound.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.events.Category;
import org.compliantsms.events.Program;
import org.junit.jupiter.api.Test;

/** Precedence: a program of the topic, then the configuration, then the default program. */
class ProgramDirectoryTest {

    static ProgramsConfig config(Map<String, String> senders, Optional<String> defaultProgram) {
        return new ProgramsConfig() {
            @Override
            public Map<String, String> senders() {
                return senders;
            }

            @Override
            public Optional<String> defaultProgram() {
                return defaultProgram;
            }

            @Override
            public String platformProgram() {
                return "platform";
            }
        };
    }

    @Test
    void theTopicWinsOverTheConfigurationWhichWinsOverTheDefault() {
        ProgramView view = ProgramView.empty();
        ProgramDirectory directory = new ProgramDirectory(view, config(Map.of("36180", "configured", "36181",
                "configured-too"), Optional.of("fallback")));
        assertEquals(Optional.of("configured"), directory.programOf("36180"));
        view.changed("published", new Program("published", Category.MARKETING,
                List.of(new Program.Sender(Program.SenderType.SHORT_CODE, "36180", null)), null, null, null, null,
                null, 1, Instant.now()));
        assertEquals(Optional.of("published"), directory.programOf("36180"));
        assertEquals(Optional.of("configured-too"), directory.programOf("36181"));
        assertEquals(Optional.of("fallback"), directory.programOf("36199"));
        view.changed("published", null);
        assertEquals(Optional.of("configured"), directory.programOf("36180"), "deleted: the configuration again");
        assertEquals("platform", new ProgramDirectory(view, config(Map.of(), Optional.empty())).replyProgramOf("1"));
    }
}
