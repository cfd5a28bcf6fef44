CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation` text NOT NULL,
	`plan` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`revoked_at` integer,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_keyHash_unique` ON `contracts` (`key_hash`);