package org.compliantsms.compliance.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.erasure.PersonalDataEraser;

/** The timeline's part of an erasure: every fact of the number. */
@ApplicationScoped
public class TimelineEraser implements PersonalDataEraser {
    private final TimelineStore store;

    public TimelineEraser(TimelineStore store) {
        this.store = store;
    }

    @Override
    public String store() {
        return "timeline";
    }

    @Override
    public int erase(String e164) {
        return store.eraseNumber(e164);
    }
}
