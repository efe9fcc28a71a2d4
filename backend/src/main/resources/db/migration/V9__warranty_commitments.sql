-- Warranties refer to the real data (reference, holdout) only by HMAC-SHA256 commitments under a
-- random salt per warranty; the salt is kept here for the owner to reveal. Warranties issued
-- before have none (their statements, predicate v1, named the reference in the clear).
ALTER TABLE warranties
    ADD COLUMN commitment_salt TEXT CHECK (commitment_salt ~ '^[0-9a-f]{64}$');

-- One live (unrevoked) warranty per validation and tier: asking again answers that one. Tiers
-- that already hold several live ones keep them all valid (their certificates are out there);
-- every one but the oldest is marked, so that the unique index can be built and holds from now on.
ALTER TABLE warranties
    ADD COLUMN legacy_duplicate BOOLEAN NOT NULL DEFAULT false;

UPDATE warranties w SET legacy_duplicate = true
 WHERE w.revoked_at IS NULL
   AND EXISTS (SELECT 1 FROM warranties o
                WHERE o.validation_id = w.validation_id AND o.tier = w.tier
                  AND o.revoked_at IS NULL AND (o.issued_at, o.id) < (w.issued_at, w.id));

CREATE UNIQUE INDEX warranties_one_live_per_tier ON warranties (validation_id, tier)
    WHERE revoked_at IS NULL AND NOT legacy_duplicate;
