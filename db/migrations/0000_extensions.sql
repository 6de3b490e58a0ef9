-- Trigram indexes serve typo-tolerant search on names, emails and domains.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
