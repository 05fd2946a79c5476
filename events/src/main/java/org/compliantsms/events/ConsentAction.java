package org.compliantsms.events;

/** A change of a recipient's consent. */
public enum ConsentAction {
    /** Stop messages of one program. */
    OPT_OUT,
    /** Stop messages of every program (STOPALL). */
    OPT_OUT_ALL,
    /** Lift a program opt-out (START, UNSTOP); never lifts OPT_OUT_ALL. */
    OPT_IN,
    /** Record marketing consent (who, when, how, evidence). */
    CONSENT_GRANTED,
    /** Withdraw marketing consent for one program; unlike OPT_OUT it does not suppress other messages. */
    CONSENT_REVOKED
}
