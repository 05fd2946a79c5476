-- Time-zone waves (docs/campaigns.md, "Time-zone waves"): a campaign sent within each recipient's local window.

-- The window in the recipient's local time (both null: no window, every recipient at once).
ALTER TABLE ${flyway:defaultSchema}.campaign
    ADD COLUMN windowfrom time,
    ADD COLUMN windowto   time;

-- The recipient's time zones as one wave key (zone ids sorted, joined by a space; UTC when none is known), filled
-- in by the emitter when a campaign sent in local windows starts (null before: most campaigns never need them).
ALTER TABLE ${flyway:defaultSchema}.campaign_message ADD COLUMN timezones text;
CREATE INDEX campaign_message_wave ON ${flyway:defaultSchema}.campaign_message (campaignid, timezones, position);

-- One cursor per wave: every message of the wave up to this position was acknowledged by Kafka. A message is
-- requested when its position is at most the campaign's cursor (emittedthrough) or its wave's.
CREATE TABLE ${flyway:defaultSchema}.campaign_wave (
    campaignid     uuid    NOT NULL,
    timezones      text    NOT NULL,
    emittedthrough integer NOT NULL DEFAULT -1,
    PRIMARY KEY (campaignid, timezones)
);

-- Consent columns create consent records (docs/campaigns.md, "Consent columns"): per partition of
-- sms.consent-changed.v1, the highest offset of the consent records a campaign's uploads published. The campaign is
-- emitted once compliance-service's consumer group has passed every one (ConsentBarrier).
CREATE TABLE ${flyway:defaultSchema}.campaign_consent_offset (
    campaignid     uuid    NOT NULL,
    kafkapartition integer NOT NULL,
    throughoffset  bigint  NOT NULL,
    PRIMARY KEY (campaignid, kafkapartition)
);
ALTER TABLE ${flyway:defaultSchema}.audience_import ADD COLUMN consents integer NOT NULL DEFAULT 0;

-- An upload killed mid-way is visible as such (docs/campaigns.md, "An upload killed mid-way"): the last line of the
-- last batch stored, and when a batch was last stored; a RUNNING upload without a batch for
-- campaign.audience.stale-after is INTERRUPTED.
ALTER TABLE ${flyway:defaultSchema}.audience_import
    ADD COLUMN lastline  bigint NOT NULL DEFAULT 0,
    ADD COLUMN updatedat timestamp(6) with time zone;

-- Opt-outs that followed a campaign (docs/campaigns.md, "Report"): one row per opt-out event (its eventId, so a
-- redelivered event counts once), attributed to the campaign whose message last reached the recipient before it.
CREATE TABLE ${flyway:defaultSchema}.campaign_optout (
    eventid    varchar(128) PRIMARY KEY,
    campaignid uuid         NOT NULL,
    messageid  varchar(128) NOT NULL,
    optedoutat timestamp(6) with time zone NOT NULL
);
CREATE INDEX campaign_optout_campaign ON ${flyway:defaultSchema}.campaign_optout (campaignid);
-- An opt-out names a number: the campaigns' messages to it, found without knowing the campaign.
CREATE INDEX campaign_message_by_recipient ON ${flyway:defaultSchema}.campaign_message (recipient);
