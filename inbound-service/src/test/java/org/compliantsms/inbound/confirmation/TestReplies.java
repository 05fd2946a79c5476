package org.compliantsms.inbound.confirmation;

import java.util.Map;
import java.util.Optional;

/** Reply texts configured as in a plain unit test: the defaults, and one program with its own HELP text. */
final class TestReplies {
    private TestReplies() {
    }

    static RepliesConfig defaults() {
        return config(Map.of());
    }

    static RepliesConfig config(Map<String, RepliesConfig.Program> programs) {
        return new RepliesConfig() {
            @Override
            public String brand() {
                return "Compliant SMS";
            }

            @Override
            public String contact() {
                return "support@example.com";
            }

            @Override
            public Map<String, Program> programs() {
                return programs;
            }
        };
    }

    static RepliesConfig.Program program(String brand, Map<String, String> help) {
        return new RepliesConfig.Program() {
            @Override
            public Optional<String> brand() {
                return Optional.of(brand);
            }

            @Override
            public Optional<String> contact() {
                return Optional.of("0800 123 456");
            }

            @Override
            public Map<String, String> help() {
                return help;
            }

            @Override
            public Map<String, String> optOut() {
                return Map.of();
            }

            @Override
            public Map<String, String> optOutAll() {
                return Map.of();
            }

            @Override
            public Map<String, String> optIn() {
                return Map.of();
            }
        };
    }
}
