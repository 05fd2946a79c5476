-- Time to honour (docs/compliance.md): every opt-out, whatever its channel, with the time the platform received it
-- and the time it took effect (the suppression index written). "if not exists": a shared database may hold it.
create table if not exists opt_out_honour (
    event_id     text        primary key,
    recipient    text        not null,
    country      text,
    program_id   text,
    scope        text        not null,
    source       text        not null,
    channel      text,
    actor        text,
    -- when the person asked, as the caller states it (evidence: an e-mail received before support recorded it)
    requested_at timestamptz,
    received_at  timestamptz not null,
    effective_at timestamptz
);

create index if not exists opt_out_honour_program_received on opt_out_honour (program_id, received_at);
create index if not exists opt_out_honour_received on opt_out_honour (received_at);
