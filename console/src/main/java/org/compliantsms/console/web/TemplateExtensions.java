package org.compliantsms.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.TemplateExtension;

/** What templates need beyond Qute's own: a value in a link's query ({@code +} is a space there). */
@TemplateExtension
public final class TemplateExtensions {
    private TemplateExtensions() {
    }

    static String urlEncode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
