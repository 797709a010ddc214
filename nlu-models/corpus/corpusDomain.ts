import { basename, dirname } from 'node:path';

/**
 * The domain a corpus file belongs to, from its place: `<service>/corpus/<locale>.json` → the service (exams,
 * fines…), `<locale>/<domain>.json` → its name (service, none). Admins see it per intent; export groups by it.
 */
export function corpusDomain(file: string, locale: string): string {
  const name = basename(file).replace(/\.json$/, '');
  if (name !== locale) return name;
  const folder = dirname(file);
  return basename(basename(folder) === 'corpus' ? dirname(folder) : folder);
}
