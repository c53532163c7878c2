/**
 * The entry point. Zod runs without its just-in-time compiler: the server's CSP forbids
 * eval, and Zod's probe for it would log an error in the console (issue 11). Then the app
 * renders, and the service worker is registered so the shell opens offline.
 */
import { render } from "preact";
import { config } from "zod/mini";
import { App } from "./app.tsx";
import "./styles.css";

config({ jitless: true });

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(<App />, root);
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // No offline copy: the app still works online; nothing to tell the person here.
    });
  });
}
