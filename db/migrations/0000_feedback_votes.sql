CREATE TABLE `feedback_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article` text NOT NULL,
	`revision` text NOT NULL,
	`helpful` integer NOT NULL,
	`reason` text,
	`comment` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`day` text NOT NULL,
	`voter_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_votes_voterKey_unique` ON `feedback_votes` (`voter_key`);--> statement-breakpoint
CREATE INDEX `feedback_votes_article_idx` ON `feedback_votes` (`article`,`created_at`);