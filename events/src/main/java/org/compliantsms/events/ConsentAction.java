package org.compliantsms.events;

/** A change of a recipient's consent. */
public enum ConsentAction {
    /** Stop messages of one program. */
    OPT_OUT,
    /** Stop messages of every program (STOPALL). */
    OPT_OUT_ALL,
    /** Lift a program opt-out (START, UNSTOP); never lifts OPT_OUT_ALL. */
    OPT_IN,
    /**
     * Lift an OPT_OUT_ALL (the global scope): only through the list maintenance API (compliance-officer or admin),
     * never from a keyword. It names the program the lift was recorded through (the released schema requires a
     * programId for every action but OPT_OUT_ALL), and lifts the global scope.
     */
    OPT_IN_ALL,
    /** Record marketing consent (who, when, how, evidence). */
    CONSENT_GRANTED,
    /** Withdraw marketing consent for one program; unlike OPT_OUT it does not suppress other messages. */
    CONSENT_REVOKED
}
