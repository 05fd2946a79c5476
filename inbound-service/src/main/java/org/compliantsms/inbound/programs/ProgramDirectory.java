package org.compliantsms.inbound.programs;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Resolves the program of a reply from the sender id it was addressed to. */
@ApplicationScoped
public class ProgramDirectory {
    private final ProgramsConfig config;

    public ProgramDirectory(ProgramsConfig config) {
        this.config = config;
    }

    /** The program that owns this sender, if any. */
    public Optional<String> programOf(String senderId) {
        String key = senderId == null ? "" : senderId.strip();
        String value = config.senders().get(key);
        if (value == null && key.startsWith("+")) {
            value = config.senders().get(key.substring(1));
        }
        return Optional.ofNullable(value).or(config::defaultProgram);
    }

    /** The program the one reply (confirmation, help) to this sender is sent under. */
    public String replyProgramOf(String senderId) {
        return programOf(senderId).orElse(config.platformProgram());
    }
}
