CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`enrolment_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`module_slug` text NOT NULL,
	`quiz_id` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`answers` text NOT NULL,
	`results` text NOT NULL,
	`score` real NOT NULL,
	`passed` integer NOT NULL,
	`content_hash` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_key_unique` ON `quiz_attempts` (`user_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_number_unique` ON `quiz_attempts` (`enrolment_id`,`quiz_id`,`attempt_number`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_course_idx` ON `quiz_attempts` (`course_slug`,`quiz_id`);