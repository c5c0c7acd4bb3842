/** What the audit log records (both dialects' schemas name them). */
export const AUDIT_ACTIONS = [
  "password-code",
  "password-change",
  "role-add",
  "role-remove",
  "trainer-add",
  "trainer-remove",
  "certificate-revoke",
  "bulk-import",
  "org-add",
  "account-close",
  "import-account",
  "invitation-accept",
  "invitation-decline",
  "join-code-add",
  "join-code-disable",
] as const;
