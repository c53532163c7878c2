/**
 * Request and response schemas of sign-in, sessions and API tokens. They feed validation and
 * the OpenAPI document (route.ts). Passphrase rules come from src/store/passphrase.ts, where
 * they are enforced for every way a passphrase is set.
 */
import * as z from "zod/mini";
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from "../../store/passphrase.ts";
import { Instant, idParams } from "./common.ts";

const PASSPHRASE_MAX = 1024;

/**
 * Usernames: 2–32 characters, lower-case letters a–z, digits, ".", "_" and "-", starting with a
 * letter or digit. Surrounding spaces are dropped and capitals lowered first (phones capitalise
 * the first letter), so "Alex " is the account "alex".
 */
export const Username = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.minLength(2, { error: "must be at least 2 characters long" }),
  z.maxLength(32, { error: "must be at most 32 characters long" }),
  z.regex(/^[a-z0-9][a-z0-9._-]*$/u, {
    error:
      'may hold only letters a–z, digits, ".", "_" and "-", and must start with a letter or digit',
  }),
  z.describe(
    'An account name: 2–32 characters, letters a–z, digits, ".", "_", "-", starting with a letter or digit; capitals are lowered and spaces trimmed.',
  ),
);

/** The name typed at sign-in: looked up as typed, then lower-cased. */
export const GivenUsername = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: "is required" }),
    z.maxLength(64, { error: "must be at most 64 characters long" }),
  );

const passphraseRule = `must be at least ${MIN_PASSPHRASE_LENGTH} characters; four or more random words are strong and memorable`;

/** A new passphrase: at least 10 characters (counted as Unicode characters), at most 1024. */
export const NewPassphrase = z.string().check(
  z.minLength(MIN_PASSPHRASE_LENGTH, { error: passphraseRule, abort: true }),
  z.maxLength(PASSPHRASE_MAX, {
    error: `must be at most ${PASSPHRASE_MAX} characters`,
    abort: true,
  }),
  // Characters, not UTF-16 units: five emoji are not ten characters.
  z.refine((p) => passphraseProblem(p) === null, { error: passphraseRule }),
  z.describe(
    `At least ${MIN_PASSPHRASE_LENGTH} characters. It cannot be recovered if lost; the owner can set a new one on the server's machine.`,
  ),
);

/** A passphrase as typed to prove who one is. */
export const GivenPassphrase = z
  .string()
  .check(
    z.minLength(1, { error: "is required" }),
    z.maxLength(PASSPHRASE_MAX, { error: `must be at most ${PASSPHRASE_MAX} characters` }),
  );

export const SetupBody = z.strictObject({ username: Username, passphrase: NewPassphrase });
export const LoginBody = z.strictObject({ username: GivenUsername, passphrase: GivenPassphrase });
export const ChangePassphraseBody = z.strictObject({
  currentPassphrase: GivenPassphrase,
  newPassphrase: NewPassphrase,
});

export const TokenName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: "is required" }),
    z.maxLength(60, { error: "must be at most 60 characters long" }),
    z.describe('What the token is for, such as "backup script".'),
  );
export const CreateTokenBody = z.strictObject({ name: TokenName });

export const SessionIdParams = idParams("sessions");
export const TokenIdParams = idParams("api_tokens");

export const UserView = z.strictObject({
  id: z.string(),
  username: z.string(),
  role: z.enum(["owner", "member"]),
});
export type UserView = z.infer<typeof UserView>;

export const SessionState = z.strictObject({
  setupNeeded: z
    .boolean()
    .check(
      z.describe(
        "True until some account has a passphrase: the first run, answered by POST /api/v1/setup.",
      ),
    ),
  authenticated: z.boolean(),
  user: z.nullable(UserView),
});

export const SignedIn = z.strictObject({
  user: UserView,
  sessionExpiresAt: Instant,
});

export const SetUp = z.strictObject({
  user: UserView,
  sessionExpiresAt: Instant,
  passphraseHint: z
    .string()
    .check(z.describe("A plain-language note on the passphrase's strength.")),
});

export const PassphraseChanged = z.strictObject({
  otherSessionsEnded: z.int().check(z.minimum(0)),
  passphraseHint: z.string(),
});

export const SessionView = z.strictObject({
  id: z.string(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  userAgent: z.nullable(z.string()),
  current: z.boolean().check(z.describe("True for the session making this request.")),
});
export const SessionList = z.strictObject({ sessions: z.array(SessionView) });

export const TokenView = z.strictObject({
  id: z.string(),
  name: z.string(),
  createdAt: Instant,
  lastUsedAt: z.nullable(Instant),
});
export const TokenList = z.strictObject({ tokens: z.array(TokenView) });
export const CreatedToken = z.strictObject({
  token: TokenView,
  secret: z
    .string()
    .check(
      z.describe("The token itself, shown this once: send it as `Authorization: Bearer <secret>`."),
    ),
});
