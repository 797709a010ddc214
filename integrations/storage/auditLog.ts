/** Who did what to what, when: every agent and admin action. Details are masked before they are written. */
export interface AuditEntry {
  readonly at: number;
  /** Agent id, "system" or "cli". */
  readonly actor: string;
  readonly action: string;
  readonly target?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  recent(limit: number, filter?: { actor?: string; action?: string; target?: string }): Promise<Array<AuditEntry & { id: number }>>;
}
