import { useT } from '../i18n/I18nContext';
import { LocalPreview } from './LocalPreview';
import { MediaStatusLine } from './MediaStatusLine';
import type { MediaControls } from './useMediaSession';
import { VideoTile } from './VideoTile';

/** A connected site's television: the main hall, the site that has the floor, and its own camera. */
export function ProgrammePanel({ media, siteNames, siteId }: { media: MediaControls; siteNames: Map<string, string>; siteId: string }) {
  const t = useT();
  const { programme, remote, status } = media.state;
  const mainSiteId = programme?.mainSiteId ?? null;
  // The floor holder's picture, unless the floor is this site's own (then it sees itself in the preview).
  const floorSiteId = programme?.floorSiteId && programme.floorSiteId !== siteId ? programme.floorSiteId : null;
  return (
    <section className="panel programme" aria-label={t.media.joined}>
      <MediaStatusLine media={media} />
      {status !== 'idle' && (
        <div className="programme__screens">
          <figure>
            <VideoTile tracks={mainSiteId ? remote.get(mainSiteId) : undefined} placeholder={t.media.noSignal} testId="programme-main" siteId={mainSiteId} />
            <figcaption>{t.media.mainHall}</figcaption>
          </figure>
          <figure>
            <VideoTile
              tracks={floorSiteId ? remote.get(floorSiteId) : undefined}
              placeholder={programme?.floorSiteId === siteId ? t.site.speakingNow : t.media.noFloor}
              testId="programme-floor"
              siteId={floorSiteId}
            />
            <figcaption>{floorSiteId ? siteNames.get(floorSiteId) ?? '' : t.media.floorSite}</figcaption>
          </figure>
          <LocalPreview media={media} />
        </div>
      )}
    </section>
  );
}
