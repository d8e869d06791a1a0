import { useT } from '../i18n/I18nContext';

/** "12/300 ký tự" under a text input with a length limit; red when at the limit. */
export function CharCount({ used, max }: { used: number; max: number }) {
  const t = useT();
  return (
    <span className={`char-count${used >= max ? ' char-count--full' : ''}`} data-testid="char-count" aria-live="polite">
      {t.confirm.chars(used, max)}
    </span>
  );
}
