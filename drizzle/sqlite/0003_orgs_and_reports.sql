CREATE TABLE `join_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`created_by` integer,
	`course_slugs` text NOT NULL,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`expires_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `join_codes_code_unique` ON `join_codes` (`code`);--> statement-breakpoint
CREATE INDEX `join_codes_org_idx` ON `join_codes` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `password_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `memberships_org_idx`;--> statement-breakpoint
CREATE INDEX `memberships_org_idx` ON `memberships` (`organisation_id`,`role`,`user_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text,
	`username` text,
	`name` text NOT NULL,
	`password_hash` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`data_saver` integer DEFAULT false NOT NULL,
	`is_admin` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "username", "name", "password_hash", "locale", "data_saver", "is_admin", "created_at") SELECT "id", "email", NULL, "name", "password_hash", "locale", "data_saver", "is_admin", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
ALTER TABLE `certificates` ADD `identity_type` text DEFAULT 'emailAddress' NOT NULL;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `modules_done` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `quiz_score` real;--> statement-breakpoint
CREATE INDEX `enrolments_completed_idx` ON `enrolments` (`completed_at`);--> statement-breakpoint
CREATE INDEX `enrolments_enrolled_idx` ON `enrolments` (`enrolled_at`);--> statement-breakpoint
CREATE INDEX `organisations_country_idx` ON `organisations` (`country`,`kind`);--> statement-breakpoint
UPDATE `enrolments` SET `modules_done` = (SELECT count(*) FROM `module_progress` p WHERE p.`enrolment_id` = `enrolments`.`id`);--> statement-breakpoint
UPDATE `enrolments` SET `quiz_score` = (SELECT avg(best) FROM (SELECT max(a.`score`) AS best FROM `quiz_attempts` a WHERE a.`enrolment_id` = `enrolments`.`id` GROUP BY a.`quiz_id`));
