import { useId } from 'preact/hooks';
import { t } from '../../../../lib/i18n';
import { ORG_ACTIONS, PARTNER_LIMITS } from '../../../../lib/rules/partner-permissions';
import { availabilityOf } from './restriction';
import './partner.css';

/**
 * What the agency, as the client's partner admin, cannot do in the client's organization:
 * each action shown as a disabled button with the reason next to it. Driven by the permission
 * table that the operations enforce, so the list and the refusals never disagree.
 */
export function RestrictedActions() {
  const id = useId();
  return (
    <section class="partner-section" aria-labelledby={`${id}-heading`} data-testid="restricted-actions">
      <h3 id={`${id}-heading`}>{t('partner_limitsHeading')}</h3>
      <p class="hint">{t('partner_limitsIntro')}</p>
      <ul class="restricted-list">
        {PARTNER_LIMITS.map((action, index) => {
          const availability = availabilityOf(action);
          const reasonId = `${id}-reason-${index}`;
          return (
            <li key={action}>
              <button type="button" class="secondary" disabled aria-describedby={reasonId} data-action={action}>
                {t(ORG_ACTIONS[action].labelKey)}
              </button>
              <span id={reasonId} class="hint">
                {availability.enabled ? '' : availability.reason}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
