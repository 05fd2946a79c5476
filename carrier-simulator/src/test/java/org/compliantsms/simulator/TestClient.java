package org.compliantsms.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.compliantsms.events.text.GsmAlphabet;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/** A jSMPP transceiver bound to the simulator under test, as dispatch binds, with a chosen response timeout. */
final class TestClient implements AutoCloseable {
    static final int PORT = 12775;

    private final SMPPSession session = new SMPPSession();

    TestClient(long responseTimeoutMs) throws IOException {
        session.setTransactionTimer(responseTimeoutMs);
        session.connectAndBind("localhost", PORT, new BindParameter(BindType.BIND_TRX, "dispatch", "secret", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    }

    /** Submits GSM text when the alphabet has it, UCS-2 otherwise; returns the carrier message id. */
    String submit(String e164, String text) throws Exception {
        boolean gsm = GsmAlphabet.canEncode(text);
        byte[] bytes = gsm ? GsmAlphabet.encode(text) : text.getBytes(StandardCharsets.UTF_16BE);
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "ACME",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, e164.substring(1), new ESMClass(), (byte) 0,
                (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0,
                new GeneralDataCoding(gsm ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2), (byte) 0, bytes)
                .getMessageId();
    }

    /** Submits the octets as given, with that esm_class, data coding and TLVs; returns the carrier message id. */
    String submitRaw(String e164, int esmClass, Alphabet alphabet, byte[] bytes, OptionalParameter... tlvs)
            throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "ACME",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, e164.substring(1), new ESMClass(esmClass),
                (byte) 0, (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(alphabet),
                (byte) 0, bytes, tlvs).getMessageId();
    }

    @Override
    public void close() {
        session.unbindAndClose();
    }
}
