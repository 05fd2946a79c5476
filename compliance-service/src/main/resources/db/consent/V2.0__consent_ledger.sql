-- The consent ledger: every consent change the platform received, with its evidence, one row per change (the
-- ConsentChanged eventId). Rows are never updated: the state of (program, number) is the latest row by
-- received_at (the platform's clock), ties broken by id. "if not exists": an older build may have made it.
create table if not exists consent_record (
    id                   text        primary key,
    recipient            text        not null,
    program_id           text,
    action               text        not null,
    source               text        not null,
    pending_confirmation boolean     not null default false,
    confirms             text,
    shown_text           text,
    given_at             timestamptz,
    received_at          timestamptz not null,
    ip_address           text,
    channel              text,
    actor                text,
    keyword              text,
    language             text,
    evidence             text,
    sender_id            text,
    recorded_at          timestamptz not null default now()
);

create index if not exists consent_record_recipient on consent_record (recipient, received_at);
