/**
 * The runtime messages of the "currently managing" bar: the bar's script asks the background
 * which client the page it runs in belongs to, and the Settings page asks the background to
 * bring the bar's registration in step after the workspace URL template changed. Both ends
 * validate with these schemas; the background answers through a handler map.
 */
import { CLIENT_STATUSES } from '../model/client';
import { z } from '../model/zod';

export const bannerMessageSchema = z.discriminatedUnion('type', [
  /** Which client is this page a workspace page of? The page is the sender's, as the browser reports it. */
  z.object({ type: z.literal('banner/lookup') }),
  /** Register (or move, or drop) the bar's script for the template's origin, as access allows. */
  z.object({ type: z.literal('banner/sync') }),
]);
export type BannerMessage = z.infer<typeof bannerMessageSchema>;
export type BannerMessageType = BannerMessage['type'];

export const bannerResponseSchemas = {
  'banner/lookup': z.object({
    /** The bar's words, when the page is a workspace page of a client the agency manages. */
    banner: z.optional(
      z.object({
        lang: z.enum(['en', 'ja']),
        message: z.string(),
        status: z.string(),
        statusKind: z.enum(CLIENT_STATUSES),
        close: z.string(),
        closeLabel: z.string(),
        regionLabel: z.string(),
      }),
    ),
  }),
  'banner/sync': z.object({
    /** The pattern the bar's script is registered for now; absent when it is not registered. */
    registeredFor: z.optional(z.string()),
    /** A template is set, but host access for its origin has not been granted. */
    needsAccess: z.boolean(),
  }),
} satisfies Record<BannerMessageType, z.ZodMiniType>;
export type BannerResponseTo<T extends BannerMessageType> = z.infer<(typeof bannerResponseSchemas)[T]>;

/** Everything the "currently managing" bar says, in one language, as the background words it. */
export type BannerText = NonNullable<BannerResponseTo<'banner/lookup'>['banner']>;

export type BannerHandlers = {
  [T in BannerMessageType]: (message: Extract<BannerMessage, { type: T }>, senderUrl: string | undefined) => Promise<BannerResponseTo<T>>;
};

/** Hands a raw message to its handler; anything else gets undefined, for other listeners. */
export function dispatchBannerMessage(handlers: BannerHandlers, raw: unknown, senderUrl: string | undefined): Promise<unknown> | undefined {
  const parsed = z.safeParse(bannerMessageSchema, raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  // TypeScript cannot tie handlers[type] to the message of that type; BannerHandlers does.
  const handler = handlers[message.type] as (message: BannerMessage, senderUrl: string | undefined) => Promise<unknown>;
  return handler(message, senderUrl);
}
