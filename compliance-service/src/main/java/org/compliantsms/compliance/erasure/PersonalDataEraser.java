package org.compliantsms.compliance.erasure;

import org.compliantsms.suppression.erased.NumberHmac;

/**
 * A store of this service that holds personal data keyed by the number: {@link Erasure} calls every such bean when
 * a person is erased. The timeline implements it ({@code TimelineEraser}); the consent ledger is to implement it too,
 * so that one erasure removes the person from both. An eraser removes everything that names the number in clear;
 * what must outlive the erasure (the suppression) {@link Erasure} keeps itself, keyed by {@link NumberHmac}.
 */
public interface PersonalDataEraser {

    /** The store's name in the erasure record, e.g. {@code timeline}. */
    String store();

    /**
     * Removes the number's personal data, in its own transaction; idempotent (a second erasure removes nothing).
     *
     * @return how many rows (or entries) it removed
     */
    int erase(String e164);
}
