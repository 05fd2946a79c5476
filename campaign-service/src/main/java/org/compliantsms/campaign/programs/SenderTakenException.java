package org.compliantsms.campaign.programs;

/** A number or short code is already another program's: a reply to it could not tell the two apart. */
public class SenderTakenException extends RuntimeException {
    private final String sender;
    private final String owner;

    public SenderTakenException(String sender, String owner) {
        super("sender " + sender + " belongs to program " + owner);
        this.sender = sender;
        this.owner = owner;
    }

    public String sender() {
        return sender;
    }

    public String owner() {
        return owner;
    }
}
