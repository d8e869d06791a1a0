import type { DocumentJobReceipt, DocumentJobView } from '@hoinghi/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { useAction, type ActionRunner } from './useAction';

export type DocumentDownloadState = 'idle' | 'waiting' | 'failed' | { ready: DocumentJobView };

/**
 * Asks the worker for a document (the request returns its job), polls the job, and hands the file to
 * the browser once ready; the state says where it stands (and, once ready, what the job says of it).
 */
export function useDocumentDownload(conferenceId: string): { action: ActionRunner; state: DocumentDownloadState; download: (request: () => Promise<DocumentJobReceipt>) => Promise<void> } {
  const action = useAction();
  const [state, setState] = useState<DocumentDownloadState>('idle');
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true; // again after React's StrictMode runs effects twice
    return () => void (alive.current = false);
  }, []);
  const download = (request: () => Promise<DocumentJobReceipt>) => action.run(async () => {
    setState('waiting');
    const { jobId } = await request();
    let job = await api.documentJob(conferenceId, jobId);
    for (let wait = 300; alive.current && job.status === 'queued'; wait = Math.min(wait * 1.5, 2000)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      job = await api.documentJob(conferenceId, jobId);
    }
    if (job.status === 'failed') return setState('failed');
    if (job.status !== 'ready') return;
    saveFile(await api.downloadDocument(conferenceId, jobId));
    setState({ ready: job });
  }).then((ok) => void (!ok && setState('idle')));
  return { action, state, download };
}

/** Hands a downloaded file to the browser, to save under its name. */
export function saveFile({ blob, fileName }: { blob: Blob; fileName: string }): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
