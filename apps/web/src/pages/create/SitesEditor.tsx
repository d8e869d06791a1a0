import type { OrgUnitView } from '@hoinghi/contracts';
import { FieldError } from '../../components/FieldError';
import { OrgUnitPicker } from '../../components/OrgUnitPicker';
import { useT } from '../../i18n/I18nContext';
import { newSite, type SiteDraft } from './draft';

interface Props {
  sites: SiteDraft[];
  onChange(sites: SiteDraft[]): void;
  fields: Record<string, string[]>;
}

/** The main site (first, cannot be removed) and the connected sites, each optionally relayed through another. */
export function SitesEditor({ sites, onChange, fields }: Props) {
  const t = useT();

  const update = (index: number, patch: Partial<SiteDraft>) => onChange(sites.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const remove = (index: number) => {
    const removedKey = sites[index].key;
    // Sites relayed through the removed one become directly connected.
    onChange(sites.filter((_, i) => i !== index).map((s) => (s.parentKey === removedKey ? { ...s, parentKey: '' } : s)));
  };

  // Picking a unit names an unnamed site after it, which is how such sites are usually called.
  const pickUnit = (index: number, unit: OrgUnitView | null) =>
    update(index, unit && !sites[index].name.trim() ? { orgUnit: unit, name: `${t.create.sitePrefix} ${unit.name}` } : { orgUnit: unit });

  return (
    <fieldset className="form-section">
      <legend>{t.create.sites}</legend>
      {sites.map((site, index) => {
        const id = `site-${site.key}`;
        const path = `sites.${index}`;
        return (
          <div key={site.key} className="editor-row">
            <div className="editor-row__heading">
              <strong>{index === 0 ? t.create.mainSite : t.create.connectedSite(index)}</strong>
              {index > 0 && (
                <button type="button" className="button button--small button--danger" onClick={() => remove(index)}>
                  {t.create.removeSite}
                </button>
              )}
            </div>
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`${id}-org-unit`}>{t.create.siteOrgUnit}</label>
                <OrgUnitPicker
                  inputId={`${id}-org-unit`}
                  value={site.orgUnit}
                  invalid={Boolean(fields[`${path}.orgUnitId`])}
                  onChange={(unit) => pickUnit(index, unit)}
                />
                <FieldError fields={fields} path={`${path}.orgUnitId`} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-name`}>{t.create.siteName}</label>
                <input id={`${id}-name`} value={site.name} onChange={(event) => update(index, { name: event.target.value })} />
                <FieldError fields={fields} path={`${path}.name`} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-place`}>{t.create.sitePlace}</label>
                <input id={`${id}-place`} value={site.place} onChange={(event) => update(index, { place: event.target.value })} />
                <FieldError fields={fields} path={`${path}.place`} />
              </div>
              {index > 0 && (
                <div className="field">
                  <label htmlFor={`${id}-parent`}>{t.create.parentSite}</label>
                  <select id={`${id}-parent`} value={site.parentKey} onChange={(event) => update(index, { parentKey: event.target.value })}>
                    <option value="">{t.create.noParentSite}</option>
                    {sites
                      .filter((other) => other.key !== site.key)
                      .map((other) => (
                        <option key={other.key} value={other.key}>
                          {other.name.trim() || t.create.untitledSite}
                        </option>
                      ))}
                  </select>
                  <FieldError fields={fields} path={`${path}.parentKey`} />
                </div>
              )}
            </div>
          </div>
        );
      })}
      <FieldError fields={fields} path="sites" />
      <button type="button" className="button" onClick={() => onChange([...sites, newSite()])}>
        + {t.create.addSite}
      </button>
    </fieldset>
  );
}
