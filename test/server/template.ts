/** The database every test file copies (CREATE DATABASE … TEMPLATE): migrated once per run. */
export const TEMPLATE = 'agency_desk_template';
