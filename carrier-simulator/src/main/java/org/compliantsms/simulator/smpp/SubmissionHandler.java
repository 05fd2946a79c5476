package org.compliantsms.simulator.smpp;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.text.SmppDataCoding;
import org.compliantsms.simulator.behaviour.Behaviour;
import org.compliantsms.simulator.behaviour.BehaviourSettings;
import org.compliantsms.simulator.rate.SubmitRate;
import org.compliantsms.simulator.receipts.CarrierIds;
import org.compliantsms.simulator.receipts.PlannedReceipt;
import org.compliantsms.simulator.receipts.ReceiptPlan;
import org.compliantsms.simulator.receipts.ReceiptSender;
import org.compliantsms.simulator.receipts.ReceiptSettings;
import org.compliantsms.simulator.record.RecordFile;
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

/**
 * Accepts submit_sm: stores and records the message and answers with a fresh carrier message id, unless the
 * {@link BehaviourSettings behaviour knobs} say to refuse it or to answer late, or it is over the
 * {@link SubmitRate rate limit} (ESME_RTHROTTLED). A part of a concatenated message
 * (UDH or SAR) is answered with its own id and goes to the {@link Reassembly}: the message is stored and recorded
 * once, whole, when its last part arrives; a part whose header cannot be read is refused. When the submit asked for
 * a receipt and {@link ReceiptSettings receipts} are on, one is planned for it (for each part, as SMSCs do) with an
 * outcome drawn from their mix. Runs on jSMPP's processor threads
 * for every message, so it does no work that is not needed (no log text unless DEBUG is on). It and the beans it
 * calls are singletons because the client proxies of application-scoped beans showed in the profile.
 */
@Singleton
public class SubmissionHandler implements ServerMessageReceiverListener {
    private static final Logger LOG = Logger.getLogger(SubmissionHandler.class);
    private static final OptionalParameter[] NO_PARAMETERS = new OptionalParameter[0];
    /** SMPP 3.4: an optional parameter's value is invalid (jSMPP has no constant for it). */
    private static final int STAT_ESME_RINVOPTPARAMVAL = 0xC4;

    private final MessageStore store;
    private final RecordFile record;
    private final SessionStats stats;
    private final BehaviourSettings behaviour;
    private final DelayedResponses delayed;
    private final Reassembly reassembly;
    private final CarrierIds ids;
    private final ReceiptSettings receipts;
    private final ReceiptSender receiptSender;
    private final SubmitRate rate;

    public SubmissionHandler(MessageStore store, RecordFile record, SessionStats stats, BehaviourSettings behaviour,
            DelayedResponses delayed, Reassembly reassembly, CarrierIds ids, ReceiptSettings receipts,
            ReceiptSender receiptSender, SubmitRate rate) {
        this.rate = rate;
        this.store = store;
        this.record = record;
        this.stats = stats;
        this.behaviour = behaviour;
        this.delayed = delayed;
        this.reassembly = reassembly;
        this.ids = ids;
        this.receipts = receipts;
        this.receiptSender = receiptSender;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
        String to = SmsText.toE164(submit.getDestAddress(), submit.getDestAddrTon());
        if (to == null || to.isBlank()) {
            throw new ProcessRequestException("no destination", SMPPConstant.STAT_ESME_RINVDSTADR);
        }
        int throttled = rate.admit();
        if (throttled != 0) {
            throw new ProcessRequestException("throttled: over the simulator's rate limit", throttled);
        }
        Behaviour knobs = behaviour.current();
        long delayMs = 0;
        if (!knobs.normal()) {
            int status = behaviour.refusalFor(to);
            if (status != 0) {
                if (LOG.isDebugEnabled()) {
                    LOG.debugf("submit_sm to %s refused with status 0x%08x", PhoneNumbers.mask(to), status);
                }
                throw new ProcessRequestException("refused by the simulator's behaviour knobs", status);
            }
            delayMs = knobs.responseDelayMsFor(to);
        }
        byte[] bytes = submit.getShortMessage();
        if (bytes == null || bytes.length == 0) {
            OptionalParameter payload = submit.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            bytes = payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
        }
        ConcatenatedPart part = ConcatenatedPart.of(submit, bytes);
        if (part != null && part.isMalformed()) {
            reassembly.malformed();
            throw new ProcessRequestException(part.malformed(), part.kind() == ConcatenatedPart.Kind.SAR
                    ? STAT_ESME_RINVOPTPARAMVAL : SMPPConstant.STAT_ESME_RINVESMCLASS);
        }
        ReceiptPlan plan = receipts.current();
        CarrierIds.Ids carrierIds = ids.next(plan.idFormat());
        String id = carrierIds.submitted();
        int dataCoding = submit.getDataCoding() & 0xFF;
        String from = SmsText.toE164(submit.getSourceAddr(), submit.getSourceAddrTon());
        boolean receipt = (submit.getRegisteredDelivery() & 0x03) != 0;
        Instant now = Instant.now();
        stats.accepted(session.getSessionId());
        String text = SmppDataCoding.decode(part == null ? bytes : part.content(), submit.getDataCoding());
        if (part == null || part.kind() == null) {
            SubmittedMessage message = new SubmittedMessage(id, session.getSessionId(), from, to, text, dataCoding,
                    receipt, now);
            store.add(message);
            record.append(message);
        } else {
            reassembly.add(part, new SubmittedMessage(id, session.getSessionId(), from, to, null, dataCoding, receipt,
                    now)).ifPresent(whole -> {
                        store.add(whole);
                        record.append(whole);
                    });
        }
        if (receipt && plan.enabled()) {
            receiptSender.schedule(new PlannedReceipt(session.getSessionId(), to, from, carrierIds.inReceipt(),
                    plan.outcomeFor(to, ThreadLocalRandom.current()), text, now, plan.form()), delayMs + plan.delayMs());
        }
        if (delayMs > 0) {
            delayed.delay(id, delayMs);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("submit_sm %s to %s (%d octets), answered in %d ms", id, PhoneNumbers.mask(to), bytes.length,
                    delayMs);
        }
        try {
            return new SubmitSmResult(new MessageId(id), NO_PARAMETERS);
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
