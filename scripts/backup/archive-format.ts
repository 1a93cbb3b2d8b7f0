import { z } from 'zod';

/**
 * One backup is one .tar.gz:
 *
 *   manifest.json                       what is inside: versions, collections with their counts, uploads
 *   collections/<name>.metadata.json    collection options and index definitions (canonical extended JSON)
 *   collections/<name>.bson             the documents, one BSON document after another (as mongodump writes them)
 *   uploads/<path>                      every file of the uploads folder
 *
 * The search index is not in it: Meilisearch is rebuilt from the practices on restore.
 */
export const ARCHIVE_FORMAT = 'decode-kb-backup';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

/** Collection names as MongoDB allows them, minus anything that could leave the archive's folders. */
const collectionName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/).refine((name) => !name.includes('..'));

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_VERSION),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  node: z.string(),
  source: z.object({ engine: z.string(), database: z.string(), serverVersion: z.string() }),
  collections: z.array(z.object({ name: collectionName, documents: z.number().int().min(0), indexes: z.number().int().min(0) })),
  uploads: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0) }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const collectionEntry = (name: string, kind: 'metadata.json' | 'bson'): string => `collections/${name}.${kind}`;

/** `collections/<name>.<kind>` → its parts, or undefined for any other name. */
export function parseCollectionEntry(entry: string): { name: string; kind: 'metadata.json' | 'bson' } | undefined {
  const match = /^collections\/(.+)\.(metadata\.json|bson)$/.exec(entry);
  if (!match || !collectionName.safeParse(match[1]).success) return undefined;
  return { name: match[1] as string, kind: match[2] as 'metadata.json' | 'bson' };
}

/**
 * `uploads/<path>` → the relative path inside the uploads folder, or undefined. An archive is untrusted input:
 * absolute paths, `..`, empty or odd segments would write outside the folder, so they are refused.
 */
export function parseUploadEntry(entry: string): string | undefined {
  if (!entry.startsWith('uploads/')) return undefined;
  const relative = entry.slice('uploads/'.length);
  const segments = relative.split('/');
  const safe = segments.every((s) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(s) && s !== '.' && s !== '..');
  return relative !== '' && segments.length <= 8 && safe ? relative : undefined;
}
