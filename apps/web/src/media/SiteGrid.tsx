import type { AudioCommandName, MediaControlsView, SiteQuality, SiteView } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';
import { LocalPreview } from './LocalPreview';
import { MediaStatusLine } from './MediaStatusLine';
import { SharedScreen, ShareButton } from './ScreenShare';
import type { MediaControls } from './useMediaSession';
import { VideoTile } from './VideoTile';

/** The chair's media controls: the state as the meeting service has it, and the commands. */
export interface ChairMediaControls {
  state: MediaControlsView;
  busy: boolean;
  audio(command: AudioCommandName, siteId?: string): void;
  setFloorShare(allowed: boolean): void;
}

/**
 * The main hall's wall: every site as a tile with its link quality, the active speaker, the floor holder
 * and the chair's mute marked; a shared screen above it; the chair's audio and sharing controls.
 */
export function SiteGrid({ media, sites, mainSiteId, floorSiteId, canRecord, controls }: {
  media: MediaControls;
  sites: SiteView[];
  mainSiteId: string;
  floorSiteId: string | null;
  canRecord: boolean;
  controls: ChairMediaControls;
}) {
  const t = useT();
  const { remote, quality, activeSpeakerSiteId, status, recording } = media.state;
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const muted = new Set(controls.state.mutedSiteIds);
  return (
    <section className="panel site-grid-panel">
      <div className="site-grid-panel__bar">
        <h2>{t.media.grid}</h2>
        <MediaStatusLine media={media} />
        {canRecord && status === 'joined' && (
          recording?.active ? (
            <button type="button" className="button" data-testid="recording-stop" onClick={media.stopRecording}>{t.media.recordStop}</button>
          ) : (
            <button type="button" className="button" data-testid="recording-start" onClick={media.startRecording}>{t.media.recordStart}</button>
          )
        )}
        {recording?.active && <span className="rec-badge" data-testid="recording-badge">● {t.media.recording}</span>}
      </div>
      <div className="chair-media-controls" data-testid="chair-media-controls">
        <ShareButton media={media} allowed siteNames={names} />
        <label className="chair-media-controls__toggle">
          <input
            type="checkbox"
            data-testid="floor-share-allowed"
            checked={controls.state.floorShareAllowed}
            disabled={controls.busy}
            onChange={(e) => controls.setFloorShare(e.target.checked)}
          />
          {t.media.allowFloorShare}
        </label>
        <button type="button" className="button button--small" data-testid="mute-all-but-floor" disabled={controls.busy} onClick={() => controls.audio('mute-all-but-floor')}>
          {t.media.muteAllButFloor}
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="unmute-all"
          disabled={controls.busy || muted.size === 0}
          title={muted.size === 0 ? t.media.nobodyMuted : undefined}
          onClick={() => controls.audio('unmute-all')}
        >
          {t.media.unmuteAll}
        </button>
      </div>
      {status !== 'idle' && <SharedScreen media={media} siteNames={names} />}
      {status !== 'idle' && (
        <div className="site-grid" data-testid="site-grid" data-active-speaker={activeSpeakerSiteId ?? ''}>
          {sites.filter((s) => s.id !== mainSiteId).map((site) => (
            <figure
              key={site.id}
              className={`site-tile${site.id === activeSpeakerSiteId ? ' site-tile--speaking' : ''}${site.id === floorSiteId ? ' site-tile--floor' : ''}`}
              data-testid="site-tile"
              data-site-id={site.id}
              data-active-speaker={site.id === activeSpeakerSiteId ? 'true' : 'false'}
              data-muted={muted.has(site.id) ? 'true' : 'false'}
            >
              {/* Only the floor holder is heard in the hall; the others are seen. */}
              <VideoTile
                tracks={remote.get(site.id)}
                muted={site.id !== floorSiteId}
                placeholder={t.media.noSignal}
                testId="site-video"
                siteId={site.id}
                onShownHeight={(pixels) => media.fitVideo(site.id, pixels)}
              />
              <figcaption>
                {site.name}
                {muted.has(site.id) && <span className="muted-badge" data-testid="muted-badge">{t.media.muted}</span>}
                <button
                  type="button"
                  className="button button--small"
                  data-testid="site-mute"
                  disabled={controls.busy}
                  onClick={() => controls.audio(muted.has(site.id) ? 'unmute' : 'mute', site.id)}
                >
                  {muted.has(site.id) ? t.media.unmute : t.media.mute}
                </button>
                <QualityBadge quality={quality.get(site.id)} />
              </figcaption>
            </figure>
          ))}
          <LocalPreview media={media} />
        </div>
      )}
    </section>
  );
}

function QualityBadge({ quality }: { quality: SiteQuality | undefined }) {
  const t = useT();
  if (!quality) return null;
  const kbps = (bits: number) => Math.round(bits / 1000);
  const loss = Math.round(Math.max(quality.uplinkLoss, quality.downlinkLoss) * 1000) / 10;
  const title = t.media.quality(kbps(quality.inboundBitrate), kbps(quality.outboundBitrate), loss, quality.rttMs === null ? '–' : `${Math.round(quality.rttMs)} ms`);
  const label = quality.audioOnly ? t.media.audioOnly : quality.poor ? t.media.poor : t.media.good;
  return (
    <span className={`quality-badge${quality.poor ? ' quality-badge--poor' : ''}`} data-testid="quality-badge" data-poor={quality.poor} title={title}>
      {label} · {title}
    </span>
  );
}
