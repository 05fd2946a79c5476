package org.compliantsms.inbound.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.Output;
import org.compliantsms.events.Category;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.Intent;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;

import io.vertx.mutiny.redis.client.Redis;

/**
 * The answer to HELP or INFO: one HELP message per reply (its messageId derived from the reply, so a batch handled
 * again is deduplicated downstream), allowed past suppression once, because a person who opted out may still ask
 * for help and must get it.
 */
@ApplicationScoped
public class HelpAnswers {
    private static final Duration WINDOW = ReplyAllowances.REPLY_WINDOW;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final ProgramDirectory programs;
    private final ReplyTexts texts;
    private final ReplyAllowances allowances;
    private final Redis redis;

    public HelpAnswers(ProgramDirectory programs, ReplyTexts texts, ReplyAllowances allowances, Redis redis) {
        this.programs = programs;
        this.texts = texts;
        this.allowances = allowances;
        this.redis = redis;
    }

    /** The answers to the HELP requests among these classified replies; blocking (grants before they are sent). */
    public List<Output> answer(List<InboundReceived> replies) {
        Instant now = Instant.now();
        List<InboundReceived> help = replies.stream()
                .filter(r -> r.classification() != null && r.classification().intent() == Intent.HELP)
                .filter(r -> !now.isAfter(r.receivedAt().plus(WINDOW)))
                .toList();
        if (help.isEmpty()) {
            return List.of();
        }
        RedisBatch grants = new RedisBatch();
        help.forEach(r -> allowances.allow(grants, Category.HELP, r.from(), programs.replyProgramOf(r.to()),
                "help-" + r.inboundId()));
        grants.execute(redis, REDIS_TIMEOUT);
        return help.stream().map(r -> Output.event(request(r, now), Channels.SOURCE)).toList();
    }

    private MessageRequested request(InboundReceived reply, Instant now) {
        String program = programs.replyProgramOf(reply.to());
        String language = reply.classification().language();
        return new MessageRequested("help-" + reply.inboundId(), program, null, Category.HELP, reply.from(),
                texts.help(program, language), reply.to(), language, null, reply.receivedAt().plus(WINDOW), now);
    }
}
