import crypto from "node:crypto";
import { randomBase62 } from "@/lib/util/random";

/** An invitation token: `inv_` + 32 random letters and digits (190 bits); only its sha256 is stored. */
export function newInvitationToken(): string {
  return `inv_${randomBase62(32)}`;
}

export const INVITATION_TOKEN = /^inv_[A-Za-z0-9]{32}$/;

export function hashInvitationToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
