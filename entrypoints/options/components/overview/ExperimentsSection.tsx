import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { type Experiment, type ExperimentStatus, experimentInputSchema } from '../../../../lib/model/org-records';
import { completeExperiment, createExperiment, pauseExperiment, startExperiment } from '../../../../lib/ops';
import { checkCanStart } from '../../../../lib/rules/experiments';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { Notice } from '../Notice';
import { TextField } from '../TextField';
import { useFormFields } from '../useFormFields';
import { experimentStatusText } from './labels';

type Action = 'start' | 'pause' | 'complete';

const OPS = { start: startExperiment, pause: pauseExperiment, complete: completeExperiment } as const;
const DONE = {
  start: 'overview_experimentStarted',
  pause: 'overview_experimentPaused',
  complete: 'overview_experimentCompleted',
} as const;

interface ExperimentsSectionProps {
  client: Client;
  experiments: readonly Experiment[];
  readOnly: boolean;
}

const NOTE_ID = 'experiments-start-note';

/**
 * The client's experiments with what a person may do to each. Start stays pressable while
 * the client cannot start anything, so the reason is both written above the table and said
 * again when pressed.
 */
export function ExperimentsSection({ client, experiments, readOnly }: ExperimentsSectionProps) {
  const [outcome, setOutcome] = useState<Notice | null>(null);
  const [completing, setCompleting] = useState<Experiment | null>(null);
  // The row to put focus back into once the list shows the experiment's new state.
  const [refocus, setRefocus] = useState<{ id: number; status: ExperimentStatus } | null>(null);
  const fields = useFormFields<{ name: string }>({
    scope: 'experiment',
    schema: experimentInputSchema,
    fields: ['name'],
    initial: () => ({ name: '' }),
    quietWhenEmpty: true,
  });
  const table = useRef<HTMLTableElement>(null);
  const startCheck = checkCanStart(client, { status: 'draft' });

  useEffect(() => {
    if (!refocus || experiments.find((experiment) => experiment.id === refocus.id)?.status !== refocus.status) return;
    const row = table.current?.querySelector(`[data-experiment-id="${refocus.id}"]`);
    (row?.querySelector<HTMLElement>('button') ?? row?.querySelector<HTMLElement>('th'))?.focus();
    setRefocus(null);
  }, [refocus, experiments]);

  async function act(experiment: Experiment, action: Action) {
    if (experiment.id === undefined) return;
    setOutcome(null);
    try {
      const updated = await OPS[action](client.orgId, experiment.id);
      setOutcome({ text: t(DONE[action], { name: experiment.name }), error: false });
      setRefocus({ id: experiment.id, status: updated.status });
    } catch (error) {
      setOutcome({ text: errorMessage(error), error: true });
    }
  }

  async function onAdd(event: Event) {
    event.preventDefault();
    setOutcome(null);
    if (!fields.checkAll()) return;
    try {
      const created = await createExperiment(client.orgId, fields.values);
      fields.reset({ name: '' });
      setOutcome({ text: t('overview_experimentCreated', { name: created.name }), error: false });
    } catch (error) {
      const general = fields.refuseFrom(error);
      if (general) setOutcome({ text: general, error: true });
    }
  }

  return (
    <section class="overview-section" aria-labelledby="experiments-heading">
      <h3 id="experiments-heading">{t('overview_experimentsHeading')}</h3>
      {!startCheck.ok && (
        <p id={NOTE_ID} class="overview-note" data-testid="start-blocked">
          {t(startCheck.key, startCheck.params)}
        </p>
      )}
      {experiments.length === 0 ? (
        <p>{t('overview_noExperiments')}</p>
      ) : (
        <table class="overview-table" ref={table} data-testid="experiments">
          <thead>
            <tr>
              <th scope="col">{t('overview_columnName')}</th>
              <th scope="col">{t('overview_columnStatus')}</th>
              {!readOnly && <th scope="col">{t('overview_columnActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {experiments.map((experiment) => (
              <tr key={experiment.id} data-experiment-id={experiment.id}>
                <th scope="row" tabIndex={-1}>
                  {experiment.name}
                </th>
                <td>{experimentStatusText(experiment)}</td>
                {!readOnly && (
                  <td class="overview-actions">
                    {(experiment.status === 'draft' || experiment.status === 'paused') && (
                      <button
                        type="button"
                        aria-label={t(experiment.status === 'draft' ? 'overview_startNamed' : 'overview_resumeNamed', {
                          name: experiment.name,
                        })}
                        aria-describedby={startCheck.ok ? undefined : NOTE_ID}
                        onClick={() => void act(experiment, 'start')}
                      >
                        {t(experiment.status === 'draft' ? 'overview_start' : 'overview_resume')}
                      </button>
                    )}
                    {experiment.status === 'running' && (
                      <button
                        type="button"
                        aria-label={t('overview_pauseNamed', { name: experiment.name })}
                        onClick={() => void act(experiment, 'pause')}
                      >
                        {t('overview_pause')}
                      </button>
                    )}
                    {experiment.status !== 'completed' && (
                      <button
                        type="button"
                        class="secondary"
                        aria-label={t('overview_completeNamed', { name: experiment.name })}
                        onClick={() => setCompleting(experiment)}
                      >
                        {t('overview_complete')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Notice notice={outcome} testId="experiments-status" alertTestId="experiments-refusal" />
      {!readOnly && (
        <form class="overview-inline-form" noValidate onSubmit={(event) => void onAdd(event)}>
          <h4>{t('overview_newExperimentHeading')}</h4>
          <div class="overview-inline-fields">
            <TextField {...fields.text('name')} label={t('field_experiment_name')} required autoComplete="off" />
            <button type="submit">{t('overview_addExperiment')}</button>
          </div>
        </form>
      )}
      {completing && (
        <Dialog title={t('overview_completeTitle', { name: completing.name })} onClose={() => setCompleting(null)}>
          <p>{t('overview_completeBody')}</p>
          <DialogActions
            onCancel={() => setCompleting(null)}
            confirmLabel={t('overview_complete')}
            onConfirm={() => {
              const experiment = completing;
              setCompleting(null);
              void act(experiment, 'complete');
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
