import type { QuorumView } from '@hoinghi/contracts';
import { useT } from '../i18n/I18nContext';

export function QuorumLine({ quorum }: { quorum: QuorumView }) {
  const t = useT();
  return (
    <p className={`quorum quorum--${quorum.reached ? 'reached' : 'missing'}`} data-testid="quorum" data-reached={String(quorum.reached)}>
      {quorum.reached ? t.quorum.reached(quorum.present, quorum.required) : t.quorum.notReached(quorum.present, quorum.required)}
    </p>
  );
}
