import { z } from '../model/zod';
import { sendRuntimeMessage } from '../platform/messaging';
import { type BannerMessage, type BannerResponseTo, bannerResponseSchemas } from './banner';

/**
 * Asks the background to register the "currently managing" bar for the workspace URL
 * template as saved now (the Settings page calls it after saving). Resolves to what is
 * registered, or undefined when the background did not answer.
 */
export async function requestBannerSync(): Promise<BannerResponseTo<'banner/sync'> | undefined> {
  const message: BannerMessage = { type: 'banner/sync' };
  try {
    const parsed = z.safeParse(bannerResponseSchemas['banner/sync'], await sendRuntimeMessage(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The bar's script: which client's workspace is this page? Undefined when none, or no answer. */
export async function lookUpManagedClient(): Promise<BannerResponseTo<'banner/lookup'> | undefined> {
  const message: BannerMessage = { type: 'banner/lookup' };
  try {
    const parsed = z.safeParse(bannerResponseSchemas['banner/lookup'], await sendRuntimeMessage(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
