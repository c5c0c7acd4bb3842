CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`invited_by` integer,
	`course_slugs` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_user_org_unique` ON `invitations` (`user_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `issuer_keys` (
	`public_key_multibase` text PRIMARY KEY NOT NULL,
	`first_used_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `join_codes` ADD `disabled_at` integer;--> statement-breakpoint
-- The keys that signed the credentials already stored (their verification method is did:web:…#<public key>).
INSERT OR IGNORE INTO `issuer_keys` (`public_key_multibase`, `first_used_at`)
  SELECT substr(json_extract(`credential`, '$.proof.verificationMethod'), instr(json_extract(`credential`, '$.proof.verificationMethod'), '#') + 1), min(`issued_at`)
  FROM `certificates`
  WHERE `credential` IS NOT NULL AND instr(coalesce(json_extract(`credential`, '$.proof.verificationMethod'), ''), '#') > 0
  GROUP BY 1;
