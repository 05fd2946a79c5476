package org.compliantsms.dispatch.carrier.segmentation;

import org.jsmpp.bean.OptionalParameter;

/** What one submit_sm of a message carries: its short_message (with the UDH, if any), esm_class and TLVs. */
public record SubmitPart(byte[] shortMessage, byte esmClass, OptionalParameter[] tlvs) {
}
