-- The timeline store: one row per fact about a message or a number (docs/compliance.md, "Timeline"), kept once per
-- (kind, event id) whatever the redeliveries. "if not exists": the shared database may hold them from an older build.
create table if not exists timeline_fact (
    kind               text        not null, -- REQUESTED, APPROVED, REJECTED, STATUS, CONSENT
    event_id           text        not null, -- the event's CloudEvents id
    recipient          text        not null, -- E.164
    message_id         text,
    program_id         text,
    campaign_id        text,
    category           text,
    decided_by         text,                 -- the service that decided (approvals, rejections)
    rule               text,                 -- the rule that decided (rejections)
    reason             text,                 -- rejection reason
    detail             text,
    footer_added       boolean,
    consent_id         text,                 -- the consent record that allowed a MARKETING approval, when named
    encoding           text,
    segments           integer,
    status             text,                 -- a status's DeliveryStatus
    carrier            text,
    carrier_message_id text,
    error              text,
    consent_action     text,                 -- OPT_OUT, OPT_OUT_ALL, OPT_IN, CONSENT_GRANTED
    consent_source     text,
    keyword            text,
    evidence           text,
    occurred_at        timestamptz not null,
    recorded_at        timestamptz not null default now(),
    primary key (kind, event_id)
);
create index if not exists timeline_fact_recipient on timeline_fact (recipient, occurred_at);
create index if not exists timeline_fact_message on timeline_fact (message_id, occurred_at);

-- Every erasure (GDPR art. 17): the number only as HMAC-SHA256 with compliance.erasure.key.
create table if not exists erasure_record (
    id                bigserial   primary key,
    number_hmac       text        not null,
    erased_at         timestamptz not null,
    actor             text        not null,
    reason            text        not null,
    removed           text        not null, -- rows removed per store, e.g. "timeline=12"
    suppressed_scopes text        not null  -- the scopes that stay suppressed, e.g. "global,program:promo"
);
create index if not exists erasure_record_hmac on erasure_record (number_hmac, erased_at);

-- The suppression that outlives an erasure, keyed by the number's HMAC: loaded into Redis
-- (sms:suppression:erased:<hmac>) and checked with every suppression lookup of the screening.
create table if not exists erased_suppression (
    number_hmac      text        not null,
    scope            text        not null, -- global or program:<id>
    since            timestamptz not null,
    consent_event_id text        not null,
    primary key (number_hmac, scope)
);
