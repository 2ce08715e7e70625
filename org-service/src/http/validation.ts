import { z } from 'zod';
import { badRequest } from '../errors.js';

/**
 * Checks a request's query or body against a zod schema and returns the parsed value, or throws
 * 400 naming the first wrong field. Schemas are strict objects with bounded strings and lists
 * (org-service/API.md), so nothing unexpected reaches a handler.
 */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, where: 'body' | 'query'): T {
  if (where === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw badRequest('The request body must be a JSON object.');
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badRequest(describeIssue(result.error.issues[0], where));
}

function describeIssue(issue: z.core.$ZodIssue | undefined, where: 'body' | 'query'): string {
  if (!issue) return `The request ${where} is not valid.`;
  if (issue.code === 'unrecognized_keys') {
    // Key names come from the client: quote a bounded, printable form only.
    const name = JSON.stringify(String(issue.keys[0]).slice(0, 40));
    return where === 'body' ? `The body has an unknown member ${name}.` : `Unknown query parameter ${name}.`;
  }
  const field = issue.path.map(String).join('.') || where;
  return `${field}: ${issue.message}`;
}
