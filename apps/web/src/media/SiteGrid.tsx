import type { SiteQuality, SiteView } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';
import { LocalPreview } from './LocalPreview';
import { MediaStatusLine } from './MediaStatusLine';
import type { MediaControls } from './useMediaSession';
import { VideoTile } from './VideoTile';

/** The main hall's wall: every site as a tile with its link quality, the active speaker and the floor holder marked. */
export function SiteGrid({ media, sites, mainSiteId, floorSiteId, canRecord }: {
  media: MediaControls;
  sites: SiteView[];
  mainSiteId: string;
  floorSiteId: string | null;
  canRecord: boolean;
}) {
  const t = useT();
  const { remote, quality, activeSpeakerSiteId, status, recording } = media.state;
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
      {status !== 'idle' && (
        <div className="site-grid" data-testid="site-grid" data-active-speaker={activeSpeakerSiteId ?? ''}>
          {sites.filter((s) => s.id !== mainSiteId).map((site) => (
            <figure
              key={site.id}
              className={`site-tile${site.id === activeSpeakerSiteId ? ' site-tile--speaking' : ''}${site.id === floorSiteId ? ' site-tile--floor' : ''}`}
              data-testid="site-tile"
              data-site-id={site.id}
              data-active-speaker={site.id === activeSpeakerSiteId ? 'true' : 'false'}
            >
              {/* Only the floor holder is heard in the hall; the others are seen. */}
              <VideoTile tracks={remote.get(site.id)} muted={site.id !== floorSiteId} placeholder={t.media.noSignal} testId="site-video" siteId={site.id} />
              <figcaption>
                {site.name}
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
