package org.compliantsms.simulator.behaviour;

/**
 * Refuse submit_sm to every destination starting with {@code prefix} (E.164, e.g. {@code +3375}) with
 * {@code status}: every time ({@code times} 0, a permanent refusal), or only the first {@code times} submits to
 * each such destination, then accept (a transient one that clears).
 */
public record ErrorRule(String prefix, int status, int times) {
}
