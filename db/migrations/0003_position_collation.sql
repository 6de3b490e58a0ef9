ALTER TABLE "companies" ALTER COLUMN "position" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "position" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "deals" ALTER COLUMN "position" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "leads" ALTER COLUMN "position" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "position" SET DATA TYPE text COLLATE "C";