/** Upper bounds for stored text and numbers: generous for real data, small enough to refuse pasted junk. */
export const LIMITS = {
  name: 120,
  personName: 80,
  email: 254,
  company: 120,
  industry: 80,
  domain: 253,
  street: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  country: 80,
  agencyName: 120,
  url: 2000,
  note: 1000,
  experimentName: 120,
  /** A subscription plan's name, e.g. "Business". */
  planName: 80,
  /** Visitor licenses: a pool of a billion is far beyond any real subscription. */
  licenses: 1_000_000_000,
  reminderSteps: 10,
  reminderMaxDays: 90,
  /** Warning levels, in percent of a client's quota. */
  usageWarningLevels: 5,
  /** Why a person lowered a client's visitors used, kept in its history. */
  usageReason: 300,
  /** A usage source's answer: 10 MB holds well over 100,000 rows of JSON; more is refused unread. */
  usageFeedMaxBytes: 10 * 1024 * 1024,
  /** Rows one reading of a usage source may list: far more clients than any agency has. */
  usageFeedMaxRows: 200_000,
} as const;
