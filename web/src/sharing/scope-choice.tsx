import { SHARE_SCOPE_LABELS, SHARE_SCOPES } from "../../../src/contracts/sharing.js";
import type { ShareScope } from "../../../src/contracts/sharing.js";

/** Adds or removes one kind, keeping the order of SHARE_SCOPES. */
function toggledScopes(scopes: readonly ShareScope[], scope: ShareScope, on: boolean): ShareScope[] {
  return SHARE_SCOPES.filter((s) => (s === scope ? on : scopes.includes(s)));
}

/**
 * The runner ticks what a coach or physio may see. Nothing ticked is allowed to show here, and
 * the server then says plainly that one kind at least is needed.
 */
export function ScopeChoice({
  idPrefix,
  legend,
  scopes,
  onChange,
}: {
  idPrefix: string;
  legend: string;
  scopes: readonly ShareScope[];
  onChange: (next: ShareScope[]) => void;
}) {
  return (
    <fieldset className="access-choice scope-choice">
      <legend>{legend}</legend>
      {SHARE_SCOPES.map((s) => (
        <label key={s} className="choice" htmlFor={`${idPrefix}-${s}`}>
          <input id={`${idPrefix}-${s}`} type="checkbox" checked={scopes.includes(s)} onChange={(e) => onChange(toggledScopes(scopes, s, e.target.checked))} />
          {SHARE_SCOPE_LABELS[s]}
        </label>
      ))}
    </fieldset>
  );
}

/** What a share shows, for the coach (an invitation, the athlete's page) or the runner's own list. */
export function ScopeList({ scopes, label }: { scopes: readonly ShareScope[]; label: string }) {
  return (
    <ul className="scope-list" aria-label={label}>
      {scopes.map((s) => (
        <li key={s}>{SHARE_SCOPE_LABELS[s]}</li>
      ))}
    </ul>
  );
}
