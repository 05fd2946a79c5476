package org.compliantsms.dispatch.carrier.segmentation;

import java.util.ArrayList;
import java.util.List;

import org.compliantsms.dispatch.carrier.CarrierError;
import org.compliantsms.dispatch.carrier.ErrorClass;
import org.compliantsms.dispatch.carrier.SubmitResult;

/**
 * One message's result from its parts' results, the worst one winning (no answer, then refused for good, refused
 * for now, not sent). Whatever may have left is never submitted again: a part without an answer makes the message
 * {@link SubmitResult.Unknown}; parts accepted beside a part refused or not written make it a permanent
 * {@link SubmitResult.Refused}, so it ends FAILED (the handset holds pieces that never make a whole; sending the
 * whole again would repeat them). Only when no part left is the message retried: refused for now, or not sent.
 */
public final class PartResults {
    private PartResults() {
    }

    public static SubmitResult combine(List<SubmitResult> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = parts.size();
        List<String> accepted = new ArrayList<>(total);
        int worst = -1;
        for (int i = 0; i < total; i++) {
            if (parts.get(i) instanceof SubmitResult.Accepted ok) {
                accepted.add(ok.carrierMessageId());
            } else if (worst < 0 || rank(parts.get(i)) > rank(parts.get(worst))) {
                worst = i;
            }
        }
        if (worst < 0) {
            return new SubmitResult.Accepted(accepted.get(0), accepted);
        }
        String which = "part " + (worst + 1) + "/" + total + ": ";
        String sent = accepted.isEmpty() ? "" : "; parts accepted: " + accepted.size() + "/" + total + " " + accepted;
        SubmitResult result = parts.get(worst);
        if (result instanceof SubmitResult.Unknown unknown) {
            return new SubmitResult.Unknown(which + unknown.reason() + sent);
        }
        if (!accepted.isEmpty()) {
            CarrierError error = result instanceof SubmitResult.Refused refused ? refused.error()
                    : CarrierError.local("not sent: " + ((SubmitResult.NotSent) result).reason());
            return new SubmitResult.Refused(new CarrierError(error.code(), error.name(),
                    "sent in part, never sent again: " + which + error.description() + sent, ErrorClass.PERMANENT));
        }
        if (result instanceof SubmitResult.Refused refused) {
            CarrierError error = refused.error();
            return new SubmitResult.Refused(new CarrierError(error.code(), error.name(), which + error.description(),
                    error.errorClass()));
        }
        return new SubmitResult.NotSent(which + ((SubmitResult.NotSent) result).reason());
    }

    private static int rank(SubmitResult result) {
        if (result instanceof SubmitResult.Unknown) {
            return 4;
        }
        if (result instanceof SubmitResult.Refused refused) {
            return refused.error().errorClass() == ErrorClass.PERMANENT ? 3 : 2;
        }
        return result instanceof SubmitResult.NotSent ? 1 : 0;
    }
}
