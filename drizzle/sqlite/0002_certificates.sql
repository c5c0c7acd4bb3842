CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`enrolment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`learner_name` text NOT NULL,
	`course_slug` text NOT NULL,
	`course_title` text NOT NULL,
	`course_version` text NOT NULL,
	`content_hash` text NOT NULL,
	`identity_hash` text NOT NULL,
	`identity_salt` text NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	`revoked_by` integer,
	`credential` text,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_enrolment_unique` ON `certificates` (`enrolment_id`);--> statement-breakpoint
CREATE INDEX `certificates_user_idx` ON `certificates` (`user_id`);--> statement-breakpoint
CREATE INDEX `certificates_course_idx` ON `certificates` (`course_slug`,`issued_at`);