/**
 * The frame of every signed-in screen: a skip link, the header, the navigation (a bar at the
 * bottom on a phone, a column on the left on a wide screen), the offline notice, and the
 * screen itself in <main>.
 */
import type { ComponentChildren } from "preact";
import { useApp } from "../app-context.ts";
import { followLink } from "../router.ts";

export interface NavItem {
  readonly path: string;
  readonly label: string;
  /** Shown in the phone's bottom bar; the rest are under More. */
  readonly primary?: boolean;
}

export const navItems: readonly NavItem[] = [
  { path: "/today", label: "Today", primary: true },
  { path: "/log", label: "Log dose", primary: true },
  { path: "/check-in", label: "Check in", primary: true },
  { path: "/journal", label: "Journal", primary: true },
  { path: "/log-other", label: "Log other" },
  { path: "/plan", label: "Plan" },
  { path: "/prepare", label: "Prepare" },
  { path: "/screenings", label: "Screenings" },
  { path: "/insights", label: "Insights" },
  { path: "/experiment", label: "Experiment" },
  { path: "/report", label: "Report" },
  { path: "/study", label: "Study" },
  { path: "/studies", label: "Run a study" },
  { path: "/supplies", label: "Supplies" },
  { path: "/settings", label: "Settings" },
  { path: "/safety", label: "Safety" },
];

export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { online, session, signOut } = useApp();
  const isCurrent = (p: string) => path === p || path.startsWith(`${p}/`);
  const inMore = !navItems.some((i) => i.primary && isCurrent(i.path));
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to the screen
      </a>
      <header class="top">
        <a class="brand" href="/today" onClick={followLink}>
          <img src="/icon.svg" alt="" width="28" height="28" />
          <span>Titrate</span>
        </a>
        <div class="top-actions">
          {session.user ? <span class="who">{session.user.username}</span> : null}
          <button type="button" class="button secondary small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav class="nav" aria-label="Screens">
        <ul>
          {navItems.map((item) => (
            <li key={item.path} class={item.primary ? "primary" : "secondary"}>
              <a
                href={item.path}
                onClick={followLink}
                aria-current={isCurrent(item.path) ? "page" : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
          <li class="more">
            <a
              href="/more"
              onClick={followLink}
              aria-current={path === "/more" || inMore ? "page" : undefined}
            >
              More
            </a>
          </li>
        </ul>
      </nav>
      {online ? null : (
        <div class="offline" role="status">
          <strong>You are offline.</strong> Titrate opened from its saved copy. Nothing can be
          loaded or saved until the server is reachable again; the calculators on Prepare still
          work.
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** The More screen on a phone: every screen not in the bottom bar. */
export function MoreScreen() {
  return (
    <>
      <h1>More</h1>
      <ul class="plain menu">
        {navItems
          .filter((i) => !i.primary)
          .map((item) => (
            <li key={item.path}>
              <a class="menu-link" href={item.path} onClick={followLink}>
                {item.label}
              </a>
            </li>
          ))}
      </ul>
    </>
  );
}
