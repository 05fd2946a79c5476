package org.compliantsms.events;

import java.util.Objects;

/** Names of suppression scopes, shared by the topic keys and the Redis index. */
public final class SuppressionScope {
    public static final String GLOBAL = "global";
    private static final String PROGRAM_PREFIX = "program:";

    public static String program(String programId) {
        return PROGRAM_PREFIX + programId;
    }

    /** The scope a consent change applies to: global for OPT_OUT_ALL and OPT_IN_ALL, the program (required) otherwise. */
    public static String of(ConsentAction action, String programId) {
        if (action == ConsentAction.OPT_OUT_ALL || action == ConsentAction.OPT_IN_ALL) {
            return GLOBAL;
        }
        return program(Objects.requireNonNull(programId, action + " needs a program"));
    }

    /** Whether the change suppresses its scope (an opt-out) or lifts it. */
    public static boolean suppresses(ConsentAction action) {
        return action == ConsentAction.OPT_OUT || action == ConsentAction.OPT_OUT_ALL;
    }

    private SuppressionScope() {
    }
}
