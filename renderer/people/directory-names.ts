/**
 * Names from the directory where chat only has what each participant was added with (often a
 * raw id or a stale name): the directory's name for ids it knows, else today's fallback.
 */
import type { DirectoryCache } from './directory-cache.svelte.js';

interface Named {
  id: string;
  displayName: string;
}

/** A participant under the directory's name when the directory knows them. */
export function withDirectoryName<P extends Named>(participant: P, directory: DirectoryCache | null | undefined): P {
  const name = directory?.nameOf(participant.id);
  return name && name !== participant.displayName ? { ...participant, displayName: name } : participant;
}

/** A conversation's title: its topic, else the other people's (directory) names, else `fallback`. */
export function conversationTitleFrom(topic: string, participants: readonly Named[], selfId: string, fallback: string | null, directory: DirectoryCache | null | undefined): string | null {
  if (topic.trim() || !directory) return fallback;
  const others = participants.filter((p) => p.id !== selfId);
  return others.length > 0 ? others.map((p) => withDirectoryName(p, directory).displayName).join(', ') : fallback;
}
