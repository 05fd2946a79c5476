package org.compliantsms.dispatch.carrier.segmentation;

import java.util.List;

/** A message as submit_sm PDUs: the data_coding every part shares, and the parts in order. */
public record SegmentedMessage(int dataCoding, List<SubmitPart> parts) {
}
