import type { RecordingFile, RecordingsResponse } from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { useAction } from '../hooks/useAction';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import { ErrorNotice } from './ErrorNotice';

/** When a file's recording began, from its name (`2026-12-01T00-30-00-000Z.webm`), else when it was last written. */
function startOf(file: RecordingFile): string {
  const match = /^(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z/.exec(file.file);
  return match ? `${match[1]}:${match[2]}:${match[3]}.${match[4]}Z` : file.modifiedAt;
}

/**
 * The programme's recordings for the chairs and the secretariat: each file played here (the player seeks
 * with range requests) or downloaded. A file still being written waits until the recorder moves on.
 * `refreshKey` changes when the console's media session hears recording start, move to a new file or stop.
 */
export function RecordingsPanel({ conferenceId, refreshKey }: { conferenceId: string; refreshKey: string }) {
  const t = useT();
  const [list, setList] = useState<RecordingsResponse | null>(null);
  const [playing, setPlaying] = useState<{ file: RecordingFile; url: string } | null>(null);
  const [reloads, setReloads] = useState(0);
  const load = useAction();
  const action = useAction();

  useEffect(() => {
    let current = true;
    void load.run(async () => {
      const answer = await api.recordings(conferenceId);
      if (current) setList(answer);
    });
    return () => void (current = false);
  }, [conferenceId, refreshKey, reloads, load.run]);

  const play = (file: RecordingFile) => void action.run(async () => {
    const link = await api.recordingLink(conferenceId, file.file);
    setPlaying({ file, url: link.url });
  });
  const download = (file: RecordingFile) => void action.run(async () => {
    const link = await api.recordingLink(conferenceId, file.file);
    const anchor = document.createElement('a');
    anchor.href = link.downloadUrl;
    anchor.download = file.file;
    anchor.click();
  });

  const files = list ? [...list.files].reverse() : []; // newest first
  return (
    <section className="panel recordings-panel" data-testid="recordings-panel">
      <header className="panel__header">
        <h2>
          {t.recordings.title}
          {list?.recording.active && <span className="rec-badge" data-testid="recordings-active">● {t.recordings.recordingNow}</span>}
        </h2>
        <button type="button" className="button button--small" disabled={load.busy} onClick={() => setReloads((n) => n + 1)} data-testid="recordings-refresh">
          {t.recordings.refresh}
        </button>
      </header>
      <ErrorNotice error={load.error ?? action.error} />
      {playing && (
        <figure className="recording-player">
          <video src={playing.url} controls autoPlay preload="metadata" data-testid="recording-player" data-file={playing.file.file} />
          <figcaption>
            {t.recordings.playing(formatDateTime(startOf(playing.file), t.locale))}
            <button type="button" className="button button--small" onClick={() => setPlaying(null)}>{t.recordings.close}</button>
          </figcaption>
        </figure>
      )}
      {list && files.length === 0 && <p className="empty">{t.recordings.empty}</p>}
      <ul className="recordings">
        {files.map((f) => (
          <li key={f.file} className="recording-item" data-testid="recording-file" data-file={f.file} data-bytes={f.bytes} data-active={f.active}>
            <span className="recording-item__when">{t.recordings.startedAt(formatDateTime(startOf(f), t.locale))}</span>
            <span className="recording-item__size">{t.recordings.size((f.bytes / 2 ** 20).toFixed(1))}</span>
            {f.active ? (
              <span className="recording-item__state">{t.recordings.inProgress}</span>
            ) : (
              <span className="button-row">
                <button type="button" className="button button--small" disabled={action.busy} onClick={() => play(f)} data-testid="recording-play">{t.recordings.play}</button>
                <button type="button" className="button button--small" disabled={action.busy} onClick={() => download(f)} data-testid="recording-download">{t.recordings.download}</button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
