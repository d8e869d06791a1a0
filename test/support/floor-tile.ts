/// <reference lib="dom" />
// The floor switch as a district sees it, timed inside its page: used by the Chromium programme test
// (test/browser/media.e2e-spec.ts) and the floor-switch bench (bench/floor-switch.ts).
import type { Page } from 'playwright-core';

/**
 * Times (Date.now(), the page's clock, which is the test's on one machine): the floor tile naming the
 * speaker, the first new frame presented in it and when its packets came; its decode time and width;
 * the page's long tasks (main thread busy > 50 ms) meanwhile.
 */
export interface FloorTileShown {
  tile: number;
  frame: number;
  frameReceived: number;
  decodeMs: number;
  width: number;
  longTasks: number;
}

/**
 * When `page`'s floor tile first names `siteId` (MutationObserver, right after React's commit) and when it
 * first presents a frame of it received after `since` (requestVideoFrameCallback metadata: receive time,
 * decode time, width); the page's long tasks meanwhile.
 */
export function floorTileRenders(page: Page, siteId: string, since: number): Promise<FloorTileShown> {
  return page.evaluate(({ site, after }) => new Promise<FloorTileShown>((resolve, reject) => {
    const until = Date.now() + 15_000;
    const watched = new WeakSet<HTMLVideoElement>();
    const selector = `[data-testid="programme-floor"][data-site-id="${site}"]`;
    let tile = 0;
    let done = false;
    let longTasks = 0;
    const tasks = new PerformanceObserver((list) => list.getEntries().forEach((e) => void (longTasks += e.duration)));
    tasks.observe({ type: 'longtask' });
    const mutations = new MutationObserver(() => {
      if (!tile && document.querySelector(selector)) tile = Date.now();
    });
    mutations.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-site-id', 'data-testid'] });
    const watch = (video: HTMLVideoElement) => video.requestVideoFrameCallback((_now, frame) => {
      const received = frame.receiveTime === undefined ? Date.now() : performance.timeOrigin + frame.receiveTime;
      if (received >= after && video.closest(selector)) {
        done = true;
        tasks.disconnect();
        mutations.disconnect();
        resolve({ tile: tile || Date.now(), frame: Date.now(), frameReceived: received, decodeMs: (frame.processingDuration ?? NaN) * 1000, width: frame.width, longTasks });
      } else if (!done) watch(video);
    });
    const poll = () => {
      if (done) return;
      if (!tile && document.querySelector(selector)) tile = Date.now();
      const video = document.querySelector<HTMLVideoElement>(`[data-site-id="${site}"] video`);
      if (video && !watched.has(video)) {
        watched.add(video);
        watch(video);
      }
      if (Date.now() > until) return reject(new Error(`the floor tile showed no new frame of site ${site}`));
      setTimeout(poll, 5);
    };
    poll();
  }), { site: siteId, after: since });
}
