-- Records waiting for their time: produced again to their topic once due_at has passed, then deleted.
create table deferred_record (
    id           text        primary key,
    due_at       timestamptz not null,
    topic        text        not null,
    record_key   text,
    record_value bytea       not null,
    headers      jsonb       not null default '[]',
    deferred_at  timestamptz not null default now()
);

create index deferred_record_due on deferred_record (due_at);
