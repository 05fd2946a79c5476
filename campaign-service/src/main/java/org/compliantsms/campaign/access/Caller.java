package org.compliantsms.campaign.access;

import java.util.Set;

/**
 * What the bearer of this request's token may do with campaigns: admin every program; auditor read every
 * program; campaign-sender create and read the programs its token lists.
 */
public record Caller(boolean admin, boolean auditor, Set<String> programs) {
    public boolean mayCreateFor(String programId) {
        return admin || programs.contains(programId);
    }

    public boolean mayRead(String programId) {
        return admin || auditor || programs.contains(programId);
    }
}
