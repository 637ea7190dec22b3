import './team.css';

/**
 * Why an action is disabled on a shared roster, in words next to it (not only a tooltip), for
 * the disabled controls to point at with aria-describedby. Nothing while the action is allowed.
 */
export function TeamReason({ id, reason }: { id: string; reason: string | undefined }) {
  if (reason === undefined) return null;
  return (
    <p id={id} class="hint team-reason" data-testid="team-reason">
      {reason}
    </p>
  );
}
