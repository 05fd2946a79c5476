package org.compliantsms.events;

/**
 * What compliance changed in a request's body before approving it, and what that cost.
 *
 * @param footer the opt-out footer appended (with the line break before it), or null when none was added
 * @param charactersReplaced smart quotes, dashes and the like replaced by their GSM-7 look-alikes (0 when none)
 * @param encodingBefore the encoding the body as requested would have taken
 * @param segmentsBefore the SMS parts the body as requested would have taken; the approval's {@code segments}
 *            are the parts after the change
 */
public record BodyChanges(String footer, int charactersReplaced, Encoding encodingBefore, int segmentsBefore) {
}
