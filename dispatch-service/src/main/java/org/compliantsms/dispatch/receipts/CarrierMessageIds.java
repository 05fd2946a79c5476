package org.compliantsms.dispatch.receipts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Carrier message ids as keys. Carriers differ in how they write the same id: some answer submit_sm in hex
 * ({@code 1a2b}) and write receipts in decimal ({@code 6699}), some pad with zeros, some change case. An id is
 * stored in its normal form (trimmed, lower case, without leading zeros); a receipt's id is looked up in its
 * normal form first and then as the same number in the other radix.
 */
public final class CarrierMessageIds {
    private CarrierMessageIds() {
    }

    /** Trimmed, lower case, leading zeros dropped ("0" stays). */
    public static String normalise(String id) {
        String lower = id.trim().toLowerCase(Locale.ROOT);
        int start = 0;
        while (start < lower.length() - 1 && lower.charAt(start) == '0') {
            start++;
        }
        return lower.substring(start);
    }

    /**
     * The normal forms a receipt's id may have been submitted as, the id as written first: then, for an id of
     * decimal digits, its value in hex; for one of hex digits, its value in decimal.
     *
     * @param otherRadix false to match the id as written only
     */
    public static List<String> candidates(String receiptId, boolean otherRadix) {
        String id = normalise(receiptId);
        List<String> forms = new ArrayList<>(3);
        forms.add(id);
        if (!otherRadix || id.length() > 64) {
            return forms;
        }
        if (id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            addIfNew(forms, new BigInteger(id, 10).toString(16));
        }
        if (id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            addIfNew(forms, new BigInteger(id, 16).toString(10));
        }
        return forms;
    }

    private static void addIfNew(List<String> forms, String form) {
        if (!forms.contains(form)) {
            forms.add(form);
        }
    }
}
