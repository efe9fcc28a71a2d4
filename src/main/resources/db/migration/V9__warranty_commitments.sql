-- Warranties refer to the real data (reference, holdout) only by HMAC-SHA256 commitments under a
-- random salt per warranty; the salt is kept here for the owner to reveal. Warranties issued
-- before have none (their statements, predicate v1, named the reference in the clear).
ALTER TABLE warranties
    ADD COLUMN commitment_salt TEXT CHECK (commitment_salt ~ '^[0-9a-f]{64}$');
