/**
 * Every action the audit log records, by area. The dotted name is what is stored and filtered on;
 * the sentence is what the admin page shows. Adding an action here is the first step of auditing it.
 */
export const AUDIT_ACTIONS = {
  "document.uploaded": "uploaded a document",
  "document.deleted": "deleted a document",
  "document.retried": "retried a document",
  "document.duplicate_dismissed": "dismissed a possible duplicate",
  "document.reviewed": "marked a document reviewed",
  "document.assigned": "assigned a document to a reviewer",
  "document.unassigned": "took back a document's assignment",
  "value.corrected": "corrected a value",
  "value.accepted": "accepted a value",
  "value.not_on_document": "marked a value not on the document",
  "space.created": "created a space",
  "space.renamed": "renamed a space",
  "space.deleted": "deleted a space",
  "space.exported": "exported a space",
  "space.export_settings_changed": "changed a space's export settings",
  "webhook.changed": "changed a space's webhook",
  "webhook.resent": "resent a webhook delivery",
  "api_key.created": "created an API key",
  "api_key.revoked": "revoked an API key",
  "user.created": "created a user",
  "user.joined_by_sso": "joined a team on first single sign-on",
  "sso.domain_saved": "let people from an e-mail domain join through single sign-on",
  "sso.domain_removed": "stopped people from an e-mail domain joining through single sign-on",
  "team.created": "started a team",
  "member.invited": "created an invite link",
  "member.invitation_revoked": "withdrew an invite link",
  "member.joined": "joined the team through an invite link",
  "member.role_changed": "changed a member's role",
  "member.deactivated": "deactivated a member",
  "company.changed": "changed the company details",
  "memory.forgotten": "made the supplier memory forget a supplier",
  "audit.exported": "exported the audit log",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const auditActionNames = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(s: string): s is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, s);
}
