import type { RecordingFile } from '@hoinghi/contracts';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/I18nContext';
import type { MediaControls } from './useMediaSession';

/** The conference's recorded files on the media server, refreshed when recording starts or stops. */
export function RecordingList({ media }: { media: MediaControls }) {
  const t = useT();
  const [files, setFiles] = useState<RecordingFile[]>([]);
  const { status, recording } = media.state;
  const { listRecordings } = media;

  useEffect(() => {
    if (status !== 'joined') return;
    let cancelled = false;
    listRecordings().then(
      (answer) => !cancelled && answer && setFiles(answer.files),
      () => undefined, // the list is informative; the recording itself is unaffected
    );
    return () => {
      cancelled = true;
    };
  }, [status, recording?.active, recording?.file, listRecordings]);

  if (files.length === 0) return null;
  return (
    <div className="recordings">
      <h3>{t.media.recordings}</h3>
      <ul>
        {files.map((f) => (
          <li key={f.file} data-testid="recording-file" data-bytes={f.bytes}>
            {f.file} · {(f.bytes / 2 ** 20).toFixed(1)} MB · {formatDateTime(f.modifiedAt, t.locale)}
            {f.active && ` · ${t.media.recording}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
