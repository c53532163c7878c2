/**
 * nasal-signs: nosebleeds, a reduced sense of smell, trouble swallowing, a hoarse voice,
 * crusting or a hole in the septum (FACTS K-NOSE-1). Warning: pause, do not snort, change
 * route, see a doctor if it persists. Active until a later nasal report with none of these.
 */
import { listText } from "../format.ts";
import { symptomRule } from "../symptom-rule.ts";

export const nasalSigns = symptomRule({
  id: "nasal-signs",
  checklist: "nasal",
  severity: "warning",
  title: "Nasal warning signs: pause and change route",
  summary: "Any nasal warning sign reported on the nasal checklist",
  sources: ["K-NOSE-1"],
  advice: () =>
    "Pause, and do not snort or spray into the nose: take it by another route if you continue. See a doctor if it persists, and at once for a hole in the septum (FACTS K-NOSE-1).",
  context: (journal) => {
    const routes = new Set(
      journal.doses.map((d) => d.record.route).filter((r) => r === "nasal" || r === "insufflated"),
    );
    return routes.size > 0
      ? `Your journal has doses by the ${listText([...routes].sort())} route.`
      : null;
  },
});
