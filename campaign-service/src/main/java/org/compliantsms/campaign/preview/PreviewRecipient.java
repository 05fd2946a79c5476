package org.compliantsms.campaign.preview;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * One recipient of a preview: a number (E.164 or national with the request's defaultRegion), its optional locale and
 * the fields its template placeholders are filled from. A plain string is a number without fields.
 */
public record PreviewRecipient(String phone, String locale, Map<String, String> fields) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PreviewRecipient of(String phone) {
        return new PreviewRecipient(phone, null, Map.of());
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public PreviewRecipient {
        fields = fields == null ? Map.of() : fields;
    }
}
