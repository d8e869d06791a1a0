import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgendaItemEntity, ConferenceEntity, PollEntity, PollResultEntity, polls, POLL_LOCK_CLASS } from '@hoinghi/database';
import {
  assertLive, assertQuorumToOpen, can, conflict, definePoll, encodeBallot, forbidden, labelsOf, nextPollStatus, notFound, runoffOf,
  unauthenticated, validateBallot, DEFAULT_POLL_BASE, DEFAULT_POLL_THRESHOLD,
} from '@hoinghi/domain';
import {
  isSecretPoll, JobName, QueueName, type BallotReceipt, type CastBallotRequest, type CreatePollRequest, type CreateRunoffRequest, type PollJob, type PollsSection,
  type PollView, type PollVoterView, type ViewerScope,
} from '@hoinghi/contracts';
import { sealBallot } from '@hoinghi/server-kit';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser, TokenCaller } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { AccessService } from '../access/access.service';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BallotBell } from './ballot-bell';
import { BallotBox } from './ballot-box';

/** What casting needs of a poll and never changes once it exists (cached per poll). */
type PollDefinition = Pick<PollEntity, 'id' | 'conferenceId' | 'kind' | 'options' | 'maxChoices'>;

/**
 * Votes on agenda items. The chairs and the secretariat prepare a poll; the chairs open it (quorum
 * met, electorate frozen) and close it. A ballot is committed before it is acknowledged (202 with a
 * receipt); the worker tallies turnout as ballots come and counts the poll once it is closed. Secret
 * ballots are sealed and kept apart from the voter mark (docs/security.md, "Secret ballots").
 */
@Injectable()
export class PollsService implements ConferenceSection {
  private readonly definitions = new Map<string, PollDefinition>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly changes: ConferenceChanges,
    private readonly sync: ConferenceSyncService,
    private readonly access: AccessService,
    private readonly auth: AuthService,
    private readonly box: BallotBox,
    private readonly bell: BallotBell,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<{ polls: PollsSection }> {
    const list = await em.find(PollEntity, { where: { conferenceId: conference.id }, order: { createdAt: 'ASC' } });
    const open = list.filter((p) => p.status === 'open' && p.kind === 'open');
    return {
      polls: {
        items: await polls.views(em, list),
        tallies: scope.leader ? await Promise.all(open.map((p) => polls.openTally(em, p.id))) : [],
        myReceipts: await polls.receipts(em, conference.id, scope.userId),
        asOf: { turnout: conference.version, tally: conference.version },
      },
    };
  }

  async list(user: AuthUser, conferenceId: string): Promise<PollView[]> {
    await this.sync.scopeOf(user, conferenceId);
    const list = await this.dataSource.manager.find(PollEntity, { where: { conferenceId }, order: { createdAt: 'ASC' } });
    return polls.views(this.dataSource.manager, list);
  }

  create(user: AuthUser, conferenceId: string, dto: CreatePollRequest): Promise<PollView> {
    const { options, maxChoices } = definePoll(dto);
    return this.changes.run({ user, conferenceId, permission: 'polls.manage' }, async ({ em, conference }) => {
      if (!(await em.exists(AgendaItemEntity, { where: { id: dto.agendaItemId, conferenceId } }))) {
        throw notFound('AGENDA_ITEM_NOT_FOUND', `Agenda item ${dto.agendaItemId} does not exist in this conference.`);
      }
      const poll = await em.save(PollEntity, em.create(PollEntity, {
        conferenceId, agendaItemId: dto.agendaItemId, kind: dto.kind, title: dto.title.trim(), labels: labelsOf(dto.labelSet),
        options: options.map((label) => ({ id: randomUUID(), label })), maxChoices,
        base: dto.base ?? DEFAULT_POLL_BASE, threshold: dto.threshold ?? DEFAULT_POLL_THRESHOLD,
        quorumNumerator: dto.quorumNumerator ?? conference.quorumNumerator, quorumDenominator: dto.quorumDenominator ?? conference.quorumDenominator,
        allowLateVoters: dto.allowLateVoters ?? true, status: 'draft', createdBy: user.id,
      }));
      const view = await polls.view(em, poll);
      return {
        result: view, events: [{ audience: { kind: 'conference' }, type: 'poll.changed', data: { poll: view } }],
        audit: { action: 'poll.create', details: { pollId: poll.id, kind: poll.kind, agendaItemId: poll.agendaItemId } },
      };
    });
  }

  /**
   * Resolves a tie at the last seat of a published election (the body decides, not the software): a draft
   * election of only the tied candidates, for the seats left, under the same rules and agenda item,
   * which the chair then opens like any poll. The tied election's row lock makes two chairs at once
   * prepare one re-vote; the unique index on `runoff_of` holds it too.
   */
  runoff(user: AuthUser, conferenceId: string, pollId: string, dto: CreateRunoffRequest): Promise<PollView> {
    return this.changes.run({ user, conferenceId, permission: 'polls.control' }, async ({ em }) => {
      const tied = await this.poll(em, conferenceId, pollId, true);
      const result = (await em.findOne(PollResultEntity, { where: { pollId } }))?.result ?? null;
      const { title, options, maxChoices } = runoffOf(tied, result, dto.title);
      const existing = await em.findOne(PollEntity, { where: { runoffOf: pollId } });
      if (existing) throw conflict('RUNOFF_EXISTS', `This tie already has its re-vote ("${existing.title}"); a tie in that re-vote is resolved by a re-vote of its own.`);
      const poll = await em.save(PollEntity, em.create(PollEntity, {
        conferenceId, agendaItemId: tied.agendaItemId, kind: 'election', title, labels: tied.labels,
        options: options.map((label) => ({ id: randomUUID(), label })), maxChoices,
        base: tied.base, threshold: tied.threshold, quorumNumerator: tied.quorumNumerator, quorumDenominator: tied.quorumDenominator,
        allowLateVoters: tied.allowLateVoters, status: 'draft', createdBy: user.id, runoffOf: tied.id,
      }));
      const view = await polls.view(em, poll);
      return {
        result: view, events: [{ audience: { kind: 'conference' }, type: 'poll.changed', data: { poll: view } }],
        audit: { action: 'poll.runoff', details: { pollId: poll.id, runoffOf: tied.id, candidates: options.length, seats: maxChoices } },
      };
    });
  }

  /** Opens a poll when its quorum is present, freezing its electorate and who was present. */
  open(user: AuthUser, conferenceId: string, pollId: string): Promise<PollView> {
    return this.changes.run({ user, conferenceId, permission: 'polls.control' }, async ({ em, conference, now }) => {
      assertLive(conference.status, 'open a poll');
      const poll = await this.poll(em, conferenceId, pollId, true);
      poll.status = nextPollStatus(poll.status, 'open');
      if (await em.exists(PollEntity, { where: { conferenceId, status: 'open' } })) {
        throw conflict('ANOTHER_POLL_OPEN', 'Another poll of this conference is open: close it before opening this one.');
      }
      const frozen = await polls.freezeElectorate(em, poll);
      assertQuorumToOpen(frozen.electorate, frozen.presentAtOpen, { numerator: poll.quorumNumerator, denominator: poll.quorumDenominator });
      Object.assign(poll, { electorate: frozen.electorate, excused: frozen.excused, presentAtOpen: frozen.presentAtOpen, openedAt: now });
      await em.update(PollEntity, { id: poll.id }, { status: poll.status, electorate: frozen.electorate, excused: frozen.excused, presentAtOpen: frozen.presentAtOpen, openedAt: now });
      const view = await polls.view(em, poll);
      return {
        result: view, events: [{ audience: { kind: 'conference' }, type: 'poll.changed', data: { poll: view } }],
        audit: { action: 'poll.open', details: { pollId, ...frozen } },
      };
    });
  }

  /**
   * Closes a poll: no ballot is taken after this commits (the poll's lock, exclusive, waits for those in
   * flight), and the worker counts it and publishes the result.
   */
  close(user: AuthUser, conferenceId: string, pollId: string): Promise<PollView> {
    return this.changes.run({ user, conferenceId, permission: 'polls.control' }, async ({ em, now }) => {
      await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2::text))', [POLL_LOCK_CLASS, pollId]);
      const poll = await this.poll(em, conferenceId, pollId, true);
      poll.status = nextPollStatus(poll.status, 'close');
      poll.closedAt = now;
      const turnout = await polls.turnout(em, poll);
      await em.update(PollEntity, { id: poll.id }, { status: poll.status, closedAt: now, voted: turnout.voted });
      const view = await polls.view(em, poll);
      const job: PollJob = { v: 1, conferenceId, pollId };
      return {
        result: view, events: [{ audience: { kind: 'conference' }, type: 'poll.changed', data: { poll: view } }],
        audit: { action: 'poll.close', details: { pollId, voted: turnout.voted } },
        outbox: [{ kind: 'job', queue: QueueName.Ballots, name: JobName.CountPoll, payload: job }],
      };
    });
  }

  /**
   * Casts the caller's ballot: 202 once committed; a resend with the same key answers the same receipt.
   * The caller's token is checked; their account is checked by cast_ballots itself (one round trip per
   * group of ballots, BallotBox), and read again only to say why it was refused.
   */
  async cast(caller: TokenCaller, conferenceId: string, pollId: string, dto: CastBallotRequest): Promise<BallotReceipt> {
    const poll = await this.definition(caller, conferenceId, pollId);
    const { idempotencyKey, ...fields } = dto;
    const ballot = validateBallot(poll, fields);
    const secret = isSecretPoll(poll.kind);
    const code = encodeBallot(poll, ballot);
    const outcome = await this.box.cast({
      pollId, conferenceId, userId: caller.id, issuedAt: caller.issuedAt, idempotencyKey,
      choice: ballot.kind === 'open' ? ballot.choice : null,
      sealed: secret ? sealBallot(this.config.ballotSealKey, pollId, code) : null,
    });
    switch (outcome.kind) {
      case 'no-account':
        await this.auth.account(caller); // throws the 401 that says why
        throw unauthenticated('UNAUTHENTICATED', 'Your account could not be confirmed; sign in again.'); // changed meanwhile
      case 'recorded':
        this.bell.ring(conferenceId, pollId);
        return { receiptId: outcome.receiptId, pollId, status: 'recorded' };
      case 'resent':
        return { receiptId: outcome.receiptId, pollId, status: 'recorded' };
      case 'already-voted':
        throw conflict('ALREADY_VOTED', 'You have already voted in this poll: each voter has one ballot.');
      case 'not-open':
        throw conflict('POLL_NOT_OPEN', outcome.status === 'draft' ? 'This poll has not been opened yet.' : 'This poll is closed: no more ballots are taken.');
      case 'not-present':
        throw conflict('ELECTOR_NOT_PRESENT', 'Check in as present at your site first (this poll takes late voters once they are checked in).');
      case 'not-elector':
        // Say why as precisely as the caller's roles allow: not convened, not a delegate, or not in this electorate.
        await this.access.authorize(this.dataSource.manager, caller.id, conferenceId, 'ballots.cast');
        throw forbidden('NOT_AN_ELECTOR', 'You are not in this poll\'s electorate (the delegates with a right to vote when it opened).');
      case 'no-poll':
        throw this.pollNotFound(pollId);
    }
  }

  async receipt(user: AuthUser, conferenceId: string, pollId: string): Promise<BallotReceipt> {
    await this.sync.scopeOf(user, conferenceId);
    const mine = (await polls.receipts(this.dataSource.manager, conferenceId, user.id)).find((r) => r.pollId === pollId);
    if (!mine) throw notFound('POLL_NOT_FOUND', `You have no ballot in poll ${pollId}.`);
    return mine;
  }

  /**
   * Who has (not) voted. An open vote: everyone convened sees it (the chairs also what each chose). A
   * secret ballot: the leaders, and a site's staff for their site. A secret ballot's choices are not
   * stored with the voter, so no one can see them.
   */
  async voters(user: AuthUser, conferenceId: string, pollId: string, siteId?: string): Promise<PollVoterView[]> {
    const em = this.dataSource.manager;
    const scope = await this.sync.scopeOf(user, conferenceId);
    const roles = await this.access.rolesOf(em, user.id, conferenceId);
    const poll = await this.poll(em, conferenceId, pollId, false);
    if (!scope.leader && poll.kind !== 'open') {
      if (!siteId) throw forbidden('ROLE_FORBIDDEN', 'Name your site (siteId): site staff see who at their own site has not voted.');
      await this.access.authorize(em, user.id, conferenceId, 'polls.voters', siteId);
    }
    return polls.voters(em, poll, siteId ?? null, can(roles, 'polls.control'));
  }

  private async poll(em: EntityManager, conferenceId: string, pollId: string, lock: boolean): Promise<PollEntity> {
    const poll = await em.findOne(PollEntity, { where: { id: pollId, conferenceId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!poll) throw this.pollNotFound(pollId);
    return poll;
  }

  /** A poll's options and kind never change: read once, then from memory (casting is the hot path). */
  private async definition(caller: TokenCaller, conferenceId: string, pollId: string): Promise<PollDefinition> {
    let poll = this.definitions.get(pollId);
    if (!poll) {
      const found = await this.dataSource.manager.findOne(PollEntity, {
        where: { id: pollId, conferenceId }, select: ['id', 'conferenceId', 'kind', 'options', 'maxChoices'],
      });
      if (!found) {
        await this.sync.scopeOf(await this.auth.account(caller), conferenceId); // 401, then 404 for the conference, 403 for a stranger, before the poll
        throw this.pollNotFound(pollId);
      }
      poll = found;
      this.definitions.set(pollId, poll);
    }
    if (poll.conferenceId !== conferenceId) throw this.pollNotFound(pollId);
    return poll;
  }

  private pollNotFound(pollId: string) {
    return notFound('POLL_NOT_FOUND', `Poll ${pollId} does not exist in this conference.`);
  }
}
