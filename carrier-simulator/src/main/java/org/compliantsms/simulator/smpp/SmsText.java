package org.compliantsms.simulator.smpp;

/** SMPP addresses with TON international carry no '+'; the simulator speaks E.164 on its admin API. */
final class SmsText {
    private SmsText() {
    }

    static String toE164(String address, byte ton) {
        if (address == null || address.startsWith("+") || ton != 1) {
            return address;
        }
        return "+" + address;
    }
}
