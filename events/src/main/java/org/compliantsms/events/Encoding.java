package org.compliantsms.events;

/** SMS data coding: GSM 03.38 7-bit (160 characters, 153 per part) or UCS-2 (70, 67 per part). */
public enum Encoding {
    GSM7,
    UCS2
}
