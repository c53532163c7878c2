/**
 * What every screen may need: who is signed in, their profile (weight, units, zone, crisis
 * settings), and the app-wide actions (reload the profile, show the crisis screen, sign out).
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { CrisisResources } from "../core/crisis.ts";
import type { Profile, SessionState } from "./types.ts";

export interface AppState {
  readonly session: SessionState;
  /** Null until the profile has been created (first-run setup). */
  readonly profile: Profile | null;
  readonly reloadProfile: () => Promise<void>;
  readonly reloadSession: () => Promise<void>;
  /** Shows the crisis resources over everything, at once. */
  readonly showCrisis: (resources?: CrisisResources) => void;
  readonly signOut: () => Promise<void>;
  readonly online: boolean;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error("useApp outside <App>");
  return state;
}

/** The app state where there may be none (a screen that also works signed out, offline). */
export function useOptionalApp(): AppState | null {
  return useContext(AppContext);
}

/** The profile's time zone, or the browser's before there is a profile. */
export function useTimeZone(): string {
  const { profile } = useApp();
  return profile?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}
