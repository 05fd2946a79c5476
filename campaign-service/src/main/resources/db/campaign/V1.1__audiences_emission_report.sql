-- Audiences from CSV, resumable emission (a persisted cursor and a lease), schedules, and exact report counts.

-- The schedule and the emission cursor: positions up to emittedthrough were acknowledged by Kafka; the replica
-- holding the lease (leaseowner until leaseuntil) is the only one emitting the campaign.
alter table ${flyway:defaultSchema}.campaign
    add column sendat         timestamp(6) with time zone,
    add column ratepersecond  integer,
    add column emittedthrough integer not null default -1,
    add column leaseowner     varchar(64),
    add column leaseuntil     timestamp(6) with time zone;

-- A recipient once per campaign: the import's duplicate check, and the message id derived from both.
create unique index campaign_message_recipient on ${flyway:defaultSchema}.campaign_message (campaignid, recipient);
create index campaign_message_position on ${flyway:defaultSchema}.campaign_message (campaignid, position);

-- What an audience row brings beside the number.
alter table ${flyway:defaultSchema}.campaign_message
    add column locale          varchar(35),
    add column consenttime     timestamp(6) with time zone,
    add column consentsource   varchar(64),
    add column consentevidence varchar(512),
    add column fields          text;

-- One CSV upload and how far it went (read while it runs: the progress endpoint).
create table ${flyway:defaultSchema}.audience_import (
    id         uuid        primary key,
    campaignid uuid        not null,
    state      varchar(16) not null,
    rowsread   integer     not null default 0,
    accepted   integer     not null default 0,
    rejected   integer     not null default 0,
    startedat  timestamp(6) with time zone not null,
    finishedat timestamp(6) with time zone,
    error      varchar(512)
);

create index audience_import_campaign on ${flyway:defaultSchema}.audience_import (campaignid, startedat);

-- Rows of an upload that were not imported: by line number (the header is line 1) and reason.
create table ${flyway:defaultSchema}.audience_rejection (
    importid uuid        not null,
    line     bigint      not null,
    reason   varchar(32) not null,
    detail   varchar(512),
    primary key (importid, line)
);

-- Each outcome a campaign message reached, once: (message, outcome) is the key, so that redelivered events count
-- once in the report.
create table ${flyway:defaultSchema}.campaign_message_event (
    messageid  varchar(128) not null,
    outcome    varchar(16)  not null,
    campaignid uuid         not null,
    reason     varchar(32),
    at         timestamp(6) with time zone,
    primary key (messageid, outcome)
);

create index campaign_message_event_campaign on ${flyway:defaultSchema}.campaign_message_event (campaignid);
