import type { OrgUnitView, SiteView } from '@hoinghi/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FieldError } from '../../components/FieldError';
import { OrgUnitPicker } from '../../components/OrgUnitPicker';
import { useAction } from '../../hooks/useAction';
import { useT } from '../../i18n/I18nContext';

/** The site tree as a list, and a site added under any of them (before or during the conference). */
export function SitesPanel({ conferenceId, sites, closed, onAdded }: { conferenceId: string; sites: SiteView[]; closed: boolean; onAdded(site: SiteView): void }) {
  const t = useT();
  const action = useAction();
  const [name, setName] = useState('');
  const [unit, setUnit] = useState<OrgUnitView | null>(null);
  const [parentId, setParentId] = useState('');
  const fields = action.error instanceof ApiError ? action.error.fields : {};
  const depth = (site: SiteView): number => (site.parentSiteId ? 1 + depth(sites.find((s) => s.id === site.parentSiteId) ?? { ...site, parentSiteId: null }) : 0);

  const add = () =>
    action.run(async () => {
      const site = await api.addSite(conferenceId, { name: name.trim(), orgUnitId: unit?.id ?? '', ...(parentId ? { parentSiteId: parentId } : {}) });
      onAdded(site);
      setName('');
      setUnit(null);
    });

  return (
    <fieldset className="form-section" data-testid="setup-sites" disabled={closed}>
      <legend>{t.setup.sites} ({sites.length})</legend>
      <ul className="site-tree">
        {sites.map((site) => (
          <li key={site.id} style={{ paddingLeft: `${depth(site) * 1.25}rem` }}>
            {site.isMain ? '★ ' : '└ '}
            {site.name} <span className="muted">· {site.orgUnitName}</span>
          </li>
        ))}
      </ul>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="setup-site-name">{t.setup.siteName}</label>
          <input id="setup-site-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          <FieldError fields={fields} path="name" />
        </div>
        <div className="field">
          <label htmlFor="setup-site-unit">{t.setup.siteUnit}</label>
          <OrgUnitPicker inputId="setup-site-unit" value={unit} onChange={setUnit} invalid={Boolean(fields.orgUnitId)} />
          <FieldError fields={fields} path="orgUnitId" />
        </div>
        <div className="field">
          <label htmlFor="setup-site-parent">{t.setup.parentSite}</label>
          <select id="setup-site-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{sites.find((s) => s.isMain)?.name}</option>
            {sites.filter((s) => !s.isMain).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
      </div>
      <ErrorNotice error={action.error} />
      <div className="form-actions">
        <button type="button" className="button" data-testid="setup-add-site" disabled={action.busy || !name.trim() || !unit} onClick={add}>
          {t.setup.addSite}
        </button>
      </div>
    </fieldset>
  );
}
