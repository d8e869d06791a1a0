import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { initialMediaState, MediaSession, type MediaState } from './media-session';

declare global {
  interface Window {
    /** The current media session, for support staff in the browser console (and the browser tests). */
    hoinghiMedia?: MediaSession;
  }
}

/** One site's media session for as long as the page shows it; joining is one click. */
export function useMediaSession(conferenceId: string, siteId: string) {
  const [state, setState] = useState<MediaState>(initialMediaState);
  const session = useRef<MediaSession | null>(null);

  const leave = useCallback(() => {
    session.current?.close();
    session.current = null;
    window.hoinghiMedia = undefined;
  }, []);

  const join = useCallback(() => {
    leave();
    const next = new MediaSession(conferenceId, () => api.mediaToken(conferenceId, siteId), setState);
    session.current = next;
    window.hoinghiMedia = next;
    void next.start();
  }, [conferenceId, siteId, leave]);

  useEffect(() => leave, [leave]);

  // Stable, so that effects depending on it run only when what they watch changes.
  const listRecordings = useCallback(() => session.current?.listRecordings() ?? Promise.resolve(null), []);

  return {
    state,
    join,
    leave,
    setMic: (on: boolean) => void session.current?.setMic(on),
    setCamera: (on: boolean) => void session.current?.setCamera(on),
    startRecording: () => void session.current?.startRecording(),
    stopRecording: () => void session.current?.stopRecording(),
    listRecordings,
  };
}

export type MediaControls = ReturnType<typeof useMediaSession>;
