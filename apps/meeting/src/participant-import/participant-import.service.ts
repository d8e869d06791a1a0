import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParticipantEntity, SiteEntity, UserEntity } from '@hoinghi/database';
import {
  assertEditable, assertRoomFor, DomainError, findHeader, foldVietnamese, importErrorFields, invalid, planImport, usernameBase,
  type ImportContext, type SheetRow,
} from '@hoinghi/domain';
import { CONFERENCE_LIMITS, type ImportPreview, type ImportResult, type IssuedPassword } from '@hoinghi/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { oneTimePassword } from '../auth/one-time-password';
import { AttendanceService } from '../attendance/attendance.service';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { NoticesService } from '../notices/notices.service';
import { readSheet } from './sheet-reader';

function newSecret() {
  const password = oneTimePassword();
  return { password, hash: AuthService.hashPassword(password) };
}

/** An uploaded list as the controller hands it over. */
export interface ListFile {
  buffer: Buffer;
  fileName: string;
}

/**
 * The participant list from a spreadsheet: a preview that checks every row, then a commit that applies the
 * whole list in one transaction, or nothing when any row is wrong (the organiser fixes the sheet, so the
 * list in the app is the list on file). Unknown usernames become accounts with one-time passwords.
 */
@Injectable()
export class ParticipantImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ConferenceChanges,
    private readonly attendance: AttendanceService,
    private readonly notices: NoticesService,
  ) {}

  async preview(user: AuthUser, conferenceId: string, file: ListFile): Promise<ImportPreview> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'conference.manage');
    const { planned: _planned, ...preview } = await this.plan(em, conferenceId, file, await readSheet(file.buffer, file.fileName));
    return preview;
  }

  async commit(user: AuthUser, conferenceId: string, file: ListFile): Promise<ImportResult> {
    const sheet = await readSheet(file.buffer, file.fileName);
    // Passwords are hashed before the conference is locked (a hash takes tens of milliseconds each).
    const draft = await this.plan(this.dataSource.manager, conferenceId, file, sheet);
    const secrets = new Map<string, { password: string; hash: Promise<string> }>();
    for (const row of draft.planned.filter((r) => r.action === 'create_user')) {
      if (!secrets.has(row.username)) secrets.set(row.username, newSecret());
    }
    await Promise.all([...secrets.values()].map((s) => s.hash));

    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'import participants');
      const { planned, errors } = await this.plan(ctx.em, conferenceId, file, sheet);
      if (errors.length) {
        throw new DomainError('IMPORT_ROWS_INVALID', `${errors.length} problem(s) in the list; nothing was imported (see the preview).`, importErrorFields(errors));
      }
      const createdUsers: IssuedPassword[] = [];
      const userIds = new Map<string, string>();
      for (const row of planned.filter((r) => r.action === 'create_user')) {
        if (userIds.has(row.username)) continue; // one account for a person with several roles
        const secret = secrets.get(row.username) ?? newSecret(); // created meanwhile by nobody else: rare, hashed here
        const saved = await ctx.em.save(UserEntity, ctx.em.create(UserEntity, {
          username: row.username, fullName: row.fullName, fullNameSearch: foldVietnamese(row.fullName), passwordHash: await secret.hash,
          isAdmin: false, canConvene: false, disabledAt: null, tokensValidFrom: null,
        }));
        userIds.set(row.username, saved.id);
        createdUsers.push({ userId: saved.id, username: saved.username, fullName: saved.fullName, password: secret.password });
      }
      const toAdd = planned.filter((r) => r.action === 'add' || r.action === 'create_user');
      const count = await ctx.em.count(ParticipantEntity, { where: { conferenceId } });
      if (count + toAdd.length > CONFERENCE_LIMITS.participants) assertRoomFor('participants', CONFERENCE_LIMITS.participants);
      const newlyConvened = await this.notices.notConvened(ctx.em, conferenceId, toAdd.map((r) => r.userId ?? userIds.get(r.username)!));
      const inserted = toAdd.length
        ? ((await ctx.em.insert(ParticipantEntity, toAdd.map((r) => ({
          conferenceId, userId: r.userId ?? userIds.get(r.username)!, role: r.role!, siteId: r.siteId, votingRight: r.votingRight,
        })))).identifiers as Array<{ id: string }>).map((i) => i.id)
        : [];
      const added = inserted.length
        ? (await ctx.em.find(ParticipantEntity, { where: { id: In(inserted) }, relations: { user: true } })).map((p) => ({
          id: p.id, userId: p.userId, fullName: p.user!.fullName, role: p.role, siteId: p.siteId, votingRight: p.votingRight,
        }))
        : [];
      const delegateSites = [...new Set(toAdd.filter((r) => r.role === 'delegate' && r.siteId).map((r) => r.siteId!))];
      return {
        result: { added, unchanged: planned.filter((r) => r.action === 'unchanged').length, createdUsers },
        events: delegateSites.length ? await this.attendance.sitesChanged(ctx, delegateSites) : [],
        audit: {
          action: 'participant.import',
          details: { fileName: file.fileName.slice(0, 200), added: added.length, createdUsers: createdUsers.map((u) => u.username) },
        },
        outbox: await this.notices.tellNewlyConvened(ctx.em, conferenceId, newlyConvened),
      };
    });
  }

  /** The sheet checked against the conference as it is in `em` (the commit re-checks under the lock). */
  private async plan(em: EntityManager, conferenceId: string, file: ListFile, sheet: SheetRow[]) {
    const header = findHeader(sheet);
    if (!header) {
      throw invalid('IMPORT_FILE_INVALID', 'has no header row naming at least the columns "Họ và tên" and "Vai trò"', 'file');
    }
    const rows = sheet.slice(header.headerIndex + 1);
    return planImport(file.fileName, rows, header.columns, await this.context(em, conferenceId, rows, header.columns));
  }

  private async context(em: EntityManager, conferenceId: string, rows: SheetRow[], columns: Partial<Record<string, number>>): Promise<ImportContext> {
    const cell = (r: SheetRow, c: string) => (columns[c] === undefined ? '' : (r.cells[columns[c]!] ?? '').trim());
    const named = [...new Set(rows.map((r) => cell(r, 'username').toLowerCase()).filter(Boolean))];
    const stems = [...new Set(rows.filter((r) => !cell(r, 'username') && cell(r, 'fullName')).map((r) => `${usernameBase(cell(r, 'fullName'))}%`))];
    const sites = await em.createQueryBuilder(SiteEntity, 's').innerJoinAndSelect('s.orgUnit', 'u').where('s.conference_id = :conferenceId', { conferenceId }).getMany();
    const accounts = named.length ? await em.find(UserEntity, { where: { username: In(named) } }) : [];
    const taken = stems.length
      ? (await em.query(`SELECT username FROM users WHERE username LIKE ANY($1::text[])`, [stems]) as Array<{ username: string }>).map((u) => u.username)
      : [];
    const existing = await em.find(ParticipantEntity, { where: { conferenceId } });
    return {
      sites: sites.map((s) => ({ id: s.id, name: s.name, orgUnitName: s.orgUnit!.name, isMain: s.isMain })),
      accounts: new Map(accounts.map((a) => [a.username, { id: a.id, username: a.username, fullName: a.fullName, disabled: a.disabledAt !== null }])),
      takenUsernames: new Set([...taken, ...named]),
      existing: existing.map((p) => ({ userId: p.userId, role: p.role, siteId: p.siteId, votingRight: p.votingRight })),
    };
  }
}
