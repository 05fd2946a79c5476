package org.compliantsms.inbound.optout;

import org.compliantsms.events.ConsentAction;

/**
 * The consent change a classified reply asks for, before the index is read.
 *
 * @param programId null for OPT_OUT_ALL
 * @param scope the index scope it changes ({@code program:<id>} or {@code global})
 * @param replyProgramId the program the one confirmation is sent under
 */
public record ConsentTarget(ConsentAction action, String programId, String scope, String replyProgramId) {

    public boolean suppresses() {
        return action != ConsentAction.OPT_IN;
    }
}
