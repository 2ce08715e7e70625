/**
 * The app's translations, shared by main (tray, notifications) and the renderer. One JSON file
 * per namespace and language; a new feature adds its namespace here. English is the fallback,
 * and a test checks that Spanish has exactly the same keys.
 */
import enCalls from './en/calls.json';
import enErrors from './en/errors.json';
import enSettings from './en/settings.json';
import enShell from './en/shell.json';
import esCalls from './es/calls.json';
import esErrors from './es/errors.json';
import esSettings from './es/settings.json';
import esShell from './es/shell.json';

export const resources = {
  en: { shell: enShell, settings: enSettings, errors: enErrors, calls: enCalls },
  es: { shell: esShell, settings: esSettings, errors: esErrors, calls: esCalls },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const namespaces = Object.keys(resources.en) as Namespace[];
