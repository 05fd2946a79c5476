package org.compliantsms.campaign.consents;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.compliantsms.batch.BatchConfig;
import org.compliantsms.batch.KafkaSecurity;
import org.compliantsms.events.Topics;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Whether compliance-service has recorded a campaign's imported consents: its consumer group on
 * sms.consent-changed.v1 writes the consent ledger and index before its offsets move, so once the group's committed
 * offset of every partition passed the highest offset of the campaign's consent records there, a MARKETING request
 * of the campaign finds its recipient's consent. Kafka's acknowledgement alone is not enough (the consumer may lag);
 * without this a just-imported recipient could be rejected NO_CONSENT. Blocking: the emission threads call it.
 */
@ApplicationScoped
public class ConsentBarrier {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final BatchConfig batch;
    private final ConsentsConfig config;
    /** Campaigns whose consents compliance has recorded: looked up once per process. */
    private final Set<UUID> passed = ConcurrentHashMap.newKeySet();
    private volatile Admin admin;

    public ConsentBarrier(Pool pool, BatchConfig batch, ConsentsConfig config) {
        this.pool = pool;
        this.batch = batch;
        this.config = config;
    }

    /** @return true when the campaign published no consents or compliance has consumed every one of them */
    public boolean recorded(UUID campaignId) {
        if (passed.contains(campaignId)) {
            return true;
        }
        Map<TopicPartition, Long> through = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT kafkapartition, throughoffset FROM campaigns.campaign_consent_offset"
                + " WHERE campaignid = $1").execute(Tuple.of(campaignId)).await().atMost(TIMEOUT)) {
            through.put(new TopicPartition(Topics.CONSENT_CHANGED, row.getInteger("kafkapartition")),
                    row.getLong("throughoffset"));
        }
        if (!through.isEmpty() && !consumed(through)) {
            return false;
        }
        passed.add(campaignId);
        return true;
    }

    private boolean consumed(Map<TopicPartition, Long> through) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin().listConsumerGroupOffsets(config.complianceGroup()).partitionsToOffsetAndMetadata()
                    .get(config.lookupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + config.complianceGroup() + ": " + e,
                    e);
        }
        for (var partition : through.entrySet()) {
            OffsetAndMetadata offset = committed.get(partition.getKey());
            // the committed offset is the next record the group reads
            if (offset == null || offset.offset() <= partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = new HashMap<>(KafkaSecurity.settings());
                    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, batch.bootstrapServers());
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, batch.clientId() + "-consent-barrier");
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                            Long.toString(config.lookupTimeout().toMillis()));
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
