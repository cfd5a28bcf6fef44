CREATE TABLE `status_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`covered_until` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `webhooks` ADD `components` text;