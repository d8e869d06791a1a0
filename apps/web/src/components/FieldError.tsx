/** The server's validation messages for one field path (e.g. `sites.0.orgUnitId`), shown under the input. */
export function FieldError({ fields, path }: { fields: Record<string, string[]>; path: string }) {
  const messages = fields[path];
  if (!messages?.length) return null;
  return <span className="field-error">{messages.join('; ')}</span>;
}
