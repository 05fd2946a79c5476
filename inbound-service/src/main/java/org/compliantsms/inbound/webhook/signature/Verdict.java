package org.compliantsms.inbound.webhook.signature;

/** The outcome of checking a webhook's signature, with a reason fit for the caller and the log (never a secret). */
public record Verdict(Outcome outcome, String reason) {
    public enum Outcome {
        VALID(200),
        UNKNOWN_ACCOUNT(404),
        MISSING(401),
        INVALID(403),
        /** Authentic but outside the replay window: an old or replayed request, or a skewed sender clock. */
        EXPIRED(403),
        /** JSON posted to a Twilio account or a form to an HMAC account. */
        WRONG_SCHEME(403);

        private final int httpStatus;

        Outcome(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }

    public int httpStatus() {
        return outcome.httpStatus();
    }

    static Verdict accepted(String reason) {
        return new Verdict(Outcome.VALID, reason);
    }

    static Verdict unknownAccount() {
        return new Verdict(Outcome.UNKNOWN_ACCOUNT, "unknown webhook account");
    }

    static Verdict missing(String reason) {
        return new Verdict(Outcome.MISSING, reason);
    }

    static Verdict invalid(String reason) {
        return new Verdict(Outcome.INVALID, reason);
    }

    static Verdict expired(String reason) {
        return new Verdict(Outcome.EXPIRED, reason);
    }

    static Verdict wrongScheme(String reason) {
        return new Verdict(Outcome.WRONG_SCHEME, reason);
    }
}
