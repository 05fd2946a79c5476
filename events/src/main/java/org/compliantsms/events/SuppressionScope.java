package org.compliantsms.events;

/** Names of suppression scopes, shared by the topic keys and the Redis index. */
public final class SuppressionScope {
    public static final String GLOBAL = "global";
    private static final String PROGRAM_PREFIX = "program:";

    public static String program(String programId) {
        return PROGRAM_PREFIX + programId;
    }

    /** The scope a consent change applies to: global for OPT_OUT_ALL, the program otherwise. */
    public static String of(ConsentAction action, String programId) {
        return action == ConsentAction.OPT_OUT_ALL || programId == null ? GLOBAL : program(programId);
    }

    private SuppressionScope() {
    }
}
