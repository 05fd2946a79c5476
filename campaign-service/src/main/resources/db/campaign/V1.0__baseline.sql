-- The baseline: the tables as Hibernate's `update` made them until now, in Flyway's schema (campaigns, created by
-- Flyway; ${flyway:defaultSchema} so that a test can migrate a schema of its own).
-- Column names are those Hibernate gave the entities' fields (createdAt is createdat). A fresh schema, not public:
-- a database extended by an older build keeps its tables there untouched, and this migration never meets a table
-- it did not create.

create table ${flyway:defaultSchema}.campaign (
    id              uuid          primary key,
    programid       varchar(64)   not null,
    senderid        varchar(16)   not null,
    category        varchar(16)   not null,
    body            varchar(1600) not null,
    locale          varchar(35),
    notbefore       timestamp(6) with time zone,
    validuntil      timestamp(6) with time zone,
    state           varchar(16)   not null,
    recipientcount  integer       not null,
    createdat       timestamp(6) with time zone not null,
    requestedat     timestamp(6) with time zone
);

create table ${flyway:defaultSchema}.campaign_message (
    messageid   varchar(128) primary key,
    campaignid  uuid         not null,
    position    integer      not null,
    recipient   varchar(16)  not null,
    outcome     varchar(16)  not null,
    reason      varchar(32),
    detail      varchar(512),
    updatedat   timestamp(6) with time zone
);

create index campaign_message_campaign on ${flyway:defaultSchema}.campaign_message (campaignid);

-- What the outcomes topic knows of one message (analytics); no phone number, only its pseudonym.
create table ${flyway:defaultSchema}.message_facts (
    message_id       varchar(128) primary key,
    pseudonym        varchar(64)  not null,
    program_id       varchar(64)  not null,
    campaign_id      text,
    category         varchar(16),
    country          varchar(2)   not null,
    encoding         varchar(8),
    segments         integer,
    carrier          text,
    rejection_reason varchar(32),
    outcome          varchar(16),
    outcome_rank     integer,
    approved         boolean      not null,
    requested_at     timestamp(6) with time zone,
    decided_at       timestamp(6) with time zone,
    submitted_at     timestamp(6) with time zone,
    final_at         timestamp(6) with time zone
);
