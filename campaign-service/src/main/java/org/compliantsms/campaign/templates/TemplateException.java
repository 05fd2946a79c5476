package org.compliantsms.campaign.templates;

/** A body whose placeholders cannot be read; the message says where. */
public class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
        super(message);
    }
}
