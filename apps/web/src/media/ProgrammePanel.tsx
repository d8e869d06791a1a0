import type { MediaControlsView } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';
import { LocalPreview } from './LocalPreview';
import { MediaStatusLine } from './MediaStatusLine';
import { SharedScreen, ShareButton } from './ScreenShare';
import type { MediaControls } from './useMediaSession';
import { VideoTile } from './VideoTile';

/**
 * A connected site's television: the main hall, the site that has the floor, and its own camera; while a
 * screen is shared, the screen large and the speakers small. The chair's mute is said here, and the
 * microphone cannot be switched back on while it holds.
 */
export function ProgrammePanel({ media, siteNames, siteId, mediaControls }: {
  media: MediaControls;
  siteNames: Map<string, string>;
  siteId: string;
  mediaControls: MediaControlsView;
}) {
  const t = useT();
  const { programme, remote, status, isMain, screenTrack } = media.state;
  const mainSiteId = programme?.mainSiteId ?? null;
  // The floor holder's picture, unless the floor is this site's own (then it sees itself in the preview).
  const floorSiteId = programme?.floorSiteId && programme.floorSiteId !== siteId ? programme.floorSiteId : null;
  const mayShare = isMain || (programme?.floorSiteId === siteId && mediaControls.floorShareAllowed);
  const muted = mediaControls.mutedSiteIds.includes(siteId);
  const mutedOthers = mediaControls.mutedSiteIds.filter((id) => id !== siteId).map((id) => siteNames.get(id)).filter(Boolean);
  // The warm next speakers, attached but hidden: keyed by site like the floor's tile, so the one that gets the
  // floor keeps its player (already receiving) and is shown at once, without a new source to load.
  const warm = (programme?.warmSiteIds ?? []).filter((s) => s !== siteId && s !== floorSiteId && s !== mainSiteId);
  return (
    <section className="panel programme" aria-label={t.media.joined}>
      <MediaStatusLine media={media} />
      {muted && <p className="notice notice--warning" data-testid="muted-by-chair">{t.media.mutedByChair}</p>}
      {mutedOthers.length > 0 && <p className="muted-sites" data-testid="muted-sites">{t.media.mutedSites(mutedOthers.join(', '))}</p>}
      {status !== 'idle' && (
        <>
          <ShareButton media={media} allowed={mayShare} siteNames={siteNames} />
          <div className={`programme__screens${screenTrack ? ' programme__screens--sharing' : ''}`}>
            <SharedScreen media={media} siteNames={siteNames} />
            <figure>
              <VideoTile tracks={mainSiteId ? remote.get(mainSiteId) : undefined} placeholder={t.media.noSignal} testId="programme-main" siteId={mainSiteId} />
              <figcaption>{t.media.mainHall}</figcaption>
            </figure>
            <figure>
              {[
                // One list, so that React matches the keys across the floor's tile and the warm ones.
                <VideoTile
                  key={floorSiteId ?? ''}
                  tracks={floorSiteId ? remote.get(floorSiteId) : undefined}
                  placeholder={programme?.floorSiteId === siteId ? t.site.speakingNow : t.media.noFloor}
                  testId="programme-floor"
                  siteId={floorSiteId}
                />,
                ...warm.map((s) => <VideoTile key={s} tracks={remote.get(s)} placeholder="" testId="programme-next" siteId={s} standby />),
              ]}
              <figcaption>{floorSiteId ? siteNames.get(floorSiteId) ?? '' : t.media.floorSite}</figcaption>
            </figure>
            <LocalPreview media={media} micLocked={muted} />
          </div>
        </>
      )}
    </section>
  );
}
