/**
 * The app: asks the server who is signed in (GET /api/v1/session, the first and only request
 * before that is known, so the first screen provokes no failing request), then shows first-run
 * setup, the sign-in screen, or the screen of the address. Screens other than Today and
 * sign-in load on demand.
 */
import type { ComponentType } from "preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type CrisisResources, crisisResources } from "../core/crisis.ts";
import { api, errorText, onReachability, onUnauthorised } from "./api.ts";
import { AppContext, type AppState } from "./app-context.ts";
import { CrisisScreen } from "./components/crisis.tsx";
import { Layout, MoreScreen, navItems } from "./components/layout.tsx";
import { Lazy } from "./components/lazy.tsx";
import { setMessageTimeZone } from "./lib/messages.ts";
import { navigate, queryParam, usePath } from "./router.ts";
import { LoginScreen } from "./screens/login.tsx";
import { TodayScreen } from "./screens/today.tsx";
import type { Profile, SessionState } from "./types.ts";

type Loader = () => Promise<{ default: ComponentType }>;

const loadPassphraseStep: Loader = () => import("./screens/first-run.tsx");
const loadProfileStep: Loader = () => import("./screens/setup-profile.tsx");
const loadPrepare: Loader = () => import("./screens/prepare.tsx");
const loadJoin: Loader = () => import("./screens/join.tsx");

/** Screens by path; each is its own chunk. */
const screens: Readonly<Record<string, Loader>> = {
  "/log": () => import("./screens/log-dose.tsx"),
  "/log-other": () => import("./screens/log-other.tsx"),
  "/check-in": () => import("./screens/check-in.tsx"),
  "/journal": () => import("./screens/journal.tsx"),
  "/plan": () => import("./screens/plan.tsx"),
  "/prepare": loadPrepare,
  "/screenings": () => import("./screens/screenings.tsx"),
  "/insights": () => import("./screens/insights.tsx"),
  "/experiment": () => import("./screens/experiment.tsx"),
  "/report": () => import("./screens/report.tsx"),
  "/supplies": () => import("./screens/supplies.tsx"),
  "/settings": () => import("./screens/settings.tsx"),
  "/safety": () => import("./screens/safety.tsx"),
  "/study": () => import("./screens/participation.tsx"),
  "/join": loadJoin,
  "/studies": () => import("./screens/studies.tsx"),
  "/studies/manage": () => import("./screens/study-manage.tsx"),
};

/** The profile answer, whichever way the route wraps it; null when there is none yet. */
function readProfile(answer: unknown): Profile | null {
  if (answer === null || answer === undefined) return null;
  if (typeof answer === "object" && "profile" in answer) {
    return (answer as { profile: Profile | null }).profile;
  }
  return answer as Profile;
}

export function App() {
  const path = usePath();
  const [session, setSession] = useState<SessionState | null>(null);
  const [bootError, setBootError] = useState<unknown>(null);
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  const [crisis, setCrisis] = useState<CrisisResources | null>(null);
  const [online, setOnline] = useState(navigator.onLine);

  const reloadSession = useCallback(async () => {
    try {
      const state = await api.get<SessionState>("/api/v1/session");
      setSession(state);
      setBootError(null);
      if (!state.authenticated) setProfile(undefined);
    } catch (error) {
      setBootError(error);
    }
  }, []);

  const reloadProfile = useCallback(async () => {
    setProfile(readProfile(await api.get<unknown>("/api/v1/profile")));
  }, []);

  useEffect(() => {
    void reloadSession();
    const offUnauthorised = onUnauthorised(() => void reloadSession());
    const offReach = onReachability(setOnline);
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      offUnauthorised();
      offReach();
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, [reloadSession]);

  const authenticated = session?.authenticated === true;
  useEffect(() => {
    if (authenticated && profile === undefined) {
      reloadProfile().catch((error: unknown) => setBootError(error));
    }
  }, [authenticated, profile, reloadProfile]);

  const signOut = useCallback(async () => {
    try {
      await api.post("/api/v1/auth/logout");
    } catch {
      // Signed out here whatever the answer; the next request asks the server again.
    } finally {
      // Signed out here first, so nothing asks the API for data while the answer comes back.
      setSession({ setupNeeded: false, authenticated: false, user: null });
      setProfile(undefined);
      navigate("/login", { replace: true });
      await reloadSession();
    }
  }, [reloadSession]);

  const showCrisis = useCallback(
    (resources?: CrisisResources) => setCrisis(resources ?? crisisResources(profile ?? null)),
    [profile],
  );

  const state = useMemo<AppState | null>(
    () =>
      session
        ? {
            session,
            profile: profile ?? null,
            reloadProfile,
            reloadSession,
            showCrisis,
            signOut,
            online,
          }
        : null,
    [session, profile, reloadProfile, reloadSession, showCrisis, signOut, online],
  );

  // Where a signed-in person lands from the bare address, sign-in or setup. Right after the
  // passphrase step on a journal that already has a profile (`titrate init`, `titrate demo`),
  // /setup?step=2 asks what the command line did not, then the safety page follows.
  const ready = authenticated && profile !== undefined && profile !== null;
  const completing = path === "/setup" && queryParam("step") === "2";
  useEffect(() => {
    if (ready && (path === "/" || path === "/login" || (path === "/setup" && !completing))) {
      navigate("/today", { replace: true });
    }
  }, [ready, path, completing]);

  // Instants in error messages are shown in the profile's zone.
  setMessageTimeZone(profile?.timeZone ?? null);
  useScreenFocus(path);
  useTitle(path, session);

  if (!state) return <Boot error={bootError} retry={reloadSession} />;

  let content: preact.JSX.Element;
  if (state.session.setupNeeded) {
    content = <Lazy load={loadPassphraseStep} />;
  } else if (authenticated && (profile === null || (ready && completing))) {
    content = <Lazy load={loadProfileStep} />;
  } else if (!authenticated) {
    // Joining a study with an invitation code works signed out: it makes the account.
    content = path === "/join" ? <Lazy load={loadJoin} /> : <LoginScreen />;
  } else if (profile === undefined) {
    content = bootError ? (
      <Boot
        error={bootError}
        retry={() => reloadProfile().catch((error: unknown) => setBootError(error))}
      />
    ) : (
      <p class="boot">Opening your journal…</p>
    );
  } else {
    const loader = screens[path];
    const screen =
      path === "/more" ? (
        <MoreScreen />
      ) : loader ? (
        <Lazy load={loader} />
      ) : path === "/today" || path === "/" ? (
        <TodayScreen />
      ) : (
        <NotFound />
      );
    content = <Layout path={path}>{screen}</Layout>;
  }
  // The crisis screen covers everything; the screen under it keeps its state (the answers of
  // a questionnaire) and is inert until the crisis screen is closed.
  return (
    <AppContext.Provider value={state}>
      <div class="app-root" inert={crisis !== null}>
        {content}
      </div>
      {crisis ? <CrisisScreen resources={crisis} onClose={() => setCrisis(null)} /> : null}
    </AppContext.Provider>
  );
}

function Boot({ error, retry }: { error: unknown; retry: () => Promise<void> }) {
  if (!error) return <p class="boot">Opening Titrate…</p>;
  return (
    <main class="narrow" id="main">
      <h1>Titrate cannot reach its server</h1>
      <p>{errorText(error)}</p>
      <p>
        While offline you cannot sign in, load or save entries. Start the server (
        <code>titrate serve</code>) or reconnect, then try again.
      </p>
      <button type="button" class="button" onClick={() => void retry()}>
        Try again
      </button>
      <h2>Works offline</h2>
      <p>The preparation calculators need no server:</p>
      <Lazy load={loadPrepare} />
    </main>
  );
}

function NotFound() {
  return (
    <>
      <h1>No such screen</h1>
      <p>
        <a href="/today">Go to Today</a>
      </p>
    </>
  );
}

/** After a navigation, focus moves to the screen so a screen reader starts there. */
function useScreenFocus(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);
}

/** Screens outside the navigation, by the name of their page title. */
const otherTitles: Readonly<Record<string, string>> = {
  "/": "Today",
  "/more": "More",
  "/join": "Join a study",
  "/studies/manage": "Manage a study",
};

function useTitle(path: string, session: SessionState | null): void {
  useEffect(() => {
    const item = navItems.find((i) => i.path === path);
    const name =
      session?.setupNeeded || path === "/setup"
        ? "Set up"
        : session && !session.authenticated
          ? path === "/join"
            ? "Join a study"
            : "Sign in"
          : (item?.label ?? otherTitles[path] ?? "No such screen");
    document.title = `${name} · Titrate`;
  }, [path, session]);
}
