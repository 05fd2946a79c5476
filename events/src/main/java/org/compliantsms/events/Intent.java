package org.compliantsms.events;

/** What an inbound message asks for. */
public enum Intent {
    OPT_OUT,
    OPT_OUT_ALL,
    OPT_IN,
    HELP,
    /** Anything else: a conversation, not a command. */
    OTHER
}
