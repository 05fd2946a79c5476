package org.compliantsms.dispatch.carrier;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The error table of one carrier: which SMPP command_status (and HTTP status, for HTTP carriers) means "try again
 * later" and which means "never". The defaults follow the SMPP 3.4 specification (section 5.1.3, names as there);
 * a carrier's configuration moves codes between the classes or adds its own vendor codes
 * ({@code dispatch.carrier.errors.transient=0x58,0x400}). A code in neither class is {@link ErrorClass#UNKNOWN}.
 * Immutable: built once at startup, read on every refusal.
 */
public final class CarrierErrors {
    private record Entry(String name, String description, ErrorClass errorClass) {
    }

    private static final Map<Integer, Entry> SMPP_DEFAULTS = smppDefaults();

    private final Map<Integer, Entry> smpp;
    private final Map<Integer, ErrorClass> http;

    private CarrierErrors(Map<Integer, Entry> smpp, Map<Integer, ErrorClass> http) {
        this.smpp = Map.copyOf(smpp);
        this.http = Map.copyOf(http);
    }

    /** The table as the specification reads, without any carrier's overrides. */
    public static CarrierErrors defaults() {
        return new CarrierErrors(SMPP_DEFAULTS, Map.of());
    }

    /** The defaults with a carrier's overrides; a code listed in both classes is a configuration error. */
    public static CarrierErrors of(CarrierConfig.Errors config) {
        return defaults().with(config.transientStatuses().orElse(List.of()),
                config.permanentStatuses().orElse(List.of()), config.httpTransient().orElse(List.of()),
                config.httpPermanent().orElse(List.of()));
    }

    /** Codes in hex ({@code 0x58}) or decimal ({@code 88}). */
    public CarrierErrors with(Collection<String> transientSmpp, Collection<String> permanentSmpp,
            Collection<String> transientHttp, Collection<String> permanentHttp) {
        Map<Integer, Entry> smppTable = new HashMap<>(smpp);
        Map<Integer, ErrorClass> httpTable = new HashMap<>(http);
        override(smppTable, transientSmpp, permanentSmpp, "dispatch.carrier.errors");
        List<Integer> retryHttp = parseAll(transientHttp, "dispatch.carrier.errors.http-transient");
        List<Integer> neverHttp = parseAll(permanentHttp, "dispatch.carrier.errors.http-permanent");
        retryHttp.stream().filter(neverHttp::contains).findFirst().ifPresent(code -> {
            throw new IllegalArgumentException("HTTP status " + code + " is listed as both transient and permanent "
                    + "in dispatch.carrier.errors");
        });
        retryHttp.forEach(code -> httpTable.put(code, ErrorClass.TRANSIENT));
        neverHttp.forEach(code -> httpTable.put(code, ErrorClass.PERMANENT));
        return new CarrierErrors(smppTable, httpTable);
    }

    /** A submit_sm_resp with a non-zero command_status. */
    public CarrierError smpp(int commandStatus) {
        Entry entry = smpp.get(commandStatus);
        String code = String.format(Locale.ROOT, "smpp:0x%08X", commandStatus);
        return entry == null ? new CarrierError(code, "", "(not in the error table)", ErrorClass.UNKNOWN)
                : new CarrierError(code, entry.name(), entry.description(), entry.errorClass());
    }

    /**
     * An HTTP carrier's answer other than 2xx: by the table, else 408, 425, 429 and 5xx are transient, other 4xx
     * permanent, anything else unknown.
     */
    public CarrierError http(int status, String reason) {
        ErrorClass errorClass = Optional.ofNullable(http.get(status)).orElseGet(() -> defaultHttpClass(status));
        return new CarrierError("http:" + status, reason == null ? "" : reason, "", errorClass);
    }

    private static ErrorClass defaultHttpClass(int status) {
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599)) {
            return ErrorClass.TRANSIENT;
        }
        return status >= 400 && status <= 499 ? ErrorClass.PERMANENT : ErrorClass.UNKNOWN;
    }

    private static void override(Map<Integer, Entry> table, Collection<String> transientCodes,
            Collection<String> permanentCodes, String key) {
        List<Integer> retry = parseAll(transientCodes, key + ".transient");
        List<Integer> never = parseAll(permanentCodes, key + ".permanent");
        for (Integer code : retry) {
            if (never.contains(code)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "command_status 0x%X is listed as both transient and permanent in %s", code, key));
            }
            reclass(table, code, ErrorClass.TRANSIENT);
        }
        never.forEach(code -> reclass(table, code, ErrorClass.PERMANENT));
    }

    private static void reclass(Map<Integer, Entry> table, int code, ErrorClass errorClass) {
        Entry known = table.get(code);
        table.put(code, known == null ? new Entry("", "(carrier-specific)", errorClass)
                : new Entry(known.name(), known.description(), errorClass));
    }

    private static List<Integer> parseAll(Collection<String> codes, String key) {
        return codes.stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> parse(s, key)).toList();
    }

    static int parse(String code, String key) {
        try {
            int value = code.regionMatches(true, 0, "0x", 0, 2) ? Integer.parseUnsignedInt(code.substring(2), 16)
                    : Integer.parseInt(code);
            if (value == 0) {
                throw new IllegalArgumentException(key + ": 0 is success, not an error code");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + code + "' is not a status code (0x58 or 88)", e);
        }
    }

    private static Map<Integer, Entry> smppDefaults() {
        Map<Integer, Entry> t = new HashMap<>();
        ErrorClass retry = ErrorClass.TRANSIENT;
        ErrorClass never = ErrorClass.PERMANENT;
        t.put(0x01, new Entry("ESME_RINVMSGLEN", "message length is invalid", never));
        t.put(0x02, new Entry("ESME_RINVCMDLEN", "command length is invalid", never));
        t.put(0x03, new Entry("ESME_RINVCMDID", "invalid command ID", never));
        t.put(0x04, new Entry("ESME_RINVBNDSTS", "incorrect bind status for given command", retry));
        t.put(0x06, new Entry("ESME_RINVPRTFLG", "invalid priority flag", never));
        t.put(0x07, new Entry("ESME_RINVREGDLVFLG", "invalid registered delivery flag", never));
        t.put(0x08, new Entry("ESME_RSYSERR", "system error", retry));
        t.put(0x0A, new Entry("ESME_RINVSRCADR", "invalid source address", never));
        t.put(0x0B, new Entry("ESME_RINVDSTADR", "invalid destination address", never));
        t.put(0x14, new Entry("ESME_RMSGQFUL", "message queue full", retry));
        t.put(0x15, new Entry("ESME_RINVSERTYP", "invalid service type", never));
        t.put(0x43, new Entry("ESME_RINVESMCLASS", "invalid esm_class field data", never));
        t.put(0x45, new Entry("ESME_RSUBMITFAIL", "submit_sm or submit_multi failed", retry));
        t.put(0x48, new Entry("ESME_RINVSRCTON", "invalid source address TON", never));
        t.put(0x49, new Entry("ESME_RINVSRCNPI", "invalid source address NPI", never));
        t.put(0x50, new Entry("ESME_RINVDSTTON", "invalid destination address TON", never));
        t.put(0x51, new Entry("ESME_RINVDSTNPI", "invalid destination address NPI", never));
        t.put(0x58, new Entry("ESME_RTHROTTLED", "throttling error (message rate exceeded)", retry));
        t.put(0x61, new Entry("ESME_RINVSCHED", "invalid scheduled delivery time", never));
        t.put(0x62, new Entry("ESME_RINVEXPIRY", "invalid message validity period", never));
        t.put(0x63, new Entry("ESME_RINVDFTMSGID", "predefined message invalid or not found", never));
        t.put(0x64, new Entry("ESME_RX_T_APPN", "ESME receiver temporary app error", retry));
        t.put(0x65, new Entry("ESME_RX_P_APPN", "ESME receiver permanent app error", never));
        t.put(0x66, new Entry("ESME_RX_R_APPN", "ESME receiver reject message error", never));
        t.put(0xC0, new Entry("ESME_RINVOPTPARSTREAM", "error in the optional part of the PDU body", never));
        t.put(0xC1, new Entry("ESME_ROPTPARNOTALLWD", "optional parameter not allowed", never));
        t.put(0xC2, new Entry("ESME_RINVPARLEN", "invalid parameter length", never));
        t.put(0xC3, new Entry("ESME_RMISSINGOPTPARAM", "expected optional parameter missing", never));
        t.put(0xC4, new Entry("ESME_RINVOPTPARAMVAL", "invalid optional parameter value", never));
        t.put(0xFE, new Entry("ESME_RDELIVERYFAILURE", "delivery failure", retry));
        t.put(0xFF, new Entry("ESME_RUNKNOWNERR", "unknown error", ErrorClass.UNKNOWN));
        return Map.copyOf(t);
    }
}
