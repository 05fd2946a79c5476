package org.compliantsms.dispatch.carrier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.dispatch.carrier.segmentation.Segmentation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The carriers and the routes to them (docs/dispatch.md, "Carriers and routing"). Without {@code dispatch.carriers}
 * there is one SMPP carrier, {@code dispatch.carrier.*} and {@code dispatch.smpp.*}, taking every destination: how
 * dispatch was configured before there were several. With it, {@code dispatch.smpp.*} are the defaults of every
 * named SMPP carrier and {@code dispatch.routes} say which carriers take which destinations.
 */
@ConfigMapping(prefix = "dispatch")
public interface CarrierConfig {
    Carrier carrier();

    Smpp smpp();

    /** Carriers by name ({@code dispatch.carriers.<name>.*}); empty for the single carrier of the keys above. */
    Map<String, NamedCarrier> carriers();

    /** Routes by name ({@code dispatch.routes.<name>.*}); empty for one route of every destination to every carrier. */
    Map<String, Route> routes();

    enum Type {
        SMPP, HTTP
    }

    /** One carrier of {@code dispatch.carriers}. */
    interface NamedCarrier {
        @WithDefault("SMPP")
        Type type();

        /** As {@link Carrier#country()}: the numbering plan of its national senders. */
        Optional<String> country();

        /**
         * Submissions per second to this carrier from all dispatch replicas together (a token bucket in Redis, as
         * {@link Carrier#maxRate()}); 0 for no limit (the window still bounds it).
         */
        @WithDefault("0")
        int maxRate();

        /** As {@link Carrier#rateBurst()}: the bucket's size; 0 for max-rate / 20, at least 1. */
        @WithDefault("0")
        int rateBurst();

        /** Its error table's overrides (the defaults otherwise; not those of {@code dispatch.carrier.errors}). */
        Errors errors();

        /** An SMPP carrier's connection; any key left out is {@code dispatch.smpp}'s. */
        SmppOverrides smpp();

        /** An HTTP carrier's API. */
        Optional<Http> http();
    }

    /** {@link Smpp}'s keys for one carrier, each falling back to {@code dispatch.smpp.*}. */
    interface SmppOverrides {
        Optional<String> host();

        Optional<Integer> port();

        Optional<String> systemId();

        Optional<String> password();

        Optional<String> systemType();

        Optional<Integer> sessions();

        Optional<Integer> queueCapacity();

        Optional<Integer> window();

        Optional<Duration> reconnectDelay();

        Optional<Duration> responseTimeout();

        Optional<Segmentation> segmentation();
    }

    /** A carrier with a REST API: one JSON POST per message, receipts by webhook. */
    interface Http {
        /** Where a message is POSTed, e.g. https://api.carrier.example/v1/messages. */
        String url();

        /** The header that authenticates dispatch, e.g. Authorization. */
        @WithDefault("Authorization")
        String authHeader();

        /** Its value, e.g. {@code Bearer <key>} (a secret: from the environment in production). */
        Optional<String> authValue();

        /** The JSON field of a 2xx answer that holds the carrier's message id. */
        @WithDefault("id")
        String idField();

        /** How long to wait to connect; a connection refused or not made in time certainly sent nothing. */
        @WithDefault("2s")
        Duration connectTimeout();

        /**
         * How long to wait for the answer once the request is written. Past it the message may have reached the
         * carrier: it ends UNCONFIRMED and is never sent again.
         */
        @WithDefault("10s")
        Duration responseTimeout();

        /** Requests in flight to this carrier at once (its window). */
        @WithDefault("64")
        int window();

        /** After a connection failure, how long the carrier counts as down (routing passes over it meanwhile). */
        @WithDefault("2s")
        Duration reconnectDelay();

        /**
         * The secret its receipts are signed with (HMAC-SHA256, {@code X-Webhook-Timestamp} and
         * {@code X-Webhook-Signature}); without it the carrier's receipt webhook refuses everything.
         */
        Optional<String> webhookSecret();
    }

    /** Destinations a carrier takes, in which order of preference. */
    interface Route {
        /**
         * E.164 prefixes of the destinations it takes: a country calling code ({@code +44}), a finer prefix
         * ({@code +4477}), or {@code *} for every destination.
         */
        List<String> prefixes();

        /** The carrier's name in {@code dispatch.carriers} (or {@code dispatch.carrier.name}). */
        String carrier();

        /** Lower first: the routes of the lowest priority that can take a message are tried first. */
        @WithDefault("1")
        int priority();

        /** Among routes of equal priority, the share of messages tried first on this one (relative). */
        @WithDefault("1")
        int weight();
    }

    interface Carrier {
        /** Name reported in message-status events. */
        String name();

        /**
         * ISO 3166 region of the carrier's national numbering plan (e.g. FR): how a reply's sender written as a
         * national number (SMPP TON 2 or 4, or TON 0 with a trunk prefix) becomes E.164. Without it such replies
         * cannot be attributed and go to review.
         */
        Optional<String> country();

        /**
         * submit_sm per second to this carrier from all dispatch replicas together (a token bucket in Redis); 0 for
         * no limit (the window still bounds it).
         */
        @WithDefault("0")
        int maxRate();

        /**
         * submit_sm that may go at once after a pause (the bucket's size): any T seconds see at most
         * {@code rate-burst + max-rate × T}; 0 for the default, max-rate / 20 (50 ms of the rate), at least 1.
         */
        @WithDefault("0")
        int rateBurst();

        /** This carrier's error table: overrides of {@link CarrierErrors}' defaults. */
        Errors errors();

        /** How refused submits are tried again. */
        Retry retry();
    }

    /** Status codes in hex ({@code 0x58}) or decimal; each list moves its codes into that class. */
    interface Errors {
        /** SMPP command_status codes retried with a backoff. */
        @WithName("transient")
        Optional<List<String>> transientStatuses();

        /** SMPP command_status codes that end the message FAILED at once. */
        @WithName("permanent")
        Optional<List<String>> permanentStatuses();

        /** HTTP statuses retried (default: 408, 425, 429, 5xx). */
        Optional<List<String>> httpTransient();

        /** HTTP statuses that end the message FAILED (default: the other 4xx). */
        Optional<List<String>> httpPermanent();
    }

    interface Retry {
        /** Attempts in all (the first included) for a transient refusal; then FAILED with the code. */
        @WithDefault("8")
        int maxAttempts();

        /** Attempts in all for a status the error table does not know; then FAILED with the code. */
        @WithDefault("3")
        int unknownStatusAttempts();

        /** Wait after the first refusal; doubled after each further one. */
        @WithDefault("1s")
        Duration initialDelay();

        /** The longest wait between two attempts. */
        @WithDefault("5m")
        Duration maxDelay();

        /** Share of each wait drawn at random (0..1), so refused messages do not all come back at once. */
        @WithDefault("0.2")
        double jitter();
    }

    interface Smpp {
        String host();

        int port();

        String systemId();

        String password();

        Optional<String> systemType();

        /** Transceiver sessions bound to the carrier at once (carriers cap this per account). */
        @WithDefault("2")
        int sessions();

        /**
         * PDUs received on a session waiting for jSMPP's processor thread (receipts, replies, answers); beyond it
         * jSMPP answers ESME_RTHROTTLED. A carrier sending a backlog of receipts after a bind can send thousands
         * at once; each costs the processor thread little (a receipt is handed to its batch), so the queue is deep.
         */
        @WithDefault("10000")
        int queueCapacity();

        /** Outstanding submit_sm per session awaiting their submit_sm_resp (the SMPP window). */
        @WithDefault("64")
        int window();

        /** Wait before binding again after the session dropped or a bind failed. */
        @WithDefault("2s")
        Duration reconnectDelay();

        /**
         * How long to wait for a response PDU (submit_sm_resp...). A submit without an answer in that time may have
         * reached the carrier: it ends UNCONFIRMED and is never sent again.
         */
        @WithDefault("10s")
        Duration responseTimeout();

        /**
         * How a text longer than one SMS goes: UDH8, UDH16 (one submit_sm per part with a concatenation header,
         * 8- or 16-bit reference), SAR (one per part with the SAR TLVs) or PAYLOAD (whole, in message_payload).
         */
        @WithDefault("UDH8")
        Segmentation segmentation();
    }
}
