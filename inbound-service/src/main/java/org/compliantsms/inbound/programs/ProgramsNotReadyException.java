package org.compliantsms.inbound.programs;

import org.compliantsms.batch.RetryLaterException;

/** The programs view is still reading sms.programs.v1: a reply cannot be attributed yet (its batch waits). */
public class ProgramsNotReadyException extends RetryLaterException {
    public ProgramsNotReadyException() {
        super("the programs of sms.programs.v1 are not all read yet");
    }
}
