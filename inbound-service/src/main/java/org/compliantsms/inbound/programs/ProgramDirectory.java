package org.compliantsms.inbound.programs;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves the program of a reply from the number or short code it was written to. Precedence: the program of
 * sms.programs.v1 that claims it (campaign-service's programs), else {@code inbound.senders} in the configuration,
 * else {@code inbound.default-program}. Until the topic is read to its end nothing is resolved
 * ({@link ProgramsNotReadyException}): a STOP to a program's short code must never read as a STOP to everything.
 */
@ApplicationScoped
public class ProgramDirectory {
    private final ProgramView view;
    private final ProgramsConfig config;

    public ProgramDirectory(ProgramView view, ProgramsConfig config) {
        this.view = view;
        this.config = config;
    }

    /** The programs topic is read to its end: programs can be resolved. */
    public boolean ready() {
        return view.caughtUp();
    }

    /**
     * The program that owns this sender, if any.
     *
     * @throws ProgramsNotReadyException while the programs topic is not read to its end
     */
    public Optional<String> programOf(String senderId) {
        if (!view.caughtUp()) {
            throw new ProgramsNotReadyException();
        }
        Optional<String> published = view.programOf(senderId);
        if (published.isPresent()) {
            return published;
        }
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
