-- A double opt-in grant is confirmed by a later row naming it (confirms): looked up before a second confirmation.
create index if not exists consent_record_confirms on consent_record (confirms) where confirms is not null;
