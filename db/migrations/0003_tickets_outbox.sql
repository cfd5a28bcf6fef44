CREATE TABLE `deflection_daily` (
	`day` text NOT NULL,
	`event` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `event`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ticket_id` integer,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`sent_at`,`id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`plan` text NOT NULL,
	`queue` text NOT NULL,
	`emergency` integer DEFAULT false NOT NULL,
	`contract_id` integer,
	`key_problem` text,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`product` text NOT NULL,
	`subject` text NOT NULL,
	`description` text NOT NULL,
	`article` text,
	`status` text DEFAULT 'open' NOT NULL,
	`received_at` integer NOT NULL,
	`first_response_due_at` integer,
	`first_response_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_reference_unique` ON `tickets` (`reference`);--> statement-breakpoint
CREATE INDEX `tickets_queue_idx` ON `tickets` (`status`,`first_response_due_at`,`received_at`);--> statement-breakpoint
CREATE INDEX `tickets_email_idx` ON `tickets` (`email`);