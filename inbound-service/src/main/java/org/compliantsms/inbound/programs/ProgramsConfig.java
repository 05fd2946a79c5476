package org.compliantsms.inbound.programs;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which program a reply belongs to, from the number or short code it was sent to:
 * {@code inbound.senders."36180"=acme-promo}.
 */
@ConfigMapping(prefix = "inbound")
public interface ProgramsConfig {
    /** Our sender number or short code -> program id. */
    Map<String, String> senders();

    /** Program of replies to a sender that is not mapped. Without it, a STOP there opts out of everything. */
    Optional<String> defaultProgram();

    /** Program id used for the replies (confirmation, help) to a sender no program owns. */
    @WithDefault("platform")
    String platformProgram();
}
