/** The old browse page's filters under the names the search page gives the same facets. */
const RENAMED: Readonly<Record<string, string>> = { theme: 'themes', targetGroup: 'targetGroups' };

/**
 * Where a `/practices?…` address now leads: the search page without a query, with the same filters ticked.
 * Every other parameter travels as it was, so the search page judges it (an unknown one is its 400).
 */
export function searchUrlForBrowse(rawQuery: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    // The old form sent "any" as an empty value.
    if (value.trim() === '') continue;
    // Country codes are stored in capitals; the old page accepted either.
    params.append(RENAMED[name] ?? name, name === 'country' ? value.toUpperCase() : value);
  }
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
