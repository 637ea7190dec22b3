import { t } from '../../../lib/i18n';
import { type Industry, INDUSTRIES, isPresetIndustry } from '../../../lib/model/client';
import type { MessageKey } from '../../../lib/model/messages';

/** The catalogue key of each preset industry's label. */
export const INDUSTRY_LABEL_KEYS: Record<Industry, MessageKey> = {
  advertising: 'industry_advertising',
  ecommerce: 'industry_ecommerce',
  education: 'industry_education',
  finance: 'industry_finance',
  healthcare: 'industry_healthcare',
  hospitality: 'industry_hospitality',
  manufacturing: 'industry_manufacturing',
  media: 'industry_media',
  nonprofit: 'industry_nonprofit',
  public_sector: 'industry_public_sector',
  real_estate: 'industry_real_estate',
  retail: 'industry_retail',
  software: 'industry_software',
  telecom: 'industry_telecom',
  travel: 'industry_travel',
};

/** How a stored industry reads: a preset in the reader's language, free text as typed. */
export function industryText(stored: string | undefined): string {
  if (!stored) return '';
  return isPresetIndustry(stored) ? t(INDUSTRY_LABEL_KEYS[stored]) : stored;
}

function fold(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/**
 * What to store for what a person typed or picked: the preset id when it names a preset
 * (its label in English or Japanese, or the id itself), the trimmed text otherwise. A
 * client picked in Japanese thus still shows as a preset in English.
 */
export function industryFromText(text: string): string {
  const wanted = fold(text);
  if (wanted === '') return '';
  for (const id of INDUSTRIES) {
    const key = INDUSTRY_LABEL_KEYS[id];
    if (wanted === id || wanted === fold(t(key, {}, 'en')) || wanted === fold(t(key, {}, 'ja'))) return id;
  }
  return text.trim();
}

/** The presets' labels in the reader's language, alphabetised for the picker. */
export function industryOptions(): string[] {
  return INDUSTRIES.map((id) => t(INDUSTRY_LABEL_KEYS[id])).sort((a, b) => a.localeCompare(b));
}
