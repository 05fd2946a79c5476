package org.compliantsms.campaign.programs;

import org.compliantsms.events.Program;

/**
 * A program as stored, and whether its current version is on sms.programs.v1 yet (false: Kafka has not
 * acknowledged it; the service sends it again every few seconds).
 */
public record ProgramView(Program program, boolean published) {
}
