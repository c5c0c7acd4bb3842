import type { AuditRow } from "~/audit/audit.server";
import { useT } from "~/i18n/i18n";
import { ScrollRegion } from "./scroll-region";

/** An audit log entry as pages show it: the time already written to the minute, in UTC. */
export type AuditLine = Omit<AuditRow, "at"> & { at: string };

const who = (name: string | null, login: string | null) => (name ? (login ? `${name} (${login})` : name) : null);

/** Changes to people's access, newest first: when, by whom, what, about whom (and which organisation), detail. */
export function AuditTable({ entries }: { entries: AuditLine[] }) {
  const t = useT().m.admin;
  return (
    <ScrollRegion label={t.auditTable}>
      <table>
        <caption className="visually-hidden">{t.auditTable}</caption>
        <thead>
          <tr>
            <th scope="col">{t.auditWhen}</th>
            <th scope="col">{t.auditWho}</th>
            <th scope="col">{t.auditWhat}</th>
            <th scope="col">{t.auditWhom}</th>
            <th scope="col">{t.auditDetail}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.at} UTC</th>
              <td>{who(a.actor, a.actorLogin) ?? t.auditServer}</td>
              <td>{t.auditActions[a.action]}</td>
              <td>{[who(a.subject, a.subjectLogin), a.organisation].filter(Boolean).join(", ") || "–"}</td>
              <td>{a.detail ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
