-- The CSV export of one program's consents (GET /consents/export): its numbers, each number's rows in order.
create index if not exists consent_record_program on consent_record (program_id, recipient, received_at);
