import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '../../../../components/useLiveQuery';
import { prepareImport } from '../../../../lib/io/prepare';
import { checkImportSize } from '../../../../lib/io/text';
import { errorMessage, t } from '../../../../lib/i18n';
import { AppError, isAppError } from '../../../../lib/model/errors';
import {
  CLIENT_CSV_COLUMNS,
  type ExistingChoice,
  type PreparedImport,
  REQUIRED_CSV_COLUMNS,
} from '../../../../lib/model/import';
import { sendRequest } from '../../../../lib/messages/send-request';
import { listClientPage } from '../../../../lib/ops/client-list';
import { workspaceHostLabel } from '../../../../lib/rules/workspace-bar-match';
import {
  applyImport,
  type ImportChoices,
  type ImportPlan,
  type ImportResult,
  previewImport,
} from '../../../../lib/ops/import';
import { ImportPreview } from './ImportPreview';
import { ImportProgress } from './ImportProgress';
import { TeamReason } from '../team/TeamReason';
import { useTeamPermission } from '../team/use-team-permission';

type Stage =
  | { name: 'idle' }
  | { name: 'checking'; fileName: string }
  | { name: 'unreadable'; fileName: string; message: string }
  | {
      name: 'preview';
      fileName: string;
      prepared: PreparedImport;
      plan: ImportPlan;
      planned: ImportChoices;
      refusal?: string;
    }
  | { name: 'importing'; fileName: string; prepared: PreparedImport; plan: ImportPlan; done: number; total: number }
  | { name: 'done'; result: ImportResult; bannerNote?: string };

/** Lets the browser draw "Checking…" before the file is parsed, which holds the page for a moment. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function readBytes(file: File): Promise<Uint8Array> {
  // Refused before reading: a huge file would take the memory first and say why after.
  checkImportSize(file.size);
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new AppError('unexpected', 'import_readFailed');
  }
}

/** Import of a backup or a CSV: choose a file, see every problem, then write all of it or nothing. */
export function ImportPanel() {
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [existing, setExisting] = useState<ExistingChoice>('skip');
  const [restoreSettings, setRestoreSettings] = useState<boolean | undefined>(undefined);
  const [focusKey, setFocusKey] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const { value: roster } = useLiveQuery(() => listClientPage({ limit: 0 }), []);
  // Restoring into an empty roster usually wants the backup's pool and template too.
  // On a shared roster a viewer imports nothing, and only the owner replaces the agency's settings.
  const importing = useTeamPermission('roster.import');
  const settingsTeam = useTeamPermission('settings.update');
  const restore = settingsTeam.allowed && (restoreSettings ?? roster?.rosterSize === 0);
  const choices: ImportChoices = { existing, restoreSettings: restore };

  // The preview always describes the choices on screen. They may change after it was planned:
  // by the person, or by the roster loading while the file was read (which ticks the box).
  const shownFile = stage.name === 'preview' ? stage.prepared : undefined;
  const stale =
    stage.name === 'preview' && (stage.planned.existing !== existing || stage.planned.restoreSettings !== restore);
  useEffect(() => {
    if (stage.name !== 'preview' || !stale) return;
    const { prepared, fileName } = stage;
    const planned = choices;
    let current = true;
    const stillShown = (shown: Stage) => current && shown.name === 'preview' && shown.prepared === prepared;
    previewImport(prepared, planned).then(
      (plan) => setStage((shown) => (stillShown(shown) ? { ...shown, plan, planned } : shown)),
      (error: unknown) =>
        setStage((shown) =>
          stillShown(shown) ? { name: 'unreadable', fileName, message: errorMessage(error) } : shown,
        ),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- plans again only when the choices or the file shown change; the stage itself changes with every plan
  }, [stale, existing, restore, shownFile]);

  useEffect(() => {
    if (stage.name === 'done') result.current?.focus();
  }, [stage.name]);

  async function onFile(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setStage({ name: 'checking', fileName: file.name });
    try {
      const bytes = await readBytes(file);
      await nextFrame();
      const prepared = prepareImport(bytes);
      const planned = choices;
      const plan = await previewImport(prepared, planned);
      setStage({ name: 'preview', fileName: file.name, prepared, plan, planned });
      setFocusKey((key) => key + 1);
    } catch (error) {
      setStage({ name: 'unreadable', fileName: file.name, message: errorMessage(error) });
    } finally {
      // The same file, fixed and saved again, must be choosable again.
      if (input.current) input.current.value = '';
    }
  }

  async function onImport() {
    if (stage.name !== 'preview' || stale) return;
    const { fileName, prepared, plan } = stage;
    setStage({ name: 'importing', fileName, prepared, plan, done: 0, total: 0 });
    try {
      const outcome = await applyImport(prepared, choices, {
        onProgress: (done, total) => setStage({ name: 'importing', fileName, prepared, plan, done, total }),
      });
      setStage({ name: 'done', result: outcome });
      if (plan.settings) void followRestoredTemplate(plan.settings.workspaceUrlTemplate);
    } catch (error) {
      // The roster changed since the preview: show the problems as they are now.
      const fresh =
        isAppError(error) && error.key === 'import_refused'
          ? await previewImport(prepared, choices).catch(() => plan)
          : plan;
      setStage({ name: 'preview', fileName, prepared, plan: fresh, planned: choices, refusal: errorMessage(error) });
    }
  }

  /**
   * Restored settings may bring another workspace template: the managing bar's registration
   * follows it, and if its host was never granted, the person is told where to allow it.
   */
  async function followRestoredTemplate(template: string | undefined) {
    const synced = await sendRequest('banner/sync').catch(() => undefined);
    const host = workspaceHostLabel(template);
    if (!synced?.needsAccess || host === undefined) return;
    const bannerNote = t('banner_accessNeededAfterRestore', { host });
    setStage((shown) => (shown.name === 'done' ? { ...shown, bannerNote } : shown));
  }

  const busy = stage.name === 'checking' || stage.name === 'importing';
  // Import waits until the preview matches the choices, so what was read is what is written.
  const importWaits = busy || stale;
  const isBackup = (stage.name === 'preview' || stage.name === 'importing') && stage.prepared.kind === 'backup';

  return (
    <section aria-labelledby="import-heading" class="backup-panel">
      <h3 id="import-heading">{t('import_heading')}</h3>
      <p>{t('import_intro')}</p>
      <details class="import-help">
        <summary>{t('import_csvHelpSummary')}</summary>
        {/* The help names every column, so the fixed lists go in as text: a list parameter would be cut at LIST_LIMIT. */}
        <p>
          {t('import_csvColumns', {
            columns: CLIENT_CSV_COLUMNS.join(', '),
            required: REQUIRED_CSV_COLUMNS.join(', '),
          })}
        </p>
        <p>{t('import_csvRules')}</p>
      </details>
      <div class="field">
        <label for="import-file">{t('import_fileLabel')}</label>
        <input
          id="import-file"
          ref={input}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          disabled={busy || !importing.allowed}
          aria-describedby={importing.allowed ? undefined : 'import-team-reason'}
          onChange={(event) => void onFile(event)}
        />
        <TeamReason id="import-team-reason" reason={importing.reason} />
      </div>
      <fieldset class="import-choice" disabled={busy}>
        <legend>{t('import_existingLegend')}</legend>
        <label>
          <input
            type="radio"
            name="import-existing"
            value="skip"
            checked={existing === 'skip'}
            onChange={() => setExisting('skip')}
          />
          {t('import_existingSkip')}
        </label>
        <label>
          <input
            type="radio"
            name="import-existing"
            value="update"
            checked={existing === 'update'}
            onChange={() => setExisting('update')}
          />
          {t('import_existingUpdate')}
        </label>
      </fieldset>
      {isBackup && (
        <label class="import-restore">
          <input
            type="checkbox"
            checked={restore}
            disabled={busy || !settingsTeam.allowed}
            aria-describedby={settingsTeam.allowed ? undefined : 'import-restore-reason'}
            onChange={(event) => setRestoreSettings(event.currentTarget.checked)}
          />
          {t('import_restoreSettings')}
        </label>
      )}
      {isBackup && importing.allowed && <TeamReason id="import-restore-reason" reason={settingsTeam.reason} />}

      {stage.name === 'checking' && <p role="status">{t('import_checking', { name: stage.fileName })}</p>}
      {stage.name === 'unreadable' && (
        <p role="alert" data-testid="import-error">
          {stage.message}
        </p>
      )}
      {stage.name === 'preview' && stage.refusal && (
        <p role="alert" data-testid="import-error">
          {stage.refusal}
        </p>
      )}
      {(stage.name === 'preview' || stage.name === 'importing') && (
        <ImportPreview
          fileName={stage.fileName}
          prepared={stage.prepared}
          plan={stage.plan}
          focusKey={focusKey}
          busy={importWaits}
          onImport={() => void onImport()}
        />
      )}
      {stage.name === 'importing' && <ImportProgress done={stage.done} total={stage.total} />}
      {stage.name === 'done' && (
        <p role="status" tabIndex={-1} ref={result} data-testid="import-result">
          {t('import_done', {
            created: stage.result.created,
            updated: stage.result.updated,
            skipped: stage.result.skipped,
          })}
        </p>
      )}
      {stage.name === 'done' && stage.bannerNote && (
        <p role="status" data-testid="import-banner-note">
          {stage.bannerNote}
        </p>
      )}
    </section>
  );
}
