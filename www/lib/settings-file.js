// @ts-check
// The settings files the page reads itself on the main thread (a methodology, a holiday
// calendar, a column mapping) are small JSON files. One larger than this is not read at all:
// reading a multi-gigabyte file chosen by mistake would freeze the tab. Their content is checked
// by the core (a methodology over 1 MiB, basics::limits::MAX_METHODOLOGY_BYTES, is refused there).

import { t } from '../i18n.js';
import { fmt } from './format.js';

export const MAX_SETTINGS_FILE_BYTES = 1 << 20;

/** The text of a settings file, or an Error with the Vietnamese (or English) message. @param {File} f */
export async function readSettingsFile(f) {
  if (f.size > MAX_SETTINGS_FILE_BYTES) {
    throw new Error(t('file.settingsTooLarge', { name: f.name, size: fmt.trim(f.size / (1 << 20)) }));
  }
  return f.text();
}
