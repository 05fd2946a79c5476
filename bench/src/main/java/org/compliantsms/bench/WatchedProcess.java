package org.compliantsms.bench;

/**
 * A process whose CPU and memory the bench measures.
 *
 * @param name e.g. compliance-service, compliance-service-2, carrier-simulator, kafka, redis
 * @param group service (the four platform services and their replicas), simulator, kafka, redis, postgresql (its
 *        CPU is the postmaster's with every backend's), or bench
 */
public record WatchedProcess(String name, String group, long pid) {
    public static final String SERVICE = "service";
    public static final String POSTGRESQL = "postgresql";

    public boolean isPostgresql() {
        return POSTGRESQL.equals(group);
    }

    public boolean isService() {
        return SERVICE.equals(group);
    }

    /** Part of the system under test (everything but the bench itself). */
    public boolean isSystem() {
        return !"bench".equals(group);
    }
}
