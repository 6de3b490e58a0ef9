DROP INDEX "leads_score_idx";--> statement-breakpoint
-- room on each page for the new version of a rescored lead (a HOT update); pages written
-- from now on keep it, existing ones as they are rewritten by updates and vacuum
ALTER TABLE "leads" SET (fillfactor = 90);
