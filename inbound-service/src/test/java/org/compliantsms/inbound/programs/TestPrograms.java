package org.compliantsms.inbound.programs;

import java.util.Map;
import java.util.Optional;

/** The test profile's programs: short code 36180 is acme-promo, nothing else is mapped. */
public final class TestPrograms {
    public static final String SHORT_CODE = "36180";
    public static final String PROGRAM = "acme-promo";

    private TestPrograms() {
    }

    public static ProgramDirectory directory() {
        return new ProgramDirectory(ProgramView.empty(), new ProgramsConfig() {
            @Override
            public Map<String, String> senders() {
                return Map.of(SHORT_CODE, PROGRAM);
            }

            @Override
            public Optional<String> defaultProgram() {
                return Optional.empty();
            }

            @Override
            public String platformProgram() {
                return "platform";
            }
        });
    }
}
