import {
  CONFIDENCE_LEVELS, POLL_KINDS, VOTE_CHOICES, type AgendaItemView, type BallotReceipt, type CastBallotRequest, type ConfidenceLevel,
  type PollKind, type PollResult, type PollsSection, type PollView, type PollVoterView, type RoleAssignment,
} from '@hoinghi/contracts';
import { can } from '@hoinghi/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { useAction } from '../hooks/useAction';
import { useT } from '../i18n/I18nContext';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  conferenceId: string;
  polls: PollsSection;
  agenda: AgendaItemView[];
  roles: RoleAssignment[] | null;
  /** The site whose screen this is (site staff see who there has not voted). */
  siteId?: string;
}

/**
 * Votes: every poll with its turnout and, once published, its result; the chairs open, close and
 * follow an open vote's tally live; the secretariat prepares; a delegate votes with big buttons and
 * gets a receipt; a site's staff see who at the site has not voted.
 */
export function PollsPanel({ conferenceId, polls, agenda, roles, siteId }: Props) {
  const t = useT();
  const action = useAction();
  // Receipts of ballots cast from this screen; the snapshot has those cast before (no delta tells a voter).
  const [cast, setCast] = useState<BallotReceipt[]>([]);
  const receipts = [...polls.myReceipts, ...cast];
  const may = (permission: Parameters<typeof can>[1], site?: string) => roles !== null && can(roles, permission, site);

  return (
    <section className="panel polls" data-testid="polls-panel">
      <header className="panel__header">
        <h2>{t.polls.title}</h2>
      </header>
      <ErrorNotice error={action.error} />
      {polls.items.length === 0 && <p className="empty">{t.polls.empty}</p>}
      {polls.items.map((poll) => {
        const receipt = receipts.find((r) => r.pollId === poll.id);
        const tally = polls.tallies.find((x) => x.pollId === poll.id);
        const tiedElection = poll.runoffOf ? polls.items.find((p) => p.id === poll.runoffOf) : undefined;
        return (
          <article key={poll.id} className={`poll poll--${poll.status}`} data-testid="poll" data-id={poll.id} data-status={poll.status}>
            <h3 className="poll__title">{poll.title}</h3>
            <p className="poll__meta">
              {t.polls.kind[poll.kind]} · {t.polls.status[poll.status]}
              {poll.electorate && <> · <span data-testid="poll-turnout">{t.polls.turnout(poll.turnout.voted, poll.turnout.electorate)}</span></>}
            </p>
            {tiedElection && <p className="poll__runoff-of" data-testid="poll-runoff-of">{t.polls.runoffOf(tiedElection.title)}</p>}
            {may('polls.control') && poll.status !== 'published' && poll.status !== 'closed' && (
              <button
                type="button"
                className="button button--primary"
                disabled={action.busy}
                data-testid={poll.status === 'draft' ? 'poll-open' : 'poll-close'}
                onClick={() => void action.run(() => api.pollStep(conferenceId, poll.id, poll.status === 'draft' ? 'open' : 'close'))}
              >
                {poll.status === 'draft' ? t.polls.open : t.polls.close}
              </button>
            )}
            {tally && poll.status === 'open' && (
              <div className="poll__tally" data-testid="poll-tally">
                <h4>{t.polls.liveTally}</h4>
                <ul className="poll__counts">
                  {VOTE_CHOICES.map((c) => <li key={c} data-choice={c}>{poll.labels[c]}: <strong>{tally.counts[c]}</strong></li>)}
                </ul>
              </div>
            )}
            {poll.status === 'open' && may('ballots.cast') && (receipt
              ? <p className="notice notice--success" data-testid="ballot-receipt">{t.polls.receipt(receipt.receiptId)}</p>
              : <Ballot poll={poll} busy={action.busy} onCast={(body) => void action.run(async () => {
                const mine = await api.castBallot(conferenceId, poll.id, { idempotencyKey: crypto.randomUUID(), ...body });
                setCast((list) => [...list, mine]);
              })} />)}
            {poll.status === 'open' && siteId && may('polls.voters', siteId) && <NotVoted conferenceId={conferenceId} poll={poll} siteId={siteId} />}
            {poll.result && <Result poll={poll} result={poll.result} />}
            {poll.result?.kind === 'election' && poll.result.tie && may('polls.control') && (
              <Runoff conferenceId={conferenceId} poll={poll} runoff={polls.items.find((p) => p.runoffOf === poll.id)} />
            )}
          </article>
        );
      })}
      {may('polls.manage') && <CreatePoll conferenceId={conferenceId} agenda={agenda} />}
    </section>
  );
}

/** The ballot: an open vote's three big buttons; a confidence ballot's three levels per official; an election's candidates. */
function Ballot({ poll, busy, onCast }: { poll: PollView; busy: boolean; onCast: (body: Omit<CastBallotRequest, 'idempotencyKey'>) => void }) {
  const t = useT();
  const [ratings, setRatings] = useState<Record<string, ConfidenceLevel>>({});
  const [selected, setSelected] = useState<string[]>([]);
  if (poll.kind === 'open') {
    return (
      <div className="ballot ballot--open">
        {VOTE_CHOICES.map((choice) => (
          <button key={choice} type="button" className={`button button--large ballot__choice ballot__choice--${choice}`} disabled={busy}
            data-testid={`ballot-${choice}`} onClick={() => onCast({ choice })}>
            {poll.labels[choice]}
          </button>
        ))}
      </div>
    );
  }
  const complete = poll.kind === 'confidence' ? poll.options.every((o) => ratings[o.id]) : selected.length <= poll.maxChoices;
  return (
    <div className="ballot">
      <p className="notice">{t.polls.secretNote}</p>
      {poll.kind === 'election' && <p>{t.polls.chooseUpTo(poll.maxChoices)}</p>}
      {poll.options.map((o) => (
        <div key={o.id} className="ballot__row">
          <span className="ballot__name">{o.label}</span>
          {poll.kind === 'confidence'
            ? CONFIDENCE_LEVELS.map((level) => (
              <button key={level} type="button" aria-pressed={ratings[o.id] === level}
                className={`button ballot__choice${ratings[o.id] === level ? ' button--primary' : ''}`}
                onClick={() => setRatings((r) => ({ ...r, [o.id]: level }))}>
                {t.polls.levels[level]}
              </button>
            ))
            : (
              <button type="button" aria-pressed={selected.includes(o.id)}
                className={`button ballot__choice${selected.includes(o.id) ? ' button--primary' : ''}`}
                disabled={!selected.includes(o.id) && selected.length >= poll.maxChoices}
                onClick={() => setSelected((s) => (s.includes(o.id) ? s.filter((x) => x !== o.id) : [...s, o.id]))}>
                {selected.includes(o.id) ? '✓' : '○'}
              </button>
            )}
        </div>
      ))}
      <button type="button" className="button button--primary button--large" disabled={busy || !complete} data-testid="ballot-submit"
        onClick={() => onCast(poll.kind === 'confidence'
          ? { ratings: poll.options.map((o) => ({ optionId: o.id, level: ratings[o.id] })) }
          : { selected })}>
        {t.polls.submit}
      </button>
    </div>
  );
}

function Result({ poll, result }: { poll: PollView; result: PollResult }) {
  const t = useT();
  return (
    <div className="poll__result" data-testid="poll-result">
      <h4>{t.polls.result}</h4>
      <p className="poll__rule">{t.polls.rule(t.polls.base[result.base], t.polls.threshold[result.threshold], result.baseCount, result.required)}</p>
      {result.kind === 'open' && (
        <>
          <p className={`poll__verdict poll__verdict--${result.passed ? 'passed' : 'failed'}`} data-testid="poll-verdict">
            {result.passed ? t.polls.passed : t.polls.notPassed}
          </p>
          <ul className="poll__counts">
            {VOTE_CHOICES.map((c) => <li key={c}>{poll.labels[c]}: {t.polls.counts(result.counts[c], result.percents[c])}</li>)}
          </ul>
        </>
      )}
      {result.kind === 'confidence' && (
        <table className="poll__table">
          <tbody>
            {result.officials.map((o) => (
              <tr key={o.optionId}>
                <th>{o.label}</th>
                {CONFIDENCE_LEVELS.map((level) => <td key={level}>{t.polls.levels[level]}: {t.polls.counts(o.counts[level], o.percents[level])}</td>)}
                <td>{o.lowTwoThirds ? t.polls.lowTwoThirds : o.lowOverHalf ? t.polls.lowOverHalf : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.kind === 'election' && (
        <>
          <table className="poll__table">
            <tbody>
              {result.candidates.map((c) => (
                <tr key={c.optionId}>
                  <th>{c.label}</th>
                  <td>{t.polls.counts(c.votes, c.percent)}</td>
                  <td>{t.polls.outcome[c.outcome]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.tie && (
            <p className="notice notice--warning" data-testid="poll-tie">
              {t.polls.tie}{' '}
              {t.polls.tiedFor(result.candidates.filter((c) => result.tie!.optionIds.includes(c.optionId)).map((c) => c.label).join(', '), result.tie.seats)}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The chair resolves a tie at the last seat the Party's way: a re-vote among the tied candidates for the
 * seats left, prepared here as a draft election and opened like any poll. Once prepared, it is named.
 */
function Runoff({ conferenceId, poll, runoff }: { conferenceId: string; poll: PollView; runoff?: PollView }) {
  const t = useT();
  const action = useAction();
  const [title, setTitle] = useState('');
  if (runoff) return <p className="notice" data-testid="poll-runoff">{t.polls.runoffExists(runoff.title)}</p>;
  return (
    <form className="poll-runoff" data-testid="poll-runoff-form" onSubmit={(event) => {
      event.preventDefault();
      void action.run(() => api.createRunoff(conferenceId, poll.id, title.trim() ? { title: title.trim() } : {}));
    }}>
      <label>
        {t.polls.runoffTitle}
        <input value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} data-testid="poll-runoff-title" />
      </label>
      <ErrorNotice error={action.error} />
      <button type="submit" className="button button--primary" disabled={action.busy} data-testid="poll-runoff-create">{t.polls.runoffCreate}</button>
    </form>
  );
}

/** Who at this site has not voted yet, read again whenever the turnout moves. */
function NotVoted({ conferenceId, poll, siteId }: { conferenceId: string; poll: PollView; siteId: string }) {
  const t = useT();
  const [voters, setVoters] = useState<PollVoterView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api.pollVoters(conferenceId, poll.id, siteId).then((list) => current && setVoters(list), (e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [conferenceId, poll.id, siteId, poll.turnout.voted]);
  const waiting = voters?.filter((v) => !v.voted) ?? [];
  return (
    <div className="poll__not-voted" data-testid="poll-not-voted">
      <h4>{t.polls.notVoted}</h4>
      <ErrorNotice error={error} />
      {voters && (waiting.length === 0 ? <p>{t.polls.allVoted}</p> : <ul>{waiting.map((v) => <li key={v.participantId}>{v.fullName}</li>)}</ul>)}
    </div>
  );
}

function CreatePoll({ conferenceId, agenda }: { conferenceId: string; agenda: AgendaItemView[] }) {
  const t = useT();
  const action = useAction();
  const items = [...agenda.filter((i) => i.kind === 'vote'), ...agenda.filter((i) => i.kind !== 'vote')];
  const [agendaItemId, setItem] = useState(items[0]?.id ?? '');
  const [kind, setKind] = useState<PollKind>('open');
  const [title, setTitle] = useState('');
  const [options, setOptions] = useState('');
  const [seats, setSeats] = useState(1);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const list = options.split('\n').map((o) => o.trim()).filter(Boolean);
    const ok = await action.run(() => api.createPoll(conferenceId, {
      agendaItemId, kind, title: title.trim(), ...(kind === 'open' ? {} : { options: list }), ...(kind === 'election' ? { maxChoices: seats } : {}),
    }));
    if (ok) {
      setTitle('');
      setOptions('');
    }
  };

  return (
    <form className="poll-create" onSubmit={submit}>
      <h3>{t.polls.create}</h3>
      <label>
        {t.polls.createItem}
        <select value={agendaItemId} onChange={(e) => setItem(e.target.value)}>
          {items.map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
        </select>
      </label>
      <label>
        {t.polls.createKind}
        <select value={kind} onChange={(e) => setKind(e.target.value as PollKind)} data-testid="poll-kind">
          {POLL_KINDS.map((k) => <option key={k} value={k}>{t.polls.kind[k]}</option>)}
        </select>
      </label>
      <label>
        {t.polls.createTitle}
        <input value={title} maxLength={300} required onChange={(e) => setTitle(e.target.value)} data-testid="poll-title" />
      </label>
      {kind !== 'open' && (
        <label>
          {t.polls.createOptions}
          <textarea value={options} rows={4} onChange={(e) => setOptions(e.target.value)} />
        </label>
      )}
      {kind === 'election' && (
        <label>
          {t.polls.createSeats}
          <input type="number" min={1} value={seats} onChange={(e) => setSeats(Number(e.target.value))} />
        </label>
      )}
      <ErrorNotice error={action.error} />
      <button type="submit" className="button button--primary" disabled={action.busy || !title.trim() || !agendaItemId} data-testid="poll-create">
        {t.polls.createSubmit}
      </button>
    </form>
  );
}
