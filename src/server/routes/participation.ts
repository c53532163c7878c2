/**
 * Study mode, the participant's side: read the study and consent an invitation code leads to,
 * join (with the account signed in, or with a new account made in the same step), accept a
 * newer consent version, start the study's protocol as a plan, and withdraw. Each acts on the
 * signed-in account's own participation only.
 *
 * Invitation codes hold 60 random bits; guesses are limited per client address like sign-in
 * failures (auth/login-limiter.ts), and every answer to a wrong code is the same error.
 */
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import {
  AdoptProtocolInput,
  ConsentAcceptance,
  InvitationPreviewInput,
  WithdrawInput,
} from "../../core/schemas/study.ts";
import { formatInstant } from "../../core/time.ts";
import { hashPassphrase, passphraseHint } from "../../store/passphrase.ts";
import { createSession, deleteExpiredSessions, setPassphraseHash } from "../../store/repos/auth.ts";
import { createUser } from "../../store/repos/users.ts";
import { usableInvitation } from "../../store/study/invitations.ts";
import {
  acceptConsent,
  adoptProtocol,
  joinInTransaction,
  joinStudy,
  participation,
  previewInvitation,
  requireParticipation,
} from "../../store/study/participate.ts";
import { withdrawFromStudy } from "../../store/study/withdraw.ts";
import { type AttemptKeys, addressKey } from "../auth/login-limiter.ts";
import type { ServerContext } from "../context.ts";
import { RateLimitedError } from "../error-replies.ts";
import { defineRoute } from "../route.ts";
import { PlanCreated } from "../schemas/plans.ts";
import {
  CurrentParticipation,
  InvitationPreview,
  JoinBody,
  JoinedNew,
  JoinNewBody,
  Participation,
} from "../schemas/studies.ts";

const tags = ["participation"];

/** The limiter's account key for code guesses: one per client address. */
const CODE_GUESSES = "\u0000study-invitation";

export const participationRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  /** Counts a code attempt as a failure until it succeeds; 429 while the address is locked. */
  async function withCodeAttempt<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> {
    const attempt = context.loginLimiter.begin(
      request.ip,
      `${CODE_GUESSES} ${addressKey(request.ip)}`,
      context.now().epochMilliseconds,
    );
    if (!attempt.allowed) {
      const seconds = Math.ceil(attempt.retryAfterMs / 1000);
      throw new RateLimitedError(
        `too many wrong invitation codes; wait ${seconds} second${seconds === 1 ? "" : "s"} and try again`,
        seconds,
      );
    }
    const keys: AttemptKeys = attempt.keys;
    const result = await work();
    context.loginLimiter.succeeded(keys);
    return result;
  }

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/participation/preview",
    operationId: "previewStudyInvitation",
    summary: "The study and the consent an invitation code leads to (the code is not used up)",
    description:
      "For someone about to join, signed in or not: the study's design and dates, the consent version to read and accept, and what the study would see, in words.",
    tags,
    access: "public",
    body: InvitationPreviewInput,
    response: InvitationPreview,
    errors: ["STUDY_INVITATION_INVALID", "RATE_LIMITED"],
    handler: ({ body, request }) =>
      withCodeAttempt(request, () => previewInvitation(store.db, body.code, context.now())),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/participation/join",
    operationId: "joinStudy",
    summary: "Join a study with an invitation code, accepting the consent version you read",
    description:
      "Uses the code up and records your consent with its version and time. `consentVersion` must be the study's current one (409 STUDY_CONSENT_OUTDATED if it changed while you read). One study at a time.",
    tags,
    body: JoinBody,
    status: 201,
    response: Participation,
    errors: [
      "STUDY_INVITATION_INVALID",
      "STUDY_CONSENT_OUTDATED",
      "STUDY_ALREADY_JOINED",
      "STUDY_ALREADY_ENROLLED",
      "STUDY_OWN_STUDY",
      "STUDY_CLOSED",
      "TIME_ZONE_UNKNOWN",
      "RATE_LIMITED",
    ],
    handler: ({ userId, body, request }) =>
      withCodeAttempt(request, () => joinStudy(store, userId, body, context.now())),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/participation/join-new",
    operationId: "joinStudyAsNewAccount",
    summary: "Join a study with an invitation code as a new account, and sign in",
    description:
      "Makes an account with `username` and `passphrase`, joins the study and records the consent, all at once (nothing is kept if any of it fails), then starts a browser session. The account is yours: your own journal, which the study sees only as your consent says.",
    tags,
    access: "public",
    body: JoinNewBody,
    status: 201,
    response: JoinedNew,
    errors: [
      "STUDY_INVITATION_INVALID",
      "STUDY_CONSENT_OUTDATED",
      "STUDY_CLOSED",
      "USERNAME_TAKEN",
      "TIME_ZONE_UNKNOWN",
      "RATE_LIMITED",
    ],
    handler: async ({ body, request, reply }) => {
      const now = context.now();
      // The code is checked before the passphrase is hashed (half a second of work), and
      // again in the transaction that uses it up.
      await withCodeAttempt(request, () => usableInvitation(store.db, body.code, now));
      const hash = await hashPassphrase(body.passphrase, context.passphraseCost);
      const user = await store.transaction(async (tx) => {
        const created = await createUser(tx, {
          username: body.username,
          role: "member",
          createdAt: formatInstant(now),
        });
        await setPassphraseHash(tx, created.id, hash);
        await joinInTransaction(tx, created.id, body, now);
        return created;
      });
      await deleteExpiredSessions(store.db, now);
      const expiresAt = context.cookie.expiresAt(now, now);
      const { secret } = await createSession(store.db, {
        userId: user.id,
        now,
        expiresAt,
        userAgent: request.headers["user-agent"],
      });
      context.cookie.set(reply, secret);
      return {
        user: { id: user.id, username: user.username, role: user.role },
        sessionExpiresAt: expiresAt.toString({ smallestUnit: "second" }),
        passphraseHint: passphraseHint(body.passphrase),
        participation: await requireParticipation(store.db, user.id, now),
      };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/participation",
    operationId: "getParticipation",
    summary: "The study you take part in: its consent, what it sees, questionnaires due",
    description:
      "`current` is null when you have never joined a study. After withdrawing, it says what happened to your data (`withdrawal.choice`: deleted or kept, as your consent said).",
    tags,
    response: CurrentParticipation,
    handler: async ({ userId }) => ({
      current: await participation(store.db, userId, context.now()),
    }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/participation/consent",
    operationId: "acceptStudyConsent",
    summary: "Accept the study's newer consent version",
    description:
      "Until you do, the version you accepted before decides what the study sees. `consentVersion` must be the study's current one.",
    tags,
    body: ConsentAcceptance,
    response: Participation,
    errors: ["STUDY_NOT_JOINED", "STUDY_WITHDRAWN", "STUDY_CONSENT_OUTDATED"],
    handler: ({ userId, body }) => acceptConsent(store, userId, body.consentVersion, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/participation/plan",
    operationId: "startStudyPlan",
    summary: "Start the study's dose protocol as your own plan",
    description:
      "The protocol's substance, target and spacing, from `startDate` at `localTime` in your profile's zone until the study's end, checked like every plan (the ceiling against your own weight, the minimum interval).",
    tags,
    body: AdoptProtocolInput,
    status: 201,
    response: PlanCreated,
    errors: [
      "STUDY_NOT_JOINED",
      "STUDY_WITHDRAWN",
      "STUDY_NO_PROTOCOL",
      "PLAN_INTERVAL_TOO_SHORT",
      "DOSE_ABOVE_CEILING",
      "PLAN_TARGET_REQUIRED",
      "STORE_NOT_INITIALISED",
    ],
    handler: async ({ userId, body }) => {
      const { plan, preview } = await adoptProtocol(store, userId, body, context.now());
      return { plan, warnings: preview.warnings };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/participation/withdraw",
    operationId: "withdrawFromStudy",
    summary: "Withdraw from your study (cannot be undone)",
    description:
      'Needs `{ "confirm": "withdraw" }`. What happens to your study data is what the consent you accepted last says: `delete` removes the entries the study could see (from your first study day until now) from your journal; `keep` leaves what you recorded until now in the study, and nothing from now on reaches it. The answer says which, with what was deleted. Your account and the rest of your journal stay yours.',
    tags,
    body: WithdrawInput,
    response: Participation,
    errors: ["STUDY_NOT_JOINED", "STUDY_WITHDRAWN"],
    handler: ({ userId }) => withdrawFromStudy(store, userId, context.now()),
  });
};
