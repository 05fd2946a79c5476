-- Programs (issue 9): the definition as the event published on sms.programs.v1, and its senders that receive
-- replies, each owned by one program. In Flyway's schema (campaigns), as the baseline.
CREATE TABLE ${flyway:defaultSchema}.program (
    program_id        varchar(64) PRIMARY KEY,
    -- The Program event (JSON) of the current version; kept after a delete for the tombstone's version.
    definition        text        NOT NULL,
    version           bigint      NOT NULL,
    -- The highest version acknowledged on sms.programs.v1: below version, the publisher sends it (an outbox).
    published_version bigint      NOT NULL DEFAULT 0,
    deleted           boolean     NOT NULL DEFAULT false,
    updated_at        timestamptz NOT NULL
);

-- A number or short code belongs to one program: a reply written to it is that program's (inbound-service), and
-- a second program on the same short code could otherwise sidestep the first one's opt-outs.
CREATE TABLE ${flyway:defaultSchema}.program_sender (
    sender     varchar(16) PRIMARY KEY,
    program_id varchar(64) NOT NULL REFERENCES ${flyway:defaultSchema}.program (program_id) ON DELETE CASCADE
);
CREATE INDEX program_sender_program ON ${flyway:defaultSchema}.program_sender (program_id);
