import type { MediaRole } from '@hoinghi/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { initialMediaState, MediaSession, type MediaState, type MediaView } from './media-session';

declare global {
  interface Window {
    /** The current media session, for support staff in the browser console (and the browser tests). */
    hoinghiMedia?: MediaSession;
  }
}

/** Remembered for the tab (sessionStorage): the user joined this site's video, so a reload resumes it. */
const resumeKey = (conferenceId: string, siteId: string) => `hoinghi.media.${conferenceId}.${siteId}`;

/**
 * One connection of a site's media for as long as the page shows it, as the site's publisher (its
 * camera and microphone) or as a viewer (the chair's console). Joining is one click; after a reload
 * the tab joins again by itself (with a fresh token), until the user leaves.
 */
export function useMediaSession(conferenceId: string, siteId: string, role: MediaRole, view: MediaView) {
  const [state, setState] = useState<MediaState>(initialMediaState);
  const session = useRef<MediaSession | null>(null);

  const close = useCallback(() => {
    session.current?.close();
    session.current = null;
    window.hoinghiMedia = undefined;
  }, []);

  const join = useCallback(() => {
    close();
    sessionStorage.setItem(resumeKey(conferenceId, siteId), role);
    const next = new MediaSession(conferenceId, () => api.mediaToken(conferenceId, siteId), setState, role, view);
    session.current = next;
    window.hoinghiMedia = next;
    void next.start();
  }, [conferenceId, siteId, role, view, close]);

  /** The user leaves: no resuming after a reload. */
  const leave = useCallback(() => {
    sessionStorage.removeItem(resumeKey(conferenceId, siteId));
    close();
  }, [conferenceId, siteId, close]);

  useEffect(() => {
    if (sessionStorage.getItem(resumeKey(conferenceId, siteId))) join();
    return close;
  }, [conferenceId, siteId, join, close]);

  return {
    state,
    join,
    leave,
    takeOver: () => session.current?.takeOver() ?? Promise.resolve(),
    setMic: (on: boolean) => void session.current?.setMic(on),
    setCamera: (on: boolean) => void session.current?.setCamera(on),
    shareScreen: () => void session.current?.shareScreen(),
    stopScreen: () => void session.current?.stopScreen(),
    startRecording: () => void session.current?.startRecording(),
    stopRecording: () => void session.current?.stopRecording(),
    fitVideo: (siteId: string, pixels: number) => session.current?.fitVideo(siteId, pixels),
  };
}

export type MediaControls = ReturnType<typeof useMediaSession>;
