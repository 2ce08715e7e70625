/**
 * The app's translations, shared by main (tray, notifications) and the renderer. One JSON file
 * per namespace and language; a new feature adds its namespace here. English is the fallback,
 * and a test checks that Spanish has exactly the same keys.
 */
import enAuth from './en/auth.json';
import enCalls from './en/calls.json';
import enErrors from './en/errors.json';
import enPolicy from './en/policy.json';
import enUpdates from './en/updates.json';
import enSettings from './en/settings.json';
import enShell from './en/shell.json';
import esAuth from './es/auth.json';
import enTray from './en/tray.json';
import enPeople from './en/people.json';
import esPeople from './es/people.json';
import enOrgService from './en/orgService.json';
import esOrgService from './es/orgService.json';
import enChat from './en/chat.json';
import esChat from './es/chat.json';
import esCalls from './es/calls.json';
import esErrors from './es/errors.json';
import esPolicy from './es/policy.json';
import esUpdates from './es/updates.json';
import esSettings from './es/settings.json';
import esShell from './es/shell.json';
import esTray from './es/tray.json';

export const resources = {
  en: { shell: enShell, settings: enSettings, errors: enErrors, auth: enAuth, policy: enPolicy, updates: enUpdates, tray: enTray, chat: enChat, calls: enCalls, people: enPeople, orgService: enOrgService },
  es: { shell: esShell, settings: esSettings, errors: esErrors, auth: esAuth, policy: esPolicy, updates: esUpdates, tray: esTray, chat: esChat, calls: esCalls, people: esPeople, orgService: esOrgService },
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const namespaces = Object.keys(resources.en) as Namespace[];
