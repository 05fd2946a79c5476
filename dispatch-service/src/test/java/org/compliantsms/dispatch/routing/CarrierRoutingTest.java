package org.compliantsms.dispatch.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.compliantsms.dispatch.carrier.Carrier;
import org.compliantsms.dispatch.carrier.CarrierErrors;
import org.compliantsms.dispatch.carrier.SubmitResult;
import org.compliantsms.dispatch.routing.CarrierRouting.Routed;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.junit.jupiter.api.Test;

/** Failover: who gets a message after the first carrier did not take it, and who never does. */
class CarrierRoutingTest {
    static final CarrierErrors ERRORS = CarrierErrors.defaults();

    final Map<String, FakeCarrier> carriers = new HashMap<>();

    FakeCarrier carrier(String name, boolean available, SubmitResult answer) {
        FakeCarrier carrier = new FakeCarrier(name, available, answer);
        carriers.put(name, carrier);
        return carrier;
    }

    Routed submit(String... route) {
        CarrierRouting routing = new CarrierRouting(carriers::get, new Router(List.of()));
        MessageApproved message = approve();
        return CarrierRouting.await(routing.submitEach(List.of(message), List.of(List.of(route)))).get(0);
    }

    @Test
    void aCarrierThatIsDownIsPassedOverWithoutASubmit() {
        FakeCarrier alpha = carrier("alpha", false, new SubmitResult.Accepted("a1"));
        carrier("beta", true, new SubmitResult.Accepted("b1"));
        Routed routed = submit("alpha", "beta");
        assertEquals("beta", routed.carrier());
        assertEquals(new SubmitResult.Accepted("b1"), routed.result());
        assertEquals(0, alpha.submits.size());
    }

    @Test
    void notSentAndRefusedForNowFailOver() {
        carrier("alpha", true, new SubmitResult.NotSent("write failed"));
        carrier("beta", true, new SubmitResult.Refused(ERRORS.smpp(0x58)));
        FakeCarrier gamma = carrier("gamma", true, new SubmitResult.Accepted("g1"));
        Routed routed = submit("alpha", "beta", "gamma");
        assertEquals("gamma", routed.carrier());
        assertEquals(1, gamma.submits.size());
    }

    @Test
    void anUnknownOutcomeIsNeverSentToAnotherCarrier() {
        carrier("alpha", true, new SubmitResult.Unknown("no submit_sm_resp within 2s"));
        FakeCarrier beta = carrier("beta", true, new SubmitResult.Accepted("b1"));
        Routed routed = submit("alpha", "beta");
        assertEquals("alpha", routed.carrier());
        assertInstanceOf(SubmitResult.Unknown.class, routed.result());
        assertEquals(0, beta.submits.size(), "it may be at alpha: never sent twice");
    }

    @Test
    void aPermanentRefusalOrAStatusNobodyClassedDoesNotFailOver() {
        carrier("alpha", true, new SubmitResult.Refused(ERRORS.smpp(0x0B)));
        FakeCarrier beta = carrier("beta", true, new SubmitResult.Accepted("b1"));
        assertEquals("alpha", submit("alpha", "beta").carrier());
        carriers.put("alpha", new FakeCarrier("alpha", true, new SubmitResult.Refused(ERRORS.smpp(0x400))));
        assertEquals("alpha", submit("alpha", "beta").carrier());
        assertEquals(0, beta.submits.size());
    }

    @Test
    void whenEveryCarrierFailsARefusalForNowWinsOverNotSentSoTheMessageIsRetriedLater() {
        carrier("alpha", true, new SubmitResult.Refused(ERRORS.http(429, "Too Many Requests")));
        carrier("beta", false, new SubmitResult.Accepted("b1"));
        Routed routed = submit("alpha", "beta");
        assertEquals("alpha", routed.carrier());
        assertInstanceOf(SubmitResult.Refused.class, routed.result());

        carriers.clear();
        carrier("alpha", false, new SubmitResult.Accepted("a1"));
        carrier("beta", false, new SubmitResult.Accepted("b1"));
        assertInstanceOf(SubmitResult.NotSent.class, submit("alpha", "beta").result());
    }

    @Test
    void aWindowsFirstTriesGoToEachCarrierInOneCallSoItsRatePermitsAreTakenTogether() {
        FakeCarrier alpha = carrier("alpha", true, new SubmitResult.Accepted("a1"));
        FakeCarrier beta = carrier("beta", true, new SubmitResult.Accepted("b1"));
        carrier("down", false, new SubmitResult.Accepted("d1"));
        CarrierRouting routing = new CarrierRouting(carriers::get, new Router(List.of()));
        List<MessageApproved> messages = List.of(approve(), approve(), approve(), approve(), approve());
        List<List<String>> routes = List.of(List.of("alpha", "beta"), List.of("beta"), List.of("down", "alpha"),
                List.of("beta", "alpha"), List.of("alpha"));

        List<Routed> routed = CarrierRouting.await(routing.submitEach(messages, routes));

        assertEquals(List.of("alpha", "beta", "alpha", "beta", "alpha"), routed.stream().map(Routed::carrier).toList(),
                "results in input order");
        assertEquals(List.of(3), alpha.calls, "alpha's three first tries in one call");
        assertEquals(List.of(2), beta.calls);
        assertEquals(List.of(messages.get(0), messages.get(2), messages.get(4)), alpha.submits,
                "in input order within the carrier");
    }

    @Test
    void aFailoverFromAGroupedFirstTryGoesOnAlone() {
        carrier("alpha", true, new SubmitResult.NotSent("no rate permit for alpha"));
        FakeCarrier beta = carrier("beta", true, new SubmitResult.Accepted("b1"));
        CarrierRouting routing = new CarrierRouting(carriers::get, new Router(List.of()));
        List<MessageApproved> messages = List.of(approve(), approve());

        List<Routed> routed = CarrierRouting.await(routing.submitEach(messages,
                List.of(List.of("alpha", "beta"), List.of("alpha", "beta"))));

        assertEquals(List.of("beta", "beta"), routed.stream().map(Routed::carrier).toList());
        assertEquals(2, beta.submits.size());
        assertEquals(List.of(), beta.calls, "each failover a submit of its own");
    }

    static MessageApproved approve() {
        var request = TestEvents.marketing(TestNumbers.frenchMobile(), "promo");
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        java.time.Instant now = java.time.Instant.now();
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, now, now);
    }

    static final class FakeCarrier implements Carrier {
        final String name;
        final boolean available;
        final SubmitResult answer;
        final List<MessageApproved> submits = new ArrayList<>();
        /** How many messages each submitEach call carried. */
        final List<Integer> calls = new ArrayList<>();

        FakeCarrier(String name, boolean available, SubmitResult answer) {
            this.name = name;
            this.available = available;
            this.answer = answer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public int capacity() {
            return 1;
        }

        @Override
        public synchronized List<CompletableFuture<SubmitResult>> submitEach(List<MessageApproved> messages) {
            calls.add(messages.size());
            return Carrier.super.submitEach(messages);
        }

        @Override
        public synchronized CompletableFuture<SubmitResult> submit(MessageApproved message) {
            submits.add(message);
            // Answered later, from another thread, as a carrier's reader would.
            return CompletableFuture.supplyAsync(() -> answer);
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public String state() {
            return available ? "up" : "down";
        }
    }
}
