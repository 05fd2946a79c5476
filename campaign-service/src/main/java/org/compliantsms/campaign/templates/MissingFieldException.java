package org.compliantsms.campaign.templates;

/** A recipient lacks a field the template needs (and the placeholder has no fallback). */
public class MissingFieldException extends IllegalArgumentException {
    private final String field;

    public MissingFieldException(String field) {
        super("the template needs field '" + field + "', which this recipient lacks (give it, or write {{" + field
                + "|fallback}})");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
