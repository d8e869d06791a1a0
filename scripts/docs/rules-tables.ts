import { ERROR_CODES, ERROR_STATUS, PARTICIPANT_ROLES, type ErrorCode } from '@hoinghi/contracts';
import { AGENDA_ITEM_TRANSITIONS, can, CONFERENCE_TRANSITIONS, GRANTS, MINUTES_TRANSITIONS, type Permission } from '@hoinghi/domain';

// Markdown tables drawn from the domain's own tables, for docs/rules.md. The permission cells ask can()
// itself, so they show what the code does (chairs act for every site), not a second reading of GRANTS.

const table = (header: string[], rows: string[][]): string =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

const code = (text: string) => `\`${text}\``;

function permissionCell(role: (typeof PARTICIPANT_ROLES)[number], permission: Permission): string {
  const assignment = [{ role, siteId: 'own' }];
  if (!GRANTS[permission].siteScoped) return can(assignment, permission) ? '✓' : '–';
  if (can(assignment, permission, 'other')) return 'every site';
  return can(assignment, permission, 'own') ? 'own site' : '–';
}

export function permissionsTable(): string {
  const permissions = Object.keys(GRANTS) as Permission[];
  return table(
    ['permission', 'site-scoped', ...PARTICIPANT_ROLES.map(code)],
    permissions.map((p) => [code(p), GRANTS[p].siteScoped ? 'yes' : 'no', ...PARTICIPANT_ROLES.map((role) => permissionCell(role, p))]),
  );
}

export function conferenceStatesTable(): string {
  return table(
    ['action', 'from', 'to'],
    Object.entries(CONFERENCE_TRANSITIONS).map(([action, rule]) => [code(action), rule.from.map(code).join(', '), code(rule.to)]),
  );
}

export function agendaStatesTable(): string {
  return table(
    ['transition', 'from', 'to'],
    Object.entries(AGENDA_ITEM_TRANSITIONS).map(([name, rule]) => [code(name), rule.from.map(code).join(', '), code(rule.to)]),
  );
}

export function errorCodesTable(): string {
  return table(
    ['code', 'category', 'HTTP status'],
    (Object.keys(ERROR_CODES) as ErrorCode[]).map((c) => [code(c), ERROR_CODES[c], String(ERROR_STATUS[ERROR_CODES[c]])]),
  );
}

export function minutesStatesTable(): string {
  return table(
    ['action', 'from', 'to'],
    Object.entries(MINUTES_TRANSITIONS).map(([action, rule]) => [code(action), rule.from.map(code).join(', '), code(rule.to)]),
  );
}

const SECTIONS: Record<string, () => string> = {
  permissions: permissionsTable,
  'conference-states': conferenceStatesTable,
  'agenda-states': agendaStatesTable,
  'minutes-states': minutesStatesTable,
  'error-codes': errorCodesTable,
};

/** The markdown with every `<!-- generated:NAME -->…<!-- /generated:NAME -->` section redrawn; the text around is kept. */
export function fillGeneratedSections(markdown: string): string {
  let filled = markdown;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = filled.indexOf(start);
    const to = filled.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/rules.md lacks the markers ${start} … ${end}`);
    filled = `${filled.slice(0, from + start.length)}\n${render()}\n${filled.slice(to)}`;
  }
  return filled;
}
