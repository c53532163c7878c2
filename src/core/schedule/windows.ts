/**
 * When a dose counts as taken on time, late, or not for an occurrence at all. These are
 * Titrate's choices for keeping a journal honest, not clinical numbers (docs/decisions.md,
 * "Schedule"): the minimum interval between doses is the clinical rule, and it is enforced
 * separately.
 */
export const doseWindow = {
  /** A dose up to 3 hours before the planned time counts for it (a morning dose taken early). */
  earlyHours: 3,
  /** A dose up to 12 hours after the planned time is on time (the same waking day). */
  onTimeHours: 12,
  /**
   * After that, a dose is late for the occurrence until the next occurrence's window opens,
   * but at most 7 days after the planned time: later than that it is an extra dose.
   */
  lateDays: 7,
} as const;
