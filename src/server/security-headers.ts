/**
 * Security headers. The Content-Security-Policy allows nothing from other origins and no
 * inline script or style: the web UI and the reference page load only their own files. The
 * server itself never makes an outbound request, so `connect-src 'self'` is all a page needs.
 */
import type { FastifyHelmetOptions } from "@fastify/helmet";

export const contentSecurityPolicy = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "font-src": ["'self'"],
  "frame-ancestors": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "object-src": ["'none'"],
} as const;

/** The CSP as a header value. */
export const contentSecurityPolicyHeader = Object.entries(contentSecurityPolicy)
  .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
  .join("; ");

/** @fastify/helmet's options. HSTS only under TLS: over plain HTTP browsers ignore it anyway. */
export function helmetOptions(tls: boolean): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(contentSecurityPolicy).map(([k, v]) => [k, [...v]]),
      ),
    },
    referrerPolicy: { policy: "no-referrer" },
    frameguard: { action: "deny" },
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginResourcePolicy: { policy: "same-origin" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    hidePoweredBy: true,
  };
}

/**
 * The headers every answer carries even when Fastify answers before hooks run (a malformed
 * URL, unparseable HTTP).
 */
export const baselineSecurityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy": contentSecurityPolicyHeader,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
};
