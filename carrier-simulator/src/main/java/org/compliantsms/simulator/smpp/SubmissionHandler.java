package org.compliantsms.simulator.smpp;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.text.SmppDataCoding;
import org.jboss.logging.Logger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/** Accepts submit_sm: stores the message and answers with a fresh carrier message id. */
@ApplicationScoped
public class SubmissionHandler implements ServerMessageReceiverListener {
    private static final Logger LOG = Logger.getLogger(SubmissionHandler.class);

    private final MessageStore store;
    /** Unique across simulator restarts, short enough for SMPP's 65-octet message_id. */
    private final String prefix = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    public SubmissionHandler(MessageStore store) {
        this.store = store;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
        byte[] bytes = submit.getShortMessage();
        if (bytes == null || bytes.length == 0) {
            OptionalParameter payload = submit.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            bytes = payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
        }
        String to = SmsText.toE164(submit.getDestAddress(), submit.getDestAddrTon());
        if (to == null || to.isBlank()) {
            throw new ProcessRequestException("no destination", SMPPConstant.STAT_ESME_RINVDSTADR);
        }
        String id = prefix + "-" + Long.toHexString(sequence.incrementAndGet());
        String text = SmppDataCoding.decode(bytes, submit.getDataCoding());
        boolean receipt = (submit.getRegisteredDelivery() & 0x03) != 0;
        store.add(new SubmittedMessage(id, session.getSessionId(), SmsText.toE164(submit.getSourceAddr(),
                submit.getSourceAddrTon()), to, text, submit.getDataCoding() & 0xFF, receipt, Instant.now()));
        LOG.debugf("submit_sm %s to %s (%d octets)", id, PhoneNumbers.mask(to), bytes.length);
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("cannot build message id", SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession session)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession session) throws ProcessRequestException {
        throw unsupported("query_sm");
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession session) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession session) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession session)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancel, SMPPServerSession session)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm query, SMPPServerSession session)
            throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported("data_sm");
    }

    private static ProcessRequestException unsupported(String command) {
        return new ProcessRequestException(command + " is not supported by the simulator",
                SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
