import { useEffect, useState } from 'preact/hooks';
import { onPermissionsChanged } from '../../../lib/platform/permissions';

/**
 * Whether a permission `check` passes, kept current: it runs again when its `deps` change and
 * whenever the browser grants or removes a permission (anywhere, not only from this page).
 * Undefined until the first answer; a check that fails reads as not granted.
 */
export function usePermissionCheck(check: () => Promise<boolean>, deps: unknown[]): boolean | undefined {
  const [granted, setGranted] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const run = () => {
      check().then(
        (answer) => current && setGranted(answer),
        () => current && setGranted(false),
      );
    };
    run();
    const stop = onPermissionsChanged(run);
    return () => {
      current = false;
      stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the check depends on, and the lint config checks each caller's list (additionalHooks)
  }, deps);
  return granted;
}
