package org.compliantsms.inbound.confirmation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.Topics;
import org.compliantsms.inbound.programs.TestPrograms;
import org.junit.jupiter.api.Test;

class ConfirmationRequesterTest {
    final ReplyTexts texts = new ReplyTexts(TestReplies.defaults());
    final ConfirmationRequester requester = new ConfirmationRequester(TestPrograms.directory(), texts);

    static ConsentChanged change(String id, ConsentAction action, ConsentSource source, boolean alreadyInEffect,
            Instant at) {
        return new ConsentChanged(id, action, "+33612345678", action == ConsentAction.OPT_OUT_ALL ? null : "acme-promo",
                source, "STOP", "fr", "test", "36180", alreadyInEffect, at);
    }

    @Test
    void aBatchRequestsOneConfirmationPerKeywordChangeThatChangedSomething() {
        Instant now = Instant.now();
        List<Received<ConsentChanged>> batch = List.of(
                received(change("kw-1", ConsentAction.OPT_OUT, ConsentSource.KEYWORD, false, now)),
                received(change("kw-2", ConsentAction.OPT_OUT, ConsentSource.KEYWORD, true, now)),
                received(change("kw-3", ConsentAction.OPT_IN, ConsentSource.KEYWORD, false, now)),
                received(change("api-4", ConsentAction.OPT_OUT, ConsentSource.API, false, now)),
                received(change("kw-5", ConsentAction.OPT_OUT, ConsentSource.KEYWORD, false,
                        now.minus(Duration.ofMinutes(6)))),
                received(change("kw-6", ConsentAction.OPT_OUT_ALL, ConsentSource.KEYWORD, false, now)));

        List<Output> outputs = requester.handle(batch);

        assertEquals(List.of(Topics.MESSAGE_REQUESTED, Topics.MESSAGE_REQUESTED, Topics.MESSAGE_REQUESTED),
                outputs.stream().map(Output::topic).toList());
        List<MessageRequested> requests = outputs.stream()
                .map(o -> EventCodec.decode(o.value(), MessageRequested.class)).toList();
        assertEquals(List.of("confirm-kw-1", "confirm-kw-3", "confirm-kw-6"),
                requests.stream().map(MessageRequested::messageId).toList());
        MessageRequested first = requests.get(0);
        assertEquals(Category.CONFIRMATION, first.category());
        assertEquals("acme-promo", first.programId());
        assertEquals("36180", first.senderId());
        assertEquals("+33612345678", outputs.get(0).key());
        assertEquals(texts.confirmation("acme-promo", "fr", ConsentAction.OPT_IN), requests.get(1).body());
        assertTrue(requests.get(1).body().contains("inscrit"), requests.get(1).body());
        assertEquals(texts.confirmation("acme-promo", "fr", ConsentAction.OPT_OUT_ALL), requests.get(2).body());
    }

    @Test
    void aRestartedConsumerRequestsTheSameConfirmationsWhichDownstreamDeduplicates() {
        List<Received<ConsentChanged>> batch = List.of(
                received(change("kw-7", ConsentAction.OPT_OUT, ConsentSource.KEYWORD, false, Instant.now())));
        // after a restart the uncommitted batch comes again: the same message id, the same text, the same validity
        List<MessageRequested> first = requester.handle(batch).stream()
                .map(o -> EventCodec.decode(o.value(), MessageRequested.class)).toList();
        List<MessageRequested> again = requester.handle(batch).stream()
                .map(o -> EventCodec.decode(o.value(), MessageRequested.class)).toList();
        assertEquals(first.get(0).messageId(), again.get(0).messageId());
        assertEquals(first.get(0).body(), again.get(0).body());
        assertEquals(first.get(0).validUntil(), again.get(0).validUntil());
    }

    static Received<ConsentChanged> received(ConsentChanged change) {
        return new Received<>(change, null);
    }
}
