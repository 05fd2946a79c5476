package org.compliantsms.inbound.confirmation;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    final ConfirmationRequester requester = new ConfirmationRequester(TestPrograms.directory());

    static ConsentChanged change(String id, ConsentAction action, ConsentSource source, boolean alreadyInEffect,
            Instant at) {
        return new ConsentChanged(id, action, "+33612345678", action == ConsentAction.OPT_OUT_ALL ? null : "acme-promo",
                source, "STOP", "fr", "test", "36180", alreadyInEffect, at);
    }

    @Test
    void aBatchRequestsOneConfirmationPerKeywordOptOutThatChangedSomething() {
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

        assertEquals(List.of(Topics.MESSAGE_REQUESTED, Topics.MESSAGE_REQUESTED),
                outputs.stream().map(Output::topic).toList());
        List<MessageRequested> requests = outputs.stream()
                .map(o -> EventCodec.decode(o.value(), MessageRequested.class)).toList();
        assertEquals(List.of("confirm-kw-1", "confirm-kw-6"), requests.stream().map(MessageRequested::messageId).toList());
        MessageRequested first = requests.get(0);
        assertEquals(Category.CONFIRMATION, first.category());
        assertEquals("acme-promo", first.programId());
        assertEquals("36180", first.senderId());
        assertEquals("+33612345678", outputs.get(0).key());
        assertEquals(ConfirmationTexts.of("fr", ConsentAction.OPT_OUT_ALL), requests.get(1).body());
    }

    static Received<ConsentChanged> received(ConsentChanged change) {
        return new Received<>(change, null);
    }
}
