package org.compliantsms.console.campaigns;

import java.util.List;
import java.util.Map;

/** GET /campaigns/{id}/report: each message counted once per outcome it reached. */
public record Report(String id, String programId, String state, long recipients, long requested, long approved,
        long deferred, long rejected, Map<String, Long> rejections, long submitted, long unconfirmed, long delivered,
        long failed, long expired, long undeliverable, long unknown) {

    public record Count(String name, long count) {
    }

    /** The counts in the order a message goes through them. */
    public List<Count> counts() {
        return List.of(new Count("REQUESTED", requested), new Count("APPROVED", approved),
                new Count("DEFERRED", deferred), new Count("REJECTED", rejected), new Count("SUBMITTED", submitted),
                new Count("UNCONFIRMED", unconfirmed), new Count("DELIVERED", delivered),
                new Count("FAILED", failed), new Count("EXPIRED", expired),
                new Count("UNDELIVERABLE", undeliverable), new Count("UNKNOWN", unknown));
    }

    public List<Count> rejectionCounts() {
        return rejections == null ? List.of()
                : rejections.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                        .map(e -> new Count(e.getKey(), e.getValue())).toList();
    }

    /** Messages decided by compliance (approved or rejected). */
    public long decided() {
        return approved + rejected;
    }
}
